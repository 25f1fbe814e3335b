using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace SpecGuard.Cli.Report;

/// <summary>
/// The baseline files at a git revision (<c>specguard report --baseline-base REF</c>), read with the <c>git</c> executable:
/// <c>git rev-parse</c> finds the repository and checks the revision, <c>git cat-file -e</c> whether the file existed
/// there, <c>git show REF:path</c> its text. Nothing is checked out or changed.
/// </summary>
internal sealed class GitBaselineBase
{
    private readonly string _revision;
    private readonly Dictionary<string, string> _checkedRoots = new(StringComparer.Ordinal);

    public GitBaselineBase(string revision) => _revision = revision;

    /// <summary>
    /// The text of <paramref name="file"/> (a full path) at the revision; null when the file did not exist there.
    /// Throws <see cref="GitBaseException"/> (a message for the user) when the folder is not in a git repository, the
    /// revision is not a commit there, or git cannot be run.
    /// </summary>
    public string? TextAt(string file)
    {
        string folder = Path.GetDirectoryName(file)!;
        string root = RootOf(folder);
        string relative = Path.GetRelativePath(root, ResolveLinks(file)).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new GitBaseException($"'{file}' is outside the git repository at {root}.");
        }

        string spec = _revision + ":" + relative;
        if (Git(root, "cat-file", "-e", spec).Exit != 0)
        {
            return null;
        }

        (int exit, string output, string error) = Git(root, "show", spec);
        return exit == 0 ? output : throw new GitBaseException($"git show {spec} failed: {error.Trim()}");
    }

    private string RootOf(string folder)
    {
        if (_checkedRoots.TryGetValue(folder, out string? known))
        {
            return known;
        }

        (int exit, string output, string error) = Git(folder, "rev-parse", "--show-toplevel");
        if (exit != 0)
        {
            throw new GitBaseException($"--baseline-base needs the baseline files in a git repository, and {folder} is not in one ({OneLine(error)}).");
        }

        string root = Path.GetFullPath(output.Trim());
        if (Git(root, "rev-parse", "--verify", "--quiet", _revision + "^{commit}").Exit != 0)
        {
            throw new GitBaseException($"--baseline-base '{_revision}' is not a commit of the git repository at {root} (a branch, tag or commit; in CI fetch it first, e.g. git fetch origin main, and pass origin/main).");
        }

        _checkedRoots[folder] = root;
        return root;
    }

    /// <summary>git prints the repository root with links resolved; the file's path is resolved the same way.</summary>
    private static string ResolveLinks(string file)
    {
        try
        {
            return Path.Combine(RealPath(Path.GetDirectoryName(file)!), Path.GetFileName(file));
        }
        catch (IOException)
        {
            return file;
        }
    }

    private static string RealPath(string folder)
    {
        // Each part of the path, links resolved (e.g. /tmp -> /private/tmp on macOS).
        string full = Path.GetFullPath(folder);
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
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

    internal static (int Exit, string Output, string Error) Git(string folder, params string[] arguments)
    {
        try
        {
            return GitRepository.Run(folder, arguments);
        }
        catch (GitException exception)
        {
            throw new GitBaseException("--baseline-base needs git: " + exception.Message);
        }
    }

    private static string OneLine(string text) => text.Trim().ReplaceLineEndings(" ");
}

/// <summary>Why the baselines could not be compared with <c>--baseline-base</c>: a message for the user.</summary>
internal sealed class GitBaseException : Exception
{
    public GitBaseException(string message)
        : base(message)
    {
    }

    public GitBaseException()
    {
    }

    public GitBaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
