using System.Collections.Generic;
using System.Globalization;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Diagnostics
{
    /// <summary>Collects one file's diagnostics, dropping exact repeats and stopping at the per-file limit.</summary>
    internal sealed class DiagnosticBag
    {
        private readonly List<SpecDiagnostic> _items = new List<SpecDiagnostic>();
        private readonly HashSet<SpecDiagnostic> _seen = new HashSet<SpecDiagnostic>();
        private readonly int _limit;
        private int _dropped;

        public DiagnosticBag(int limit)
        {
            _limit = limit;
        }

        public int Count => _items.Count;

        public bool HasErrors { get; private set; }

        public void Add(SpecRule rule, string path, SourceSpan span, string message) =>
            Add(SpecDiagnostic.Create(rule, path, span, message));

        public void Add(SpecDiagnostic diagnostic)
        {
            if (!_seen.Add(diagnostic))
            {
                return;
            }

            HasErrors |= diagnostic.Severity == SpecSeverity.Error;
            if (_items.Count >= _limit)
            {
                _dropped++;
                return;
            }

            _items.Add(diagnostic);
        }

        /// <summary>The diagnostics in file order; when some were dropped, the last one says how many.</summary>
        public EquatableArray<SpecDiagnostic> ToArray()
        {
            var result = new List<SpecDiagnostic>(_items);
            result.Sort(static (a, b) =>
            {
                int byStart = a.Span.Start.CompareTo(b.Span.Start);
                if (byStart != 0)
                {
                    return byStart;
                }

                int byId = string.CompareOrdinal(a.Id, b.Id);
                return byId != 0 ? byId : string.CompareOrdinal(a.Message, b.Message);
            });

            if (_dropped > 0)
            {
                SpecDiagnostic last = result[result.Count - 1];
                result[result.Count - 1] = last with
                {
                    Message = last.Message + string.Format(
                        CultureInfo.InvariantCulture,
                        " ({0:N0} more problems in this file are not shown; fix these first.)",
                        _dropped),
                };
            }

            return result.ToEquatableArray();
        }
    }
}
