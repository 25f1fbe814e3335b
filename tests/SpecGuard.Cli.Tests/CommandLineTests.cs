using System;
using System.IO;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CliRun Run(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, currentDirectory);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_the_three_commands_and_exits_zero()
    {
        CliRun run = Run(_root, "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains("validate", run.Output, StringComparison.Ordinal);
        Assert.Contains("report", run.Output, StringComparison.Ordinal);
        Assert.Contains("init", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_help_names_every_option()
    {
        CliRun run = Run(_root, "report", "-h");

        Assert.Equal(0, run.Exit);
        foreach (string option in new[] { "--specs", "--assembly", "--trx", "--format", "--output", "--fail-under", "--fail-on" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        CliRun run = Run(_root);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("specguard: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_specs_root_is_found_in_the_nearest_parent_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root, "specs"));
        File.WriteAllText(Path.Combine(_root, "specs", "a.spec.yaml"), "specguard: 1\nfeature: A\ntitle: A\ncriteria:\n  - id: A-001\n    title: t\n    then: x\n");
        string deep = Directory.CreateDirectory(Path.Combine(_root, "src", "App")).FullName;

        CliRun validate = Run(deep, "validate");
        CliRun report = Run(deep, "report");

        Assert.Equal(0, validate.Exit);
        Assert.Contains("  A                1 criteria  A  (../../specs/a.spec.yaml)", validate.Output, StringComparison.Ordinal);
        Assert.Equal(0, report.Exit);
        Assert.Contains("| **A-001** t | ⚪ Untraced | — | — |", report.Output, StringComparison.Ordinal);
    }

    /// <summary>Regression: `--fail-under abc` printed "as expected type 'System.Nullable`1[System.Double]'", and allowed values came one per line with tabs.</summary>
    [Theory]
    [InlineData("specguard report: --fail-under takes a percentage from 0 to 100, not 'abc'.", "report", "--fail-under", "abc")]
    [InlineData("specguard report: --fail-under takes a percentage from 0 to 100, not '101'.", "report", "--fail-under", "101")]
    [InlineData("specguard report: --fail-under takes a percentage from 0 to 100, not 'NaN'.", "report", "--fail-under", "NaN")]
    [InlineData("specguard report: --fail-on takes pending, failing, untraced, suspect, untraced-code or baseline-growth, not 'broken'.", "report", "--fail-on", "broken")]
    [InlineData("specguard report: --format takes md, html, json, sarif or svg, not 'xml'.", "report", "--format", "xml")]
    [InlineData("specguard validate: --format takes text, json or sarif, not 'xml'.", "validate", "--format", "xml")]
    [InlineData("specguard report: Unrecognized command or argument '--bogus'.", "report", "--bogus")]
    public void Usage_errors_are_one_line_in_the_tool_s_own_words(string expected, params string[] args)
    {
        CliRun run = Run(_root, args);

        Assert.Equal(2, run.Exit);
        string[] lines = run.Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal([expected, $"Run 'specguard {args[0]} --help' for its options."], lines);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }
}
