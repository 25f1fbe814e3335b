using System.CommandLine;

namespace SpecGuard.Cli;

/// <summary>The shapes of options several commands share (report, diff, flow): paths that repeat, an output file.</summary>
internal static class CommandOptions
{
    /// <summary>A repeatable option of files or folders (<c>--assembly PATH…</c>).</summary>
    public static Option<string[]> Paths(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "PATH",
        };

    /// <summary><c>--output/-o FILE</c>.</summary>
    public static Option<string> Output(string description) =>
        new("--output", "-o")
        {
            Description = description,
            HelpName = "FILE",
        };
}
