using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Emit;
using SpecGuard.Tests.Shared;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 9: random hostile text in every spec field that reaches generated code (feature title, titles, given/when/then,
/// replacedBy, example column names, example values with and without tags). Whatever the text, the generated code
/// compiles without a warning, the generator reports no failure, and the generated syntax holds exactly the types and
/// members the emitter intends: one constant per loaded criterion, one test method per pending criterion, only the
/// expected attributes and statements. Bounded (a few seconds) so it runs in CI with every test run.
/// </summary>
public sealed class GeneratedCodePropertyTests
{
    private static readonly string[] Fragments =
    [
        "\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029", "\u000B", "\u000C", "\"", "'", "*/", "/*", "//", "///", "\\", "\\u000A", "\"\"\"", "#", "#if X", "#endregion",
        "\0", "\u0001", "\u001B", "\u007F", "\u009F", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\uD83D\uDE00", "\u202E", "\u2066", "\uFEFF", "<", ">", "&", "]]>", "<summary>",
        "class", "int", "_", "@", "{", "}", "(", ")", "[", "]", ")]", ";", "public void Evil() { }", "[global::Xunit.InlineData(0", "!!int ", "!!float ", "a", "Z9", " ", "\t", "é", "ORDERS-001",
    ];

    private static readonly string[] Tags = ["", "", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!custom ", "!!timestamp "];

    private static readonly string[] PlainValues =
    [
        "1", "-7", "+3", "0x1F", "0o17", "99999999999999999999", "9223372036854775807", "2.5", "1e400", ".inf", "-.inf", ".nan", "true", "FALSE", "yes", "~", "null", "abc",
    ];

    private static readonly string[] Columns = ["n", "_", "class", "int", "var", "value", "nameof", "__arglist", "global", "System", "GC", "quanti-ty", "a b", "1x", "é", "q\n"];

    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i]).Array[1, 6].Select(parts => string.Concat(parts)),
        Gen.Char.Array[1, 8].Select(chars => new string(chars)));

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Int[0, PlainValues.Length - 1].Select(i => PlainValues[i]),
        Hostile.Select(Quote),
        Gen.Select(Gen.Int[0, Tags.Length - 1], Hostile).Select(t => Tags[t.Item1] + Quote(t.Item2)),
        Gen.Select(Gen.Int[0, Tags.Length - 1], Gen.Int[0, PlainValues.Length - 1]).Select(t => Tags[t.Item1] + PlainValues[t.Item2]));

    private static readonly string[] ValidColumns = ["n", "_", "class", "int", "var", "value", "nameof", "__arglist", "global", "System", "GC"];

    // Mostly identifiers (keywords and the discard included), so that many rows are valid and become stubs.
    private static readonly Gen<string> Column = Gen.Frequency(
        (6, Gen.Int[0, ValidColumns.Length - 1].Select(i => ValidColumns[i])),
        (1, Gen.Int[0, Columns.Length - 1].Select(i => Quote(Columns[i]))),
        (1, Hostile.Select(Quote)));

    private static readonly Gen<string> Row =
        Gen.Select(Column, Value, Column, Value).Select(t => t.Item1 == t.Item3 ? "{ " + t.Item1 + ": " + t.Item2 + " }" : "{ " + t.Item1 + ": " + t.Item2 + ", " + t.Item3 + ": " + t.Item4 + " }");

    private static readonly string[] KeyForms = ["{0}", "{0}", "{0}", "\"{0}\\n\"", "\"{0} \"", "{0}-"];

    /// <summary>One spec file's text for feature key <c>F</c> + a letter; sometimes the key itself is invalid.</summary>
    private static readonly Gen<Func<string, string>> SpecText =
        Gen.Select(Gen.Select(Hostile, Hostile, Hostile, Hostile, Hostile, Hostile), Row.Array[1, 3], Gen.Int[0, KeyForms.Length - 1])
            .Select(t => (Func<string, string>)(key =>
                "specguard: 1\nfeature: " + string.Format(CultureInfo.InvariantCulture, KeyForms[t.Item3], key) + "\ntitle: " + Quote(t.Item1.Item1) + "\ncriteria:\n" +
                "  - id: " + key + "-001\n    title: " + Quote(t.Item1.Item2) + "\n    given: " + Quote(t.Item1.Item3) + "\n    when: [" + Quote(t.Item1.Item4) + ", " + Quote(t.Item1.Item1) + "]\n    then: " + Quote(t.Item1.Item5) + "\n" +
                "  - id: " + key + "-002\n    title: " + Quote(t.Item1.Item6) + "\n    then: t\n    examples:\n" + string.Concat(t.Item2.Select(r => "      - " + r + "\n")) +
                "  - id: " + key + "-003\n    title: " + Quote(t.Item1.Item3) + "\n    status: deprecated\n    replacedBy: " + Quote(t.Item1.Item2) + "\n    then: t\n"));

    /// <summary>Eight spec files per compilation, so that each compile checks eight random features.</summary>
    private static readonly Gen<string[]> SpecFiles =
        SpecText.Array[8].Select(texts => texts.Select((text, i) => text("F" + (char)('A' + i))).ToArray());

    private static readonly HashSet<string> StubAttributes = new(StringComparer.Ordinal)
    {
        "global::Xunit.Fact", "global::Xunit.Theory", "global::Xunit.InlineData", "global::SpecGuard.Verifies", "global::System.CodeDom.Compiler.GeneratedCode",
    };

    [Fact]
    public async System.Threading.Tasks.Task Hostile_spec_text_never_breaks_or_adds_to_the_generated_code()
    {
        IEnumerable<MetadataReference> references = await Harness.References(Framework.XunitV2);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Consumer.Tests",
            [CSharpSyntaxTree.ParseText("namespace Consumer { public static class Nothing { } }", Harness.ParseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        var reached = new HashSet<string>(StringComparer.Ordinal);

        foreach (string[] specs in FixedCorpus.Of(SpecFiles, 20))
        {
            reached.UnionWith(Check(specs));
        }

        // The generator must reach every outcome: files with no feature, criteria whose examples are rejected, and stubs
        // with examples. Asserted on the fixed corpus only, so it cannot flake; then fresh cases for the invariants.
        Assert.Superset(new HashSet<string> { "no feature", "invalid examples", "stubbed examples" }, reached);
        SpecFiles.Sample(specs => Check(specs), iter: 10, threads: 1);

        IEnumerable<string> Check(string[] specs)
        {
            var outcomes = new List<string>();
            AdditionalText[] files = specs.Select((text, i) => Harness.Spec("specs/f" + i.ToString(CultureInfo.InvariantCulture) + ".spec.yaml", text)).ToArray();
            var (run, _, diagnostics) = Harness.Run(Harness.Driver(files), compilation);

            Assert.Empty(run.Diagnostics);
            Assert.Empty(diagnostics);
            SpecFeature?[] features = specs.Select((text, i) => SpecLoader.Load("specs/f" + i.ToString(CultureInfo.InvariantCulture) + ".spec.yaml", text).Feature).ToArray();
            AssertOnlyIntendedMembers(features, run);
            foreach (SpecFeature? feature in features)
            {
                outcomes.Add(feature is null ? "no feature" : feature.Criteria.Any(c => c.HasInvalidExamples) ? "invalid examples" : "stubbed examples");
            }

            return outcomes;
        }
    }

    private static void AssertOnlyIntendedMembers(SpecFeature?[] features, GeneratorDriverRunResult run)
    {
        ImmutableArray<GeneratedSourceResult> sources = run.Results.Single().GeneratedSources;
        var types = sources
            .SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            .Select(t => t.Identifier.ValueText)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var expectedTypes = new List<string> { "ImplementsAttribute", "SpecExemptAttribute", "VerifiesAttribute", "VerifiesAttribute", "VerifiesTraitDiscoverer" };
        if (AttributeSourceHasEmbedded(sources))
        {
            expectedTypes.Add("EmbeddedAttribute");
        }

        foreach (SpecFeature feature in features.OfType<SpecFeature>())
        {
            string className = SpecContract.CatalogClass(feature.Key);
            string stubClassName = SpecContract.FeatureClass(feature.Key) + "PendingTests";
            List<Criterion> criteria = feature.Criteria.ToList();
            List<Criterion> pending = criteria.Where(c => c.Status == SpecStatus.Approved && !c.HasInvalidExamples).ToList();
            expectedTypes.Add(className);
            ClassDeclarationSyntax catalog = Class(sources, className);
            Assert.All(catalog.Members, m => Assert.IsType<FieldDeclarationSyntax>(m));
            Assert.Equal(
                new[] { "FeatureKey" }.Concat(criteria.Select(c => SpecContract.CriterionConstant(c.Id))),
                catalog.Members.OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables).Select(v => v.Identifier.ValueText));
            Assert.All(catalog.Members, m => Assert.Empty(m.AttributeLists));
            if (pending.Count == 0)
            {
                continue;
            }

            expectedTypes.Add(stubClassName);
            ClassDeclarationSyntax stubs = Class(sources, stubClassName);
            Assert.All(stubs.Members, m => Assert.IsType<MethodDeclarationSyntax>(m));
            Assert.Equal(pending.Select(c => Names.TestMethod(c.Id, c.Title)), stubs.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText));
            foreach (MethodDeclarationSyntax method in stubs.Members.OfType<MethodDeclarationSyntax>())
            {
                Assert.All(method.AttributeLists.SelectMany(l => l.Attributes), a => Assert.Contains(a.Name.ToString(), StubAttributes));
                Assert.Single(method.AttributeLists.SelectMany(l => l.Attributes), a => a.ToString().StartsWith("global::System.CodeDom.Compiler.GeneratedCode(\"" + SpecContract.PendingStubMarker + "\"", StringComparison.Ordinal));
                Assert.All(method.AttributeLists.SelectMany(l => l.Attributes).SelectMany(a => a.ArgumentList?.Arguments ?? default), argument =>
                    Assert.True(argument.Expression is LiteralExpressionSyntax or PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax } or MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax }, "argument " + argument));
                Assert.All(method.Body!.Statements, statement =>
                    Assert.True(statement is ThrowStatementSyntax || statement.ToString().StartsWith("global::System.GC.KeepAlive(", StringComparison.Ordinal), "statement " + statement));
                Assert.Empty(method.DescendantNodes().OfType<LocalFunctionStatementSyntax>());
            }
        }

        Assert.Equal(expectedTypes.OrderBy(n => n, StringComparer.Ordinal), types);
    }

    private static bool AttributeSourceHasEmbedded(ImmutableArray<GeneratedSourceResult> sources) =>
        sources.Any(s => s.HintName.EndsWith("EmbeddedAttribute.g.cs", StringComparison.Ordinal));

    private static ClassDeclarationSyntax Class(ImmutableArray<GeneratedSourceResult> sources, string name) =>
        sources.SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()).Single(c => c.Identifier.ValueText == name);

    /// <summary>A YAML double-quoted scalar: printable ASCII and non-ASCII text as is, quotes, backslashes and C0/C1 controls and line separators escaped.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
