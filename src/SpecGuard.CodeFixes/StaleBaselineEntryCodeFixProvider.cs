using System;
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
using SpecGuard.Core.Baseline;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// SPEC107 (stale baseline entry, reported on its line of SpecGuard.Baseline.txt): "Remove the stale baseline entry"
    /// deletes the line. The diagnostic is in an additional document, so this provider declares that document kind
    /// (Roslyn 4.5+: <see cref="CodeFixContext.TextDocument"/>); fix-all removes every stale entry of the project or the
    /// solution, one edit per baseline file.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StaleBaselineEntryCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".txt" })]
    public sealed class StaleBaselineEntryCodeFixProvider : CodeFixProvider
    {
        /// <summary>Title of the fix.</summary>
        public const string Title = "Remove the stale baseline entry";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpecDescriptors.StaleBaselineEntry.Id);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => StaleEntriesFixAllProvider.Instance;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            SpecBaseline baseline = SpecBaseline.Parse(document.FilePath ?? document.Name, text.ToString());
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (EntryAt(baseline, diagnostic) is not { } entry)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => BaselineDocuments.RemoveAsync(document.Project.Solution, document.Id, new[] { (entry.Rule, entry.Key) }, cancellationToken),
                        EquivalenceKeys.RemoveStaleEntry),
                    diagnostic);
            }
        }

        /// <summary>The entry a SPEC107 is reported on: the one whose line starts where the diagnostic does.</summary>
        internal static BaselineEntry? EntryAt(SpecBaseline baseline, Diagnostic diagnostic) =>
            baseline.Entries.FirstOrDefault(e => e.Span.Start == diagnostic.Location.SourceSpan.Start && e.Span.Length == diagnostic.Location.SourceSpan.Length);

        private sealed class StaleEntriesFixAllProvider : FixAllProvider
        {
            public static readonly StaleEntriesFixAllProvider Instance = new StaleEntriesFixAllProvider();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Project, FixAllScope.Solution };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey != EquivalenceKeys.RemoveStaleEntry || fixAllContext.Scope is not (FixAllScope.Project or FixAllScope.Solution))
                {
                    return Task.FromResult<CodeAction?>(null);
                }

                string title = fixAllContext.Scope == FixAllScope.Project ? "Remove every stale baseline entry of the project" : "Remove every stale baseline entry of the solution";
                return Task.FromResult<CodeAction?>(CodeAction.Create(title, cancellationToken => FixAsync(fixAllContext, cancellationToken), EquivalenceKeys.RemoveStaleEntry));
            }

            private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                Solution solution = context.Solution;
                IEnumerable<Project> projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
                foreach (Project project in projects)
                {
                    ImmutableArray<Diagnostic> diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                    foreach (IGrouping<string, Diagnostic> file in diagnostics.Where(d => context.DiagnosticIds.Contains(d.Id)).GroupBy(static d => d.Location.GetLineSpan().Path, StringComparer.Ordinal))
                    {
                        TextDocument? document = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath ?? d.Name, file.Key, StringComparison.Ordinal));
                        if (document is null)
                        {
                            continue;
                        }

                        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                        SpecBaseline baseline = SpecBaseline.Parse(file.Key, text.ToString());
                        var entries = file.Select(d => EntryAt(baseline, d)).Where(static e => e is not null).Select(static e => (e!.Rule, e.Key)).ToArray();
                        solution = await BaselineDocuments.RemoveAsync(solution, document.Id, entries, cancellationToken).ConfigureAwait(false);
                    }
                }

                return solution;
            }
        }
    }
}
