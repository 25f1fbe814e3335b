using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpecGuard.Cli.Flow;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The flow report's HTML (<see cref="FlowHtmlWriter"/>) opened in headless Chromium, as the report's
/// (<see cref="HtmlReportBrowserTests"/>): the browser builds the charts (inline SVG, one mark per month, one bar per
/// feature and step with a median) and renders them. Skipped where Chromium is missing, failed in CI
/// (<see cref="ChromiumFactAttribute"/>). Set SPECGUARD_SCREENSHOT_DIR to keep the PNG.
/// </summary>
public sealed partial class FlowHtmlBrowserTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("specguard-flow-html-");

    public void Dispose() => _root.Delete(recursive: true);

    private string WriteReport(FlowReport report)
    {
        string file = Path.Combine(_root.FullName, "flow.html");
        File.WriteAllText(file, FlowHtmlWriter.Write(report));
        return file;
    }

    [ChromiumFact]
    public void The_browser_builds_both_charts_with_their_bars()
    {
        string file = WriteReport(FlowSamples.Realistic());

        (int exit, string dom) = HeadlessChromium.Run(_root.FullName, "--dump-dom", new Uri(file).AbsoluteUri);

        Assert.Equal(0, exit);
        Assert.Equal(2, SvgChart().Matches(dom).Count);
        string trend = FlowWritersTests.Svg(dom, "trend");
        string features = FlowWritersTests.Svg(dom, "features");
        Assert.Equal(12, Regex.Matches(trend, "<g class=\"month").Count);
        Assert.Equal(3, Regex.Matches(trend, "<rect class=\"median ").Count); // released months of the last twelve
        Assert.Equal(3, Regex.Matches(trend, "<rect class=\"p85 ").Count);
        Assert.Equal(11, Regex.Matches(features, "<rect class=\"bar ").Count); // 3 features × 4 steps, PAYMENTS never released
        Assert.Equal(11, Regex.Matches(dom, "<tr class=\"criterion\"").Count);
        Assert.DoesNotContain("<parsererror", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void Hostile_spec_text_stays_text_in_the_browser()
    {
        CriterionFlow[] criteria = [.. FlowSamples.Criteria().Select(static c => c with { Title = "<img src=x onerror=alert(1)><svg class=\"chart injected\"></svg>" })];
        string file = WriteReport(FlowSamples.Build(criteria));

        (int exit, string dom) = HeadlessChromium.Run(_root.FullName, "--dump-dom", new Uri(file).AbsoluteUri);

        Assert.Equal(0, exit);
        Assert.Equal(2, SvgChart().Matches(dom).Count);
        Assert.DoesNotContain("<img", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void The_report_renders_to_a_screenshot_with_its_charts()
    {
        string file = WriteReport(FlowSamples.Realistic());
        string png = Path.Combine(_root.FullName, "flow.png");

        (int exit, _) = HeadlessChromium.Run(_root.FullName, "--screenshot=" + png, "--window-size=1280,1000", new Uri(file).AbsoluteUri);

        Assert.Equal(0, exit);
        byte[] image = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image[..4]);
        Assert.Equal((1280, 1000), (HeadlessChromium.BigEndian(image, 16), HeadlessChromium.BigEndian(image, 20)));
        Assert.True(image.Length > 20_000, "A rendered report is more than a blank page: " + image.Length + " bytes.");

        // The trend's median bars are drawn in the released step's green (#1a7f37): three bars of 28 pixels' width.
        int green = HeadlessChromium.CountPixels(image, 0x1a, 0x7f, 0x37);
        Assert.True(green > 2_000, "The trend chart's bars are drawn: " + green + " pixels of their colour.");
        if (Environment.GetEnvironmentVariable("SPECGUARD_SCREENSHOT_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(png, Path.Combine(keep, "flow.png"), overwrite: true);
            File.Copy(file, Path.Combine(keep, "flow.html"), overwrite: true);
        }
    }

    [GeneratedRegex("<svg class=\"chart (trend|features)\"[^>]*role=\"img\"[^>]*aria-label=\"[^\"]+\"")]
    private static partial Regex SvgChart();
}
