using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Core.Schema;

namespace SpecGuard.Cli;

/// <summary>
/// <c>specguard init</c>: scaffolds <c>specs/</c> in an existing repository (the schema, an example feature with the
/// editor modeline, the VS Code setting that maps spec files to the schema) and prints the next steps.
/// Never overwrites a file: what exists is left as it is, and what the user should add is printed instead.
/// </summary>
internal static class InitCommand
{
    public const string SchemaFileName = "specguard.schema.json";
    public const string ExampleFileName = "example.spec.yaml";

    public const string ExampleSpec = """
        # yaml-language-server: $schema=./specguard.schema.json
        # An example feature: rename it or replace it with one of yours. One file per feature, named *.spec.yaml.
        # The format: https://github.com/specguard/specguard/blob/main/docs/spec-format.md
        specguard: 1
        feature: EXAMPLE
        title: An example feature
        status: draft
        criteria:
          - id: EXAMPLE-001
            title: A visitor sees the welcome page
            given: a visitor who is not signed in
            when: the visitor opens the home page
            then:
              - the welcome page is shown
              - it links to the sign-in page
            priority: must
            tags: [example]

        """;

    public const string VsCodeSettings = """
        {
          "yaml.schemas": {
            "./specs/specguard.schema.json": ["**/*.spec.yaml", "**/*.spec.yml"]
          }
        }

        """;

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory)
    {
        var root = new Argument<string>("DIR")
        {
            Description = "The repository root to scaffold (default: the current folder).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = static _ => ".",
        };
        var command = new Command("init", "Scaffold specs/ in an existing repository: the schema, an example feature, the editor setting; print the next steps. Never overwrites a file.")
        {
            root,
        };
        command.SetAction(parse => Run(parse.GetValue(root) ?? ".", output, error, currentDirectory));
        return command;
    }

    public static int Run(string directory, TextWriter output, TextWriter error, string currentDirectory)
    {
        string root = Path.GetFullPath(directory, currentDirectory);
        if (!Directory.Exists(root))
        {
            return CommandLine.Fail(error, $"specguard init: '{directory}' is not a folder.");
        }

        string specs = Path.Combine(root, "specs");
        bool failed = false;
        try
        {
            Directory.CreateDirectory(specs);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"specguard init: cannot create '{Show(specs)}' ({exception.Message}).");
            return CommandLine.Problems;
        }

        failed |= !TryCreate(Path.Combine(specs, SchemaFileName), SpecSchema.Text);

        string example = Path.Combine(specs, ExampleFileName);
        int existingSpecs = Directory.EnumerateFiles(specs, "*", SearchOption.AllDirectories).Count(CommandLine.IsSpecFile);
        if (existingSpecs > 0 && !File.Exists(example))
        {
            output.WriteLine($"  kept     {Show(specs)}/ already holds {existingSpecs} spec file(s); no example added");
        }
        else
        {
            failed |= !TryCreate(example, ExampleSpec);
        }

        string settings = Path.Combine(root, ".vscode", "settings.json");
        if (File.Exists(settings))
        {
            output.WriteLine($"  kept     {Show(settings)} exists and was not changed; add this to it so VS Code checks spec files against the schema:");
            output.WriteLine("             \"yaml.schemas\": { \"./specs/specguard.schema.json\": [\"**/*.spec.yaml\", \"**/*.spec.yml\"] }");
        }
        else
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
                failed |= !TryCreate(settings, VsCodeSettings);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"specguard init: cannot create '{Show(settings)}' ({exception.Message}).");
                failed = true;
            }
        }

        output.WriteLine();
        output.WriteLine("Next steps:");
        output.WriteLine("  1. Write your acceptance criteria in specs/*.spec.yaml (start from specs/example.spec.yaml; VS Code needs the");
        output.WriteLine("     'YAML' extension by Red Hat to check them as you type).");
        output.WriteLine("  2. Check them:                     specguard validate");
        output.WriteLine("  3. Reference the analyzers:        dotnet add package SpecGuard   (in each project that implements or tests criteria)");
        output.WriteLine("  4. Link code and tests:            [Implements(\"EXAMPLE-001\")] on production code, [Verifies(\"EXAMPLE-001\")] on tests");
        output.WriteLine("  5. Measure:                        dotnet test --logger trx --results-directory TestResults");
        output.WriteLine("                                     specguard report --assembly <bin folders> --trx TestResults --format html -o spec-coverage.html");
        return failed ? CommandLine.Problems : CommandLine.Ok;

        string Show(string path) => CommandLine.Display(path, currentDirectory);

        bool TryCreate(string path, string text)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    writer.Write(text.ReplaceLineEndings("\n"));
                }

                output.WriteLine($"  created  {Show(path)}");
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                output.WriteLine($"  kept     {Show(path)} (exists; not overwritten)");
                return true;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"specguard init: cannot create '{Show(path)}' ({exception.Message}).");
                return false;
            }
        }
    }
}
