using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SpecGuard.Cli;
using SpecGuard.Cli.Report;
using SpecGuard.Core;

namespace SpecGuard.Benchmarks;

/// <summary>
/// <c>specguard report</c> at scale: 10,000 criteria in 50 spec files, 50 real assemblies (25 production, 25 test, compiled
/// with Roslyn in GlobalSetup with portable PDBs and cached on disk), 20,000 test results in 25 TRX files. The end-to-end
/// benchmarks run the command as a user would (read every file, write the report to disk); the others time one stage
/// on pre-read inputs. Run with
/// <c>dotnet run -c Release --project bench/SpecGuard.Benchmarks -- --filter '*Report*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private const int Features = 50;
    private const int CriteriaPerFeature = 200;
    private const int ProductionAssemblies = 25;
    private const int TestAssemblies = 25;
    private const int TestsPerCriterion = 2;

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "specguard-report-bench-v1");

    private List<SpecGuard.Core.Model.SpecFeature> _features = null!;
    private List<ScannedAssembly> _assemblies = null!;
    private List<TrxInput> _trx = null!;
    private TraceReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        Generate();
        var warnings = new List<ReportWarning>();
        SpecSet set = SpecSet.Load(Directory.EnumerateFiles(Path.Combine(Root, "specs")).Order(StringComparer.Ordinal).Select(static f => new SpecSource(f, File.ReadAllText(f))));
        _features = ReportBuilder.SelectFeatures(set);
        _assemblies = ScanAll();
        _trx = ReadAllTrx();
        _report = ReportBuilder.Build(_features, _assemblies, _trx, [], warnings);
        if (_report.Coverage.Total != Features * CriteriaPerFeature || _trx.Sum(static t => t.Results.Count) != Features * CriteriaPerFeature * TestsPerCriterion || warnings.Count != 0)
        {
            throw new InvalidOperationException("The synthetic inputs are not what the benchmark claims.");
        }
    }

    [Benchmark(Description = "End to end: 10k criteria, 50 DLLs, 20k results → Markdown file")]
    public int EndToEndMarkdown() => RunCommand("md");

    [Benchmark(Description = "End to end → HTML file")]
    public int EndToEndHtml() => RunCommand("html");

    [Benchmark(Description = "End to end → JSON file")]
    public int EndToEndJson() => RunCommand("json");

    [Benchmark(Description = "Stage: scan 50 assemblies + PDBs (metadata only)")]
    public int ScanAssemblies() => ScanAll().Sum(static a => a.Implementations.Count);

    [Benchmark(Description = "Stage: read 25 TRX files (20k results)")]
    public int ReadTrx() => ReadAllTrx().Sum(static t => t.Results.Count);

    [Benchmark(Description = "Stage: join (pre-read inputs)")]
    public int Join() => ReportBuilder.Build(_features, _assemblies, _trx, [], []).Coverage.Verified;

    [Benchmark(Description = "Stage: render HTML (pre-built report)")]
    public int RenderHtml() => HtmlReportWriter.Write(_report).Length;

    private static int RunCommand(string format)
    {
        var options = new ReportOptions(
            ["specs"],
            ["bin"],
            ["results"],
            format,
            Path.Combine("out", "report." + format),
            null,
            []);
        return ReportCommand.Run(options, TextWriter.Null, TextWriter.Null, Root);
    }

    private static List<ScannedAssembly> ScanAll() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "bin"), "*.dll").Order(StringComparer.Ordinal).Select(static f => AssemblyScanner.Scan(f, Root).Assembly!)];

    private static List<TrxInput> ReadAllTrx() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "results"), "*.trx").Order(StringComparer.Ordinal).Select(static f => new TrxInput(f, TrxReader.Read(f).Results))];

    private static string Id(int criterion) =>
        "FEATURE" + (criterion / CriteriaPerFeature).ToString("00", CultureInfo.InvariantCulture) + "-" + ((criterion % CriteriaPerFeature) + 1).ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Writes the inputs once (deterministic, so a finished set on disk is reused across benchmark processes).</summary>
    private static void Generate()
    {
        string done = Path.Combine(Root, "complete");
        if (File.Exists(done))
        {
            return;
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(Root, "specs"));
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Directory.CreateDirectory(Path.Combine(Root, "results"));
        for (int f = 0; f < Features; f++)
        {
            string key = "FEATURE" + f.ToString("00", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(Root, "specs", key.ToLowerInvariant() + ".spec.yaml"), SyntheticSpecs.Feature(key, 1, CriteriaPerFeature));
        }

        int criteria = Features * CriteriaPerFeature;
        int perProduction = criteria / ProductionAssemblies;
        for (int a = 0; a < ProductionAssemblies; a++)
        {
            var source = new StringBuilder("namespace SpecGuard { [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)] internal sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(params string[] ids) { } } }\n");
            string ns = "Shop.Module" + a.ToString("00", CultureInfo.InvariantCulture);
            source.Append("namespace ").Append(ns).Append(" {\n");
            for (int c = a * perProduction; c < (a + 1) * perProduction; c++)
            {
                if (c % 5 == 0)
                {
                    continue; // 20% of criteria have no implementation
                }

                source.Append(CultureInfo.InvariantCulture, $"public sealed class Service{c} {{\n  [SpecGuard.Implements(\"{Id(c)}\")]\n  public int Handle(int x)\n  {{\n    return x + {c};\n  }}\n}}\n");
            }

            source.Append("}\n");
            Compile("Shop.Module" + a.ToString("00", CultureInfo.InvariantCulture), source.ToString());
        }

        int tests = criteria * TestsPerCriterion;
        int perTestAssembly = tests / TestAssemblies;
        for (int a = 0; a < TestAssemblies; a++)
        {
            string name = "Shop.Module" + a.ToString("00", CultureInfo.InvariantCulture) + ".Tests";
            var source = new StringBuilder("namespace SpecGuard { [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)] internal sealed class VerifiesAttribute : System.Attribute { public VerifiesAttribute(params string[] ids) { } } }\n");
            source.Append("namespace ").Append(name).Append(" {\n");
            var trx = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun id=\"1\" name=\"bench\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n  <Results>\n");
            var definitions = new StringBuilder("  <TestDefinitions>\n");
            for (int t = a * perTestAssembly; t < (a + 1) * perTestAssembly; t++)
            {
                int classIndex = t / 20;
                if (t % 20 == 0)
                {
                    source.Append(CultureInfo.InvariantCulture, $"public sealed class Tests{classIndex} {{\n");
                }

                source.Append(CultureInfo.InvariantCulture, $"  [SpecGuard.Verifies(\"{Id(t / TestsPerCriterion)}\")]\n  public void Test{t}()\n  {{\n  }}\n");
                if (t % 20 == 19)
                {
                    source.Append("}\n");
                }

                string outcome = t % 50 == 0 ? "Failed" : t % 37 == 0 ? "NotExecuted" : "Passed";
                string id = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-0000-0000-{t:x12}");
                trx.Append(CultureInfo.InvariantCulture, $"    <UnitTestResult executionId=\"{id}\" testId=\"{id}\" testName=\"{name}.Tests{classIndex}.Test{t}\" computerName=\"ci\" duration=\"00:00:00.0010000\" outcome=\"{outcome}\" />\n");
                definitions.Append(CultureInfo.InvariantCulture, $"    <UnitTest name=\"{name}.Tests{classIndex}.Test{t}\" storage=\"{name}.dll\" id=\"{id}\">\n      <Execution id=\"{id}\" />\n      <TestMethod codeBase=\"{name}.dll\" adapterTypeName=\"executor://xunit/VsTestRunner3/netcore/\" className=\"{name}.Tests{classIndex}\" name=\"Test{t}\" />\n    </UnitTest>\n");
            }

            source.Append("}\n");
            Compile(name, source.ToString());
            trx.Append("  </Results>\n").Append(definitions).Append("  </TestDefinitions>\n</TestRun>\n");
            File.WriteAllText(Path.Combine(Root, "results", name + ".trx"), trx.ToString());
        }

        File.WriteAllText(done, "ok");
    }

    private static void Compile(string name, string source)
    {
        string[] framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(static p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .ToArray();
        string sourcePath = Path.Combine(Root, "src", name + ".cs");
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, path: sourcePath, encoding: Encoding.UTF8)],
            framework.Select(static p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
        string dll = Path.Combine(Root, "bin", name + ".dll");
        string pdb = Path.Combine(Root, "bin", name + ".pdb");
        using var peStream = File.Create(dll);
        using var pdbStream = File.Create(pdb);
        EmitResult result = compilation.Emit(peStream, pdbStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdb));
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Take(5)));
        }
    }
}
