using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>The project URL is set once (PackageProjectUrl in Directory.Build.props) and every link is built from it.</summary>
public sealed class ProjectLinksTests
{
    private static readonly string[] TextExtensions = [".cs", ".csproj", ".props", ".targets", ".md", ".json", ".yaml", ".yml", ".sh", ".config", ".globalconfig", ".editorconfig", ".txt", ".html", ".xml"];

    [Fact]
    public void The_generated_constant_is_the_package_project_url()
    {
        XDocument props = XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        string url = Assert.Single(props.Descendants("PackageProjectUrl")).Value.Trim();

        Assert.Equal(ProjectLinks.ProjectUrl, url);
        Assert.StartsWith(url + "/", SpecRules.HelpLinkBase, StringComparison.Ordinal);
        Assert.All(SpecRules.All, rule => Assert.Equal(url + "/blob/main/docs/rules/" + rule.Id + ".md", rule.HelpLink));
        Assert.Contains("# The format: " + url + "/blob/main/docs/spec-format.md", InitCommand.ExampleSpec, StringComparison.Ordinal);
    }

    /// <summary>Regression: the URL was a literal in SpecRules.cs and in InitCommand.cs; it must not drift again.</summary>
    [Fact]
    public void No_file_but_Directory_Build_props_carries_the_url()
    {
        string root = RepositoryRoot();
        string literal = new Uri(ProjectLinks.ProjectUrl).Host + new Uri(ProjectLinks.ProjectUrl).AbsolutePath.TrimEnd('/'); // github.com/owner/name

        string[] carriers = [.. Files(root)
            .Where(f => File.ReadAllText(f).Contains(literal, StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

        Assert.Equal(["Directory.Build.props"], carriers);
    }

    private static System.Collections.Generic.IEnumerable<string> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (string file in Directory.EnumerateFiles(root, "*", options))
        {
            // Text files by extension, plus dotfiles and extensionless scripts (.ci/run).
            if (TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) || Path.GetExtension(file).Length == 0 || Path.GetFileName(file).StartsWith('.'))
            {
                yield return file;
            }
        }

        foreach (string folder in Directory.EnumerateDirectories(root, "*", options))
        {
            string name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or ".git" or "artifacts" or ".packages" or "TestResults" or "BenchmarkDotNet.Artifacts" or "node_modules")
            {
                continue; // build output (ProjectLinks.g.cs lives in obj/) and caches, not sources
            }

            foreach (string file in Files(folder))
            {
                yield return file;
            }
        }
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

        throw new InvalidOperationException("SpecGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
