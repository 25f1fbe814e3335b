using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>
    /// Roslyn descriptors for the rules declared in <see cref="SpecRules"/> (IDs from <see cref="SpecRuleIds"/>, written
    /// out here so analyzer release tracking can read them; a test checks each agrees with its <see cref="SpecRule"/>).
    /// Help links lead to docs/rules/SPECnnn.md.
    /// </summary>
    internal static class SpecDescriptors
    {
        public static readonly DiagnosticDescriptor MalformedYaml = Create(SpecRuleIds.MalformedYaml, SpecRules.SpecFilesCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor SchemaViolation = Create(SpecRuleIds.SchemaViolation, SpecRules.SpecFilesCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateCriterionId = Create(SpecRuleIds.DuplicateCriterionId, SpecRules.SpecFilesCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor IdNotInFeature = Create(SpecRuleIds.IdNotInFeature, SpecRules.SpecFilesCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateFeatureKey = Create(SpecRuleIds.DuplicateFeatureKey, SpecRules.SpecFilesCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UntracedPublicApi = Create(SpecRuleIds.UntracedPublicApi, SpecRules.CodeCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UntracedHandler = Create(SpecRuleIds.UntracedHandler, SpecRules.CodeCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnknownCriterion = Create(SpecRuleIds.UnknownCriterion, SpecRules.CodeCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DeprecatedCriterion = Create(SpecRuleIds.DeprecatedCriterion, SpecRules.CodeCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor ExemptWithoutReason = Create(SpecRuleIds.ExemptWithoutReason, SpecRules.CodeCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor SuspectLink = Create(SpecRuleIds.SuspectLink, SpecRules.CodeCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MalformedReviewRecord = Create(SpecRuleIds.MalformedReviewRecord, SpecRules.ConfigurationCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor Baselined = Create(SpecRuleIds.Baselined, SpecRules.CodeCategory, DiagnosticSeverity.Hidden);

        public static readonly DiagnosticDescriptor StaleBaselineEntry = Create(SpecRuleIds.StaleBaselineEntry, SpecRules.CodeCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor MalformedBaseline = Create(SpecRuleIds.MalformedBaseline, SpecRules.ConfigurationCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnimplementedCriterion = CreateDisabled(SpecRuleIds.UnimplementedCriterion, SpecRules.CodeCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor PendingCriterion = Create(SpecRuleIds.PendingCriterion, SpecRules.TestsCategory, DiagnosticSeverity.Info, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor InternalError = Create(SpecRuleIds.InternalError, SpecRules.ConfigurationCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InvalidOption = Create(SpecRuleIds.InvalidOption, SpecRules.ConfigurationCategory, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor NoSpecFiles = Create(SpecRuleIds.NoSpecFiles, SpecRules.ConfigurationCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor HandlerTypeNotVisible = Create(SpecRuleIds.HandlerTypeNotVisible, SpecRules.ConfigurationCategory, DiagnosticSeverity.Info, WellKnownDiagnosticTags.CompilationEnd);

        public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
        {
            MalformedYaml, SchemaViolation, DuplicateCriterionId, IdNotInFeature, DuplicateFeatureKey,
            UntracedPublicApi, UntracedHandler, UnknownCriterion, DeprecatedCriterion, ExemptWithoutReason, SuspectLink, Baselined, StaleBaselineEntry,
            UnimplementedCriterion, PendingCriterion, InternalError, InvalidOption, NoSpecFiles, HandlerTypeNotVisible, MalformedBaseline, MalformedReviewRecord,
        };

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(static d => d.Id);

        public static DiagnosticDescriptor For(string id) => ById[id];

        private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, params string[] tags)
        {
            SpecRule rule = SpecRules.All.Single(r => r.Id == id);
            return new DiagnosticDescriptor(id, rule.Title, "{0}", category, severity, isEnabledByDefault: true, description: rule.Description, helpLinkUri: rule.HelpLink, customTags: tags);
        }

        private static DiagnosticDescriptor CreateDisabled(string id, string category, DiagnosticSeverity severity, params string[] tags)
        {
            SpecRule rule = SpecRules.All.Single(r => r.Id == id);
            return new DiagnosticDescriptor(id, rule.Title, "{0}", category, severity, isEnabledByDefault: false, description: rule.Description, helpLinkUri: rule.HelpLink, customTags: tags);
        }
    }
}
