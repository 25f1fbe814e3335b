using System;
using System.Globalization;
using System.Text;

namespace SpecGuard.Cli.Report;

/// <summary>
/// The spec-coverage badge (<c>report --format svg</c>): a self-contained SVG in the flat style of shields.io,
/// "spec coverage | 73%", for a README. The figure is the verified percentage rounded down to a whole percent (the
/// badge never shows 100% before every counted criterion is verified); the colour compares the exact percentage with
/// <see cref="Colour"/>'s thresholds; <c>n/a</c> (no counted criterion) is grey. Text widths are measured with a
/// per-character table of Verdana at 11px (the font the badge names, with fallbacks), so the two halves fit their text.
/// No external reference, no script, no timestamp: the same report gives the same bytes.
/// </summary>
internal static class BadgeWriter
{
    public const string Label = "spec coverage";

    /// <summary>Green: a verified percentage of at least 90.</summary>
    public const string Green = "#97ca00";

    /// <summary>Yellow-green: at least 75.</summary>
    public const string YellowGreen = "#a4a61d";

    /// <summary>Yellow: at least 50.</summary>
    public const string Yellow = "#dfb317";

    /// <summary>Red: below 50.</summary>
    public const string Red = "#e05d44";

    /// <summary>Grey: no counted criterion (n/a).</summary>
    public const string Grey = "#9f9f9f";

    private const string LabelColour = "#555";

    /// <summary>Advance widths of Verdana at 11px for printable ASCII (space to '~'), in pixels: 11 × the font's advance ÷ 2048.</summary>
    private static readonly double[] Widths =
    [
        3.87, 4.33, 5.05, 9.00, 6.99, 11.84, 7.99, 2.95, 4.99, 4.99, 6.99, 9.00, 4.00, 4.99, 4.00, 4.99, // space ! " # $ % & ' ( ) * + , - . /
        6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 4.99, 4.99, 9.00, 9.00, 9.00, 6.00, // 0-9 : ; < = > ?
        11.00, 7.52, 7.54, 7.68, 8.47, 6.95, 6.33, 8.52, 8.27, 4.65, 5.00, 7.61, 6.17, 9.30, 8.23, 8.66, // @ A-O
        6.65, 8.66, 7.65, 7.52, 6.77, 8.09, 7.52, 10.88, 7.54, 6.77, 7.54, 4.99, 4.99, 4.99, 9.00, 6.99, // P-Z [ \ ] ^ _
        6.99, 6.60, 6.77, 5.71, 6.77, 6.37, 3.79, 6.77, 6.96, 3.02, 3.79, 6.51, 3.02, 10.70, 6.96, 6.51, // ` a-o
        6.77, 6.77, 4.69, 5.71, 4.33, 6.96, 6.51, 8.78, 6.51, 6.51, 5.69, 6.98, 4.99, 6.98, 9.00,        // p-z { | } ~
    ];

    /// <summary>The width of a character outside the table (wider than most, so text never overflows its half).</summary>
    private const double WideCharacter = 11.0;

    /// <summary>Horizontal padding on each side of each half's text.</summary>
    private const int Padding = 6;

    public static string Write(TraceReport report)
    {
        double? percent = report.Coverage.VerifiedPercent;
        string value = Value(percent);
        string colour = Colour(percent);
        int labelWidth = (int)Math.Ceiling(TextWidth(Label)) + (2 * Padding);
        int valueWidth = (int)Math.Ceiling(TextWidth(value)) + (2 * Padding);
        int width = labelWidth + valueWidth;
        string title = Label + ": " + value;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"20\" viewBox=\"0 0 {width} 20\" role=\"img\" aria-label=\"{Escape(title)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"  <title>{Escape(title)}</title>\n")
            .Append("  <linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\n")
            .Append(CultureInfo.InvariantCulture, $"  <clipPath id=\"r\"><rect width=\"{width}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\n")
            .Append("  <g clip-path=\"url(#r)\">\n")
            .Append(CultureInfo.InvariantCulture, $"    <rect width=\"{labelWidth}\" height=\"20\" fill=\"{LabelColour}\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"    <rect x=\"{labelWidth}\" width=\"{valueWidth}\" height=\"20\" fill=\"{colour}\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"    <rect width=\"{width}\" height=\"20\" fill=\"url(#s)\"/>\n")
            .Append("  </g>\n")
            .Append("  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\" aria-hidden=\"true\">\n");
        AppendText(svg, Label, labelWidth / 2.0);
        AppendText(svg, value, labelWidth + (valueWidth / 2.0));
        svg.Append("  </g>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>The figure: the verified percentage rounded down to a whole percent (<c>73%</c>), or <c>n/a</c>.</summary>
    public static string Value(double? percent) =>
        percent is { } p ? Math.Floor(p + 1e-9).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>The colour for an exact verified percentage: ≥ 90 green, ≥ 75 yellow-green, ≥ 50 yellow, else red; n/a grey.</summary>
    public static string Colour(double? percent) => percent switch
    {
        null => Grey,
        >= 90 => Green,
        >= 75 => YellowGreen,
        >= 50 => Yellow,
        _ => Red,
    };

    /// <summary>The approximate width of <paramref name="text"/> in Verdana at 11px.</summary>
    public static double TextWidth(string text)
    {
        double width = 0;
        foreach (char c in text)
        {
            width += c is >= ' ' and <= '~' ? Widths[c - ' '] : WideCharacter;
        }

        return width;
    }

    private static void AppendText(StringBuilder svg, string text, double x)
    {
        string position = x.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append(CultureInfo.InvariantCulture, $"    <text x=\"{position}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{Escape(text)}</text>\n")
            .Append(CultureInfo.InvariantCulture, $"    <text x=\"{position}\" y=\"14\">{Escape(text)}</text>\n");
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
