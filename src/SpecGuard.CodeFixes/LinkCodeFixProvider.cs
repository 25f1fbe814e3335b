using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.CodeFixes.Infrastructure;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;
using SpecGuard.Core;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// SPEC100/SPEC101 (untraced public API, untraced handler): "Implement ORDERS-001 — title" for the most relevant
    /// known criteria (see <see cref="CriterionRanking"/>), adding <c>[Implements(OrdersCriteria.ORDERS_001)]</c> (the catalog
    /// constant, or the ID as a string literal when the project has no catalog), then "Exempt from traceability", adding
    /// <c>[SpecExempt("TODO: reason")]</c>, last. Minimal-API lambdas get the attribute on the lambda.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LinkCodeFixProvider))]
    public sealed class LinkCodeFixProvider : CodeFixProvider
    {
        /// <summary>Title of the exemption fix.</summary>
        public const string ExemptTitle = "Exempt from traceability";

        private const int MaxTitleLength = 70;

        /// <inheritdoc/>
        // SPEC106 too: baselined code is untraced code, and linking it is how the baseline shrinks (fix-all leaves it out).
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpecDescriptors.UntracedPublicApi.Id, SpecDescriptors.UntracedHandler.Id, SpecDescriptors.Baselined.Id);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => LinkFixAllProvider.Instance;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Document document = context.Document;
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            ProjectSpecs? specs = null;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode? target = LinkWriter.FindTarget(root, diagnostic.Location.SourceSpan);
                if (target is null || !LinkWriter.CanLink(target))
                {
                    continue;
                }

                specs ??= await ProjectSpecs.LoadAsync(document.Project, context.CancellationToken).ConfigureAwait(false);
                IReadOnlyList<KnownCriterion> ranked = CriterionRanking.Rank(
                    specs.Linkable,
                    LinkedInDocument(root, model, diagnostic.Location.SourceSpan.Start, context.CancellationToken),
                    ContextWords(target, model, context.CancellationToken));
                foreach (KnownCriterion criterion in ranked)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title(criterion),
                            cancellationToken => ImplementAsync(document, new[] { diagnostic.Location.SourceSpan }, criterion, cancellationToken),
                            EquivalenceKeys.Implement(criterion.Id)),
                        diagnostic);
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        ExemptTitle,
                        cancellationToken => LinkWriter.AddLinkAsync(document, new[] { diagnostic.Location.SourceSpan }, Link.Exempt(), cancellationToken),
                        EquivalenceKeys.Exempt),
                    diagnostic);
            }
        }

        /// <summary>"Implement ORDERS-001 — A customer can place an order", a long title cut at a word to keep the menu readable.</summary>
        internal static string Title(KnownCriterion criterion)
        {
            string title = criterion.Criterion.Title.Replace('\n', ' ').Replace('\r', ' ').Trim();
            if (title.Length > MaxTitleLength)
            {
                string cut = title.Substring(0, MaxTitleLength - 1);
                int space = cut.LastIndexOf(' ');
                title = (space > MaxTitleLength / 2 ? cut.Substring(0, space) : cut).TrimEnd() + "…";
            }

            return title.Length == 0 ? "Implement " + criterion.Id : "Implement " + criterion.Id + " — " + title;
        }

        internal static async Task<Document> ImplementAsync(Document document, IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> spans, KnownCriterion criterion, CancellationToken cancellationToken)
        {
            Compilation? compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            CatalogConstant? constant = compilation is null ? null : Catalog.Find(document.Project, compilation, criterion.Feature.Key, criterion.Id);
            return await LinkWriter.AddLinkAsync(document, spans, Link.Implements(criterion.Id, constant), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The criteria linked with [Implements] elsewhere in the document, each with the distance of its nearest link.</summary>
        private static Dictionary<string, int> LinkedInDocument(SyntaxNode root, SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var linked = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (AttributeSyntax attribute in root.DescendantNodes().OfType<AttributeSyntax>())
            {
                string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                    : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                    : attribute.Name is SimpleNameSyntax simple ? simple.Identifier.ValueText
                    : string.Empty;
                if (name is not ("Implements" or "ImplementsAttribute") ||
                    model.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol constructor ||
                    constructor.ContainingType.ToDisplayString() != SpecContract.ImplementsMetadataName)
                {
                    continue;
                }

                int distance = Math.Abs(attribute.SpanStart - position);
                foreach (LinkArgument argument in LinkArguments.Read(attribute, model, cancellationToken))
                {
                    if (argument.Id is { } id)
                    {
                        linked[id] = linked.TryGetValue(id, out int previous) ? Math.Min(previous, distance) : distance;
                    }
                }
            }

            return linked;
        }

        /// <summary>
        /// What the untraced code is about: its name, its containing types and namespace; for a lambda, the member it is
        /// written in, the route and the receiver of the Map call (<c>orders.MapGet("/{id}", …)</c>).
        /// </summary>
        private static IEnumerable<string> ContextWords(SyntaxNode target, SemanticModel model, CancellationToken cancellationToken)
        {
            var words = new List<string>();
            ISymbol? symbol = target is MemberDeclarationSyntax
                ? model.GetDeclaredSymbol(target, cancellationToken)
                : model.GetEnclosingSymbol(target.SpanStart, cancellationToken);
            for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is INamespaceSymbol { IsGlobalNamespace: false } or INamedTypeSymbol or IMethodSymbol)
                {
                    words.Add(current.Name);
                }
            }

            if (target is AnonymousFunctionExpressionSyntax && target.Parent?.Parent?.Parent is InvocationExpressionSyntax invocation)
            {
                words.AddRange(invocation.Expression.DescendantTokens().Where(static t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
                words.AddRange(invocation.ArgumentList.Arguments
                    .Select(static a => a.Expression)
                    .OfType<LiteralExpressionSyntax>()
                    .Select(static l => l.Token.Value as string)
                    .OfType<string>());
            }

            return words;
        }
    }
}
