using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SpecGuard.CodeFixes.Infrastructure;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// Fix-all for "Add to the SpecGuard baseline": every SPEC100/SPEC101 in the document, the project or the solution,
    /// one edit per project's baseline file (a batch fixer would merge one text change per diagnostic into the same file).
    /// </summary>
    internal sealed class BaselineFixAllProvider : FixAllProvider
    {
        public static readonly BaselineFixAllProvider Instance = new BaselineFixAllProvider();

        private BaselineFixAllProvider()
        {
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            // dotnet format asks with no equivalence key (it fixes all of a diagnostic ID with each provider that fixes it);
            // this provider has one action, so no key means it.
            if (fixAllContext.CodeActionEquivalenceKey is { } key && key != EquivalenceKeys.AddToBaseline)
            {
                return Task.FromResult<CodeAction?>(null);
            }

            string title = fixAllContext.Scope switch
            {
                FixAllScope.Document => "Add every untraced declaration in the document to the SpecGuard baseline",
                FixAllScope.Project => "Add every untraced declaration in the project to the SpecGuard baseline",
                FixAllScope.Solution => "Add every untraced declaration in the solution to the SpecGuard baseline",
                _ => string.Empty,
            };
            if (title.Length == 0)
            {
                return Task.FromResult<CodeAction?>(null);
            }

            return Task.FromResult<CodeAction?>(CodeAction.Create(title, cancellationToken => FixAsync(fixAllContext, cancellationToken), EquivalenceKeys.AddToBaseline));
        }

        private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            List<(ProjectId Project, IEnumerable<Diagnostic> Diagnostics)> byProject = await FixAllDiagnostics.ByProjectAsync(context).ConfigureAwait(false);

            Solution solution = context.Solution;
            foreach ((ProjectId project, IEnumerable<Diagnostic> diagnostics) in byProject)
            {
                IReadOnlyCollection<(string Rule, string Key)> entries = BaselineDocuments.EntriesOf(diagnostics.Where(d => context.DiagnosticIds.Contains(d.Id))).Distinct().ToArray();
                solution = await BaselineDocuments.AddAsync(solution, project, entries, cancellationToken).ConfigureAwait(false);
            }

            return solution;
        }
    }
}
