#!/usr/bin/env bash
# specguard flow at scale (issue 15): a repository of 10,000 commits and 5,000 criteria (50 spec files x 100), written
# with git fast-import: the first 500 commits specify the criteria (10 per commit), the rest edit 200 C# files, adding
# [Implements]/[Verifies] links and other code; a release tag every 250 commits; some criteria's text changes later.
# Times `specguard flow --release-tags 'v*'` (whole process, median of N runs) and its peak memory (GNU time).
#   bash bench/flow.sh [RUNS]     (default 5; writes artifacts/flow-bench.md)
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/specguard-flowbench-XXXXXX)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

echo "building the CLI ..." >&2
dotnet build "$root/src/SpecGuard.Cli" -c Release -o "$work/cli" -v quiet >&2
mkdir -p "$work/repo" && cd "$work/repo" && git init -q -b main
python3 - <<'PY' | git fast-import --quiet
import sys
out = sys.stdout.buffer
def data(text):
    b = text.encode()
    out.write(b"data %d\n" % len(b)); out.write(b); out.write(b"\n")
t0 = 1735732800  # 2025-01-01T12:00:00Z
specs = {f: [] for f in range(1, 51)}
code = {i: [] for i in range(1, 201)}
def spec_text(f):
    s = "specguard: 1\nfeature: F%02d\ntitle: Feature %d\ncriteria:\n" % (f, f)
    for (c, title) in specs[f]:
        s += "  - id: F%02d-%03d\n    title: %s\n    given: a context\n    when: something happens\n    then: [an outcome, another outcome]\n" % (f, c, title)
    return s
def code_text(i):
    s = "namespace Bench\n{\n    public class Type%d\n    {\n" % i
    for (kind, f, c, m) in code[i]:
        s += "        [SpecGuard.%s(\"F%02d-%03d\")]\n        public int Method%d(int x) => x * %d;\n\n" % (kind, f, c, m, m)
    return s + "    }\n}\n"
mark = 0
for n in range(10000):
    when = t0 + n * 3000  # one commit every 50 minutes: about 347 days
    out.write(b"commit refs/heads/main\n")
    out.write(b"mark :%d\n" % (n + 1))
    out.write(b"committer Bench <bench@example.invalid> %d +0000\n" % when)
    data("commit %d" % n)
    if n > 0:
        out.write(b"from :%d\n" % mark)
    mark = n + 1
    if n < 500:
        f = n // 10 + 1
        for k in range(10):
            c = len(specs[f]) + 1
            specs[f].append((c, "Criterion %d of feature %d" % (c, f)))
        out.write(b"M 100644 inline specs/f%02d.spec.yaml\n" % f); data(spec_text(f))
    elif n % 50 == 0:
        f = (n // 50) % 50 + 1
        specs[f][3] = (specs[f][3][0], "Criterion 4 of feature %d, version %d" % (f, n))
        out.write(b"M 100644 inline specs/f%02d.spec.yaml\n" % f); data(spec_text(f))
    else:
        i = n % 200 + 1
        m = len(code[i]) + 1
        crit = (n * 7) % 5000
        kind = "Implements" if n % 3 else "Verifies"
        code[i].append((kind, crit // 100 + 1, crit % 100 + 1, m))
        out.write(b"M 100644 inline src/Type%03d.cs\n" % i); data(code_text(i))
    if n % 250 == 249:
        out.write(b"reset refs/tags/v%d\nfrom :%d\n" % (n // 250 + 1, mark))
PY
git reset -q --hard main
echo "commits: $(git rev-list --count HEAD), tags: $(git tag | wc -l), criteria: $(grep -h -c '  - id:' specs/*.yaml | paste -sd+ | bc)" >&2

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
: > "$work/times"; : > "$work/mem"
for _ in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/t" dotnet "$work/cli/specguard.dll" flow --release-tags 'v*' --stale-after 90 -f json -o "$work/flow.json" > /dev/null
  read -r t m < "$work/t"; echo "$t" >> "$work/times"; echo "$m" >> "$work/mem"
done
{
  echo "| specguard flow (10,000 commits, 5,000 criteria, 40 tags; median of $runs) | wall | peak memory |"
  echo "|---|--:|--:|"
  printf "| whole history, JSON | %s s | %s MB |\n" "$(median < "$work/times")" "$(( $(median < "$work/mem" | cut -d. -f1) / 1024 ))"
} | tee "$root/artifacts/flow-bench.md"
python3 -c "import json; d=json.load(open('$work/flow.json')); print('criteria', len(d.get('criteria', [])), 'commits', d.get('commits'))" >&2
