using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Generators;

namespace SpecGuard.Benchmarks;

/// <summary>
/// The generator on 1,000 criteria in 50 spec files and a 100-file test project: a cold run (fresh driver, fresh
/// spec texts, so nothing is cached), a no-change rerun of a warm driver, and a rerun after editing one .cs file.
/// <c>dotnet run -c Release --project bench/SpecGuard.Benchmarks -- --filter *GeneratorBenchmarks*</c>
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private List<SpecSource> _specs = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _specs = SyntheticSpecs.FiftyFiles();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        var trees = Enumerable.Range(0, 100).Select(i => CSharpSyntaxTree.ParseText(
            $"namespace Shop.Tests {{ public class Tests{i} {{ [SpecGuard.Verifies(\"FEATURE{i % 50:00}-{1 + (i % 20):000}\")] public void M{i}() {{ }} public int P{i} => {i}; }} }}",
            path: $"Tests{i}.cs"));
        _compilation = CSharpCompilation.Create("Shop.Tests", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        SyntaxTree first = _compilation.SyntaxTrees.First();
        _edited = _compilation.ReplaceSyntaxTree(first, CSharpSyntaxTree.ParseText(first.GetText().ToString().Replace("=> 0;", "=> 42;", StringComparison.Ordinal), path: first.FilePath));
        _warm = NewDriver(Texts()).RunGenerators(_compilation);
    }

    /// <summary>Fresh driver, fresh texts: every spec file is parsed and every output generated.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver ColdRun() => NewDriver(Texts()).RunGenerators(_compilation);

    /// <summary>Nothing changed since the last run: what an IDE pays between keystrokes elsewhere.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalNoChange() => _warm.RunGenerators(_compilation);

    /// <summary>One .cs file edited: no YAML is re-parsed.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalCsEdit() => _warm.RunGenerators(_edited);

    private List<AdditionalText> Texts() => _specs.Select(s => (AdditionalText)new Text(s.Path, s.Text)).ToList();

    private static GeneratorDriver NewDriver(IEnumerable<AdditionalText> texts) =>
        CSharpGeneratorDriver.Create([new SpecGuardGenerator().AsSourceGenerator()], texts, CSharpParseOptions.Default, null, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
