using System;
using System.IO;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Core.Tests;

public sealed class RuleDocsTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (SpecRule rule in SpecRules.All)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_its_help_page(string id)
    {
        SpecRule rule = Assert.Single(SpecRules.All, r => r.Id == id);
        string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");

        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith("# " + id + ": ", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.EndsWith("/docs/rules/" + id + ".md", rule.HelpLink, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
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
