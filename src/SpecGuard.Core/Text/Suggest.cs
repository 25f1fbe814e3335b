using System;
using System.Collections.Generic;

namespace SpecGuard.Core.Text
{
    /// <summary>"Did you mean …?" suggestions by edit distance.</summary>
    public static class Suggest
    {
        /// <summary>
        /// The candidate closest to <paramref name="value"/> (case-insensitive Levenshtein distance), if it is close
        /// enough to be a plausible typo: at most a third of the longer string's length, and at least 1 edit allowed.
        /// Ties go to the candidate that sorts first (ordinal), so the answer is deterministic.
        /// </summary>
        public static string? Closest(string value, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                int distance = Distance(value.ToUpperInvariant(), candidate.ToUpperInvariant());
                int allowed = Math.Max(1, Math.Max(value.Length, candidate.Length) / 3);
                if (distance > allowed)
                {
                    continue;
                }

                if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
        public static int Distance(string a, string b)
        {
            if (a.Length == 0)
            {
                return b.Length;
            }

            if (b.Length == 0)
            {
                return a.Length;
            }

            var previous2 = new int[b.Length + 1];
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        value = Math.Min(value, previous2[j - 2] + 1);
                    }

                    current[j] = value;
                }

                int[] recycled = previous2;
                previous2 = previous;
                previous = current;
                current = recycled;
            }

            return previous[b.Length];
        }
    }
}
