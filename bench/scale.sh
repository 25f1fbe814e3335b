#!/usr/bin/env bash
# SpecGuard at scale (issue 11): 50 spec files x 1,000 criteria (about 7.5 MB of YAML).
#  1. a library of 50 classes linked to some of those criteria: full rebuild with SpecGuard / without (the same code
#     against hand-written copies of the attributes), median of N runs;
#  2. an xUnit test project that sees the same specs and verifies none of them, so SpecGuard generates a pending test
#     for each of the 50,000 criteria: full rebuild time and the peak memory of the largest process (the compiler).
#   bash bench/scale.sh [RUNS]     (default 3; prints a table and writes artifacts/scale.md)
# Compiler server off, as this environment and CI have it. Peak memory comes from GNU time's maximum resident set size.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/specguard-scale-XXXXXX)
version="0.1.0-scale.$(date +%Y%m%d%H%M%S)"
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset CI ContinuousIntegrationBuild || true
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

echo "packing SpecGuard $version ..." >&2
dotnet pack "$root/src/SpecGuard.Package" -c Release -o "$work/feed" -p:Version="$version" -v quiet >&2
cd "$work"
cat > NuGet.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="scale" value="$work/feed" /></packageSources></configuration>
XML
mkdir -p specs shared lib tests
echo "writing 50 x 1,000 criteria ..." >&2
for f in $(seq -w 1 50); do
  awk -v f="$f" 'BEGIN {
    printf "specguard: 1\nfeature: S%s\ntitle: Scale feature %s\ncriteria:\n", f, f
    for (c = 1; c <= 1000; c++)
      printf "  - id: S%s-%04d\n    title: Criterion %d of feature %s\n    given: a context\n    when: something happens\n    then: [an outcome, another outcome]\n", f, c, c, f
  }' > "specs/s$f.spec.yaml"
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
cat > lib/Lib.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><SpecGuardSpecsRoot>../specs</SpecGuardSpecsRoot></PropertyGroup>
  <ItemGroup Condition="'\$(WithSpecGuard)' == 'true'"><PackageReference Include="SpecGuard" Version="$version" PrivateAssets="all" /></ItemGroup>
  <ItemGroup Condition="'\$(WithSpecGuard)' != 'true'"><Compile Include="../shared/Attributes.cs" /></ItemGroup>
</Project>
XML
for i in $(seq -w 1 50); do
  cat > "lib/C$i.cs" <<CS
namespace Lib
{
    [SpecGuard.Implements("S$i-0001", "S$i-0002")]
    public sealed class Service$i
    {
        public int Compute(int x) => x * $i + 1;
        public string Describe() => "service $i";
    }
}
CS
done
cat > tests/Tests.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><IsPackable>false</IsPackable><SpecGuardSpecsRoot>../specs</SpecGuardSpecsRoot></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
    <PackageReference Include="SpecGuard" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
echo 'namespace Tests { public sealed class Placeholder { [Xunit.Fact] public void Runs() { } } }' > tests/Placeholder.cs

if [ "${SETUP_ONLY:-}" = 1 ]; then echo "$work"; exit 0; fi   # SETUP_ONLY=1: write the projects, print their folder, measure nothing

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() { # project, extra args...: prints "seconds peak-MB" of one full rebuild
  local project=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.txt" dotnet build "$project" --no-restore --no-incremental -v quiet -nologo "$@" >/dev/null
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$work/time.txt"
}
dotnet restore lib -v quiet -p:WithSpecGuard=true >/dev/null && dotnet build lib --no-restore -v quiet -p:WithSpecGuard=true >/dev/null
lib_with=(); lib_without=()
for r in $(seq 1 "$runs"); do
  dotnet restore lib -v quiet -p:WithSpecGuard=true >/dev/null; lib_with+=("$(timed lib -p:WithSpecGuard=true | cut -d' ' -f1)")
  dotnet restore lib -v quiet -p:WithSpecGuard=false >/dev/null; lib_without+=("$(timed lib -p:WithSpecGuard=false | cut -d' ' -f1)")
done
stub_time=(); stub_peak=()
stub_runs=$runs
if [ "${LIB_ONLY:-}" = 1 ]; then stub_runs=0; stub_time=(0); stub_peak=(0)   # LIB_ONLY=1: the library only
else dotnet restore tests -v quiet >/dev/null; dotnet build tests --no-restore -v quiet >/dev/null; fi
for r in $(seq 1 "$stub_runs"); do
  read -r t m < <(timed tests); stub_time+=("$t"); stub_peak+=("$m")
done
stubs=$(grep -o 'PendingStub' -r tests/obj 2>/dev/null | wc -l || true)
w=$(printf '%s\n' "${lib_with[@]}" | median); wo=$(printf '%s\n' "${lib_without[@]}" | median)
table=$(cat <<MD
| 50 spec files x 1,000 criteria (median of $runs) | seconds | peak memory (MB) |
|---|--:|--:|
| library, full rebuild, without SpecGuard | $wo | |
| library, full rebuild, with SpecGuard | $w | |
| ratio with / without | $(printf '%.2f' "$(echo "scale=4; $w / $wo" | bc)") | |
| test project, 50,000 pending tests, full rebuild | $(printf '%s\n' "${stub_time[@]}" | median) | $(printf '%s\n' "${stub_peak[@]}" | median) |
MD
)
echo "$table"
mkdir -p "$root/artifacts"
printf 'bench/scale.sh, compiler server off, %s cores.\n\n%s\n' "$(nproc)" "$table" > "$root/artifacts/scale.md"
rm -rf "$work"
