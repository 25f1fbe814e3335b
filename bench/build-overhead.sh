#!/usr/bin/env bash
# Build-time overhead of the SpecGuard package, as a ratio with/without, on a generated solution of
# 20 projects x 100 files with 500 criteria in 25 spec files. Full rebuild and no-op rebuild, median of N runs.
# The peer column: the same solution with Microsoft.CodeAnalysis.PublicApiAnalyzers 5.6.0 (empty PublicAPI files)
# instead of SpecGuard; and each tool's own reported time (csc -reportanalyzer, summed over the projects, analyzers
# and generators), which is what "SpecGuard costs N times its peer" compares.
# The reported times are also taken with SpecGuard after the SDK's own generators (bench/after-sdk-generators.targets):
# csc charges the first generator of a process the generator driver's start-up, which every .NET project pays anyway,
# and as shipped that is SpecGuard's. And for each build, every analyzer's and generator's time together, against the
# build with neither tool: what each tool adds to the compiler's analyzer and generator time, whoever it is charged to.
#   bash bench/build-overhead.sh [RUNS]      (default 3; writes the table to stdout and artifacts/build-overhead.md)
#   SERVER=on bash bench/build-overhead.sh   (the compiler server on, as the .NET SDK has it by default; kept warm)
# Without the package, the same code compiles against hand-written copies of the three attributes, so both builds
# compile identical sources; the difference is SpecGuard's generator, analyzers and MSBuild targets.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/specguard-overhead-XXXXXX)
version="0.1.0-bench.$(date +%Y%m%d%H%M%S)"
server=${SERVER:-off}
if [ "$server" = on ]; then export UseSharedCompilation=true; else export UseSharedCompilation=false; fi
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset CI ContinuousIntegrationBuild || true

echo "packing SpecGuard $version ..." >&2
dotnet pack "$root/src/SpecGuard.Package" -c Release -o "$work/feed" -p:Version="$version" -v quiet >&2

cd "$work"
cp "$root/bench/after-sdk-generators.targets" Directory.Build.targets
cat > NuGet.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
mkdir -p specs shared
for f in $(seq -w 1 25); do
  {
    printf 'specguard: 1\nfeature: F%s\ntitle: Feature %s\ncriteria:\n' "$f" "$f"
    for c in $(seq -w 1 20); do
      printf '  - id: F%s-0%s\n    title: Criterion %s of feature %s\n    given: a context\n    when: something happens\n    then: [an outcome, another outcome]\n' "$f" "$c" "$c" "$f"
    done
  } > "specs/f$f.spec.yaml"
done
cat > shared/Attributes.cs <<'CS'
namespace SpecGuard
{
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(params string[] ids) { Ids = ids; } public string[] Ids { get; } }
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class VerifiesAttribute : System.Attribute { public VerifiesAttribute(params string[] ids) { Ids = ids; } public string[] Ids { get; } }
    [System.AttributeUsage(System.AttributeTargets.All)]
    internal sealed class SpecExemptAttribute : System.Attribute { public SpecExemptAttribute(string reason) { Reason = reason; } public string Reason { get; } }
}
CS
dotnet new sln -n Overhead --format sln -o . >/dev/null
for p in $(seq -w 1 20); do
  mkdir -p "src/P$p"
  cat > "src/P$p/P$p.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><NoWarn>\$(NoWarn);SPEC100;RS0016;RS0017;RS0026;RS0027;RS0036;RS0037</NoWarn></PropertyGroup>
  <ItemGroup Condition="'\$(WithSpecGuard)' == 'true'"><PackageReference Include="SpecGuard" Version="$version" PrivateAssets="all" /></ItemGroup>
  <ItemGroup Condition="'\$(WithSpecGuard)' != 'true'"><Compile Include="../../shared/Attributes.cs" /></ItemGroup>
  <ItemGroup Condition="'\$(WithPeer)' == 'true'">
    <PackageReference Include="Microsoft.CodeAnalysis.PublicApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
    <AdditionalFiles Include="PublicAPI.Shipped.txt;PublicAPI.Unshipped.txt" />
  </ItemGroup>
</Project>
XML
  : > "src/P$p/PublicAPI.Shipped.txt"; : > "src/P$p/PublicAPI.Unshipped.txt"
  for i in $(seq -w 1 100); do
    f=$(( (10#$i % 25) + 1 )); c=$(( (10#$p + 10#$i) % 20 + 1 ))
    id=$(printf 'F%02d-%03d' "$f" "$c")
    link=""; [ $(( 10#$i % 2 )) -eq 0 ] && link="[SpecGuard.Implements(\"$id\")]"
    cat > "src/P$p/C$i.cs" <<CS
namespace P$p
{
    $link
    public sealed class Service$i
    {
        public int Compute(int x) => x * $i + 1;
        public string Describe() => "service $i of project $p";
        public int Sum(int[] values) { int s = 0; foreach (int v in values) { s += v; } return s; }
    }
}
CS
  done
  dotnet sln Overhead.sln add "src/P$p/P$p.csproj" >/dev/null
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# variant: none | specguard | after (SpecGuard after the SDK's generators) | peer
props() { case $1 in none) echo "-p:WithSpecGuard=false -p:WithPeer=false";; specguard) echo "-p:WithSpecGuard=true -p:WithPeer=false";; after) echo "-p:WithSpecGuard=true -p:WithPeer=false -p:SpecGuardBenchAfterSdk=true";; peer) echo "-p:WithSpecGuard=false -p:WithPeer=true";; esac; }
measure() { # variant, kind
  local variant=$1 kind=$2 times=()
  for r in $(seq 1 "$runs"); do
    # shellcheck disable=SC2046
    local args=(build Overhead.sln -m --no-restore -v quiet -nologo $(props "$variant"))
    [ "$kind" = full ] && args+=(--no-incremental)
    local start end
    start=$(date +%s.%N); dotnet "${args[@]}" >/dev/null; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | median
}
# The tool's own time as csc reports it (-reportanalyzer), summed over every project: assembly-level lines of the
# analyzer and generator tables ("   0.456   25   SpecGuard.Generators, Version=..."); and every analyzer's and
# generator's time together ("Total analyzer execution time: 1.234 seconds.", the same for generators). Prints both.
reported() { # variant, assembly-name
  # shellcheck disable=SC2046
  dotnet restore Overhead.sln -v quiet $(props "$1") >/dev/null
  # shellcheck disable=SC2046
  dotnet build Overhead.sln -m --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true $(props "$1") 2>/dev/null |
    awk -v name="$2" '{ sub(/^ *[0-9]+(:[0-9]+)?>/, ""); $0 = $0 }
      $2 ~ /^[0-9]+$/ && $3 == name"," && $4 ~ /^Version=/ { sum += $1 }
      /Total (analyzer|generator) execution time: [0-9.]+ seconds/ { all += $5 }
      END { printf "%.2f %.2f", sum, all }'
}

declare -A full noop
for variant in none specguard peer; do
  echo "restoring ($variant) ..." >&2
  # shellcheck disable=SC2046
  dotnet restore Overhead.sln -v quiet $(props "$variant") >/dev/null
  # shellcheck disable=SC2046
  dotnet build Overhead.sln -m --no-restore -v quiet -nologo $(props "$variant") >/dev/null   # warm-up
  echo "measuring full rebuilds ($variant) ..." >&2
  full[$variant]=$(measure "$variant" full)
  echo "measuring no-op rebuilds ($variant) ..." >&2
  noop[$variant]=$(measure "$variant" noop)
done
echo "measuring reported times ($runs interleaved rounds) ..." >&2
# The peer's own time has ranged 6.5-17.3 s between single runs: rounds interleaved (neither, SpecGuard, SpecGuard
# after the SDK's generators, the peer), the median of each, and the ratio of the medians (each round to stderr).
own_sg=(); own_af=(); own_pr=(); all_no=(); all_sg=(); all_af=(); all_pr=()
for _ in $(seq 1 "$runs"); do
  read -r _ n < <(reported none none)
  read -r s sa < <(reported specguard SpecGuard.Generators)
  read -r a aa < <(reported after SpecGuard.Generators)
  read -r p pa < <(reported peer Microsoft.CodeAnalysis.PublicApiAnalyzers)
  own_sg+=("$s"); own_af+=("$a"); own_pr+=("$p"); all_no+=("$n"); all_sg+=("$sa"); all_af+=("$aa"); all_pr+=("$pa")
  echo "  round: own SpecGuard $s s, after the SDK's generators $a s, peer $p s; everything's: neither $n, SpecGuard $sa, after $aa, peer $pa s" >&2
done
med() { printf '%s\n' "$@" | median; }
own_specguard=$(med "${own_sg[@]}"); own_after=$(med "${own_af[@]}"); own_peer=$(med "${own_pr[@]}")
all_none=$(med "${all_no[@]}"); all_specguard=$(med "${all_sg[@]}"); all_after=$(med "${all_af[@]}"); all_peer=$(med "${all_pr[@]}")

ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
table=$(cat <<MD
| build (median of $runs, seconds) | neither | with SpecGuard | with PublicApiAnalyzers | SpecGuard ÷ neither | peer ÷ neither |
|---|--:|--:|--:|--:|--:|
| full rebuild (--no-incremental) | $(printf '%.1f' "${full[none]}") | $(printf '%.1f' "${full[specguard]}") | $(printf '%.1f' "${full[peer]}") | $(ratio "${full[specguard]}" "${full[none]}") | $(ratio "${full[peer]}" "${full[none]}") |
| no-op rebuild | $(printf '%.1f' "${noop[none]}") | $(printf '%.1f' "${noop[specguard]}") | $(printf '%.1f' "${noop[peer]}") | $(ratio "${noop[specguard]}" "${noop[none]}") | $(ratio "${noop[peer]}" "${noop[none]}") |

| its own reported time, whole build (csc -reportanalyzer, analyzers + generators, summed over 20 projects; median of $runs interleaved rounds) | SpecGuard | SpecGuard after the SDK's generators | PublicApiAnalyzers | SpecGuard ÷ peer | after ÷ peer |
|---|--:|--:|--:|--:|--:|
| seconds | $own_specguard | $own_after | $own_peer | $(ratio "$own_specguard" "$own_peer") | $(ratio "$own_after" "$own_peer") |

| every analyzer's and generator's reported time together, whole build (median of $runs rounds) | neither | SpecGuard | SpecGuard after the SDK's generators | PublicApiAnalyzers |
|---|--:|--:|--:|--:|
| seconds | $all_none | $all_specguard | $all_after | $all_peer |
| added to neither | | $(printf '%.2f' "$(echo "$all_specguard - $all_none" | bc)") | $(printf '%.2f' "$(echo "$all_after - $all_none" | bc)") | $(printf '%.2f' "$(echo "$all_peer - $all_none" | bc)") |
MD
)
echo "$table"
mkdir -p "$root/artifacts"
printf '20 projects x 100 files, 500 criteria in 25 spec files, dotnet build -m, compiler server %s, %s cores.\n\n%s\n' "$server" "$(nproc)" "$table" > "$root/artifacts/build-overhead-server-$server.md"
[ "$server" = on ] && dotnet build-server shutdown >/dev/null 2>&1 || true
rm -rf "$work"
