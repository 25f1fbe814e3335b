using System.Collections.Generic;

namespace SpecGuard.Core.Links
{
    /// <summary>Which link attribute.</summary>
    public enum SourceLinkKind
    {
        /// <summary><c>[Implements(...)]</c>.</summary>
        Implements,

        /// <summary><c>[Verifies(...)]</c>.</summary>
        Verifies,
    }

    /// <summary>One criterion ID named by a link attribute in C# source text.</summary>
    /// <param name="Kind">The attribute.</param>
    /// <param name="Id">The criterion ID, as written in a string literal, or from a catalog constant's name (ORDERS_001 → ORDERS-001).</param>
    /// <param name="Line">1-based line of the ID's literal or constant.</param>
    /// <param name="AttributeLine">1-based line where the attribute's name is.</param>
    public sealed record SourceLink(SourceLinkKind Kind, string Id, int Line, int AttributeLine);

    /// <summary>
    /// Link attributes read from C# source text without compiling it: for revisions that cannot be built (the base side of
    /// <c>specguard diff</c>, every commit of <c>specguard flow</c>). What a build decides (<c>LinkArguments</c> in the
    /// analyzers) is the truth; this reads what the text says, and is documented as such.
    /// </summary>
    public static class SourceLinks
    {
        /// <summary>Every ID the link attributes of <paramref name="text"/> name, in text order. Never throws; linear in the text's length.</summary>
        public static IReadOnlyList<SourceLink> Find(string text) => throw new System.NotImplementedException();
    }
}
