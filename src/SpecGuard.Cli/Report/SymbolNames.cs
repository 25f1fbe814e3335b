using System;

namespace SpecGuard.Cli.Report;

/// <summary>
/// Turns metadata names into names a person recognises, mapping compiler-generated members back to the user code
/// they came from: <c>Program+&lt;&gt;c.&lt;Main&gt;b__0_0</c> is "a lambda in Program.Main",
/// <c>&lt;Main&gt;g__Local|0_1</c> is "the local function Local in Main", <c>&lt;Main&gt;$</c> is the top-level statements.
/// </summary>
internal static class SymbolNames
{
    /// <summary>A type's metadata name without its generic arity suffix (<c>Repository`1</c> → <c>Repository</c>).</summary>
    public static string WithoutArity(string name)
    {
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>True for names the compiler invents (<c>&lt;&gt;c</c>, <c>&lt;Main&gt;b__0_0</c>, <c>&lt;Run&gt;d__3</c>).</summary>
    public static bool IsCompilerGenerated(string name) => name.StartsWith('<');

    /// <summary>
    /// The user-facing member a compiler-generated method name stands for, and what kind of thing it is.
    /// Returns (name, "method") for ordinary names.
    /// </summary>
    public static (string Member, string Kind) DescribeMethod(string metadataName)
    {
        if (metadataName == "<Main>$")
        {
            return ("<top-level statements>", "method");
        }

        if (!IsCompilerGenerated(metadataName))
        {
            return (metadataName, "method");
        }

        int close = MatchingClose(metadataName);
        if (close < 0)
        {
            return (metadataName, "compiler-generated");
        }

        string container = metadataName[1..close];
        if (container.StartsWith('<'))
        {
            container = DescribeMethod(container).Member;
        }
        else if (container.Length == 0)
        {
            container = "<unknown>";
        }

        string rest = metadataName[(close + 1)..];
        if (rest.StartsWith("b__", StringComparison.Ordinal))
        {
            return (container, "lambda");
        }

        if (rest.StartsWith("g__", StringComparison.Ordinal))
        {
            int bar = rest.IndexOf('|', StringComparison.Ordinal);
            string local = bar > 3 ? rest[3..bar] : rest[3..];
            return (container + "." + local, "local function");
        }

        return (container, "compiler-generated");
    }

    /// <summary>The index of the '&gt;' that closes the name's leading '&lt;', counting nested pairs; -1 when unbalanced.</summary>
    private static int MatchingClose(string name)
    {
        int depth = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '<')
            {
                depth++;
            }
            else if (name[i] == '>' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
