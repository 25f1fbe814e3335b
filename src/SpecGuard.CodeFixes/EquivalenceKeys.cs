using System;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// Equivalence keys of SpecGuard's code actions. Fix-all applies the action with the same key to every diagnostic
    /// in scope, so keys are stable: one per kind of fix, and for "Implement" one per criterion (fix-all of
    /// "Implement ORDERS-001" links every untraced declaration in the document to ORDERS-001).
    /// </summary>
    public static class EquivalenceKeys
    {
        /// <summary>Prefix of "Implement ID" actions; the criterion ID follows.</summary>
        public const string ImplementPrefix = "SpecGuard.Implement:";

        /// <summary>"Exempt from traceability".</summary>
        public const string Exempt = "SpecGuard.Exempt";

        /// <summary>SPEC102: use the closest known ID (each diagnostic its own suggestion).</summary>
        public const string UseClosestId = "SpecGuard.UseClosestId";

        /// <summary>SPEC103: use the ID that replaced the deprecated criterion.</summary>
        public const string UseReplacementId = "SpecGuard.UseReplacementId";

        /// <summary>"Add to the SpecGuard baseline" (SPEC100/SPEC101).</summary>
        public const string AddToBaseline = "SpecGuard.AddToBaseline";

        /// <summary>"Remove the stale baseline entry" (SPEC107).</summary>
        public const string RemoveStaleEntry = "SpecGuard.RemoveStaleBaselineEntry";

        /// <summary>"Remove every stale entry of this baseline" (SPEC107).</summary>
        public const string RemoveAllStaleEntries = "SpecGuard.RemoveAllStaleBaselineEntries";

        /// <summary>"Record the review of ID" (SPEC105): one key for every criterion, so fix-all records every suspect criterion in scope.</summary>
        public const string RecordReview = "SpecGuard.RecordReview";

        /// <summary>The key of "Implement <paramref name="id"/>".</summary>
        public static string Implement(string id) => ImplementPrefix + id;

        /// <summary>The criterion ID of an "Implement" key, or null for any other key.</summary>
        public static string? ImplementedId(string? key) =>
            key is not null && key.StartsWith(ImplementPrefix, StringComparison.Ordinal) && key.Length > ImplementPrefix.Length
                ? key.Substring(ImplementPrefix.Length)
                : null;
    }
}
