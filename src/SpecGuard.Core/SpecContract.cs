using System;
using System.Text;

namespace SpecGuard.Core
{
    /// <summary>
    /// What the generator, the analyzers, the code fixes and the CLI share about the code SpecGuard generates and reads:
    /// the link attributes' names, the catalog's class and constant names, the marker on generated pending stubs, and
    /// which files are spec files. Each is defined here once; the others use it (issue 11, "one contract in Core").
    /// </summary>
    public static class SpecContract
    {
        /// <summary>The namespace of the generated link attributes.</summary>
        public const string AttributeNamespace = "SpecGuard";

        /// <summary>The <c>[Implements]</c> attribute's class name.</summary>
        public const string ImplementsAttribute = "ImplementsAttribute";

        /// <summary>The <c>[Verifies]</c> attribute's class name.</summary>
        public const string VerifiesAttribute = "VerifiesAttribute";

        /// <summary>The <c>[SpecExempt]</c> attribute's class name.</summary>
        public const string SpecExemptAttribute = "SpecExemptAttribute";

        /// <summary><c>SpecGuard.ImplementsAttribute</c>.</summary>
        public const string ImplementsMetadataName = AttributeNamespace + "." + ImplementsAttribute;

        /// <summary><c>SpecGuard.VerifiesAttribute</c>.</summary>
        public const string VerifiesMetadataName = AttributeNamespace + "." + VerifiesAttribute;

        /// <summary><c>SpecGuard.SpecExemptAttribute</c>.</summary>
        public const string SpecExemptMetadataName = AttributeNamespace + "." + SpecExemptAttribute;

        /// <summary>The tool name of the <c>GeneratedCode</c> attribute on everything SpecGuard generates.</summary>
        public const string GeneratorName = "SpecGuard";

        /// <summary>
        /// The explicit marker on each generated pending stub: <c>[GeneratedCode("SpecGuard.PendingStub", version)]</c> on
        /// the test method. The report counts a test as a stub by this marker alone, not by its name, namespace or class,
        /// so a hand-written test beside the stubs (in the partial class, or named like one) is never taken for a stub.
        /// </summary>
        public const string PendingStubMarker = "SpecGuard.PendingStub";

        /// <summary>The namespace of the generated pending-test classes.</summary>
        public const string PendingTestsNamespace = "SpecGuard.PendingTests";

        /// <summary>The file name of the review record, in the specs root (see <c>SpecGuard.Core.Review.ReviewRecord</c>).</summary>
        public const string ReviewRecordFileName = "SpecGuard.Reviews.txt";

        /// <summary>Whether <paramref name="path"/> names a review record (<see cref="ReviewRecordFileName"/>, any case).</summary>
        public static bool IsReviewRecordFile(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return string.Equals(path.Substring(slash + 1), ReviewRecordFileName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Diagnostic property of a SPEC105 (suspect link): the criterion ID the link names. With
        /// <see cref="FingerprintProperty"/>, what the code fix records without loading the specs.
        /// </summary>
        public const string CriterionIdProperty = "SpecGuardCriterionId";

        /// <summary>Diagnostic property of a SPEC105: the criterion's current fingerprint (<c>SpecGuard.Core.Review.CriterionFingerprint</c>).</summary>
        public const string FingerprintProperty = "SpecGuardFingerprint";

        /// <summary>The file name of a project's SpecGuard baseline (in the project folder; see <c>SpecGuard.Core.Baseline.SpecBaseline</c>).</summary>
        public const string BaselineFileName = "SpecGuard.Baseline.txt";

        /// <summary>
        /// The diagnostic property (Roslyn <c>Diagnostic.Properties</c>, which the compiler writes to SARIF logs as the
        /// result's <c>customProperties</c>) that carries the baseline key of the symbol a SPEC100/SPEC101/SPEC106 is
        /// reported on. The analyzers compute the key (the only place that does); the baseline code fix and
        /// <c>specguard baseline</c> read it from here.
        /// </summary>
        public const string SymbolKeyProperty = "SpecGuardSymbolKey";

        /// <summary>MSBuild property: <c>false</c> keeps the project's baseline file out of its AdditionalFiles (specguard baseline builds so).</summary>
        public const string BaselineMSBuildProperty = "SpecGuardBaseline";

        /// <summary>Whether <paramref name="path"/> names a baseline file (<see cref="BaselineFileName"/>, any case).</summary>
        public static bool IsBaselineFile(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return string.Equals(path.Substring(slash + 1), BaselineFileName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether <paramref name="path"/> names a spec file: <c>*.spec.yaml</c> or <c>*.spec.yml</c>, any case.</summary>
        public static bool IsSpecFile(string path) =>
            path.EndsWith(".spec.yaml", StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".spec.yml", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Feature key to class name: each dash-separated word capitalised (ORDERS → Orders, ORDERS-V2 → OrdersV2).
        /// Injective for valid keys: every word starts with a letter, which becomes the only capitals, so capitals mark
        /// word starts exactly (ORDERSV2 → Ordersv2, ORDERS-V2 → OrdersV2). Never a C# keyword (those are lower case).
        /// </summary>
        public static string FeatureClass(string key)
        {
            var builder = new StringBuilder(key.Length);
            foreach (string word in key.Split('-'))
            {
                if (word.Length == 0)
                {
                    continue;
                }

                builder.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1).ToLowerInvariant());
            }

            return builder.ToString();
        }

        /// <summary>
        /// The catalog class of a feature: its <see cref="FeatureClass"/> name and <c>Criteria</c> (ORDERS →
        /// OrdersCriteria). Feature names are usually namespace names too (<c>Shop.Features.Orders</c>), and a namespace
        /// of the consuming code outranks a using directive, so a bare <c>Orders</c> would be shadowed exactly in the
        /// code that implements the feature; the suffix keeps the name free.
        /// </summary>
        public static string CatalogClass(string key) => FeatureClass(key) + CatalogClassSuffix;

        /// <summary>The suffix of every catalog class name (<see cref="CatalogClass"/>).</summary>
        public const string CatalogClassSuffix = "Criteria";

        /// <summary>The pending-test class of a feature (ORDERS → OrdersPendingTests).</summary>
        public static string PendingTestsClass(string key) => FeatureClass(key) + "PendingTests";

        /// <summary>Criterion ID to catalog constant name: dashes become underscores (ORDERS-001 → ORDERS_001); injective because IDs have no underscores. Never a C# keyword (IDs are upper case).</summary>
        public static string CriterionConstant(string id) => id.Replace('-', '_');

        /// <summary>The reverse of <see cref="CriterionConstant"/> for a name that looks like one (ORDERS_001 → ORDERS-001), else null.</summary>
        public static string? IdFromConstant(string name)
        {
            if (name.Length < 5 || name.IndexOf('_') < 0)
            {
                return null;
            }

            int lastUnderscore = name.LastIndexOf('_');
            for (int i = lastUnderscore + 1; i < name.Length; i++)
            {
                if (name[i] < '0' || name[i] > '9')
                {
                    return null;
                }
            }

            return name.Length - lastUnderscore - 1 >= 3 ? name.Replace('_', '-') : null;
        }

        /// <summary>
        /// The feature-key rule: an ID belongs to feature <paramref name="key"/> when it is the key, a dash and a number
        /// (ORDERS-001 belongs to ORDERS; ORDERS-V2-001 to ORDERS-V2, not to ORDERS). SPEC004 reports IDs that do not.
        /// </summary>
        public static bool IsIdOfFeature(string id, string key)
        {
            if (id.Length <= key.Length + 1 || !id.StartsWith(key, StringComparison.Ordinal) || id[key.Length] != '-')
            {
                return false;
            }

            for (int i = key.Length + 1; i < id.Length; i++)
            {
                if (id[i] < '0' || id[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The feature key of an ID the specs do not declare: what comes before its number (ORDERS-V2-001 → ORDERS-V2).</summary>
        public static string FeatureKeyOf(string id)
        {
            int dash = id.LastIndexOf('-');
            return dash > 0 ? id.Substring(0, dash) : id;
        }
    }
}
