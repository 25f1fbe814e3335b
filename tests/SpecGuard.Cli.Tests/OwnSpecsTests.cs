using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// SpecGuard traces itself (README): the repository's own specs/ load clean, and the [Verifies] links of its tests name
/// criteria that exist. The build checks the same with the analyzers (SPEC00x on the spec files, SPEC102 on a literal
/// naming an unknown ID, CS0117 on a catalog constant that is gone); this test says it without a build log, and checks
/// that this assembly was really built with the generator (its tests carry the generated attribute).
/// </summary>
public sealed partial class OwnSpecsTests
{
    [Fact]
    public void The_repository_s_own_specs_load_with_no_diagnostic()
    {
        SpecSet set = OwnSpecs();

        Assert.Empty(set.Diagnostics);
        Assert.InRange(set.Criteria.Count, 25, 60);
        Assert.Equal(["CLI", "GENERATOR", "LOADER", "RULES", "SCHEMA"], set.Features.Select(f => f.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_criterion_named_by_a_Verifies_line_in_the_test_sources_exists()
    {
        IReadOnlyDictionary<string, Criterion> criteria = OwnSpecs().Criteria;
        string tests = Path.Combine(RepositoryRoot(), "tests");

        List<string> named = [.. Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(line => OwnLink().Match(line))
            .Where(match => match.Success)
            .SelectMany(match => CatalogConstant().Matches(match.Groups["ids"].Value))
            .Select(constant => constant.Groups["key"].Value.Replace('_', '-') + "-" + constant.Groups["number"].Value)];

        Assert.True(named.Count >= 25, $"only {named.Count} links to SpecGuard's own criteria were found under tests/");
        Assert.All(named, id => Assert.True(criteria.ContainsKey(id), $"{id} is named by a [Verifies] but no spec file declares it"));
    }

    [Fact]
    public void This_assembly_is_built_with_the_generator_and_its_links_name_existing_criteria()
    {
        IReadOnlyDictionary<string, Criterion> criteria = OwnSpecs().Criteria;

        string[] ids = [.. typeof(OwnSpecsTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes(inherit: false))
            .Where(a => a.GetType().FullName == "SpecGuard.VerifiesAttribute")
            .SelectMany(a => (string[])a.GetType().GetProperty("Ids")!.GetValue(a)!)];

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(criteria.ContainsKey(id), $"{id} is linked by a test but no spec file declares it"));
    }

    private static SpecSet OwnSpecs()
    {
        string specs = Path.Combine(RepositoryRoot(), "specs");
        return SpecSet.Load([.. Directory.EnumerateFiles(specs, "*.spec.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new SpecSource(Path.GetRelativePath(RepositoryRoot(), path).Replace('\\', '/'), File.ReadAllText(path)))]);
    }

    /// <summary>Our own links, as a line of their own: <c>[Verifies(SpecGuard.Specs.CliCriteria.CLI_001, ...)]</c> (fixture code in strings never starts a line so).</summary>
    [GeneratedRegex(@"^\s*\[Verifies\((?<ids>SpecGuard\.Specs\.[^)]*)\)\]\s*$")]
    private static partial Regex OwnLink();

    [GeneratedRegex(@"SpecGuard\.Specs\.\w+Criteria\.(?<key>[A-Z][A-Z0-9_]*?)_(?<number>[0-9]{3,})\b")]
    private static partial Regex CatalogConstant();

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpecGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SpecGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
