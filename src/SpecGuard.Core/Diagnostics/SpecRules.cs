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

    /// <summary>Rule IDs as constants (analyzer release tracking reads descriptors built from constants).</summary>
    public static class SpecRuleIds
    {
        /// <summary>Spec file is not well-formed YAML.</summary>
        public const string MalformedYaml = "SPEC001";

        /// <summary>Spec file does not match the schema.</summary>
        public const string SchemaViolation = "SPEC002";

        /// <summary>Duplicate criterion ID.</summary>
        public const string DuplicateCriterionId = "SPEC003";

        /// <summary>Criterion ID does not start with its feature key.</summary>
        public const string IdNotInFeature = "SPEC004";

        /// <summary>Feature key declared in more than one spec file.</summary>
        public const string DuplicateFeatureKey = "SPEC005";

        /// <summary>Public API member traces to no criterion.</summary>
        public const string UntracedPublicApi = "SPEC100";

        /// <summary>Handler traces to no criterion.</summary>
        public const string UntracedHandler = "SPEC101";

        /// <summary>Link names an unknown criterion ID.</summary>
        public const string UnknownCriterion = "SPEC102";

        /// <summary>Link names a deprecated criterion.</summary>
        public const string DeprecatedCriterion = "SPEC103";

        /// <summary>SpecExempt without a reason.</summary>
        public const string ExemptWithoutReason = "SPEC104";

        /// <summary>Criterion has no implementing code in this project.</summary>
        public const string UnimplementedCriterion = "SPEC110";

        /// <summary>Criterion has no verifying test.</summary>
        public const string PendingCriterion = "SPEC200";

        /// <summary>SpecGuard internal error.</summary>
        public const string InternalError = "SPEC900";

        /// <summary>Invalid SpecGuard option.</summary>
        public const string InvalidOption = "SPEC901";

        /// <summary>The project sees no spec files.</summary>
        public const string NoSpecFiles = "SPEC902";

        /// <summary>SPEC903.</summary>
        public const string HandlerTypeNotVisible = "SPEC903";

        /// <summary>A link to a criterion whose text changed since its links were last reviewed.</summary>
        public const string SuspectLink = "SPEC105";

        /// <summary>A review-record line that is not a valid entry.</summary>
        public const string MalformedReviewRecord = "SPEC905";

        /// <summary>Untraced code recorded in the project's SpecGuard baseline (hidden).</summary>
        public const string Baselined = "SPEC106";

        /// <summary>A baseline entry whose symbol is now traced, exempt or gone.</summary>
        public const string StaleBaselineEntry = "SPEC107";

        /// <summary>A baseline line that is not a valid entry.</summary>
        public const string MalformedBaseline = "SPEC904";
    }

    /// <summary>
    /// The one place where the rules that SpecGuard.Core reports are declared. Numbering follows DESIGN.md:
    /// 0xx spec files, 1xx production code, 2xx tests, 9xx configuration. Every rule has a page
    /// <c>docs/rules/SPECnnn.md</c>, which is its help link.
    /// </summary>
    public static class SpecRules
    {
        /// <summary>
        /// Where the rule pages live; a rule's help link is this plus <c>SPECnnn.md</c>. Built from the package's
        /// project URL (<c>PackageProjectUrl</c> in Directory.Build.props), the one place that names the repository.
        /// </summary>
        public const string HelpLinkBase = ProjectLinks.DocsBase + "rules/";

        /// <summary>The category of rules about spec files.</summary>
        public const string SpecFilesCategory = "SpecGuard.SpecFiles";

        /// <summary>SPEC001: the YAML is not well-formed (or exceeds a safety limit).</summary>
        public static readonly SpecRule MalformedYaml = new SpecRule(
            SpecRuleIds.MalformedYaml,
            "Spec file is not well-formed YAML",
            SpecSeverity.Error,
            SpecFilesCategory,
            "The spec file cannot be read as one YAML document: a syntax error, a duplicate key, a second document, text that is not YAML, or a file beyond SpecGuard's safety limits (size, nesting depth, alias expansion).");

        /// <summary>SPEC002: the spec violates the JSON Schema.</summary>
        public static readonly SpecRule SchemaViolation = new SpecRule(
            SpecRuleIds.SchemaViolation,
            "Spec file does not match the SpecGuard schema",
            SpecSeverity.Error,
            SpecFilesCategory,
            "The spec file is YAML but does not follow specs-schema/specguard.schema.json: an unknown or missing key, a value of the wrong type, an ID or key that does not match its pattern, or a value outside its allowed set.");

        /// <summary>SPEC003: the same criterion ID is declared twice.</summary>
        public static readonly SpecRule DuplicateCriterionId = new SpecRule(
            SpecRuleIds.DuplicateCriterionId,
            "Duplicate criterion ID",
            SpecSeverity.Error,
            SpecFilesCategory,
            "Criterion IDs must be unique across every spec file that a compilation sees. Each occurrence is reported and names the other one.");

        /// <summary>SPEC004: a criterion ID does not start with its feature key.</summary>
        public static readonly SpecRule IdNotInFeature = new SpecRule(
            SpecRuleIds.IdNotInFeature,
            "Criterion ID does not start with its feature key",
            SpecSeverity.Error,
            SpecFilesCategory,
            "A criterion ID is its feature's key, a dash and a number (feature ORDERS: ORDERS-001), so that an ID says which spec file it lives in.");

        /// <summary>SPEC005: two spec files declare the same feature key.</summary>
        public static readonly SpecRule DuplicateFeatureKey = new SpecRule(
            SpecRuleIds.DuplicateFeatureKey,
            "Feature key declared in more than one spec file",
            SpecSeverity.Error,
            SpecFilesCategory,
            "A feature is one spec file: its key names the file that holds its criteria, and the generated catalog class, the report and validate treat it as one unit. Each file that declares a key another file also declares is reported and names another one.");

        /// <summary>The category of rules about production code.</summary>
        public const string CodeCategory = "SpecGuard.Traceability";

        /// <summary>SPEC100: an externally visible member that carries behaviour traces to no criterion.</summary>
        public static readonly SpecRule UntracedPublicApi = new SpecRule(
            SpecRuleIds.UntracedPublicApi,
            "Public API traces to no criterion",
            SpecSeverity.Warning,
            CodeCategory,
            "A public type or method that carries behaviour has no [Implements] on itself or its containing type and no [SpecExempt]. Link it to the acceptance criterion it implements. An error when SpecGuardEnforce is true (the default in CI).");

        /// <summary>SPEC101: a request or message handler traces to no criterion.</summary>
        public static readonly SpecRule UntracedHandler = new SpecRule(
            SpecRuleIds.UntracedHandler,
            "Handler traces to no criterion",
            SpecSeverity.Warning,
            CodeCategory,
            "A controller action, minimal-API endpoint, MediatR or MassTransit handler, gRPC service method or configured handler has no [Implements] and no [SpecExempt]. An error when SpecGuardEnforce is true (the default in CI).");

        /// <summary>SPEC105: a link to a criterion whose normative text changed since its links were last reviewed.</summary>
        public static readonly SpecRule SuspectLink = new SpecRule(
            SpecRuleIds.SuspectLink,
            "Linked criterion changed since its links were reviewed",
            SpecSeverity.Warning,
            CodeCategory,
            "The criterion this [Implements] or [Verifies] names has a different title, given, when, then or examples than when its links were last reviewed (the review record, SpecGuard.Reviews.txt). Check this code or test against the new text, then record the review with specguard review ID. An error when SpecGuardEnforce is true (the default in CI).");

        /// <summary>SPEC106: untraced code that the project's baseline records (hidden: an IDE can still offer to link it).</summary>
        public static readonly SpecRule Baselined = new SpecRule(
            SpecRuleIds.Baselined,
            "Untraced code recorded in the baseline",
            SpecSeverity.Hidden,
            CodeCategory,
            "This symbol would be SPEC100 or SPEC101, but the project's SpecGuard.Baseline.txt records it as debt from before SpecGuard was adopted, so it is not reported. Link it to a criterion (or exempt it) and delete its baseline line.");

        /// <summary>SPEC107: a baseline entry whose symbol is now traced, exempt or gone.</summary>
        public static readonly SpecRule StaleBaselineEntry = new SpecRule(
            SpecRuleIds.StaleBaselineEntry,
            "Stale baseline entry",
            SpecSeverity.Warning,
            CodeCategory,
            "A line of SpecGuard.Baseline.txt names a symbol that is no longer untraced code in this project: it is linked or exempt now, or it was renamed, moved or deleted. Delete the line (the code fix does), so that the baseline only shrinks.");

        /// <summary>SPEC102: a link names a criterion ID that no spec file declares.</summary>
        public static readonly SpecRule UnknownCriterion = new SpecRule(
            SpecRuleIds.UnknownCriterion,
            "Link names an unknown criterion",
            SpecSeverity.Error,
            CodeCategory,
            "An [Implements] or [Verifies] argument is not the ID of any criterion in the spec files this project sees. The message suggests the closest known ID.");

        /// <summary>SPEC103: a link names a deprecated criterion.</summary>
        public static readonly SpecRule DeprecatedCriterion = new SpecRule(
            SpecRuleIds.DeprecatedCriterion,
            "Link names a deprecated criterion",
            SpecSeverity.Warning,
            CodeCategory,
            "An [Implements] or [Verifies] argument names a criterion whose status is deprecated. Link the criterion that replaced it.");

        /// <summary>SPEC104: SpecExempt without a reason.</summary>
        public static readonly SpecRule ExemptWithoutReason = new SpecRule(
            SpecRuleIds.ExemptWithoutReason,
            "SpecExempt without a reason",
            SpecSeverity.Warning,
            CodeCategory,
            "[SpecExempt] takes the reason why the code needs no criterion; an empty reason hides the decision from reviewers.");

        /// <summary>SPEC110: a criterion has no implementing code in this project (off by default).</summary>
        public static readonly SpecRule UnimplementedCriterion = new SpecRule(
            SpecRuleIds.UnimplementedCriterion,
            "Criterion has no implementing code in this project",
            SpecSeverity.Warning,
            CodeCategory,
            "No [Implements] in this project names the criterion. Off by default, because most repositories implement a feature across several projects; turn it on for the project that should implement every criterion.");

        /// <summary>The category of rules about tests.</summary>
        public const string TestsCategory = "SpecGuard.Tests";

        /// <summary>The category of rules about configuration.</summary>
        public const string ConfigurationCategory = "SpecGuard.Configuration";

        /// <summary>SPEC200: a criterion has no verifying test; a pending stub was generated.</summary>
        public static readonly SpecRule PendingCriterion = new SpecRule(
            SpecRuleIds.PendingCriterion,
            "Criterion has no verifying test",
            SpecSeverity.Info,
            TestsCategory,
            "In a test project, no test method carries [Verifies] for this criterion, so SpecGuard generated a pending test for it. Write a test with [Verifies(\"ID\")] to replace the stub.");

        /// <summary>SPEC900: SpecGuard itself failed (a bug), reported instead of crashing the compiler.</summary>
        public static readonly SpecRule InternalError = new SpecRule(
            SpecRuleIds.InternalError,
            "SpecGuard internal error",
            SpecSeverity.Warning,
            ConfigurationCategory,
            "SpecGuard hit an unexpected error while analysing or generating code. The build goes on without SpecGuard's output for this step; please report the message.");

        /// <summary>SPEC901: a SpecGuard option has a value SpecGuard does not understand.</summary>
        public static readonly SpecRule InvalidOption = new SpecRule(
            SpecRuleIds.InvalidOption,
            "Invalid SpecGuard option",
            SpecSeverity.Error,
            ConfigurationCategory,
            "An MSBuild property or analyzer option (.editorconfig or .globalconfig) for SpecGuard has a value outside its allowed set. The default is used instead until it is fixed.");

        /// <summary>SPEC902: a project references SpecGuard but sees no spec files.</summary>
        public static readonly SpecRule NoSpecFiles = new SpecRule(
            SpecRuleIds.NoSpecFiles,
            "No spec files found",
            SpecSeverity.Warning,
            ConfigurationCategory,
            "The project references SpecGuard but no spec file (*.spec.yaml, *.spec.yml) reaches it as an AdditionalFile. Untraced-code rules (SPEC100, SPEC101) stay quiet until there are criteria to link to.");

        /// <summary>SPEC903: a type named in specguard.handler_types is not visible in this project (solution-wide: specguard report --findings).</summary>
        public static readonly SpecRule HandlerTypeNotVisible = new SpecRule(
            SpecRuleIds.HandlerTypeNotVisible,
            "Handler type not visible in this project",
            SpecSeverity.Info,
            ConfigurationCategory,
            "A type named in specguard.handler_types is neither declared nor referenced by this project, so it has no handlers of that type. Normal for one repository-wide setting; specguard report --findings reports SPEC901 when no project of the solution sees the name.");

        /// <summary>The message of <see cref="HandlerTypeNotVisible"/>; <see cref="HandlerTypeNotVisibleName"/> reads the name back (the report joins these across projects).</summary>
        public static string HandlerTypeNotVisibleMessage(string name) =>
            "The analyzer option specguard.handler_types names '" + name + "', which this project neither declares nor references, so it has no handlers of that type. That is normal when the type lives in a project this one does not reference; specguard report --findings says when no project sees it.";

        /// <summary>The handler type name in a <see cref="HandlerTypeNotVisibleMessage"/>, or null.</summary>
        public static string? HandlerTypeNotVisibleName(string message)
        {
            const string Start = "The analyzer option specguard.handler_types names '";
            const string End = "', which this project neither declares nor references";
            if (!message.StartsWith(Start, System.StringComparison.Ordinal))
            {
                return null;
            }

            int end = message.IndexOf(End, Start.Length, System.StringComparison.Ordinal);
            return end > Start.Length ? message.Substring(Start.Length, end - Start.Length) : null;
        }

        /// <summary>SPEC904: a line of a baseline file that is not a valid entry.</summary>
        public static readonly SpecRule MalformedBaseline = new SpecRule(
            SpecRuleIds.MalformedBaseline,
            "Malformed baseline line",
            SpecSeverity.Warning,
            ConfigurationCategory,
            "A line of SpecGuard.Baseline.txt is neither a comment, blank, nor an entry 'SPEC100 KEY' or 'SPEC101 KEY' with a documentation-comment ID or endpoint key, or it repeats an earlier entry. Such a line exempts nothing.");

        /// <summary>SPEC905: a line of the review record that is not a valid entry.</summary>
        public static readonly SpecRule MalformedReviewRecord = new SpecRule(
            SpecRuleIds.MalformedReviewRecord,
            "Malformed review-record line",
            SpecSeverity.Warning,
            ConfigurationCategory,
            "A line of SpecGuard.Reviews.txt is neither a comment, blank, nor 'ID FINGERPRINT' as specguard review writes it, or it repeats an earlier ID. Such a line records nothing.");

        /// <summary>Every rule declared here, in ID order.</summary>
        public static IReadOnlyList<SpecRule> All { get; } = new[]
        {
            MalformedYaml, SchemaViolation, DuplicateCriterionId, IdNotInFeature, DuplicateFeatureKey,
            UntracedPublicApi, UntracedHandler, UnknownCriterion, DeprecatedCriterion, ExemptWithoutReason, SuspectLink, Baselined, StaleBaselineEntry,
            UnimplementedCriterion, PendingCriterion, InternalError, InvalidOption, NoSpecFiles, HandlerTypeNotVisible, MalformedBaseline, MalformedReviewRecord,
        };
    }
}
