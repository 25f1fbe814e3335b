using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SpecGuard.CodeFixes.Infrastructure;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// SPEC100/SPEC101: "Add to the SpecGuard baseline" records the symbol (the key the analyzer put in the diagnostic's
    /// properties) in the project's SpecGuard.Baseline.txt, created in the project folder when missing, at its sorted
    /// place. A separate provider from the link fixes, so that it has its own fix-all (<see cref="BaselineFixAllProvider"/>):
    /// every scope, solution included, which <c>dotnet format analyzers</c> uses to baseline a whole code base.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BaselineCodeFixProvider))]
    public sealed class BaselineCodeFixProvider : CodeFixProvider
    {
        /// <summary>Title of the fix.</summary>
        public const string Title = "Add to the SpecGuard baseline";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpecDescriptors.UntracedPublicApi.Id, SpecDescriptors.UntracedHandler.Id);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => BaselineFixAllProvider.Instance;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            ProjectId project = context.Document.Project.Id;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                (string Rule, string Key)[] entries = BaselineDocuments.EntriesOf(new[] { diagnostic }).ToArray();
                if (entries.Length == 0)
                {
                    continue; // a diagnostic from an analyzer that does not put the key in (an older package)
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => BaselineDocuments.AddAsync(context.Document.Project.Solution, project, entries, cancellationToken),
                        EquivalenceKeys.AddToBaseline),
                    diagnostic);
            }

            return Task.CompletedTask;
        }
    }
}
