using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Diff;
using SpecGuard.Cli.Flow;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli;

/// <summary>The options of one <c>specguard flow</c> run.</summary>
internal sealed record FlowOptions(
    string? Head,
    string? Since,
    string? ReleaseTags,
    int? StaleAfter,
    IReadOnlyList<string> Specs,
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<string> Trx,
    string Format,
    string? Output);

/// <summary>
/// <c>specguard flow</c>: spec-to-release lead time from git history. Per criterion the commits that specified,
/// implemented and first tested it and the first release tag holding them; lead times (median, 85th percentile) per
/// feature, per month of specification and over the last twelve months; criteria pending too long. Exit 0; 2 for input
/// it cannot use. A shallow clone or no matching tag gives partial results, marked as such.
/// </summary>
internal static class FlowCommand
{
    public static Command Create(TextWriter output, TextWriter error, string currentDirectory)
    {
        var head = new Option<string>("--head")
        {
            Description = "The revision whose history is read (default HEAD); its commit date is 'now' for the trend and --stale-after.",
            HelpName = "REF",
        };
        var since = new Option<string>("--since")
        {
            Description = "Count only criteria specified on or after this date (ISO 8601: 2026-01-01, or with a time and offset).",
            HelpName = "DATE",
        };
        var releaseTags = new Option<string>("--release-tags")
        {
            Description = "The tags that mark releases, as a git pattern (e.g. 'v*'); a criterion's release is the oldest matching tag whose history holds its specification, implementation and first test.",
            HelpName = "GLOB",
        };
        var staleAfter = new Option<int?>("--stale-after")
        {
            Description = "List the criteria specified more than N days ago that are still pending (no test linked; with --assembly/--trx: not verified).",
            HelpName = "DAYS",
        };
        var specs = CommandOptions.Paths("--specs", "Folders of the repository holding the spec files (repeatable; default: the specs root, 'specs/' here or in the nearest parent folder, else the whole repository).");
        var assemblies = CommandOptions.Paths("--assembly", "Built assemblies (or folders) of the head: each criterion's status now is shown, as specguard report computes it (repeatable).", "-a");
        var trx = CommandOptions.Paths("--trx", "Test results of the head (TRX or JUnit XML files, or folders; repeatable), with --assembly.");
        var format = new Option<string>("--format", "-f")
        {
            Description = "md (job summary), html (one self-contained file with charts), json (schema in docs/flow.md) or csv (one row per criterion).",
            DefaultValueFactory = static _ => "md",
        };
        format.AcceptOnlyFromAmong("md", "html", "json", "csv");
        var outputFile = CommandOptions.Output("Write to FILE instead of standard output.");

        var command = new Command("flow", "Spec-to-release lead time from git history: when each criterion was specified, implemented, first tested and released; medians and 85th percentiles per feature and month, the trend over twelve months, and the criteria pending too long.")
        {
            head,
            since,
            releaseTags,
            staleAfter,
            specs,
            assemblies,
            trx,
            format,
            outputFile,
        };
        command.SetAction(parse => Run(
            new FlowOptions(
                parse.GetValue(head),
                parse.GetValue(since),
                parse.GetValue(releaseTags),
                parse.GetValue(staleAfter),
                parse.GetValue(specs) ?? [],
                parse.GetValue(assemblies) ?? [],
                parse.GetValue(trx) ?? [],
                parse.GetValue(format) ?? "md",
                parse.GetValue(outputFile)),
            output,
            error,
            currentDirectory));
        return command;
    }

    public static int Run(FlowOptions options, TextWriter output, TextWriter error, string currentDirectory)
    {
        const string Prefix = "specguard flow: ";
        DateTimeOffset? since = null;
        if (options.Since is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return CommandLine.Fail(error, Prefix + $"--since takes a date (ISO 8601, e.g. 2026-01-01), not '{sinceText}'.");
            }

            since = parsed;
        }

        if (options.StaleAfter is < 0)
        {
            return CommandLine.Fail(error, Prefix + "--stale-after takes a number of days, 0 or more.");
        }

        if (options.Trx.Count > 0 && options.Assemblies.Count == 0)
        {
            return CommandLine.Fail(error, Prefix + "--trx needs --assembly: test results are joined to criteria through the test assemblies' [Verifies] links.");
        }

        FlowReport report;
        var warnings = new List<ReportWarning>();
        try
        {
            GitRepository git = GitRepository.Open(currentDirectory);
            string headName = options.Head ?? "HEAD";
            string headCommit = git.ResolveCommit(headName)
                ?? throw new DiffInputException($"--head '{headName}' is not a commit of the git repository at {git.Root}{(options.Head is null ? " (a repository without commits)" : string.Empty)}.");
            (DateTimeOffset date, _) = git.CommitInfo(headCommit);
            List<string> specRoots = DiffCommand.SpecRoots(git, options.Specs, currentDirectory);

            Dictionary<string, string>? statuses = null;
            var inputs = new List<InputFile>();
            var read = new ReportCommand.ReadInputs();
            if (options.Assemblies.Count > 0)
            {
                List<ScannedAssembly> scanned = ReportCommand.ScanAssemblies(options.Assemblies, currentDirectory, warnings, inputs, read);
                List<TrxInput> results = options.Trx.Count > 0 ? ReportCommand.ReadTrx(options.Trx, currentDirectory, warnings, inputs, read) : [];
                statuses = ReportCommand.StatusesAt(git, headCommit, specRoots, scanned, results, inputs).ToDictionary(static p => p.Key, static p => TraceReport.Slug(p.Value), StringComparer.Ordinal);
            }

            if (options.Output is { Length: > 0 } target && read.Conflict(Path.GetFullPath(target, currentDirectory)) is { } conflict)
            {
                return CommandLine.Fail(error, Prefix + $"--output '{target}' {conflict}; nothing was written.");
            }

            report = FlowBuilder.Build(new FlowInputs(git, new FlowEvent(headCommit, date), specRoots, since, options.ReleaseTags, options.StaleAfter, statuses));
        }
        catch (Exception exception) when (exception is GitException or DiffInputException)
        {
            return CommandLine.Fail(error, Prefix + exception.Message + " Nothing was written.");
        }

        foreach (ReportWarning warning in warnings)
        {
            error.WriteLine(warning.Text);
        }

        if (report.Partial)
        {
            foreach (string note in report.Notes.Where(static n => n.StartsWith("This is a shallow clone", StringComparison.Ordinal) || n.StartsWith("No tag matches", StringComparison.Ordinal)))
            {
                error.WriteLine(Prefix + "partial: " + note);
            }
        }

        string text = options.Format switch
        {
            "html" => FlowHtmlWriter.Write(report),
            "json" => FlowJsonWriter.Write(report),
            "csv" => FlowCsvWriter.Write(report),
            _ => FlowMarkdownWriter.Write(report),
        };

        if (options.Output is { Length: > 0 } file)
        {
            string path = Path.GetFullPath(file, currentDirectory);
            if (CommandLine.WriteFile(path, text) is { } problem)
            {
                return CommandLine.Fail(error, Prefix + $"cannot write '{file}' ({problem}).");
            }

            LeadStats released = report.Overall.Steps.First(static s => s.Step == FlowStep.SpecifiedToReleased).Stats;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {CommandLine.Display(path, currentDirectory)}: {report.Overall.Criteria} criteria over {report.Commits} commits; specified → released median {Days(released.MedianDays)}, 85th percentile {Days(released.P85Days)} ({released.Count} released){(report.Partial ? "; partial (see the notes)" : string.Empty)}."));
        }
        else
        {
            output.Write(text);
        }

        return CommandLine.Ok;
    }

    private static string Days(double? days) => days is null ? "n/a" : FlowReport.FormatDays(days) + " days";
}
