using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Core;

namespace SpecGuard.Cli;

/// <summary>
/// A git repository as the CLI reads it: through the <c>git</c> executable (never a native library), read-only. The one
/// place the CLI starts git: <c>report --baseline-base</c>, <c>review</c> and <c>diff</c> all come here. Every command
/// is run with the user's configuration neutralised where it would change the output the CLI parses (quoted paths,
/// colours, external diff tools, prefixes, renames).
/// </summary>
internal sealed class GitRepository
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private GitRepository(string root) => Root = root;

    /// <summary>The work tree's root (links resolved, as git prints it).</summary>
    public string Root { get; }

    /// <summary>
    /// The repository that holds <paramref name="folder"/>. Throws <see cref="GitException"/> when git cannot be run or
    /// the folder is in no repository.
    /// </summary>
    public static GitRepository Open(string folder)
    {
        (int exit, string output, string error) = Run(folder, "rev-parse", "--show-toplevel");
        if (exit != 0)
        {
            throw new GitException($"{folder} is not in a git repository ({OneLine(error)}).");
        }

        return new GitRepository(Path.GetFullPath(output.Trim()));
    }

    /// <summary>Whether the repository is a shallow clone (history cut off: a base commit may be missing).</summary>
    public bool IsShallow => Git("rev-parse", "--is-shallow-repository").Output.Trim() == "true";

    /// <summary>The full commit ID <paramref name="revision"/> names, or null when it names no commit here.</summary>
    public string? ResolveCommit(string revision)
    {
        if (revision.Length == 0 || revision.StartsWith('-'))
        {
            return null; // never an option to git
        }

        (int exit, string output, _) = Git("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return exit == 0 ? output.Trim() : null;
    }

    /// <summary>The best common ancestor of two commits, or null when they share no history.</summary>
    public string? MergeBase(string first, string second)
    {
        (int exit, string output, _) = Git("merge-base", first, second);
        return exit == 0 && output.Trim().Length > 0 ? output.Trim() : null;
    }

    /// <summary>A commit's committer date (ISO 8601) and subject.</summary>
    public (DateTimeOffset Date, string Subject) CommitInfo(string commit)
    {
        (int exit, string output, _) = Git("log", "-1", "--format=%cI%n%s", commit);
        string[] lines = output.Split('\n');
        return exit == 0 && lines.Length >= 2 && DateTimeOffset.TryParse(lines[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTimeOffset date)
            ? (date, lines[1])
            : (DateTimeOffset.MinValue, string.Empty);
    }

    /// <summary>Every file of <paramref name="commit"/>'s tree (repository-relative, '/' separators), ordered.</summary>
    public List<string> FilesAt(string commit)
    {
        (int exit, byte[] output, string error) = RunBytes(Root, null, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit);
        if (exit != 0)
        {
            throw new GitException($"git ls-tree {commit} failed ({OneLine(error)}).");
        }

        var files = Utf8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The spec files of <paramref name="commit"/> under <paramref name="specRoots"/> (repository-relative folders or
    /// files; empty: the whole tree), each as <c>SpecTextEncoding</c> would read it from disk: the path is
    /// repository-relative. One git process for the list, one for all the contents.
    /// </summary>
    public List<SpecSource> SpecSourcesAt(string commit, IReadOnlyList<string> specRoots)
    {
        var paths = FilesAt(commit).Where(f => SpecContract.IsSpecFile(f) && Under(f, specRoots)).ToList();
        var sources = new List<SpecSource>(paths.Count);
        foreach ((string path, byte[]? bytes) in Blobs(commit, paths))
        {
            if (bytes is not null)
            {
                sources.Add(Core.Text.SpecTextEncoding.Decode(bytes, path));
            }
        }

        return sources;
    }

    /// <summary>
    /// The contents of <paramref name="paths"/> at <paramref name="commit"/>, in the order given, with one
    /// <c>git cat-file --batch</c> process; null for a path the commit does not have.
    /// </summary>
    public List<(string Path, byte[]? Bytes)> Blobs(string commit, IReadOnlyList<string> paths)
    {
        var result = new List<(string, byte[]?)>(paths.Count);
        if (paths.Count == 0)
        {
            return result;
        }

        // One request per line; a path with a line break cannot be asked for this way (git has no quoting here): none.
        var request = new StringBuilder();
        var asked = new List<string>();
        foreach (string path in paths)
        {
            if (path.IndexOfAny(['\n', '\r']) >= 0)
            {
                result.Add((path, null));
                continue;
            }

            request.Append(commit).Append(":./").Append(path).Append('\n');
            asked.Add(path);
        }

        (int exit, byte[] output, string error) = RunBytes(Root, Utf8.GetBytes(request.ToString()), "cat-file", "--batch");
        if (exit != 0)
        {
            throw new GitException($"git cat-file --batch failed ({OneLine(error)}).");
        }

        int position = 0;
        foreach (string path in asked)
        {
            int end = Array.IndexOf(output, (byte)'\n', position);
            if (end < 0)
            {
                throw new GitException("git cat-file --batch stopped early.");
            }

            string header = Encoding.ASCII.GetString(output, position, end - position);
            position = end + 1;
            string[] parts = header.Split(' ');
            if (parts.Length == 3 && parts[1] == "blob" && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size) && position + size <= output.Length)
            {
                result.Add((path, output.AsSpan(position, size).ToArray()));
                position += size + 1; // the content's trailing line feed
            }
            else
            {
                result.Add((path, null)); // "<name> missing", or a tree/submodule
            }
        }

        return result;
    }

    /// <summary>
    /// Streams the objects <paramref name="objectIds"/> (blob IDs) through one <c>git cat-file --batch</c>: each one's
    /// bytes (null when missing or not a blob) go to <paramref name="read"/> with its index as soon as they arrive, so
    /// the history of a large repository is never held in memory at once.
    /// </summary>
    public void StreamBlobs(IReadOnlyList<string> objectIds, Action<int, byte[]?> read)
    {
        if (objectIds.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("cat-file");
        start.ArgumentList.Add("--batch");
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("cannot run git.");
        }
        catch (Win32Exception exception)
        {
            throw new GitException($"the git executable cannot be run ({exception.Message}); install git and put it on PATH.");
        }

        using (process)
        {
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            var writing = System.Threading.Tasks.Task.Run(() =>
            {
                try
                {
                    using var input = new StreamWriter(process.StandardInput.BaseStream, Utf8) { NewLine = "\n" };
                    foreach (string id in objectIds)
                    {
                        input.WriteLine(id);
                    }
                }
                catch (IOException)
                {
                    // git exited early; its exit code and message say why.
                }
            });

            var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
            for (int i = 0; i < objectIds.Count; i++)
            {
                string? header = ReadLine(output) ?? throw new GitException("git cat-file --batch stopped early (" + OneLine(error.Result) + ").");
                string[] parts = header.Split(' ');
                if (parts.Length == 3 && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
                {
                    byte[] bytes = new byte[size];
                    output.ReadExactly(bytes);
                    _ = output.ReadByte(); // the content's trailing line feed
                    read(i, parts[1] == "blob" ? bytes : null);
                }
                else
                {
                    read(i, null); // "<id> missing"
                }
            }

            writing.Wait();
            process.WaitForExit();
        }
    }

    private static string? ReadLine(Stream stream)
    {
        var line = new List<byte>(64);
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add((byte)b);
        }
    }

    /// <summary>
    /// <c>git diff</c> between two commits as a unified diff without context lines, with renames found and every
    /// configuration that changes its shape switched off.
    /// </summary>
    public string Diff(string from, string to)
    {
        (int exit, string output, string error) = Git(
            "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "diff.relative=false",
            "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", from, to, "--");
        return exit == 0 ? output : throw new GitException($"git diff {from} {to} failed ({OneLine(error)}).");
    }

    /// <summary>Runs git in the repository root with <c>core.quotePath=false</c>.</summary>
    public (int Exit, string Output, string Error) Git(params string[] arguments) =>
        Run(Root, ["-c", "core.quotePath=false", .. arguments]);

    /// <summary>Whether <paramref name="path"/> is one of <paramref name="roots"/> or under one (all repository-relative); true without roots.</summary>
    public static bool Under(string path, IReadOnlyList<string> roots)
    {
        if (roots.Count == 0)
        {
            return true;
        }

        foreach (string root in roots)
        {
            string trimmed = root.TrimEnd('/');
            if (trimmed.Length == 0 || trimmed == "." || path == trimmed || path.StartsWith(trimmed + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs git in <paramref name="folder"/>; output decoded as UTF-8. Throws <see cref="GitException"/> when git cannot be started.</summary>
    public static (int Exit, string Output, string Error) Run(string folder, params string[] arguments)
    {
        (int exit, byte[] output, string error) = RunBytes(folder, null, arguments);
        return (exit, Utf8.GetString(output), error);
    }

    private static (int Exit, byte[] Output, string Error) RunBytes(string folder, byte[]? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never ask anything of a person (credentials, pagers): the CLI runs in CI with no input.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";

        try
        {
            using Process process = Process.Start(start) ?? throw new GitException("cannot run git.");
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            System.Threading.Tasks.Task? writing = null;
            if (input is not null)
            {
                writing = System.Threading.Tasks.Task.Run(() =>
                {
                    try
                    {
                        process.StandardInput.BaseStream.Write(input);
                        process.StandardInput.Close();
                    }
                    catch (IOException)
                    {
                        // git exited early; its exit code and message say why.
                    }
                });
            }

            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            writing?.Wait();
            return (process.ExitCode, output.ToArray(), error.Result);
        }
        catch (Win32Exception exception)
        {
            throw new GitException($"the git executable cannot be run ({exception.Message}); install git and put it on PATH.");
        }
    }

    internal static string OneLine(string text) => text.Trim().ReplaceLineEndings(" ");
}

/// <summary>A git problem, as a message for the user.</summary>
internal sealed class GitException : Exception
{
    public GitException(string message)
        : base(message)
    {
    }

    public GitException()
    {
    }

    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
