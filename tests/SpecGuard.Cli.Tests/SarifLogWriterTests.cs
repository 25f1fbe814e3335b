using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SpecGuard.Cli.Output;
using SpecGuard.Cli.Report;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>The shared SARIF 2.1.0 writer of validate, report and diff (<see cref="SarifLogWriter"/>).</summary>
public sealed class SarifLogWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-sarif-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Full(string relative) => Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static JsonElement Run(string sarif) => JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].Clone();

    private static readonly CodeScanRule Added = new("specguard/criterion-added", "Criterion added", "A criterion the pull request adds.", ProjectLinks.DocsBase + "cli.md#added");

    [Fact]
    public void The_log_has_the_structure_SARIF_2_1_0_requires()
    {
        string sarif = SarifLogWriter.Write(
            [new CodeScanResult("SPEC002", ResultLevel.Error, "Unknown key 'thne'.", Full("specs/orders.spec.yaml"), 7, null, 5)],
            _root);

        using JsonDocument document = JsonDocument.Parse(sarif);
        JsonElement log = document.RootElement;
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        JsonElement run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        JsonElement driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("SpecGuard", driver.GetProperty("name").GetString());
        Assert.Equal(TraceReport.Version, driver.GetProperty("semanticVersion").GetString());
        Assert.Equal(TraceReport.Version, driver.GetProperty("version").GetString());
        Assert.Equal(ProjectLinks.ProjectUrl, driver.GetProperty("informationUri").GetString());

        JsonElement rule = Assert.Single(driver.GetProperty("rules").EnumerateArray());
        Assert.Equal("SPEC002", rule.GetProperty("id").GetString());
        Assert.Equal(SpecRules.SchemaViolation.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal(SpecRules.SchemaViolation.Description, rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal(SpecRules.SchemaViolation.HelpLink, rule.GetProperty("helpUri").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());

        JsonElement result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("SPEC002", result.GetProperty("ruleId").GetString());
        Assert.Equal(0, result.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("Unknown key 'thne'.", result.GetProperty("message").GetProperty("text").GetString());
        JsonElement physical = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal("specs/orders.spec.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(5, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.False(physical.GetProperty("region").TryGetProperty("endLine", out _));

        string baseUri = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.EndsWith("/", baseUri, StringComparison.Ordinal);
        Assert.Equal(Path.TrimEndingDirectorySeparator(_root), Path.TrimEndingDirectorySeparator(new Uri(baseUri).LocalPath));
    }

    [Fact]
    public void The_text_is_indented_with_LF_line_ends_no_BOM_and_ends_with_a_line_end()
    {
        string sarif = SarifLogWriter.Write([new CodeScanResult("SPEC001", ResultLevel.Error, "bad\r\nyaml", Full("a.yaml"), 1)], _root);

        Assert.DoesNotContain("\r", sarif, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"$schema\"", sarif, StringComparison.Ordinal);
        Assert.EndsWith("}\n", sarif, StringComparison.Ordinal);
        Assert.NotEqual('\uFEFF', sarif[0]);
        Assert.Equal("bad\r\nyaml", Run(sarif).GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Only_the_rules_the_results_use_are_listed_sorted_by_ID_and_results_point_at_them()
    {
        string sarif = SarifLogWriter.Write(
            [
                new CodeScanResult("specguard/criterion-added", ResultLevel.Note, "added", Full("specs/a.spec.yaml"), 3),
                new CodeScanResult("SPEC105", ResultLevel.Warning, "suspect", Full("specs/a.spec.yaml"), 4),
                new CodeScanResult("SPEC002", ResultLevel.Error, "schema", Full("specs/a.spec.yaml"), 5),
                new CodeScanResult("SPEC105", ResultLevel.Warning, "suspect again", Full("specs/b.spec.yaml"), 4),
            ],
            _root,
            [Added, new CodeScanRule("specguard/unused", "Unused", "Not used by any result.", "https://example.invalid/")]);

        JsonElement run = Run(sarif);
        string[] ids = [.. run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(static r => r.GetProperty("id").GetString()!)];
        Assert.Equal(["SPEC002", "SPEC105", "specguard/criterion-added"], ids);
        foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), ids[result.GetProperty("ruleIndex").GetInt32()]);
        }

        JsonElement added = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[2];
        Assert.Equal("Criterion added", added.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("A criterion the pull request adds.", added.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal(Added.HelpUri, added.GetProperty("helpUri").GetString());
        Assert.Equal("warning", run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void A_result_whose_rule_nobody_describes_is_written_with_a_rule_of_just_its_ID()
    {
        string sarif = SarifLogWriter.Write([new CodeScanResult("SPEC999", ResultLevel.Warning, "from a newer analyzer", Full("src/A.cs"), 2)], _root);

        JsonElement run = Run(sarif);
        JsonElement rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal(["id"], rule.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("SPEC999", rule.GetProperty("id").GetString());
        Assert.Equal("SPEC999", Assert.Single(run.GetProperty("results").EnumerateArray()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public void A_SPEC_rule_is_described_from_SpecRules_even_when_extra_rules_name_it()
    {
        string sarif = SarifLogWriter.Write(
            [new CodeScanResult("SPEC105", ResultLevel.Warning, "suspect", Full("specs/a.spec.yaml"), 4)],
            _root,
            [new CodeScanRule("SPEC105", "Another title", "Another description.", "https://example.invalid/")]);

        JsonElement rule = Run(sarif).GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal(SpecRules.SuspectLink.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("specs/a b/x.spec.yaml", "specs/a%20b/x.spec.yaml")]
    [InlineData("specs/c#/x.spec.yaml", "specs/c%23/x.spec.yaml")]
    [InlineData("specs/100%/x.spec.yaml", "specs/100%25/x.spec.yaml")]
    [InlineData("specs/%20/x.spec.yaml", "specs/%2520/x.spec.yaml")]
    [InlineData("specs/bestellungen-ü/größe.spec.yaml", "specs/bestellungen-%C3%BC/gr%C3%B6%C3%9Fe.spec.yaml")]
    [InlineData("specs/注文/x.spec.yaml", "specs/%E6%B3%A8%E6%96%87/x.spec.yaml")]
    [InlineData("specs/a?b&c=d;e/x.spec.yaml", "specs/a%3Fb%26c%3Dd%3Be/x.spec.yaml")]
    public void Relative_URIs_are_percent_encoded_per_segment_and_read_back_to_the_same_file(string relative, string expected)
    {
        string file = Full(relative);
        string sarif = SarifLogWriter.Write([new CodeScanResult("SPEC100", ResultLevel.Warning, "m", file, 1)], _root);

        JsonElement artifact = Run(sarif).GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(expected, artifact.GetProperty("uri").GetString());
        Assert.True(Uri.IsWellFormedUriString(artifact.GetProperty("uri").GetString(), UriKind.Relative));

        // The repository's own SARIF reader resolves it against originalUriBaseIds to the same path.
        SarifReadResult read = SarifReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(sarif)), Path.GetTempPath());
        Assert.Null(read.Problem);
        Assert.Equal(file, Assert.Single(read.Findings).Path);
    }

    [Fact]
    public void A_path_outside_the_source_root_is_an_absolute_file_URI_without_a_base()
    {
        string outside = Path.Combine(Path.GetDirectoryName(_root)!, "other place #1", "A.cs");
        string sarif = SarifLogWriter.Write([new CodeScanResult("SPEC100", ResultLevel.Warning, "m", outside, 3)], Full("repo"));

        JsonElement artifact = Run(sarif).GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        string uri = artifact.GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", uri, StringComparison.Ordinal);
        Assert.Contains("other%20place%20%231/A.cs", uri, StringComparison.Ordinal);
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
        Assert.Equal(outside, new Uri(uri).LocalPath);

        SarifReadResult read = SarifReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(sarif)), _root);
        Assert.Equal(outside, Assert.Single(read.Findings).Path);
    }

    [Fact]
    public void The_region_has_only_what_is_given_and_a_result_without_a_path_has_no_locations()
    {
        string sarif = SarifLogWriter.Write(
            [
                new CodeScanResult("SPEC902", ResultLevel.Warning, "no spec files", null, null),
                new CodeScanResult("SPEC001", ResultLevel.Error, "file-level", Full("a.yaml"), null),
                new CodeScanResult("SPEC002", ResultLevel.Error, "lines", Full("b.yaml"), 3, 5),
                new CodeScanResult("SPEC003", ResultLevel.Error, "all", Full("c.yaml"), 3, 4, 9),
            ],
            _root);

        JsonElement[] results = [.. Run(sarif).GetProperty("results").EnumerateArray()];
        Assert.False(results[0].TryGetProperty("locations", out _));
        Assert.False(results[1].GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));
        Assert.Equal(
            ["startLine=3", "endLine=5"],
            results[2].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").EnumerateObject().Select(static p => p.Name + "=" + p.Value.GetInt32()));
        Assert.Equal(
            ["startLine=3", "startColumn=9", "endLine=4"],
            results[3].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").EnumerateObject().Select(static p => p.Name + "=" + p.Value.GetInt32()));
    }

    [Fact]
    public void Levels_are_SARIF_levels()
    {
        string sarif = SarifLogWriter.Write(
            [
                new CodeScanResult("SPEC001", ResultLevel.Error, "e", Full("a.yaml"), 1),
                new CodeScanResult("SPEC001", ResultLevel.Warning, "w", Full("a.yaml"), 2),
                new CodeScanResult("SPEC001", ResultLevel.Note, "n", Full("a.yaml"), 3),
            ],
            _root);

        Assert.Equal(["error", "warning", "note"], Run(sarif).GetProperty("results").EnumerateArray().Select(static r => r.GetProperty("level").GetString()));
    }

    [Fact]
    public void The_log_is_the_same_whatever_the_order_of_the_results()
    {
        CodeScanResult[] results =
        [
            new("SPEC100", ResultLevel.Warning, "b", Full("src/B.cs"), 10, null, 2),
            new("SPEC100", ResultLevel.Warning, "a", Full("src/B.cs"), 10, null, 2),
            new("SPEC101", ResultLevel.Warning, "a", Full("src/B.cs"), 10, null, 2),
            new("SPEC100", ResultLevel.Warning, "a", Full("src/B.cs"), 10, null, 1),
            new("SPEC100", ResultLevel.Warning, "a", Full("src/B.cs"), 9),
            new("SPEC100", ResultLevel.Warning, "a", Full("src/A.cs"), 30),
            new("SPEC902", ResultLevel.Warning, "nowhere", null, null),
            new("SPEC100", ResultLevel.Error, "a", Full("src/A.cs"), 30),
        ];
        string expected = SarifLogWriter.Write(results, _root);

        var random = new Random(14);
        for (int i = 0; i < 20; i++)
        {
            CodeScanResult[] shuffled = [.. results];
            random.Shuffle(shuffled);
            Assert.Equal(expected, SarifLogWriter.Write(shuffled, _root));
        }

        string[] order = [.. Run(expected).GetProperty("results").EnumerateArray().Select(static r =>
            r.GetProperty("ruleId").GetString() + " " + r.GetProperty("message").GetProperty("text").GetString() + " " + r.GetProperty("level").GetString() + " " +
            (r.TryGetProperty("locations", out JsonElement l) ? l[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() + ":" + l[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() : "-"))];
        Assert.Equal(
            [
                "SPEC902 nowhere warning -",
                "SPEC100 a error src/A.cs:30",
                "SPEC100 a warning src/A.cs:30",
                "SPEC100 a warning src/B.cs:9",
                "SPEC100 a warning src/B.cs:10",
                "SPEC100 a warning src/B.cs:10",
                "SPEC100 b warning src/B.cs:10",
                "SPEC101 a warning src/B.cs:10",
            ],
            order);
    }

    [Fact]
    public void The_fingerprint_ignores_the_line_but_not_the_rule_file_or_message_and_counts_repeats()
    {
        string Fingerprint(CodeScanResult result) =>
            Run(SarifLogWriter.Write([result], _root)).GetProperty("results")[0].GetProperty("partialFingerprints").GetProperty("specguard/v1").GetString()!;

        var original = new CodeScanResult("SPEC100", ResultLevel.Warning, "'A.M' traces to no criterion.", Full("src/A.cs"), 10, null, 5);
        string fingerprint = Fingerprint(original);

        Assert.Matches("^[0-9a-f]{64}:1$", fingerprint);
        Assert.Equal(fingerprint, Fingerprint(original with { Line = 42, Column = 1 }));
        Assert.NotEqual(fingerprint, Fingerprint(original with { RuleId = "SPEC101" }));
        Assert.NotEqual(fingerprint, Fingerprint(original with { Path = Full("src/B.cs") }));
        Assert.NotEqual(fingerprint, Fingerprint(original with { Message = "'A.N' traces to no criterion." }));

        // The same result twice (two lines of one file): told apart by the occurrence count, in line order.
        string[] two = [.. Run(SarifLogWriter.Write([original with { Line = 20 }, original], _root)).GetProperty("results").EnumerateArray()
            .Select(static r => r.GetProperty("partialFingerprints").GetProperty("specguard/v1").GetString()!)];
        Assert.Equal([fingerprint, fingerprint[..^1] + "2"], two);
    }

    [Fact]
    public void The_fingerprint_is_the_same_wherever_the_repository_is_checked_out()
    {
        var result = new CodeScanResult("SPEC100", ResultLevel.Warning, "m", Full("one/src/A.cs"), 10);
        string here = Run(SarifLogWriter.Write([result], Full("one"))).GetProperty("results")[0].GetProperty("partialFingerprints").GetProperty("specguard/v1").GetString()!;
        string there = Run(SarifLogWriter.Write([result with { Path = Full("two/src/A.cs") }], Full("two"))).GetProperty("results")[0].GetProperty("partialFingerprints").GetProperty("specguard/v1").GetString()!;

        Assert.Equal(here, there);
    }

    [Fact]
    public void Hostile_text_is_written_as_valid_JSON()
    {
        string message = "quote \" backslash \\ control \u0001 lone \uD800 surrogate </script> \u2028";
        string sarif = SarifLogWriter.Write([new CodeScanResult("SPEC100", ResultLevel.Warning, message, Full("src/\uDC00.cs"), 1)], _root);

        JsonElement result = Run(sarif).GetProperty("results")[0];
        Assert.Equal(message.Replace('\uD800', '\uFFFD'), result.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("src/%EF%BF%BD.cs", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void No_results_is_a_valid_log_with_an_empty_results_array()
    {
        JsonElement run = Run(SarifLogWriter.Write([], _root));

        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(0, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public void File_URIs_encode_each_segment()
    {
        Assert.Equal("file:///tmp/a%20b/c%23d/", SarifLogWriter.FileUri("/tmp/a b/c#d", directory: true));
        Assert.Equal("file:///tmp/x%25y.cs", SarifLogWriter.FileUri("/tmp/x%y.cs", directory: false));
        Assert.Equal("file:///", SarifLogWriter.FileUri("/", directory: true));
    }
}
