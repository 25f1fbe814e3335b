using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Generators.Analyzers;
using SpecGuard.Generators.Infrastructure;
using Xunit;

namespace SpecGuard.Generators.Tests;

public sealed class DescriptorTests
{
    public static TheoryData<string> Ids() => [.. SpecDescriptors.All.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_agrees_with_its_rule_and_its_help_page_exists(string id)
    {
        DiagnosticDescriptor descriptor = SpecDescriptors.For(id);
        SpecRule rule = Assert.Single(SpecRules.All, r => r.Id == id);

        Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(rule.Category, descriptor.Category);
        Assert.Equal(rule.DefaultSeverity.ToString(), descriptor.DefaultSeverity.ToString());
        Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
        string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), page + " is missing");
        Assert.StartsWith("# " + id + ": " + rule.Title, File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_has_a_descriptor_and_every_descriptor_is_supported_by_an_analyzer()
    {
        var supported = new SpecFileAnalyzer().SupportedDiagnostics.Concat(new TraceabilityAnalyzer().SupportedDiagnostics).Concat(new LinkAnalyzer().SupportedDiagnostics).Select(d => d.Id).ToHashSet();

        Assert.Equal(SpecRules.All.Select(r => r.Id).Order(StringComparer.Ordinal), SpecDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(SpecDescriptors.All, d => Assert.Contains(d.Id, supported));
    }

    [Fact]
    public void Only_SPEC110_is_off_by_default()
    {
        Assert.Equal(["SPEC110"], SpecDescriptors.All.Where(d => !d.IsEnabledByDefault).Select(d => d.Id));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpecGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SpecGuard.sln not found");
    }
}
