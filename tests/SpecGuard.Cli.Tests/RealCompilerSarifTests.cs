using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>--findings</c> on the SARIF log a real <c>dotnet build</c> writes (csc's ErrorLog, <c>version=2.1</c>), not only on
/// hand-written fixtures: a tiny project in a folder whose name needs URI escaping, with a stand-in analyzer that reports
/// SPECnnn IDs as SpecGuard's do (at a type, at a method, one without a location, one suppressed by <c>#pragma</c>) and a
/// <c>#warning</c> (CS1030, another rule, ignored). One build, about five seconds.
/// </summary>
public sealed class RealCompilerSarifTests : IDisposable
{
    private const string AnalyzerSource = """
        using System.Collections.Immutable;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.Diagnostics;

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class StandInAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Untraced = new("SPEC100", "Untraced", "'{0}' is public and traces to no criterion <&>", "SpecGuard.Code", DiagnosticSeverity.Warning, true);
            private static readonly DiagnosticDescriptor Handler = new("SPEC101", "Handler", "Handler '{0}' traces to no criterion", "SpecGuard.Code", DiagnosticSeverity.Warning, true);
            private static readonly DiagnosticDescriptor NoSpecs = new("SPEC902", "No specs", "The project references SpecGuard but no spec file reaches it", "SpecGuard.Configuration", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Untraced, Handler, NoSpecs);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSymbolAction(c => c.ReportDiagnostic(Diagnostic.Create(Untraced, c.Symbol.Locations[0], c.Symbol.ToDisplayString())), SymbolKind.NamedType);
                context.RegisterSymbolAction(
                    c =>
                    {
                        if (c.Symbol.Name == "Handle")
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Handler, c.Symbol.Locations[0], c.Symbol.ToDisplayString()));
                        }
                    },
                    SymbolKind.Method);
                context.RegisterCompilationAction(c => c.ReportDiagnostic(Diagnostic.Create(NoSpecs, Location.None)));
            }
        }
        """;

    private const string Source = """
        namespace Probe
        {
            public class Orders
            {
                public int Handle() => 1;
            }

        #pragma warning disable SPEC100
            public class Hidden
            {
            }
        #pragma warning restore SPEC100

        #warning not a SpecGuard finding
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-csc-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Findings_are_read_from_the_sarif_log_of_a_real_dotnet_build()
    {
        const string folder = "My Proj é#%";
        string project = Path.Combine(_root, folder);
        Directory.CreateDirectory(project);
        string analyzer = FixtureCompiler.Compile(
            Path.Combine(_root, "analyzer"),
            "StandIn.Analyzers",
            [(Path.Combine(_root, "analyzer", "StandInAnalyzer.cs"), AnalyzerSource)],
            [typeof(DiagnosticAnalyzer).Assembly.Location, typeof(ImmutableArray).Assembly.Location],
            pdb: false);
        File.WriteAllText(Path.Combine(project, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{analyzer}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Orders.cs"), Source);
        File.WriteAllText(Path.Combine(_root, "a.spec.yaml"), "specguard: 1\nfeature: A\ntitle: A\ncriteria:\n  - id: A-001\n    title: t\n    then: x\n");
        string log = Path.Combine(project, "obj", "Probe.specguard.sarif"); // obj/ exists once restore ran: csc does not create the folder

        (int exit, string output) = Build(project, "-p:ErrorLog=" + log + "%2Cversion=2.1");

        Assert.True(exit == 0, "dotnet build failed:\n" + output);
        string sarif = File.ReadAllText(log);
        using (JsonDocument document = JsonDocument.Parse(sarif))
        {
            // The shapes the reader relies on, as csc writes them.
            Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
            JsonElement[] results = [.. document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()];
            JsonElement place = results.First(static r => r.GetProperty("ruleId").GetString() == "SPEC100" && !r.TryGetProperty("suppressions", out _));
            Assert.StartsWith("file:///", place.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Contains("%20", place.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, place.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Contains(results, static r => r.GetProperty("ruleId").GetString() == "SPEC100" && r.TryGetProperty("suppressions", out JsonElement s) && s[0].GetProperty("kind").GetString() == "inSource");
            Assert.Contains(results, static r => r.GetProperty("ruleId").GetString() == "SPEC902" && !r.TryGetProperty("locations", out _));
            Assert.Contains(results, static r => r.GetProperty("ruleId").GetString() == "CS1030");
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int reportExit = CommandLine.Run(["report", "-f", "json", "--specs", "a.spec.yaml", "--findings", folder, "--fail-on", "untraced-code"], stdout, stderr, _root);

        JsonElement root = JsonDocument.Parse(stdout.ToString()).RootElement;
        string[] findings = [.. root.GetProperty("findings").EnumerateArray().Select(static f => string.Join(
            " | ",
            f.GetProperty("id").GetString(),
            f.GetProperty("level").GetString(),
            f.GetProperty("path").ValueKind == JsonValueKind.Null ? "null" : f.GetProperty("path").GetString(),
            f.GetProperty("line").ToString(),
            f.GetProperty("column").ToString(),
            f.GetProperty("message").GetString()))];
        Assert.Equal(
            [
                "SPEC902 | warning | null |  |  | The project references SpecGuard but no spec file reaches it",
                "SPEC100 | warning | My Proj é#%/Orders.cs | 3 | 18 | 'Probe.Orders' is public and traces to no criterion <&>",
                "SPEC101 | warning | My Proj é#%/Orders.cs | 5 | 20 | Handler 'Probe.Orders.Handle()' traces to no criterion",
            ],
            findings);
        JsonElement input = Assert.Single(root.GetProperty("inputs").EnumerateArray(), static i => i.GetProperty("kind").GetString() == "sarif");
        Assert.Equal(folder + "/obj/Probe.specguard.sarif", input.GetProperty("path").GetString());
        Assert.Equal("3 SpecGuard finding(s), 1 suppressed in source (not counted)", input.GetProperty("detail").GetString());
        Assert.Equal(1, reportExit);
        Assert.Equal(
            [
                "specguard report: 2 untraced-code finding(s) (1 SPEC100, 1 SPEC101) (--fail-on untraced-code):",
                "  My Proj é#%/Orders.cs(3,18): SPEC100: 'Probe.Orders' is public and traces to no criterion <&>",
                "  My Proj é#%/Orders.cs(5,20): SPEC101: Handler 'Probe.Orders.Handle()' traces to no criterion",
            ],
            stderr.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int Exit, string Output) Build(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["build", "-nologo", "-v", "q", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 5 minutes:\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
