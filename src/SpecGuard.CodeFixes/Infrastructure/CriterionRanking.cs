using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// Orders the criteria offered for an untraced symbol, most relevant first:
    /// <list type="number">
    /// <item>criteria already linked elsewhere in the same file, nearest link first;</item>
    /// <item>criteria whose feature key, feature title or criterion title shares words with the symbol's name, its
    /// containing types, its namespace (or, for a minimal-API lambda, its route), best overlap first, then by ID;</item>
    /// <item>the rest, by ID.</item>
    /// </list>
    /// Only the first <see cref="MaxOffered"/> are offered, so the light bulb stays readable.
    /// </summary>
    internal static class CriterionRanking
    {
        /// <summary>How many "Implement …" actions are offered at most.</summary>
        public const int MaxOffered = 10;

        private const int FeatureKeyWeight = 3;

        // Words that say what a piece of code is, not what it is about, plus English glue words.
        private static readonly HashSet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "the", "and", "for", "with", "from", "that", "this", "are", "can", "has", "have", "its", "not", "when", "then", "given", "into", "onto", "all", "any", "one", "but", "was", "were", "been", "will", "shall", "must", "should", "could", "may",
            "service", "controller", "handler", "manager", "helper", "extension", "endpoint", "consumer", "base", "impl", "async", "api", "get", "set", "post", "put", "delete", "patch", "map", "app", "program", "startup", "internal", "public", "test",
        };

        /// <param name="candidates">The linkable criteria.</param>
        /// <param name="linkedNearby">IDs already linked in the document, with their distance to the diagnostic.</param>
        /// <param name="contextWords">Identifiers and texts that say what the symbol is about.</param>
        public static IReadOnlyList<KnownCriterion> Rank(IEnumerable<KnownCriterion> candidates, IReadOnlyDictionary<string, int> linkedNearby, IEnumerable<string> contextWords)
        {
            var context = new HashSet<string>(contextWords.SelectMany(Words), StringComparer.Ordinal);
            return candidates
                .Select(c => (Criterion: c, Linked: linkedNearby.TryGetValue(c.Id, out int distance) ? distance : (int?)null, Score: Score(c, context)))
                .OrderBy(static r => r.Linked is null ? 1 : 0)
                .ThenBy(static r => r.Linked ?? 0)
                .ThenByDescending(static r => r.Score)
                .ThenBy(static r => r.Criterion.Id, StringComparer.Ordinal)
                .Take(MaxOffered)
                .Select(static r => r.Criterion)
                .ToList();
        }

        private static int Score(KnownCriterion criterion, HashSet<string> context)
        {
            if (context.Count == 0)
            {
                return 0;
            }

            int score = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string word in Words(criterion.Feature.Key))
            {
                if (context.Contains(word) && seen.Add(word))
                {
                    score += FeatureKeyWeight;
                }
            }

            foreach (string word in Words(criterion.Feature.Title).Concat(Words(criterion.Criterion.Title)))
            {
                if (context.Contains(word) && seen.Add(word))
                {
                    score++;
                }
            }

            return score;
        }

        /// <summary>
        /// The meaningful words of an identifier, key or sentence, lower-cased and reduced to a crude singular:
        /// <c>OrderService</c> → order; <c>Shop.Orders</c> → shop, order; <c>ORDERS-V2</c> → order; <c>/orders/{id}</c> → order.
        /// </summary>
        internal static IEnumerable<string> Words(string text)
        {
            var word = new StringBuilder();
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : ' ';
                bool boundary = !char.IsLetter(c)
                    || (word.Length > 0 && char.IsUpper(c) && (char.IsLower(text[i - 1]) || (i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(text[i - 1]))));
                if (boundary && word.Length > 0)
                {
                    string normalized = Normalize(word.ToString());
                    word.Clear();
                    if (normalized.Length >= 3 && !StopWords.Contains(normalized))
                    {
                        yield return normalized;
                    }
                }

                if (char.IsLetter(c))
                {
                    word.Append(char.ToLowerInvariant(c));
                }
            }
        }

        private static string Normalize(string word)
        {
            if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
            {
                return word.Substring(0, word.Length - 3) + "y";
            }

            if (word.Length > 3 && word.EndsWith("s", StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                return word.Substring(0, word.Length - 1);
            }

            return word;
        }
    }
}
