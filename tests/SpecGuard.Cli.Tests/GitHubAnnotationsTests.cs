using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Output;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>GitHub Actions workflow commands for results (<see cref="GitHubAnnotations"/>).</summary>
public sealed class GitHubAnnotationsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "specguard-ws");

    private static string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string[] Lines(IReadOnlyList<CodeScanResult> results, string? root = null)
    {
        using var writer = new StringWriter();
        GitHubAnnotations.Write(writer, results, root ?? Root);
        string text = writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Annotations_are_on_only_when_GITHUB_ACTIONS_is_true(string? value, bool enabled)
    {
        Assert.Equal(enabled, GitHubAnnotations.IsEnabled(name => name == "GITHUB_ACTIONS" ? value : "true"));
    }

    [Fact]
    public void The_workspace_is_GITHUB_WORKSPACE_when_set_else_the_fallback()
    {
        string workspace = Path.Combine(Path.GetTempPath(), "work", "repo");

        Assert.Equal(workspace, GitHubAnnotations.WorkspaceRoot(Environment(("GITHUB_WORKSPACE", workspace)), Root));
        Assert.Equal(Root, GitHubAnnotations.WorkspaceRoot(Environment(), Root));
        Assert.Equal(Root, GitHubAnnotations.WorkspaceRoot(Environment(("GITHUB_WORKSPACE", "relative/path")), Root));
    }

    [Fact]
    public void One_command_per_result_with_file_line_endLine_col_and_title()
    {
        string[] lines = Lines(
        [
            new CodeScanResult("SPEC002", ResultLevel.Error, "Unknown key 'thne'.", Full("specs/orders.spec.yaml"), 7, null, 5),
            new CodeScanResult("specguard/criterion-untraced", ResultLevel.Warning, "ORDERS-007 is untraced.", Full("specs/orders.spec.yaml"), 30, 32, 9),
            new CodeScanResult("specguard/criterion-pending", ResultLevel.Note, "ORDERS-004 is pending.", Full("specs/orders.spec.yaml"), 20),
        ]);

        Assert.Equal(
            [
                "::error file=specs/orders.spec.yaml,line=7,col=5,title=SPEC002::Unknown key 'thne'.",
                "::notice file=specs/orders.spec.yaml,line=20,title=specguard/criterion-pending::ORDERS-004 is pending.",
                "::warning file=specs/orders.spec.yaml,line=30,endLine=32,col=9,title=specguard/criterion-untraced::ORDERS-007 is untraced.",
            ],
            lines);
    }

    [Fact]
    public void Data_escapes_percent_CR_and_LF_and_properties_also_colon_and_comma()
    {
        string[] lines = Lines([new CodeScanResult("x:y,z", ResultLevel.Warning, "100% sure:\r\nline two, ::error::not a command", Full("specs/a,b: 50%/c.spec.yaml"), 1)]);

        Assert.Equal(
            "::warning file=specs/a%2Cb%3A 50%25/c.spec.yaml,line=1,title=x%3Ay%2Cz::100%25 sure:%0D%0Aline two, ::error::not a command",
            Assert.Single(lines));
    }

    [Fact]
    public void The_escapes_are_those_of_the_toolkit()
    {
        Assert.Equal("a%25b%0Dc%0Ad:e,f", GitHubAnnotations.EscapeData("a%b\rc\nd:e,f"));
        Assert.Equal("a%25b%0Dc%0Ad%3Ae%2Cf", GitHubAnnotations.EscapeProperty("a%b\rc\nd:e,f"));
        Assert.Equal("%2525", GitHubAnnotations.EscapeData("%25")); // '%' first: an escape in the text is not decoded by the runner
    }

    [Fact]
    public void A_result_outside_the_workspace_or_without_a_path_has_no_file_and_its_path_leads_the_message()
    {
        string outside = Path.Combine(Path.GetTempPath(), "elsewhere", "A.cs");
        string[] lines = Lines(
        [
            new CodeScanResult("SPEC100", ResultLevel.Warning, "untraced", outside, 4, null, 2),
            new CodeScanResult("SPEC902", ResultLevel.Warning, "no spec files", null, null),
        ]);

        Assert.Equal(
            [
                "::warning title=SPEC902::no spec files",
                "::warning title=SPEC100::" + GitHubAnnotations.EscapeData(outside) + "(4): untraced",
            ],
            lines);
    }

    [Fact]
    public void The_order_is_that_of_the_SARIF_log_whatever_the_input_order()
    {
        CodeScanResult[] results =
        [
            new("SPEC100", ResultLevel.Warning, "b", Full("src/B.cs"), 10),
            new("SPEC100", ResultLevel.Warning, "a", Full("src/B.cs"), 10),
            new("SPEC100", ResultLevel.Error, "c", Full("src/A.cs"), 99),
            new("SPEC902", ResultLevel.Warning, "nowhere", null, null),
        ];
        string[] expected = Lines(results);

        Assert.Equal(
            [
                "::warning title=SPEC902::nowhere",
                "::error file=src/A.cs,line=99,title=SPEC100::c",
                "::warning file=src/B.cs,line=10,title=SPEC100::a",
                "::warning file=src/B.cs,line=10,title=SPEC100::b",
            ],
            expected);
        Assert.Equal(expected, Lines([.. results.Reverse()]));
        Assert.Equal(expected, Lines([results[2], results[0], results[3], results[1]]));
    }

    [Fact]
    public void At_most_ten_of_each_level_are_written_and_one_line_says_how_many_were_left_out()
    {
        var results = new List<CodeScanResult>();
        for (int i = 1; i <= 13; i++)
        {
            results.Add(new CodeScanResult("SPEC100", ResultLevel.Warning, "w" + i, Full("src/A.cs"), i));
        }

        for (int i = 1; i <= 12; i++)
        {
            results.Add(new CodeScanResult("SPEC001", ResultLevel.Note, "n" + i, Full("src/B.cs"), i));
        }

        results.Add(new CodeScanResult("SPEC002", ResultLevel.Error, "e", Full("src/C.cs"), 1));

        string[] lines = Lines(results);

        Assert.Equal(GitHubAnnotations.MaxPerLevel, lines.Count(static l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Equal(GitHubAnnotations.MaxPerLevel, lines.Count(static l => l.StartsWith("::notice ", StringComparison.Ordinal)));
        Assert.Single(lines, static l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains("::warning file=src/A.cs,line=10,title=SPEC100::w10", lines);
        Assert.DoesNotContain("::warning file=src/A.cs,line=11,title=SPEC100::w11", lines);
        Assert.Equal(
            "specguard: 5 more result(s) not annotated (3 warning(s), 2 notice(s)): GitHub shows at most 10 annotations of each level per step; the command's output lists them all.",
            lines[^1]);
        Assert.DoesNotContain("::", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void No_results_write_nothing()
    {
        using var writer = new StringWriter();
        GitHubAnnotations.Write(writer, [], Root);

        Assert.Equal(string.Empty, writer.ToString());
    }
}
