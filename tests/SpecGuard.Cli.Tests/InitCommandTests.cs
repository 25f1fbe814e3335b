using System;
using System.IO;
using System.Linq;
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

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_007)]
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

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_007)]
    [Fact]
    public void The_example_passes_validation()
    {
        Run("init");

        CliRun run = Run("validate");

        Assert.Equal(0, run.Exit);
        Assert.Contains("Checked 1 spec file(s): 1 feature(s), 1 criteria, 0 error(s).", run.Output, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_007)]
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

    /// <summary>Regression: with existing specs, the next steps said "start from specs/example.spec.yaml" (not created) and linked EXAMPLE-001.</summary>
    [Fact]
    public void In_a_repository_with_specs_the_next_steps_name_files_and_ids_that_exist()
    {
        Directory.CreateDirectory(Path.Combine(_root, "specs", "orders"));
        File.WriteAllText(Path.Combine(_root, "specs", "orders", "orders.spec.yml"), "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: t\n    then: x\n");

        CliRun run = Run("init");

        Assert.Equal(0, run.Exit);
        string steps = run.Output[run.Output.IndexOf("Next steps:", StringComparison.Ordinal)..];
        string[] named = [.. System.Text.RegularExpressions.Regex.Matches(steps, @"[\w./-]+\.spec\.ya?ml").Select(static m => m.Value)];
        Assert.Equal(["specs/orders/orders.spec.yml"], named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(_root, path)), path + " is named but does not exist"));
        Assert.Contains("[Implements(\"ORDERS-001\")] on production code, [Verifies(\"ORDERS-001\")] on tests", steps, StringComparison.Ordinal);
        Assert.DoesNotContain("EXAMPLE", steps, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_in_another_folder_names_paths_from_the_current_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root, "repo"));

        CliRun run = Run("init", "repo");

        Assert.Equal(0, run.Exit);
        Assert.Contains("(start from repo/specs/example.spec.yaml)", run.Output, StringComparison.Ordinal);
        Assert.Contains("specguard validate repo/specs\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("specguard review --all --specs repo/specs, and commit repo/specs/SpecGuard.Reviews.txt", run.Output, StringComparison.Ordinal);
        Assert.Contains("[Implements(\"EXAMPLE-001\")]", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Issue 13: no review record means suspect links are off; the next steps say how to start, and init writes no record.</summary>
    [Fact]
    public void The_next_steps_say_how_to_start_suspect_links_and_init_writes_no_review_record()
    {
        CliRun run = Run("init");

        Assert.Contains("6. Flag code whose criterion changed (optional): specguard review --all, and commit specs/SpecGuard.Reviews.txt", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "specs", SpecGuard.Core.SpecContract.ReviewRecordFileName)));
    }

    /// <summary>Regression: the next steps said only `dotnet add package SpecGuard`, which fails without a source that has the package.</summary>
    [Fact]
    public void The_package_step_says_how_to_make_a_locally_packed_package_restorable()
    {
        CliRun run = Run("init");

        Assert.Contains("dotnet pack src/SpecGuard.Package -c Release -o artifacts/packages", run.Output, StringComparison.Ordinal);
        Assert.Contains("<add key=\"specguard-local\" value=\"PATH/TO/artifacts/packages\" />", run.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet add package SpecGuard --version " + typeof(CommandLine).Assembly.GetName().Version!.ToString(3), run.Output, StringComparison.Ordinal);
        Assert.Contains(SpecGuard.Core.ProjectLinks.ProjectUrl + "#use-it-in-a-project", run.Output, StringComparison.Ordinal);
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
