using System.Collections.Generic;

namespace SpecGuard.Core.Diagnostics
{
    /// <summary>A SpecGuard rule: its ID, title, default severity and help page.</summary>
    /// <param name="Id">The rule ID.</param>
    /// <param name="Title">A short title.</param>
    /// <param name="DefaultSeverity">Severity unless configured otherwise.</param>
    /// <param name="Category">Category (spec files, code, tests, configuration).</param>
    /// <param name="Description">One paragraph for the IDE's rule description.</param>
    public sealed record SpecRule(string Id, string Title, SpecSeverity DefaultSeverity, string Category, string Description)
    {
        /// <summary>The rule's help page: <c>docs/rules/{Id}.md</c> in the repository.</summary>
        public string HelpLink => SpecRules.HelpLinkBase + Id + ".md";
    }

    /// <summary>
    /// The one place where the rules that SpecGuard.Core reports are declared. Numbering follows DESIGN.md:
    /// 0xx spec files, 1xx production code, 2xx tests, 9xx configuration. Every rule has a page
    /// <c>docs/rules/SPECnnn.md</c>, which is its help link.
    /// </summary>
    public static class SpecRules
    {
        /// <summary>Where the rule pages live; a rule's help link is this plus <c>SPECnnn.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/specguard/specguard/blob/main/docs/rules/";

        /// <summary>The category of rules about spec files.</summary>
        public const string SpecFilesCategory = "SpecGuard.SpecFiles";

        /// <summary>SPEC001: the YAML is not well-formed (or exceeds a safety limit).</summary>
        public static readonly SpecRule MalformedYaml = new SpecRule(
            "SPEC001",
            "Spec file is not well-formed YAML",
            SpecSeverity.Error,
            SpecFilesCategory,
            "The spec file cannot be read as one YAML document: a syntax error, a duplicate key, a second document, text that is not YAML, or a file beyond SpecGuard's safety limits (size, nesting depth, alias expansion).");

        /// <summary>SPEC002: the spec violates the JSON Schema.</summary>
        public static readonly SpecRule SchemaViolation = new SpecRule(
            "SPEC002",
            "Spec file does not match the SpecGuard schema",
            SpecSeverity.Error,
            SpecFilesCategory,
            "The spec file is YAML but does not follow specs-schema/specguard.schema.json: an unknown or missing key, a value of the wrong type, an ID or key that does not match its pattern, or a value outside its allowed set.");

        /// <summary>SPEC003: the same criterion ID is declared twice.</summary>
        public static readonly SpecRule DuplicateCriterionId = new SpecRule(
            "SPEC003",
            "Duplicate criterion ID",
            SpecSeverity.Error,
            SpecFilesCategory,
            "Criterion IDs must be unique across every spec file that a compilation sees. Each occurrence is reported and names the other one.");

        /// <summary>SPEC004: a criterion ID does not start with its feature key.</summary>
        public static readonly SpecRule IdNotInFeature = new SpecRule(
            "SPEC004",
            "Criterion ID does not start with its feature key",
            SpecSeverity.Error,
            SpecFilesCategory,
            "A criterion ID is its feature's key, a dash and a number (feature ORDERS: ORDERS-001), so that an ID says which spec file it lives in.");

        /// <summary>Every rule declared here, in ID order.</summary>
        public static IReadOnlyList<SpecRule> All { get; } = new[] { MalformedYaml, SchemaViolation, DuplicateCriterionId, IdNotInFeature };
    }
}
