using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Checks the link attributes themselves: links to unknown (SPEC102) or deprecated (SPEC103) criteria, exemptions
    /// without a reason (SPEC104), links to criteria whose text changed since their links were reviewed (SPEC105, with
    /// SPEC905 on malformed review-record lines; only when the compilation has a review record, see <see cref="ReviewSet"/>),
    /// and criteria nothing implements (SPEC110, off by default). Separate from
    /// <see cref="TraceabilityAnalyzer"/> (SPEC100/SPEC101, untraced code) so that switching either set of rules off saves
    /// its work: the compiler does not run an analyzer whose rules are all off. Only attributes whose written name can be
    /// a link attribute are bound (<see cref="LinkAttributeFilter"/>), found by one walk of each file (a semantic-model
    /// action); the link types are looked up at the first of them.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LinkAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property with the closest known criterion ID (SPEC102), for the code fix.</summary>
        public const string SuggestionProperty = "SpecGuard.Suggestion";

        /// <summary>Diagnostic property with the ID that replaces a deprecated criterion (SPEC103).</summary>
        public const string ReplacedByProperty = "SpecGuard.ReplacedBy";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            SpecDescriptors.UnknownCriterion,
            SpecDescriptors.DeprecatedCriterion,
            SpecDescriptors.ExemptWithoutReason,
            SpecDescriptors.SuspectLink,
            SpecDescriptors.UnimplementedCriterion,
            SpecDescriptors.MalformedReviewRecord,
            SpecDescriptors.InternalError);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            // Null without a review record (checked by name): then SPEC105 costs nothing on any link. SPEC105 and SPEC905
            // are on by default, which keeps the compiler from skipping this analyzer when the link rules are off; without
            // a record they report nothing, so it stops here then, as if skipped (HotPathTests).
            ReviewSet? reviews = ReviewSet.Read(context.Options.AdditionalFiles, context.CancellationToken);
            if (reviews is null && LinkRulesOff(context.Compilation, context.CancellationToken))
            {
                return;
            }

            // Without spec files the set is empty and cheap; links still get SPEC102 ("this project sees no spec files").
            if (SpecFiles.LoadSet(context) is not { } specs)
            {
                return;
            }

            bool enforced = reviews is not null && TraceabilityOptions.IsEnforced(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var state = new State(context.Compilation, specs, reviews, enforced);
            if (reviews is not null)
            {
                context.RegisterAdditionalFileAction(reviews.ReportProblems);
            }

            context.RegisterSemanticModelAction(state.AnalyzeTree);
            if (specs.Files.Count > 0)
            {
                context.RegisterCompilationEndAction(state.ReportUnimplemented);
            }
        }

        // Whether every rule of this analyzer but SPEC105 and SPEC905 is off for every file, as the compiler decides.
        private static bool LinkRulesOff(Compilation compilation, CancellationToken cancellationToken) =>
            TraceabilityAnalyzer.IsOff(compilation, SpecDescriptors.UnknownCriterion, cancellationToken) &&
            TraceabilityAnalyzer.IsOff(compilation, SpecDescriptors.DeprecatedCriterion, cancellationToken) &&
            TraceabilityAnalyzer.IsOff(compilation, SpecDescriptors.ExemptWithoutReason, cancellationToken) &&
            TraceabilityAnalyzer.IsOff(compilation, SpecDescriptors.UnimplementedCriterion, cancellationToken) &&
            TraceabilityAnalyzer.IsOff(compilation, SpecDescriptors.InternalError, cancellationToken);

        private sealed class State
        {
            private readonly Compilation _compilation;
            private readonly SpecSet _specs;
            private readonly LinkAttributeFilter _filter;
            private readonly ReviewSet? _reviews;
            private readonly DiagnosticSeverity _suspectSeverity;
            private readonly ConcurrentDictionary<string, bool> _implemented = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            private LinkTypes? _types;
            private string[]? _allIds;
            private string[]? _liveIds;

            public State(Compilation compilation, SpecSet specs, ReviewSet? reviews, bool enforced)
            {
                _compilation = compilation;
                _specs = specs;
                _reviews = reviews;
                _suspectSeverity = enforced ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                _filter = new LinkAttributeFilter(compilation);
            }

            // The generator's attributes, looked up when first needed; null when the generator did not run (nothing to link with).
            private LinkTypes? Types
            {
                get
                {
                    LinkTypes? types = Volatile.Read(ref _types);
                    if (types is null)
                    {
                        types = new LinkTypes(
                            _compilation.GetTypeByMetadataName(SpecContract.ImplementsMetadataName),
                            _compilation.GetTypeByMetadataName(SpecContract.VerifiesMetadataName),
                            _compilation.GetTypeByMetadataName(SpecContract.SpecExemptMetadataName));
                        types = Interlocked.CompareExchange(ref _types, types, null) ?? types;
                    }

                    return types.Implements is null || types.Exempt is null ? null : types;
                }
            }

            // Every ID in order, and those not deprecated: only messages about a wrong ID need them.
            private string[] AllIds => LazyInitializer.EnsureInitialized(ref _allIds, () => _specs.Criteria.Keys.OrderBy(static k => k, StringComparer.Ordinal).ToArray())!;

            private string[] LiveIds => LazyInitializer.EnsureInitialized(ref _liveIds, () => AllIds.Where(id => _specs.Criteria[id].Status != SpecStatus.Deprecated).ToArray())!;

            // One walk of each file's syntax for the attributes that can be links, instead of a syntax-node action on every
            // attribute: the driver's per-declaration node bookkeeping for syntax-node actions was most of what a
            // project with no spec file paid (AnalyzerBenchmarks, category "no spec file"). Files the compiler takes as
            // generated are skipped, as before (GeneratedCodeAnalysisFlags.None).
            public void AnalyzeTree(SemanticModelAnalysisContext context)
            {
                foreach (SyntaxNode node in context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes())
                {
                    if (node is AttributeSyntax attribute && _filter.MayBeLink(attribute))
                    {
                        AnalyzeAttribute(context, attribute);
                    }
                }
            }

            // SPEC102, SPEC103, SPEC104, SPEC105 on the link attributes, wherever they are (types, members, lambdas, local functions).
            private void AnalyzeAttribute(SemanticModelAnalysisContext context, AttributeSyntax attribute)
            {
                if (Types is not { } types ||
                    context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor)
                {
                    return;
                }

                INamedTypeSymbol type = constructor.ContainingType;
                bool isImplements = SymbolEqualityComparer.Default.Equals(type, types.Implements);
                bool isVerifies = types.Verifies is not null && SymbolEqualityComparer.Default.Equals(type, types.Verifies);
                if (SymbolEqualityComparer.Default.Equals(type, types.Exempt))
                {
                    AnalyzeExempt(context, attribute);
                    return;
                }

                if (!isImplements && !isVerifies)
                {
                    return;
                }

                string link = isImplements ? "[Implements]" : "[Verifies]";
                List<LinkArgument> arguments = LinkArguments.Read(attribute, context.SemanticModel, context.CancellationToken);
                if (arguments.Count == 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.UnknownCriterion,
                        attribute.GetLocation(),
                        $"{link} names no criterion, so it links nothing{(isImplements ? " and the code stays untraced" : string.Empty)}. Name the criterion, e.g. {link.TrimEnd(']')}(\"{(AllIds.Length > 0 ? AllIds[0] : "ORDERS-001")}\")], or use [SpecExempt(\"reason\")] for code that needs none."));
                    return;
                }

                foreach (LinkArgument argument in arguments)
                {
                    if (!argument.IsConstant)
                    {
                        continue; // not a constant: the compiler reports it
                    }

                    string? id = argument.Id;
                    if (id is not null && _specs.Criteria.TryGetValue(id, out Criterion? criterion))
                    {
                        if (isImplements)
                        {
                            _implemented[id] = true;
                        }

                        if (criterion.Status == SpecStatus.Deprecated)
                        {
                            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(ReplacedByProperty, criterion.ReplacedBy);
                            context.ReportDiagnostic(Diagnostic.Create(
                                SpecDescriptors.DeprecatedCriterion,
                                argument.Expression.GetLocation(),
                                properties,
                                $"{link} names {id} ({criterion.Title}), which is deprecated" + (criterion.ReplacedBy is null ? "; link the criterion that replaced it, or remove the link." : $"; it was replaced by {criterion.ReplacedBy}.")));
                        }

                        if (_reviews?.SuspectFingerprint(criterion) is { } fingerprint)
                        {
                            context.ReportDiagnostic(Suspect(argument, criterion, fingerprint, isImplements));
                        }

                        continue;
                    }

                    // Prefer criteria that still bind: a typo should not lead to a deprecated ID (and SPEC103).
                    string? suggestion = id is null ? null : Suggest.Closest(id, LiveIds) ?? Suggest.Closest(id, AllIds);
                    string message = id is null
                        ? $"{link} has a null criterion ID; write an ID such as {(AllIds.Length > 0 ? AllIds[0] : "ORDERS-001")}."
                        : AllIds.Length == 0
                            ? $"{link} names '{id}', but this project sees no spec files. Check that specs/ is where SpecGuard looks (SpecGuardSpecsRoot) or add the spec files as AdditionalFiles."
                            : $"{link} names '{id}', which no spec file declares." + (suggestion is null ? " Check the ID against the spec files." : $" Did you mean {suggestion}?");
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.UnknownCriterion,
                        argument.Expression.GetLocation(),
                        suggestion is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion),
                        message));
                }
            }

            // SPEC105: an error when enforced, like SPEC100 (and build/SpecGuard.targets puts it on the compiler's
            // warnings-as-errors list then, so that bulk severity settings cannot lower it). The properties carry what
            // the code fix records: the ID and its current fingerprint.
            private Diagnostic Suspect(LinkArgument argument, Criterion criterion, string fingerprint, bool isImplements)
            {
                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                    .Add(SpecContract.CriterionIdProperty, criterion.Id)
                    .Add(SpecContract.FingerprintProperty, fingerprint);
                return Diagnostic.Create(
                    SpecDescriptors.SuspectLink,
                    argument.Expression.GetLocation(),
                    _suspectSeverity,
                    additionalLocations: null,
                    properties,
                    $"{criterion.Id} ({criterion.Title}) changed since its links were last reviewed: check this {(isImplements ? "code" : "test")} against it, then run `specguard review {criterion.Id}`.");
            }

            private static void AnalyzeExempt(SemanticModelAnalysisContext context, AttributeSyntax attribute)
            {
                AttributeArgumentSyntax? argument = attribute.ArgumentList?.Arguments.FirstOrDefault();
                if (argument is null)
                {
                    return; // the compiler reports the missing argument
                }

                Optional<object?> constant = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (constant.HasValue && string.IsNullOrWhiteSpace(constant.Value as string))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.ExemptWithoutReason,
                        attribute.GetLocation(),
                        "[SpecExempt] has no reason. Say why this code needs no acceptance criterion, e.g. [SpecExempt(\"infrastructure: health check\")], so reviewers can judge the exemption."));
                }
            }

            public void ReportUnimplemented(CompilationAnalysisContext context)
            {
                if (Types is null || ProjectInfo.From(context.Compilation).Framework != TestFramework.None)
                {
                    return;
                }

                foreach (SpecLoadResult file in _specs.Files)
                {
                    foreach (Criterion criterion in file.Feature?.Criteria ?? EquatableArray<Criterion>.Empty)
                    {
                        if (criterion.Status == SpecStatus.Approved && !_implemented.ContainsKey(criterion.Id) && ReferenceEquals(_specs.Criteria[criterion.Id], criterion))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                SpecDescriptors.UnimplementedCriterion,
                                SpecFiles.ToLocation(file.Path, criterion.IdSpan),
                                $"No code in {context.Compilation.AssemblyName} has [Implements(\"{criterion.Id}\")] ({criterion.Title})."));
                        }
                    }
                }
            }

            private sealed class LinkTypes
            {
                public LinkTypes(INamedTypeSymbol? implements, INamedTypeSymbol? verifies, INamedTypeSymbol? exempt)
                {
                    Implements = implements;
                    Verifies = verifies;
                    Exempt = exempt;
                }

                public INamedTypeSymbol? Implements { get; }

                public INamedTypeSymbol? Verifies { get; }

                public INamedTypeSymbol? Exempt { get; }
            }
        }
    }
}
