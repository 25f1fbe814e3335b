using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>The report never hides a failure and never destroys an input (issue 9, class 6).</summary>
public sealed class ReportTrustTests : IDisposable
{
    private const string Spec = """
        specguard: 1
        feature: TWIN
        title: Twin test classes
        criteria:
          - id: TWIN-001
            title: Alpha's test verifies this
            then: it holds
          - id: TWIN-002
            title: Beta's test verifies this
            then: it holds
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-trust-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, _root);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string TwinTests(string id, string method = "Places_an_order") => $$"""
        using SpecGuard;

        namespace Shop.Tests
        {
            public sealed class OrderTests
            {
                [Verifies("{{id}}")]
                public void {{method}}()
                {
                }
            }
        }
        """;

    /// <summary>
    /// Two test assemblies with a class of the same full name and a test of the same name: Beta's failed, Alpha's passed.
    /// Results were keyed by class and method only, so Beta's failure was counted for Alpha's test (TWIN-001 failing)
    /// and Beta's test read "not run" (TWIN-002 pending): `--fail-on failing` named the wrong criterion. With only Beta's
    /// TRX given, TWIN-002's failure was hidden entirely and the run exited 0.
    /// </summary>
    [Fact]
    public void A_failure_in_one_of_two_same_named_test_classes_counts_for_the_assembly_that_ran_it()
    {
        Write("specs/twin.spec.yaml", Spec);
        string alpha = FixtureCompiler.Compile(Path.Combine(_root, "alpha", "bin"), "Alpha.Tests", [(Path.Combine(_root, "alpha", "OrderTests.cs"), TwinTests("TWIN-001")), (Path.Combine(_root, "alpha", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        string beta = FixtureCompiler.Compile(Path.Combine(_root, "beta", "bin"), "Beta.Tests", [(Path.Combine(_root, "beta", "OrderTests.cs"), TwinTests("TWIN-002")), (Path.Combine(_root, "beta", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        Write("results/beta.trx", TrxWriter.Write([new TrxCase("Shop.Tests.OrderTests", "Places_an_order", "Failed")], storage: beta));

        CliRun onlyBeta = Run("report", "-f", "json", "-a", "alpha/bin", "-a", "beta/bin", "--trx", "results", "--fail-on", "failing");

        Assert.Equal(1, onlyBeta.Exit);
        Assert.Contains("specguard report: 1 criteria are failing (--fail-on failing): TWIN-002.", onlyBeta.Error, StringComparison.Ordinal);
        JsonElement root = JsonDocument.Parse(onlyBeta.Output).RootElement;
        Assert.Equal("failing", Status(root, "TWIN-002"));
        Assert.Equal("pending", Status(root, "TWIN-001")); // Alpha's test has no result: not run, not failed
        JsonElement test = Assert.Single(Criterion(root, "TWIN-002").GetProperty("tests").EnumerateArray());
        Assert.Equal(("Beta.Tests", "failed"), (test.GetProperty("assembly").GetString(), test.GetProperty("outcome").GetString()));

        Write("results/alpha.trx", TrxWriter.Write([new TrxCase("Shop.Tests.OrderTests", "Places_an_order", "Passed")], storage: alpha.ToUpperInvariant()));

        CliRun both = Run("report", "-f", "json", "-a", "beta/bin", "-a", "alpha/bin", "--trx", "results");

        root = JsonDocument.Parse(both.Output).RootElement;
        Assert.Equal(("verified", "failing"), (Status(root, "TWIN-001"), Status(root, "TWIN-002")));
    }

    /// <summary>The report: the same class, another method. Beta's failure read "not run" and `--fail-on failing` exited 0.</summary>
    [Fact]
    public void A_failure_in_a_same_named_class_with_another_method_is_not_hidden()
    {
        Write("specs/twin.spec.yaml", Spec);
        FixtureCompiler.Compile(Path.Combine(_root, "alpha", "bin"), "Alpha.Tests", [(Path.Combine(_root, "alpha", "OrderTests.cs"), TwinTests("TWIN-001")), (Path.Combine(_root, "alpha", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        string beta = FixtureCompiler.Compile(Path.Combine(_root, "beta", "bin"), "Beta.Tests", [(Path.Combine(_root, "beta", "OrderTests.cs"), TwinTests("TWIN-002", "Reserves_stock")), (Path.Combine(_root, "beta", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        Write("results/beta.trx", TrxWriter.Write([new TrxCase("Shop.Tests.OrderTests", "Reserves_stock", "Failed")], storage: beta));

        CliRun run = Run("report", "-f", "json", "-a", "alpha/bin", "-a", "beta/bin", "--trx", "results", "--fail-on", "failing");

        Assert.Equal(1, run.Exit);
        Assert.Equal("failing", Status(JsonDocument.Parse(run.Output).RootElement, "TWIN-002"));
    }

    [Fact]
    public void A_result_from_a_test_assembly_that_was_not_given_does_not_count_for_a_namesake()
    {
        Write("specs/twin.spec.yaml", Spec);
        FixtureCompiler.Compile(Path.Combine(_root, "alpha", "bin"), "Alpha.Tests", [(Path.Combine(_root, "alpha", "OrderTests.cs"), TwinTests("TWIN-001")), (Path.Combine(_root, "alpha", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        Write("results/beta.trx", TrxWriter.Write([new TrxCase("Shop.Tests.OrderTests", "Places_an_order", "Failed")], storage: "/elsewhere/Beta.Tests.dll"));

        CliRun run = Run("report", "-f", "json", "-a", "alpha/bin", "--trx", "results");

        Assert.Equal(0, run.Exit);
        Assert.Equal("pending", Status(JsonDocument.Parse(run.Output).RootElement, "TWIN-001"));
        Assert.Contains("results/beta.trx: warning: test Shop.Tests.OrderTests.Places_an_order (in Beta.Tests.dll) is declared by no given assembly; its result is not counted", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Regression: `report -o` overwrote the file it named even when the report had just read it.</summary>
    [Theory]
    [InlineData("specs/twin.spec.yaml", "is a spec file")]
    [InlineData("specs/coverage.md", "is inside the specs folder")]
    [InlineData("specs", "is inside the specs folder")]
    [InlineData("results/alpha.trx", "is a TRX file the report reads")]
    [InlineData("alpha/bin/Alpha.Tests.dll", "is an assembly the report reads")]
    [InlineData("alpha/bin/Alpha.Tests.pdb", "is the PDB of an assembly the report reads")]
    [InlineData("./alpha/../specs/twin.spec.yaml", "is a spec file")]
    public void Output_naming_an_input_or_a_file_in_the_specs_folder_is_refused_and_nothing_is_written(string output, string why)
    {
        string[] inputs = ArrangeInputs();
        byte[][] before = [.. inputs.Select(File.ReadAllBytes)];

        CliRun run = Run("report", "-a", "alpha/bin", "--trx", "results", "-o", output);

        Assert.Equal(2, run.Exit);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal($"specguard report: --output '{output}' {why}; nothing was written. Write the report to a file outside the specs folder that is not an input.", run.Error.TrimEnd());
        Assert.Equal(before, inputs.Select(File.ReadAllBytes));
        Assert.False(File.Exists(Path.Combine(_root, "specs", "coverage.md")));
    }

    [Fact]
    public void Output_through_a_symbolic_link_to_an_input_is_refused()
    {
        string[] inputs = ArrangeInputs();
        string before = File.ReadAllText(inputs[0]);
        File.CreateSymbolicLink(Path.Combine(_root, "link.md"), inputs[0]);
        Directory.CreateSymbolicLink(Path.Combine(_root, "specs-link"), Path.Combine(_root, "specs"));

        CliRun viaFile = Run("report", "-a", "alpha/bin", "--trx", "results", "-o", "link.md");
        CliRun viaFolder = Run("report", "-a", "alpha/bin", "--trx", "results", "-o", "specs-link/new.md");

        Assert.Equal((2, 2), (viaFile.Exit, viaFolder.Exit));
        Assert.Contains("--output 'link.md' is a spec file;", viaFile.Error, StringComparison.Ordinal);
        Assert.Contains("--output 'specs-link/new.md' is inside the specs folder;", viaFolder.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(inputs[0]));
        Assert.False(File.Exists(Path.Combine(_root, "specs", "new.md")));
    }

    [Fact]
    public void Output_next_to_the_inputs_is_written()
    {
        ArrangeInputs();

        CliRun run = Run("report", "-a", "alpha/bin", "--trx", "results", "-o", "results/coverage.md");

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("Wrote results/coverage.md: 2 criteria", run.Output, StringComparison.Ordinal);
    }

    /// <summary>specs/twin.spec.yaml, alpha/bin/Alpha.Tests.dll (+ .pdb) and results/alpha.trx; returns their full paths.</summary>
    private string[] ArrangeInputs()
    {
        string spec = Write("specs/twin.spec.yaml", Spec);
        string dll = FixtureCompiler.Compile(Path.Combine(_root, "alpha", "bin"), "Alpha.Tests", [(Path.Combine(_root, "alpha", "OrderTests.cs"), TwinTests("TWIN-001")), (Path.Combine(_root, "alpha", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        string trx = Write("results/alpha.trx", TrxWriter.Write([new TrxCase("Shop.Tests.OrderTests", "Places_an_order", "Passed")], storage: dll));
        return [spec, trx, dll, Path.ChangeExtension(dll, ".pdb")];
    }

    private static JsonElement Criterion(JsonElement root, string id) =>
        root.GetProperty("features").EnumerateArray()
            .SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id);

    private static string Status(JsonElement root, string id) => Criterion(root, id).GetProperty("status").GetString()!;
}
