using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;

namespace SpecGuard.Cli.Report;

/// <summary>A TRX file's results, by the path displayed for it.</summary>
internal sealed record TrxInput(string Path, IReadOnlyList<TrxResult> Results);

/// <summary>
/// Joins specs, assembly links and test results into a <see cref="TraceReport"/>. Pure: no I/O, and the output does not
/// depend on the order of the inputs (everything is sorted by ordinal).
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_003, SpecGuard.Specs.CliCriteria.CLI_004)]
internal static class ReportBuilder
{
    /// <summary>How many "declared by no given assembly" lines one TRX file may print before they are summed up.</summary>
    public const int UndeclaredTestLinesPerFile = 10;

    private static readonly ImmutableArray<string> NoIds = [];

    /// <summary>
    /// The features to report on: one per key, from <see cref="SpecSet.FeatureGroups"/> (the answer the build's catalog
    /// gives too). Two files with one key are SPEC005, an error printed with the other spec errors; their criteria are
    /// merged by path order, so no criterion of either file is dropped and no link to one reads "unknown".
    /// </summary>
    public static List<SpecFeature> SelectFeatures(SpecSet set) => [.. set.FeatureGroups.Select(static g => g.Merged)];

    public static TraceReport Build(
        IReadOnlyList<SpecFeature> features,
        IReadOnlyList<ScannedAssembly> assemblies,
        IReadOnlyList<TrxInput> trxFiles,
        IReadOnlyList<InputFile> inputs,
        List<ReportWarning> warnings,
        IReadOnlyList<SpecFinding>? findings = null,
        IReadOnlyDictionary<string, string>? reviewed = null)
    {
        var orderedAssemblies = assemblies.OrderBy(static a => a.Name, StringComparer.Ordinal).ThenBy(static a => a.Path, StringComparer.Ordinal).ToList();

        // Types by key, in assembly order (a type built for two target frameworks appears twice).
        var types = new Dictionary<string, List<(ScannedAssembly Assembly, ScannedType Type)>>(StringComparer.Ordinal);
        foreach (ScannedAssembly assembly in orderedAssemblies)
        {
            foreach (ScannedType type in assembly.Types)
            {
                if (!types.TryGetValue(type.Key, out var list))
                {
                    types.Add(type.Key, list = []);
                }

                list.Add((assembly, type));
            }
        }

        // Outcomes per test (assembly, class, method), over all cases and files; tests no given assembly declares are
        // reported per file. The assembly is part of the key: two test assemblies can hold a class of the same full name,
        // and a result must count for the test that ran, never for its namesake.
        var outcomes = new SortedDictionary<(string Assembly, string Class, string Method), int[]>(TestKeyComparer.Instance);
        foreach (TrxInput trx in trxFiles.OrderBy(static t => t.Path, StringComparer.Ordinal))
        {
            var undeclared = new SortedSet<string>(StringComparer.Ordinal);
            foreach (TrxResult result in trx.Results)
            {
                if (!types.TryGetValue(result.ClassName, out var candidates) || ResultAssembly(candidates, result.AssemblyPath) is not { } assembly)
                {
                    undeclared.Add(result.ClassName + "." + result.MethodName + (result.AssemblyPath is null || candidates is null ? string.Empty : " (in " + FileName(result.AssemblyPath) + ")"));
                    continue;
                }

                var key = (assembly.Name, result.ClassName, result.MethodName);
                if (!outcomes.TryGetValue(key, out int[]? counts))
                {
                    outcomes.Add(key, counts = new int[3]);
                }

                counts[result.Outcome switch { TestOutcome.Passed => 0, TestOutcome.Failed => 1, _ => 2 }]++;
            }

            if (orderedAssemblies.Count > 0)
            {
                foreach (string test in undeclared.Take(UndeclaredTestLinesPerFile))
                {
                    warnings.Add(ReportWarning.Create(trx.Path, "test " + test + " is declared by no given assembly; its result is not counted (pass its test assembly with --assembly)"));
                }

                if (undeclared.Count > UndeclaredTestLinesPerFile)
                {
                    warnings.Add(ReportWarning.Create(trx.Path, string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} more tests are declared by no given assembly; their results are not counted",
                        undeclared.Count - UndeclaredTestLinesPerFile)));
                }
            }
        }

        if (orderedAssemblies.Count == 0 && trxFiles.Any(static t => t.Results.Count > 0))
        {
            warnings.Add(ReportWarning.Create("--assembly", "no assemblies were read, so no test result can be linked to a criterion (pass the built test and production assemblies)"));
        }

        var evidence = new Dictionary<string, List<TestEvidence>>(StringComparer.Ordinal);
        var testedTypes = new HashSet<(string Assembly, string Type)>();
        var ranMethods = new HashSet<(string Assembly, string Type, string Method)>();
        var unknown = new List<UnknownLink>();
        var criteria = new HashSet<string>(features.SelectMany(static f => f.Criteria).Select(static c => c.Id), StringComparer.Ordinal);

        foreach (var ((assemblyName, className, methodName), counts) in outcomes)
        {
            var (assembly, type) = Lookup(types[className], assemblyName);
            (ScannedAssembly? declaringAssembly, ScannedType? declaring, ScannedMethod? method) = FindMethod(types, assembly, type, methodName);
            if (declaring is not null)
            {
                ranMethods.Add((declaringAssembly!.Name, declaring.Key, methodName));
            }

            IEnumerable<string> ids = (method?.Verifies ?? NoIds).Concat(TypeChainVerifies(types, assembly, type));
            testedTypes.Add((assembly.Name, className));
            TestOutcome outcome = OutcomeOf(counts[0], counts[1], counts[2]);
            var test = new TestEvidence(
                type.DisplayName + "." + methodName,
                "test",
                assembly.Name,
                method?.Location,
                outcome,
                method?.IsPendingStub ?? false,
                counts[0],
                counts[1],
                counts[2]);
            foreach (string id in ids.Distinct(StringComparer.Ordinal))
            {
                AddEvidence(evidence, criteria, unknown, id, test);
            }
        }

        // Linked tests without results: methods with their own [Verifies], and classes that verify but none of whose tests ran.
        foreach (ScannedAssembly assembly in orderedAssemblies)
        {
            foreach (ScannedType type in assembly.Types)
            {
                foreach (ScannedMethod method in type.Methods.Values)
                {
                    if (method.Verifies.IsEmpty || ranMethods.Contains((assembly.Name, type.Key, method.Name)))
                    {
                        continue;
                    }

                    var test = new TestEvidence(method.DisplayName, "test", assembly.Name, method.Location, TestOutcome.NotRun, method.IsPendingStub, 0, 0, 0);
                    foreach (string id in method.Verifies.Concat(TypeChainVerifies(types, assembly, type)).Distinct(StringComparer.Ordinal))
                    {
                        AddEvidence(evidence, criteria, unknown, id, test);
                    }
                }

                if (!type.Verifies.IsEmpty && !testedTypes.Contains((assembly.Name, type.Key)))
                {
                    SourceLocation? location = type.Methods.Values.Select(static m => m.Location).FirstOrDefault(static l => l is not null);
                    var test = new TestEvidence(type.DisplayName, "test class", assembly.Name, location, TestOutcome.NotRun, false, 0, 0, 0);
                    foreach (string id in type.Verifies)
                    {
                        AddEvidence(evidence, criteria, unknown, id, test);
                    }
                }
            }
        }

        var implementations = new Dictionary<string, List<LinkedSymbol>>(StringComparer.Ordinal);
        foreach (ScannedAssembly assembly in orderedAssemblies)
        {
            foreach (LinkedSymbol symbol in assembly.Implementations)
            {
                foreach (string id in symbol.Ids)
                {
                    if (!criteria.Contains(id))
                    {
                        unknown.Add(new UnknownLink(id, "implements", symbol.Symbol, symbol.Assembly, symbol.Location));
                        continue;
                    }

                    if (!implementations.TryGetValue(id, out var list))
                    {
                        implementations.Add(id, list = []);
                    }

                    if (!list.Exists(s => s.Symbol == symbol.Symbol && s.Kind == symbol.Kind && s.Location == symbol.Location))
                    {
                        list.Add(symbol with { Ids = [id] });
                    }
                }
            }
        }

        var featureRows = new List<FeatureRow>(features.Count);
        foreach (SpecFeature feature in features)
        {
            var rows = new List<CriterionRow>(feature.Criteria.Count);
            foreach (Criterion criterion in feature.Criteria)
            {
                ReviewState? review = reviewed is null
                    ? null
                    : new ReviewState(CriterionFingerprint.Of(criterion), reviewed.TryGetValue(criterion.Id, out string? fingerprint) ? fingerprint : null);
                rows.Add(Row(
                    criterion,
                    feature.Key,
                    implementations.TryGetValue(criterion.Id, out var symbols) ? symbols : [],
                    evidence.TryGetValue(criterion.Id, out var found) ? found : [],
                    review));
            }

            featureRows.Add(Feature(feature, rows));
        }

        return Assemble(featureRows, unknown, inputs, warnings, findings);
    }

    /// <summary>
    /// One criterion's row: its implementations and tests sorted (symbol, kind, file:line, assembly; name, file:line,
    /// assembly), its status by <see cref="StatusOf"/> and, with a review state, <see cref="WithReview"/>. The one place
    /// a row is made, for a run over the inputs and for <c>--merge</c> alike.
    /// </summary>
    internal static CriterionRow Row(Criterion criterion, string featureKey, IEnumerable<LinkedSymbol> implementations, IEnumerable<TestEvidence> tests, ReviewState? review)
    {
        ImmutableArray<LinkedSymbol> code = [.. implementations.OrderBy(static s => s.Symbol, StringComparer.Ordinal).ThenBy(static s => s.Kind, StringComparer.Ordinal).ThenBy(static s => TraceReport.Location(s.Location), StringComparer.Ordinal).ThenBy(static s => s.Assembly, StringComparer.Ordinal)];
        ImmutableArray<TestEvidence> sortedTests = [.. tests.OrderBy(static t => t.Name, StringComparer.Ordinal).ThenBy(static t => TraceReport.Location(t.Location), StringComparer.Ordinal).ThenBy(static t => t.Assembly, StringComparer.Ordinal)];
        CriterionStatus status = StatusOf(code, sortedTests);
        if (review is not null)
        {
            status = WithReview(status, review);
        }

        return new CriterionRow(criterion, featureKey, status, criterion.Status != SpecStatus.Deprecated, code, sortedTests) { Review = review };
    }

    /// <summary>A feature's row: its criteria ordered by ID, and their coverage.</summary>
    internal static FeatureRow Feature(SpecFeature feature, IEnumerable<CriterionRow> rows)
    {
        ImmutableArray<CriterionRow> criteria = [.. rows.OrderBy(static r => r.Spec.Id, StringComparer.Ordinal)];
        return new FeatureRow(feature, Summarise(criteria), criteria);
    }

    /// <summary>
    /// The report from its parts, each put in the report's order: features by key, unknown links distinct and sorted,
    /// inputs by kind and path, warnings distinct and grouped by input, findings by <see cref="DistinctFindings"/>.
    /// </summary>
    internal static TraceReport Assemble(IEnumerable<FeatureRow> features, IEnumerable<UnknownLink> unknown, IEnumerable<InputFile> inputs, IEnumerable<ReportWarning> warnings, IReadOnlyList<SpecFinding>? findings)
    {
        ImmutableArray<FeatureRow> allFeatures = [.. features.OrderBy(static f => f.Spec.Key, StringComparer.Ordinal)];
        return new TraceReport(
            Summarise(allFeatures.SelectMany(static f => f.Criteria)),
            allFeatures,
            [.. unknown
                .Distinct()
                .OrderBy(static u => u.Id, StringComparer.Ordinal)
                .ThenBy(static u => u.Link, StringComparer.Ordinal)
                .ThenBy(static u => u.Symbol, StringComparer.Ordinal)
                .ThenBy(static u => TraceReport.Location(u.Location), StringComparer.Ordinal)
                .ThenBy(static u => u.Assembly, StringComparer.Ordinal)],
            [.. inputs.Distinct().OrderBy(static i => i.Kind, StringComparer.Ordinal).ThenBy(static i => i.Path, StringComparer.Ordinal)],
            // Grouped by input (a stable sort keeps each input's lines in the order they were found), so the order of
            // the arguments does not change the output.
            [.. warnings.Distinct().OrderBy(static w => w.Input, StringComparer.Ordinal)])
        {
            Findings = DistinctFindings(findings ?? []),
            FindingsRequested = findings is not null,
        };
    }

    /// <summary>A test's outcome from its case counts over every result file: failed if any case failed, else skipped if any was, else passed; not run without cases.</summary>
    internal static TestOutcome OutcomeOf(int passed, int failed, int skipped) =>
        failed > 0 ? TestOutcome.Failed : skipped > 0 ? TestOutcome.Skipped : passed > 0 ? TestOutcome.Passed : TestOutcome.NotRun;

    /// <summary>
    /// One finding per rule, path, line, column and message (a project built for several target frameworks logs each
    /// finding once per framework; the most severe level is kept), ordered by path (ordinal; findings without a location
    /// first), line, column, rule and message, so the order of the SARIF files does not matter.
    /// </summary>
    public static ImmutableArray<SpecFinding> DistinctFindings(IReadOnlyList<SpecFinding> findings) =>
        [.. findings
            .GroupBy(static f => (f.Id, f.Path, f.Line, f.Column, f.Message))
            .Select(static g => g.OrderByDescending(static f => Severity(f.Level)).ThenBy(static f => f.Level, StringComparer.Ordinal).First())
            .OrderBy(static f => f.Path, StringComparer.Ordinal)
            .ThenBy(static f => f.Line ?? 0)
            .ThenBy(static f => f.Column ?? 0)
            .ThenBy(static f => f.Id, StringComparer.Ordinal)
            .ThenBy(static f => f.Message, StringComparer.Ordinal)];

    private static int Severity(string level) => level switch
    {
        "error" => 3,
        "warning" => 2,
        "note" => 1,
        _ => 0,
    };

    /// <summary>
    /// A suspect criterion (changed since its links were last reviewed) counts neither as verified nor as implemented:
    /// verified, implemented-not-verified and pending become suspect. A failing test stays failing (the stronger signal,
    /// with its own gate); an untraced criterion has no link to re-check.
    /// </summary>
    public static CriterionStatus WithReview(CriterionStatus status, ReviewState review) =>
        review.Suspect && status is CriterionStatus.Verified or CriterionStatus.ImplementedNotVerified or CriterionStatus.Pending
            ? CriterionStatus.Suspect
            : status;

    /// <summary>The status rules, in order: failing, verified, pending (stubs or skipped tests), implemented-not-verified, pending (tests that have not run), untraced.</summary>
    public static CriterionStatus StatusOf(ImmutableArray<LinkedSymbol> implementations, ImmutableArray<TestEvidence> tests)
    {
        bool anyFailed = false;
        bool anyRan = false;
        bool allRanPassed = true;
        bool anySkipped = false;
        bool anyStub = false;
        bool anyRealTest = false;
        foreach (TestEvidence test in tests)
        {
            if (test.IsPendingStub)
            {
                anyStub = true;
                continue;
            }

            anyRealTest = true;
            if (test.Outcome == TestOutcome.NotRun)
            {
                continue;
            }

            anyRan = true;
            anyFailed |= test.Outcome == TestOutcome.Failed;
            anySkipped |= test.Outcome == TestOutcome.Skipped;
            allRanPassed &= test.Outcome == TestOutcome.Passed;
        }

        if (anyFailed)
        {
            return CriterionStatus.Failing;
        }

        if (anyRan && allRanPassed)
        {
            return CriterionStatus.Verified;
        }

        if (anyStub || anySkipped)
        {
            return CriterionStatus.Pending;
        }

        if (!implementations.IsEmpty)
        {
            return CriterionStatus.ImplementedNotVerified;
        }

        return anyRealTest ? CriterionStatus.Pending : CriterionStatus.Untraced;
    }

    internal static Coverage Summarise(IEnumerable<CriterionRow> rows)
    {
        int total = 0, counted = 0, implemented = 0;
        int[] byStatus = new int[6];
        foreach (CriterionRow row in rows)
        {
            total++;
            if (!row.Counted)
            {
                continue;
            }

            counted++;
            byStatus[(int)row.Status]++;
            if (!row.Implementations.IsEmpty && !row.IsSuspect)
            {
                implemented++;
            }
        }

        return new Coverage(total, counted, byStatus[0], byStatus[1], byStatus[2], byStatus[3], byStatus[4], implemented, byStatus[5]);
    }

    private static void AddEvidence(Dictionary<string, List<TestEvidence>> evidence, HashSet<string> criteria, List<UnknownLink> unknown, string id, TestEvidence test)
    {
        if (!criteria.Contains(id))
        {
            unknown.Add(new UnknownLink(id, "verifies", test.Name, test.Assembly, test.Location));
            return;
        }

        if (!evidence.TryGetValue(id, out var list))
        {
            evidence.Add(id, list = []);
        }

        if (!list.Exists(t => t.Name == test.Name && t.Location == test.Location))
        {
            list.Add(test);
        }
    }

    /// <summary>
    /// The assembly whose test a TRX result is, among those that declare its class: the one at the path the TRX names,
    /// else the one with that file name (TRX files are often read on another machine or after a move), else none: the
    /// class that ran is not among the given assemblies, and its namesake's status must not change. A result that names
    /// no assembly (its definition was lost) goes to the first declaring assembly, by name.
    /// </summary>
    private static ScannedAssembly? ResultAssembly(List<(ScannedAssembly Assembly, ScannedType Type)> candidates, string? assemblyPath)
    {
        if (assemblyPath is null)
        {
            return candidates[0].Assembly;
        }

        foreach (var (assembly, _) in candidates)
        {
            if (string.Equals(assembly.Path, assemblyPath, StringComparison.Ordinal))
            {
                return assembly;
            }
        }

        string stem = Stem(FileName(assemblyPath));
        foreach (var (assembly, _) in candidates)
        {
            // Case-insensitive: some versions of the TRX logger lower-case the storage path.
            if (string.Equals(Stem(Path.GetFileName(assembly.Path)), stem, StringComparison.OrdinalIgnoreCase)
                || string.Equals(assembly.Name, stem, StringComparison.OrdinalIgnoreCase))
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>The last segment of a path written on any OS ('/' or '\\').</summary>
    private static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static string Stem(string fileName) =>
        fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;

    /// <summary>The declaration of <paramref name="key"/> in <paramref name="assemblyName"/>, else the first one (a base type in a referenced assembly).</summary>
    private static (ScannedAssembly Assembly, ScannedType Type) Lookup(List<(ScannedAssembly Assembly, ScannedType Type)> declarations, string assemblyName)
    {
        foreach (var declaration in declarations)
        {
            if (string.Equals(declaration.Assembly.Name, assemblyName, StringComparison.Ordinal))
            {
                return declaration;
            }
        }

        return declarations[0];
    }

    /// <summary>The method by name on the type or, for inherited tests, its base types (bounded, in case of a cycle); base types are looked up in the same assembly first.</summary>
    private static (ScannedAssembly? Assembly, ScannedType? Declaring, ScannedMethod? Method) FindMethod(Dictionary<string, List<(ScannedAssembly, ScannedType)>> types, ScannedAssembly assembly, ScannedType type, string name)
    {
        ScannedAssembly? currentAssembly = assembly;
        ScannedType? current = type;
        for (int depth = 0; current is not null && depth < 32; depth++)
        {
            if (current.Methods.TryGetValue(name, out ScannedMethod? method))
            {
                return (currentAssembly, current, method);
            }

            if (current.BaseKey is { } baseKey && types.TryGetValue(baseKey, out var list))
            {
                (currentAssembly, current) = Lookup(list, currentAssembly!.Name);
            }
            else
            {
                current = null;
            }
        }

        return (null, null, null);
    }

    /// <summary>The type's own [Verifies] and those of the types it is nested in (in the same assembly).</summary>
    private static IEnumerable<string> TypeChainVerifies(Dictionary<string, List<(ScannedAssembly, ScannedType)>> types, ScannedAssembly assembly, ScannedType type)
    {
        ScannedType? current = type;
        for (int depth = 0; current is not null && depth < 32; depth++)
        {
            foreach (string id in current.Verifies)
            {
                yield return id;
            }

            current = current.EnclosingKey is { } enclosing && types.TryGetValue(enclosing, out var list) ? Lookup(list, assembly.Name).Type : null;
        }
    }

    /// <summary>Orders test keys by ordinal comparison of assembly, class and method, so iteration does not depend on input order.</summary>
    private sealed class TestKeyComparer : IComparer<(string Assembly, string Class, string Method)>
    {
        public static readonly TestKeyComparer Instance = new();

        public int Compare((string Assembly, string Class, string Method) x, (string Assembly, string Class, string Method) y)
        {
            int result = string.CompareOrdinal(x.Assembly, y.Assembly);
            if (result == 0)
            {
                result = string.CompareOrdinal(x.Class, y.Class);
            }

            return result == 0 ? string.CompareOrdinal(x.Method, y.Method) : result;
        }
    }
}
