using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Diff;
using SpecGuard.Cli.Output;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli;

/// <summary>The options of one <c>specguard diff</c> run.</summary>
internal sealed record DiffOptions(
    string Base,
    string? Head,
    IReadOnlyList<string> Specs,
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<string> Trx,
    IReadOnlyList<string>? Findings,
    string Format,
    string? Output,
    IReadOnlyList<string> FailOn);

/// <summary>
/// <c>specguard diff --base REF</c>: what a pull request does to the specs, for the people who review it. The spec side
/// from git (merge base of base and head vs head), the code side from git's hunks mapped to the head's methods through
/// its built assemblies and PDBs. Markdown for a PR comment or job summary, JSON, SARIF; GitHub annotations in Actions.
/// Exit 0, 1 for a <c>--fail-on</c> condition met, 2 for input it cannot use (never a stack trace).
/// </summary>
internal static class DiffCommand
{
    /// <summary>The <c>--fail-on</c> conditions, each a property of the diff.</summary>
    internal static readonly (string Name, string Meaning)[] FailOnValues =
    [
        ("untraced", "new public API or handlers on changed lines that trace to no criterion (SPEC100/SPEC101; needs --findings)"),
        ("removed-with-links", "a criterion removed or renamed here that the head's code or tests still link to"),
        ("deprecated-with-links", "a criterion deprecated here that the head's code or tests still link to"),
        ("suspect", "a criterion whose normative text changed here, with links not reviewed against the new text"),
        ("lost-test", "a criterion whose last verifying test this change removed"),
        ("collision", "an ID added here that the base branch's tip declares differently"),
    ];

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        var baseRef = new Option<string>("--base")
        {
            Description = "The revision the change goes into (branch, tag or commit; in a pull-request job the target branch, e.g. origin/main). Compared at its merge base with the head, as a pull request's 'Files changed'.",
            HelpName = "REF",
            Required = true,
        };
        var headRef = new Option<string>("--head")
        {
            Description = "The revision of the change (default HEAD). The --assembly files must be built from it.",
            HelpName = "REF",
        };
        var specs = CommandOptions.Paths("--specs", "Folders (or files) of the repository holding the spec files (repeatable; default: the specs root, 'specs/' here or in the nearest parent folder, else the whole repository).");
        var assemblies = CommandOptions.Paths("--assembly", "The head's built assemblies (.dll, with their portable PDBs) or folders to search for them, production and test (repeatable). Read as metadata only, never loaded.", "-a");
        var trx = CommandOptions.Paths("--trx", "The head's test results (TRX or JUnit XML files, or folders; repeatable): each criterion in the diff shows its status now, as specguard report computes it.");
        var findings = CommandOptions.Paths("--findings", "The head's compiler SARIF logs (dotnet build -p:SpecGuardEnforce=report), files or folders (repeatable): new untraced code on changed lines is listed.");
        var format = new Option<string>("--format", "-f")
        {
            Description = "md (pull-request comment, job summary), json (schema in docs/diff.md) or sarif (SARIF 2.1.0 for code scanning).",
            DefaultValueFactory = static _ => "md",
        };
        format.AcceptOnlyFromAmong("md", "json", "sarif");
        var outputFile = CommandOptions.Output("Write the diff to FILE instead of standard output.");
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "Exit 1 when the change has this (repeatable): " + string.Join("; ", FailOnValues.Select(static v => v.Name + ": " + v.Meaning)) + ".",
            HelpName = "CONDITION",
        };
        failOn.AcceptOnlyFromAmong([.. FailOnValues.Select(static v => v.Name)]);

        var command = new Command("diff", "What a change does to the specs, for its reviewers: criteria added, changed, deprecated, removed, renamed or colliding; the criteria the changed code and tests serve; new untraced code; links to removed criteria; criteria that lost their last test.")
        {
            baseRef,
            headRef,
            specs,
            assemblies,
            trx,
            findings,
            format,
            outputFile,
            failOn,
        };
        command.SetAction(parse => Run(
            new DiffOptions(
                parse.GetValue(baseRef) ?? string.Empty,
                parse.GetValue(headRef),
                parse.GetValue(specs) ?? [],
                parse.GetValue(assemblies) ?? [],
                parse.GetValue(trx) ?? [],
                parse.GetValue(findings),
                parse.GetValue(format) ?? "md",
                parse.GetValue(outputFile),
                parse.GetValue(failOn) ?? []),
            output,
            error,
            currentDirectory,
            environment));
        return command;
    }

    public static int Run(DiffOptions options, TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        const string Prefix = "specguard diff: ";
        if (options.FailOn.Contains("untraced", StringComparer.Ordinal) && options.Findings is not { Count: > 0 })
        {
            return CommandLine.Fail(error, Prefix + "--fail-on untraced needs --findings: the compiler's SARIF logs of the head (build with -p:SpecGuardEnforce=report), which say what is untraced.");
        }

        DiffReport report;
        var warnings = new List<ReportWarning>();
        GitRepository git;
        try
        {
            git = GitRepository.Open(currentDirectory);
            DiffRevision baseRevision = Revision(git, options.Base, "--base");
            DiffRevision head = Revision(git, options.Head ?? "HEAD", "--head");

            List<string> specRoots = SpecRoots(git, options.Specs, currentDirectory);

            var inputs = new List<InputFile>();
            var read = new ReportCommand.ReadInputs();
            List<ScannedAssembly>? scanned = options.Assemblies.Count > 0 ? ReportCommand.ScanAssemblies(options.Assemblies, currentDirectory, warnings, inputs, read, withSpans: true) : null;
            List<SpecFinding>? found2 = options.Findings is { Count: > 0 } findingPaths
                ? [.. ReportCommand.ReadFindings(findingPaths, currentDirectory, warnings, inputs, read).Select(f => f.Path is { } p ? f with { Path = Path.GetFullPath(p, currentDirectory) } : f)]
                : null;
            List<TrxInput> trx = options.Trx.Count > 0 ? ReportCommand.ReadTrx(options.Trx, currentDirectory, warnings, inputs, read) : [];
            if (options.Trx.Count > 0 && scanned is null)
            {
                throw new DiffInputException("--trx needs --assembly: test results are joined to criteria through the test assemblies' [Verifies] links.");
            }

            if (options.Output is { Length: > 0 } target && read.Conflict(Path.GetFullPath(target, currentDirectory)) is { } conflict)
            {
                return CommandLine.Fail(error, Prefix + $"--output '{target}' {conflict}; nothing was written.");
            }

            report = DiffBuilder.Build(new DiffInputs(git, baseRevision, head, specRoots, scanned, found2), warnings);
            if (scanned is not null)
            {
                report = WithStatus(report, git, specRoots, scanned, trx, inputs);
            }
        }
        catch (Exception exception) when (exception is GitException or DiffInputException)
        {
            return CommandLine.Fail(error, Prefix + exception.Message + " Nothing was written.");
        }

        foreach (ReportWarning warning in report.Warnings)
        {
            error.WriteLine(warning.Text);
        }

        IReadOnlyList<CodeScanResult> results = DiffResults.From(report, git.Root);
        string text = options.Format switch
        {
            "json" => JsonDiffWriter.Write(report),
            "sarif" => SarifLogWriter.Write(results, git.Root, DiffResults.Rules),
            _ => MarkdownDiffWriter.Write(report, MarkdownDiffWriter.CommentLimit),
        };

        if (GitHubAnnotations.IsEnabled(environment))
        {
            // Workflow commands are read from the step's output; on stderr they never mix with a report on stdout.
            GitHubAnnotations.Write(error, results, GitHubAnnotations.WorkspaceRoot(environment, git.Root));
        }

        if (options.Output is { Length: > 0 } file)
        {
            string path = Path.GetFullPath(file, currentDirectory);
            if (CommandLine.WriteFile(path, text) is { } problem)
            {
                return CommandLine.Fail(error, Prefix + $"cannot write '{file}' ({problem}).");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {CommandLine.Display(path, currentDirectory)}: {Summary(report)}."));
        }
        else
        {
            output.Write(text);
        }

        return FailOn(report, options.FailOn, error);
    }

    /// <summary>
    /// The spec folders, repository-relative: each <c>--specs</c> given (outside the repository: a <see cref="DiffInputException"/>),
    /// else the specs root found from the current directory, else none (the whole tree). Shared by diff and flow.
    /// </summary>
    internal static List<string> SpecRoots(GitRepository git, IReadOnlyList<string> specs, string currentDirectory)
    {
        var roots = new List<string>();
        if (specs.Count > 0)
        {
            foreach (string spec in specs)
            {
                roots.Add(DiffBuilder.Relative(git.Root, Path.GetFullPath(spec, currentDirectory))
                    ?? throw new DiffInputException($"--specs '{spec}' is outside the git repository at {git.Root}."));
            }
        }
        else if (CommandLine.FindSpecsRoot(currentDirectory) is { } found && DiffBuilder.Relative(git.Root, found) is { } relative)
        {
            roots.Add(relative);
        }

        return roots;
    }

    private static DiffRevision Revision(GitRepository git, string name, string option)
    {
        string? commit = git.ResolveCommit(name);
        if (commit is null)
        {
            string hint = git.IsShallow
                ? " This is a shallow clone, which may not have it: fetch it (git fetch origin main; actions/checkout: fetch-depth: 0)."
                : " Name a branch, tag or commit of this repository (in CI, fetch the target branch first: git fetch origin main, and pass origin/main).";
            throw new DiffInputException($"{option} '{name}' is not a commit of the git repository at {git.Root}.{hint}");
        }

        (DateTimeOffset date, string subject) = git.CommitInfo(commit);
        return new DiffRevision(name, commit, date, subject);
    }

    /// <summary>Each criterion's status now, as <c>specguard report</c> computes it from the head's assemblies and results.</summary>
    private static DiffReport WithStatus(DiffReport report, GitRepository git, List<string> specRoots, List<ScannedAssembly> assemblies, List<TrxInput> trx, List<InputFile> inputs)
    {
        Dictionary<string, CriterionStatus> status = ReportCommand.StatusesAt(git, report.Head.Commit, specRoots, assemblies, trx, inputs);
        return report with
        {
            Features = [.. report.Features.Select(f => f with { Criteria = [.. f.Criteria.Select(c => status.TryGetValue(c.Id, out CriterionStatus s) && c.Spec?.Kind != CriterionChangeKind.Removed ? c with { Now = s } : c)] })],
            StatusShown = true,
        };
    }

    internal static string Summary(DiffReport report) => string.Create(
        CultureInfo.InvariantCulture,
        $"{report.Count(CriterionChangeKind.Added)} added, {report.Count(CriterionChangeKind.Changed)} changed, {report.Count(CriterionChangeKind.Deprecated)} deprecated, {report.Count(CriterionChangeKind.Removed)} removed, {report.Count(CriterionChangeKind.Renamed)} renamed, {report.Count(CriterionChangeKind.Collision)} colliding; code changed for {report.CountWhere(static c => !c.CodeChanged.IsEmpty)}, tests for {report.CountWhere(static c => !c.TestsChanged.IsEmpty)}; {(report.UntracedChecked ? report.Untraced.Length.ToString(CultureInfo.InvariantCulture) : "not checked:")} new untraced")
        + string.Create(CultureInfo.InvariantCulture, $"; {report.CountWhere(static c => c.LostLastTest)} lost their last test; {report.CountWhere(static c => c.Suspect)} suspect");

    private static int FailOn(DiffReport report, IReadOnlyList<string> failOn, TextWriter error)
    {
        int exit = CommandLine.Ok;
        foreach (string condition in failOn.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string[] hits = condition switch
            {
                "untraced" => [.. report.Untraced.Select(static u => string.Create(CultureInfo.InvariantCulture, $"{u.Path}:{u.Line}"))],
                "removed-with-links" => Ids(report, static c => c.RemovedWithLinks),
                "deprecated-with-links" => Ids(report, static c => c.DeprecatedWithLinks),
                "suspect" => Ids(report, static c => c.Suspect),
                "lost-test" => Ids(report, static c => c.LostLastTest),
                "collision" => Ids(report, static c => c.Collides),
                _ => [],
            };
            if (hits.Length > 0)
            {
                string shown = string.Join(", ", hits.Take(10)) + (hits.Length > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {hits.Length - 10} more") : string.Empty);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"specguard diff: --fail-on {condition}: {hits.Length} — {shown}."));
                exit = CommandLine.Problems;
            }
        }

        return exit;
    }

    private static string[] Ids(DiffReport report, Func<CriterionDiff, bool> predicate) =>
        [.. report.Features.SelectMany(static f => f.Criteria).Where(predicate).Select(static c => c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
