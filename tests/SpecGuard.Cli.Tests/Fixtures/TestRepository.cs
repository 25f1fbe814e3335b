using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>
/// A real git repository in a temporary folder, for the commands that read git history (diff, review, flow): files
/// written, committed with fixed dates, branches, merges. Every git call must succeed; deleted on dispose.
/// </summary>
internal sealed class TestRepository : IDisposable
{
    private int _commits;

    public TestRepository(string prefix = "specguard-git-")
    {
        Root = Path.GetFullPath(Directory.CreateTempSubdirectory(prefix).FullName);
        Git("init", "-q", "-b", "main");
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public TestRepository Write(string relative, string text)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return this;
    }

    public TestRepository Delete(string relative)
    {
        File.Delete(PathOf(relative));
        return this;
    }

    public TestRepository Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(to))!);
        Git("mv", from, to);
        return this;
    }

    /// <summary>Stages everything and commits, dated one day after the previous commit (from 2026-01-01); returns the commit ID.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        string date = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(_commits++).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        Git(["commit", "-q", "--allow-empty", "-m", message], ("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date));
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments) => Git(arguments, []);

    public string Git(string[] arguments, params (string Name, string Value)[] environment) => Run(Root, arguments, environment);

    /// <summary>Runs git in <paramref name="folder"/> as a test author (fixed name and e-mail, no signing); the call must succeed; its output.</summary>
    public static string Run(string folder, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(' ', arguments) + ": " + error.Result);
        return output;
    }

    public void Dispose()
    {
        try
        {
            // git writes read-only object files.
            foreach (string file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not a test failure.
        }
    }
}
