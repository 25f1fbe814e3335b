using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;

namespace SpecGuard.Cli.Report;

/// <summary>What a test-results file is, from its root element (never from its name).</summary>
internal enum TestResultsKind
{
    /// <summary>Not XML, empty, or a file that cannot be read.</summary>
    NotXml,

    /// <summary>XML whose root is neither of the two below.</summary>
    Other,

    /// <summary><c>&lt;TestRun&gt;</c> in the TRX namespace.</summary>
    Trx,

    /// <summary><c>&lt;testsuites&gt;</c> or <c>&lt;testsuite&gt;</c> (no namespace): JUnit XML.</summary>
    JUnit,
}

/// <summary>
/// Reads JUnit XML test results into the records <see cref="TrxReader"/> produces, so that the join to assemblies is
/// one piece of code. Producers' dialects: the JUnit logger for <c>dotnet test</c> (JunitXml.TestLogger:
/// <c>testsuite name="Shop.Tests.dll"</c>, <c>testcase classname="Ns.Class" name="Method(x: 1)"</c> or the full
/// name), Maven Surefire and Gradle (<c>testsuite</c> root, <c>failure</c>/<c>error</c>/<c>skipped</c> children,
/// <c>system-out</c>), pytest and jest-junit (<c>testsuites</c> root, nested suites, a class that may be a file path).
/// A test case is mapped to a .NET method as follows: the class is <c>classname</c> (else the enclosing suite's
/// <c>name</c>), with an assembly-qualified suffix dropped and <c>+</c> (nested classes) read as <c>.</c>; the method
/// is <c>name</c> without its arguments (from the first <c>(</c> or <c>[</c>) and, when that starts with the class and
/// a dot, without the class; a case without a class takes the part of its name before the last dot. Outcome: a
/// <c>failure</c> or <c>error</c> child → failed; else a <c>skipped</c> child → skipped; else passed. The test
/// assembly is the enclosing suite's <c>name</c> when it ends in <c>.dll</c> or <c>.exe</c> (the JUnit logger's
/// suites), else unknown. Streaming reader, DTDs prohibited, no external resolution; never throws.
/// </summary>
internal static class JUnitReader
{
    /// <summary>Settings every test-results file is read with: a DTD is an error, nothing external is resolved.</summary>
    private static readonly XmlReaderSettings Settings = TrxReader.Settings;

    /// <summary>The kind of <paramref name="path"/>, from its root element (the name of that element for <see cref="TestResultsKind.Other"/>).</summary>
    public static (TestResultsKind Kind, string? Root) Detect(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Detect(stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (TestResultsKind.NotXml, null);
        }
    }

    public static (TestResultsKind Kind, string? Root) Detect(Stream stream)
    {
        try
        {
            using XmlReader reader = XmlReader.Create(stream, Settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "TestRun" && reader.NamespaceURI == TrxReader.Namespace)
                {
                    return (TestResultsKind.Trx, reader.Name);
                }

                return reader.NamespaceURI.Length == 0 && reader.LocalName is "testsuites" or "testsuite"
                    ? (TestResultsKind.JUnit, reader.Name)
                    : (TestResultsKind.Other, reader.Name);
            }
        }
        catch (XmlException)
        {
            // Not XML, or a DTD: nothing to detect.
        }

        return (TestResultsKind.NotXml, null);
    }

    public static TrxReadResult Read(string path) => TrxReader.ReadFile(path, Read);

    public static TrxReadResult Read(Stream stream)
    {
        var results = new List<TrxResult>();
        var suites = new Stack<(int Depth, string? Name)>();
        string? problem = null;
        bool sawRoot = false;
        int unnamed = 0;

        // The test case being read: its names, and what its children said.
        int caseDepth = -1;
        string? caseClass = null, caseName = null, caseSuite = null;
        bool failed = false, skipped = false;

        using (XmlReader reader = XmlReader.Create(stream, Settings))
        {
            try
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        if (reader.Depth == caseDepth && reader.LocalName == "testcase")
                        {
                            Finish();
                        }
                        else if (suites.Count > 0 && suites.Peek().Depth == reader.Depth && reader.LocalName == "testsuite")
                        {
                            suites.Pop();
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
                        if (reader.NamespaceURI.Length != 0 || reader.LocalName is not ("testsuites" or "testsuite"))
                        {
                            return new TrxReadResult(
                                [],
                                string.Format(CultureInfo.InvariantCulture, "not JUnit XML (root element <{0}>, expected <testsuites> or <testsuite>); skipped", reader.Name),
                                false);
                        }
                    }

                    switch (reader.LocalName)
                    {
                        case "testsuite" when caseDepth < 0:
                            if (!reader.IsEmptyElement)
                            {
                                suites.Push((reader.Depth, reader.GetAttribute("name")));
                            }

                            break;
                        case "testcase" when caseDepth < 0:
                            caseClass = reader.GetAttribute("classname");
                            caseName = reader.GetAttribute("name");
                            caseSuite = suites.Count > 0 ? suites.Peek().Name : null;
                            failed = skipped = false;
                            caseDepth = reader.Depth;
                            if (reader.IsEmptyElement)
                            {
                                Finish();
                            }

                            break;
                        case "failure" or "error" when caseDepth >= 0 && reader.Depth == caseDepth + 1:
                            failed = true;
                            break;
                        case "skipped" when caseDepth >= 0 && reader.Depth == caseDepth + 1:
                            skipped = true;
                            break;
                    }
                }
            }
            catch (XmlException exception)
            {
                if (!sawRoot)
                {
                    return new TrxReadResult([], "not JUnit XML (not XML: " + exception.Message + "); skipped", false);
                }

                problem = TrxReader.Truncated(exception, results.Count);
            }
        }

        if (!sawRoot)
        {
            return new TrxReadResult([], "not JUnit XML (empty); skipped", false);
        }

        if (unnamed > 0)
        {
            string note = string.Format(CultureInfo.InvariantCulture, "{0} test case(s) name no class and method (no classname or suite name, no method before the arguments); not counted", unnamed);
            problem = problem is null ? note : problem + "; " + note;
        }

        return new TrxReadResult(results, problem, true);

        void Finish()
        {
            TestOutcome outcome = failed ? TestOutcome.Failed : skipped ? TestOutcome.Skipped : TestOutcome.Passed;
            string? assembly = caseSuite is { } suite && (suite.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || suite.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)) ? suite : null;
            string? fallbackClass = assembly is null ? caseSuite : null;
            if (Map(caseClass, caseName, fallbackClass) is { } mapped)
            {
                results.Add(new TrxResult(mapped.ClassName, mapped.MethodName, caseName ?? string.Empty, outcome, assembly));
            }
            else
            {
                unnamed++;
            }

            caseDepth = -1;
        }
    }

    /// <summary>
    /// The .NET class and method a JUnit test case names (see the type's summary), or null when it names no class.
    /// <paramref name="suite"/> is the enclosing suite's name, used when the case has no <c>classname</c>.
    /// </summary>
    public static (string ClassName, string MethodName)? Map(string? classname, string? name, string? suite)
    {
        string method = StripArguments(name ?? string.Empty);
        string className = Normalise(string.IsNullOrWhiteSpace(classname) ? string.Empty : classname);
        if (className.Length > 0 && method.StartsWith(className + ".", StringComparison.Ordinal) && method.Length > className.Length + 1)
        {
            // The full name (the JUnit logger's default, Surefire's TestNG-style names).
            return (className, method[(className.Length + 1)..]);
        }

        if (className.Length == 0)
        {
            int dot = method.LastIndexOf('.');
            if (dot > 0 && dot < method.Length - 1)
            {
                return (Normalise(method[..dot]), method[(dot + 1)..]);
            }

            className = Normalise(suite ?? string.Empty);
        }

        return className.Length == 0 || method.Length == 0 ? null : (className, method);
    }

    private static string Normalise(string className)
    {
        int comma = className.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? className : className[..comma]).Trim().Replace('+', '.');
    }

    private static string StripArguments(string name)
    {
        int cut = name.IndexOfAny(['(', '[']);
        return (cut < 0 ? name : name[..cut]).Trim();
    }
}
