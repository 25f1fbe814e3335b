using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Schema;
using SpecGuard.Core.Tests.Oracle;
using SpecGuard.Core.Yaml;
using SpecGuard.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace SpecGuard.Core.Tests;

/// <summary>
/// SchemaValidator (the loader's, on the YAML tree) against NJsonSchema (the oracle, on the JToken tree the loader used
/// to build): for generated and mutated specs both must find the same errors, in the same order, of the same kind, on
/// the same YAML node (and for missing/unknown keys, about the same key). 20,000 cases by default; set
/// SPECGUARD_DIFFERENTIAL_CASES to run more (bench/differential.sh runs 1,000,000).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonSchema> Oracle = new(() => JsonSchema.FromJsonAsync(SpecSchema.Text).GetAwaiter().GetResult());

    private static readonly string[] Seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.spec.y*ml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray();

    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("SPECGUARD_DIFFERENTIAL_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0 ? cases : 20_000;

    [Fact]
    [Trait("Category", "Differential")]
    public void The_validator_finds_what_NJsonSchema_finds_on_generated_and_mutated_specs()
    {
        int total = Cases;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        int clean = 0;
        int compared = 0;
        var lockObject = new object();
        Gen<(int, int)> cases = Gen.Select(Gen.Int, Gen.Int[0, 3]);
        int fixedCases = Math.Max(total / 2, 1);

        // Half the cases are the fixed corpus (the same on every run): the coverage and rate assertions below count only
        // these, so they cannot flake. The other half are fresh each run and check agreement only.
        System.Threading.Tasks.Parallel.ForEach(FixedCorpus.Of(cases, fixedCases).ToList(), t =>
        {
            List<Finding>? expected = CompareCase(t);
            if (expected is not null)
            {
                lock (lockObject)
                {
                    compared++;
                    clean += expected.Count == 0 ? 1 : 0;
                    kinds.UnionWith(expected.Select(static f => f.Kind));
                }
            }
        });
        cases.Sample(t => CompareCase(t), iter: Math.Max(total - fixedCases, 1), threads: -1);

        // The cases must reach every error the schema can raise (multi-type failures hide the per-type kinds), and clean files.
        Assert.Superset(
            new HashSet<string>
            {
                "PropertyRequired", "NoAdditionalPropertiesAllowed", "NotInEnumeration", "PatternMismatch", "StringTooShort", "TooFewItems",
                "TooFewProperties", "ItemsNotUnique", "NotOneOf", "NoTypeValidates", "StringExpected", "IntegerExpected", "ArrayExpected", "ObjectExpected",
            },
            kinds);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} fixed cases (and {4:N0} fresh ones): {1:N0} compared ({2:N0} clean), the rest not YAML; error kinds seen: {3}", fixedCases, compared, clean, string.Join(", ", kinds.Order(StringComparer.Ordinal)), total - fixedCases));
        Assert.InRange(clean, fixedCases / 100, compared);
        Assert.InRange(compared, fixedCases * 8 / 10, fixedCases);
    }

    /// <summary>One generated case: both validators agree, or the assertion names the seed and both answers. Null when the text is not YAML.</summary>
    private static List<Finding>? CompareCase((int Seed, int Kind) t)
    {
        var random = new Random(t.Seed);
        string text = t.Kind == 0 ? Mutate(Seeds[random.Next(Seeds.Length)], random) : SpecText.Generate(random);
        (List<Finding>? expected, List<Finding>? actual) = Compare(text);
        if (expected is null || actual is null)
        {
            return null;
        }

        Assert.True(
            expected.SequenceEqual(actual),
            "Seed " + t.Seed.ToString(CultureInfo.InvariantCulture) + " differs.\n--- spec ---\n" + text + "\n--- NJsonSchema ---\n" + string.Join("\n", expected) + "\n--- SchemaValidator ---\n" + string.Join("\n", actual));
        return expected;
    }

    [Fact]
    public void The_comparison_sees_a_validator_that_differs()
    {
        // A check that cannot fail proves nothing: an error the validator reports on another node must show as a difference.
        (List<Finding>? expected, List<Finding>? actual) = Compare("specguard: 1\nfeature: orders\ntitle: T\ncriteria: []\n");

        Assert.NotNull(expected);
        Assert.Equal(expected, actual);
        Finding moved = actual![0] with { Start = actual[0].Start + 1 };
        Assert.False(expected!.SequenceEqual([moved, .. actual.Skip(1)]));
        Assert.Contains(expected, f => f.Kind == "PatternMismatch");
        Assert.Contains(expected, f => f.Kind == "TooFewItems");
    }

    [Theory]
    [InlineData("specguard: 1.0\nfeature: A\ntitle: t\ncriteria: [{id: A-001, title: t, then: x}]\n")]
    [InlineData("specguard: '1'\nfeature: A\ntitle: t\ncriteria: [{id: A-001, title: t, then: x, tags: [1, '1']}]\n")]
    [InlineData("specguard: 1\nfeature: A\ntitle: t\nstatus: ~\ncriteria: [{id: A-001, title: t, then: [[x]], given: ~, examples: [{a: [1]}, {}, {1x: 2, b: .nan, c: ~}]}]\n")]
    [InlineData("specguard: 1\nfeature: A\ntitle: t\ncriteria: [{id: A-001, title: t, then: x, tags: [[a], [a], {b: 1}, {b: 1.0}]}]\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    public void Known_corners_agree(string text)
    {
        (List<Finding>? expected, List<Finding>? actual) = Compare(text);

        Assert.NotNull(expected);
        Assert.NotEmpty(expected!);
        Assert.Equal(expected, actual);
    }

    private static (List<Finding>? Expected, List<Finding>? Actual) Compare(string text)
    {
        var diagnostics = new DiagnosticBag(SpecLoaderLimits.Default.MaxDiagnosticsPerFile);
        YamlNode? root;
        try
        {
            root = YamlTreeReader.Read("differential.spec.yaml", text, SpecLoaderLimits.Default, diagnostics);
        }
        catch (ArgumentException)
        {
            // Not the validators' business: YamlDotNet throws on a bare "[!!str]" (the loader turns it into SPEC001).
            return (null, null);
        }

        if (root is null)
        {
            return (null, null);
        }

        var json = new YamlToJson("differential.spec.yaml", new DiagnosticBag(1_000_000));
        JToken document = json.Convert(root);
        var expected = new List<Finding>();
        Flatten(Oracle.Value.Validate(document), json, expected);

        List<Finding> actual = SchemaValidator.Validate(root)
            .Select(static e => new Finding(e.Kind.ToString(), e.Node.Span.Start, e.Node.Span.End, e.Kind is SchemaErrorKind.PropertyRequired or SchemaErrorKind.NoAdditionalPropertiesAllowed ? e.Property : null))
            .ToList();
        return (expected, actual);
    }

    /// <summary>The errors as the old translator read them: child errors of items and pattern properties flattened, oneOf kept whole.</summary>
    private static void Flatten(IEnumerable<ValidationError> errors, YamlToJson json, List<Finding> into)
    {
        foreach (ValidationError error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind != ValidationErrorKind.NotOneOf && error.Kind != ValidationErrorKind.NotAnyOf && child.Errors.Count > 0)
            {
                foreach (ICollection<ValidationError> nested in child.Errors.Values)
                {
                    Flatten(nested, json, into);
                }

                continue;
            }

            SourceSpan span = (error.Token is null ? null : json.OriginOf(error.Token))?.Span ?? SourceSpan.FileStart;
            string? property = error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed ? error.Property : null;
            into.Add(new Finding(error.Kind.ToString(), span.Start, span.End, property));
        }
    }

    private static readonly string[] Fragments =
    [
        "&a ", "*a", "- ", ": ", "[", "]", "{", "}", "---\n", "? ", "!!str ", "!!int ", "!!float ", "!!null ", "\"", "'", "|\n", ">\n",
        "#", ",", "  ", "\n", "~", "''", "1", "1.5", "true", "[]", "{}", "ORDERS-001", "x-", "\u00e9",
    ];

    private static string Mutate(string text, Random random)
    {
        int count = random.Next(1, 6);
        for (int i = 0; i < count; i++)
        {
            int at = random.Next(text.Length + 1);
            string[] lines = text.Split('\n');
            int line = random.Next(lines.Length);
            switch (random.Next(4))
            {
                case 0:
                    text = text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    text = text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(12)));
                    break;
                case 2:
                    text = string.Join('\n', lines.Where((_, index) => index != line));
                    break;
                default:
                    var list = new List<string>(lines);
                    list.Insert(random.Next(lines.Length), lines[line]);
                    text = string.Join('\n', list);
                    break;
            }
        }

        return text;
    }

    private sealed record Finding(string Kind, int Start, int End, string? Property);
}
