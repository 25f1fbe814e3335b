using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Infrastructure;
using SpecGuard.Generators.Model;
using SpecGuard.Core;

namespace SpecGuard.Generators.Emit
{
    /// <summary>
    /// Pending tests: for each approved criterion that no test carries [Verifies] for, one test method in the project's
    /// framework, named after the ID and title, linked with [Verifies] (so it is selectable with
    /// <c>--filter "TestCategory=ID"</c>), Given/When/Then as comments, examples as a parameterised test, skipped or
    /// failing according to <see cref="PendingTestsMode"/>.
    /// </summary>
    internal static class StubEmitter
    {
        /// <summary>
        /// Above this many pending criteria in a project, each feature's pending criteria are one test (see
        /// <see cref="EmitGrouped"/>): 50,000 stub methods took a test project's build 164 s and 1.75 GB (docs/performance.md).
        /// </summary>
        public const int GroupAbove = 1000;

        /// <summary>How many criteria of <paramref name="features"/> would get a pending test.</summary>
        public static int CountPending(IEnumerable<CatalogEmitter.MergedFeature> features, IReadOnlyCollection<string> verified) =>
            features.Sum(feature => PendingCriteria(feature, verified).Count());

        /// <summary>
        /// The pending tests of a feature when the project has more than <see cref="GroupAbove"/>: one test per feature,
        /// linked with [Verifies] to each of its pending criteria (so the report and <c>--filter</c> still see every ID),
        /// skipped or failing with a reason that counts them and names the first ones. Examples are not expanded.
        /// </summary>
        public static string? EmitGrouped(CatalogEmitter.MergedFeature feature, IReadOnlyCollection<string> verified, TestFramework framework, PendingTestsMode mode, bool nullableAnnotations)
        {
            List<CatalogCriterion> pending = PendingCriteria(feature, verified).ToList();
            if (pending.Count == 0 || framework == TestFramework.None || mode == PendingTestsMode.Off)
            {
                return null;
            }

            string count = pending.Count.ToString("N0", CultureInfo.InvariantCulture);
            string first = string.Join(", ", pending.Take(5).Select(static c => c.Id));
            string reason = "Pending: " + count + " criteria of feature " + feature.Key + " have no test with [Verifies(\"ID\")] yet: " + first +
                (pending.Count > 5 ? ", and " + (pending.Count - 5).ToString("N0", CultureInfo.InvariantCulture) + " more" : string.Empty) +
                ". (The project has more than " + GroupAbove.ToString("N0", CultureInfo.InvariantCulture) + " pending criteria, so they are one test per feature.)";
            bool skip = mode == PendingTestsMode.Skip;

            var writer = new IndentedWriter();
            writer.Header(nullableAnnotations);
            writer.Open("namespace " + SpecContract.PendingTestsNamespace);
            writer.Line("/// <summary>Pending tests for feature " + feature.Key + ": criteria that no test verifies yet. Write a test with [Verifies(\"ID\")] and its ID leaves this test.</summary>");
            if (framework == TestFramework.MSTest)
            {
                writer.Line("[global::Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]");
            }

            writer.Line(AttributeSource.GeneratedCode);
            writer.Open("public sealed partial class " + SpecContract.PendingTestsClass(feature.Key));
            writer.Line("/// <summary>" + Names.DocText(reason) + "</summary>");
            writer.Line(AttributeSource.PendingStubMarker);
            TestAttributes(writer, framework, skip, reason, new List<string>());
            writer.Line("[global::SpecGuard.Verifies(" + string.Join(", ", pending.Select(static c => Names.Literal(c.Id))) + ")]");
            writer.Open("public void " + SpecContract.FeatureClass(feature.Key) + "_pending_criteria()");
            if (!skip)
            {
                writer.Line("throw new global::System.NotImplementedException(" + Names.Literal(reason) + ");");
            }

            writer.Close();
            writer.Close();
            writer.Close();
            return writer.ToString();
        }

        public static string? Emit(CatalogEmitter.MergedFeature feature, IReadOnlyCollection<string> verified, TestFramework framework, PendingTestsMode mode, bool nullableAnnotations)
        {
            List<(CatalogCriterion Criterion, List<Column> Columns)> pending = PendingCriteria(feature, verified)
                .Select(c => (Criterion: c, Columns: Columns(c.Examples)))
                .Where(p => p.Columns is not null)
                .Select(p => (p.Criterion, p.Columns!))
                .ToList();
            if (pending.Count == 0 || framework == TestFramework.None || mode == PendingTestsMode.Off)
            {
                return null;
            }

            var writer = new IndentedWriter();
            writer.Header(nullableAnnotations);
            writer.Open("namespace " + SpecContract.PendingTestsNamespace);
            writer.Line("/// <summary>Pending tests for feature " + feature.Key + ": criteria that no test verifies yet. Write a test with [Verifies(\"ID\")] and the stub disappears.</summary>");
            if (framework == TestFramework.MSTest)
            {
                writer.Line("[global::Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]");
            }

            writer.Line(AttributeSource.GeneratedCode);
            writer.Open("public sealed partial class " + SpecContract.PendingTestsClass(feature.Key));
            bool first = true;
            foreach ((CatalogCriterion criterion, List<Column> columns) in pending)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                EmitTest(writer, criterion, columns, framework, mode, nullableAnnotations);
            }

            writer.Close();
            writer.Close();
            return writer.ToString();
        }

        /// <summary>
        /// Approved criteria (drafts are not binding yet, deprecated ones no longer) with no [Verifies] test and valid
        /// examples (a criterion whose examples are invalid has a SPEC002 and gets no stub: nothing is generated from it).
        /// </summary>
        public static IEnumerable<CatalogCriterion> PendingCriteria(CatalogEmitter.MergedFeature feature, IReadOnlyCollection<string> verified) =>
            feature.Criteria.Where(c => c.Status == SpecStatus.Approved && !c.HasInvalidExamples && !verified.Contains(c.Id));

        private static void EmitTest(IndentedWriter writer, CatalogCriterion criterion, List<Column> columns, TestFramework framework, PendingTestsMode mode, bool nullableAnnotations)
        {
            string reason = "Pending: " + criterion.Id + " (" + Names.CommentText(criterion.Title) + ") has no test with [Verifies(\"" + criterion.Id + "\")] yet.";
            bool parameterised = columns.Count > 0;

            writer.Line("/// <summary>" + criterion.Id + ": " + Names.DocText(criterion.Title) + "</summary>");
            Comment(writer, "Given", criterion.Given);
            Comment(writer, "When", criterion.When);
            Comment(writer, "Then", criterion.Then);
            writer.Line(AttributeSource.PendingStubMarker);

            bool skip = mode == PendingTestsMode.Skip;
            // Rows only with columns: a row without a column would be an empty data row on a plain test.
            TestAttributes(writer, framework, skip, reason, parameterised ? criterion.Examples.Select(row => Arguments(columns, row)).ToList() : new List<string>());

            writer.Line("[global::SpecGuard.Verifies(" + Names.Literal(criterion.Id) + ")]");
            string parameters = string.Join(", ", columns.Select(c => c.TypeName(nullableAnnotations) + " " + c.Parameter));
            writer.Open("public void " + Names.TestMethod(criterion.Id, criterion.Title) + "(" + parameters + ")");

            // Uses every parameter (a theory that ignores one is flagged by test analyzers) without '_ = x', which a
            // column named '_' would turn into a self-assignment.
            foreach (Column column in columns)
            {
                writer.Line("global::System.GC.KeepAlive(" + column.Parameter + ");");
            }

            if (!skip)
            {
                writer.Line("throw new global::System.NotImplementedException(" + Names.Literal(reason) + ");");
            }

            writer.Close();
        }

        /// <summary>
        /// The framework's test attributes: a test (parameterised when there are <paramref name="rows"/>, one data row each),
        /// skipped with <paramref name="reason"/> when <paramref name="skip"/>.
        /// </summary>
        private static void TestAttributes(IndentedWriter writer, TestFramework framework, bool skip, string reason, List<string> rows)
        {
            switch (framework)
            {
                case TestFramework.XunitV2:
                case TestFramework.XunitV3:
                    writer.Line((rows.Count > 0 ? "[global::Xunit.Theory" : "[global::Xunit.Fact") + (skip ? "(Skip = " + Names.Literal(reason) + ")" : string.Empty) + "]");
                    foreach (string row in rows)
                    {
                        writer.Line("[global::Xunit.InlineData(" + row + ")]");
                    }

                    break;
                case TestFramework.NUnit:
                    foreach (string row in rows)
                    {
                        writer.Line("[global::NUnit.Framework.TestCase(" + row + ")]");
                    }

                    if (rows.Count == 0)
                    {
                        writer.Line("[global::NUnit.Framework.Test]");
                    }

                    if (skip)
                    {
                        writer.Line("[global::NUnit.Framework.Ignore(" + Names.Literal(reason) + ")]");
                    }

                    break;
                case TestFramework.MSTest:
                    writer.Line("[global::Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]");
                    foreach (string row in rows)
                    {
                        writer.Line("[global::Microsoft.VisualStudio.TestTools.UnitTesting.DataRow(" + row + ")]");
                    }

                    if (skip)
                    {
                        writer.Line("[global::Microsoft.VisualStudio.TestTools.UnitTesting.Ignore(" + Names.Literal(reason) + ")]");
                    }

                    break;
            }
        }

        private static void Comment(IndentedWriter writer, string keyword, EquatableArray<string> sentences)
        {
            foreach (string sentence in sentences)
            {
                writer.Line("// " + keyword + " " + Names.CommentText(sentence));
                keyword = "  and";
            }
        }

        private static string Arguments(List<Column> columns, EquatableArray<ExampleCell> row) =>
            string.Join(", ", columns.Select(column => Literal(column, row.FirstOrDefault(cell => cell.Name == column.Name))));

        /// <summary>
        /// A C# literal of the column's type from a cell's canonical value (validated by the loader, checked again
        /// here): integers as invariant digits, doubles in round-trip form, booleans as true/false, text through
        /// <see cref="Names.Literal"/>. Nothing from the spec is written any other way.
        /// </summary>
        private static string Literal(Column column, ExampleCell? cell)
        {
            if (cell is null || cell.Kind == ExampleValueKind.Null || cell.Value is null)
            {
                return "null";
            }

            switch (column.Kind)
            {
                case ColumnKind.Bool:
                    return cell.Value == "true" ? "true" : "false";
                case ColumnKind.Int:
                    return ParseLong(cell.Value)!.Value.ToString(CultureInfo.InvariantCulture);
                case ColumnKind.Long:
                    return ParseLong(cell.Value)!.Value.ToString(CultureInfo.InvariantCulture) + "L";
                case ColumnKind.Double:
                    double number = ParseDouble(cell)!.Value;
                    return double.IsPositiveInfinity(number) ? "double.PositiveInfinity"
                        : double.IsNegativeInfinity(number) ? "double.NegativeInfinity"
                        : double.IsNaN(number) ? "double.NaN"
                        : number.ToString("R", CultureInfo.InvariantCulture) + "d";
                default:
                    return Names.Literal(cell.Value);
            }
        }

        private static long? ParseLong(string canonical) =>
            long.TryParse(canonical, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;

        private static double? ParseDouble(ExampleCell cell)
        {
            switch (cell.Value)
            {
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
                case "NaN":
                    return double.NaN;
            }

            if (cell.Kind == ExampleValueKind.Integer)
            {
                return ParseLong(cell.Value!);
            }

            return double.TryParse(cell.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value) && !double.IsInfinity(value)
                ? value
                : null;
        }

        /// <summary>
        /// One parameter per column (in first-seen order); its type fits every row's value. Null when a column name
        /// is not an identifier or a value is not in the canonical form of its kind (the loader never produces either;
        /// the criterion then gets no stub rather than code that does not compile).
        /// </summary>
        private static List<Column>? Columns(EquatableArray<EquatableArray<ExampleCell>> rows)
        {
            var names = new List<string>();
            foreach (EquatableArray<ExampleCell> row in rows)
            {
                foreach (ExampleCell cell in row)
                {
                    if (!names.Contains(cell.Name))
                    {
                        names.Add(cell.Name);
                    }

                    bool wellFormed = cell.Kind switch
                    {
                        ExampleValueKind.Null => true,
                        ExampleValueKind.String => cell.Value is not null,
                        ExampleValueKind.Boolean => cell.Value == "true" || cell.Value == "false",
                        ExampleValueKind.Integer => cell.Value is not null && ParseLong(cell.Value) is not null,
                        ExampleValueKind.Float => cell.Value is not null && ParseDouble(cell) is not null,
                        _ => false,
                    };
                    if (!wellFormed)
                    {
                        return null;
                    }
                }
            }

            var columns = new List<Column>();
            foreach (string name in names)
            {
                string? parameter = Names.Parameter(name);
                if (parameter is null)
                {
                    return null;
                }

                var kinds = new HashSet<ExampleValueKind>();
                bool nullable = false;
                bool wide = false;
                foreach (EquatableArray<ExampleCell> row in rows)
                {
                    ExampleCell? cell = row.FirstOrDefault(c => c.Name == name);
                    if (cell is null || cell.Kind == ExampleValueKind.Null)
                    {
                        nullable = true;
                        continue;
                    }

                    kinds.Add(cell.Kind);
                    if (cell.Kind == ExampleValueKind.Integer && ParseLong(cell.Value!) is long value && (value < int.MinValue || value > int.MaxValue))
                    {
                        wide = true;
                    }
                }

                // Mixed kinds are written as text, so every value becomes a string literal.
                ColumnKind kind =
                    kinds.Count == 0 ? ColumnKind.String :
                    kinds.All(k => k == ExampleValueKind.Integer) ? (wide ? ColumnKind.Long : ColumnKind.Int) :
                    kinds.All(k => k is ExampleValueKind.Integer or ExampleValueKind.Float) ? ColumnKind.Double :
                    kinds.All(k => k == ExampleValueKind.Boolean) ? ColumnKind.Bool :
                    ColumnKind.String;
                columns.Add(new Column(name, parameter, kind, nullable));
            }

            return columns;
        }

        private enum ColumnKind
        {
            String,
            Int,
            Long,
            Double,
            Bool,
        }

        private sealed record Column(string Name, string Parameter, ColumnKind Kind, bool Nullable)
        {
            /// <summary>The parameter's type; a nullable string is <c>string?</c> only where nullable annotations exist (C# 8 on).</summary>
            public string TypeName(bool nullableAnnotations)
            {
                string type = Kind switch
                {
                    ColumnKind.Int => "int",
                    ColumnKind.Long => "long",
                    ColumnKind.Double => "double",
                    ColumnKind.Bool => "bool",
                    _ => "string",
                };
                return !Nullable ? type : Kind == ColumnKind.String && !nullableAnnotations ? type : type + "?";
            }
        }
    }
}
