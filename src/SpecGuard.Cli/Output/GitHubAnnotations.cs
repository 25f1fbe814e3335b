using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace SpecGuard.Cli.Output;

/// <summary>
/// Writes <see cref="CodeScanResult"/>s as GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>), which
/// the runner turns into annotations on the run and the pull request's changed files.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Escaping as the runner unescapes (and as actions/toolkit's <c>command.ts</c> escapes): in the message (data)
/// <c>%</c>, CR and LF become <c>%25</c>, <c>%0D</c>, <c>%0A</c>; in a property also <c>:</c> and <c>,</c> become
/// <c>%3A</c>, <c>%2C</c>.</item>
/// <item>Paths relative to the workspace (<see cref="WorkspaceRoot"/>) with '/'; a result outside it, or without a path,
/// is annotated without <c>file</c> (GitHub can only place files of the repository), its path then leading the message.</item>
/// <item>GitHub shows at most <see cref="MaxPerLevel"/> error, warning and notice annotations each per step (and 50 per
/// job) and drops the rest silently. So at most that many of each level are written, in <see cref="CodeScanResult.Ordered"/>
/// order, and one plain line (not a command) says how many were left out, so the cap is never silent; the command's own
/// output (and its SARIF for code scanning, which has no such limit) has them all.</item>
/// </list>
/// The runner reads workflow commands from a step's stdout and stderr alike; the commands write them to stderr, so that
/// stdout stays what <c>--format</c> says (JSON or SARIF stays parseable).
/// </remarks>
internal static class GitHubAnnotations
{
    /// <summary>Annotations of one level that GitHub shows per step (its documented limit).</summary>
    public const int MaxPerLevel = 10;

    /// <summary>True in a GitHub Actions job: <c>GITHUB_ACTIONS</c> is <c>true</c>.</summary>
    /// <param name="environment">Reads an environment variable (tests pass their own; the tool passes the process's).</param>
    public static bool IsEnabled(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.Ordinal);
    }

    /// <summary>The folder annotation paths are relative to: <c>GITHUB_WORKSPACE</c> when set, else <paramref name="fallback"/>.</summary>
    public static string WorkspaceRoot(Func<string, string?> environment, string fallback)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("GITHUB_WORKSPACE") is { Length: > 0 } workspace && Path.IsPathFullyQualified(workspace) ? workspace : fallback;
    }

    /// <summary>One workflow command per result (capped per level, see the class remarks).</summary>
    /// <param name="writer">Where the lines go (stderr in the commands).</param>
    /// <param name="results">In any order.</param>
    /// <param name="workspaceRoot">The folder <c>file=</c> paths are relative to (<see cref="WorkspaceRoot"/>).</param>
    public static void Write(TextWriter writer, IReadOnlyList<CodeScanResult> results, string workspaceRoot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceRoot));
        var written = new Dictionary<ResultLevel, int>();
        var left = new SortedDictionary<ResultLevel, int>();
        foreach (CodeScanResult result in CodeScanResult.Ordered(results))
        {
            int count = written.GetValueOrDefault(result.Level);
            if (count >= MaxPerLevel)
            {
                left[result.Level] = left.GetValueOrDefault(result.Level) + 1;
                continue;
            }

            written[result.Level] = count + 1;
            writer.Write(Line(result, root));
            writer.Write('\n');
        }

        if (left.Count > 0)
        {
            int total = left.Values.Sum();
            string parts = string.Join(", ", left.Select(static p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} {Command(p.Key)}(s)")));
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"specguard: {total} more result(s) not annotated ({parts}): GitHub shows at most {MaxPerLevel} annotations of each level per step; the command's output lists them all.\n"));
        }
    }

    /// <summary>The workflow command of one result, without a line end.</summary>
    internal static string Line(CodeScanResult result, string workspaceRoot)
    {
        var text = new StringBuilder("::").Append(Command(result.Level));
        string? file = result.Path is { } path ? Relative(path, workspaceRoot) : null;
        var properties = new List<string>();
        string message = SarifLogWriter.Clean(result.Message);
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
            if (result.Line is >= 1 and int line)
            {
                properties.Add(string.Create(CultureInfo.InvariantCulture, $"line={line}"));
                if (result.EndLine is int endLine && endLine >= line)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"endLine={endLine}"));
                }

                if (result.Column is >= 1 and int column)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"col={column}"));
                }
            }
        }
        else if (result.Path is { } outside)
        {
            message = SarifLogWriter.Clean(outside) + (result.Line is >= 1 and int line ? string.Create(CultureInfo.InvariantCulture, $"({line})") : string.Empty) + ": " + message;
        }

        properties.Add("title=" + EscapeProperty(SarifLogWriter.Clean(result.RuleId)));
        text.Append(' ').AppendJoin(',', properties);
        return text.Append("::").Append(EscapeData(message)).ToString();
    }

    /// <summary>The command of a level: <c>error</c>, <c>warning</c>, <c>notice</c>.</summary>
    public static string Command(ResultLevel level) => level switch
    {
        ResultLevel.Error => "error",
        ResultLevel.Warning => "warning",
        _ => "notice",
    };

    /// <summary>A command's data (the message): <c>%</c>, CR, LF percent-encoded.</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A command's property value: as <see cref="EscapeData"/>, and <c>:</c>, <c>,</c> too.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>The path relative to the root with '/', or null when it is not under the root.</summary>
    private static string? Relative(string path, string root)
    {
        try
        {
            string relative = Path.GetRelativePath(root, Path.GetFullPath(path, root));
            if (relative == "." || relative == ".." || Path.IsPathRooted(relative)
                || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith(".." + Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
            {
                return null;
            }

            return SarifLogWriter.Clean(Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/'));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}
