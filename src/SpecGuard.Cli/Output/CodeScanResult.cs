using System;
using System.Collections.Generic;
using System.Linq;

namespace SpecGuard.Cli.Output;

/// <summary>How serious a result is: SARIF's <c>error</c>, <c>warning</c>, <c>note</c>; GitHub's <c>error</c>, <c>warning</c>, <c>notice</c>.</summary>
internal enum ResultLevel
{
    Error,
    Warning,
    Note,
}

/// <summary>
/// One result for code scanning (SARIF) and CI annotations, from <c>validate</c>, <c>report</c> or <c>diff</c>: the one
/// shape both writers (<see cref="SarifLogWriter"/>, <see cref="GitHubAnnotations"/>) take, so the three commands print
/// the same thing the same way.
/// </summary>
/// <param name="RuleId">A SpecGuard rule ID (<c>SPEC100</c>) where one exists, else a <c>specguard/…</c> ID the writer is given a rule for.</param>
/// <param name="Level">How serious.</param>
/// <param name="Message">One or more sentences; plain text.</param>
/// <param name="Path">The file, a full local path; null for a result with no location.</param>
/// <param name="Line">1-based start line; null without a location (or a file-level result).</param>
/// <param name="EndLine">1-based end line, when the result covers several lines.</param>
/// <param name="Column">1-based start column, when known.</param>
internal sealed record CodeScanResult(string RuleId, ResultLevel Level, string Message, string? Path, int? Line, int? EndLine = null, int? Column = null)
{
    /// <summary>
    /// The order both writers print results in, whatever the input order: by path (ordinal; results without a path
    /// first), line, column, rule, message, then end line and level, so that equal inputs give byte-equal output.
    /// </summary>
    public static IReadOnlyList<CodeScanResult> Ordered(IEnumerable<CodeScanResult> results) =>
        [.. results
            .OrderBy(static r => r.Path, StringComparer.Ordinal)
            .ThenBy(static r => r.Line ?? 0)
            .ThenBy(static r => r.Column ?? 0)
            .ThenBy(static r => r.RuleId, StringComparer.Ordinal)
            .ThenBy(static r => r.Message, StringComparer.Ordinal)
            .ThenBy(static r => r.EndLine ?? 0)
            .ThenBy(static r => r.Level)];
}

/// <summary>A rule for a result ID that is not one of <c>SpecGuard.Core.Diagnostics.SpecRules</c> (e.g. <c>specguard/criterion-added</c>).</summary>
/// <param name="Id">The rule ID.</param>
/// <param name="Title">A short title.</param>
/// <param name="Description">One paragraph.</param>
/// <param name="HelpUri">The documentation page.</param>
internal sealed record CodeScanRule(string Id, string Title, string Description, string HelpUri);
