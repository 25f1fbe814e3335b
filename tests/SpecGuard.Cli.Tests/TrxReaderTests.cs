using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

public sealed class TrxReaderTests
{
    private static TrxReadResult Read(string xml) => TrxReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void Results_are_joined_to_their_definitions_with_the_assembly_suffix_and_nesting_normalised()
    {
        TrxReadResult result = Read(TrxWriter.Write(
        [
            new TrxCase("Shop.Tests.PaymentTests+Refunds, Shop.Tests, Version=1.0.0.0, Culture=neutral", "Refunds", "Passed"),
            new TrxCase("Shop.Tests.OrderTests", "Reserves", "Failed", "quantity: 0"),
        ]));

        Assert.Null(result.Problem);
        Assert.True(result.Usable);
        Assert.Equal(
            [
                new TrxResult("Shop.Tests.PaymentTests.Refunds", "Refunds", "Shop.Tests.PaymentTests.Refunds.Refunds", TestOutcome.Passed, "/build/Shop.Tests.dll"),
                new TrxResult("Shop.Tests.OrderTests", "Reserves", "Shop.Tests.OrderTests.Reserves(quantity: 0)", TestOutcome.Failed, "/build/Shop.Tests.dll"),
            ],
            result.Results);
    }

    [Fact]
    public void The_test_assembly_is_read_from_codeBase_and_else_from_storage()
    {
        const string Xml = """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="a" testName="N.C.A" outcome="Passed" />
                <UnitTestResult testId="b" testName="N.C.B" outcome="Passed" />
                <UnitTestResult testId="c" testName="N.C.C" outcome="Passed" />
              </Results>
              <TestDefinitions>
                <UnitTest id="a" storage="/repo/bin/x.tests.dll"><TestMethod codeBase="/repo/bin/X.Tests.dll" className="N.C" name="A" /></UnitTest>
                <UnitTest id="b" storage="/repo/bin/x.tests.dll"><TestMethod className="N.C" name="B" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """;

        TrxReadResult result = Read(Xml);

        Assert.Equal(["/repo/bin/X.Tests.dll", "/repo/bin/x.tests.dll", null], result.Results.Select(static r => r.AssemblyPath));
    }

    [Theory]
    [InlineData("Passed", "Passed")]
    [InlineData("PassedButRunAborted", "Passed")]
    [InlineData("Failed", "Failed")]
    [InlineData("Error", "Failed")]
    [InlineData("Timeout", "Failed")]
    [InlineData("Aborted", "Failed")]
    [InlineData("NotExecuted", "Skipped")]
    [InlineData("Inconclusive", "Skipped")]
    [InlineData("Pending", "Skipped")]
    [InlineData("", "Skipped")]
    public void Outcomes_map_to_passed_failed_or_skipped(string outcome, string expected)
    {
        Assert.Equal(expected, TrxReader.MapOutcome(outcome).ToString());
    }

    [Fact]
    public void Mstest_inner_results_are_not_counted_twice()
    {
        const string Xml = """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="a" testName="Rows" outcome="Failed">
                  <InnerResults>
                    <UnitTestResult testId="a" testName="Rows (1)" outcome="Passed" />
                    <UnitTestResult testId="a" testName="Rows (2)" outcome="Failed" />
                  </InnerResults>
                </UnitTestResult>
                <UnitTestResult testId="b" testName="Other" outcome="Passed" />
              </Results>
              <TestDefinitions>
                <UnitTest id="a" name="Rows"><TestMethod className="T.DataTests" name="Rows" /></UnitTest>
                <UnitTest id="b" name="Other"><TestMethod className="T.DataTests" name="Other" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """;

        TrxReadResult result = Read(Xml);

        Assert.Equal(["Rows Failed", "Other Passed"], result.Results.Select(static r => r.MethodName + " " + r.Outcome));
    }

    [Fact]
    public void A_result_without_a_definition_or_a_class_in_its_name_is_reported()
    {
        TrxReadResult result = Read("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="x" testName="NoClassHere" outcome="Passed" />
                <UnitTestResult testId="y" testName="Ns.Cls.Method(a: 1.5)" outcome="Passed" />
              </Results>
            </TestRun>
            """);

        Assert.Equal("1 test result(s) have no test definition and no class in their name; not counted", result.Problem);
        TrxResult named = Assert.Single(result.Results);
        Assert.Equal(("Ns.Cls", "Method"), (named.ClassName, named.MethodName));
    }

    [Fact]
    public void Doctype_declarations_are_refused_rather_than_expanded()
    {
        TrxReadResult result = Read("""
            <?xml version="1.0"?>
            <!DOCTYPE TestRun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results/></TestRun>
            """);

        Assert.False(result.Usable);
        Assert.StartsWith("not a TRX file (not XML: ", result.Problem, System.StringComparison.Ordinal);
    }
}
