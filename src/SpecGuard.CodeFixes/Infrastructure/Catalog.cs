using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;
using SpecGuard.Core;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>A constant of the generated criterion catalog, with the ways to write it from shortest to longest.</summary>
    internal sealed class CatalogConstant
    {
        public CatalogConstant(IFieldSymbol field, string catalogNamespace, string className, string constantName)
        {
            Field = field;
            Namespace = catalogNamespace;
            Short = className + "." + constantName;
            Qualified = catalogNamespace + "." + Short;
            Global = "global::" + Qualified;
        }

        public IFieldSymbol Field { get; }

        /// <summary>The catalog namespace as written in C# (e.g. <c>SpecGuard.Specs</c>).</summary>
        public string Namespace { get; }

        /// <summary><c>OrdersCriteria.ORDERS_001</c>: binds where the catalog namespace is imported.</summary>
        public string Short { get; }

        /// <summary><c>SpecGuard.Specs.OrdersCriteria.ORDERS_001</c>.</summary>
        public string Qualified { get; }

        /// <summary><c>global::SpecGuard.Specs.OrdersCriteria.ORDERS_001</c>: binds everywhere.</summary>
        public string Global { get; }
    }

    /// <summary>Finds a criterion's constant in the catalog the generator emitted into the project's compilation.</summary>
    internal static class Catalog
    {
        /// <summary>
        /// The constant for <paramref name="id"/> of feature <paramref name="featureKey"/>, or null when the catalog is not
        /// in the compilation (the generator did not run, or the catalog is stale) — then links are written as string literals.
        /// The namespace is the project's <c>SpecGuardCatalogNamespace</c>, as the generator reads it.
        /// </summary>
        public static CatalogConstant? Find(Project project, Compilation compilation, string featureKey, string id)
        {
            string configured = SpecGuardOptions.Read(project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions).CatalogNamespace;
            return Find(compilation, configured, featureKey, id)
                ?? (configured == SpecGuardOptions.DefaultCatalogNamespace ? null : Find(compilation, SpecGuardOptions.DefaultCatalogNamespace, featureKey, id));
        }

        private static CatalogConstant? Find(Compilation compilation, string catalogNamespace, string featureKey, string id)
        {
            string className = SpecContract.CatalogClass(featureKey);
            string constantName = SpecContract.CriterionConstant(id);
            string metadataName = string.Join(".", catalogNamespace.Split('.').Select(static part => part.TrimStart('@'))) + "." + className.TrimStart('@');
            INamedTypeSymbol? type = compilation.GetTypeByMetadataName(metadataName);
            IFieldSymbol? field = type?.GetMembers(constantName.TrimStart('@')).OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.IsConst && string.Equals(f.ConstantValue as string, id, StringComparison.Ordinal));
            return field is null ? null : new CatalogConstant(field, catalogNamespace, className, constantName);
        }
    }
}
