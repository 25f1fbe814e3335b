#!/usr/bin/env bash
# specguard diff at scale (issue 14): a repository with 5,000 criteria (50 spec files x 100) and 200 C# files, and a
# branch that changes 200 files (50 spec files: one criterion changed, one added, one removed in each; 150 C# files:
# one method body each). The head is built (a library with PDBs), then `specguard diff` runs with and without the
# assembly, N times each; prints the median wall time and peak memory (GNU time's maximum resident set size).
#   bash bench/diff.sh [RUNS]     (default 5; writes artifacts/diff-bench.md)
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/specguard-diffbench-XXXXXX)
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

echo "building the CLI ..." >&2
dotnet build "$root/src/SpecGuard.Cli" -c Release -o "$work/cli" -v quiet >&2
cd "$work"
mkdir -p repo && cd repo
git init -q -b main
git config user.name bench; git config user.email bench@example.invalid; git config commit.gpgsign false
mkdir -p specs src
for f in $(seq -w 1 50); do
  awk -v f="$f" 'BEGIN {
    printf "specguard: 1\nfeature: F%s\ntitle: Feature %s\ncriteria:\n", f, f
    for (c = 1; c <= 100; c++)
      printf "  - id: F%s-%03d\n    title: Criterion %d of feature %s\n    given: a context\n    when: something happens\n    then: [an outcome, another outcome]\n", f, c, c, f
  }' > "specs/f$f.spec.yaml"
done
for i in $(seq -w 1 200); do
  f=$(printf "%02d" $(( (10#$i - 1) % 50 + 1 )))
  awk -v i="$i" -v f="$f" 'BEGIN {
    printf "namespace Bench\n{\n    public class Type%s\n    {\n", i
    for (m = 1; m <= 20; m++) {
      printf "        [SpecGuard.Implements(\"F%s-%03d\")]\n        public int Method%d(int x)\n        {\n            int y = x * %d;\n            return y + 1;\n        }\n\n", f, m + (i % 4) * 20, m, m
    }
    printf "    }\n}\n"
  }' > "src/Type$i.cs"
done
cat > src/Attributes.cs <<'CS'
namespace SpecGuard
{
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(params string[] ids) { Ids = ids; } public string[] Ids { get; } }
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class VerifiesAttribute : System.Attribute { public VerifiesAttribute(params string[] ids) { Ids = ids; } public string[] Ids { get; } }
}
CS
cat > src/Bench.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>disable</Nullable><DebugType>portable</DebugType></PropertyGroup>
</Project>
XML
git add -A && git commit -qm base
git checkout -q -b change
for f in $(seq -w 1 50); do
  sed -i -e "s/title: Criterion 7 of feature $f/title: Criterion 7 of feature $f, changed/" -e "/id: F$f-050/,+4d" "specs/f$f.spec.yaml"
  printf "  - id: F%s-101\n    title: A new criterion\n    then: it holds\n" "$f" >> "specs/f$f.spec.yaml"
done
for i in $(seq -w 1 150); do
  sed -i "s/int y = x \* 3;/int y = x * 33;/" "src/Type$i.cs"
done
git add -A && git commit -qm change
echo "changed files: $(git diff --name-only main change | wc -l)" >&2
dotnet build src/Bench.csproj -c Release -o "$work/bin" -v quiet >&2

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
measure() {
  local label=$1; shift
  : > "$work/times"; : > "$work/mem"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" dotnet "$work/cli/specguard.dll" diff --base main --format json -o "$work/out.json" "$@" > /dev/null
    read -r t m < "$work/t"; echo "$t" >> "$work/times"; echo "$m" >> "$work/mem"
  done
  printf "| %s | %s s | %s MB |\n" "$label" "$(median < "$work/times")" "$(( $(median < "$work/mem" | cut -d. -f1) / 1024 ))"
}
{
  echo "| specguard diff (5,000 criteria, 200 files changed; median of $runs) | wall | peak memory |"
  echo "|---|--:|--:|"
  measure "spec side + links from the source text" 
  measure "with --assembly (code side through the PDB)" --assembly "$work/bin/Bench.dll"
} | tee "$root/artifacts/diff-bench.md"
python3 -c "import json,sys; d=json.load(open('$work/out.json')); print(d['summary'])" >&2
