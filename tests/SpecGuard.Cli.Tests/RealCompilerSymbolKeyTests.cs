using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Core;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The symbol key SpecGuard's analyzers put into <c>Diagnostic.Properties</c> (<see cref="SpecContract.SymbolKeyProperty"/>)
/// as a real <c>dotnet build</c> writes it into the SARIF log, 2.1.0 and 1.0.0: a stand-in analyzer reports SPEC100 and
/// SPEC101 with the key as SpecGuard's do, and SarifReader must read it back. This pins csc's shape
/// (<c>result.properties.customProperties</c>), which the hand-written fixtures (SarifWriter) copy, and that hidden
/// diagnostics (SPEC106) are not in the log. One build per version.
/// </summary>
public sealed class RealCompilerSymbolKeyTests : IDisposable
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

            private static readonly DiagnosticDescriptor Baselined = new("SPEC106", "Baselined", "'{0}' is in the baseline", "SpecGuard.Code", DiagnosticSeverity.Hidden, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Untraced, Handler, Baselined);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSymbolAction(c => Report(c, Untraced), SymbolKind.NamedType);
                context.RegisterSymbolAction(c => Report(c, Baselined), SymbolKind.NamedType);
                context.RegisterSymbolAction(c => { if (c.Symbol.Name == "Handle") { Report(c, Handler); } }, SymbolKind.Method);
            }

            private static void Report(SymbolAnalysisContext c, DiagnosticDescriptor rule) =>
                c.ReportDiagnostic(Diagnostic.Create(
                    rule,
                    c.Symbol.Locations[0],
                    ImmutableDictionary<string, string?>.Empty.Add("SpecGuardSymbolKey", c.Symbol.GetDocumentationCommentId()).Add("Other", "x"),
                    c.Symbol.ToDisplayString()));
        }
        """;

    private const string Source = """
        namespace Probe
        {
            public class Orders
            {
                public int Handle(int id, string? note) => id;
            }
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-key-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("2.1", "2.1.0")]
    [InlineData("1", "1.0.0")]
    public void The_symbol_key_is_read_from_the_sarif_log_of_a_real_dotnet_build(string errorLogVersion, string sarifVersion)
    {
        string project = Path.Combine(_root, "Probe");
        Directory.CreateDirectory(project);
        string analyzer = FixtureCompiler.Compile(
            Path.Combine(_root, "analyzer"),
            "Keyed.Analyzers",
            [(Path.Combine(_root, "analyzer", "KeyedAnalyzer.cs"), AnalyzerSource)],
            [typeof(DiagnosticAnalyzer).Assembly.Location, typeof(ImmutableArray).Assembly.Location],
            pdb: false);
        File.WriteAllText(Path.Combine(project, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{analyzer}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Orders.cs"), Source);
        string log = Path.Combine(project, "obj", "Probe.sarif");

        (int exit, string output) = DotnetBuild.Run(project, "build", "-nologo", "-v", "q", "-p:ErrorLog=" + log + "%2Cversion=" + errorLogVersion);

        Assert.True(exit == 0, "dotnet build failed:\n" + output);
        using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(log)))
        {
            Assert.Equal(sarifVersion, document.RootElement.GetProperty("version").GetString());
            JsonElement result = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(static r => r.GetProperty("ruleId").GetString() == "SPEC101");
            Assert.Equal("M:Probe.Orders.Handle(System.Int32,System.String)", result.GetProperty("properties").GetProperty("customProperties").GetProperty(SpecContract.SymbolKeyProperty).GetString());

            // A hidden diagnostic (SPEC106's default severity) is not logged at all: the log of a build that applied a
            // baseline cannot show what the baseline hid, which is why specguard baseline builds with SpecGuardBaseline=false.
            Assert.DoesNotContain(document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), static r => r.GetProperty("ruleId").GetString() == "SPEC106");
        }

        SarifReadResult read = SarifReader.Read(log);

        Assert.Null(read.Problem);
        Assert.Equal(
            ["SPEC100 T:Probe.Orders", "SPEC101 M:Probe.Orders.Handle(System.Int32,System.String)"],
            read.Findings.Select(static f => f.Id + " " + f.Key).Order(StringComparer.Ordinal));
    }
}
