using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The example specs under specs-schema/examples drive the loader: valid ones load clean, invalid ones say what they must produce.</summary>
public sealed partial class ExampleSpecTests
{
    private static readonly string ExamplesRoot = Path.Combine(AppContext.BaseDirectory, "examples");

    public static TheoryData<string> ValidExamples() => Examples("valid");

    public static TheoryData<string> InvalidExamples() => Examples("invalid");

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_001)]
    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_example_loads_without_diagnostics(string name)
    {
        string path = Path.Combine(ExamplesRoot, "valid", name);

        SpecLoadResult result = SpecLoader.Load(name, File.ReadAllText(path));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Feature);
        Assert.NotEmpty(result.Feature!.Criteria);
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_002, SpecGuard.Specs.SchemaCriteria.SCHEMA_001)]
    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Invalid_example_produces_exactly_the_diagnostics_it_names(string name)
    {
        string text = File.ReadAllText(Path.Combine(ExamplesRoot, "invalid", name));
        List<Expectation> expected = ExpectPattern().Matches(text)
            .Select(m => new Expectation(
                m.Groups["id"].Value,
                int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture),
                m.Groups["text"].Value))
            .ToList();
        Assert.NotEmpty(expected); // an invalid example must say what it produces

        SpecLoadResult result = SpecLoader.Load(name, text);

        var actual = result.Diagnostics.Select(d => (d.Id, Line: d.Span.StartLine + 1, Column: d.Span.StartColumn + 1)).ToList();
        Assert.Equal(expected.Select(e => (e.Id, e.Line, e.Column)), actual);
        foreach ((Expectation expectation, SpecDiagnostic diagnostic) in expected.Zip(result.Diagnostics))
        {
            Assert.Contains(expectation.Text, diagnostic.Message, StringComparison.Ordinal);
            Assert.Equal(name, diagnostic.Path);
            Assert.Equal(SpecSeverity.Error, diagnostic.Severity);
        }
    }

    [Fact]
    public void Every_example_set_is_present()
    {
        Assert.True(ValidExamples().Count >= 3);
        Assert.True(InvalidExamples().Count >= 10);
    }

    [Fact]
    public void Valid_examples_loaded_together_have_no_cross_file_problems()
    {
        SpecSet set = SpecSet.Load(Directory.GetFiles(Path.Combine(ExamplesRoot, "valid"))
            .Select(f => new SpecSource(Path.GetFileName(f), File.ReadAllText(f))));

        Assert.Empty(set.Diagnostics);
        Assert.Equal(["ORDERS-001", "ORDERS-002", "ORDERS-003", "PAYMENTS-V2-001", "PAYMENTS-V2-1002", "SHIPPING-001"], set.Criteria.Keys.Order(StringComparer.Ordinal));
    }

    private static TheoryData<string> Examples(string kind)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(ExamplesRoot, kind)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [GeneratedRegex("^# expect: (?<id>SPEC[0-9]{3}) \\((?<line>[0-9]+),(?<col>[0-9]+)\\) \"(?<text>[^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex ExpectPattern();

    private sealed record Expectation(string Id, int Line, int Column, string Text);
}
