using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Generators;
using SpecGuard.Generators.Analyzers;
using Xunit;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>
/// What code-fix tests need: spec files, the sources the generator emits for them (link attributes and the criterion
/// catalog, produced by running the real generator), reference assemblies from the SDK's own packs, and a way to list
/// the actions a fixer offers.
/// </summary>
internal static class FixTests
{
    public const string OrdersSpec = """
        specguard: 1
        feature: ORDERS
        title: Order placement
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            then: an order is created
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
          - id: ORDERS-003
            title: Legacy order form
            status: deprecated
            replacedBy: ORDERS-001
            then: nothing
          - id: ORDERS-004
            title: Orders can be split
            status: draft
            then: two orders
        """;

    public const string PaymentsSpec = """
        specguard: 1
        feature: PAYMENTS
        title: Payments
        criteria:
          - id: PAYMENTS-001
            title: A card payment is captured
            then: the payment is captured
          - id: PAYMENTS-002
            title: A refund returns the money
            then: the money is returned
        """;

    public static readonly (string Path, string Text)[] DefaultSpecs = [("specs/orders.spec.yaml", OrdersSpec), ("specs/payments.spec.yaml", PaymentsSpec)];

    private static readonly Lazy<ImmutableArray<MetadataReference>> NetCore = new(() => PackReferences("Microsoft.NETCore.App.Ref"));
    private static readonly Lazy<ImmutableArray<MetadataReference>> AspNetCore = new(() => PackReferences("Microsoft.AspNetCore.App.Ref"));

    private static ImmutableArray<MetadataReference> PackReferences(string pack)
    {
        // The SDK's own reference packs, same version as the runtime running the tests: no download.
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string version = Path.GetFileName(runtimeDirectory);
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string folder = Path.Combine(dotnetRoot, "packs", pack, version, "ref", "net10.0");
        return Directory.GetFiles(folder, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }

    public static IEnumerable<MetadataReference> References(bool aspNetCore) => aspNetCore ? NetCore.Value.Concat(AspNetCore.Value) : NetCore.Value;

    /// <summary>
    /// The sources SpecGuard's generator emits into a consumer for these specs: the link attributes and, with
    /// <paramref name="catalog"/>, one catalog class per feature (in <paramref name="catalogNamespace"/> when set).
    /// </summary>
    public static (string Name, string Text)[] Generated((string Path, string Text)[] specs, bool catalog = true, string? catalogNamespace = null)
    {
        var properties = new Dictionary<string, string>();
        if (catalogNamespace is not null)
        {
            properties["build_property.SpecGuardCatalogNamespace"] = catalogNamespace;
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SpecGuardGenerator().AsSourceGenerator()],
            specs.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)),
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(properties));
        Compilation compilation = CSharpCompilation.Create("Consumer", references: NetCore.Value, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorRunResult run = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        return run.GeneratedSources
            .Where(s => catalog || !s.HintName.StartsWith("SpecGuard.Specs.", StringComparison.Ordinal))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => ("/0/Generated/" + s.HintName, s.SourceText.ToString()))
            .ToArray();
    }

    /// <summary>
    /// Runs the code analyzers the package ships (TraceabilityAnalyzer for SPEC100/101, LinkAnalyzer for SPEC102-104),
    /// as a consumer's IDE does: the fixers see the diagnostics of both.
    /// </summary>
    private sealed class ShippedAnalyzersFixTest<TFix> : CSharpCodeFixTest<TraceabilityAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new TraceabilityAnalyzer(), new LinkAnalyzer()];
    }

    /// <summary>A code-fix test of <typeparamref name="TFix"/> against the real analyzers, with the generated sources in both states.</summary>
    public static CSharpCodeFixTest<TraceabilityAnalyzer, TFix, DefaultVerifier> Test<TFix>(
        string source,
        string fixedSource,
        bool catalog = true,
        bool aspNetCore = false,
        string? catalogNamespace = null,
        (string Path, string Text)[]? specs = null,
        string? globalConfig = null,
        OutputKind? outputKind = null)
        where TFix : CodeFixProvider, new()
    {
        specs ??= DefaultSpecs;
        var test = new ShippedAnalyzersFixTest<TFix>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.Sources.Add(("/0/Test0.cs", source));
        test.FixedState.Sources.Add(("/0/Test0.cs", fixedSource));
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(References(aspNetCore));
            foreach (var generated in Generated(specs, catalog, catalogNamespace))
            {
                state.Sources.Add(generated);
            }

            foreach (var spec in specs)
            {
                state.AdditionalFiles.Add(spec);
            }

            string config = "is_global = true\n" + (catalogNamespace is null ? string.Empty : "build_property.SpecGuardCatalogNamespace = " + catalogNamespace + "\n") + (globalConfig ?? string.Empty);
            state.AnalyzerConfigFiles.Add(("/.globalconfig", config));
        }

        // Minimal-API tests are programs with top-level statements.
        test.TestState.OutputKind = outputKind ?? (aspNetCore ? OutputKind.ConsoleApplication : null);
        test.FixedState.OutputKind = test.TestState.OutputKind;

        // The testing library turns on rules that are off by default; SPEC110 stays off as it ships.
        test.DisabledDiagnostics.Add("SPEC110");
        return test;
    }

    /// <summary>A SPEC100/SPEC101 fix test that applies the action with <paramref name="equivalenceKey"/> (fix-all: see <see cref="LinkFixAllProvider"/>).</summary>
    public static CSharpCodeFixTest<TraceabilityAnalyzer, LinkCodeFixProvider, DefaultVerifier> Link(string source, string fixedSource, string equivalenceKey, bool catalog = true, bool aspNetCore = false, string? catalogNamespace = null, string? globalConfig = null, OutputKind? outputKind = null)
    {
        var test = Test<LinkCodeFixProvider>(source, fixedSource, catalog, aspNetCore, catalogNamespace, globalConfig: globalConfig, outputKind: outputKind);
        test.CodeActionEquivalenceKey = equivalenceKey;
        test.CodeFixTestBehaviors = equivalenceKey == EquivalenceKeys.Exempt
            ? CodeFixTestBehaviors.SkipFixAllInSolutionCheck
            : CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        return test;
    }

    /// <summary>A workspace project with the source, the generated sources and the specs, as the IDE would hold it.</summary>
    public static Project Project(string source, bool catalog = true, bool aspNetCore = false, (string Path, string Text)[]? specs = null, string? globalConfig = null, params string[] moreSources)
    {
        specs ??= DefaultSpecs;
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Consumer",
            "Consumer",
            LanguageNames.CSharp,
            filePath: "/0/Consumer.csproj",
            compilationOptions: new CSharpCompilationOptions(aspNetCore ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References(aspNetCore)));
        int index = 0;
        foreach (string text in new[] { source }.Concat(moreSources))
        {
            project = project.AddDocument($"Test{index}.cs", SourceText.From(text), filePath: $"/0/Test{index++}.cs").Project;
        }

        foreach (var generated in Generated(specs, catalog))
        {
            project = project.AddDocument(Path.GetFileName(generated.Name), SourceText.From(generated.Text), filePath: generated.Name).Project;
        }

        foreach (var spec in specs)
        {
            project = project.AddAdditionalDocument(Path.GetFileName(spec.Path), SourceText.From(spec.Text), filePath: "/0/" + spec.Path).Project;
        }

        if (globalConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".globalconfig", SourceText.From("is_global = true\n" + globalConfig), filePath: "/0/.globalconfig").Project;
        }

        return project;
    }

    /// <summary>The analyzer's diagnostics on the project's own sources, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> Diagnostics(Project project)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new TraceabilityAnalyzer(), new LinkAnalyzer()], project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The actions (title, equivalence key) a fixer offers for a diagnostic, in the order offered.</summary>
    public static async Task<(string Title, string? Key)[]> Offered(CodeFixProvider fixer, Project project, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        Document document = project.GetDocument(diagnostic.Location.SourceTree)!;
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.Select(a => (a.Title, a.EquivalenceKey)).ToArray();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
