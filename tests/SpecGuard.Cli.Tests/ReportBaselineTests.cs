using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard report --baseline</c> (issue 12): the baseline files are shown as debt (per project and rule, every
/// entry) in Markdown, HTML and JSON; <c>--fail-on baseline-growth</c> with <c>--baseline-base</c> compares them with a
/// git revision of a real repository created in the test.
/// </summary>
public sealed class ReportBaselineTests : IClassFixture<ShopFixture>, IDisposable
{
    private const string ApiBaseline = """
        # SpecGuard baseline of Api
        SPEC101 M:Api.Orders.Place(System.Int32)
        SPEC100 T:Api.Orders
        SPEC100 T:Api.<Script>&"x"
        SPEC100 T:Api.Orders
        not an entry

        """;

    private const string Spec = "specguard: 1\nfeature: A\ntitle: A\ncriteria:\n  - id: A-001\n    title: t\n    then: x\n";

    private readonly ShopFixture _shop;
    private readonly string _case = "case-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _repo = Directory.CreateTempSubdirectory("specguard-git-").FullName;

    public ReportBaselineTests(ShopFixture shop)
    {
        _shop = shop;
        _shop.Write(_case + "/src/Api/Api.csproj", "<Project />\n");
        _shop.Write(_case + "/src/Api/SpecGuard.Baseline.txt", ApiBaseline);
        _shop.Write(_case + "/src/Worker/SpecGuard.Baseline.txt", "SPEC101 M:Worker.Job.Execute\n");
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static JsonElement Root(CliRun run) => JsonDocument.Parse(run.Output).RootElement.Clone();

    [Fact]
    public void Json_carries_the_baseline_per_project_and_rule_with_every_entry()
    {
        CliRun run = _shop.Run("report", "-f", "json", "--baseline", _case);

        Assert.True(run.Exit == 0, run.Error);
        JsonElement baseline = Root(run).GetProperty("baseline");
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("base").ValueKind);
        Assert.Equal(4, baseline.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("added").ValueKind);
        Assert.Equal("""{"SPEC100":2,"SPEC101":2}""", baseline.GetProperty("counts").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        JsonElement[] projects = [.. baseline.GetProperty("projects").EnumerateArray()];
        Assert.Equal(["Api", "Worker"], projects.Select(static p => p.GetProperty("project").GetString()));
        Assert.Equal([_case + "/src/Api/SpecGuard.Baseline.txt", _case + "/src/Worker/SpecGuard.Baseline.txt"], projects.Select(static p => p.GetProperty("path").GetString()));
        Assert.Equal([3, 1], projects.Select(static p => p.GetProperty("total").GetInt32()));
        Assert.Equal(
            ["SPEC101 M:Api.Orders.Place(System.Int32)", "SPEC100 T:Api.<Script>&\"x\"", "SPEC100 T:Api.Orders"],
            projects[0].GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("rule").GetString() + " " + e.GetProperty("key").GetString()));
        Assert.All(projects[0].GetProperty("entries").EnumerateArray(), static e => Assert.Equal(JsonValueKind.Null, e.GetProperty("added").ValueKind));

        // The malformed and duplicate lines are SPEC904 warnings on their lines, and exempt nothing.
        string[] warnings = [.. Root(run).GetProperty("warnings").EnumerateArray().Select(static w => w.GetProperty("message").GetString()!)];
        Assert.Contains(warnings, w => w.StartsWith(_case + "/src/Api/SpecGuard.Baseline.txt(5,1): warning SPEC904: This baseline entry repeats line 3", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(_case + "/src/Api/SpecGuard.Baseline.txt(6,1): warning SPEC904:", StringComparison.Ordinal));
        Assert.Contains(Root(run).GetProperty("inputs").EnumerateArray(), i => i.GetProperty("kind").GetString() == "baseline" && i.GetProperty("path").GetString() == _case + "/src/Worker/SpecGuard.Baseline.txt" && i.GetProperty("detail").GetString() == "1 entry");
    }

    [Fact]
    public void Without_baseline_the_report_has_no_baseline_section_and_json_says_null()
    {
        CliRun json = _shop.Run("report", "-f", "json");
        CliRun md = _shop.Run("report");

        Assert.Equal(JsonValueKind.Null, Root(json).GetProperty("baseline").ValueKind);
        Assert.DoesNotContain("SpecGuard baseline", md.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_shows_counts_a_table_per_project_and_every_entry_collapsed()
    {
        CliRun run = _shop.Run("report", "--baseline", _case);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains(
            $"""
            ### SpecGuard baseline (untraced code recorded as debt)

            **4 baselined symbol(s)** in 2 project(s): SPEC100 × 2 · SPEC101 × 2

            | Project | Baseline | SPEC100 | SPEC101 | Total |
            |---|---|--:|--:|--:|
            | **Api** | `{_case}/src/Api/SpecGuard.Baseline.txt` | 2 | 1 | 3 |
            | **Worker** | `{_case}/src/Worker/SpecGuard.Baseline.txt` | 0 | 1 | 1 |

            <details><summary>Every baselined symbol</summary>

            - Api: **SPEC101** `M:Api.Orders.Place(System.Int32)`
            - Api: **SPEC100** `T:Api.<Script>&"x"`
            - Api: **SPEC100** `T:Api.Orders`
            - Worker: **SPEC101** `M:Worker.Job.Execute`

            </details>
            """.ReplaceLineEndings("\n"),
            run.Output.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains(", 2 baseline file(s)</sub>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_keeps_the_counts_and_leaves_entries_out_past_its_budget()
    {
        string many = string.Concat(Enumerable.Range(0, 3000).Select(static i => $"SPEC100 T:Big.Type{i:D5}WithAVeryLongNameThatTakesRoom\n"));
        _shop.Write(_case + "/big/SpecGuard.Baseline.txt", many);

        CliRun run = _shop.Run("report", "--baseline", _case + "/big");

        Assert.Contains("**3000 baselined symbol(s)** in 1 project(s): SPEC100 × 3000", run.Output, StringComparison.Ordinal);
        Assert.Contains("more entr(ies) left out to fit a comment; the HTML and JSON reports have every one.", run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.Length < 65_536, run.Output.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Html_shows_the_baseline_before_the_criteria_view_with_its_entries_collapsed_and_encoded()
    {
        CliRun run = _shop.Run("report", "-f", "html", "--baseline", _case);

        Assert.True(run.Exit == 0, run.Error);
        string html = run.Output;
        int section = html.IndexOf("<h2 id=\"baseline\">", StringComparison.Ordinal);
        int entries = html.IndexOf("<details class=\"baseline-entries\"><summary>Every baselined symbol (4)</summary>", StringComparison.Ordinal);
        int matrix = html.IndexOf("<h2 id=\"matrix\">", StringComparison.Ordinal);
        Assert.True(section > 0 && section < entries && entries < matrix, $"{section} {entries} {matrix}");
        Assert.Contains("<p>4 baselined symbol(s) in 2 project(s): <b>SPEC100</b> 2, <b>SPEC101</b> 2</p>", html, StringComparison.Ordinal);
        Assert.Contains("<code>T:Api.&lt;Script&gt;&amp;&quot;x&quot;</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Script>", html, StringComparison.Ordinal);
        // The criteria view is all there.
        Assert.Equal(11, html.Split("<tr class=\"criterion\"").Length - 1);
    }

    // ---- --fail-on baseline-growth against a real git repository ----

    private string Git(params string[] arguments) => TestRepository.Run(_repo, arguments);

    private string WriteInRepo(string relative, string text)
    {
        string path = Path.Combine(_repo, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private CliRun RunInRepo(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, _repo);
        return new CliRun(exit, output.ToString(), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>A repository whose commit tagged <c>base</c> has Api's baseline with two entries.</summary>
    private void CommitBase()
    {
        Git("init", "-q");
        WriteInRepo("specs/a.spec.yaml", Spec);
        WriteInRepo("src/Api/Api.csproj", "<Project />\n");
        WriteInRepo("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.A\nSPEC100 T:Api.B\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "base");
        Git("tag", "base");
    }

    [Fact]
    public void Baseline_growth_fails_on_entries_the_base_revision_lacks_and_names_them()
    {
        CommitBase();
        WriteInRepo("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.A\nSPEC101 M:Api.A.New\n");             // B paid off, one added
        WriteInRepo("src/Worker/SpecGuard.Baseline.txt", "SPEC101 M:Worker.Job.Run\n");                      // a new file: all added

        CliRun run = RunInRepo("report", "-f", "json", "--baseline", ".", "--baseline-base", "base", "--fail-on", "baseline-growth");

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            """
            specguard report: 2 baseline entries added since base in 2 project(s) (--fail-on baseline-growth); new code must be linked to a criterion or exempt, not baselined:
              src/Api/SpecGuard.Baseline.txt: SPEC101 M:Api.A.New
              src/Worker/SpecGuard.Baseline.txt: SPEC101 M:Worker.Job.Run

            """,
            run.Error);
        JsonElement baseline = Root(run).GetProperty("baseline");
        Assert.Equal("base", baseline.GetProperty("base").GetString());
        Assert.Equal(2, baseline.GetProperty("added").GetInt32());
        JsonElement api = baseline.GetProperty("projects")[0];
        Assert.Equal(1, api.GetProperty("added").GetInt32());
        Assert.Equal(
            ["SPEC100 T:Api.A False", "SPEC101 M:Api.A.New True"],
            api.GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("rule").GetString() + " " + e.GetProperty("key").GetString() + " " + e.GetProperty("added").GetBoolean()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_baseline_that_only_shrank_passes_and_markdown_shows_zero_added()
    {
        CommitBase();
        WriteInRepo("src/Api/SpecGuard.Baseline.txt", "# comments do not count\nSPEC100 T:Api.B\n");

        CliRun run = RunInRepo("report", "--baseline", "src", "--baseline-base", "base", "--fail-on", "baseline-growth");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("**1 baselined symbol(s)** in 1 project(s): SPEC100 × 1 · **0 added since `base`**", run.Output, StringComparison.Ordinal);
        Assert.Contains("| Project | Baseline | SPEC100 | SPEC101 | Total | Added |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_revision_or_a_folder_outside_git_is_a_usage_error_and_nothing_is_written()
    {
        CommitBase();
        string outside = Directory.CreateTempSubdirectory("specguard-nogit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "SpecGuard.Baseline.txt"), "SPEC100 T:X\n");

            CliRun missing = RunInRepo("report", "--baseline", ".", "--baseline-base", "no-such-branch", "--fail-on", "baseline-growth", "-o", "out/report.md");
            CliRun notGit = RunInRepo("report", "--baseline", outside, "--baseline-base", "base", "--fail-on", "baseline-growth");

            Assert.Equal(2, missing.Exit);
            Assert.StartsWith("specguard report: --baseline-base 'no-such-branch' is not a commit of the git repository at ", missing.Error, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was written.\n", missing.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, missing.Output);
            Assert.False(File.Exists(Path.Combine(_repo, "out", "report.md")));
            Assert.Equal(2, notGit.Exit);
            Assert.Contains("--baseline-base needs the baseline files in a git repository", notGit.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Baseline_growth_needs_a_base_and_baseline_files_to_pass()
    {
        CommitBase();

        CliRun noBase = RunInRepo("report", "--baseline", ".", "--fail-on", "baseline-growth");
        CliRun noBaseline = RunInRepo("report", "--baseline-base", "base", "--fail-on", "baseline-growth");

        Assert.Equal(2, noBase.Exit);
        Assert.Equal("specguard report: --fail-on baseline-growth needs --baseline-base REF, the git revision to compare the baseline files with (in a pull-request job: the target branch, e.g. origin/main).\n", noBase.Error);
        Assert.Equal(1, noBaseline.Exit);
        Assert.Contains("specguard report: --fail-on baseline-growth compares the baseline files given with --baseline, but no --baseline was given", noBaseline.Error, StringComparison.Ordinal);
    }
}
