using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Schema;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Reports problems in spec files (SPEC001–SPEC005) through an additional-file action, so editors show them
    /// while the YAML is typed, and SPEC200 (pending criterion) plus SPEC901 (invalid option) at compilation end.
    /// Reads the spec set once per compilation through the parse cache it shares with the generator; no file IO.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SpecFileAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            SpecDescriptors.MalformedYaml,
            SpecDescriptors.SchemaViolation,
            SpecDescriptors.DuplicateCriterionId,
            SpecDescriptors.IdNotInFeature,
            SpecDescriptors.DuplicateFeatureKey,
            SpecDescriptors.PendingCriterion,
            SpecDescriptors.InternalError,
            SpecDescriptors.InvalidOption,
            SpecDescriptors.NoSpecFiles,
            SpecDescriptors.HandlerTypeNotVisible);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            AnalyzerConfigOptionsProvider provider = context.Options.AnalyzerConfigOptionsProvider;
            SpecGuardOptions options = SpecGuardOptions.Read(provider.GlobalOptions);

            // No spec file: SPEC902 and the generator options' problems, nothing else (no spec set, no per-file options,
            // no type lookups, no attribute action). The traceability options are checked once there are criteria to
            // trace to: until then SPEC100/SPEC101 do not run and the options are not used.
            if (!SpecFiles.AnySpecFile(context.Options.AdditionalFiles))
            {
                context.RegisterCompilationEndAction(end =>
                {
                    ReportProblems(end, options.Problems);
                    end.ReportDiagnostic(Diagnostic.Create(SpecDescriptors.NoSpecFiles, Location.None, NoSpecFilesMessage(provider.GlobalOptions)));
                });
                return;
            }

            if (SpecFiles.LoadSet(context) is not { } specs)
            {
                return;
            }

            ILookup<string, SpecDiagnostic> byPath = specs.Diagnostics.ToLookup(static d => d.Path, StringComparer.Ordinal);
            context.RegisterAdditionalFileAction(file =>
            {
                foreach (SpecDiagnostic diagnostic in byPath[file.AdditionalFile.Path])
                {
                    file.ReportDiagnostic(SpecFiles.ToDiagnostic(diagnostic));
                }
            });

            // SPEC901 for the traceability options of every file (TraceabilityAnalyzer does not report them, so that it
            // does no work when SPEC100 and SPEC101 are off).
            var traceabilityOptions = TraceabilityOptions.Of(provider, context.Compilation);

            ProjectInfo project = ProjectInfo.From(context.Compilation);
            bool pendingStubs = project.Framework != TestFramework.None && options.PendingTests != PendingTestsMode.Off;
            INamedTypeSymbol? verifiesType = pendingStubs ? context.Compilation.GetTypeByMetadataName(SpecContract.VerifiesMetadataName) : null;
            var verified = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            if (verifiesType is not null)
            {
                var filter = new LinkAttributeFilter(context.Compilation);
                context.RegisterSyntaxNodeAction(
                    node => CollectVerified(node, filter, verifiesType, verified),
                    SyntaxKind.Attribute);
            }

            context.RegisterCompilationEndAction(end =>
            {
                ReportProblems(end, options.Problems);
                ReportProblems(end, traceabilityOptions.Problems);

                // A message per handler_types name this project cannot see: normal for a repository-wide setting; the
                // report says SPEC901 when no project of the solution sees it (docs/rules/SPEC903.md).
                foreach (string name in traceabilityOptions.NotVisibleHandlerTypes)
                {
                    end.ReportDiagnostic(Diagnostic.Create(SpecDescriptors.HandlerTypeNotVisible, Location.None, SpecRules.HandlerTypeNotVisibleMessage(name)));
                }

                if (!pendingStubs)
                {
                    return;
                }

                foreach (SpecLoadResult file in specs.Files)
                {
                    foreach (Criterion criterion in file.Feature?.Criteria ?? EquatableArray<Criterion>.Empty)
                    {
                        if (criterion.Status == SpecStatus.Approved && !verified.ContainsKey(criterion.Id) && ReferenceEquals(specs.Criteria[criterion.Id], criterion))
                        {
                            end.ReportDiagnostic(Diagnostic.Create(
                                SpecDescriptors.PendingCriterion,
                                SpecFiles.ToLocation(file.Path, criterion.IdSpan),
                                criterion.HasInvalidExamples
                                    ? $"No test verifies {criterion.Id} ({MessageText.OneLine(criterion.Title)}); no pending test was generated because its examples are invalid (see SPEC002 in this file). Fix the examples, or write a test with [Verifies(\"{criterion.Id}\")]."
                                    : $"No test verifies {criterion.Id} ({MessageText.OneLine(criterion.Title)}); a pending test {Names.TestMethod(criterion.Id, criterion.Title)} was generated. Write a test with [Verifies(\"{criterion.Id}\")] to replace it."));
                        }
                    }
                }
            });
        }

        private static void ReportProblems(CompilationAnalysisContext context, IEnumerable<string> problems)
        {
            foreach (string problem in problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(SpecDescriptors.InvalidOption, Location.None, problem));
            }
        }

        private static string NoSpecFilesMessage(AnalyzerConfigOptions options)
        {
            string where =
                options.TryGetValue("build_property.SpecGuardAutoInclude", out string? auto) && string.Equals(auto.Trim(), "false", StringComparison.OrdinalIgnoreCase)
                    ? "SpecGuardAutoInclude is false and no *.spec.yaml or *.spec.yml file is listed as an AdditionalFile"
                : options.TryGetValue("build_property.SpecGuardSpecsRoot", out string? root) && !string.IsNullOrWhiteSpace(root)
                    ? $"SpecGuardSpecsRoot is '{root}', which holds no *.spec.yaml or *.spec.yml file"
                    : "no specs/ folder was found in the project folder or the eight folders above it";
            return $"This project references SpecGuard but sees no spec files: {where}. Create specs/ at the repository root (specguard init), set SpecGuardSpecsRoot, or add spec files as AdditionalFiles. SPEC100 and SPEC101 stay quiet until there are criteria to link to.";
        }

        /// <summary>
        /// Hand-written [Verifies] links, wherever they are (methods, types, local functions), with the IDs read as the
        /// generator reads them (<see cref="LinkArguments"/>), so a criterion is pending here exactly when it has a stub.
        /// Generated pending tests are generated code, which this analyzer does not see.
        /// </summary>
        private static void CollectVerified(SyntaxNodeAnalysisContext context, LinkAttributeFilter filter, INamedTypeSymbol verifiesType, ConcurrentDictionary<string, bool> verified)
        {
            var attribute = (AttributeSyntax)context.Node;
            if (!filter.MayBeLink(attribute) || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor ||
                !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, verifiesType))
            {
                return;
            }

            foreach (LinkArgument argument in LinkArguments.Read(attribute, context.SemanticModel, context.CancellationToken))
            {
                if (argument.Id is not null)
                {
                    verified[argument.Id] = true;
                }
            }
        }
    }
}
