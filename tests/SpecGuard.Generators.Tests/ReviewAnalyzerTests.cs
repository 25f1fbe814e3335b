using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Core;
using SpecGuard.Core.Review;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 13: SPEC105 on every [Implements]/[Verifies] argument naming a criterion whose normative text changed since the
/// review record (SpecGuard.Reviews.txt, an AdditionalFile) recorded it; SPEC905 on malformed record lines. No record,
/// a never-reviewed criterion, or a change that is only formatting: nothing.
/// </summary>
public sealed class ReviewAnalyzerTests
{
    private const string RecordPath = "specs/SpecGuard.Reviews.txt";

    // Both link kinds and both ID forms on ORDERS-001, a plain link on ORDERS-002.
    private const string Links = """
        namespace SpecGuard.Specs { public static class OrdersCriteria { public const string ORDERS_001 = "ORDERS-001"; } }

        namespace Shop
        {
            public sealed class Orders
            {
                [SpecGuard.Implements({|#0:"ORDERS-001"|})]
                public int Place() => 1;

                [SpecGuard.Implements({|#1:SpecGuard.Specs.OrdersCriteria.ORDERS_001|}, "ORDERS-002")]
                public int PlaceAgain() => 1;

                [SpecGuard.Verifies({|#2:"ORDERS-001"|})]
                private static int PlaceTest() => 2;
            }
        }
        """;

    /// <summary>The spec of the tests with ORDERS-001's then: changed.</summary>
    private static readonly string Changed = Spec.Replace("then: an order is created", "then: an order is created and confirmed", System.StringComparison.Ordinal);

    private static string Fingerprint(string spec, string id) =>
        CriterionFingerprint.Of(SpecLoader.Load("specs/orders.spec.yaml", spec).Feature!.Criteria.Single(c => c.Id == id));

    /// <summary>A record of ORDERS-001 and ORDERS-002 as reviewed at <see cref="AnalyzerTestSources.Spec"/>.</summary>
    private static string Reviewed() => ReviewRecord.Write([("ORDERS-001", Fingerprint(Spec, "ORDERS-001")), ("ORDERS-002", Fingerprint(Spec, "ORDERS-002"))]);

    private static DiagnosticResult Suspect(int location, string kind, DiagnosticSeverity severity = DiagnosticSeverity.Warning) =>
        new DiagnosticResult("SPEC105", severity).WithLocation(location)
            .WithArguments($"ORDERS-001 (A customer can place an order) changed since its links were last reviewed: check this {kind} against it, then run `specguard review ORDERS-001`.");

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<LinkAnalyzer, DefaultVerifier> WithSpec(string spec, string? record, string source = Links)
    {
        var test = Test<LinkAnalyzer>(source);
        test.TestState.AdditionalFiles.Clear();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", spec));
        if (record is not null)
        {
            test.TestState.AdditionalFiles.Add((RecordPath, record));
        }

        return test;
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_010)]
    [Fact]
    public async Task A_changed_then_makes_every_link_to_the_criterion_suspect_code_and_test_literal_and_catalog_constant()
    {
        var test = WithSpec(Changed, Reviewed());
        test.ExpectedDiagnostics.Add(Suspect(0, "code"));
        test.ExpectedDiagnostics.Add(Suspect(1, "code"));
        test.ExpectedDiagnostics.Add(Suspect(2, "test"));
        await test.RunAsync();
    }

    [Fact]
    public async Task When_enforced_SPEC105_is_an_error()
    {
        var test = WithSpec(Changed, Reviewed());
        test.Config("build_property.SpecGuardEnforce = true\n");
        test.ExpectedDiagnostics.Add(Suspect(0, "code", DiagnosticSeverity.Error));
        test.ExpectedDiagnostics.Add(Suspect(1, "code", DiagnosticSeverity.Error));
        test.ExpectedDiagnostics.Add(Suspect(2, "test", DiagnosticSeverity.Error));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_diagnostic_carries_the_ID_and_the_current_fingerprint_for_the_code_fix()
    {
        var test = WithSpec(Changed, Reviewed(), "namespace Shop { public sealed class Orders { [SpecGuard.Implements({|#0:\"ORDERS-001\"|})] public int Place() => 1; } }");
        test.ExpectedDiagnostics.Add(Suspect(0, "code"));
        await test.RunAsync();

        // The verifier does not compare properties: check them on the analyzer's own output.
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("P",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Attributes), Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Shop { public sealed class Orders { [SpecGuard.Implements(\"ORDERS-001\")] public int Place() => 1; } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions([new InMemoryText("specs/orders.spec.yaml", Changed), new InMemoryText(RecordPath, Reviewed())]);
        var diagnostics = await compilation.WithAnalyzers([new LinkAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        Diagnostic suspect = Assert.Single(diagnostics, static d => d.Id == "SPEC105");
        Assert.Equal("ORDERS-001", suspect.Properties[SpecContract.CriterionIdProperty]);
        Assert.Equal(Fingerprint(Changed, "ORDERS-001"), suspect.Properties[SpecContract.FingerprintProperty]);
        Assert.NotEqual(Fingerprint(Spec, "ORDERS-001"), suspect.Properties[SpecContract.FingerprintProperty]);
    }

    [Fact]
    public async Task With_the_other_link_rules_off_a_review_record_still_gets_its_links_checked()
    {
        // Without a record the analyzer stops at once when SPEC102-104/110/900 are off (HotPathTests); with one it runs for SPEC105.
        var test = WithSpec(Changed, Reviewed());
        test.DisabledDiagnostics.AddRange(["SPEC102", "SPEC103", "SPEC104", "SPEC900"]);
        test.ExpectedDiagnostics.Add(Suspect(0, "code"));
        test.ExpectedDiagnostics.Add(Suspect(1, "code"));
        test.ExpectedDiagnostics.Add(Suspect(2, "test"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Reformatting_the_YAML_and_changing_tags_or_priority_makes_nothing_suspect()
    {
        const string Reformatted = """
            # reformatted: quotes, flow style, key order, a list of one, tags and priority added
            specguard: 1
            feature: "ORDERS"
            title: Orders
            criteria:
              - then: ["an order is created"]
                title: 'A customer can place an order'
                id: ORDERS-001
                priority: must
                tags: [checkout]
              - id: ORDERS-002
                title: Orders can be cancelled
                then:
                  - the order is cancelled
              - id: ORDERS-003
                title: Legacy form
                status: deprecated
                replacedBy: ORDERS-001
                then: nothing
            """;
        await WithSpec(Reformatted, Reviewed()).RunAsync();
    }

    [Fact]
    public async Task A_criterion_the_record_does_not_list_is_not_suspect()
    {
        // ORDERS-001 changed, but only ORDERS-002 was ever reviewed: ORDERS-001 is new to the record, not suspect.
        await WithSpec(Changed, ReviewRecord.Write([("ORDERS-002", Fingerprint(Spec, "ORDERS-002"))])).RunAsync();
    }

    [Fact]
    public async Task Without_a_review_record_nothing_is_suspect()
    {
        await WithSpec(Changed, record: null).RunAsync();
    }

    [Fact]
    public async Task An_entry_for_an_ID_no_spec_declares_is_ignored_by_the_analyzer()
    {
        await WithSpec(Spec, Reviewed() + "GONE-001 0123456789abcdef\n").RunAsync();
    }

    [Fact]
    public async Task Malformed_and_duplicate_record_lines_are_SPEC905_on_their_line_and_record_nothing()
    {
        // ORDERS-001's only line is malformed (upper-case hex): it records nothing, so the change is not suspect.
        string fingerprint = Fingerprint(Spec, "ORDERS-002");
        string record = "# record\nORDERS-001 " + Fingerprint(Spec, "ORDERS-001").ToUpperInvariant() + "\nORDERS-002 " + fingerprint + "\nORDERS-002 " + fingerprint + "\nnot an entry\n";
        var test = WithSpec(Changed, record);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC905", DiagnosticSeverity.Warning).WithSpan(RecordPath, 2, 1, 2, 28)
            .WithArguments("This line of the review record is not 'ID FINGERPRINT' (a criterion ID and 16 lower-case hex digits, e.g. 'ORDERS-001 3f2a9c0d1e2b4a5f') and records nothing. Run specguard review ID to record a criterion, or remove the line."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC905", DiagnosticSeverity.Warning).WithSpan(RecordPath, 4, 1, 4, 28)
            .WithArguments("This line repeats the review of ORDERS-002 from line 3 and is ignored; remove it."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC905", DiagnosticSeverity.Warning).WithSpan(RecordPath, 5, 1, 5, 13)
            .WithArguments("This line of the review record is not 'ID FINGERPRINT' (a criterion ID and 16 lower-case hex digits, e.g. 'ORDERS-001 3f2a9c0d1e2b4a5f') and records nothing. Run specguard review ID to record a criterion, or remove the line."));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_record_is_found_by_its_file_name_in_any_case_and_any_folder()
    {
        // The record is found by file name in any case and any folder, as the package's targets or the project list it.
        var test = Test<LinkAnalyzer>("namespace Shop { public sealed class Orders { [SpecGuard.Implements({|#0:\"ORDERS-001\"|})] public int Place() => 1; } }");
        test.TestState.AdditionalFiles.Clear();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Changed));
        test.TestState.AdditionalFiles.Add(("elsewhere/specguard.reviews.TXT", Reviewed()));
        test.ExpectedDiagnostics.Add(Suspect(0, "code"));
        await test.RunAsync();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly Microsoft.CodeAnalysis.Text.SourceText _text = Microsoft.CodeAnalysis.Text.SourceText.From(text);

        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
    }
}
