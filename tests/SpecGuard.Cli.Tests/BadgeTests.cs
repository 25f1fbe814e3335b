using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary><c>report --format svg</c>: the spec-coverage badge.</summary>
public sealed class BadgeTests : IClassFixture<ShopFixture>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly ShopFixture _shop;

    public BadgeTests(ShopFixture shop) => _shop = shop;

    [Fact]
    public void The_badge_shows_the_verified_percentage_in_its_colour_and_is_accessible()
    {
        CliRun run = _shop.Run("report", "--assembly", "bin", "--trx", "results", "--format", "svg");

        Assert.Equal(0, run.Exit);
        XElement svg = XDocument.Parse(run.Output).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("spec coverage: 30%", (string?)svg.Attribute("aria-label"));
        Assert.Equal("spec coverage: 30%", svg.Element(Svg + "title")?.Value);
        string[] texts = [.. svg.Descendants(Svg + "text").Select(static t => t.Value).Distinct()];
        Assert.Equal(["spec coverage", "30%"], texts);
        Assert.Contains(svg.Descendants(Svg + "rect"), static r => (string?)r.Attribute("fill") == BadgeWriter.Red);
    }

    [Fact]
    public void The_badge_is_self_contained_and_its_width_fits_its_text()
    {
        CliRun run = _shop.Run("report", "--assembly", "bin", "--trx", "results", "--format", "svg");
        XElement svg = XDocument.Parse(run.Output).Root!;

        // No link, image, script, style sheet or font from elsewhere: the only URL is the SVG namespace.
        Assert.DoesNotContain(svg.DescendantsAndSelf(), static e => e.Name.LocalName is "script" or "image" or "use" or "a" or "style" or "foreignObject");
        Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(static e => e.Attributes()), static a => a.Name.LocalName == "href" || (a.Value.Contains("url(", StringComparison.Ordinal) && !a.Value.StartsWith("url(#", StringComparison.Ordinal)));
        Assert.Equal(1, run.Output.Split("http").Length - 1);

        int width = int.Parse((string)svg.Attribute("width")!, CultureInfo.InvariantCulture);
        double text = BadgeWriter.TextWidth("spec coverage") + BadgeWriter.TextWidth("30%");
        Assert.InRange(width, text + 12, text + 26);
    }

    [Fact]
    public void The_badge_is_the_same_bytes_for_the_same_report()
    {
        CliRun first = _shop.Run("report", "--assembly", "bin", "--trx", "results", "--format", "svg");
        CliRun second = _shop.Run("report", "--trx", "results", "--assembly", "bin/Shop.Tests.dll", "--assembly", "bin/Shop.dll", "--format", "svg");

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void Without_counted_criteria_the_badge_reads_na_in_grey()
    {
        _shop.Write("empty-specs/readme.txt", "no spec here");

        CliRun run = _shop.Run("report", "--specs", "empty-specs", "--format", "svg");

        Assert.Equal(1, run.Exit); // no criteria to report on
        Assert.Contains("aria-label=\"spec coverage: n/a\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("fill=\"" + BadgeWriter.Grey + "\"", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100.0, BadgeWriter.Green)]
    [InlineData(90.0, BadgeWriter.Green)]
    [InlineData(89.99, BadgeWriter.YellowGreen)]
    [InlineData(75.0, BadgeWriter.YellowGreen)]
    [InlineData(74.9, BadgeWriter.Yellow)]
    [InlineData(50.0, BadgeWriter.Yellow)]
    [InlineData(49.99, BadgeWriter.Red)]
    [InlineData(0.0, BadgeWriter.Red)]
    public void The_colour_follows_the_documented_thresholds(double percent, string colour)
    {
        Assert.Equal(colour, BadgeWriter.Colour(percent));
    }

    [Theory]
    [InlineData(100.0, "100%")]
    [InlineData(99.96, "99%")]
    [InlineData(200.0 / 3, "66%")]
    [InlineData(0.0, "0%")]
    [InlineData(null, "n/a")]
    public void The_figure_is_rounded_down_to_a_whole_percent(double? percent, string text)
    {
        Assert.Equal(text, BadgeWriter.Value(percent));
        Assert.Equal(BadgeWriter.Grey, BadgeWriter.Colour(null));
    }

    [Fact]
    public void Text_is_measured_per_character()
    {
        Assert.True(BadgeWriter.TextWidth("100%") > BadgeWriter.TextWidth("7%"));
        Assert.True(BadgeWriter.TextWidth("mmm") > BadgeWriter.TextWidth("iii"));
        Assert.Equal(BadgeWriter.TextWidth("~") + BadgeWriter.TextWidth(" "), BadgeWriter.TextWidth("~ "), 6);
        Assert.True(BadgeWriter.TextWidth("é") >= BadgeWriter.TextWidth("m") - 0.001); // outside the table: wide, never overflowing
    }
}
