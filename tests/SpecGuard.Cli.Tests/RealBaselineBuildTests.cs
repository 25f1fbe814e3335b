using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard baseline</c> with the real <c>dotnet build</c> (no argument: the one project in the current folder). The
/// project stands in for the SpecGuard package: an analyzer that reports SPEC100/SPEC101 with the symbol key as
/// SpecGuard's do, and a copy of the package's findings-log target (obj/&lt;cfg&gt;/&lt;tfm&gt;/&lt;Project&gt;.specguard.sarif under
/// SpecGuardEnforce=report). The packed package itself is exercised by the end-to-end tests. One build, a few seconds.
/// </summary>
public sealed class RealBaselineBuildTests : IDisposable
{
    private const string AnalyzerSource = """
        using System.Collections.Immutable;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.Diagnostics;

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class KeyedAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Untraced = new("SPEC100", "Untraced", "'{0}' is public and traces to no criterion", "SpecGuard.Code", DiagnosticSeverity.Warning, true);
            private static readonly DiagnosticDescriptor Handler = new("SPEC101", "Handler", "Handler '{0}' traces to no criterion", "SpecGuard.Code", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Untraced, Handler);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSymbolAction(c => Report(c, Untraced), SymbolKind.NamedType);
                context.RegisterSymbolAction(c => { if (c.Symbol.Name == "Handle") { Report(c, Handler); } }, SymbolKind.Method);
            }

            private static void Report(SymbolAnalysisContext c, DiagnosticDescriptor rule) =>
                c.ReportDiagnostic(Diagnostic.Create(rule, c.Symbol.Locations[0], ImmutableDictionary<string, string?>.Empty.Add("SpecGuardSymbolKey", c.Symbol.GetDocumentationCommentId()), c.Symbol.ToDisplayString()));
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-realbaseline-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Baseline_builds_the_project_here_and_records_its_findings()
    {
        string project = Path.Combine(_root, "Probe");
        Directory.CreateDirectory(project);
        string analyzer = FixtureCompiler.Compile(
            Path.Combine(_root, "analyzer"),
            "Keyed.Analyzers",
            [(Path.Combine(_root, "analyzer", "KeyedAnalyzer.cs"), AnalyzerSource)],
            [typeof(DiagnosticAnalyzer).Assembly.Location, typeof(ImmutableArray).Assembly.Location],
            pdb: false);
        File.WriteAllText(Path.Combine(project, "Probe.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{{analyzer}}" />
              </ItemGroup>
              <!-- As build/SpecGuard.targets does it. -->
              <Target Name="_StandInFindingsLog" BeforeTargets="CoreCompile" Condition="'$(SpecGuardEnforce)' == 'report'">
                <PropertyGroup>
                  <_Log>$([System.IO.Path]::Combine('$(MSBuildProjectDirectory)', '$(IntermediateOutputPath)', '$(MSBuildProjectName).specguard.sarif'))</_Log>
                  <ErrorLog>$(_Log),version=2.1</ErrorLog>
                </PropertyGroup>
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Orders.cs"), "namespace Probe { public class Orders { public int Handle(int id) => id; } }\n");

        using var output = new StringWriter();
        using var error = new StringWriter();
        Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1"); // no build node left running after the test
        int exit = CommandLine.Run(["baseline"], output, error, project);

        Assert.True(exit == 0, output + "\n" + error);
        Assert.EndsWith("SPEC101 M:Probe.Orders.Handle(System.Int32)\nSPEC100 T:Probe.Orders\n", File.ReadAllText(Path.Combine(project, "SpecGuard.Baseline.txt")), StringComparison.Ordinal);
        Assert.Contains("  Probe: SpecGuard.Baseline.txt created, 2 entries (+2 -0; 1 SPEC100, 1 SPEC101)", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "Probe.specguard.sarif")));
    }
}
