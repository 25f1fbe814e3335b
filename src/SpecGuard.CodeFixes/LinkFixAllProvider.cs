using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.CodeFixes.Infrastructure;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// Fix-all for SPEC100/SPEC101. Each document is edited once with every diagnostic in it (one <c>using</c> added,
    /// not one per fix). Deciding what code implements is a person's call, so fix-all is deliberately narrow:
    /// <list type="bullet">
    /// <item>"Implement ID": the document only (link the untraced code you are looking at to one criterion);</item>
    /// <item>"Exempt from traceability": the document or the project.</item>
    /// </list>
    /// Solution scope is not offered: it is what <c>dotnet format</c> uses, and a formatter run must never link or
    /// exempt a whole code base on its own. Baselined code (SPEC106) is left out: the fix is offered on it one by one,
    /// but fix-all must not turn recorded debt into exemptions nobody wrote a reason for.
    /// </summary>
    internal sealed class LinkFixAllProvider : FixAllProvider
    {
        public static readonly LinkFixAllProvider Instance = new LinkFixAllProvider();

        private LinkFixAllProvider()
        {
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            string? key = fixAllContext.CodeActionEquivalenceKey;
            string? id = EquivalenceKeys.ImplementedId(key);
            bool exempt = key == EquivalenceKeys.Exempt;
            FixAllScope scope = fixAllContext.Scope;
            if ((!exempt && id is null) || scope is not (FixAllScope.Document or FixAllScope.Project) || (id is not null && scope != FixAllScope.Document))
            {
                return null;
            }

            KnownCriterion? criterion = null;
            if (id is not null)
            {
                ProjectSpecs specs = await ProjectSpecs.LoadAsync(fixAllContext.Project, fixAllContext.CancellationToken).ConfigureAwait(false);
                criterion = specs.Linkable.FirstOrDefault(c => c.Id == id);
                if (criterion is null)
                {
                    return null;
                }
            }

            IEnumerable<Document> documents = scope == FixAllScope.Document
                ? fixAllContext.Document is { } document ? new[] { document } : Enumerable.Empty<Document>()
                : fixAllContext.Project.Documents;
            string title = criterion is null
                ? (scope == FixAllScope.Document ? "Exempt every untraced declaration in the document" : "Exempt every untraced declaration in the project")
                : "Link every untraced declaration in the document to " + criterion.Id;
            ImmutableArray<Document> targets = documents.ToImmutableArray();
            return CodeAction.Create(title, cancellationToken => FixAsync(fixAllContext, targets, criterion, cancellationToken), key);
        }

        private static async Task<Solution> FixAsync(FixAllContext context, ImmutableArray<Document> documents, KnownCriterion? criterion, CancellationToken cancellationToken)
        {
            Solution solution = context.Solution;
            foreach (Document document in documents)
            {
                ImmutableArray<Diagnostic> diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                TextSpan[] spans = diagnostics
                    .Where(d => d.Id != SpecGuard.Generators.Infrastructure.SpecDescriptors.Baselined.Id && context.CodeFixProvider.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
                    .Select(static d => d.Location.SourceSpan)
                    .ToArray();
                if (spans.Length == 0)
                {
                    continue;
                }

                Document fixedDocument = criterion is null
                    ? await LinkWriter.AddLinkAsync(document, spans, Link.Exempt(), cancellationToken).ConfigureAwait(false)
                    : await LinkCodeFixProvider.ImplementAsync(document, spans, criterion, cancellationToken).ConfigureAwait(false);
                SyntaxNode? root = await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is not null && fixedDocument != document)
                {
                    solution = solution.WithDocumentSyntaxRoot(document.Id, root);
                }
            }

            return solution;
        }
    }
}
