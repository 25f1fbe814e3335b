using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Generators;

namespace SpecGuard.Benchmarks;

/// <summary>
/// What SpecGuard's generator costs one compilation in a fresh process (issue 11: ≤ 10 ms without a spec file, ≤ 40 ms
/// with one small one), apart from what every generator's first run pays: first an empty generator runs (the driver
/// and its JIT), then an empty generator with SpecGuard's pipeline shape (post-initialization source,
/// ForAttributeWithMetadataName, additional texts, options, compilation), then SpecGuard's on a project with no spec
/// file, then on one with a small spec file, each in a fresh driver. A timed harness, not a benchmark: run it in fresh processes,
/// <c>for i in 1 2 3 4 5; do dotnet bench/SpecGuard.Benchmarks/bin/Release/net10.0/SpecGuard.Benchmarks.dll first-generator; done</c>.
/// </summary>
internal static class FirstGenerator
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Order placement
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            then: an order is created
        """;

    /// <param name="cold">
    /// SpecGuard runs first in the process, before any other generator (with <c>cold</c> on the command line): the worst
    /// case, when it pays the driver's start-up. Otherwise it runs after the two reference generators, as it does in
    /// csc after the SDK's own generators.
    /// </param>
    public static void Run(bool cold)
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        MetadataReference[] references = [.. platform.Where(static p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll").Select(static p => MetadataReference.CreateFromFile(p))];
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Shop",
            [CSharpSyntaxTree.ParseText("namespace Shop { public sealed class OrderService { public int Place() => 1; } }")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        if (cold)
        {
            (double coldWall, double coldOwn) = Time(new SpecGuardGenerator().AsSourceGenerator(), compilation, []);
            (double coldSpec, double coldSpecOwn) = Time(new SpecGuardGenerator().AsSourceGenerator(), compilation, [new InMemoryText("specs/orders.spec.yaml", Spec)]);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "cold: SpecGuard first in the process, no spec file {0:F1} ({1:F1}) ms; then one spec file {2:F1} ({3:F1}) ms", coldWall, coldOwn, coldSpec, coldSpecOwn));
            return;
        }

        (double empty, double emptyOwn) = Time(new EmptyGenerator().AsSourceGenerator(), compilation, []);
        (double pipeline, double pipelineOwn) = Time(new PipelineGenerator().AsSourceGenerator(), compilation, []);
        (double noSpec, double noSpecOwn) = Time(new SpecGuardGenerator().AsSourceGenerator(), compilation, []);
        (double oneSpec, double oneSpecOwn) = Time(new SpecGuardGenerator().AsSourceGenerator(), compilation, [new InMemoryText("specs/orders.spec.yaml", Spec)]);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "wall (generator's own time as the driver reports it, which is what csc -reportanalyzer prints): empty generator first {0:F1} ({4:F1}) ms; an empty generator of SpecGuard's pipeline shape {1:F1} ({5:F1}) ms; then SpecGuard, no spec file {2:F1} ({6:F1}) ms; one spec file {3:F1} ({7:F1}) ms",
            empty,
            pipeline,
            noSpec,
            oneSpec,
            emptyOwn,
            pipelineOwn,
            noSpecOwn,
            oneSpecOwn));
    }

    private static (double Wall, double Own) Time(ISourceGenerator generator, CSharpCompilation compilation, ImmutableArray<AdditionalText> files)
    {
        long started = Stopwatch.GetTimestamp();
        GeneratorDriver driver = CSharpGeneratorDriver.Create([generator], files);
        driver = driver.RunGenerators(compilation, CancellationToken.None);
        GeneratorDriverRunResult result = driver.GetRunResult();
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("the harness compilation has generator errors");
        }

        return (ms, driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime.TotalMilliseconds);
    }

    private sealed class EmptyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (_, _) => { });
    }

    private sealed class PipelineGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            context.RegisterPostInitializationOutput(static c => c.AddSource("A.g.cs", "namespace X { [System.AttributeUsage(System.AttributeTargets.All)] internal sealed class YAttribute : System.Attribute { } }"));
            var attributes = context.SyntaxProvider.ForAttributeWithMetadataName("X.YAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name).Collect();
            var files = context.AdditionalTextsProvider.Select(static (f, ct) => f.GetText(ct)?.Length ?? 0).Collect();
            var options = context.AnalyzerConfigOptionsProvider.Select(static (o, _) => o.GlobalOptions.TryGetValue("build_property.X", out string? v) ? v : null);
            context.RegisterSourceOutput(attributes.Combine(files).Combine(options).Combine(context.CompilationProvider), static (_, _) => { });
        }
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
