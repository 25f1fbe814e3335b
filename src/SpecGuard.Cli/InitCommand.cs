using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Core.Schema;
using SpecGuard.Core.Text;
using SpecGuard.Core;

namespace SpecGuard.Cli;

/// <summary>
/// <c>specguard init</c>: scaffolds <c>specs/</c> in an existing repository (the schema, an example feature with the
/// editor modeline, the VS Code setting that maps spec files to the schema) and prints the next steps.
/// Never overwrites a file: what exists is left as it is, and what the user should add is printed instead.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_007)]
internal static class InitCommand
{
    public const string SchemaFileName = "specguard.schema.json";
    public const string ExampleFileName = "example.spec.yaml";

    public const string ExampleSpec = $"""
        # yaml-language-server: $schema=./specguard.schema.json
        # An example feature: rename it or replace it with one of yours. One file per feature, named *.spec.yaml.
        # The format: {ProjectLinks.DocsBase}spec-format.md
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
        int existingSpecs = Directory.EnumerateFiles(specs, "*", SearchOption.AllDirectories).Count(SpecContract.IsSpecFile);
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

        // The next steps name files that exist: the example when there is one, else the first existing spec file.
        string[] specFiles = [.. Directory.EnumerateFiles(specs, "*", SearchOption.AllDirectories).Where(SpecContract.IsSpecFile).Order(StringComparer.Ordinal)];
        string? start = File.Exists(example) ? example : specFiles.FirstOrDefault();
        string id = start is null ? "ID" : FirstCriterionId(start) ?? "ID";
        string version = typeof(InitCommand).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        string validate = string.Equals(Path.GetFullPath(root), Path.GetFullPath(currentDirectory), StringComparison.Ordinal) ? "specguard validate" : "specguard validate " + Show(specs);
        string review = validate.Length == "specguard validate".Length ? "specguard review --all" : "specguard review --all --specs " + Show(specs);

        output.WriteLine();
        output.WriteLine("Next steps:");
        if (start is null)
        {
            output.WriteLine($"  1. Write your acceptance criteria in {Show(specs)}/*.spec.yaml, one file per feature.");
        }
        else if (existingSpecs > 0 && !string.Equals(start, example, StringComparison.Ordinal))
        {
            output.WriteLine($"  1. Your acceptance criteria are in {Show(specs)}/ ({specFiles.Length} spec file(s), e.g. {Show(start)});");
            output.WriteLine("     add each new feature as another *.spec.yaml.");
        }
        else
        {
            output.WriteLine($"  1. Write your acceptance criteria in {Show(specs)}/*.spec.yaml, one file per feature (start from {Show(start)}).");
        }

        output.WriteLine("     VS Code needs the 'YAML' extension by Red Hat to check them as you type.");
        output.WriteLine($"  2. Check them:                     {validate}");
        output.WriteLine("  3. Reference the analyzers in each project that implements or tests criteria. SpecGuard is a package you pack");
        output.WriteLine("     yourself: in the SpecGuard repository, dotnet pack src/SpecGuard.Package -c Release -o artifacts/packages;");
        output.WriteLine("     then name that folder in a nuget.config next to your solution, or restore cannot find the package:");
        output.WriteLine("       <configuration><packageSources><add key=\"specguard-local\" value=\"PATH/TO/artifacts/packages\" /></packageSources></configuration>");
        output.WriteLine($"     and run:                        dotnet add package SpecGuard --version {version}");
        output.WriteLine($"     ({ProjectLinks.ProjectUrl}#use-it-in-a-project)");
        output.WriteLine($"  4. Link code and tests:            [Implements(\"{id}\")] on production code, [Verifies(\"{id}\")] on tests");
        output.WriteLine("  5. Measure:                        dotnet test --logger trx --results-directory TestResults");
        output.WriteLine("                                     specguard report --assembly <bin folders> --trx TestResults --format html -o spec-coverage.html");
        output.WriteLine($"  6. Flag code whose criterion changed (optional): {review}, and commit {Show(Path.Combine(specs, SpecContract.ReviewRecordFileName))}");
        output.WriteLine("     (then a changed criterion makes its links suspect, SPEC105, until specguard review ID; docs/suspect-links.md)");
        return failed ? CommandLine.Problems : CommandLine.Ok;

        string Show(string path) => CommandLine.Display(path, currentDirectory);

        static string? FirstCriterionId(string path)
        {
            try
            {
                return SpecSet.Load(new[] { SpecTextEncoding.Read(path, path) }).Features.FirstOrDefault()?.Criteria.FirstOrDefault()?.Id;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

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
