using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Emit;

namespace SpecGuard.Generators.Tests;

/// <summary>What analyzer tests need: the attributes the generator adds to every consumer, and reference sets.</summary>
internal static class AnalyzerTestSources
{
    /// <summary>The link attributes as the generator emits them (without [Embedded], which needs its own definition).</summary>
    public static readonly string Attributes =
        AttributeSource.Attributes
            .Replace("GENERATEDCODE", "", StringComparison.Ordinal)
            .Replace("TARGETS", "global::System.AttributeTargets.All", StringComparison.Ordinal)
            .Replace("[global::Microsoft.CodeAnalysis.Embedded]", "", StringComparison.Ordinal)
        + "namespace SpecGuard { internal sealed partial class VerifiesAttribute : global::System.Attribute { } }";

    public const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            then: an order is created
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
          - id: ORDERS-003
            title: Legacy form
            status: deprecated
            replacedBy: ORDERS-001
            then: nothing
        """;

    internal static readonly Lazy<ImmutableArray<MetadataReference>> AspNetCore = new(() =>
    {
        // The SDK's own reference packs: .NET and ASP.NET Core, same version as the runtime running the tests.
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string version = Path.GetFileName(runtimeDirectory);
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string[] folders =
        [
            Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref", version, "ref", "net10.0"),
            Path.Combine(dotnetRoot, "packs", "Microsoft.AspNetCore.App.Ref", version, "ref", "net10.0"),
        ];
        return folders.SelectMany(f => Directory.GetFiles(f, "*.dll")).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    });

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Test<TAnalyzer>(string source, bool aspNetCore = false, Framework framework = Framework.None)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzersTest<TAnalyzer>
        {
            TestCode = source,
            ReferenceAssemblies = aspNetCore ? new ReferenceAssemblies("net10.0") : Harness.ReferenceAssembliesFor(framework),
        };
        if (aspNetCore)
        {
            test.TestState.AdditionalReferences.AddRange(AspNetCore.Value);
        }

        test.TestState.Sources.Add(("Attributes.cs", Attributes));

        // The testing library turns on rules that are off by default; SPEC110 stays off as it ships.
        test.DisabledDiagnostics.Add("SPEC110");
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Spec));
        return test;
    }

    /// <summary>Runs <paramref name="analyzer"/> too, on the same compilation (the verifier then expects the diagnostics of both).</summary>
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> With<TAnalyzer>(this CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> test, DiagnosticAnalyzer analyzer)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        ((AnalyzersTest<TAnalyzer>)test).Others.Add(analyzer);
        return test;
    }

    public static void Config<TAnalyzer>(this CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> test, string globalConfig)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
}

/// <summary>An analyzer test that can run further analyzers alongside <typeparamref name="TAnalyzer"/>.</summary>
internal sealed class AnalyzersTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public System.Collections.Generic.List<DiagnosticAnalyzer> Others { get; } = [];

    protected override System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(Others);
}
