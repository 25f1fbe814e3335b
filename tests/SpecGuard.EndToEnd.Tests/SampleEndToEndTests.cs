using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// The sample app (samples/Shop: a web API and its tests sharing one specs/ folder, configured only by a .globalconfig of severities and a NuGet.config naming the local package folder) built,
/// tested and reported on against the packed package: the multi-project zero-config promise and the report's figures.
/// </summary>
public sealed class SampleEndToEndTests
{
    [Fact]
    public void The_sample_builds_with_its_diagnostics_runs_its_pending_tests_and_reports_the_expected_coverage()
    {
        using var repo = new ConsumerRepository();
        CopySample(repo.Root);
        string version = "-p:SpecGuardVersion=" + PackedPackage.Version;

        CommandResult build = repo.Dotnet("samples/Shop/tests/Shop.Api.Tests", "build", version).ShouldSucceed();
        Assert.Contains("OrderShipped.cs(10,17): warning SPEC101: The MediatR INotificationHandler handler OrderShippedHandler.Handle traces to no acceptance criterion.", build.Output, StringComparison.Ordinal);
        Assert.Contains("orders.spec.yaml(27,9): warning SPEC200: No test verifies ORDERS-003", build.Output, StringComparison.Ordinal);
        Assert.Contains("orders.spec.yaml(34,9): warning SPEC200: No test verifies ORDERS-004", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC100", build.Output, StringComparison.Ordinal);

        string results = Path.Combine(repo.Root, "results");
        CommandResult test = repo.Dotnet("samples/Shop/tests/Shop.Api.Tests", "test", "--no-build", version, "--logger", "trx", "--results-directory", results).ShouldSucceed();
        Assert.Contains("Passed:     4, Skipped:     2, Total:     6", test.Output, StringComparison.Ordinal);

        string assemblies = Path.Combine(repo.Root, "samples/Shop/tests/Shop.Api.Tests/bin/Debug/net10.0");
        CommandResult report = Dotnet.Run(
            repo.Root,
            "run", "--project", Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--",
            "report", "--specs", "samples/Shop/specs", "--assembly", assemblies, "--trx", results, "--format", "json", "--output", "report.json").ShouldSucceed();
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "report.json")));
        JsonElement summary = json.RootElement.GetProperty("summary");
        Assert.Equal(6, summary.GetProperty("criteria").GetInt32());
        Assert.Equal(3, summary.GetProperty("verified").GetInt32());
        Assert.Equal(2, summary.GetProperty("pending").GetInt32());
        Assert.Equal(1, summary.GetProperty("untraced").GetInt32());
        Assert.Equal(4, summary.GetProperty("implemented").GetInt32());
        Assert.Equal(50.0, summary.GetProperty("verifiedPercent").GetDouble());

        var statuses = json.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("criteria").EnumerateArray())
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("status").GetString()!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["CATALOG-001"] = "verified",
                ["CATALOG-002"] = "untraced",
                ["ORDERS-001"] = "verified",
                ["ORDERS-002"] = "verified",
                ["ORDERS-003"] = "pending",
                ["ORDERS-004"] = "pending",
            },
            statuses);
    }

    /// <summary>samples/ with its own Directory.*.props; NuGet.config pointed at the freshly packed package.</summary>
    private static void CopySample(string destination)
    {
        string source = Path.Combine(PackedPackage.RepositoryRoot, "samples");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or ".packages" or "TestResults"))
            {
                continue;
            }

            string target = Path.Combine(destination, "samples", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(destination, "samples/Shop/NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="specguard-e2e" value="{PackedPackage.Feed}" />
              </packageSources>
            </configuration>
            """);
    }
}
