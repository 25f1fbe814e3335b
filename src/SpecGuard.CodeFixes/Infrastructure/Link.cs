using SpecGuard.Generators.Emit;
using SpecGuard.Core;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>The attribute a fix writes: <c>[Implements(ID)]</c> or <c>[SpecExempt("TODO: reason")]</c>.</summary>
    internal sealed class Link
    {
        /// <summary>The reason written by the Exempt fix: non-empty (so no SPEC104), and easy to find and replace.</summary>
        public const string ExemptReason = "TODO: reason";

        private Link(string attributeMetadataName, string shortName, string? id, CatalogConstant? constant)
        {
            AttributeMetadataName = attributeMetadataName;
            ShortName = shortName;
            Id = id;
            Constant = constant;
        }

        /// <summary>The attribute's metadata name, e.g. <c>SpecGuard.ImplementsAttribute</c>.</summary>
        public string AttributeMetadataName { get; }

        /// <summary>The attribute's name without namespace and suffix, e.g. <c>Implements</c>.</summary>
        public string ShortName { get; }

        /// <summary>The criterion ID of an Implements link; null for an exemption.</summary>
        public string? Id { get; }

        /// <summary>The catalog constant for <see cref="Id"/>, or null to write the ID as a string literal.</summary>
        public CatalogConstant? Constant { get; }

        public static Link Implements(string id, CatalogConstant? constant) => new Link(SpecContract.ImplementsMetadataName, "Implements", id, constant);

        public static Link Exempt() => new Link(SpecContract.SpecExemptMetadataName, "SpecExempt", null, null);
    }
}
