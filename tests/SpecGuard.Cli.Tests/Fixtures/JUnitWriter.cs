using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>
/// Writes JUnit XML as the JUnit logger for <c>dotnet test</c> (JunitXml.TestLogger) does: one <c>testsuite</c> per test
/// assembly, named after the assembly's file; each case's classname the class, its name the method with the theory's
/// arguments (or, with <paramref name="fullNames"/>, the full name, as the logger's default method format gives).
/// </summary>
public static class JUnitWriter
{
    public static string Write(IReadOnlyList<TrxCase> cases, string assembly = "Shop.Tests.dll", bool fullNames = false)
    {
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites>\n")
            .Append(CultureInfo.InvariantCulture, $"  <testsuite name=\"{Encode(assembly)}\" tests=\"{cases.Count}\" skipped=\"{cases.Count(static c => c.Outcome == "NotExecuted")}\" failures=\"{cases.Count(static c => c.Outcome == "Failed")}\" errors=\"0\" time=\"0.1\" timestamp=\"2026-01-01T00:00:00\" hostname=\"ci\" id=\"0\" package=\"{Encode(assembly)}\">\n")
            .Append("    <properties />\n");
        foreach (TrxCase c in cases)
        {
            string className = c.ClassName.Split(',')[0];
            string method = c.Method + (c.Case is null ? string.Empty : "(" + c.Case + ")");
            string name = fullNames ? className.Replace('+', '.') + "." + method : method;
            text.Append(CultureInfo.InvariantCulture, $"    <testcase classname=\"{Encode(className)}\" name=\"{Encode(name)}\" time=\"0.001\"");
            text.Append(c.Outcome switch
            {
                "Failed" => ">\n      <failure type=\"failure\" message=\"Assert.True() Failure\">at Shop.Tests</failure>\n    </testcase>\n",
                "NotExecuted" => ">\n      <skipped message=\"skipped\" />\n    </testcase>\n",
                _ => " />\n",
            });
        }

        text.Append("    <system-out>output</system-out>\n  </testsuite>\n</testsuites>\n");
        return text.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
