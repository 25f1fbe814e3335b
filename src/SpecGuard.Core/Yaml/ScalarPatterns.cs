namespace SpecGuard.Core.Yaml
{
    /// <summary>
    /// The YAML 1.2 core schema's number patterns, matched by hand over ASCII (each method says its pattern). The
    /// equivalence with the regular expressions is tested (ScalarPatternsTests) on every string over the patterns'
    /// alphabet up to six characters and on random ones.
    /// </summary>
    internal static class ScalarPatterns
    {
        /// <summary><c>\A[-+]?[0-9]+\z</c></summary>
        public static bool IsDecimal(string text)
        {
            int i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
            return Digits(text, i, IsDigit) == text.Length && text.Length > i;
        }

        /// <summary><c>\A0o[0-7]+\z</c></summary>
        public static bool IsOctal(string text) =>
            text.Length > 2 && text[0] == '0' && text[1] == 'o' && Digits(text, 2, static c => c >= '0' && c <= '7') == text.Length;

        /// <summary><c>\A0x[0-9a-fA-F]+\z</c></summary>
        public static bool IsHex(string text) =>
            text.Length > 2 && text[0] == '0' && text[1] == 'x' &&
            Digits(text, 2, static c => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) == text.Length;

        /// <summary><c>\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z</c></summary>
        public static bool IsFloat(string text)
        {
            int i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
            if (i < text.Length && text[i] == '.')
            {
                int fraction = Digits(text, i + 1, IsDigit);
                if (fraction == i + 1)
                {
                    return false;
                }

                i = fraction;
            }
            else
            {
                int integer = Digits(text, i, IsDigit);
                if (integer == i)
                {
                    return false;
                }

                i = integer;
                if (i < text.Length && text[i] == '.')
                {
                    i = Digits(text, i + 1, IsDigit);
                }
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int exponent = i + 1 < text.Length && (text[i + 1] == '-' || text[i + 1] == '+') ? i + 2 : i + 1;
                int end = Digits(text, exponent, IsDigit);
                if (end == exponent)
                {
                    return false;
                }

                i = end;
            }

            return i == text.Length;
        }

        /// <summary><c>\A[-+]?\.(inf|Inf|INF)\z</c></summary>
        public static bool IsInfinity(string text)
        {
            string rest = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text.Substring(1) : text;
            return rest == ".inf" || rest == ".Inf" || rest == ".INF";
        }

        /// <summary><c>\A\.(nan|NaN|NAN)\z</c></summary>
        public static bool IsNan(string text) => text == ".nan" || text == ".NaN" || text == ".NAN";

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int Digits(string text, int start, System.Func<char, bool> isDigit)
        {
            int i = start;
            while (i < text.Length && isDigit(text[i]))
            {
                i++;
            }

            return i;
        }
    }
}
