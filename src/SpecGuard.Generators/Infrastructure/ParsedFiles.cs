using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>
    /// The AdditionalFiles of one kind (the baseline, the review record), each parsed once per text: a weak cache by
    /// <see cref="SourceText"/>, so editing a C# file re-parses none of them and texts the compiler drops are collected.
    /// </summary>
    /// <typeparam name="T">The parsed file.</typeparam>
    internal static class ParsedFiles<T>
        where T : class
    {
        private static readonly ConditionalWeakTable<SourceText, T> Cache = new ConditionalWeakTable<SourceText, T>();

        /// <summary>
        /// The files among <paramref name="files"/> that <paramref name="isFile"/> names (checked by name: nothing else is
        /// read), parsed, in path order; null when there is none.
        /// </summary>
        public static T[]? Read(ImmutableArray<AdditionalText> files, Func<string, bool> isFile, Func<string, string, T> parse, Func<T, string> pathOf, CancellationToken cancellationToken)
        {
            List<T>? found = null;
            foreach (AdditionalText file in files)
            {
                if (!isFile(file.Path) || file.GetText(cancellationToken) is not { } text)
                {
                    continue;
                }

                T parsed = Cache.GetValue(text, t => parse(file.Path, t.ToString()));
                if (!string.Equals(pathOf(parsed), file.Path, StringComparison.Ordinal))
                {
                    parsed = parse(file.Path, text.ToString()); // the same text under another path
                }

                (found ??= new List<T>()).Add(parsed);
            }

            return found?.OrderBy(pathOf, StringComparer.Ordinal).ToArray();
        }
    }
}
