using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;

namespace SpecGuard.Cli.Report;

/// <summary>The outcome of one test case, reduced to what the report needs.</summary>
internal enum TestOutcome
{
    /// <summary>No result in the given TRX files.</summary>
    NotRun,

    /// <summary>Every case passed.</summary>
    Passed,

    /// <summary>No case failed, but at least one did not run (skipped, inconclusive, not executed).</summary>
    Skipped,

    /// <summary>At least one case failed (failed, error, timeout, aborted).</summary>
    Failed,
}

/// <summary>One test result from a TRX file: the test's class and method, its display name and outcome.</summary>
/// <param name="ClassName">The test class, '.' between nesting levels.</param>
/// <param name="MethodName">The test method, without arguments.</param>
/// <param name="TestName">The result's testName as written.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="AssemblyPath">
/// The test assembly that ran it, as the TRX records it (<c>TestMethod codeBase</c>, else <c>UnitTest storage</c>); null
/// when the TRX does not say (a result whose definition was lost). Two test assemblies can hold a class of the same full
/// name, so results are joined to assemblies by this as well as by name.
/// </param>
internal sealed record TrxResult(string ClassName, string MethodName, string TestName, TestOutcome Outcome, string? AssemblyPath = null);

/// <summary>What was read from one TRX file, and the problem when it was not all readable.</summary>
internal sealed record TrxReadResult(IReadOnlyList<TrxResult> Results, string? Problem, bool Usable);

/// <summary>
/// Reads a TRX file written by <c>dotnet test --logger trx</c> with a streaming XML reader (no DTDs, no external
/// resolution). <c>UnitTestResult</c> elements are joined to <c>UnitTest/TestMethod</c> definitions by test ID; MSTest's
/// <c>InnerResults</c> (data rows) are ignored because their parent result already aggregates them. A truncated file keeps
/// the results read before the break; a result whose definition was lost is named from its <c>testName</c>.
/// </summary>
internal static class TrxReader
{
    /// <summary>How every test-results file is read (TRX, JUnit): no DTD, nothing resolved (no XXE), comments and whitespace skipped.</summary>
    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The warning for a test-results file cut short: where, why, and that what was read before is used.</summary>
    internal static string Truncated(XmlException exception, int read) => string.Format(
        CultureInfo.InvariantCulture,
        "truncated or malformed XML at line {0} ({1}); used the {2} test result(s) read before that point",
        exception.LineNumber,
        exception.Message,
        read);

    public const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TrxReadResult Read(string path) => ReadFile(path, Read);

    /// <summary>Opens a test-results file for <paramref name="read"/> (TRX, JUnit); a file that cannot be read is one warning.</summary>
    internal static TrxReadResult ReadFile(string path, Func<Stream, TrxReadResult> read)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return read(stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new TrxReadResult([], "cannot read the file (" + exception.Message + "); skipped", false);
        }
    }

    public static TrxReadResult Read(Stream stream)
    {
        XmlReaderSettings settings = Settings;

        var raw = new List<(string TestId, string TestName, string Outcome)>();
        var definitions = new Dictionary<string, (string ClassName, string MethodName, string? AssemblyPath)>(StringComparer.OrdinalIgnoreCase);
        string? problem = null;
        bool sawRoot = false;
        using (XmlReader reader = XmlReader.Create(stream, settings))
        {
            try
            {
                int innerResultsDepth = -1;
                string? currentTestId = null;
                string? currentStorage = null;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        if (reader.Depth == innerResultsDepth && reader.LocalName == "InnerResults")
                        {
                            innerResultsDepth = -1;
                        }

                        continue;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (!sawRoot)
                    {
                        sawRoot = true;
                        if (reader.LocalName != "TestRun" || reader.NamespaceURI != Namespace)
                        {
                            return new TrxReadResult(
                                [],
                                string.Format(CultureInfo.InvariantCulture, "not a TRX file from 'dotnet test --logger trx' (root element <{0}>, expected <TestRun> in namespace {1}); skipped", reader.Name, Namespace),
                                false);
                        }

                        continue;
                    }

                    if (reader.NamespaceURI != Namespace)
                    {
                        continue;
                    }

                    switch (reader.LocalName)
                    {
                        case "InnerResults" when !reader.IsEmptyElement && innerResultsDepth < 0:
                            innerResultsDepth = reader.Depth;
                            break;
                        case "UnitTestResult" when innerResultsDepth < 0:
                            raw.Add((reader.GetAttribute("testId") ?? string.Empty, reader.GetAttribute("testName") ?? string.Empty, reader.GetAttribute("outcome") ?? string.Empty));
                            break;
                        case "UnitTest":
                            currentTestId = reader.GetAttribute("id");
                            currentStorage = reader.GetAttribute("storage");
                            break;
                        case "TestMethod" when currentTestId is not null:
                            string? className = reader.GetAttribute("className");
                            string? methodName = reader.GetAttribute("name");
                            if (!string.IsNullOrEmpty(className) && !string.IsNullOrEmpty(methodName))
                            {
                                // codeBase keeps the path's case; storage is lower-cased by some versions of the logger.
                                string? codeBase = reader.GetAttribute("codeBase");
                                definitions[currentTestId] = (className, methodName, string.IsNullOrWhiteSpace(codeBase) ? (string.IsNullOrWhiteSpace(currentStorage) ? null : currentStorage) : codeBase);
                            }

                            currentTestId = null;
                            break;
                    }
                }
            }
            catch (XmlException exception)
            {
                if (!sawRoot)
                {
                    return new TrxReadResult([], "not a TRX file (not XML: " + exception.Message + "); skipped", false);
                }

                problem = Truncated(exception, raw.Count);
            }
        }

        if (!sawRoot)
        {
            return new TrxReadResult([], "not a TRX file (empty); skipped", false);
        }

        var results = new List<TrxResult>(raw.Count);
        int unnamed = 0;
        foreach (var (testId, testName, outcome) in raw)
        {
            string className;
            string methodName;
            string? assemblyPath = null;
            if (definitions.TryGetValue(testId, out var definition))
            {
                className = StripAssemblySuffix(definition.ClassName);
                methodName = StripArguments(definition.MethodName);
                assemblyPath = definition.AssemblyPath;
            }
            else if (!TrySplitTestName(testName, out className, out methodName))
            {
                unnamed++;
                continue;
            }

            results.Add(new TrxResult(className.Replace('+', '.'), methodName, testName, MapOutcome(outcome), assemblyPath));
        }

        if (unnamed > 0)
        {
            string note = string.Format(CultureInfo.InvariantCulture, "{0} test result(s) have no test definition and no class in their name; not counted", unnamed);
            problem = problem is null ? note : problem + "; " + note;
        }

        return new TrxReadResult(results, problem, true);
    }

    /// <summary>Maps a TRX outcome (Passed, Failed, NotExecuted, ...) to the report's three outcomes.</summary>
    public static TestOutcome MapOutcome(string outcome) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Completed" or "Warning" => TestOutcome.Passed,
        "Failed" or "Error" or "Timeout" or "Aborted" => TestOutcome.Failed,
        _ => TestOutcome.Skipped,
    };

    private static string StripAssemblySuffix(string className)
    {
        int comma = className.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? className : className[..comma]).Trim();
    }

    private static string StripArguments(string name)
    {
        int parenthesis = name.IndexOf('(', StringComparison.Ordinal);
        return (parenthesis < 0 ? name : name[..parenthesis]).Trim();
    }

    private static bool TrySplitTestName(string testName, out string className, out string methodName)
    {
        string name = StripArguments(testName);
        int dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            className = methodName = string.Empty;
            return false;
        }

        className = name[..dot];
        methodName = name[(dot + 1)..];
        return true;
    }
}
