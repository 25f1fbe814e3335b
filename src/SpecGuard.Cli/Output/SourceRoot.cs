using System;
using System.ComponentModel;
using System.IO;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Output;

/// <summary>The folder SARIF locations are relative to (<c>%SRCROOT%</c>): the git repository root, else the current directory.</summary>
internal static class SourceRoot
{
    /// <summary>
    /// The root of the git repository <paramref name="currentDirectory"/> is in (<c>git rev-parse --show-toplevel</c>),
    /// spelled as <paramref name="currentDirectory"/> spells it (git prints it with symbolic links resolved); the current
    /// directory itself when git cannot be run or it is not in a repository. Never throws.
    /// </summary>
    public static string Find(string currentDirectory)
    {
        string current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(currentDirectory));
        try
        {
            (int exit, string output, _) = GitBaselineBase.Git(current, "rev-parse", "--show-toplevel");
            string top = output.Trim();
            if (exit != 0 || top.Length == 0 || top.Contains('\n', StringComparison.Ordinal))
            {
                return current;
            }

            string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(top));
            foreach (string spelling in new[] { current, RealPath(current) })
            {
                string relative = Path.GetRelativePath(root, spelling);
                if (relative == ".")
                {
                    return current;
                }

                if (!Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    // As many levels up from the current directory as it is below the root.
                    int depth = relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Length;
                    string up = current;
                    for (int i = 0; i < depth; i++)
                    {
                        up = Path.GetDirectoryName(up) ?? up;
                    }

                    // A link in the middle of the path makes the levels differ: then git's spelling.
                    return string.Equals(RealPath(up), RealPath(root), StringComparison.Ordinal) ? up : root;
                }
            }

            return current;
        }
        catch (Exception exception) when (exception is GitBaseException or Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return current;
        }
    }

    /// <summary>The path with every symbolic link on the way resolved.</summary>
    private static string RealPath(string fullPath)
    {
        string root = Path.GetPathRoot(fullPath) ?? string.Empty;
        string current = root;
        foreach (string part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Path.GetFullPath(target.FullName);
            }
        }

        return current;
    }
}
