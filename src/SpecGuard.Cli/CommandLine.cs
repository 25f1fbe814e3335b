using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpecGuard.Cli;

/// <summary>Entry point of the <c>specguard</c> tool: declares the commands (System.CommandLine) and maps outcomes to exit codes.</summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_002)]
internal static partial class CommandLine
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the command ran and found problems (errors, a threshold not met, nothing usable).</summary>
    public const int Problems = 1;

    /// <summary>Exit code: the command line itself is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/>, runs the command, and returns the exit code. Never touches the console.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="error">Where problems and warnings go (stderr).</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string currentDirectory) =>
        Run(args, output, error, currentDirectory, BaselineCommand.DotnetBuild);

    /// <summary>As <see cref="Run(IReadOnlyList{string}, TextWriter, TextWriter, string)"/>, with the build <c>specguard baseline</c> runs given (tests stand in for dotnet build).</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string currentDirectory, BuildRunner build) =>
        Run(args, output, error, currentDirectory, build, Environment.GetEnvironmentVariable);

    /// <summary>As above, with the environment variables the commands read given (tests pass their own: they run in parallel).</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string currentDirectory, BuildRunner build, Func<string, string?> environment)
    {
        var root = new RootCommand("SpecGuard: hold .NET code to machine-readable acceptance criteria.")
        {
            ValidateCommand.Create(output, error, currentDirectory, environment),
            ReportCommand.Create(output, error, currentDirectory, environment),
            InitCommand.Create(output, error, currentDirectory),
            BaselineCommand.Create(output, error, currentDirectory, build),
            ReviewCommand.Create(output, error, currentDirectory),
            DiffCommand.Create(output, error, currentDirectory, environment),
            FlowCommand.Create(output, error, currentDirectory),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // One line per problem, prefixed like every other message of the tool ("specguard report: ...").
            Command command = parse.CommandResult.Command;
            string prefix = command is RootCommand ? "specguard" : "specguard " + command.Name;
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine(prefix + ": " + UsageMessage(parseError.Message, OptionName(parseError.SymbolResult)));
            }

            error.WriteLine(command is RootCommand ? "Run 'specguard --help' for the commands and options." : $"Run 'specguard {command.Name} --help' for its options.");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>
    /// A parser message as one line without .NET type names: "as expected type 'System.…'" becomes "is not a valid
    /// value", and the allowed values the library prints one per line become "--format takes md, html or json, not 'xml'".
    /// </summary>
    internal static string UsageMessage(string message, string? option)
    {
        Match typed = ExpectedType().Match(message);
        if (typed.Success)
        {
            return $"'{typed.Groups["value"].Value}' is not a valid value for {typed.Groups["option"].Value}.";
        }

        string[] lines = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length <= 1)
        {
            return message.Trim();
        }

        string[] values = [.. lines[1..].Select(static l => l.Trim('\''))];
        string allowed = values.Length == 1 ? values[0] : string.Join(", ", values[..^1]) + " or " + values[^1];
        Match unknown = NotRecognized().Match(lines[0]);
        return unknown.Success && option is not null
            ? $"{option} takes {allowed}, not '{unknown.Groups["value"].Value}'."
            : lines[0] + " " + allowed + ".";
    }

    private static string? OptionName(SymbolResult? result) => result switch
    {
        OptionResult option => option.Option.Name,
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        _ => null,
    };

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for (?:option|command) '(?<option>[^']*)' as expected type '[^']*'\\.?$", RegexOptions.Singleline)]
    private static partial Regex ExpectedType();

    [GeneratedRegex("^Argument '(?<value>.*)' not recognized\\.")]
    private static partial Regex NotRecognized();

    internal static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return UsageError;
    }

    /// <summary>The path to show for <paramref name="fullPath"/>: relative to the current directory when inside it, with '/' separators.</summary>
    internal static string Display(string fullPath, string currentDirectory)
    {
        string relative = Path.GetRelativePath(currentDirectory, fullPath);
        string shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        return shown.Replace('\\', '/');
    }

    /// <summary>Writes a command's output file (folders created, UTF-8 without BOM); the reason it could not, or null.</summary>
    internal static string? WriteFile(string path, string text)
    {
        try
        {
            if (Path.GetDirectoryName(path) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return exception.Message;
        }
    }

    /// <summary>The specs root: <c>specs/</c> in <paramref name="currentDirectory"/> or its nearest ancestor that has one.</summary>
    internal static string? FindSpecsRoot(string currentDirectory)
    {
        for (DirectoryInfo? directory = new(currentDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "specs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
