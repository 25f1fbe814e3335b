using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// The review records of one compilation (every AdditionalFile named <see cref="SpecContract.ReviewRecordFileName"/>;
    /// the package adds the specs root's), for SPEC105 and SPEC905. A criterion is suspect when a record lists its ID at
    /// another fingerprint than <see cref="CriterionFingerprint.Of"/> of its current text; a criterion no record lists
    /// was never reviewed and is not suspect; an entry naming no criterion of this compilation is ignored here (the
    /// CLI's <c>specguard review --list</c> shows it). Each record is parsed once per text (cached by its
    /// <see cref="SourceText"/>) and each criterion's fingerprint is computed once per loaded criterion (cached by the
    /// <see cref="Criterion"/> instance, which the spec-file cache keeps while its file's text is unchanged), so
    /// editing a C# file re-parses neither the YAML nor the record and re-hashes nothing.
    /// </summary>
    internal sealed class ReviewSet
    {
        private static readonly ConditionalWeakTable<Criterion, string> Fingerprints = new ConditionalWeakTable<Criterion, string>();

        private static readonly ConditionalWeakTable<Criterion, string>.CreateValueCallback ComputeFingerprint = static criterion => CriterionFingerprint.Of(criterion);

        private readonly ReviewRecord[] _records;

        private ReviewSet(ReviewRecord[] records)
        {
            _records = records;
        }

        /// <summary>The review records among <paramref name="files"/>, in path order; null when there is none (checked by name: nothing is read).</summary>
        public static ReviewSet? Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken) =>
            ParsedFiles<ReviewRecord>.Read(files, SpecContract.IsReviewRecordFile, ReviewRecord.Parse, static f => f.Path, cancellationToken) is { } parsed ? new ReviewSet(parsed) : null;

        /// <summary>
        /// The current fingerprint of <paramref name="criterion"/> when it is suspect (some record lists it at another
        /// fingerprint); null when it is not (reviewed at this text, or never reviewed). Only a criterion a record lists is hashed.
        /// </summary>
        public string? SuspectFingerprint(Criterion criterion)
        {
            foreach (ReviewRecord record in _records)
            {
                if (record.Find(criterion.Id) is { } entry)
                {
                    string current = Fingerprints.GetValue(criterion, ComputeFingerprint);
                    if (!string.Equals(entry.Fingerprint, current, StringComparison.Ordinal))
                    {
                        return current;
                    }
                }
            }

            return null;
        }

        /// <summary>SPEC905 on the malformed and duplicate lines of <paramref name="context"/>'s file, if it is a review record (an additional-file action: shown while the file is edited).</summary>
        public void ReportProblems(AdditionalFileAnalysisContext context)
        {
            foreach (ReviewRecord record in _records)
            {
                if (string.Equals(record.Path, context.AdditionalFile.Path, StringComparison.Ordinal))
                {
                    foreach (SpecDiagnostic problem in record.Problems)
                    {
                        context.ReportDiagnostic(SpecFiles.ToDiagnostic(problem));
                    }
                }
            }
        }
    }
}
