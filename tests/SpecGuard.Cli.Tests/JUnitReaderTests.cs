using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>JUnit XML test results: producers' dialects, detection by content, bad input; and in <c>specguard report</c>.</summary>
public sealed class JUnitReaderTests : IClassFixture<ShopFixture>
{
    private readonly ShopFixture _shop;

    public JUnitReaderTests(ShopFixture shop) => _shop = shop;

    private static TrxReadResult Read(string xml) => JUnitReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static (TestResultsKind Kind, string? Root) Detect(string xml) => JUnitReader.Detect(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void The_dotnet_junit_logger_gives_class_method_outcome_and_assembly()
    {
        TrxReadResult result = Read("""
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites>
              <testsuite name="Shop.Tests.dll" tests="4" skipped="1" failures="1" errors="0" time="0.1" timestamp="2026-01-01T00:00:00" hostname="ci" id="0" package="Shop.Tests.dll">
                <properties />
                <testcase classname="Shop.Tests.OrderTests" name="Places_an_order" time="0.001" />
                <testcase classname="Shop.Tests.OrderTests" name="Reserves_stock(quantity: 0)" time="0.001">
                  <failure type="failure" message="Assert.True() Failure">at Shop.Tests.OrderTests.Reserves_stock</failure>
                </testcase>
                <testcase classname="Shop.Tests.OrderTests" name="Shop.Tests.OrderTests.Reserves_stock(quantity: 1)" time="0.001" />
                <testcase classname="Shop.Tests.PaymentTests+Refunds" name="Refunds_the_full_amount" time="0.001" />
                <testcase classname="Shop.Tests.OrderTests" name="Reports_out_of_stock" time="0">
                  <skipped message="not today" />
                </testcase>
                <system-out>done</system-out>
              </testsuite>
            </testsuites>
            """);

        Assert.True(result.Usable);
        Assert.Null(result.Problem);
        Assert.Equal(
            [
                ("Shop.Tests.OrderTests", "Places_an_order", TestOutcome.Passed),
                ("Shop.Tests.OrderTests", "Reserves_stock", TestOutcome.Failed),
                ("Shop.Tests.OrderTests", "Reserves_stock", TestOutcome.Passed),
                ("Shop.Tests.PaymentTests.Refunds", "Refunds_the_full_amount", TestOutcome.Passed),
                ("Shop.Tests.OrderTests", "Reports_out_of_stock", TestOutcome.Skipped),
            ],
            result.Results.Select(static r => (r.ClassName, r.MethodName, r.Outcome)));
        Assert.All(result.Results, static r => Assert.Equal("Shop.Tests.dll", r.AssemblyPath));
        Assert.Equal("Reserves_stock(quantity: 0)", result.Results[1].TestName);
    }

    [Fact]
    public void Maven_surefire_and_gradle_suites_map_failure_error_and_skipped()
    {
        TrxReadResult result = Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd" name="com.shop.OrderTest" time="0.05" tests="5" errors="1" skipped="1" failures="1">
              <properties>
                <property name="java.version" value="17"/>
              </properties>
              <testcase name="placesAnOrder" classname="com.shop.OrderTest" time="0.01"/>
              <testcase name="reservesStock(int)[1]" classname="com.shop.OrderTest" time="0.01">
                <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom</error>
                <system-out>reserving</system-out>
              </testcase>
              <testcase name="[2] quantity=2" classname="com.shop.OrderTest" time="0.01"/>
              <testcase name="refunds" classname="com.shop.OrderTest" time="0.01">
                <failure message="expected 2" type="org.opentest4j.AssertionFailedError">expected 2</failure>
              </testcase>
              <testcase name="exports" classname="com.shop.OrderTest" time="0">
                <skipped message="disabled"/>
              </testcase>
              <system-err>warn</system-err>
            </testsuite>
            """);

        Assert.True(result.Usable);
        // A display name without the method ("[2] quantity=2") cannot be joined: not counted, and said.
        Assert.Equal("1 test case(s) name no class and method (no classname or suite name, no method before the arguments); not counted", result.Problem);
        Assert.Equal(
            [
                ("com.shop.OrderTest", "placesAnOrder", TestOutcome.Passed),
                ("com.shop.OrderTest", "reservesStock", TestOutcome.Failed),
                ("com.shop.OrderTest", "refunds", TestOutcome.Failed),
                ("com.shop.OrderTest", "exports", TestOutcome.Skipped),
            ],
            result.Results.Select(static r => (r.ClassName, r.MethodName, r.Outcome)));
        Assert.All(result.Results, static r => Assert.Null(r.AssemblyPath));
    }

    [Fact]
    public void Pytest_and_jest_suites_with_nested_suites_paths_and_no_classname()
    {
        TrxReadResult result = Read("""
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites name="jest tests" tests="4" failures="1">
              <testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2">
                <testcase classname="tests.test_orders.TestOrders" name="test_place[1]" file="tests/test_orders.py" line="3" time="0.001">
                  <failure message="assert 0 == 1">assert 0 == 1</failure>
                </testcase>
                <testsuite name="Shop.Tests.Inner">
                  <testcase name="Nested_suite_names_the_class" />
                </testsuite>
                <testcase name="Shop.Tests.OrderTests.Places_an_order" />
              </testsuite>
              <testsuite name="orders.test.js">
                <testcase classname="Orders places an order" name="Orders places an order" time="0.002"></testcase>
              </testsuite>
            </testsuites>
            """);

        Assert.True(result.Usable);
        Assert.Equal(
            [
                ("tests.test_orders.TestOrders", "test_place", TestOutcome.Failed),
                ("Shop.Tests.Inner", "Nested_suite_names_the_class", TestOutcome.Passed),
                ("Shop.Tests.OrderTests", "Places_an_order", TestOutcome.Passed),
                ("Orders places an order", "Orders places an order", TestOutcome.Passed),
            ],
            result.Results.Select(static r => (r.ClassName, r.MethodName, r.Outcome)));
    }

    [Theory]
    [InlineData("Shop.Tests.OrderTests", "Reserves_stock(quantity: 1)", null, "Shop.Tests.OrderTests", "Reserves_stock")]
    [InlineData("Shop.Tests.OrderTests", "Shop.Tests.OrderTests.Reserves_stock(quantity: 1)", null, "Shop.Tests.OrderTests", "Reserves_stock")]
    [InlineData("Shop.Tests.Outer+Inner, Shop.Tests", "Works", null, "Shop.Tests.Outer.Inner", "Works")]
    [InlineData("", "Shop.Tests.OrderTests.Works", "suite", "Shop.Tests.OrderTests", "Works")]
    [InlineData(null, "Works", "Shop.Tests.Suite", "Shop.Tests.Suite", "Works")]
    [InlineData("com.shop.OrderTest", "reservesStock(int)[1]", null, "com.shop.OrderTest", "reservesStock")]
    public void A_case_maps_to_a_dotnet_class_and_method(string? classname, string name, string? suite, string className, string method)
    {
        Assert.Equal((className, method), JUnitReader.Map(classname, name, suite));
    }

    [Fact]
    public void A_case_without_any_class_is_not_counted_and_said()
    {
        TrxReadResult result = Read("<testsuites><testcase name=\"lonely\" /><testcase classname=\"A.B\" name=\"C\" /></testsuites>");

        Assert.True(result.Usable);
        Assert.Equal(("A.B", "C"), (result.Results.Single().ClassName, result.Results.Single().MethodName));
        Assert.Contains("1 test case(s) name no class and method", result.Problem, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"x\"/></testsuites>", "JUnit")]
    [InlineData("<testsuite name=\"x\"/>", "JUnit")]
    [InlineData("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"/>", "Trx")]
    [InlineData("<TestRun/>", "Other")]
    [InlineData("<testsuites xmlns=\"urn:other\"/>", "Other")]
    [InlineData("<doc><assembly><name>Shop</name></assembly></doc>", "Other")]
    [InlineData("{ \"not\": \"xml\" }", "NotXml")]
    [InlineData("", "NotXml")]
    public void Files_are_told_apart_by_their_root_element(string xml, string kind)
    {
        Assert.Equal(kind, Detect(xml).Kind.ToString());
    }

    [Fact]
    public void A_truncated_file_keeps_the_cases_read_before_the_break()
    {
        TrxReadResult result = Read("<testsuites><testsuite name=\"Shop.Tests.dll\"><testcase classname=\"A.B\" name=\"One\" /><testcase classname=\"A.B\" name=\"Two\"><fail");

        Assert.True(result.Usable);
        Assert.Equal("One", result.Results.Single().MethodName);
        Assert.StartsWith("truncated or malformed XML at line 1", result.Problem, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("")]
    [InlineData("<results><testcase classname=\"A.B\" name=\"C\"/></results>")]
    public void A_file_that_is_not_junit_is_skipped_with_a_reason(string text)
    {
        TrxReadResult result = Read(text);

        Assert.False(result.Usable);
        Assert.Empty(result.Results);
        Assert.EndsWith("; skipped", result.Problem, System.StringComparison.Ordinal);
        Assert.StartsWith("not JUnit XML (", result.Problem, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_dtd_is_refused_and_no_entity_is_expanded()
    {
        string secret = Path.Combine(_shop.Root, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET");
        string xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE testsuites [ <!ENTITY xxe SYSTEM "file://{secret}"> <!ENTITY lol "lol"> ]>
            <testsuites><testsuite name="&xxe;"><testcase classname="A.B" name="&lol;" /></testsuite></testsuites>
            """;

        TrxReadResult result = Read(xml);

        Assert.False(result.Usable);
        Assert.Empty(result.Results);
        Assert.DoesNotContain("TOP-SECRET", result.Problem, System.StringComparison.Ordinal);
        Assert.Contains("DTD", result.Problem, System.StringComparison.Ordinal);
        Assert.Equal(TestResultsKind.NotXml, Detect(xml).Kind);
    }

    [Fact]
    public void The_report_gives_the_same_statuses_from_junit_as_from_trx()
    {
        _shop.Write("junit-short/shop.xml", JUnitWriter.Write(ShopFixture.Results));
        _shop.Write("junit-full/shop.xml", JUnitWriter.Write(ShopFixture.Results, fullNames: true));

        string[] Statuses(string results)
        {
            CliRun run = _shop.Run("report", "--assembly", "bin", "--trx", results, "--format", "json");
            Assert.Equal(0, run.Exit);
            return [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("features").EnumerateArray()
                .SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
                .Select(static c => c.GetProperty("id").GetString() + " " + c.GetProperty("status").GetString() + " " + string.Join(",", c.GetProperty("tests").EnumerateArray().Select(static t => t.GetProperty("name").GetString() + ":" + t.GetProperty("outcome").GetString())))];
        }

        string[] fromTrx = Statuses("results");
        Assert.Equal(fromTrx, Statuses("junit-short"));
        Assert.Equal(fromTrx, Statuses("junit-full"));
        Assert.Contains("ORDERS-002 failing Shop.Tests.OrderTests.Reserves_stock:failed", fromTrx);
    }

    [Fact]
    public void Folders_are_searched_for_trx_and_junit_and_other_xml_is_skipped_silently()
    {
        _shop.Write("mixed/a/shop.trx", TrxWriter.Write(ShopFixture.Results[..3]));
        _shop.Write("mixed/b/TEST-shop.xml", JUnitWriter.Write(ShopFixture.Results[3..]));
        _shop.Write("mixed/b/Shop.xml", "<?xml version=\"1.0\"?><doc><assembly><name>Shop</name></assembly></doc>");
        _shop.Write("mixed/b/notes.xml", "plain text, not XML");
        _shop.Write("mixed/c/results.junit", JUnitWriter.Write(ShopFixture.Results[..1]));

        CliRun run = _shop.Run("report", "--assembly", "bin", "--trx", "mixed", "--format", "json");

        Assert.Equal(0, run.Exit);
        Assert.Equal(string.Empty, run.Error);
        JsonElement root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(
            ["junit mixed/b/TEST-shop.xml 9 result(s)", "trx mixed/a/shop.trx 3 result(s)"],
            root.GetProperty("inputs").EnumerateArray().Where(static i => i.GetProperty("kind").GetString() is "trx" or "junit").Select(static i => i.GetProperty("kind").GetString() + " " + i.GetProperty("path").GetString() + " " + i.GetProperty("detail").GetString()));
    }

    [Fact]
    public void A_file_given_by_name_is_read_by_content_whatever_its_name_and_other_xml_is_a_warning()
    {
        _shop.Write("named/results.junit", JUnitWriter.Write(ShopFixture.Results));
        _shop.Write("named/Shop.xml", "<doc/>");
        _shop.Write("named/fake.trx", "<testsuites><testcase classname=\"Shop.Tests.OrderTests\" name=\"Places_an_order\"/></testsuites>");

        CliRun run = _shop.Run("report", "--assembly", "bin", "--test-results", "named/results.junit", "--trx", "named/Shop.xml", "--trx", "named/fake.trx", "--format", "json");

        Assert.Equal(0, run.Exit);
        Assert.Contains("named/Shop.xml: warning: not test results (root element <doc>; expected TRX's <TestRun> or JUnit XML's <testsuites> or <testsuite>); skipped.", run.Error, System.StringComparison.Ordinal);
        JsonElement root = JsonDocument.Parse(run.Output).RootElement;
        string[] inputs = [.. root.GetProperty("inputs").EnumerateArray().Where(static i => i.GetProperty("kind").GetString() is "trx" or "junit").Select(static i => i.GetProperty("path").GetString()!)];
        Assert.Equal(["named/fake.trx", "named/results.junit"], inputs);
    }
}
