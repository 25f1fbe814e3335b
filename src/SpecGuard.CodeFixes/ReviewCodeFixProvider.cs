using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SpecGuard.CodeFixes.Infrastructure;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// SPEC105 (a link to a criterion changed since its links were reviewed): "Record the review of ID" rewrites the
    /// criterion's line of the review record (SpecGuard.Reviews.txt) with its current fingerprint, which the analyzer
    /// put in the diagnostic's properties, as <c>specguard review ID</c> does. Offer it once the code or test has been
    /// checked against the new text. Fix-all (<see cref="ReviewFixAllProvider"/>) records every suspect criterion of
    /// the document or the project, one edit per record file. No solution scope: that is what <c>dotnet format</c>
    /// applies on its own, and a formatter run must not mark a whole code base reviewed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReviewCodeFixProvider))]
    public sealed class ReviewCodeFixProvider : CodeFixProvider
    {
        /// <summary>Title of the fix; the criterion ID follows.</summary>
        public const string TitlePrefix = "Record the review of ";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpecDescriptors.SuspectLink.Id);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => ReviewFixAllProvider.Instance;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Project project = context.Document.Project;
            if (!ReviewDocuments.HasRecord(project))
            {
                return Task.CompletedTask;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (ReviewDocuments.EntryOf(diagnostic) is not { } entry)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        TitlePrefix + entry.Id,
                        cancellationToken => ReviewDocuments.RecordAsync(project.Solution, new[] { (project.Id, entry) }, cancellationToken),
                        EquivalenceKeys.RecordReview),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private sealed class ReviewFixAllProvider : FixAllProvider
        {
            public static readonly ReviewFixAllProvider Instance = new ReviewFixAllProvider();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                string title = fixAllContext.Scope switch
                {
                    FixAllScope.Document => "Record the review of every suspect criterion linked in the document",
                    FixAllScope.Project => "Record the review of every suspect criterion linked in the project",
                    _ => string.Empty,
                };
                if (fixAllContext.CodeActionEquivalenceKey != EquivalenceKeys.RecordReview || title.Length == 0)
                {
                    return Task.FromResult<CodeAction?>(null);
                }

                return Task.FromResult<CodeAction?>(CodeAction.Create(title, cancellationToken => FixAsync(fixAllContext, cancellationToken), EquivalenceKeys.RecordReview));
            }

            private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                List<(ProjectId Project, IEnumerable<Diagnostic> Diagnostics)> byProject = await FixAllDiagnostics.ByProjectAsync(context).ConfigureAwait(false);

                var entries = new List<(ProjectId, (string, string))>();
                foreach ((ProjectId project, IEnumerable<Diagnostic> diagnostics) in byProject)
                {
                    foreach (Diagnostic diagnostic in diagnostics)
                    {
                        if (context.DiagnosticIds.Contains(diagnostic.Id) && ReviewDocuments.EntryOf(diagnostic) is { } entry)
                        {
                            entries.Add((project, entry));
                        }
                    }
                }

                return await ReviewDocuments.RecordAsync(context.Solution, entries, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
