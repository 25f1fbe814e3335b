using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Output;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary><c>specguard validate --format sarif</c>, and its GitHub annotations under <c>GITHUB_ACTIONS=true</c>.</summary>
public sealed class ValidateSarifTests : IDisposable
{
    private const string Valid = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: t\n    then: x\n";

    private static readonly string Misspelt = Valid.Replace("then: x", "thne: x", StringComparison.Ordinal);

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-vsarif-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Through the command line, with the process environment (tests never set it).</summary>
    private (int Exit, string Output, string Error) Run(params string[] args) => RunIn(_root, args);

    private static (int Exit, string Output, string Error) RunIn(string directory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, directory);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The command itself, with an environment of its own.</summary>
    private (int Exit, string Output, string Error) RunWith(string format, IReadOnlyDictionary<string, string> environment, string? directory = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = ValidateCommand.Run([], format, output, error, directory ?? _root, name => environment.TryGetValue(name, out string? value) ? value : null);
        return (exit, output.ToString(), error.ToString());
    }

    private static readonly Dictionary<string, string> InActions = new() { ["GITHUB_ACTIONS"] = "true" };

    private static JsonElement SarifRun(string output) => JsonDocument.Parse(output).RootElement.GetProperty("runs")[0].Clone();

    [Fact]
    public void Diagnostics_are_results_located_on_the_spec_file_line_and_column_and_the_exit_code_is_one()
    {
        Write("specs/orders.spec.yaml", Misspelt);

        var (exit, output, error) = Run("validate", "--format", "sarif");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        JsonElement run = SarifRun(output);
        Assert.Equal("SpecGuard", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        JsonElement result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("SPEC002", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.StartsWith("Unknown key 'thne'", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        JsonElement physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("specs/orders.spec.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(5, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal(SpecRules.SchemaViolation.HelpLink, run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Valid_specs_are_an_empty_log_and_exit_zero()
    {
        Write("specs/orders.spec.yaml", Valid);

        var (exit, output, _) = Run("validate", "--format", "sarif");

        Assert.Equal(0, exit);
        Assert.Equal(0, SarifRun(output).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Outside_a_git_repository_locations_are_relative_to_the_current_directory()
    {
        Write("specs/orders.spec.yaml", Misspelt);
        string directory = Path.Combine(_root, "specs");

        var (_, output, _) = RunIn(directory, "validate", ".", "--format", "sarif");

        JsonElement run = SarifRun(output);
        Assert.Equal(directory, Path.TrimEndingDirectorySeparator(new Uri(run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!).LocalPath));
        Assert.Equal("orders.spec.yaml", run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Inside_a_git_repository_locations_are_relative_to_its_root()
    {
        Git("init", "--quiet");
        Write("src/My Service/specs/orders.spec.yaml", Misspelt);
        string directory = Path.Combine(_root, "src", "My Service");

        var (_, output, _) = RunIn(directory, "validate", "--format", "sarif");

        JsonElement run = SarifRun(output);
        Assert.Equal(_root, Path.TrimEndingDirectorySeparator(new Uri(run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!).LocalPath));
        Assert.Equal("src/My%20Service/specs/orders.spec.yaml", run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(_root, SourceRoot.Find(directory));
    }

    [Fact]
    public void What_validate_writes_report_findings_reads_back()
    {
        Write("specs/orders.spec.yaml", Misspelt + "  - id: ORDERS-001\n    title: again\n    then: y\n");
        var (exit, output, _) = Run("validate", "--format", "sarif");
        Assert.Equal(1, exit);
        Write("out/validate.sarif", output);

        var report = Run("report", "-f", "json", "--findings", "out/validate.sarif");

        using JsonDocument json = JsonDocument.Parse(report.Output);
        string[] findings = [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(static f =>
            $"{f.GetProperty("id").GetString()} {f.GetProperty("level").GetString()} {f.GetProperty("path").GetString()}({f.GetProperty("line").GetInt32()},{f.GetProperty("column").GetInt32()})")];
        Assert.Equal(
            [
                "SPEC003 error specs/orders.spec.yaml(5,9)",
                "SPEC002 error specs/orders.spec.yaml(7,5)",
                "SPEC003 error specs/orders.spec.yaml(8,9)",
            ],
            findings);
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("json")]
    public void Under_GitHub_Actions_the_annotations_go_to_stderr_and_stdout_stays_parseable(string format)
    {
        Write("specs/orders.spec.yaml", Misspelt);

        var (exit, output, error) = RunWith(format, InActions);

        Assert.Equal(1, exit);
        using JsonDocument parsed = JsonDocument.Parse(output); // the whole of stdout
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
        string annotation = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("::error file=specs/orders.spec.yaml,line=7,col=5,title=SPEC002::Unknown key 'thne'", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_GitHub_Actions_the_text_format_annotates_too_and_keeps_its_output()
    {
        Write("specs/orders.spec.yaml", Misspelt);

        var (exit, output, error) = RunWith("text", InActions);
        var (plainExit, plainOutput, plainError) = RunWith("text", new Dictionary<string, string>());

        Assert.Equal(1, exit);
        Assert.Equal(plainExit, exit);
        Assert.Equal(plainOutput, output);
        Assert.Equal(string.Empty, plainError);
        Assert.StartsWith("::error file=specs/orders.spec.yaml,line=7,col=5,title=SPEC002::", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_GitHub_Actions_there_are_no_annotations()
    {
        Write("specs/orders.spec.yaml", Misspelt);

        var (_, output, error) = RunWith("sarif", new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "false", ["GITHUB_WORKSPACE"] = _root });

        Assert.DoesNotContain("::", error, StringComparison.Ordinal);
        Assert.Equal(1, SarifRun(output).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Annotation_paths_are_relative_to_GITHUB_WORKSPACE_when_set()
    {
        Write("repo/service/specs/orders.spec.yaml", Misspelt);
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = Path.Combine(_root, "repo") };

        var (_, _, error) = RunWith("text", environment, Path.Combine(_root, "repo", "service"));

        Assert.StartsWith("::error file=service/specs/orders.spec.yaml,line=7,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_is_the_same_whatever_the_order_of_the_paths()
    {
        Write("specs/b.spec.yaml", Misspelt.Replace("ORDERS", "BILLING", StringComparison.Ordinal));
        Write("specs/a.spec.yaml", Misspelt);

        var one = Run("validate", "specs/b.spec.yaml", "specs/a.spec.yaml", "--format", "sarif");
        var two = Run("validate", "specs/a.spec.yaml", "specs/b.spec.yaml", "--format", "sarif");

        Assert.Equal(one.Output, two.Output);
        Assert.Equal(2, SarifRun(one.Output).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void An_unknown_format_is_still_a_usage_error_naming_sarif()
    {
        var (exit, _, error) = Run("validate", "--format", "xml");

        Assert.Equal(2, exit);
        Assert.Contains("sarif", error, StringComparison.Ordinal);
    }

    private void Git(params string[] arguments) => _ = TestRepository.Run(_root, arguments);
}
