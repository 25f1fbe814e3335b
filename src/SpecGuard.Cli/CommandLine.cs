using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpecGuard.Cli;

/// <summary>Entry point of the <c>specguard</c> tool: dispatches commands and maps outcomes to exit codes.</summary>
internal static class CommandLine
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the command ran and found problems.</summary>
    public const int Problems = 1;

    /// <summary>Exit code: the command line itself is wrong.</summary>
    public const int UsageError = 2;

    private const string Usage = """
        Usage: specguard <command> [options]

        Commands:
          validate [PATH...] [--format text|json]
              Load every *.spec.yaml / *.spec.yml file under PATH (files or folders; default: ./specs)
              and print problems as 'file(line,col): error SPECnnn: message'.
              Exit code 0: no errors; 1: errors found; 2: usage error.

        Options:
          -h, --help     Show this help.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string currentDirectory)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? error : output).WriteLine(Usage);
            return args.Count == 0 ? UsageError : Ok;
        }

        return args[0] switch
        {
            "validate" => ValidateCommand.Run(args.Skip(1).ToArray(), output, error, currentDirectory),
            _ => Fail(error, $"specguard: unknown command '{args[0]}'. Run 'specguard --help' for the commands."),
        };
    }

    internal static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return UsageError;
    }
}
