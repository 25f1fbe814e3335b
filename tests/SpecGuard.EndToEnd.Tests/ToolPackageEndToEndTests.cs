using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// The `specguard` tool as users get it: SpecGuard.Tool packed from source, installed with `dotnet tool install`, run
/// on a repository. Its package must carry everything the tool loads at run time (SpecGuard.Core, YamlDotNet,
/// System.CommandLine) and nothing of the analyzer build (the tool is built with SpecGuard's own generator, which
/// must not become part of it).
/// </summary>
public sealed class ToolPackageEndToEndTests
{
    [Fact]
    public void The_packed_tool_installs_and_validates_and_reports_a_repository()
    {
        string version = "0.1.0-tool." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string feed = Directory.CreateTempSubdirectory("specguard-toolfeed-").FullName;
        string tools = Directory.CreateTempSubdirectory("specguard-tools-").FullName;
        using var repo = new ConsumerRepository();
        try
        {
            Dotnet.Run(PackedPackage.RepositoryRoot, "pack", Path.Combine(PackedPackage.RepositoryRoot, "src", "SpecGuard.Cli", "SpecGuard.Cli.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version).ShouldSucceed();
            string package = Path.Combine(feed, $"SpecGuard.Tool.{version}.nupkg");
            using (System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(package))
            {
                string[] files = [.. zip.Entries.Select(static e => e.FullName).Where(static n => n.StartsWith("tools/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
                Assert.Equal(["SpecGuard.Core.dll", "System.CommandLine.dll", "YamlDotNet.dll", "specguard.dll"], files);
            }

            Dotnet.Run(repo.Root, "tool", "install", "SpecGuard.Tool", "--version", version, "--tool-path", tools, "--add-source", feed).ShouldSucceed();
            repo.Write("specs/orders.spec.yaml", """
                specguard: 1
                feature: ORDERS
                title: Orders
                criteria:
                  - id: ORDERS-001
                    title: Orders are priced
                    then: the total is the sum of the lines
                """);
            CommandResult validate = Run(Path.Combine(tools, "specguard"), repo.Root, "validate");
            Assert.True(validate.ExitCode == 0, validate.Output);
            Assert.Contains("1 criteria, 0 error(s)", validate.Output, StringComparison.Ordinal);
            CommandResult report = Run(Path.Combine(tools, "specguard"), repo.Root, "report", "-f", "json");
            Assert.Equal("ORDERS-001", JsonDocument.Parse(report.Output[report.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("features")[0].GetProperty("criteria")[0].GetProperty("id").GetString());
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
            Directory.Delete(tools, recursive: true);
        }
    }

    private static CommandResult Run(string executable, string folder, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output + error.Result);
    }
}
