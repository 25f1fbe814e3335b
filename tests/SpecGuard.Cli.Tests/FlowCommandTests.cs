using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary><c>specguard flow</c> through the command line: formats, output file, partial results, bad input.</summary>
public sealed class FlowCommandTests : IDisposable
{
    private readonly TestRepository _repo = new("specguard-flowcmd-");

    public FlowCommandTests()
    {
        _repo.Write("specs/orders.spec.yaml", DiffCommandTests.Orders).Commit("specify");
        _repo.Write("src/Orders.cs", "class O { [SpecGuard.Implements(\"ORDERS-001\")] void Place() { } }").Commit("implement");
        _repo.Git("tag", "v1");
    }

    public void Dispose() => _repo.Dispose();

    private (int Exit, string Output, string Error) Flow(params string[] args) => FlowIn(_repo.Root, args);

    private static (int Exit, string Output, string Error) FlowIn(string folder, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLine.Run(["flow", .. args], output, error, folder, BaselineCommand.DotnetBuild, static _ => null);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Json_dates_each_criterion_and_the_release_in_iso_8601()
    {
        var (exit, output, error) = Flow("--release-tags", "v*", "-f", "json");
        Assert.True(exit == 0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement placed = root.GetProperty("criteria").EnumerateArray().Single(static c => c.GetProperty("id").GetString() == "ORDERS-001");
        Assert.Equal("2026-01-01T12:00:00+00:00", placed.GetProperty("specified").GetProperty("date").GetString());
        Assert.Equal("2026-01-02T12:00:00+00:00", placed.GetProperty("implemented").GetProperty("date").GetString());
        Assert.Equal("v1", placed.GetProperty("released").GetProperty("tag").GetString());
        Assert.Equal(2, root.GetProperty("commits").GetInt32());
    }

    [Fact]
    public void Every_format_writes_and_the_summary_line_names_the_median()
    {
        foreach (string format in new[] { "md", "html", "json", "csv" })
        {
            var (exit, output, error) = Flow("--release-tags", "v*", "-f", format, "-o", "out/flow." + format);
            Assert.True(exit == 0, error);
            Assert.StartsWith("Wrote out/flow." + format + ": 3 criteria over 2 commits; specified → released median 1.0 days", output, StringComparison.Ordinal);
            Assert.True(new FileInfo(_repo.PathOf("out/flow." + format)).Length > 100);
        }

        Assert.StartsWith("id,", File.ReadAllText(_repo.PathOf("out/flow.csv")), StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(_repo.PathOf("out/flow.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_matching_tag_is_partial_and_said_on_stderr_with_exit_0()
    {
        var (exit, _, error) = Flow("--release-tags", "release-*", "-f", "json");
        Assert.Equal(0, exit);
        Assert.Contains("specguard flow: partial: No tag matches --release-tags 'release-*'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_exit_2_with_one_message()
    {
        Assert.Equal(2, Flow("--since", "yesterday").Exit);
        Assert.Contains("--since takes a date", Flow("--since", "yesterday").Error, StringComparison.Ordinal);
        Assert.Contains("--head 'nope' is not a commit", Flow("--head", "nope").Error, StringComparison.Ordinal);
        Assert.Equal(2, Flow("--stale-after", "-1").Exit);
        Assert.Contains("--trx needs --assembly", Flow("--trx", "x.trx").Error, StringComparison.Ordinal);
        string folder = Directory.CreateTempSubdirectory("specguard-flow-nogit-").FullName;
        try
        {
            var (exit, output, error) = FlowIn(folder);
            Assert.Equal(2, exit);
            Assert.Contains("is not in a git repository", error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
