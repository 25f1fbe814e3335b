using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard baseline</c> (issue 12) with the build stood in for: the stand-in writes the SARIF logs a
/// <c>dotnet build -p:SpecGuardEnforce=report</c> writes (obj/&lt;cfg&gt;/&lt;tfm&gt;/&lt;Project&gt;.specguard.sarif, findings
/// carrying the symbol key where csc puts Diagnostic.Properties), and the command must turn them into each project's
/// SpecGuard.Baseline.txt. RealBaselineBuildTests runs the real build once.
/// </summary>
public sealed class BaselineCommandTests : IDisposable
{
    private const string ApiBaseline = """
        # SpecGuard baseline of Api: untraced code recorded when SpecGuard was adopted.
        # SPEC100/SPEC101 skip these symbols; new code is held to the specs. The file only shrinks: link or exempt a
        # symbol, then delete its line (SPEC107 says which lines are stale). See docs/adopting.md.
        SPEC101 M:Api.Orders.Place(System.Int32)
        SPEC100 T:Api.Net9Only
        SPEC100 T:Api.Orders
        SPEC101 endpoint:MapGet("/orders/{id}") in M:Program.{Main}$(System.String[])

        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-baseline-").FullName;
    private readonly List<(string Target, string[] Arguments)> _builds = [];

    /// <summary>What the stand-in build writes: log path (relative to the root) → results.</summary>
    private Dictionary<string, SarifResult[]> _logs = [];

    private int _buildExit;

    public BaselineCommandTests()
    {
        Write("App.sln", "solution (the stand-in build does not read it)\n");
        Write("src/Api/Api.csproj", "<Project />\n");
        Write("src/Worker/Worker.csproj", "<Project />\n");
        Write("tests/Api.Tests/Api.Tests.csproj", "<Project />\n");
        _logs = DefaultLogs();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Uri(string relative) => new Uri(Path.Combine(_root, relative)).AbsoluteUri;

    private Dictionary<string, SarifResult[]> DefaultLogs() => new()
    {
        // Api built for two target frameworks: a finding logged by both is one entry; one only net9.0 has is there too.
        ["src/Api/obj/Debug/net8.0/Api.specguard.sarif"] =
        [
            new SarifResult("SPEC100", "'Api.Orders' is public and traces to no criterion.", Uri("src/Api/Orders.cs"), 3, 18, Key: "T:Api.Orders"),
            new SarifResult("SPEC101", "Handler 'Api.Orders.Place(int)' traces to no criterion.", Uri("src/Api/Orders.cs"), 5, 20, Key: "M:Api.Orders.Place(System.Int32)"),
            new SarifResult("SPEC101", "Endpoint traces to no criterion.", Uri("src/Api/Program.cs"), 7, 9, Key: "endpoint:MapGet(\"/orders/{id}\") in M:Program.{Main}$(System.String[])"),
            new SarifResult("SPEC102", "[Implements(\"ORDERS-999\")] names a criterion that no spec file declares.", Uri("src/Api/Orders.cs"), 4, 6),
            new SarifResult("SPEC100", "'Api.Debug' is public and traces to no criterion.", Uri("src/Api/Debug.cs"), 3, 18, Suppressed: true, Key: "T:Api.Debug"),
            new SarifResult("CA1000", "not ours", Uri("src/Api/Orders.cs"), 1, 1, Key: "T:Api.NotOurs"),
        ],
        ["src/Api/obj/Debug/net9.0/Api.specguard.sarif"] =
        [
            new SarifResult("SPEC100", "'Api.Orders' is public and traces to no criterion.", Uri("src/Api/Orders.cs"), 3, 18, Key: "T:Api.Orders"),
            new SarifResult("SPEC100", "'Api.Net9Only' is public and traces to no criterion.", Uri("src/Api/Net9.cs"), 3, 18, Key: "T:Api.Net9Only"),
        ],
        ["src/Worker/obj/Debug/net10.0/Worker.specguard.sarif"] =
        [
            new SarifResult("SPEC101", "Handler 'Worker.Job.Execute()' traces to no criterion.", Uri("src/Worker/Job.cs"), 9, 17, Key: "M:Worker.Job.Execute"),
        ],
        ["tests/Api.Tests/obj/Debug/net10.0/Api.Tests.specguard.sarif"] = [],
    };

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string? Read(string relative) => File.Exists(Path.Combine(_root, relative)) ? File.ReadAllText(Path.Combine(_root, relative)) : null;

    private BuildResult StandInBuild(string target, IReadOnlyList<string> arguments, string workingDirectory)
    {
        _builds.Add((target, [.. arguments]));
        if (_buildExit != 0)
        {
            return new BuildResult(_buildExit, "src/Api/Orders.cs(3,5): error CS1002: ; expected\nBuild FAILED.\n");
        }

        foreach (var (log, results) in _logs)
        {
            Write(log, SarifWriter.Write(results));
        }

        return new BuildResult(0, "Build succeeded.\n");
    }

    private CliRun Run(params string[] args) => RunIn(_root, args);

    private CliRun RunIn(string folder, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, folder, StandInBuild);
        return new CliRun(exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_008)]
    [Fact]
    public void Writes_each_projects_baseline_from_the_keys_of_its_SPEC100_and_SPEC101_findings()
    {
        CliRun run = Run("baseline");

        Assert.True(run.Exit == 0, run.Error);
        (string target, string[] arguments) = Assert.Single(_builds);
        Assert.Equal(Path.Combine(_root, "App.sln"), target);
        Assert.Equal(["-nologo", "-p:SpecGuardEnforce=report", "-p:SpecGuardBaseline=false"], arguments);
        Assert.Equal(ApiBaseline, Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.EndsWith("SPEC101 M:Worker.Job.Execute\n", Read("src/Worker/SpecGuard.Baseline.txt"), StringComparison.Ordinal);
        Assert.StartsWith("# SpecGuard baseline of Worker:", Read("src/Worker/SpecGuard.Baseline.txt"), StringComparison.Ordinal);
        Assert.Null(Read("tests/Api.Tests/SpecGuard.Baseline.txt"));
        Assert.Equal(
            """
            Building App.sln (dotnet build -nologo -p:SpecGuardEnforce=report -p:SpecGuardBaseline=false) ...
            3 project(s), 5 baseline entries (+5 -0):
              Api: src/Api/SpecGuard.Baseline.txt created, 4 entries (+4 -0; 2 SPEC100, 2 SPEC101)
              Worker: src/Worker/SpecGuard.Baseline.txt created, 1 entry (+1 -0; 0 SPEC100, 1 SPEC101)
              Api.Tests: no untraced code, no baseline

            """,
            run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_008)]
    [Fact]
    public void Output_does_not_depend_on_the_order_of_findings_or_logs_and_a_second_run_changes_nothing()
    {
        CliRun first = Run("baseline");
        string? api = Read("src/Api/SpecGuard.Baseline.txt");

        // The same findings, each log's results reversed and the logs written in the other order.
        _logs = DefaultLogs().Reverse().ToDictionary(static p => p.Key, static p => p.Value.Reverse().ToArray());
        CliRun second = Run("baseline");

        Assert.Equal(0, first.Exit);
        Assert.Equal(0, second.Exit);
        Assert.Equal(api, Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.Contains("  Api: src/Api/SpecGuard.Baseline.txt unchanged, 4 entries (+0 -0; 2 SPEC100, 2 SPEC101)\n", second.Output, StringComparison.Ordinal);
        Assert.Contains("3 project(s), 5 baseline entries (+0 -0):\n", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_adds_new_findings_drops_gone_ones_and_deletes_the_baseline_of_a_project_with_none_left()
    {
        Write("src/Api/SpecGuard.Baseline.txt", "# hand-edited\nSPEC100 T:Api.Gone\nSPEC100 T:Api.Orders\n");
        Write("tests/Api.Tests/SpecGuard.Baseline.txt", "SPEC100 T:Api.Tests.Old\n");

        CliRun run = Run("baseline");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(ApiBaseline, Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.Null(Read("tests/Api.Tests/SpecGuard.Baseline.txt"));
        Assert.Contains("  Api: src/Api/SpecGuard.Baseline.txt updated, 4 entries (+3 -1; 2 SPEC100, 2 SPEC101)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  Api.Tests: no untraced code; tests/Api.Tests/SpecGuard.Baseline.txt deleted (-1)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 project(s), 5 baseline entries (+4 -2):\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_of_an_earlier_build_are_deleted_first_so_their_findings_are_not_recorded()
    {
        // A target framework the project no longer builds, and another configuration.
        Write("src/Api/obj/Debug/net6.0/Api.specguard.sarif", SarifWriter.Write([new SarifResult("SPEC100", "old", Uri("src/Api/Old.cs"), 1, 1, Key: "T:Api.Old")]));
        Write("src/Api/obj/Release/net9.0/Api.specguard.sarif", SarifWriter.Write([new SarifResult("SPEC100", "old", Uri("src/Api/Old.cs"), 1, 1, Key: "T:Api.Release")]));
        // Not in an obj/ folder: not a build log, left alone.
        string kept = Write("docs/Api.specguard.sarif", "{}");

        CliRun run = Run("baseline");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(ApiBaseline, Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.False(File.Exists(Path.Combine(_root, "src/Api/obj/Debug/net6.0/Api.specguard.sarif")));
        Assert.True(File.Exists(kept));
    }

    [Fact]
    public void A_log_outside_the_project_folder_is_matched_to_the_only_project_of_its_name()
    {
        _logs = new() { ["artifacts/obj/Worker/debug/Worker.specguard.sarif"] = DefaultLogs()["src/Worker/obj/Debug/net10.0/Worker.specguard.sarif"] };

        CliRun run = Run("baseline");

        Assert.True(run.Exit == 0, run.Error);
        Assert.EndsWith("SPEC101 M:Worker.Job.Execute\n", Read("src/Worker/SpecGuard.Baseline.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_without_a_symbol_key_change_nothing_and_say_the_package_is_too_old()
    {
        Write("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.Orders\n");
        _logs["src/Worker/obj/Debug/net10.0/Worker.specguard.sarif"] = [new SarifResult("SPEC101", "Handler 'Worker.Job.Execute()' traces to no criterion.", Uri("src/Worker/Job.cs"), 9, 17)];

        CliRun run = Run("baseline");

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            """
            specguard baseline: 1 SPEC100/SPEC101 finding(s) carry no symbol key (SpecGuardSymbolKey): the SpecGuard package the projects use is older than baselines. Update the package to this tool's version. E.g.: src/Worker/Job.cs(9,17): SPEC101: Handler 'Worker.Job.Execute()' traces to no criterion.
            specguard baseline: no baseline was changed.

            """,
            run.Error);
        Assert.Equal("SPEC100 T:Api.Orders\n", Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.Null(Read("src/Worker/SpecGuard.Baseline.txt"));
    }

    [Fact]
    public void A_build_that_still_applied_the_baseline_changes_nothing()
    {
        Write("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.Orders\n");
        _logs["src/Api/obj/Debug/net9.0/Api.specguard.sarif"] = [new SarifResult("SPEC106", "baselined", Uri("src/Api/Orders.cs"), 3, 18, Level: "none", Key: "T:Api.Orders")];

        CliRun run = Run("baseline");

        Assert.Equal(1, run.Exit);
        Assert.Contains("the build still applied a baseline (SPEC106 was reported)", run.Error, StringComparison.Ordinal);
        Assert.Equal("SPEC100 T:Api.Orders\n", Read("src/Api/SpecGuard.Baseline.txt"));
    }

    [Fact]
    public void A_project_no_spec_file_reaches_keeps_its_baseline()
    {
        Write("src/Worker/SpecGuard.Baseline.txt", "SPEC101 M:Worker.Job.Execute\n");
        _logs["src/Worker/obj/Debug/net10.0/Worker.specguard.sarif"] = [new SarifResult("SPEC902", "The project references SpecGuard but no spec file reaches it.", null)];

        CliRun run = Run("baseline");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("SPEC101 M:Worker.Job.Execute\n", Read("src/Worker/SpecGuard.Baseline.txt"));
        Assert.Contains("  Worker: no spec file reaches it (SPEC902), so SpecGuard checked nothing; src/Worker/SpecGuard.Baseline.txt left as it is\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_whose_project_wrote_no_log_is_left_as_it_is_and_said_so()
    {
        Write("src/Legacy/Legacy.csproj", "<Project />\n");
        Write("src/Legacy/SpecGuard.Baseline.txt", "SPEC100 T:Legacy.A\n");

        CliRun run = Run("baseline");

        Assert.Equal(0, run.Exit);
        Assert.Equal("SPEC100 T:Legacy.A\n", Read("src/Legacy/SpecGuard.Baseline.txt"));
        Assert.Contains("  src/Legacy/SpecGuard.Baseline.txt: left as it is (no project in its folder wrote a findings log in this build)\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_no_project_can_be_found_for_changes_nothing()
    {
        _logs["obj/Ghost.specguard.sarif"] = [];

        CliRun run = Run("baseline");

        Assert.Equal(1, run.Exit);
        Assert.Contains("specguard baseline: obj/Ghost.specguard.sarif: no project file named Ghost", run.Error, StringComparison.Ordinal);
        Assert.Null(Read("src/Api/SpecGuard.Baseline.txt"));
    }

    [Fact]
    public void Two_projects_in_one_folder_change_nothing_since_they_would_share_one_baseline_file()
    {
        Write("src/Api/Api.Admin.csproj", "<Project />\n");
        _logs["src/Api/obj/Debug/net10.0/Api.Admin.specguard.sarif"] = [new SarifResult("SPEC100", "'Api.Admin' is public and traces to no criterion.", Uri("src/Api/Admin.cs"), 3, 18, Key: "T:Api.Admin")];

        CliRun run = Run("baseline");

        Assert.Equal(1, run.Exit);
        Assert.Contains("specguard baseline: Api.Admin.csproj and Api.csproj share the folder src/Api, and a project's baseline is the SpecGuard.Baseline.txt in its folder, so they cannot each have one.", run.Error, StringComparison.Ordinal);
        Assert.Null(Read("src/Api/SpecGuard.Baseline.txt"));
    }

    [Fact]
    public void A_log_that_is_not_SARIF_changes_nothing()
    {
        Write("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.Orders\n");
        CliRun run = RunAfterBuildWrites("src/Worker/obj/Debug/net10.0/Worker.specguard.sarif", "{ cut short");

        Assert.Equal(1, run.Exit);
        Assert.Contains("specguard baseline: src/Worker/obj/Debug/net10.0/Worker.specguard.sarif: not a SARIF log", run.Error, StringComparison.Ordinal);
        Assert.Equal("SPEC100 T:Api.Orders\n", Read("src/Api/SpecGuard.Baseline.txt"));
    }

    private CliRun RunAfterBuildWrites(string relative, string text)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(["baseline"], output, error, _root, (t, a, w) =>
        {
            BuildResult result = StandInBuild(t, a, w);
            Write(relative, text);
            return result;
        });
        return new CliRun(exit, output.ToString(), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Check_writes_nothing_and_fails_only_when_a_baseline_would_change()
    {
        CliRun before = Run("baseline", "--check");
        Assert.Equal(1, before.Exit);
        Assert.Null(Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.Contains("specguard baseline: 2 baseline file(s) differ from the current findings (--check): src/Api/SpecGuard.Baseline.txt, src/Worker/SpecGuard.Baseline.txt.", before.Error, StringComparison.Ordinal);
        Assert.Contains("(--check: nothing written)", before.Output, StringComparison.Ordinal);

        Assert.Equal(0, Run("baseline").Exit);
        CliRun after = Run("baseline", "--check");

        Assert.True(after.Exit == 0, after.Error);
    }

    [Fact]
    public void The_configuration_and_a_named_project_are_passed_to_the_build()
    {
        CliRun run = RunIn(Path.Combine(_root, "src"), "baseline", "Worker/Worker.csproj", "-c", "Release");

        Assert.True(run.Exit == 0, run.Error);
        (string target, string[] arguments) = Assert.Single(_builds);
        Assert.Equal(Path.Combine(_root, "src", "Worker", "Worker.csproj"), target);
        Assert.Equal(["-nologo", "-p:SpecGuardEnforce=report", "-p:SpecGuardBaseline=false", "-c", "Release"], arguments);
        // Only logs under the built project's folder are read.
        Assert.Null(Read("src/Api/SpecGuard.Baseline.txt"));
        Assert.NotNull(Read("src/Worker/SpecGuard.Baseline.txt"));
        Assert.Contains("1 project(s), 1 baseline entry (+1 -0):", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_build_passes_its_output_through_changes_nothing_and_exits_2()
    {
        Write("src/Api/SpecGuard.Baseline.txt", "SPEC100 T:Api.Orders\n");
        _buildExit = 1;

        CliRun run = Run("baseline");

        Assert.Equal(2, run.Exit);
        Assert.Equal(
            """
            src/Api/Orders.cs(3,5): error CS1002: ; expected
            Build FAILED.
            specguard baseline: dotnet build App.sln failed (exit 1; its output is above); no baseline was changed. The baseline records the findings of a build that compiles: fix the errors, then run specguard baseline again.

            """,
            run.Error);
        Assert.Equal("SPEC100 T:Api.Orders\n", Read("src/Api/SpecGuard.Baseline.txt"));
    }

    [Fact]
    public void No_project_or_solution_here_is_a_usage_error()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        CliRun run = RunIn(empty, "baseline");

        Assert.Equal(2, run.Exit);
        Assert.Equal("specguard baseline: the current folder holds no solution or project file (.sln, .slnx, .csproj, .vbproj, .fsproj); name one: specguard baseline path/to/App.sln\n", run.Error);
        Assert.Empty(_builds);
    }

    [Fact]
    public void Several_project_files_or_solutions_are_a_usage_error_naming_them()
    {
        Write("two/B.csproj", "<Project />\n");
        Write("two/A.csproj", "<Project />\n");
        Write("sols/A.sln", "x\n");
        Write("sols/B.slnx", "<Solution />\n");
        Write("sols/C.csproj", "<Project />\n");

        CliRun projects = Run("baseline", "two");
        CliRun solutions = Run("baseline", "sols");
        CliRun missing = Run("baseline", "nope.csproj");
        Write("src/Api/Api.csproj.user", "<Project />\n");
        CliRun notProject = Run("baseline", "src/Api/Api.csproj.user");
        Write("mixed/Shop.sln", "x\n");
        Write("mixed/Other.csproj", "<Project />\n");
        CliRun mixed = Run("baseline", "mixed");

        Assert.Equal(2, projects.Exit);
        Assert.Equal("specguard baseline: 'two' holds several project files (A.csproj, B.csproj) and no solution; name the one to baseline: specguard baseline A.csproj\n", projects.Error);
        Assert.Equal(2, solutions.Exit);
        Assert.Equal("specguard baseline: 'sols' holds several solution files (A.sln, B.slnx); name the one to baseline: specguard baseline A.sln\n", solutions.Error);
        Assert.Equal(2, missing.Exit);
        Assert.Equal("specguard baseline: 'nope.csproj' is not a file or folder.\n", missing.Error);
        Assert.Equal(2, notProject.Exit);
        Assert.Equal("specguard baseline: 'src/Api/Api.csproj.user' is not a project or solution file (.csproj, .vbproj, .fsproj, .sln, .slnx).\n", notProject.Error);
        Assert.Equal(2, mixed.Exit);
        Assert.Equal("specguard baseline: 'mixed' holds a solution and a project file of another name (Shop.sln, Other.csproj), which dotnet build refuses to choose between; name the one to baseline: specguard baseline Shop.sln\n", mixed.Error);
        Assert.Empty(_builds);
    }

    [Fact]
    public void A_solution_next_to_a_project_is_built_as_dotnet_build_would()
    {
        Write("one/One.csproj", "<Project />\n");
        Write("one/One.sln", "x\n");

        CliRun run = Run("baseline", "one");

        Assert.Equal(Path.Combine(_root, "one", "One.sln"), Assert.Single(_builds).Target);
        Assert.Equal(1, run.Exit); // the stand-in wrote no log under one/
        Assert.Contains("the build wrote no SpecGuard findings log", run.Error, StringComparison.Ordinal);
    }
}
