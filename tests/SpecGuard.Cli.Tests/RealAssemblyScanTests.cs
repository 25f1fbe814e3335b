using System;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Cli.Report;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>Assemblies built by the real toolchain, not only Roslyn-compiled fixtures, must scan cleanly.</summary>
public sealed class RealAssemblyScanTests
{
    [Theory]
    [InlineData(typeof(Xunit.FactAttribute))]          // xunit.core: interfaces (no base type), attributes
    [InlineData(typeof(System.CommandLine.Command))]   // a NuGet library with nested and generic types
    [InlineData(typeof(RealAssemblyScanTests))]        // this test assembly, with its portable PDB
    public void Real_assemblies_with_interfaces_scan_without_failure(Type sample)
    {
        string path = sample.Assembly.Location;

        AssemblyScanResult result = AssemblyScanner.Scan(path, Path.GetDirectoryName(path)!);

        Assert.Equal(ScanFailure.None, result.Failure);
        Assert.NotNull(result.Assembly);
        Assert.NotEmpty(result.Assembly!.Types);
    }
}

/// <summary>
/// `report --assembly` on a project folder as the .NET SDK lays it out: this test project's own bin/ and obj/ (with the
/// obj/&lt;configuration&gt;/&lt;tfm&gt;/ref and refint reference assemblies), built by the real toolchain for this very run.
/// </summary>
public sealed class ToolchainLayoutTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-layout-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (string Project, string Intermediate, string AssemblyName) Layout()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // bin/<configuration>/<tfm>
        string project = output.Parent!.Parent!.Parent!.FullName;
        string intermediate = Path.Combine(project, "obj", output.Parent.Name, output.Name);
        return (project, intermediate, typeof(ToolchainLayoutTests).Assembly.GetName().Name!);
    }

    private CliRun Run(params string[] args)
    {
        File.WriteAllText(Path.Combine(_root, "a.spec.yaml"), "specguard: 1\nfeature: A\ntitle: A\ncriteria:\n  - id: A-001\n    title: t\n    then: x\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(["report", "--specs", "a.spec.yaml", "-f", "json", .. args], output, error, _root);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Regression: the summary line called the project's own ref/refint copies "not .NET assemblies with code".</summary>
    [Fact]
    public void The_reference_assemblies_of_a_project_that_was_read_are_not_called_foreign()
    {
        (string project, string intermediate, string name) = Layout();
        Assert.True(File.Exists(Path.Combine(intermediate, "ref", name + ".dll")), "The SDK wrote no reference assembly under " + intermediate + "; this test needs the toolchain's layout.");

        CliRun run = Run("-a", project);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain(name + ".dll", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("reference assembl", run.Error, StringComparison.Ordinal);
        string[] assemblies = [.. System.Text.Json.JsonDocument.Parse(run.Output).RootElement.GetProperty("inputs").EnumerateArray()
            .Where(static i => i.GetProperty("kind").GetString() == "assembly")
            .Select(static i => i.GetProperty("detail").GetString()!)];
        Assert.Contains(name + " (with PDB)", assemblies);
        Assert.Single(assemblies, a => a.StartsWith(name + " ", StringComparison.Ordinal)); // bin/ and obj/ copies are one build
    }

    [Fact]
    public void Reference_assemblies_alone_say_that_the_links_of_their_assembly_are_not_read()
    {
        (_, string intermediate, string name) = Layout();
        string refFolder = Path.Combine(intermediate, "ref");

        CliRun run = Run("-a", refFolder);

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            refFolder.Replace('\\', '/') + ": warning: holds reference assemblies (metadata only, no code) of " + name + " but not the assemblies themselves; their links are not read (pass their build output, e.g. bin/<configuration>/<framework>).",
            run.Error.Trim());
    }
}
