using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Output;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Cli.Diff;

/// <summary>
/// The diff as code-scanning results (SARIF, GitHub annotations): located on the spec lines of the criteria and on the
/// code lines of the links and changed methods; SPEC rule IDs where a rule says the same thing (SPEC003 for a collision,
/// SPEC100/101 untraced, SPEC102 a link to a removed criterion, SPEC103 to a deprecated one, SPEC105 a link to review,
/// SPEC200 a criterion left without a test), <c>specguard/…</c> IDs for what only the diff says.
/// </summary>
internal static class DiffResults
{
    private static readonly string Docs = SpecRules.HelpLinkBase[..^"rules/".Length] + "diff.md";

    public const string Added = "specguard/criterion-added";
    public const string Changed = "specguard/criterion-changed";
    public const string Deprecated = "specguard/criterion-deprecated";
    public const string Removed = "specguard/criterion-removed";
    public const string Renamed = "specguard/criterion-renamed";
    public const string Moved = "specguard/criterion-moved";
    public const string CodeChanged = "specguard/code-changed";
    public const string TestChanged = "specguard/test-changed";

    /// <summary>The rules of the <c>specguard/…</c> IDs.</summary>
    public static IReadOnlyList<CodeScanRule> Rules { get; } =
    [
        new(Added, "Criterion added", "The change adds this acceptance criterion: review that the code and tests of the change do what it says.", Docs + "#the-spec-side"),
        new(Changed, "Criterion changed", "The change edits this criterion (the field-level diff is in the message); a change to its title, given, when, then or examples changes what its code and tests must do.", Docs + "#the-spec-side"),
        new(Deprecated, "Criterion deprecated", "The change deprecates this criterion; links to it should move to its replacement.", Docs + "#the-spec-side"),
        new(Removed, "Criterion removed", "The change removes this criterion.", Docs + "#the-spec-side"),
        new(Renamed, "Criterion renamed", "The criterion keeps its text under a new ID; links that name the old ID name no criterion.", Docs + "#the-spec-side"),
        new(Moved, "Criterion moved", "The criterion moved to another spec file unchanged.", Docs + "#the-spec-side"),
        new(CodeChanged, "Code changed for a criterion", "Code this change touches implements these criteria: review it against their text.", Docs + "#the-code-side"),
        new(TestChanged, "Test changed for a criterion", "A test this change touches verifies these criteria: review it against their text.", Docs + "#the-code-side"),
    ];

    public static IReadOnlyList<CodeScanResult> From(DiffReport report, string root)
    {
        var results = new List<CodeScanResult>();
        string Full(string relative) => Path.GetFullPath(Path.Combine(root, relative));

        foreach (CriterionDiff c in report.Features.SelectMany(static f => f.Criteria))
        {
            string? specPath = c.At is { } at ? Full(at.Path) : null;
            int? specLine = c.At?.Line;
            string title = c.Title is null ? string.Empty : " (\"" + c.Title + "\")";
            if (c.Spec is { } spec)
            {
                switch (spec.Kind)
                {
                    case CriterionChangeKind.Added:
                        results.Add(new(Added, ResultLevel.Note, $"{c.Id} added{title}.", specPath, specLine));
                        break;
                    case CriterionChangeKind.Changed:
                        results.Add(new(Changed, ResultLevel.Note, $"{c.Id} changed{title}: {Fields(spec)}{(spec.Normative ? "; what its code and tests must do changed." : ".")}", specPath, specLine));
                        break;
                    case CriterionChangeKind.Deprecated:
                        results.Add(new(Deprecated, ResultLevel.Note, $"{c.Id} deprecated{(spec.After?.ReplacedBy is { } by ? ", replaced by " + by : string.Empty)}.", specPath, specLine));
                        break;
                    case CriterionChangeKind.Removed:
                        // The spec line is gone in the head: on the first line of the file that declared it, while the head
                        // has that file; else not in the log (code scanning rejects a log with a result without a location).
                        if (spec.BeforeAt is { } was && File.Exists(Full(was.Path)))
                        {
                            results.Add(new(Removed, ResultLevel.Note, $"{c.Id} removed{title} (was line {was.Line}).", Full(was.Path), 1));
                        }


                        break;
                    case CriterionChangeKind.Renamed:
                        results.Add(new(Renamed, ResultLevel.Note, $"{spec.PreviousId} renamed to {c.Id}{title}, its text unchanged.", specPath, specLine));
                        break;
                    case CriterionChangeKind.Moved:
                        results.Add(new(Moved, ResultLevel.Note, $"{c.Id} moved from {spec.BeforeAt?.Path}, unchanged.", specPath, specLine));
                        break;
                    case CriterionChangeKind.Collision:
                        results.Add(new(SpecRuleIds.DuplicateCriterionId, ResultLevel.Error, $"{c.Id} is added here, and {report.Base.Name} declares {c.Id} too ({spec.CollidesWith?.Path}:{spec.CollidesWith?.Line}) with other text or in another file: merging gives two criteria one ID. Give this one a new ID.", specPath, specLine));
                        break;
                }
            }

            if (c.LostLastTest)
            {
                results.Add(new(SpecRuleIds.PendingCriterion, ResultLevel.Warning, $"{c.Id}{title} lost its last verifying test in this change: nothing tests it now.", specPath, specLine));
            }

            foreach (CodeSite link in c.HeadLinks)
            {
                (string rule, ResultLevel level, string message)? result = c.Spec?.Kind switch
                {
                    CriterionChangeKind.Removed => (SpecRuleIds.UnknownCriterion, ResultLevel.Error, $"{c.Id} is removed by this change, and this link still names it: link the criterion that replaces it, or remove the link."),
                    CriterionChangeKind.Renamed => (SpecRuleIds.UnknownCriterion, ResultLevel.Error, $"{c.Spec.PreviousId} is renamed to {c.Id} by this change, and this link still names the old ID: name {c.Id}."),
                    CriterionChangeKind.Deprecated => (SpecRuleIds.DeprecatedCriterion, ResultLevel.Warning, $"{c.Id} is deprecated by this change{(c.Spec.After?.ReplacedBy is { } by ? " (replaced by " + by + ")" : string.Empty)}; this link still names it."),
                    CriterionChangeKind.Changed when c.Suspect => (SpecRuleIds.SuspectLink, ResultLevel.Warning, $"{c.Id}'s text changed in this change ({Fields(c.Spec)}): review this link against the new text."),
                    _ => null,
                };
                if (result is { } r)
                {
                    results.Add(new(r.rule, r.level, r.message, Full(link.Path), link.StartLine));
                }
            }
        }

        // Changed methods, one result per method with every criterion it serves.
        foreach (var group in report.Features.SelectMany(static f => f.Criteria).SelectMany(static c => c.CodeChanged.Select(s => (Site: s, c.Id))).GroupBy(static p => p.Site))
        {
            results.Add(new(CodeChanged, ResultLevel.Note, $"{group.Key.Symbol} changed; it implements {string.Join(", ", group.Select(static p => p.Id).Distinct().Order(System.StringComparer.Ordinal))}: review it against their text.", Full(group.Key.Path), group.Key.StartLine, group.Key.EndLine));
        }

        foreach (var group in report.Features.SelectMany(static f => f.Criteria).SelectMany(static c => c.TestsChanged.Select(s => (Site: s, c.Id))).GroupBy(static p => p.Site))
        {
            results.Add(new(TestChanged, ResultLevel.Note, $"{group.Key.Symbol} changed; it verifies {string.Join(", ", group.Select(static p => p.Id).Distinct().Order(System.StringComparer.Ordinal))}.", Full(group.Key.Path), group.Key.StartLine, group.Key.EndLine));
        }

        foreach (UntracedSite site in report.Untraced)
        {
            results.Add(new(site.Rule, ResultLevel.Warning, site.Message, Full(site.Path), site.Line, null, site.Column));
        }

        return results;
    }

    private static string Fields(CriterionChange change) =>
        change.Fields.IsEmpty ? "no field" : string.Join(", ", change.Fields.Select(static f => f.Field)) + string.Create(CultureInfo.InvariantCulture, $" ({change.Fields.Sum(static f => f.Lines.Count(static l => l.Op != ' '))} line(s))");
}
