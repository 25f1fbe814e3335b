using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;
using SpecGuard.Generators.Model;

namespace SpecGuard.Generators
{
    /// <summary>
    /// SpecGuard's incremental generator. Emits the link attributes, a typed catalog of criterion IDs and, in test
    /// projects, pending tests for criteria that no test verifies. It reports no diagnostics about spec files (the
    /// analyzers do, so editors show them while typing); every failure of its own becomes SPEC900, never CS8785.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SpecGuardGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
        public static class Steps
        {
            /// <summary>One spec file parsed (YAML + schema) into a load result.</summary>
            public const string ParseSpec = nameof(ParseSpec);

            /// <summary>A load result projected to what the catalog and stubs need.</summary>
            public const string CatalogFeature = nameof(CatalogFeature);

            /// <summary>Criterion IDs named by one [Verifies] attribute site.</summary>
            public const string VerifiedIds = nameof(VerifiedIds);

            /// <summary>The test framework and assembly name of the project.</summary>
            public const string Project = nameof(Project);

            /// <summary>SpecGuard's MSBuild options.</summary>
            public const string Options = nameof(Options);

            /// <summary>Whether the project's C# version has nullable annotations (C# 8 on).</summary>
            public const string Language = nameof(Language);
        }

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            context.RegisterPostInitializationOutput(AttributeSource.Register);

            IncrementalValuesProvider<CatalogFeature?> features = context.AdditionalTextsProvider
                .Where(static file => SpecContract.IsSpecFile(file.Path))
                .Select(static (file, cancellationToken) => SpecFiles.Load(file, cancellationToken))
                .WithTrackingName(Steps.ParseSpec)
                .Select(static (result, _) => CatalogFeature.From(result))
                .WithTrackingName(Steps.CatalogFeature);

            IncrementalValueProvider<SpecGuardOptions> options = context.AnalyzerConfigOptionsProvider
                .Select(static (provider, _) => SpecGuardOptions.Read(provider.GlobalOptions))
                .WithTrackingName(Steps.Options);

            IncrementalValueProvider<ProjectInfo> project = context.CompilationProvider
                .Select(static (compilation, _) => ProjectInfo.From(compilation))
                .WithTrackingName(Steps.Project);

            IncrementalValueProvider<ImmutableArray<EquatableArray<string>>> verified = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    SpecContract.VerifiesMetadataName,
                    static (node, _) => node is MemberDeclarationSyntax or LocalFunctionStatementSyntax,
                    static (attributeContext, cancellationToken) => VerifiedIdsOf(attributeContext, cancellationToken))
                .WithTrackingName(Steps.VerifiedIds)
                .Collect();

            // Generated code compiles from C# 7.3 up: '#nullable enable' and 'string?' only where the language has them.
            IncrementalValueProvider<bool> nullableAnnotations = context.ParseOptionsProvider
                .Select(static (parseOptions, _) => parseOptions is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp8)
                .WithTrackingName(Steps.Language);

            var catalogInput = features.Collect().Combine(options.Combine(nullableAnnotations));
            context.RegisterSourceOutput(catalogInput, static (production, input) => Guard(production, () => EmitCatalog(production, input.Left, input.Right.Left, input.Right.Right)));

            context.RegisterSourceOutput(project.Combine(nullableAnnotations), static (production, input) => Guard(production, () =>
                production.AddSource("SpecGuard.VerifiesAttribute.Framework.g.cs", AttributeSource.VerifiesCompletion(input.Left, input.Right))));

            var stubInput = features.Collect().Combine(verified).Combine(project.Combine(options).Combine(nullableAnnotations));
            context.RegisterSourceOutput(stubInput, static (production, input) => Guard(production, () =>
                EmitStubs(production, input.Left.Left, input.Left.Right, input.Right.Left.Left, input.Right.Left.Right, input.Right.Right)));
        }

        private static void EmitCatalog(SourceProductionContext production, ImmutableArray<CatalogFeature?> features, SpecGuardOptions options, bool nullableAnnotations)
        {
            foreach (CatalogEmitter.MergedFeature feature in CatalogEmitter.Merge(features.OfType<CatalogFeature>()))
            {
                production.CancellationToken.ThrowIfCancellationRequested();
                production.AddSource("SpecGuard.Specs." + feature.Key + ".g.cs", CatalogEmitter.Emit(options.CatalogNamespace, feature, nullableAnnotations));
            }
        }

        private static void EmitStubs(SourceProductionContext production, ImmutableArray<CatalogFeature?> features, ImmutableArray<EquatableArray<string>> verifiedSites, ProjectInfo project, SpecGuardOptions options, bool nullableAnnotations)
        {
            if (project.Framework == TestFramework.None || options.PendingTests == PendingTestsMode.Off)
            {
                return;
            }

            var verified = new HashSet<string>(verifiedSites.SelectMany(static ids => ids), StringComparer.Ordinal);
            foreach (CatalogEmitter.MergedFeature feature in CatalogEmitter.Merge(features.OfType<CatalogFeature>()))
            {
                string? source = StubEmitter.Emit(feature, verified, project.Framework, options.PendingTests, nullableAnnotations);
                if (source is not null)
                {
                    production.AddSource(SpecContract.PendingTestsNamespace + "." + feature.Key + ".g.cs", source);
                }
            }
        }

        /// <summary>The IDs an attribute site names, read as every SpecGuard rule reads them (<see cref="LinkArguments"/>).</summary>
        private static EquatableArray<string> VerifiedIdsOf(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var ids = new List<string>();
            foreach (AttributeData attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                {
                    ids.AddRange(LinkArguments.Read(syntax, context.SemanticModel, cancellationToken).Select(static a => a.Id).OfType<string>());
                }
            }

            ids.Sort(StringComparer.Ordinal);
            return ids.Distinct(StringComparer.Ordinal).ToEquatableArray();
        }

        private static void Guard(SourceProductionContext production, Action emit)
        {
            try
            {
                emit();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // A generator bug must become a diagnostic, not CS8785 and a broken build.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                production.ReportDiagnostic(Diagnostic.Create(
                    SpecDescriptors.InternalError,
                    Location.None,
                    "SpecGuard's generator failed (" + exception.GetType().Name + ": " + exception.Message + "); generated code may be missing. Please report this."));
            }
        }
    }
}
