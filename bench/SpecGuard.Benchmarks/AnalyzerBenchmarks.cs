using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Generators.Analyzers;
using SpecGuard.Generators.Emit;

namespace SpecGuard.Benchmarks;

/// <summary>
/// SpecGuard's analyzers against an empty-analyzer baseline on the same compilation: 2,000 public types with
/// 10,000 public methods, 7,000 of them linked with [Implements], and 1,000 criteria in 50 spec files (category
/// "linked"); and the same code without links or spec files, a project that references SpecGuard but has no specs yet
/// (category "no spec file"); and that unlinked code with the specs, without and with a 2,000-line baseline that
/// holds every type (category "baseline", issue 12); and LinkAnalyzer on the linked code without and with a review
/// record of all 1,000 criteria, reviewed at their current text or all changed since (category "review", issue 13).
/// <c>dotnet run -c Release --project bench/SpecGuard.Benchmarks -- --filter *AnalyzerBenchmarks*</c>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AnalyzerBenchmarks
{
    private const string Linked = "linked";
    private const string NoSpec = "no spec file";
    private const string Baseline = "baseline";
    private const string Review = "review";

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _unlinked = null!;
    private AnalyzerOptions _typesScope = null!;
    private AnalyzerOptions _membersScope = null!;
    private AnalyzerOptions _noSpecs = null!;
    private AnalyzerOptions _withBaseline = null!;
    private AnalyzerOptions _reviewed = null!;
    private AnalyzerOptions _allSuspect = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(AttributeSource.EmbeddedAttribute, path: "Embedded.g.cs"),
            CSharpSyntaxTree.ParseText(AttributeSource.Attributes.Replace("GENERATEDCODE", AttributeSource.GeneratedCode, StringComparison.Ordinal).Replace("TARGETS", "global::System.AttributeTargets.All", StringComparison.Ordinal) + "namespace SpecGuard { internal sealed partial class VerifiesAttribute : global::System.Attribute { } }", path: "Attributes.g.cs"),
        };
        for (int file = 0; file < 100; file++)
        {
            var source = new StringBuilder("namespace Shop.Area").Append(file).Append(" {\n");
            for (int type = 0; type < 20; type++)
            {
                int t = (file * 20) + type;
                source.Append("public sealed class Service").Append(t).Append(" {\n");
                for (int m = 0; m < 5; m++)
                {
                    int id = 1 + ((t * 5 + m) % 20);
                    if (m % 2 == 0 || (m == 1 && t % 2 == 0))
                    {
                        source.Append("  [SpecGuard.Implements(\"FEATURE").Append((t % 50).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append('-').Append(id.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).Append("\")]\n");
                    }

                    source.Append("  public int Method").Append(m).Append("(int x) => x + ").Append(m).Append(";\n");
                }

                source.Append("}\n");
            }

            trees.Add(CSharpSyntaxTree.ParseText(source.Append('}').ToString(), path: $"Area{file}.cs"));
        }

        _compilation = CSharpCompilation.Create("Shop", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _unlinked = CSharpCompilation.Create(
            "Shop",
            trees.Select(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)
                ? t
                : CSharpSyntaxTree.ParseText(string.Join("\n", t.ToString().Split('\n').Where(l => !l.Contains("[SpecGuard.Implements(", StringComparison.Ordinal))), path: t.FilePath)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        ImmutableArray<AdditionalText> specs = SyntheticSpecs.FiftyFiles().Select(s => (AdditionalText)new Text(s.Path, s.Text)).ToImmutableArray();
        _typesScope = new AnalyzerOptions(specs, new Options(new Dictionary<string, string>()));
        _membersScope = new AnalyzerOptions(specs, new Options(new Dictionary<string, string> { ["specguard.public_api_scope"] = "members" }));
        _noSpecs = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new Options(new Dictionary<string, string>()));

        // Issue 12: the unlinked code (2,000 SPEC100 findings) with every type in a 2,000-line baseline (all SPEC106).
        string baseline = string.Concat(Enumerable.Range(0, 2000).Select(t => $"SPEC100 T:Shop.Area{t / 20}.Service{t}\n").Order(StringComparer.Ordinal));
        _withBaseline = new AnalyzerOptions(specs.Add(new Text("/src/Shop/SpecGuard.Baseline.txt", baseline)), new Options(new Dictionary<string, string>()));
        // Issue 13: every criterion in SpecGuard.Reviews.txt, at its current fingerprint (nothing suspect) or at another one
        // (every one of the 7,000 links is SPEC105).
        var criteria = SyntheticSpecs.FiftyFiles().SelectMany(s => Core.SpecLoader.Load(s.Path, s.Text).Feature!.Criteria).ToList();
        string reviewed = Core.Review.ReviewRecord.Write(criteria.Select(c => (c.Id, Core.Review.CriterionFingerprint.Of(c))));
        string changed = Core.Review.ReviewRecord.Write(criteria.Select(c => (c.Id, "0000000000000000")));
        _reviewed = new AnalyzerOptions(specs.Add(new Text("/src/specs/SpecGuard.Reviews.txt", reviewed)), new Options(new Dictionary<string, string>()));
        _allSuspect = new AnalyzerOptions(specs.Add(new Text("/src/specs/SpecGuard.Reviews.txt", changed)), new Options(new Dictionary<string, string>()));
        int linked = trees.Sum(t => t.ToString().Split("[SpecGuard.Implements(").Length - 1);
        Console.WriteLine($"// {trees.Count - 2} files, 2,000 public types, 10,000 public methods, {linked:N0} linked");
    }

    /// <summary>An analyzer that registers a symbol action and does nothing: the driver's own cost.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> EmptyBaseline() => Run(_compilation, _typesScope, new EmptyAnalyzer());

    /// <summary>The traceability analyzer (SPEC100/101) with the default scope (types).</summary>
    [Benchmark, BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> TraceabilityTypesScope() => Run(_compilation, _typesScope, new TraceabilityAnalyzer());

    /// <summary>The traceability analyzer with scope members (every public method checked).</summary>
    [Benchmark, BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> TraceabilityMembersScope() => Run(_compilation, _membersScope, new TraceabilityAnalyzer());

    /// <summary>The link analyzer (SPEC102-104, SPEC110) on the 7,000 links.</summary>
    [Benchmark, BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> LinkAnalyzerAlone() => Run(_compilation, _typesScope, new LinkAnalyzer());

    /// <summary>Every rule on code (SPEC100-110): the two code analyzers together (before the split: one analyzer).</summary>
    [Benchmark, BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> TraceabilityAndLinks() => Run(_compilation, _typesScope, new TraceabilityAnalyzer(), new LinkAnalyzer());

    /// <summary>The spec-file analyzer (SPEC001-005, SPEC200, SPEC901) on the 50 spec files.</summary>
    [Benchmark, BenchmarkCategory(Linked)]
    public Task<ImmutableArray<Diagnostic>> SpecFileAnalyzer() => Run(_compilation, _typesScope, new SpecFileAnalyzer());

    /// <summary>The driver's own cost on the project without links or spec files.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(NoSpec)]
    public Task<ImmutableArray<Diagnostic>> EmptyBaselineNoSpecFile() => Run(_unlinked, _noSpecs, new EmptyAnalyzer());

    /// <summary>Every SpecGuard analyzer, as the package ships them, in a project that has no spec file yet.</summary>
    [Benchmark, BenchmarkCategory(NoSpec)]
    public Task<ImmutableArray<Diagnostic>> AllAnalyzersNoSpecFile() => Run(_unlinked, _noSpecs, new SpecFileAnalyzer(), new TraceabilityAnalyzer(), new LinkAnalyzer());

    /// <summary>TraceabilityAnalyzer on 2,000 untraced types without a baseline: 2,000 SPEC100.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Baseline)]
    public Task<ImmutableArray<Diagnostic>> UntracedWithoutBaseline() => Run(_unlinked, _typesScope, new TraceabilityAnalyzer());

    /// <summary>The same with a 2,000-line baseline holding every type: 2,000 SPEC106 and the stale-entry check at the end.</summary>
    [Benchmark, BenchmarkCategory(Baseline)]
    public Task<ImmutableArray<Diagnostic>> UntracedWithBaseline() => Run(_unlinked, _withBaseline, new TraceabilityAnalyzer());

    /// <summary>LinkAnalyzer on the 7,000 links without a review record (SPEC105 off).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Review)]
    public Task<ImmutableArray<Diagnostic>> LinksWithoutReviewRecord() => Run(_compilation, _typesScope, new LinkAnalyzer());

    /// <summary>The same with a review record of all 1,000 criteria at their current text: every link checked, none suspect.</summary>
    [Benchmark, BenchmarkCategory(Review)]
    public Task<ImmutableArray<Diagnostic>> LinksWithReviewRecord() => Run(_compilation, _reviewed, new LinkAnalyzer());

    /// <summary>The same with every criterion changed since its review: 7,000 SPEC105.</summary>
    [Benchmark, BenchmarkCategory(Review)]
    public Task<ImmutableArray<Diagnostic>> LinksAllSuspect() => Run(_compilation, _allSuspect, new LinkAnalyzer());

    private static Task<ImmutableArray<Diagnostic>> Run(CSharpCompilation compilation, AnalyzerOptions options, params DiagnosticAnalyzer[] analyzers) =>
        compilation.WithAnalyzers([.. analyzers], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("EMPTY001", "Empty", "Empty", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(static _ => { }, SymbolKind.Method, SymbolKind.NamedType);
        }
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Config _config = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _config;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _config;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _config;

        private sealed class Config(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
