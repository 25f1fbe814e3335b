using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace SpecGuard.Core.Schema
{
    /// <summary>
    /// The SpecGuard JSON Schema (format version 1), read once per process from the copy of
    /// <c>specs-schema/specguard.schema.json</c> embedded in this assembly at build time, and interpreted by
    /// <see cref="SchemaValidator"/> directly on the YAML tree.
    /// </summary>
    public static class SpecSchema
    {
        private const string ResourceName = "SpecGuard.Core.specguard.schema.json";

        private static readonly Lazy<string> LazyText = new Lazy<string>(ReadText, LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly Lazy<SchemaDocument> LazyDocument = new Lazy<SchemaDocument>(
            () => SchemaDocument.Parse(LazyText.Value),
            LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The schema's JSON text, byte for byte as published in <c>specs-schema/</c>.</summary>
        public static string Text => LazyText.Value;

        /// <summary>The format version this schema describes.</summary>
        public const int FormatVersion = 1;

        internal static SchemaDocument Document => LazyDocument.Value;

        internal static SchemaNode Root => LazyDocument.Value.Root;

        private static string ReadText()
        {
            using Stream? stream = typeof(SpecSchema).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName);
            if (stream is null)
            {
                throw new InvalidOperationException("The SpecGuard schema is not embedded in SpecGuard.Core; the build is broken.");
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
