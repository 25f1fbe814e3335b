using System;
using System.Text;
using System.Text.RegularExpressions;
using SpecGuard.Core.Yaml;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The hand-written matchers agree with the YAML 1.2 core schema's regular expressions they replace.</summary>
public sealed class ScalarPatternsTests
{
    private static readonly (string Name, Regex Pattern, Func<string, bool> Matcher)[] Patterns =
    [
        ("decimal", new Regex(@"\A[-+]?[0-9]+\z", RegexOptions.CultureInvariant), ScalarPatterns.IsDecimal),
        ("octal", new Regex(@"\A0o[0-7]+\z", RegexOptions.CultureInvariant), ScalarPatterns.IsOctal),
        ("hex", new Regex(@"\A0x[0-9a-fA-F]+\z", RegexOptions.CultureInvariant), ScalarPatterns.IsHex),
        ("float", new Regex(@"\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant), ScalarPatterns.IsFloat),
        ("infinity", new Regex(@"\A[-+]?\.(inf|Inf|INF)\z", RegexOptions.CultureInvariant), ScalarPatterns.IsInfinity),
        ("nan", new Regex(@"\A\.(nan|NaN|NAN)\z", RegexOptions.CultureInvariant), ScalarPatterns.IsNan),
    ];

    [Fact]
    public void Every_string_up_to_five_characters_over_the_patterns_alphabet_matches_as_the_regex_does()
    {
        const string Alphabet = "0789+-.eEoxaFinN\n";
        var buffer = new char[5];
        int checkedCount = 0;
        for (int length = 0; length <= 5; length++)
        {
            int total = (int)Math.Pow(Alphabet.Length, length);
            for (int n = 0; n < total; n++)
            {
                int rest = n;
                for (int i = 0; i < length; i++)
                {
                    buffer[i] = Alphabet[rest % Alphabet.Length];
                    rest /= Alphabet.Length;
                }

                Check(new string(buffer, 0, length));
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 1_000_000);
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("+.INF")]
    [InlineData(".iNf")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData("-.nan")]
    [InlineData("0o17")]
    [InlineData("0x1F")]
    [InlineData("0X1F")]
    [InlineData("1.5e+10")]
    [InlineData("1.e5")]
    [InlineData(".5")]
    [InlineData("٣")]
    [InlineData("12\n")]
    [InlineData("")]
    public void Named_corners_match_as_the_regex_does(string text) => Check(text);

    [Fact]
    public void Random_strings_match_as_the_regex_does()
    {
        var random = new Random(20261202);
        const string Alphabet = "0123456789+-.eEoxabcdefABCDEFinfINFnaNN \t";
        var builder = new StringBuilder();
        for (int n = 0; n < 200_000; n++)
        {
            builder.Clear();
            int length = random.Next(1, 16);
            for (int i = 0; i < length; i++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            Check(builder.ToString());
        }
    }

    private static void Check(string text)
    {
        foreach ((string name, Regex pattern, Func<string, bool> matcher) in Patterns)
        {
            if (pattern.IsMatch(text) != matcher(text))
            {
                Assert.Fail($"{name} disagrees with its regex on '{text.Replace("\n", "\\n", StringComparison.Ordinal)}': regex {pattern.IsMatch(text)}");
            }
        }
    }
}
