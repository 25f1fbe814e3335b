using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace SpecGuard.Generators.Tests;

/// <summary>Test frameworks a consumer may reference, with the packages that bring their assemblies.</summary>
public enum Framework
{
    None,
    XunitV2,
    XunitV3,
    NUnit,
    MSTest,
}

/// <summary>Runs the generator through a real <see cref="CSharpGeneratorDriver"/> with step tracking.</summary>
internal static class Harness
{
    private static readonly ConcurrentDictionary<Framework, Lazy<Task<ImmutableArray<MetadataReference>>>> ReferenceCache = new();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static ReferenceAssemblies ReferenceAssembliesFor(Framework framework) => framework switch
    {
        Framework.XunitV2 => ReferenceAssemblies.Net.Net80.AddPackages([new PackageIdentity("xunit.core", "2.9.3"), new PackageIdentity("xunit.assert", "2.9.3")]),
        Framework.XunitV3 => ReferenceAssemblies.Net.Net80.AddPackages([new PackageIdentity("xunit.v3.extensibility.core", "3.2.2"), new PackageIdentity("xunit.v3.assert", "3.2.2")]),
        Framework.NUnit => ReferenceAssemblies.Net.Net80.AddPackages([new PackageIdentity("NUnit", "4.4.0")]),
        Framework.MSTest => ReferenceAssemblies.Net.Net80.AddPackages([new PackageIdentity("MSTest.TestFramework", "3.11.1")]),
        _ => ReferenceAssemblies.Net.Net80,
    };

    // The testing library downloads packages into one shared folder and is not safe to run concurrently.
    private static readonly SemaphoreSlim ResolveGate = new(1, 1);

    public static Task<ImmutableArray<MetadataReference>> References(Framework framework) =>
        ReferenceCache.GetOrAdd(framework, f => new Lazy<Task<ImmutableArray<MetadataReference>>>(() => Resolve(f))).Value;

    private static async Task<ImmutableArray<MetadataReference>> Resolve(Framework framework)
    {
        await ResolveGate.WaitAsync();
        try
        {
            return await ReferenceAssembliesFor(framework).ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        }
        finally
        {
            ResolveGate.Release();
        }
    }

    public static async Task<CSharpCompilation> Compilation(Framework framework, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer.Tests",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            await References(framework),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                // As the .NET SDK does by default: reference-version unification notes are not warnings.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> specs, IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new SpecGuardGenerator().AsSourceGenerator()],
            specs,
            ParseOptions,
            new OptionsProvider(properties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static AdditionalText Spec(string path, string text) => new InMemoryAdditionalText(path, text);

    /// <summary>Runs the generator and returns the output compilation's diagnostics (errors and warnings) with the run result.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> diagnostics = generatorDiagnostics.AddRange(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return (driver.GetRunResult(), output, diagnostics);
    }

    public static string Source(GeneratorDriverRunResult run, string hintNameEnd) =>
        run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    public static string[] HintNames(GeneratorDriverRunResult run) =>
        run.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();

    public static string SpecText(string feature, params (string Id, string Extra)[] criteria) =>
        $"specguard: 1\nfeature: {feature}\ntitle: {feature} title\ncriteria:\n" +
        string.Concat(criteria.Select(c => $"  - id: {c.Id}\n    title: {c.Id} works\n    then: it works\n{c.Extra}"));

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    internal sealed class OptionsProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
