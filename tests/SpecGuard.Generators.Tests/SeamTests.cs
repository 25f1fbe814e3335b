using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 9, classes 1–3 and 2: spec text reaches generated C# only as escaped literals or validated identifiers,
/// whatever the text; an invalid part of a spec generates nothing; every generated file compiles from C# 7.3 up.
/// </summary>
public sealed class SeamTests
{
    private const string Other = "specguard: 1\nfeature: CART\ntitle: Cart\ncriteria:\n  - id: CART-001\n    title: Items can be added\n    then: the cart holds the item\n";

    private static string Orders(string examples) =>
        "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
        "  - id: ORDERS-001\n    title: Quantities are checked\n    then: invalid quantities are rejected\n    examples:\n" + examples +
        "  - id: ORDERS-002\n    title: Untouched\n    then: it still gets its stub\n";

    [Theory]
    [InlineData("      - { n: !!int '0)] public void Evil() { } [global::Xunit.InlineData(0' }\n")]
    [InlineData("      - { n: !!float 'abc' }\n")]
    [InlineData("      - { n: !!float '1e400' }\n")]
    [InlineData("      - { n: 1e400 }\n")]
    [InlineData("      - { n: !!int '1.5' }\n")]
    [InlineData("      - { n: 99999999999999999999 }\n")]
    [InlineData("      - { n: !!int '0x8000000000000000' }\n")]
    [InlineData("      - { n: !!bool 'yes' }\n")]
    [InlineData("      - { n: !!null 'x' }\n")]
    [InlineData("      - { n: !custom 'x' }\n")]
    [InlineData("      - { n: !!timestamp '2001-12-14' }\n")]
    [InlineData("      - { quanti-ty: 1 }\n")]
    [InlineData("      - { \"n\\n\": 1 }\n")]
    public async Task An_invalid_example_gives_its_criterion_no_stub_and_every_other_criterion_its_stub(string examples)
    {
        var compilation = await Harness.Compilation(Framework.XunitV2, "namespace Consumer { public static class Nothing { } }");

        var (run, output, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders(examples)), Harness.Spec("specs/cart.spec.yaml", Other)]), compilation);

        Assert.Empty(diagnostics);
        Assert.Empty(run.Diagnostics);
        string stubs = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.DoesNotContain("ORDERS_001", stubs, StringComparison.Ordinal);
        Assert.Contains("ORDERS_002_Untouched", stubs, StringComparison.Ordinal);
        Assert.Contains("CART_001_Items_can_be_added", Harness.Source(run, "SpecGuard.PendingTests.CART.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const string ORDERS_001 = \"ORDERS-001\";", Harness.Source(run, "SpecGuard.Specs.ORDERS.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(Methods(output), m => m.Identifier.ValueText == "Evil");
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("!!int '42'", "42")]
    [InlineData("!!int '+7'", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("9223372036854775807", "9223372036854775807L")]
    [InlineData("-9223372036854775808", "-9223372036854775808L")]
    [InlineData("!!float '2.5'", "2.5d")]
    [InlineData("!!float '3'", "3d")]
    [InlineData(".inf", "double.PositiveInfinity")]
    [InlineData("-.inf", "double.NegativeInfinity")]
    [InlineData(".nan", "double.NaN")]
    [InlineData("!!bool 'TRUE'", "true")]
    [InlineData("!!str '0)] public void Evil() { } [global::Xunit.InlineData(0'", "\"0)] public void Evil() { } [global::Xunit.InlineData(0\"")]
    [InlineData("!!null ''", "null")]
    public async Task A_valid_value_is_written_as_the_literal_of_its_type(string value, string literal)
    {
        var (run, output, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders("      - { n: " + value + " }\n"))]), await Harness.Compilation(Framework.XunitV2));

        Assert.Empty(diagnostics);
        Assert.Contains("[global::Xunit.InlineData(" + literal + ")]", Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(Methods(output), m => m.Identifier.ValueText == "Evil");
    }

    public static TheoryData<string> HostileTexts() => new()
    {
        "a\\rb", "a\\nb", "a\\Nb", "a\\Lb", "a\\Pb", "a\\r\\nb", "end */ /* start", "back\\\\slash", "\\\"\\\"\\\" raw", "# region", "#endregion",
        "tab\\tand\\0nul\\x01\\x1f\\x7f", "a\\uFFFEb", "lone \uD800 high \uDC00 low", "bidi \\u202E reversed", "<tag> & &amp; ]]>", "/// <summary>", "\\u2028// Evil",
    };

    public static TheoryData<Framework, string> HostileTextsPerFramework()
    {
        var data = new TheoryData<Framework, string>();
        foreach (Framework framework in new[] { Framework.None, Framework.XunitV2, Framework.NUnit, Framework.MSTest })
        {
            foreach (string text in HostileTexts())
            {
                data.Add(framework, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileTextsPerFramework))]
    public async Task Line_terminators_comment_ends_and_control_characters_in_spec_text_stay_in_comments(Framework framework, string text)
    {
        string quoted = "\"" + text + "\"";
        string spec = "specguard: 1\nfeature: ORDERS\ntitle: " + quoted + "\ncriteria:\n" +
            "  - id: ORDERS-001\n    title: " + quoted + "\n    given: " + quoted + "\n    when: [" + quoted + ", " + quoted + "]\n    then: " + quoted + "\n" +
            "  - id: ORDERS-002\n    title: t\n    status: deprecated\n    replacedBy: " + quoted + "\n    then: t\n" +
            "    examples:\n      - { s: " + quoted + " }\n";
        var compilation = await Harness.Compilation(framework, "namespace Consumer { public static class Nothing { } }");

        var (run, output, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", spec)]), compilation);

        Assert.Empty(diagnostics);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(framework == Framework.None ? 0 : 1, Methods(output).Count(m => m.Identifier.ValueText.StartsWith("ORDERS_", StringComparison.Ordinal)));
        Assert.Equal(["FeatureKey", "ORDERS_001", "ORDERS_002"], Fields(output, "OrdersCriteria"));
        Assert.DoesNotContain(Methods(output), m => m.Identifier.ValueText == "Evil");
    }

    [Theory]
    [InlineData(Framework.XunitV2)]
    [InlineData(Framework.XunitV3)]
    [InlineData(Framework.NUnit)]
    [InlineData(Framework.MSTest)]
    public async Task Columns_named_like_keywords_or_the_discard_compile_without_warnings(Framework framework)
    {
        string row = "{ _: 1, class: x, int: 2, var: true, value: 1.5, nameof: n, await: a, global: g, dynamic: d, __arglist: q, System: s }";
        var compilation = await Harness.Compilation(framework, "namespace Consumer { public static class Nothing { } }");

        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders("      - " + row + "\n      - " + row + "\n"))]), compilation);

        Assert.Empty(diagnostics);
        Assert.Contains("ORDERS_001_Quantities_are_checked(int @_, string @class, int @int, bool @var, double value, string @nameof, string @await, string @global, string dynamic, string @__arglist, string System)", Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"GF-001\\n\"")]
    [InlineData("\"GF-001\\r\\n\"")]
    [InlineData("\"GF-001\\u2028\"")]
    public async Task An_id_with_a_line_break_is_not_a_criterion(string id)
    {
        string spec = "specguard: 1\nfeature: GF\ntitle: Gifts\ncriteria:\n  - id: " + id + "\n    title: t\n    then: t\n  - id: GF-002\n    title: t\n    then: t\n";
        var (run, output, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/gifts.spec.yaml", spec)]), await Harness.Compilation(Framework.XunitV2));

        Assert.Empty(diagnostics);
        Assert.Equal(["FeatureKey", "GF_002"], Fields(output, "GfCriteria"));
        Assert.Single(Methods(output), m => m.Identifier.ValueText.StartsWith("GF_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_feature_key_with_a_line_break_generates_nothing()
    {
        string spec = "specguard: 1\nfeature: \"GF\\n\"\ntitle: Gifts\ncriteria:\n  - id: GF-001\n    title: t\n    then: t\n";
        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/gifts.spec.yaml", spec)]), await Harness.Compilation(Framework.XunitV2));

        Assert.Empty(diagnostics);
        Assert.DoesNotContain(Harness.HintNames(run), h => h.Contains("GF", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("My.class.Specs")]
    [InlineData("My..Specs")]
    [InlineData("My.Specs.")]
    [InlineData("global.Specs")]
    [InlineData("My-Specs")]
    public async Task An_invalid_catalog_namespace_falls_back_to_the_default(string value)
    {
        var driver = Harness.Driver([Harness.Spec("specs/cart.spec.yaml", Other)], new Dictionary<string, string> { ["SpecGuardCatalogNamespace"] = value });
        var (run, _, diagnostics) = Harness.Run(driver, await Harness.Compilation(Framework.None, "namespace Shop { [SpecGuard.Implements(SpecGuard.Specs.CartCriteria.CART_001)] public sealed class Cart { } }"));

        Assert.Empty(diagnostics);
        Assert.Contains("namespace SpecGuard.Specs", Harness.Source(run, "SpecGuard.Specs.CART.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My.Specs", "namespace My.Specs")]
    [InlineData("@class.Specs", "namespace @class.Specs")]
    [InlineData(" Team_1.Specs ", "namespace Team_1.Specs")]
    public async Task A_valid_catalog_namespace_is_used(string value, string expected)
    {
        var driver = Harness.Driver([Harness.Spec("specs/cart.spec.yaml", Other)], new Dictionary<string, string> { ["SpecGuardCatalogNamespace"] = value });
        var (run, _, diagnostics) = Harness.Run(driver, await Harness.Compilation(Framework.None));

        Assert.Empty(diagnostics);
        Assert.Contains(expected + "\n", Harness.Source(run, "SpecGuard.Specs.CART.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Framework.None)]
    [InlineData(Framework.XunitV2)]
    [InlineData(Framework.XunitV3)]
    [InlineData(Framework.NUnit)]
    [InlineData(Framework.MSTest)]
    public async Task Every_generated_file_compiles_at_CSharp_7_3(Framework framework)
    {
        string spec = Orders("      - { n: 1, s: a, d: 2.5, b: true }\n      - { n: 2, s: ~, d: 3, b: false }\n");
        foreach (string mode in new[] { "skip", "fail" })
        {
            var (run, diagnostics) = await RunAt(LanguageVersion.CSharp7_3, framework, [Harness.Spec("specs/orders.spec.yaml", spec)], new Dictionary<string, string> { ["SpecGuardPendingTests"] = mode });

            Assert.Empty(diagnostics);
            Assert.Equal(framework == Framework.None ? 4 : 5, run.Results.Single().GeneratedSources.Length);
            Assert.All(run.Results.Single().GeneratedSources, s => Assert.DoesNotContain("#nullable", s.SourceText.ToString(), StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(Framework.XunitV2)]
    [InlineData(Framework.XunitV3)]
    [InlineData(Framework.NUnit)]
    [InlineData(Framework.MSTest)]
    public async Task Every_generated_file_compiles_at_CSharp_8_with_nullable_annotations(Framework framework)
    {
        string spec = Orders("      - { n: 1, s: a }\n      - { n: 2, s: ~ }\n");
        var (run, diagnostics) = await RunAt(LanguageVersion.CSharp8, framework, [Harness.Spec("specs/orders.spec.yaml", spec)], new Dictionary<string, string>());

        Assert.Empty(diagnostics);
        Assert.Contains("(int n, string? s)", Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs"), StringComparison.Ordinal);
    }

    internal static async Task<(GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> Diagnostics)> RunAt(LanguageVersion version, Framework framework, AdditionalText[] specs, IReadOnlyDictionary<string, string> properties)
    {
        var parseOptions = new CSharpParseOptions(version);
        var compilation = CSharpCompilation.Create(
            "Consumer.Tests",
            [CSharpSyntaxTree.ParseText("namespace Consumer { [SpecGuard.Implements(\"ORDERS-001\")] public static class Nothing { } }", parseOptions, path: "Source0.cs")],
            await Harness.References(framework),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: version >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                warningLevel: 9999,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SpecGuardGenerator().AsSourceGenerator()],
            specs,
            parseOptions,
            new Harness.OptionsProvider(properties));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return (driver.GetRunResult(), generatorDiagnostics.AddRange(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    internal static IEnumerable<MethodDeclarationSyntax> Methods(Compilation output) =>
        output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>());

    internal static string[] Fields(Compilation output, string className) =>
        output.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Identifier.ValueText == className)
            .SelectMany(c => c.Members.OfType<FieldDeclarationSyntax>())
            .SelectMany(f => f.Declaration.Variables.Select(v => v.Identifier.ValueText))
            .ToArray();
}
