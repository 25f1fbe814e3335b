using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>One test case in a hand-written TRX file.</summary>
/// <param name="ClassName">The TestMethod className (may carry an assembly-qualified suffix).</param>
/// <param name="Method">The TestMethod name.</param>
/// <param name="Outcome">Passed, Failed, NotExecuted, ...</param>
/// <param name="Case">Theory case arguments, e.g. <c>quantity: 1</c>, shown in testName.</param>
public sealed record TrxCase(string ClassName, string Method, string Outcome, string? Case = null);

/// <summary>Writes TRX in the layout <c>dotnet test --logger trx</c> uses: Results first, then TestDefinitions.</summary>
public static class TrxWriter
{
    public static string Write(IReadOnlyList<TrxCase> cases, string storage = "/build/Shop.Tests.dll")
    {
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
            .Append("<TestRun id=\"00000000-0000-0000-0000-000000000001\" name=\"fixture\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n")
            .Append("  <Times creation=\"2026-01-01T00:00:00.0000000+00:00\" />\n  <Results>\n");
        for (int i = 0; i < cases.Count; i++)
        {
            TrxCase c = cases[i];
            text.Append(CultureInfo.InvariantCulture, $"    <UnitTestResult executionId=\"{Id(i, 'e')}\" testId=\"{Id(i, 't')}\" testName=\"{Encode(TestName(c))}\" computerName=\"ci\" duration=\"00:00:00.0010000\" testType=\"13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b\" outcome=\"{c.Outcome}\" testListId=\"8c84fa94-04c1-424b-9868-57a2d4851a1d\" />\n");
        }

        text.Append("  </Results>\n  <TestDefinitions>\n");
        for (int i = 0; i < cases.Count; i++)
        {
            TrxCase c = cases[i];
            text.Append(CultureInfo.InvariantCulture, $"    <UnitTest name=\"{Encode(TestName(c))}\" storage=\"{Encode(storage)}\" id=\"{Id(i, 't')}\">\n")
                .Append(CultureInfo.InvariantCulture, $"      <Execution id=\"{Id(i, 'e')}\" />\n")
                .Append(CultureInfo.InvariantCulture, $"      <TestMethod codeBase=\"{Encode(storage)}\" adapterTypeName=\"executor://xunit/VsTestRunner3/netcore/\" className=\"{Encode(c.ClassName)}\" name=\"{Encode(c.Method)}\" />\n")
                .Append("    </UnitTest>\n");
        }

        text.Append("  </TestDefinitions>\n  <ResultSummary outcome=\"Completed\">\n")
            .Append(CultureInfo.InvariantCulture, $"    <Counters total=\"{cases.Count}\" />\n")
            .Append("  </ResultSummary>\n</TestRun>\n");
        return text.ToString();
    }

    private static string TestName(TrxCase c)
    {
        string className = c.ClassName.Split(',')[0].Replace('+', '.');
        return className + "." + c.Method + (c.Case is null ? string.Empty : "(" + c.Case + ")");
    }

    private static string Id(int index, char kind) => string.Create(CultureInfo.InvariantCulture, $"{(kind == 't' ? 1 : 2):x8}-0000-0000-0000-{index:x12}");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
