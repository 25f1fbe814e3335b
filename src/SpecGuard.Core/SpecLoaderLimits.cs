using System;

namespace SpecGuard.Core
{
    /// <summary>
    /// The safety limits the loader enforces before it builds any tree, so that hostile or accidental input
    /// (a huge file, alias bombs, deep nesting) yields a diagnostic in bounded time and memory instead of a hang,
    /// an out-of-memory or a stack overflow inside the compiler. The defaults are documented in docs/limits.md.
    /// </summary>
    public sealed record SpecLoaderLimits
    {
        /// <summary>The defaults: 8 MiB of text, 32 levels of nesting, 10,000 nodes added by aliases, 100 diagnostics per file.</summary>
        public static SpecLoaderLimits Default { get; } = new SpecLoaderLimits();

        /// <summary>Largest spec file accepted, in UTF-16 characters (default 8 MiB). A spec needs a few KiB.</summary>
        public int MaxFileLength { get; init; } = 8 * 1024 * 1024;

        /// <summary>Deepest nesting of mappings and sequences (default 32). The format itself needs 5.</summary>
        public int MaxDepth { get; init; } = 32;

        /// <summary>
        /// Most nodes that aliases may add to the document when expanded (default 10,000). Checked at each alias,
        /// before anything is expanded, from the referenced node's already-known size.
        /// </summary>
        public int MaxAliasExpansion { get; init; } = 10_000;

        /// <summary>Most diagnostics reported for one file (default 100); the last one says how many were left out.</summary>
        public int MaxDiagnosticsPerFile { get; init; } = 100;

        internal void Validate()
        {
            if (MaxFileLength < 1 || MaxDepth < 1 || MaxAliasExpansion < 0 || MaxDiagnosticsPerFile < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(SpecLoaderLimits), "Every limit must be positive.");
            }
        }
    }
}
