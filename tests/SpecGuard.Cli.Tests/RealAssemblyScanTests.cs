using System;
using System.IO;
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
