using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpecGuard.Cli.Output;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Cli.Report;

/// <summary>
/// The report as code-scanning results (<c>specguard report --format sarif</c>, and its GitHub annotations): what needs
/// attention, each where it is written.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A counted criterion, on its ID in the spec file: failing → error <see cref="CriterionFailing"/>; untraced →
/// warning <see cref="CriterionUntraced"/>; pending → note <see cref="CriterionPending"/>; suspect (also a failing one) →
/// warning SPEC105. Verified and implemented-not-verified criteria are not results, nor are deprecated ones.</item>
/// <item>Every <c>--findings</c> finding, at its code location, with its own level (<c>none</c> as a note); a finding
/// whose location is not a local file (a URI of another scheme) has no location, the URI leading its message.</item>
/// <item>Every unknown link the assemblies' PDBs locate, as SPEC102 at the link, unless a <c>--findings</c> SPEC102 is
/// already on that line (the compiler reported the same link).</item>
/// </list>
/// Messages name the criterion but not its title, so that an alert's fingerprint survives a reworded title.
/// </remarks>
internal static partial class ReportResults
{
    /// <summary>A counted criterion with a failing linked test.</summary>
    public const string CriterionFailing = "specguard/criterion-failing";

    /// <summary>A counted criterion that nothing links to.</summary>
    public const string CriterionUntraced = "specguard/criterion-untraced";

    /// <summary>A counted criterion verified only by generated stubs, or whose tests were skipped or have not run.</summary>
    public const string CriterionPending = "specguard/criterion-pending";

    /// <summary>The rules of the <c>specguard/…</c> results, for <see cref="SarifLogWriter.Write"/>'s <c>extraRules</c>.</summary>
    public static IReadOnlyList<CodeScanRule> Rules { get; } =
    [
        new(CriterionFailing, "Criterion failing", "A test linked to the acceptance criterion with [Verifies] failed (any case, in any TRX file read). The criterion counts as failing in the report until its tests pass.", ProjectLinks.DocsBase + "cli.md#specguardcriterion-failing"),
        new(CriterionUntraced, "Criterion untraced", "No code implements the acceptance criterion ([Implements]) and no test verifies it ([Verifies]). Implement and test it, or mark it deprecated.", ProjectLinks.DocsBase + "cli.md#specguardcriterion-untraced"),
        new(CriterionPending, "Criterion pending", "Only generated pending tests verify the acceptance criterion, or its tests were skipped or have not run. Write a real test with [Verifies], and run it.", ProjectLinks.DocsBase + "cli.md#specguardcriterion-pending"),
    ];

    /// <summary>The results of <paramref name="report"/> (see the class remarks), in the report's order (the writers order them again).</summary>
    /// <param name="report">The report.</param>
    /// <param name="currentDirectory">The directory the report's displayed paths are relative to.</param>
    public static List<CodeScanResult> From(TraceReport report, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = new List<CodeScanResult>();
        foreach (FeatureRow feature in report.Features)
        {
            string? specPath = FullPath(feature.Spec.Path, currentDirectory);
            foreach (CriterionRow row in feature.Criteria.Where(static r => r.Counted))
            {
                int line = row.Spec.IdSpan.StartLine + 1;
                int column = row.Spec.IdSpan.StartColumn + 1;
                string id = row.Spec.Id;
                (string Rule, ResultLevel Level, string Message)? status = row.Status switch
                {
                    CriterionStatus.Failing => (CriterionFailing, ResultLevel.Error, Failing(row)),
                    CriterionStatus.Untraced => (CriterionUntraced, ResultLevel.Warning, $"{id} is untraced: no code implements it ([Implements]) and no test verifies it ([Verifies])."),
                    CriterionStatus.Pending => (CriterionPending, ResultLevel.Note, $"{id} is pending: only generated pending tests verify it, or its tests were skipped or have not run."),
                    _ => null,
                };
                if (status is { } s)
                {
                    results.Add(new CodeScanResult(s.Rule, s.Level, s.Message, specPath, line, null, column));
                }

                if (row.IsSuspect)
                {
                    results.Add(new CodeScanResult(
                        SpecRuleIds.SuspectLink,
                        ResultLevel.Warning,
                        $"{id} changed since its links were last reviewed: check that its implementing code and tests still match it, then run 'specguard review {id}'.",
                        specPath,
                        line,
                        null,
                        column));
                }
            }
        }

        var compilerUnknownLinks = new HashSet<(string, int)>();
        foreach (SpecFinding finding in report.Findings)
        {
            string? path = finding.Path is { } p ? FullPath(p, currentDirectory) : null;
            string message = path is null && finding.Path is { } uri ? uri + ": " + finding.Message : finding.Message;
            results.Add(new CodeScanResult(finding.Id, Level(finding.Level), message, path, path is null ? null : finding.Line, null, path is null ? null : finding.Column));
            if (finding.Id == SpecRuleIds.UnknownCriterion && path is not null && finding.Line is int findingLine)
            {
                compilerUnknownLinks.Add((path, findingLine));
            }
        }

        ResultLevel unknownLevel = Level(SpecRules.UnknownCriterion.DefaultSeverity);
        foreach (UnknownLink link in report.UnknownLinks)
        {
            if (link.Location is not { } location || FullPath(location.File, currentDirectory) is not { } path || compilerUnknownLinks.Contains((path, location.Line)))
            {
                continue;
            }

            string attribute = link.Link == "verifies" ? "Verifies" : "Implements";
            results.Add(new CodeScanResult(
                SpecRuleIds.UnknownCriterion,
                unknownLevel,
                $"[{attribute}(\"{link.Id}\")] on {link.Symbol} ({link.Assembly}) names a criterion that no spec file declares.",
                path,
                location.Line >= 1 ? location.Line : null));
        }

        return results;
    }

    private static string Failing(CriterionRow row)
    {
        string[] failed = [.. row.Tests.Where(static t => t.Outcome == TestOutcome.Failed).Select(static t => t.Name).Order(StringComparer.Ordinal)];
        string id = row.Spec.Id;
        return failed.Length switch
        {
            0 => $"{id} is failing: a linked test failed.",
            <= 3 => string.Create(CultureInfo.InvariantCulture, $"{id} is failing: {failed.Length} linked test(s) failed: {string.Join(", ", failed)}."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{id} is failing: {failed.Length} linked test(s) failed: {string.Join(", ", failed.Take(3))} and {failed.Length - 3} more."),
        };
    }

    /// <summary>SARIF's level as the findings log it (<c>none</c>, and anything unknown, as a note).</summary>
    private static ResultLevel Level(string level) => level switch
    {
        "error" => ResultLevel.Error,
        "warning" => ResultLevel.Warning,
        _ => ResultLevel.Note,
    };

    private static ResultLevel Level(SpecSeverity severity) => severity switch
    {
        SpecSeverity.Error => ResultLevel.Error,
        SpecSeverity.Warning => ResultLevel.Warning,
        _ => ResultLevel.Note,
    };

    /// <summary>A path as the report displays it (relative to the current directory, or full) as a full path; null for a URI of another scheme or an unusable path.</summary>
    private static string? FullPath(string displayed, string currentDirectory)
    {
        if (!Path.IsPathRooted(displayed) && HasScheme().IsMatch(displayed))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(displayed, currentDirectory);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>A URI scheme of two letters or more (<c>https:</c>), so that a Windows drive (<c>C:</c>) is not one.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex HasScheme();
}
