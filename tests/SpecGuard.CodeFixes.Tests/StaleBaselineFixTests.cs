using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>
/// Issue 12: "Remove the stale baseline entry" on SPEC107, a diagnostic located in SpecGuard.Baseline.txt. The testing
/// library's CodeFixTest (1.1.4) passes a fixer only diagnostics whose syntax tree is a document of the project, so a
/// diagnostic in an additional file never reaches it; these tests call the fixer as the IDE does, through
/// <see cref="CodeFixContext"/>'s TextDocument constructor (Roslyn 4.5+) and <see cref="FixAllContext"/>.
/// </summary>
public sealed class StaleBaselineFixTests
{
    private const string Source = "namespace Shop { public sealed class Billing { public int Charge() => 1; } }";

    private static async Task<(Project Project, TextDocument Baseline, ImmutableArray<Diagnostic> Stale)> Setup(string baseline)
    {
        Project project = Project(Source);
        TextDocument document = project.AddAdditionalDocument("SpecGuard.Baseline.txt", SourceText.From(baseline), filePath: "/0/SpecGuard.Baseline.txt");
        ImmutableArray<Diagnostic> stale = (await Diagnostics(document.Project)).Where(static d => d.Id == "SPEC107").OrderBy(static d => d.Location.SourceSpan.Start).ToImmutableArray();
        return (document.Project, document, stale);
    }

    private static async Task<string> Apply(CodeAction action, DocumentId baseline)
    {
        var operation = (ApplyChangesOperation)Assert.Single(await action.GetOperationsAsync(CancellationToken.None));
        return (await operation.ChangedSolution.GetAdditionalDocument(baseline)!.GetTextAsync()).ToString();
    }

    [Fact]
    public async Task The_fix_deletes_the_stale_line_and_keeps_the_others()
    {
        (Project _, TextDocument baseline, ImmutableArray<Diagnostic> stale) = await Setup("# b\r\nSPEC100 T:Shop.Billing\r\nSPEC100 T:Shop.Gone\r\nSPEC101 T:Shop.Billing\r\n");
        Assert.Equal(2, stale.Length);

        var actions = new List<CodeAction>();
        await new StaleBaselineEntryCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(baseline, stale[0], (action, _) => actions.Add(action), CancellationToken.None));

        CodeAction fix = Assert.Single(actions);
        Assert.Equal((StaleBaselineEntryCodeFixProvider.Title, EquivalenceKeys.RemoveStaleEntry), (fix.Title, fix.EquivalenceKey));
        Assert.Equal("# b\r\nSPEC100 T:Shop.Billing\r\nSPEC101 T:Shop.Billing\r\n", await Apply(fix, baseline.Id));
    }

    [Fact]
    public async Task Fix_all_deletes_every_stale_line_of_the_project_in_one_edit()
    {
        (Project project, TextDocument baseline, ImmutableArray<Diagnostic> stale) = await Setup("# b\nSPEC100 T:Shop.Billing\nSPEC100 T:Shop.Gone\nSPEC101 T:Shop.Billing\nSPEC101 endpoint:MapGet in M:Program.Main\n");
        Assert.Equal(3, stale.Length);

        var provider = new StaleBaselineEntryCodeFixProvider();
        var context = new FixAllContext(project, provider, FixAllScope.Project, EquivalenceKeys.RemoveStaleEntry, provider.FixableDiagnosticIds, new Provider(stale), CancellationToken.None);
        CodeAction? fixAll = await provider.GetFixAllProvider().GetFixAsync(context);

        Assert.NotNull(fixAll);
        Assert.Equal("# b\nSPEC100 T:Shop.Billing\n", await Apply(fixAll, baseline.Id));
        Assert.Equal([FixAllScope.Project, FixAllScope.Solution], provider.GetFixAllProvider().GetSupportedFixAllScopes());
    }

    [Fact]
    public async Task A_diagnostic_that_no_longer_points_at_an_entry_offers_nothing()
    {
        (Project project, TextDocument baseline, ImmutableArray<Diagnostic> stale) = await Setup("SPEC100 T:Shop.Gone\n");
        TextDocument edited = project.Solution.WithAdditionalDocumentText(baseline.Id, SourceText.From("# edited meanwhile\nSPEC100 T:Shop.Gone\n")).GetAdditionalDocument(baseline.Id)!;

        var actions = new List<CodeAction>();
        await new StaleBaselineEntryCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(edited, Assert.Single(stale), (action, _) => actions.Add(action), CancellationToken.None));

        Assert.Empty(actions);
    }

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
