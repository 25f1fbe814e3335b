using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Steps = SpecGuard.Generators.SpecGuardGenerator.Steps;

namespace SpecGuard.Generators.Tests;

/// <summary>Incremental-step tracking proves the caching promises: editing C# never re-parses YAML; editing one spec re-parses only it.</summary>
public sealed class IncrementalTests
{
    private static AdditionalText[] Specs() =>
    [
        Harness.Spec("specs/a.spec.yaml", Harness.SpecText("ALPHA", ("ALPHA-001", ""), ("ALPHA-002", ""))),
        Harness.Spec("specs/b.spec.yaml", Harness.SpecText("BETA", ("BETA-001", ""))),
        Harness.Spec("specs/c.spec.yaml", Harness.SpecText("GAMMA", ("GAMMA-001", ""))),
    ];

    [Fact]
    public async Task Editing_an_unrelated_cs_file_leaves_every_yaml_step_cached()
    {
        var compilation = await Harness.Compilation(Framework.XunitV2, "namespace C { public class A { } }", "namespace C { public class B { } }");
        GeneratorDriver driver = Harness.Driver(Specs()).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("namespace C { public class A { public int X; } }", Harness.ParseOptions, old.FilePath));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(second, Steps.ParseSpec, IncrementalStepRunReason.Cached);
        AssertAll(second, Steps.CatalogFeature, IncrementalStepRunReason.Cached);
        Assert.Equal(3, second.TrackedSteps[Steps.ParseSpec].Length);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public async Task Editing_one_spec_file_reparses_only_that_file()
    {
        var compilation = await Harness.Compilation(Framework.XunitV2);
        AdditionalText[] specs = Specs();
        GeneratorDriver driver = Harness.Driver(specs).RunGenerators(compilation);

        AdditionalText changed = Harness.Spec("specs/b.spec.yaml", Harness.SpecText("BETA", ("BETA-001", ""), ("BETA-002", "")));
        GeneratorRunResult second = driver.ReplaceAdditionalText(specs[1], changed).RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[Steps.ParseSpec].Select(step => step.Outputs.Single().Reason).ToArray();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Contains("BETA_002", second.GeneratedSources.Single(s => s.HintName == "SpecGuard.Specs.BETA.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_criterion_down_a_line_does_not_regenerate_the_catalog()
    {
        var compilation = await Harness.Compilation(Framework.None);
        AdditionalText spec = Harness.Spec("specs/a.spec.yaml", Harness.SpecText("ALPHA", ("ALPHA-001", "")));
        GeneratorDriver driver = Harness.Driver([spec]).RunGenerators(compilation);

        AdditionalText moved = Harness.Spec("specs/a.spec.yaml", "# a comment added on top\n" + Harness.SpecText("ALPHA", ("ALPHA-001", "")));
        GeneratorRunResult second = driver.ReplaceAdditionalText(spec, moved).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, second.TrackedSteps[Steps.ParseSpec].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, second.TrackedSteps[Steps.CatalogFeature].Single().Outputs.Single().Reason);
    }

    [Fact]
    public async Task Adding_a_Verifies_link_reruns_only_the_attribute_step_for_the_edited_file()
    {
        var compilation = await Harness.Compilation(Framework.XunitV2, "namespace C { public class T { [SpecGuard.Verifies(\"ALPHA-001\")] public void M() { } } }", "namespace C { public class U { } }");
        GeneratorDriver driver = Harness.Driver(Specs()).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("namespace C { public class U { [SpecGuard.Verifies(\"BETA-001\")] public void N() { } } }", Harness.ParseOptions, old.FilePath));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(second, Steps.ParseSpec, IncrementalStepRunReason.Cached);
        string stubs = second.GeneratedSources.Single(s => s.HintName == "SpecGuard.PendingTests.BETA.g.cs" || s.HintName == "SpecGuard.PendingTests.ALPHA.g.cs").SourceText.ToString();
        Assert.DoesNotContain("BETA_001", string.Concat(second.GeneratedSources.Select(s => s.HintName)), StringComparison.Ordinal);
        Assert.Contains("ALPHA_002", stubs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_step_output_holds_a_compilation_symbol_or_syntax_node()
    {
        var compilation = await Harness.Compilation(Framework.XunitV2, "namespace C { public class T { [SpecGuard.Verifies(\"ALPHA-001\")] public void M() { } } }");
        GeneratorRunResult run = Harness.Driver(Specs()).RunGenerators(compilation).GetRunResult().Results.Single();

        // Our own steps (Roslyn's internal steps of ForAttributeWithMetadataName hold syntax by design).
        string[] ours = [Steps.ParseSpec, Steps.CatalogFeature, Steps.VerifiedIds, Steps.Project, Steps.Options];
        var offenders = new List<string>();
        foreach (var (name, steps) in run.TrackedSteps.Where(s => ours.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Visit(output.Value, name, offenders, depth: 0);
            }
        }

        Assert.Empty(offenders);
        Assert.All(ours, step => Assert.Contains(step, run.TrackedSteps.Keys));
    }

    private static void Visit(object? value, string step, List<string> offenders, int depth)
    {
        if (value is null || depth > 6 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        if (value is Compilation or ISymbol or SyntaxNode or SemanticModel or SyntaxTree)
        {
            offenders.Add($"{step}: {value.GetType().Name}");
            return;
        }

        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                Visit(item, step, offenders, depth + 1);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Visit(field.GetValue(value), step, offenders, depth + 1);
        }
    }

    private static void AssertAll(GeneratorRunResult result, string step, IncrementalStepRunReason expected) =>
        Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(expected, o.Reason));
}
