using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpecGuard.Generators.Infrastructure;
using Xunit;
using ProjectInfo = SpecGuard.Generators.Infrastructure.ProjectInfo;

namespace SpecGuard.Generators.Tests;

/// <summary>The test framework is read from reference file names; references without a file still count.</summary>
public sealed class ProjectInfoTests
{
    private static readonly string XunitCore = typeof(FactAttribute).Assembly.Location;

    [Fact]
    public void A_reference_file_named_xunit_core_makes_an_xunit_v2_project()
    {
        CSharpCompilation compilation = Compilation(MetadataReference.CreateFromFile(XunitCore));

        Assert.Equal(TestFramework.XunitV2, ProjectInfo.From(compilation).Framework);
        Assert.Equal("Shop.Tests", ProjectInfo.From(compilation).AssemblyName);
    }

    [Fact]
    public void A_reference_without_a_file_is_identified_by_its_assembly_name()
    {
        CSharpCompilation compilation = Compilation(MetadataReference.CreateFromImage(File.ReadAllBytes(XunitCore)));

        Assert.Equal(TestFramework.XunitV2, ProjectInfo.From(compilation).Framework);
    }

    [Fact]
    public void A_project_without_a_test_framework_is_none()
    {
        Assert.Equal(TestFramework.None, ProjectInfo.From(Compilation(MetadataReference.CreateFromFile(typeof(object).Assembly.Location))).Framework);
    }

    private static CSharpCompilation Compilation(MetadataReference reference) =>
        CSharpCompilation.Create("Shop.Tests", [CSharpSyntaxTree.ParseText("class C { }")], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), reference]);
}
