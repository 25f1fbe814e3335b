using System;
using System.IO;
using System.Reflection;
using System.Threading;
using NJsonSchema;

namespace SpecGuard.Core.Schema
{
    /// <summary>
    /// The SpecGuard JSON Schema (format version 1), read once from the copy of
    /// <c>specs-schema/specguard.schema.json</c> embedded in this assembly at build time.
    /// </summary>
    public static class SpecSchema
    {
        private const string ResourceName = "SpecGuard.Core.specguard.schema.json";

        private static readonly Lazy<string> LazyText = new Lazy<string>(ReadText, LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly Lazy<JsonSchema> LazySchema = new Lazy<JsonSchema>(
            () => JsonSchema.FromJsonAsync(LazyText.Value).GetAwaiter().GetResult(),
            LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The schema's JSON text, byte for byte as published in <c>specs-schema/</c>.</summary>
        public static string Text => LazyText.Value;

        /// <summary>The format version this schema describes.</summary>
        public const int FormatVersion = 1;

        internal static JsonSchema Schema => LazySchema.Value;

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
