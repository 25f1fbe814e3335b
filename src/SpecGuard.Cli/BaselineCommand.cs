using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;
using SpecGuard.Core;
using SpecGuard.Core.Baseline;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Cli;

/// <summary>The outcome of the build <c>specguard baseline</c> runs.</summary>
/// <param name="Exit">The process's exit code.</param>
/// <param name="Output">Its standard output and error, interleaved as written.</param>
internal sealed record BuildResult(int Exit, string Output);

/// <summary>
/// Runs the build of <c>specguard baseline</c>: <c>dotnet build TARGET ARGS...</c> in <paramref name="workingDirectory"/>.
/// A delegate so that tests can stand in for the build and write the SARIF logs a real one would.
/// </summary>
internal delegate BuildResult BuildRunner(string target, IReadOnlyList<string> arguments, string workingDirectory);

/// <summary>
/// <c>specguard baseline [PROJECT|SOLUTION]</c>: records every current SPEC100/SPEC101 finding in each project's
/// <see cref="SpecContract.BaselineFileName"/>. The analyzers decide what is untraced: the command builds with
/// <c>-p:SpecGuardEnforce=report</c> (each project's compiler writes its findings to obj/.../&lt;Project&gt;.specguard.sarif)
/// and <c>-p:SpecGuardBaseline=false</c> (the current baseline is left out of the compile, so every finding shows), then
/// copies the symbol key each finding carries (<see cref="SpecContract.SymbolKeyProperty"/>). All or nothing: no file is
/// written unless every log was read, matched to its project, and every finding had a key.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_008)]
internal static class BaselineCommand
{
    private const string LogSuffix = ".specguard.sarif";

    private static readonly string[] ProjectExtensions = [".csproj", ".vbproj", ".fsproj"];

    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];

    private static readonly string[] BaselineRules = [SpecRuleIds.UntracedPublicApi, SpecRuleIds.UntracedHandler];

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory, BuildRunner build)
    {
        var target = new Argument<string?>("PROJECT|SOLUTION")
        {
            Description = "The project or solution file to build, or a folder holding exactly one (default: the current folder, as dotnet build picks it).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration (passed to dotnet build; default: the project's, usually Debug).",
            HelpName = "C",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 when a baseline file would change (the baseline is not what the code says).",
        };
        var command = new Command("baseline", "Record every current SPEC100/SPEC101 finding in each project's SpecGuard.Baseline.txt (builds with dotnet build; the analyzers decide what is untraced). New code is then held to the specs; the recorded debt only shrinks.")
        {
            target,
            configuration,
            check,
        };
        command.SetAction(parse => Run(parse.GetValue(target), parse.GetValue(configuration), parse.GetValue(check), output, error, currentDirectory, build));
        return command;
    }

    /// <summary>The real build: the <c>dotnet</c> executable, output captured and returned.</summary>
    public static BuildResult DotnetBuild(string target, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(target);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var text = new StringBuilder();
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return new BuildResult(process.ExitCode, text.ToString());
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new BuildResult(-1, "cannot run 'dotnet' (" + exception.Message + "); is the .NET SDK installed and on PATH?\n");
        }
    }

    public static int Run(string? target, string? configuration, bool check, TextWriter output, TextWriter error, string currentDirectory, BuildRunner build)
    {
        const string Prefix = "specguard baseline: ";
        string? buildFile = ResolveTarget(target, currentDirectory, out string? problem);
        if (buildFile is null)
        {
            return CommandLine.Fail(error, Prefix + problem);
        }

        // Logs are found under the target's folder. Those of an earlier build (another configuration, a target framework
        // the project no longer has, a project no longer in the solution) are deleted first, so that every log read
        // afterwards was written by this build.
        string root = Path.GetDirectoryName(buildFile)!;
        foreach (string stale in FindLogs(root))
        {
            try
            {
                File.Delete(stale);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return CommandLine.Fail(error, Prefix + $"cannot delete the old findings log '{CommandLine.Display(stale, currentDirectory)}' ({exception.Message}); nothing was changed.");
            }
        }

        List<string> arguments = ["-nologo", "-p:SpecGuardEnforce=report", "-p:" + SpecContract.BaselineMSBuildProperty + "=false"];
        if (configuration is { Length: > 0 })
        {
            arguments.AddRange(["-c", configuration]);
        }

        string shownTarget = CommandLine.Display(buildFile, currentDirectory);
        output.WriteLine($"Building {shownTarget} (dotnet build {string.Join(' ', arguments)}) ...");
        BuildResult result = build(buildFile, arguments, currentDirectory);
        if (result.Exit != 0)
        {
            error.Write(result.Output);
            return CommandLine.Fail(error, Prefix + string.Create(CultureInfo.InvariantCulture, $"dotnet build {shownTarget} failed (exit {result.Exit}; its output is above); no baseline was changed. The baseline records the findings of a build that compiles: fix the errors, then run specguard baseline again."));
        }

        return Record(root, check, output, error, currentDirectory);
    }

    /// <summary>After the build: reads the logs under <paramref name="root"/> and writes (or checks) each project's baseline.</summary>
    internal static int Record(string root, bool check, TextWriter output, TextWriter error, string currentDirectory)
    {
        const string Prefix = "specguard baseline: ";
        List<string> logs = FindLogs(root);
        if (logs.Count == 0)
        {
            error.WriteLine(Prefix + $"the build wrote no SpecGuard findings log (obj/.../<Project>{LogSuffix}) under {CommandLine.Display(root, currentDirectory)}; no baseline was changed. Do the projects reference the SpecGuard package (a version with baselines)? A project that sets its own ErrorLog writes its findings there instead, and is not baselined.");
            return CommandLine.Problems;
        }

        var problems = new List<string>();
        var projects = new SortedDictionary<string, ProjectFindings>(StringComparer.Ordinal);
        List<string>? allProjectFiles = null;
        foreach (string log in logs)
        {
            string shownLog = CommandLine.Display(log, currentDirectory);
            SarifReadResult read = SarifReader.Read(log);
            if (read.Problem is not null)
            {
                problems.Add(shownLog + ": " + read.Problem);
                continue;
            }

            string name = Path.GetFileName(log)[..^LogSuffix.Length];
            string? project = ProjectOf(log, name, root, ref allProjectFiles, out string? ambiguity);
            if (project is null)
            {
                problems.Add(shownLog + ": " + ambiguity);
                continue;
            }

            if (!projects.TryGetValue(project, out ProjectFindings? findings))
            {
                projects.Add(project, findings = new ProjectFindings());
            }

            findings.Logs++;
            findings.NoSpecs |= read.Findings.Any(static f => f.Id == SpecRuleIds.NoSpecFiles);
            foreach (SpecFinding finding in read.Findings)
            {
                // SPEC106 is hidden, and csc logs no hidden diagnostic: this sees a build that applied a baseline only where
                // SPEC106's severity was raised. SpecGuardBaseline=false is what keeps the baseline out.
                if (finding.Id == SpecRuleIds.Baselined)
                {
                    problems.Add(shownLog + ": the build still applied a baseline (SPEC106 was reported), so the findings it hides are not in the log. The SpecGuard package of this project ignores -p:" + SpecContract.BaselineMSBuildProperty + "=false (update it to this tool's version), or the project lists its baseline file itself; remove that item.");
                    break;
                }

                if (!BaselineRules.Contains(finding.Id, StringComparer.Ordinal))
                {
                    continue;
                }

                if (finding.Key is not { } key || !SpecBaseline.IsValidKey(key))
                {
                    SpecFinding shown = finding.Path is { } path && Path.IsPathRooted(path) ? finding with { Path = CommandLine.Display(path, currentDirectory) } : finding;
                    findings.MissingKeys.Add(OneLine(shown.Text));
                    continue;
                }

                findings.Entries.Add((finding.Id, key));
            }
        }

        // The analyzers give every project in a folder that folder's baseline file: two projects there cannot each have one.
        foreach (IGrouping<string, string> shared in projects.Keys.GroupBy(static p => Path.GetDirectoryName(p)!, StringComparer.Ordinal).Where(static g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", shared.Select(Path.GetFileName))} share the folder {CommandLine.Display(shared.Key, currentDirectory)}, and a project's baseline is the {SpecContract.BaselineFileName} in its folder, so they cannot each have one. Move one project to a folder of its own.");
        }

        string[] keyless = [.. projects.Values.SelectMany(static p => p.MissingKeys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (keyless.Length > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{keyless.Length} SPEC100/SPEC101 finding(s) carry no symbol key ({SpecContract.SymbolKeyProperty}): the SpecGuard package the projects use is older than baselines. Update the package to this tool's version. E.g.: {keyless[0]}"));
        }

        if (problems.Count > 0)
        {
            foreach (string line in problems)
            {
                error.WriteLine(Prefix + line);
            }

            error.WriteLine(Prefix + "no baseline was changed.");
            return CommandLine.Problems;
        }

        // Every change is decided before any file is touched, so that the summary and --check agree with what is written.
        var changes = new List<(string Path, string? Text)>();
        var summary = new List<string>();
        int total = 0, added = 0, removed = 0;
        foreach (var (project, findings) in projects)
        {
            string name = Path.GetFileNameWithoutExtension(project);
            string folder = Path.GetDirectoryName(project)!;
            string file = Path.Combine(folder, SpecContract.BaselineFileName);
            string shown = CommandLine.Display(file, currentDirectory);
            string? oldText = ReadIfExists(file, out string? readProblem);
            if (readProblem is not null)
            {
                error.WriteLine(Prefix + $"cannot read '{shown}' ({readProblem}); no baseline was changed.");
                return CommandLine.Problems;
            }

            if (findings.NoSpecs)
            {
                summary.Add($"  {name}: no spec file reaches it (SPEC902), so SpecGuard checked nothing; {(oldText is null ? "no baseline written" : shown + " left as it is")}");
                continue;
            }

            IReadOnlyList<(string Rule, string Key)> entries = SpecBaseline.Sorted(findings.Entries);
            var before = oldText is null ? new HashSet<(string, string)>() : SpecBaseline.Parse(file, oldText).Entries.Select(static e => (e.Rule, e.Key)).ToHashSet();
            int plus = entries.Count(e => !before.Contains(e));
            int minus = before.Count(e => !entries.Contains(e));
            total += entries.Count;
            added += plus;
            removed += minus;
            if (entries.Count == 0)
            {
                if (oldText is not null)
                {
                    changes.Add((file, null));
                    summary.Add(string.Create(CultureInfo.InvariantCulture, $"  {name}: no untraced code; {shown} deleted (-{minus})"));
                }
                else
                {
                    summary.Add($"  {name}: no untraced code, no baseline");
                }

                continue;
            }

            string text = SpecBaseline.Write(name, entries);
            string state = oldText is null ? "created" : oldText == text ? "unchanged" : "updated";
            if (oldText != text)
            {
                changes.Add((file, text));
            }

            summary.Add(string.Create(CultureInfo.InvariantCulture, $"  {name}: {shown} {state}, {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")} (+{plus} -{minus}; {entries.Count(static e => e.Rule == SpecRuleIds.UntracedPublicApi)} SPEC100, {entries.Count(static e => e.Rule == SpecRuleIds.UntracedHandler)} SPEC101)"));
        }

        // Baselines of projects that wrote no log are not touched, and said so.
        var mapped = new HashSet<string>(projects.Keys.Select(static p => Path.GetDirectoryName(p)!), StringComparer.Ordinal);
        foreach (string orphan in FindFiles(root, static f => string.Equals(Path.GetFileName(f), SpecContract.BaselineFileName, StringComparison.Ordinal)).Where(f => !mapped.Contains(Path.GetDirectoryName(f)!)))
        {
            summary.Add($"  {CommandLine.Display(orphan, currentDirectory)}: left as it is (no project in its folder wrote a findings log in this build)");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{projects.Count} project(s), {total} baseline entr{(total == 1 ? "y" : "ies")} (+{added} -{removed}){(check ? " (--check: nothing written)" : string.Empty)}:"));
        foreach (string line in summary)
        {
            output.WriteLine(line);
        }

        if (check)
        {
            if (changes.Count == 0)
            {
                return CommandLine.Ok;
            }

            error.WriteLine(Prefix + string.Create(CultureInfo.InvariantCulture, $"{changes.Count} baseline file(s) differ from the current findings (--check): {string.Join(", ", changes.Select(c => CommandLine.Display(c.Path, currentDirectory)))}. Run specguard baseline and commit the result."));
            return CommandLine.Problems;
        }

        foreach (var (path, text) in changes)
        {
            try
            {
                if (text is null)
                {
                    File.Delete(path);
                }
                else
                {
                    File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(Prefix + $"cannot write '{CommandLine.Display(path, currentDirectory)}' ({exception.Message}).");
                return CommandLine.Problems;
            }
        }

        return CommandLine.Ok;
    }

    /// <summary>The file dotnet build would build: <paramref name="target"/> itself, or in a folder the one solution (else the one project), as MSBuild picks it.</summary>
    internal static string? ResolveTarget(string? target, string currentDirectory, out string? problem)
    {
        problem = null;
        string full = Path.GetFullPath(target ?? ".", currentDirectory);
        if (File.Exists(full))
        {
            if (IsBuildFile(full, SolutionExtensions) || IsBuildFile(full, ProjectExtensions))
            {
                return full;
            }

            problem = $"'{target}' is not a project or solution file (.csproj, .vbproj, .fsproj, .sln, .slnx).";
            return null;
        }

        if (!Directory.Exists(full))
        {
            problem = $"'{target}' is not a file or folder.";
            return null;
        }

        string[] files = [.. Directory.EnumerateFiles(full).Order(StringComparer.Ordinal)];
        string[] solutions = [.. files.Where(static f => IsBuildFile(f, SolutionExtensions))];
        string[] projectFiles = [.. files.Where(static f => IsBuildFile(f, ProjectExtensions))];
        string where = target is null ? "the current folder" : $"'{target}'";
        // MSBuild's rule: one solution wins, except over one project of another name (then it is ambiguous).
        if (solutions.Length == 1 && projectFiles.Length == 1 && !string.Equals(Path.GetFileNameWithoutExtension(solutions[0]), Path.GetFileNameWithoutExtension(projectFiles[0]), StringComparison.OrdinalIgnoreCase))
        {
            problem = $"{where} holds a solution and a project file of another name ({Path.GetFileName(solutions[0])}, {Path.GetFileName(projectFiles[0])}), which dotnet build refuses to choose between; name the one to baseline: specguard baseline {Path.GetFileName(solutions[0])}";
            return null;
        }

        if (solutions.Length == 1)
        {
            return solutions[0];
        }

        if (solutions.Length > 1)
        {
            problem = $"{where} holds several solution files ({string.Join(", ", solutions.Select(Path.GetFileName))}); name the one to baseline: specguard baseline {Path.GetFileName(solutions[0])}";
            return null;
        }

        if (projectFiles.Length == 1)
        {
            return projectFiles[0];
        }

        problem = projectFiles.Length == 0
            ? $"{where} holds no solution or project file (.sln, .slnx, .csproj, .vbproj, .fsproj); name one: specguard baseline path/to/App.sln"
            : $"{where} holds several project files ({string.Join(", ", projectFiles.Select(Path.GetFileName))}) and no solution; name the one to baseline: specguard baseline {Path.GetFileName(projectFiles[0])}";
        return null;
    }

    private static bool IsBuildFile(string path, string[] extensions) =>
        extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The project that wrote <paramref name="log"/> (<c>NAME.specguard.sarif</c>): the nearest folder above the log that holds
    /// a project file named NAME (obj/ sits in the project folder); else the only project file named NAME under
    /// <paramref name="root"/> (an IntermediateOutputPath outside the project folder, e.g. artifacts/obj/).
    /// </summary>
    private static string? ProjectOf(string log, string name, string root, ref List<string>? allProjectFiles, out string? problem)
    {
        problem = null;
        for (DirectoryInfo? folder = new FileInfo(log).Directory; folder is not null; folder = folder.Parent)
        {
            foreach (string extension in ProjectExtensions)
            {
                string candidate = Path.Combine(folder.FullName, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            if (string.Equals(folder.FullName.TrimEnd(Path.DirectorySeparatorChar), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                break;
            }
        }

        allProjectFiles ??= FindFiles(root, f => IsBuildFile(f, ProjectExtensions) && !InBuildOutput(f, root));
        string[] named = [.. allProjectFiles.Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.Ordinal))];
        if (named.Length == 1)
        {
            return named[0];
        }

        problem = named.Length == 0
            ? $"no project file named {name} (.csproj, .vbproj, .fsproj) above this log or under the built folder, so its findings cannot be recorded"
            : $"{named.Length} project files are named {name}, and none is in a folder above this log, so it cannot tell which one wrote it";
        return null;
    }

    /// <summary>Every <c>*.specguard.sarif</c> under <paramref name="root"/> inside an <c>obj</c> folder (where the build puts them), sorted.</summary>
    private static List<string> FindLogs(string root) =>
        FindFiles(root, f => f.EndsWith(LogSuffix, StringComparison.OrdinalIgnoreCase) && InBuildOutput(f, root));

    private static bool InBuildOutput(string path, string root) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).SkipLast(1).Any(static part => string.Equals(part, "obj", StringComparison.OrdinalIgnoreCase));

    private static List<string> FindFiles(string root, Func<string, bool> filter)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        try
        {
            return [.. Directory.EnumerateFiles(root, "*", options).Where(filter).Order(StringComparer.Ordinal)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? ReadIfExists(string path, out string? problem)
    {
        problem = null;
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static string OneLine(string text) => new([.. text.Select(static c => char.IsControl(c) ? ' ' : c)]);

    private sealed class ProjectFindings
    {
        public int Logs { get; set; }

        public bool NoSpecs { get; set; }

        public List<(string Rule, string Key)> Entries { get; } = [];

        public List<string> MissingKeys { get; } = [];
    }
}
