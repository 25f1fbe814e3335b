using System;
using System.Globalization;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Yaml
{
    /// <summary>A scalar's type and canonical value, or why it cannot have the type its tag (or form) gives it.</summary>
    /// <param name="Kind">The YAML type.</param>
    /// <param name="Canonical">
    /// The value in one canonical form: for an integer the invariant decimal digits of a 64-bit integer, for a float
    /// the round-trip ("R") text of a finite double or <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>, for a boolean
    /// <c>true</c>/<c>false</c>, for a string the text itself; null for a null and for an invalid value.
    /// </param>
    /// <param name="Long">The integer value (Integer only).</param>
    /// <param name="Double">The float value (Float only).</param>
    /// <param name="Error">Why the scalar is invalid (an actionable sentence); null when it is valid.</param>
    internal readonly record struct ScalarValue(ExampleValueKind Kind, string? Canonical, long Long, double Double, string? Error);

    /// <summary>
    /// The one place that decides what a YAML scalar is (YAML 1.2 core schema): plain <c>1</c> is an integer,
    /// <c>2.5</c> a float, <c>true</c> a boolean, <c>~</c>/<c>null</c>/empty a null; quoted and block scalars are
    /// strings; the tags <c>!!str</c>, <c>!!int</c>, <c>!!float</c>, <c>!!bool</c>, <c>!!null</c> force a type, and the
    /// text must then be of that type. Integers must fit in 64 bits and floats in a double; any other tag is invalid.
    /// </summary>
    internal static class YamlScalars
    {
        public const string StrTag = "tag:yaml.org,2002:str";
        public const string IntTag = "tag:yaml.org,2002:int";
        public const string FloatTag = "tag:yaml.org,2002:float";
        public const string BoolTag = "tag:yaml.org,2002:bool";
        public const string NullTag = "tag:yaml.org,2002:null";

        // The YAML 1.2 core schema's patterns, matched by hand (ScalarPatterns): a Regex costs its construction and the
        // regex engine's JIT in every fresh compiler process, about as much as the rest of a small spec file's load.
        public static ScalarValue Resolve(YamlNode scalar)
        {
            string value = scalar.Value;
            switch (scalar.Tag)
            {
                case null:
                    return scalar.Style == YamlScalarStyle.Plain ? ResolvePlain(value) : Text(value);
                case StrTag:
                    return Text(value);
                case IntTag:
                    return Integer(value) ?? Invalid(ExampleValueKind.Integer, "'" + Shorten(value) + "' is tagged !!int but is not an integer. An !!int is digits with an optional sign (42, -7), 0x1F or 0o17; remove the tag to write text.");
                case FloatTag:
                    return Float(value)
                        ?? (Integer(value) is { Error: null } integer ? FloatFromInteger(integer) : (ScalarValue?)null)
                        ?? Invalid(ExampleValueKind.Float, "'" + Shorten(value) + "' is tagged !!float but is not a number. A !!float is a decimal number such as 2.5 or 1e3, or .inf, -.inf, .nan; remove the tag to write text.");
                case BoolTag:
                    return Boolean(value) ?? Invalid(ExampleValueKind.Boolean, "'" + Shorten(value) + "' is tagged !!bool but is not a boolean. A !!bool is true or false (YAML 1.2 has no yes/no/on/off); remove the tag to write text.");
                case NullTag:
                    return IsNull(value) ? new ScalarValue(ExampleValueKind.Null, null, 0, 0, null) : Invalid(ExampleValueKind.Null, "'" + Shorten(value) + "' is tagged !!null but is not null. A !!null is empty, ~ or null; remove the tag to write text.");
                default:
                    return Invalid(ExampleValueKind.String, "The tag '" + Shorten(scalar.Tag) + "' is not one SpecGuard knows. Spec files use plain YAML values or the tags !!str, !!int, !!float, !!bool and !!null; remove the tag or use one of these.");
            }
        }

        private static ScalarValue ResolvePlain(string value)
        {
            if (IsNull(value))
            {
                return new ScalarValue(ExampleValueKind.Null, null, 0, 0, null);
            }

            if (Boolean(value) is { } boolean)
            {
                return boolean;
            }

            // Fast path: numbers start with a digit, a sign or a dot; most scalars in a spec are prose.
            char first = value[0];
            if (!((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.'))
            {
                return Text(value);
            }

            if (ScalarPatterns.IsDecimal(value) || ScalarPatterns.IsOctal(value) || ScalarPatterns.IsHex(value))
            {
                return Integer(value)!.Value;
            }

            return Float(value) ?? Text(value);
        }

        private static ScalarValue Text(string value) => new ScalarValue(ExampleValueKind.String, value, 0, 0, null);

        private static ScalarValue Invalid(ExampleValueKind kind, string error) => new ScalarValue(kind, null, 0, 0, error);

        private static bool IsNull(string value) => value.Length == 0 || value == "~" || value == "null" || value == "Null" || value == "NULL";

        private static ScalarValue? Boolean(string value)
        {
            if (value.Length != 4 && value.Length != 5)
            {
                return null; // most scalars are prose: no string switch (which hashes the whole text) for them
            }

            switch (value)
            {
                case "true":
                case "True":
                case "TRUE":
                    return new ScalarValue(ExampleValueKind.Boolean, "true", 0, 0, null);
                case "false":
                case "False":
                case "FALSE":
                    return new ScalarValue(ExampleValueKind.Boolean, "false", 0, 0, null);
                default:
                    return null;
            }
        }

        /// <summary>An integer in core-schema form: null when the text is not one; an error when it does not fit in 64 bits.</summary>
        private static ScalarValue? Integer(string value)
        {
            ulong magnitude;
            bool negative = false;
            if (ScalarPatterns.IsDecimal(value))
            {
                negative = value[0] == '-';
                string digits = value[0] == '-' || value[0] == '+' ? value.Substring(1) : value;
                if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude))
                {
                    return TooLarge(value);
                }
            }
            else if (ScalarPatterns.IsHex(value))
            {
                if (!ulong.TryParse(value.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude))
                {
                    return TooLarge(value);
                }
            }
            else if (ScalarPatterns.IsOctal(value))
            {
                magnitude = 0;
                foreach (char digit in value.Substring(2))
                {
                    if (magnitude > (ulong.MaxValue >> 3))
                    {
                        return TooLarge(value);
                    }

                    magnitude = (magnitude << 3) + (uint)(digit - '0');
                }
            }
            else
            {
                return null;
            }

            long result;
            if (negative)
            {
                if (magnitude > 9223372036854775808UL)
                {
                    return TooLarge(value);
                }

                result = magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude;
            }
            else
            {
                if (magnitude > long.MaxValue)
                {
                    return TooLarge(value);
                }

                result = (long)magnitude;
            }

            return new ScalarValue(ExampleValueKind.Integer, result.ToString(CultureInfo.InvariantCulture), result, 0, null);
        }

        private static ScalarValue TooLarge(string value) =>
            Invalid(ExampleValueKind.Integer, "The integer " + Shorten(value) + " does not fit in 64 bits (-9223372036854775808 to 9223372036854775807). Use a smaller number, or quote it to write text.");

        /// <summary>A float in core-schema form: null when the text is not one; an error when it does not fit in a double.</summary>
        private static ScalarValue? Float(string value)
        {
            if (ScalarPatterns.IsInfinity(value))
            {
                return value[0] == '-'
                    ? new ScalarValue(ExampleValueKind.Float, "-Infinity", 0, double.NegativeInfinity, null)
                    : new ScalarValue(ExampleValueKind.Float, "Infinity", 0, double.PositiveInfinity, null);
            }

            if (ScalarPatterns.IsNan(value))
            {
                return new ScalarValue(ExampleValueKind.Float, "NaN", 0, double.NaN, null);
            }

            if (!ScalarPatterns.IsFloat(value))
            {
                return null;
            }

            // .NET Framework fails to parse an overflow, .NET Core returns infinity: both are beyond a double.
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || double.IsInfinity(number) || double.IsNaN(number))
            {
                return Invalid(ExampleValueKind.Float, "The number " + Shorten(value) + " is beyond the range of a double (about ±1.8e308). Use a smaller number, .inf for infinity, or quote it to write text.");
            }

            return new ScalarValue(ExampleValueKind.Float, number.ToString("R", CultureInfo.InvariantCulture), 0, number, null);
        }

        private static ScalarValue FloatFromInteger(ScalarValue integer) =>
            new ScalarValue(ExampleValueKind.Float, ((double)integer.Long).ToString("R", CultureInfo.InvariantCulture), 0, integer.Long, null);

        /// <summary>The value as it may be quoted in a message: one line, at most 60 characters.</summary>
        private static string Shorten(string value) =>
            SpecGuard.Core.Schema.MessageText.OneLine(value.Length > 60 ? value.Substring(0, 60) + "…" : value);
    }
}
