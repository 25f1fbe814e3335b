using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml.Linq;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>The result of one dotnet command.</summary>
public sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, "command failed:\n" + Output);
        return this;
    }
}

/// <summary>
/// The SpecGuard package, packed once per test run from this repository with a version of its own (so no NuGet
/// cache can hand back an older build), into a local folder feed that consumer repositories use.
/// </summary>
public static class PackedPackage
{
    private static readonly Lazy<(string Feed, string Version)> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Feed => Packed.Value.Feed;

    public static string Version => Packed.Value.Version;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The packed package's files under <paramref name="folder"/> (e.g. "analyzers/dotnet/cs/"), keyed by the path below it.</summary>
    public static Dictionary<string, byte[]> Folder(string folder)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(Feed, $"SpecGuard.{Version}.nupkg"));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream();
            using (Stream content = entry.Open())
            {
                content.CopyTo(stream);
            }

            files.Add(entry.FullName[folder.Length..], stream.ToArray());
        }

        return files;
    }

    private static (string, string) Pack()
    {
        string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string feed = Directory.CreateTempSubdirectory("specguard-feed-").FullName;
        Dotnet.Run(RepositoryRoot, "pack", Path.Combine(RepositoryRoot, "src", "SpecGuard.Package", "SpecGuard.Package.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version).ShouldSucceed();
        Assert.True(File.Exists(Path.Combine(feed, $"SpecGuard.{version}.nupkg")), "the package was not produced");
        return (feed, version);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpecGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SpecGuard.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Runs the dotnet CLI with a fresh compiler (no compiler server, no node reuse) and captures its output.</summary>
public static class Dotnet
{
    public static CommandResult Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("CI");
        start.Environment.Remove("ContinuousIntegrationBuild");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 5 minutes:\n" + output);
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString());
    }
}

/// <summary>A throw-away consumer repository in a temporary folder that uses the packed package from the local feed.</summary>
public sealed class ConsumerRepository : IDisposable
{
    public ConsumerRepository()
    {
        Root = Directory.CreateTempSubdirectory("specguard-consumer-").FullName;
        Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="specguard-e2e" value="{PackedPackage.Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Root { get; }

    public void Write(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A library project as strict as a careful team's: nullable, warnings as errors, latest-all analysis, XML docs.</summary>
    public void WriteStrictLibraryProject(string relativePath) => Write(relativePath, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <AnalysisLevel>latest-all</AnalysisLevel>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """);

    public CommandResult Dotnet(string relativeDirectory, params string[] arguments) =>
        Tests.Dotnet.Run(Path.Combine(Root, relativeDirectory), arguments);

    public CommandResult Dotnet(string relativeDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Tests.Dotnet.Run(Path.Combine(Root, relativeDirectory), environment, arguments);

    /// <summary>Runs dotnet test with a TRX logger and returns each test's outcome by name.</summary>
    public (CommandResult Result, IReadOnlyDictionary<string, string> Outcomes) Test(string relativeDirectory, params string[] extra)
    {
        string results = Path.Combine(Root, "results-" + Guid.NewGuid().ToString("N"));
        CommandResult result = Dotnet(relativeDirectory, ["test", "--logger", "trx;LogFileName=results.trx", "--results-directory", results, .. extra]);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        string trx = Path.Combine(results, "results.trx");
        if (File.Exists(trx))
        {
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            foreach (XElement test in XDocument.Load(trx).Descendants(ns + "UnitTestResult"))
            {
                string name = (string)test.Attribute("testName")!;
                int paren = name.IndexOf('(', StringComparison.Ordinal);
                name = (paren > 0 ? name[..paren] : name).Trim();
                name = name[(name.LastIndexOf('.') + 1)..];
                string outcome = (string)test.Attribute("outcome")!;
                outcomes[name] = outcomes.TryGetValue(name, out string? previous) && previous != outcome ? previous + "," + outcome : outcome;
            }
        }

        return (result, outcomes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a file; the folder is under the temp directory
        }
    }
}
