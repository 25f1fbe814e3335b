using System;
using System.IO;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Core.Schema;
using Xunit;

namespace SpecGuard.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-init-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, _root);
        return new CliRun(exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    private string Read(string relative) => File.ReadAllText(Path.Combine(_root, relative));

    [Fact]
    public void Scaffolds_the_schema_an_example_and_the_editor_setting_and_prints_next_steps()
    {
        CliRun run = Run("init");

        Assert.Equal(0, run.Exit);
        Assert.Contains("  created  specs/specguard.schema.json\n  created  specs/example.spec.yaml\n  created  .vscode/settings.json\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Next steps:", run.Output, StringComparison.Ordinal);
        Assert.Contains("specguard report --assembly", run.Output, StringComparison.Ordinal);
        Assert.Equal(SpecSchema.Text.ReplaceLineEndings("\n"), Read("specs/specguard.schema.json"));
        Assert.StartsWith("# yaml-language-server: $schema=./specguard.schema.json\n", Read("specs/example.spec.yaml"), StringComparison.Ordinal);
        using JsonDocument settings = JsonDocument.Parse(Read(".vscode/settings.json"));
        JsonElement globs = settings.RootElement.GetProperty("yaml.schemas").GetProperty("./specs/specguard.schema.json");
        Assert.Equal(new[] { "**/*.spec.yaml", "**/*.spec.yml" }, new[] { globs[0].GetString()!, globs[1].GetString()! });
    }

    [Fact]
    public void The_example_passes_validation()
    {
        Run("init");

        CliRun run = Run("validate");

        Assert.Equal(0, run.Exit);
        Assert.Contains("Checked 1 spec file(s): 1 feature(s), 1 criteria, 0 error(s).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_overwrites_nothing()
    {
        Run("init");
        File.WriteAllText(Path.Combine(_root, "specs", "example.spec.yaml"), "edited");
        File.WriteAllText(Path.Combine(_root, "specs", "specguard.schema.json"), "edited");
        File.WriteAllText(Path.Combine(_root, ".vscode", "settings.json"), "{ \"editor.tabSize\": 2 }");

        CliRun run = Run("init");

        Assert.Equal(0, run.Exit);
        Assert.Equal("edited", Read("specs/example.spec.yaml"));
        Assert.Equal("edited", Read("specs/specguard.schema.json"));
        Assert.Equal("{ \"editor.tabSize\": 2 }", Read(".vscode/settings.json"));
        Assert.Contains("  kept     specs/specguard.schema.json (exists; not overwritten)", run.Output, StringComparison.Ordinal);
        Assert.Contains("  kept     specs/example.spec.yaml (exists; not overwritten)", run.Output, StringComparison.Ordinal);
        Assert.Contains("  kept     .vscode/settings.json exists and was not changed; add this to it", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"yaml.schemas\": { \"./specs/specguard.schema.json\": [\"**/*.spec.yaml\", \"**/*.spec.yml\"] }", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_spec_files_mean_no_example()
    {
        Directory.CreateDirectory(Path.Combine(_root, "specs", "orders"));
        File.WriteAllText(Path.Combine(_root, "specs", "orders", "orders.spec.yml"), "specguard: 1\n");

        CliRun run = Run("init", ".");

        Assert.Equal(0, run.Exit);
        Assert.False(File.Exists(Path.Combine(_root, "specs", "example.spec.yaml")));
        Assert.Contains("  kept     specs/ already holds 1 spec file(s); no example added", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "specs", "specguard.schema.json")));
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_a_usage_error()
    {
        CliRun run = Run("init", "no/such/folder");

        Assert.Equal(2, run.Exit);
        Assert.Equal("specguard init: 'no/such/folder' is not a folder.", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_root, "no")));
    }
}
