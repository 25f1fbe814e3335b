using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Output;
using SpecGuard.Cli.Report;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;
using SpecGuard.Core;

namespace SpecGuard.Cli;

/// <summary>The options of one <c>specguard report</c> run.</summary>
internal sealed record ReportOptions(
    IReadOnlyList<string> Specs,
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<string> Trx,
    string Format,
    string? Output,
    double? FailUnder,
    IReadOnlyList<string> FailOn,
    IReadOnlyList<string>? Findings = null,
    IReadOnlyList<string>? Baselines = null,
    string? BaselineBase = null,
    IReadOnlyList<string>? Merge = null);

/// <summary>
/// <c>specguard report</c>: specs + built assemblies + TRX or JUnit results → a traceability report (Markdown, HTML, JSON, an SVG badge), with
/// thresholds that become the exit code. Bad inputs are skipped with a one-line warning each (stderr, and listed in the
/// report); the exit code is non-zero only for a threshold the user asked for, or when no criterion is left to report on.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_006)]
internal static class ReportCommand
{
    private static readonly string[] FailOnValues = ["pending", "failing", "untraced", Suspect, UntracedCode, BaselineGrowth];

    /// <summary><c>--fail-on suspect</c>: any counted criterion changed since its links were last reviewed (also a failing one).</summary>
    private const string Suspect = "suspect";

    /// <summary><c>--fail-on baseline-growth</c>: any <c>--baseline</c> entry that the <c>--baseline-base</c> revision's file lacks.</summary>
    private const string BaselineGrowth = "baseline-growth";

    /// <summary><c>--fail-on untraced-code</c>: any SPEC100 or SPEC101 finding read with <c>--findings</c>.</summary>
    private const string UntracedCode = "untraced-code";

    private static readonly string[] UntracedCodeRules = [SpecRuleIds.UntracedPublicApi, SpecRuleIds.UntracedHandler];

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        var specs = CommandOptions.Paths("--specs", "Spec files or folders (repeatable; default: the specs root, 'specs/' here or in the nearest parent folder).");
        var assemblies = CommandOptions.Paths("--assembly", "Built assemblies (.dll) or folders to search for them, production and test (repeatable). Read as metadata only, never loaded.", "-a");
        var trx = CommandOptions.Paths("--trx", "Test results: TRX ('dotnet test --logger trx') or JUnit XML (any runner), told apart by content; files, or folders searched for *.trx and *.xml (repeatable).", "--test-results");
        var findings = CommandOptions.Paths("--findings", "SARIF logs written by the compiler (dotnet build -p:SpecGuardEnforce=report): .sarif files or folders (repeatable). Their SpecGuard findings (SPECnnn) are listed in the report.");
        var baselines = CommandOptions.Paths("--baseline", "Baseline files (SpecGuard.Baseline.txt, written by specguard baseline) or folders searched for them (repeatable): the recorded untraced code is shown as debt, per project and rule.");
        var baselineBase = new Option<string>("--baseline-base")
        {
            Description = "A git revision (branch, tag, commit) to compare the --baseline files with: entries it lacks are shown as added, and fail --fail-on baseline-growth.",
            HelpName = "REF",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "md (pull-request comment, CI step summary), html (one self-contained file), json (schema in docs/cli.md), sarif (SARIF 2.1.0 for code scanning: failing, untraced, pending and suspect criteria on their spec lines, and the findings) or svg (a spec-coverage badge for a README).",
            DefaultValueFactory = static _ => "md",
        };
        format.AcceptOnlyFromAmong("md", "html", "json", "sarif", "svg");
        var outputFile = CommandOptions.Output("Write the report to FILE instead of standard output.");
        var failUnder = new Option<double?>("--fail-under")
        {
            Description = "Exit 1 when the verified percentage is below N (0-100).",
            HelpName = "N",
            // Parsed here, not by the library, so that a wrong value reads like every other message of the tool
            // (the library's message names a .NET type).
            CustomParser = static result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return null; // the library reports the missing value
                }

                string text = result.Tokens[0].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value) && value >= 0 && value <= 100)
                {
                    return value;
                }

                result.AddError($"--fail-under takes a percentage from 0 to 100, not '{text}'.");
                return null;
            },
        };
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "Exit 1 when any counted criterion has this status: pending, failing, untraced or suspect (changed since its links were reviewed; needs the review record); with untraced-code, when --findings read any SPEC100 or SPEC101 finding; with baseline-growth, when a --baseline file has entries that --baseline-base's lacks (repeatable).",
            HelpName = "STATUS",
        };
        failOn.AcceptOnlyFromAmong(FailOnValues);

        var merge = new Option<string[]>("--merge")
        {
            Description = "Merge the JSON reports (--format json) of sharded CI jobs into one report, as one run over all their inputs would give (repeatable; instead of --specs, --assembly, --trx, --findings, --baseline).",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("report", "Join specs, built assemblies and test results (TRX or JUnit XML) into a traceability report: per criterion its status (verified, failing, implemented-not-verified, pending, untraced), implementing code and tests; per feature and overall the coverage.")
        {
            specs,
            assemblies,
            trx,
            findings,
            baselines,
            baselineBase,
            format,
            outputFile,
            failUnder,
            failOn,
            merge,
        };
        command.SetAction(parse => Run(
            new ReportOptions(
                parse.GetValue(specs) ?? [],
                parse.GetValue(assemblies) ?? [],
                parse.GetValue(trx) ?? [],
                parse.GetValue(format) ?? "md",
                parse.GetValue(outputFile),
                parse.GetValue(failUnder),
                parse.GetValue(failOn) ?? [],
                parse.GetValue(findings),
                parse.GetValue(baselines),
                parse.GetValue(baselineBase),
                parse.GetValue(merge)),
            output,
            error,
            currentDirectory,
            environment));
        return command;
    }

    public static int Run(ReportOptions options, TextWriter output, TextWriter error, string currentDirectory) =>
        Run(options, output, error, currentDirectory, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Run(ReportOptions, TextWriter, TextWriter, string)"/>, with the environment read through <paramref name="environment"/> (GITHUB_ACTIONS, GITHUB_WORKSPACE).</summary>
    public static int Run(ReportOptions options, TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        if (options.Merge is { Count: > 0 })
        {
            return RunMerge(options, output, error, currentDirectory);
        }

        if (options.FailOn.Contains(BaselineGrowth, StringComparer.Ordinal) && options.BaselineBase is not { Length: > 0 })
        {
            return CommandLine.Fail(error, "specguard report: --fail-on baseline-growth needs --baseline-base REF, the git revision to compare the baseline files with (in a pull-request job: the target branch, e.g. origin/main).");
        }

        var warnings = new List<ReportWarning>();
        var inputs = new List<InputFile>();
        var read = new ReadInputs();

        List<SpecFeature> features = LoadSpecs(options.Specs, currentDirectory, warnings, inputs, read);
        List<ScannedAssembly> assemblies = ScanAssemblies(options.Assemblies, currentDirectory, warnings, inputs, read);
        List<TrxInput> trxFiles = ReadTrx(options.Trx, currentDirectory, warnings, inputs, read);
        List<SpecFinding>? findings = options.Findings is { Count: > 0 } findingPaths ? ReadFindings(findingPaths, currentDirectory, warnings, inputs, read) : null;
        List<BaselineProject>? baselineFiles = null;
        if (options.Baselines is { Count: > 0 } baselinePaths)
        {
            try
            {
                baselineFiles = ReadBaselines(baselinePaths, options.BaselineBase is { Length: > 0 } revision ? new GitBaselineBase(revision) : null, currentDirectory, warnings, inputs, read);
            }
            catch (GitBaseException exception)
            {
                return CommandLine.Fail(error, "specguard report: " + exception.Message + " Nothing was written.");
            }
        }

        (Dictionary<string, string>? reviewed, ReviewSummary? reviews) = ReadReviews(options.Specs, features, currentDirectory, warnings, inputs, read);

        // Before anything is printed or written: the report must never overwrite what it reads.
        if (options.Output is { Length: > 0 } target && read.Conflict(Path.GetFullPath(target, currentDirectory)) is { } conflict)
        {
            return CommandLine.Fail(error, $"specguard report: --output '{target}' {conflict}; nothing was written. Write the report to a file outside the specs folder that is not an input.");
        }

        TraceReport report = ReportBuilder.Build(features, assemblies, trxFiles, inputs, warnings, findings, reviewed) with
        {
            Reviews = reviews,
            Baselines = [.. (baselineFiles ?? []).OrderBy(static b => b.Path, StringComparer.Ordinal)],
            BaselineRequested = baselineFiles is not null,
            BaselineBase = baselineFiles is not null && options.BaselineBase is { Length: > 0 } shownBase ? shownBase : null,
        };
        foreach (ReportWarning warning in report.Warnings)
        {
            error.WriteLine(warning.Text);
        }

        foreach (SpecFinding finding in report.Findings.Where(static f => f.SolutionWide))
        {
            error.WriteLine("specguard report: error " + OneLine(finding.Text));
        }

        bool annotate = GitHubAnnotations.IsEnabled(environment);
        List<CodeScanResult>? results = options.Format == "sarif" || annotate ? ReportResults.From(report, currentDirectory) : null;
        string? sourceRoot = results is null ? null : SourceRoot.Find(currentDirectory);
        if (annotate)
        {
            // stderr: the runner reads workflow commands there too, and stdout stays the report (JSON, SARIF) asked for.
            GitHubAnnotations.Write(error, results!, GitHubAnnotations.WorkspaceRoot(environment, sourceRoot!));
        }

        string text = options.Format == "sarif" ? SarifLogWriter.Write(results!, sourceRoot!, ReportResults.Rules) : Render(report, options.Format);
        return Write(report, text, options, output, error, currentDirectory);
    }

    private static string Render(TraceReport report, string format) => format switch
    {
        "html" => HtmlReportWriter.Write(report),
        "json" => JsonReportWriter.Write(report),
        "svg" => BadgeWriter.Write(report),
        _ => MarkdownReportWriter.Write(report),
    };

    /// <summary>The report's text to <c>--output</c> (with a one-line summary) or standard output, then the thresholds' exit code.</summary>
    private static int Write(TraceReport report, string text, ReportOptions options, TextWriter output, TextWriter error, string currentDirectory)
    {
        if (options.Output is { Length: > 0 } file)
        {
            string path = Path.GetFullPath(file, currentDirectory);
            if (CommandLine.WriteFile(path, text) is { } problem)
            {
                error.WriteLine($"specguard report: cannot write '{file}' ({problem}).");
                return CommandLine.Problems;
            }

            Coverage c = report.Coverage;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {CommandLine.Display(path, currentDirectory)}: {c.Counted} criteria, verified {TraceReport.Percent(c.VerifiedPercent)}, implemented {TraceReport.Percent(c.ImplementedPercent)} ({c.Verified} verified, {c.Failing} failing, {c.ImplementedNotVerified} implemented-not-verified, {c.Pending} pending, {c.Untraced} untraced{(report.Reviews is null ? string.Empty : $", {c.Suspect} suspect")}){(report.FindingsRequested ? $"; {report.Findings.Length} SpecGuard finding(s)" : string.Empty)}{(report.BaselineRequested ? $"; {report.BaselineTotal} baselined symbol(s)" : string.Empty)}."));
        }
        else
        {
            output.Write(text);
        }

        return Thresholds(report, options, error);
    }

    /// <summary>
    /// <c>report --merge a.json b.json …</c>: one report from the JSON reports of sharded jobs (<see cref="JsonReportReader"/>),
    /// rendered and held to the thresholds like any other. A file that cannot be read, is not a report of this schema
    /// version, or disagrees with the others on the specs is an error (exit 2, nothing written): a partial merge would
    /// pass a gate the whole would fail.
    /// </summary>
    private static int RunMerge(ReportOptions options, TextWriter output, TextWriter error, string currentDirectory)
    {
        if (options.Specs.Count > 0 || options.Assemblies.Count > 0 || options.Trx.Count > 0 || options.Findings is { Count: > 0 } || options.Baselines is { Count: > 0 } || options.BaselineBase is { Length: > 0 })
        {
            return CommandLine.Fail(error, "specguard report: --merge reads the inputs from the JSON reports it merges; it cannot be combined with --specs, --assembly, --trx, --findings, --baseline or --baseline-base.");
        }

        if (options.Format == "sarif")
        {
            return CommandLine.Fail(error, "specguard report: --merge cannot write sarif: the JSON reports do not hold the spec lines its results sit on; merge to json, md, html or svg, or run the report over all the inputs with --format sarif.");
        }

        var read = new ReadInputs();
        var shards = new List<(string Path, TraceReport Report)>();
        // One read per file however it is spelled ('a.json', './a.json'): a shard merged twice would count its cases twice.
        foreach (string full in options.Merge!.Select(p => Path.GetFullPath(p, currentDirectory)).Distinct(StringComparer.Ordinal))
        {
            string display = CommandLine.Display(full, currentDirectory);
            string json;
            try
            {
                json = File.ReadAllText(full);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return CommandLine.Fail(error, $"specguard report: --merge {display}: cannot read the file ({exception.Message}); nothing was written.");
            }

            read.AddFile(full, "a report the merge reads");
            JsonReportReadResult result = JsonReportReader.Read(json);
            if (result.Report is null)
            {
                return CommandLine.Fail(error, $"specguard report: --merge {display}: {result.Problem}; nothing was written.");
            }

            shards.Add((display, result.Report));
        }

        if (options.Output is { Length: > 0 } target && read.Conflict(Path.GetFullPath(target, currentDirectory)) is { } conflict)
        {
            return CommandLine.Fail(error, $"specguard report: --output '{target}' {conflict}; nothing was written.");
        }

        (TraceReport? report, string? problem) = JsonReportReader.Merge(shards);
        if (report is null)
        {
            return CommandLine.Fail(error, $"specguard report: --merge: {problem}; nothing was written.");
        }

        foreach (ReportWarning warning in report.Warnings)
        {
            error.WriteLine(warning.Text);
        }

        return Write(report, Render(report, options.Format), options, output, error, currentDirectory);
    }

    private static int Thresholds(TraceReport report, ReportOptions options, TextWriter error)
    {
        Coverage coverage = report.Coverage;
        bool untracedCode = options.FailOn.Contains(UntracedCode, StringComparer.Ordinal);
        bool baselineGrowth = options.FailOn.Contains(BaselineGrowth, StringComparer.Ordinal);
        if (coverage.Counted == 0)
        {
            // Also with --findings: SPEC100/SPEC101 stay quiet in a build that sees no criteria (SPEC902), so a findings
            // gate without criteria would pass without having checked anything.
            error.WriteLine("specguard report: no criteria to report on (no usable spec file was found; see the warnings above).");
            if (untracedCode)
            {
                UntracedCodeThreshold(report, error);
            }

            if (baselineGrowth)
            {
                BaselineGrowthThreshold(report, error);
            }

            return CommandLine.Problems;
        }

        int exit = CommandLine.Ok;
        if (options.FailUnder is { } minimum && coverage.Verified * 100.0 < minimum * coverage.Counted)
        {
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"specguard report: verified coverage {TraceReport.Percent(coverage.VerifiedPercent)} is below --fail-under {minimum}% ({coverage.Verified} of {coverage.Counted} criteria verified)."));
            exit = CommandLine.Problems;
        }

        foreach (string slug in options.FailOn.Distinct(StringComparer.Ordinal).Where(static s => s is not UntracedCode and not BaselineGrowth).OrderBy(static s => s, StringComparer.Ordinal))
        {
            string[] ids = report.Features
                .SelectMany(static f => f.Criteria)
                .Where(r => r.Counted && (slug == Suspect ? r.IsSuspect : TraceReport.Slug(r.Status) == slug))
                .Select(static r => r.Spec.Id)
                .ToArray();
            if (ids.Length > 0)
            {
                string shown = string.Join(", ", ids.Take(10)) + (ids.Length > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {ids.Length - 10} more") : string.Empty);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"specguard report: {ids.Length} criteria are {slug} (--fail-on {slug}): {shown}."));
                exit = CommandLine.Problems;
            }
        }

        if (options.FailOn.Contains(Suspect, StringComparer.Ordinal) && report.Reviews is null)
        {
            error.WriteLine($"specguard report: --fail-on suspect: no review record ({SpecContract.ReviewRecordFileName} in the specs root), so suspect links are off and nothing is suspect; start with 'specguard review --all'.");
        }

        if (untracedCode && UntracedCodeThreshold(report, error))
        {
            exit = CommandLine.Problems;
        }

        if (baselineGrowth && BaselineGrowthThreshold(report, error))
        {
            exit = CommandLine.Problems;
        }

        return exit;
    }

    /// <summary>
    /// <c>--fail-on baseline-growth</c>: true (and every added entry printed, one per line) when a <c>--baseline</c> file
    /// has entries the <c>--baseline-base</c> revision's file lacks. Without <c>--baseline</c> nothing was read to check,
    /// which is said, and is a failure.
    /// </summary>
    private static bool BaselineGrowthThreshold(TraceReport report, TextWriter error)
    {
        if (!report.BaselineRequested)
        {
            error.WriteLine("specguard report: --fail-on baseline-growth compares the baseline files given with --baseline, but no --baseline was given (pass --baseline with the solution folder).");
            return true;
        }

        BaselineProject[] grown = [.. report.Baselines.Where(static b => !b.Added.IsEmpty)];
        if (grown.Length == 0)
        {
            return false;
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"specguard report: {report.BaselineAdded} baseline entr{(report.BaselineAdded == 1 ? "y" : "ies")} added since {report.BaselineBase} in {grown.Length} project(s) (--fail-on baseline-growth); new code must be linked to a criterion or exempt, not baselined:"));
        foreach (BaselineProject project in grown)
        {
            foreach (BaselineItem entry in project.Added)
            {
                error.WriteLine("  " + project.Path + ": " + entry.Rule + " " + OneLine(entry.Key));
            }
        }

        return true;
    }

    /// <summary>
    /// <c>--fail-on untraced-code</c>: true (and every SPEC100/SPEC101 finding printed, one per line) when there is any.
    /// Without <c>--findings</c> nothing was read to check, which is said, and is a failure: the gate must not pass unchecked.
    /// </summary>
    private static bool UntracedCodeThreshold(TraceReport report, TextWriter error)
    {
        if (!report.FindingsRequested)
        {
            error.WriteLine("specguard report: --fail-on untraced-code checks the findings of SARIF logs, but no --findings was given (build with -p:SpecGuardEnforce=report, then pass --findings with the solution folder).");
            return true;
        }

        // A handler type no project sees hides untraced handlers nobody checks: it fails this gate too.
        SpecFinding[] untraced = [.. report.Findings.Where(static f => f.SolutionWide || UntracedCodeRules.Contains(f.Id, StringComparer.Ordinal))];
        if (untraced.Length == 0)
        {
            return false;
        }

        string perRule = string.Join(", ", untraced.GroupBy(static f => f.Id, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"specguard report: {untraced.Length} untraced-code finding(s) ({perRule}) (--fail-on untraced-code):"));
        foreach (SpecFinding finding in untraced)
        {
            error.WriteLine("  " + OneLine(finding.Text));
        }

        return true;
    }

    /// <summary>Compiler and spec text on one line, control characters (line breaks, terminal escapes) as spaces.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (int i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });

    /// <summary>
    /// Each criterion's status in the spec files of <paramref name="commit"/>, joined with the assemblies and test results
    /// as the report joins them (for <c>diff</c> and <c>flow</c>, which show the status now next to what they compute).
    /// </summary>
    internal static Dictionary<string, CriterionStatus> StatusesAt(GitRepository git, string commit, IReadOnlyList<string> specRoots, List<ScannedAssembly> assemblies, List<TrxInput> trx, List<InputFile> inputs)
    {
        List<SpecFeature> features = ReportBuilder.SelectFeatures(SpecSet.Load(git.SpecSourcesAt(commit, specRoots)));
        TraceReport trace = ReportBuilder.Build(features, assemblies, trx, inputs, [], null, null);
        return trace.Features.SelectMany(static f => f.Criteria).ToDictionary(static c => c.Spec.Id, static c => c.Status, StringComparer.Ordinal);
    }

    internal static List<SpecFinding> ReadFindings(IReadOnlyList<string> paths, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read)
    {
        SortedSet<string> files = InputFiles(
            paths,
            ".sarif",
            "no SARIF file (*.sarif) in this folder, so no finding was read from it (build with -p:SpecGuardEnforce=report, which makes each project's compiler write obj/<...>/<Project>.specguard.sarif)",
            currentDirectory,
            warnings);

        var findings = new List<SpecFinding>();
        var handlerTypeLogs = new List<IReadOnlyCollection<string>>();
        foreach (string file in files)
        {
            string display = CommandLine.Display(file, currentDirectory);
            read.AddFile(file, "a SARIF file the report reads");
            SarifReadResult result = SarifReader.Read(file);
            if (result.Problem is not null)
            {
                warnings.Add(ReportWarning.Create(display, result.Problem));
                continue;
            }

            findings.AddRange(result.Findings.Select(f => f.Path is { } p && Path.IsPathRooted(p) ? f with { Path = CommandLine.Display(p, currentDirectory) } : f));
            if (result.ListedRules.Contains(SpecRuleIds.HandlerTypeNotVisible) && !result.Findings.Any(static f => f.Id == SpecRuleIds.NoSpecFiles))
            {
                handlerTypeLogs.Add(result.Findings
                    .Where(static f => f.Id == SpecRuleIds.HandlerTypeNotVisible)
                    .Select(static f => SpecRules.HandlerTypeNotVisibleName(f.Message))
                    .OfType<string>()
                    .ToHashSet(StringComparer.Ordinal));
            }
            inputs.Add(new InputFile("sarif", display, string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Findings.Count} SpecGuard finding(s){(result.Suppressed > 0 ? $", {result.Suppressed} suppressed in source (not counted)" : string.Empty)}")));
        }

        // SPEC903 is one project's half of the answer: consumed here, not listed (a name some project sees is fine).
        findings.RemoveAll(static f => f.Id == SpecRuleIds.HandlerTypeNotVisible);
        findings.AddRange(UnmatchedHandlerTypes(handlerTypeLogs));
        return findings;
    }

    /// <summary>
    /// SPEC901 for each specguard.handler_types name that every project which ran SpecGuard with spec files reports as
    /// not visible (SPEC903): no project of the solution declares or references it, so none of its handlers is checked.
    /// </summary>
    private static IEnumerable<SpecFinding> UnmatchedHandlerTypes(List<IReadOnlyCollection<string>> logs)
    {
        if (logs.Count == 0)
        {
            return [];
        }

        IEnumerable<string> everywhere = logs.Skip(1).Aggregate((IEnumerable<string>)logs[0], static (names, next) => names.Where(next.Contains));
        return everywhere
            .Order(StringComparer.Ordinal)
            .Select(name => new SpecFinding(
                SpecRuleIds.InvalidOption,
                "error",
                null,
                null,
                null,
                string.Create(CultureInfo.InvariantCulture, $"The analyzer option specguard.handler_types names '{name}', which no project of the solution declares or references ({logs.Count} project log(s) checked), so none of its handlers is checked. Correct the name: namespace, and generic arity in C# form (MyApp.IHandler<T>) or metadata form (MyApp.IHandler`1).")) { SolutionWide = true })
            .ToList();
    }

    /// <summary>
    /// The baseline files named by <paramref name="paths"/> (files of any name; folders searched recursively for
    /// SpecGuard.Baseline.txt), each parsed with SpecBaseline (its SPEC904 lines become warnings) and, with
    /// <paramref name="gitBase"/>, compared with its text at that revision (absent there: every entry is added).
    /// </summary>
    private static List<BaselineProject> ReadBaselines(IReadOnlyList<string> paths, GitBaselineBase? gitBase, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                files.UnionWith(EnumerateFiles(full, SpecContract.IsBaselineFile, warnings, currentDirectory));
            }
            else
            {
                warnings.Add(ReportWarning.Create(path, "no such file or folder; skipped"));
            }
        }

        var projects = new List<BaselineProject>();
        foreach (string file in files)
        {
            string display = CommandLine.Display(file, currentDirectory);
            read.AddFile(file, "a baseline file the report reads");
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(ReportWarning.Create(display, "cannot read the file (" + exception.Message + "); skipped"));
                continue;
            }

            SpecGuard.Core.Baseline.SpecBaseline baseline = SpecGuard.Core.Baseline.SpecBaseline.Parse(display, text);
            foreach (SpecDiagnostic problem in baseline.Problems)
            {
                warnings.Add(new ReportWarning(display, problem.ToString()));
            }

            HashSet<(string, string)>? before = null;
            if (gitBase is not null)
            {
                string? old = gitBase.TextAt(file);
                before = old is null ? [] : SpecGuard.Core.Baseline.SpecBaseline.Parse(display, old).Entries.Select(static e => (e.Rule, e.Key)).ToHashSet();
            }

            BaselineItem[] entries = [.. SpecGuard.Core.Baseline.SpecBaseline.Sorted(baseline.Entries.Select(static e => (e.Rule, e.Key)))
                .Select(e => new BaselineItem(e.Rule, e.Key, before is not null && !before.Contains(e)))];
            projects.Add(new BaselineProject(ProjectName(file), display, [.. entries]));
            inputs.Add(new InputFile("baseline", display, string.Create(CultureInfo.InvariantCulture, $"{entries.Length} entr{(entries.Length == 1 ? "y" : "ies")}{(before is null ? string.Empty : $", {entries.Count(static e => e.Added)} added since the base")}")));
        }

        return projects;
    }

    /// <summary>The project a baseline belongs to: the one project file in its folder, else the folder's name.</summary>
    private static string ProjectName(string baselineFile)
    {
        string folder = Path.GetDirectoryName(baselineFile)!;
        string[] projects;
        try
        {
            projects = [.. Directory.EnumerateFiles(folder, "*.*proj").Where(static f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            projects = [];
        }

        return projects.Length == 1 ? Path.GetFileNameWithoutExtension(projects[0]) : Path.GetFileName(folder);
    }

    /// <summary>
    /// The review record of the specs root(s): <see cref="SpecContract.ReviewRecordFileName"/> in each specs folder read
    /// (each <c>--specs</c> folder, else the default specs root), found with zero configuration as the build finds it.
    /// Entries by ID (the first folder's entry wins), or nulls when there is none (the feature is off).
    /// </summary>
    private static (Dictionary<string, string>? Reviewed, ReviewSummary? Summary) ReadReviews(IReadOnlyList<string> paths, List<SpecFeature> features, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read)
    {
        IEnumerable<string> folders = paths.Count == 0
            ? CommandLine.FindSpecsRoot(currentDirectory) is { } root ? [root] : []
            : paths.Select(p => Path.GetFullPath(p, currentDirectory)).Where(Directory.Exists);
        Dictionary<string, string>? reviewed = null;
        var shown = new List<string>();
        foreach (string folder in folders.Distinct(StringComparer.Ordinal).OrderBy(static f => f, StringComparer.Ordinal))
        {
            string file = Path.Combine(folder, SpecContract.ReviewRecordFileName);
            string display = CommandLine.Display(file, currentDirectory);
            Core.Review.ReviewRecord? record;
            try
            {
                record = ReviewCommand.ReadRecord(file, display);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(ReportWarning.Create(display, "cannot read the review record (" + exception.Message + "); skipped"));
                continue;
            }

            if (record is null)
            {
                continue;
            }

            read.AddFile(file, "the review record");
            reviewed ??= new Dictionary<string, string>(StringComparer.Ordinal);
            shown.Add(display);
            inputs.Add(new InputFile("reviews", display, string.Create(CultureInfo.InvariantCulture, $"{record.Entries.Count} reviewed criteria")));
            foreach (SpecDiagnostic problem in record.Problems)
            {
                warnings.Add(new ReportWarning(display, problem.ToString()));
            }

            foreach (Core.Review.ReviewEntry entry in record.Entries)
            {
                reviewed.TryAdd(entry.Id, entry.Fingerprint);
            }
        }

        if (reviewed is null)
        {
            return (null, null);
        }

        var declared = new HashSet<string>(features.SelectMany(static f => f.Criteria).Select(static c => c.Id), StringComparer.Ordinal);
        return (reviewed, new ReviewSummary([.. shown], [.. reviewed.Keys.Where(id => !declared.Contains(id)).OrderBy(static id => id, StringComparer.Ordinal)]));
    }

    internal static List<SpecFeature> LoadSpecs(IReadOnlyList<string> paths, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read)
    {
        var roots = new List<string>(paths);
        if (roots.Count == 0)
        {
            string? specsRoot = CommandLine.FindSpecsRoot(currentDirectory);
            if (specsRoot is null)
            {
                warnings.Add(ReportWarning.Create("--specs", "no 'specs' folder here or in a parent folder, and no --specs given; no criteria to report on"));
                return [];
            }

            roots.Add(specsRoot);
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in roots)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
                read.AddFile(full, "a spec file");
            }
            else if (Directory.Exists(full))
            {
                files.UnionWith(EnumerateFiles(full, SpecContract.IsSpecFile, warnings, currentDirectory));
                read.AddFolder(full, "the specs folder");
            }
            else
            {
                warnings.Add(ReportWarning.Create(path, "no such file or folder; skipped"));
            }
        }

        var sources = new List<SpecSource>();
        foreach (string file in files)
        {
            string display = CommandLine.Display(file, currentDirectory);
            read.AddFile(file, "a spec file");
            try
            {
                sources.Add(SpecTextEncoding.Read(file, display));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(ReportWarning.Create(display, "cannot read the file (" + exception.Message + "); skipped"));
            }
        }

        SpecSet set = SpecSet.Load(sources);
        foreach (SpecDiagnostic diagnostic in set.Diagnostics.Where(static d => d.Severity == SpecSeverity.Error))
        {
            // The compiler format, so editors and CI logs can jump to the line; the report lists it too.
            warnings.Add(new ReportWarning(diagnostic.Path, diagnostic.ToString()));
        }

        foreach (SpecLoadResult file in set.Files)
        {
            if (file.Feature is null)
            {
                warnings.Add(ReportWarning.Create(file.Path, "no usable feature in this spec file (see the errors above); skipped"));
            }
            else
            {
                inputs.Add(new InputFile("spec", file.Path, file.Feature.Key));
            }
        }

        return ReportBuilder.SelectFeatures(set);
    }

    internal static List<ScannedAssembly> ScanAssemblies(IReadOnlyList<string> paths, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read, bool withSpans = false)
    {
        var explicitFiles = new SortedSet<string>(StringComparer.Ordinal);
        var folderFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                explicitFiles.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (string file in EnumerateFiles(full, static f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase), warnings, currentDirectory))
                {
                    folderFiles.TryAdd(file, path);
                }
            }
            else
            {
                warnings.Add(ReportWarning.Create(path, "no such file or folder; skipped"));
            }
        }

        var scanned = new List<ScannedAssembly>();
        var seen = new HashSet<Guid>();
        var quietlySkipped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var references = new List<(string File, string Display, string Name, bool FromFolder)>();
        foreach (string file in explicitFiles.Concat(folderFiles.Keys.Where(f => !explicitFiles.Contains(f))))
        {
            string display = CommandLine.Display(file, currentDirectory);
            read.AddFile(file, "an assembly the report reads");
            read.AddFile(Path.ChangeExtension(file, ".pdb"), "the PDB of an assembly the report reads");
            AssemblyScanResult result = AssemblyScanner.Scan(file, currentDirectory, withSpans);
            if (result.Assembly is null)
            {
                bool fromFolder = !explicitFiles.Contains(file);
                if (result.Failure == ScanFailure.ReferenceAssembly)
                {
                    // The build writes metadata-only copies of every project's assembly (obj/<config>/<tfm>/ref, refint):
                    // decided below, once it is known whether the assembly itself was read.
                    references.Add((file, display, result.ReferenceName ?? Path.GetFileNameWithoutExtension(file), fromFolder));
                }
                else if (fromFolder && result.Failure is ScanFailure.NotPortableExecutable or ScanFailure.NoDotNetMetadata or ScanFailure.NotAnAssembly)
                {
                    // Folders of build output hold native libraries as a matter of course: summed up below.
                    Add(quietlySkipped, folderFiles[file], Path.GetFileName(file));
                }
                else
                {
                    warnings.Add(ReportWarning.Create(display, result.Problem + "; skipped"));
                }

                continue;
            }

            if (result.PdbProblem is not null)
            {
                warnings.Add(ReportWarning.Create(display, result.PdbProblem));
            }

            if (!seen.Add(result.Assembly.Mvid))
            {
                continue; // the same build, copied into another output folder (bin/, obj/, publish/)
            }

            scanned.Add(result.Assembly);
            inputs.Add(new InputFile("assembly", display, result.Assembly.Name + (result.Assembly.HasPdb ? " (with PDB)" : " (no PDB: no file:line)")));
        }

        // A reference assembly of an assembly that was read is a copy without code: nothing is lost, nothing is said.
        // One whose assembly was not read means the links of that project are missing from the report: say so.
        var readNames = new HashSet<string>(scanned.Select(static a => a.Name), StringComparer.OrdinalIgnoreCase);
        var unmatched = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (file, display, name, fromFolder) in references)
        {
            if (readNames.Contains(name))
            {
                continue;
            }

            if (fromFolder)
            {
                Add(unmatched, folderFiles[file], name);
            }
            else
            {
                warnings.Add(ReportWarning.Create(display, "a reference assembly (metadata only, no code), and the assembly " + name + " itself was not among the inputs; its links are not read (pass its build output, e.g. bin/<configuration>/<framework>); skipped"));
            }
        }

        foreach (var (folder, names) in unmatched)
        {
            string[] distinct = [.. names.Distinct(StringComparer.Ordinal)];
            warnings.Add(ReportWarning.Create(folder, string.Create(
                CultureInfo.InvariantCulture,
                $"holds reference assemblies (metadata only, no code) of {string.Join(", ", distinct.Take(3))}{(distinct.Length > 3 ? $" and {distinct.Length - 3} more" : string.Empty)} but not the assemblies themselves; their links are not read (pass their build output, e.g. bin/<configuration>/<framework>)")));
        }

        foreach (var (folder, names) in quietlySkipped)
        {
            warnings.Add(ReportWarning.Create(folder, string.Create(
                CultureInfo.InvariantCulture,
                $"skipped {names.Count} file(s) that are not .NET assemblies (native libraries or other files), e.g. {string.Join(", ", names.Take(3))}")));
        }

        return scanned;
    }

    /// <summary>
    /// The files named by <paramref name="paths"/>: each file as given (any name), and each folder searched recursively
    /// for files ending in <paramref name="extension"/>; a path that is neither, or (when <paramref name="emptyFolder"/> says
    /// why that matters) a folder without such files, is a warning.
    /// </summary>
    private static SortedSet<string> InputFiles(IReadOnlyList<string> paths, string extension, string? emptyFolder, string currentDirectory, List<ReportWarning> warnings)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                List<string> found = [.. EnumerateFiles(full, f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase), warnings, currentDirectory)];
                if (found.Count == 0 && emptyFolder is not null)
                {
                    warnings.Add(ReportWarning.Create(path, emptyFolder));
                }

                files.UnionWith(found);
            }
            else
            {
                warnings.Add(ReportWarning.Create(path, "no such file or folder; skipped"));
            }
        }

        return files;
    }

    /// <summary>
    /// The test results named by <paramref name="paths"/> (<c>--trx</c>), each file read as TRX or JUnit XML by its root
    /// element, never by its name: a file given by name is read whatever it is called; folders are searched recursively
    /// for <c>*.trx</c> and <c>*.xml</c>. A folder's <c>.xml</c> file that is not test results at all (another XML file
    /// of a build or results folder) is skipped silently; every other file that is neither TRX nor JUnit is a warning.
    /// </summary>
    internal static List<TrxInput> ReadTrx(IReadOnlyList<string> paths, string currentDirectory, List<ReportWarning> warnings, List<InputFile> inputs, ReadInputs read)
    {
        var files = new SortedDictionary<string, bool>(StringComparer.Ordinal); // file → found in a folder as *.xml
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files[full] = false;
            }
            else if (Directory.Exists(full))
            {
                foreach (string file in EnumerateFiles(full, static f => f.EndsWith(".trx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase), warnings, currentDirectory))
                {
                    files.TryAdd(file, file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
                }
            }
            else
            {
                warnings.Add(ReportWarning.Create(path, "no such file or folder; skipped"));
            }
        }

        var results = new List<TrxInput>();
        foreach (var (file, xmlFromFolder) in files)
        {
            string display = CommandLine.Display(file, currentDirectory);
            (TestResultsKind kind, string? root) = JUnitReader.Detect(file);
            if (xmlFromFolder && kind is TestResultsKind.Other or TestResultsKind.NotXml)
            {
                continue; // not test results at all
            }

            read.AddFile(file, kind == TestResultsKind.JUnit ? "a JUnit XML file the report reads" : "a TRX file the report reads");
            TrxReadResult result;
            if (kind == TestResultsKind.JUnit)
            {
                result = JUnitReader.Read(file);
            }
            else if (kind == TestResultsKind.Other && !file.EndsWith(".trx", StringComparison.OrdinalIgnoreCase))
            {
                result = new TrxReadResult([], string.Format(CultureInfo.InvariantCulture, "not test results (root element <{0}>; expected TRX's <TestRun> or JUnit XML's <testsuites> or <testsuite>); skipped", root), false);
            }
            else
            {
                result = TrxReader.Read(file);
            }

            if (result.Problem is not null)
            {
                warnings.Add(ReportWarning.Create(display, result.Problem));
            }

            if (result.Usable)
            {
                results.Add(new TrxInput(display, result.Results));
                inputs.Add(new InputFile(kind == TestResultsKind.JUnit ? "junit" : "trx", display, string.Create(CultureInfo.InvariantCulture, $"{result.Results.Count} result(s)")));
            }
        }

        return results;
    }

    private static void Add(SortedDictionary<string, List<string>> lists, string key, string value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists.Add(key, list = []);
        }

        list.Add(value);
    }

    private static IEnumerable<string> EnumerateFiles(string folder, Func<string, bool> filter, List<ReportWarning> warnings, string currentDirectory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        try
        {
            return Directory.EnumerateFiles(folder, "*", options).Where(filter).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(ReportWarning.Create(CommandLine.Display(folder, currentDirectory), "cannot list the folder (" + exception.Message + "); skipped"));
            return [];
        }
    }

    /// <summary>
    /// Every file the report reads and every specs folder, by canonical path (symbolic links resolved), so that
    /// <c>--output</c> can be refused when it names one of them: the report never overwrites its own input.
    /// </summary>
    internal sealed class ReadInputs
    {
        private static readonly StringComparison PathComparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        private readonly Dictionary<string, string> _files = new(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Folder, string What)> _folders = [];

        public void AddFile(string fullPath, string what) => _files.TryAdd(Canonical(fullPath), what);

        public void AddFolder(string fullPath, string what) => _folders.Add((Canonical(fullPath), what));

        /// <summary>Why <paramref name="output"/> must not be written, or null when it may.</summary>
        public string? Conflict(string output)
        {
            string canonical = Canonical(output);
            if (_files.TryGetValue(canonical, out string? what))
            {
                return "is " + what;
            }

            foreach (var (folder, description) in _folders)
            {
                string prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
                if (string.Equals(canonical, folder, PathComparison) || canonical.StartsWith(prefix, PathComparison))
                {
                    return "is inside " + description;
                }
            }

            return null;
        }

        /// <summary>The full path with every symbolic link on the way resolved; parts that do not exist yet are kept as written.</summary>
        private static string Canonical(string fullPath)
        {
            string path = Path.GetFullPath(fullPath);
            string root = Path.GetPathRoot(path) ?? string.Empty;
            string current = root;
            foreach (string part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                current = Path.Combine(current, part);
                try
                {
                    FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                    if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    {
                        current = Path.GetFullPath(target.FullName);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // A link that cannot be followed is compared as written.
                }
            }

            return current;
        }
    }
}
