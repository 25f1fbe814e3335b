using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace SpecGuard.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Valid = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: t\n    then: x\n";

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, _root);
        return (exit, output.ToString(), error.ToString());
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_001)]
    [Fact]
    public void Valid_specs_under_the_default_folder_exit_zero_with_a_summary()
    {
        Write("specs/orders.spec.yaml", Valid);
        Write("specs/notes.yaml", "not: a spec file");

        var (exit, output, _) = Run("validate");

        Assert.Equal(0, exit);
        Assert.Contains("Checked 1 spec file(s): 1 feature(s), 1 criteria, 0 error(s).", output, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_001)]
    [Fact]
    public void Problems_are_printed_in_the_compiler_format_and_exit_one()
    {
        Write("specs/orders.spec.yaml", Valid.Replace("then: x", "thne: x", StringComparison.Ordinal));

        var (exit, output, _) = Run("validate", "specs");

        Assert.Equal(1, exit);
        Assert.Contains("specs/orders.spec.yaml(7,5): error SPEC002: Unknown key 'thne'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_positions()
    {
        Write("a/x.spec.yml", Valid + "  - id: ORDERS-001\n    title: again\n    then: y\n");

        var (exit, output, _) = Run("validate", "a", "--format", "json");

        Assert.Equal(1, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("errors").GetInt32());
        JsonElement first = json.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("SPEC003", first.GetProperty("id").GetString());
        Assert.Equal("a/x.spec.yml", first.GetProperty("path").GetString());
        Assert.Equal(5, first.GetProperty("line").GetInt32());
        Assert.Equal(9, first.GetProperty("column").GetInt32());
    }

    /// <summary>Regression (issue 9, class 5): validate was silent about one feature key in two files.</summary>
    [Fact]
    public void Two_files_with_one_feature_key_are_SPEC005_in_each_file_and_exit_one()
    {
        Write("specs/sales/orders.spec.yaml", Valid);
        Write("specs/legacy/orders.spec.yaml", Valid.Replace("ORDERS-001", "ORDERS-002", StringComparison.Ordinal));

        var (exit, output, _) = Run("validate");

        Assert.Equal(1, exit);
        string[] lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("specs/legacy/orders.spec.yaml(2,10): error SPEC005: The feature key 'ORDERS' is also declared in specs/sales/orders.spec.yaml at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.", lines[0]);
        Assert.Equal("specs/sales/orders.spec.yaml(2,10): error SPEC005: The feature key 'ORDERS' is also declared in specs/legacy/orders.spec.yaml at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.", lines[1]);
        Assert.Contains("Checked 2 spec file(s): 1 feature(s), 2 criteria, 2 error(s).", output, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_002)]
    [Theory]
    [InlineData("validate", "missing-folder")]
    [InlineData("validate", "--format", "xml")]
    [InlineData("validate", "--bogus")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_two_with_a_message(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("specguard", error, StringComparison.Ordinal);
    }
}
