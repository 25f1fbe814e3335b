#!/usr/bin/env bash
# SpecGuard's own reported time in one fresh compiler process (csc -reportanalyzer, compiler server off), on a
# one-project library of 20 files, with no spec file and with one small spec file, loading the package's IL
# (analyzers/dotnet/cs, -p:SpecGuardReadyToRun=false) and its ReadyToRun copy (r2r/linux-x64, the default on
# linux-x64). Each case is compiled RUNS times, interleaved; prints the median and range of the generator's and the
# analyzers' own times. This is issue 11's "generator cost per compilation, fresh process" measured in csc itself.
# A third generator column runs the ReadyToRun copy after the SDK's own generators (bench/after-sdk-generators.targets):
# as shipped, SpecGuard's generator is the first of the process and csc charges it the generator driver's start-up,
# which every .NET project pays anyway; after them, its reported time is its own cost.
#   bash bench/first-compile.sh [RUNS]      (default 7; writes the table to stdout and artifacts/first-compile.md)
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/specguard-first-compile-XXXXXX)
version="0.1.0-bench.$(date +%Y%m%d%H%M%S)"
export UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset CI ContinuousIntegrationBuild || true

echo "packing SpecGuard $version ..." >&2
dotnet pack "$root/src/SpecGuard.Package" -c Release -o "$work/feed" -p:Version="$version" -v quiet >&2
cd "$work"
cp "$root/bench/after-sdk-generators.targets" Directory.Build.targets
cat > NuGet.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
for variant in nospec onespec; do
  mkdir -p "$variant/Lib"
  cat > "$variant/Lib/Lib.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><NoWarn>\$(NoWarn);SPEC100;SPEC902</NoWarn></PropertyGroup>
  <ItemGroup><PackageReference Include="SpecGuard" Version="$version" PrivateAssets="all" /></ItemGroup>
</Project>
XML
  for i in $(seq -w 1 20); do
    link=""; [ "$variant" = onespec ] && [ "$i" = 01 ] && link='[SpecGuard.Implements("CART-001")]'
    printf 'namespace Lib\n{\n    %s\n    public sealed class Service%s\n    {\n        public int Compute(int x) => x * %s + 1;\n    }\n}\n' "$link" "$i" "$((10#$i))" > "$variant/Lib/C$i.cs"
  done
done
mkdir -p onespec/specs
cat > onespec/specs/cart.spec.yaml <<'YAML'
specguard: 1
feature: CART
title: Shopping cart
criteria:
  - id: CART-001
    title: Items can be added to the cart
    given: an empty cart
    when: the shopper adds an item
    then: the cart holds the item
  - id: CART-002
    title: Items can be removed
    then: [the cart no longer holds the item, the total is updated]
YAML
for variant in nospec onespec; do dotnet restore "$variant/Lib" -v quiet >/dev/null; dotnet build "$variant/Lib" --no-restore -v quiet -nologo >/dev/null; done

# One compile; prints "generator analyzers" (seconds, SpecGuard.Generators' assembly lines of both tables).
compile() { # variant, ReadyToRun true|false, after the SDK's generators true|false
  dotnet build "$1/Lib" --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true -p:SpecGuardReadyToRun="$2" -p:SpecGuardBenchAfterSdk="$3" 2>/dev/null |
    awk '{ sub(/^ *[0-9]+(:[0-9]+)?>/, "") }
         /Total analyzer execution time/ { table = "a" } /Total generator execution time/ { table = "g" }
         $2 ~ /^[0-9]+$/ && $3 == "SpecGuard.Generators," && $4 ~ /^Version=/ { t[table] += $1 }
         END { printf "%.3f %.3f\n", t["g"], t["a"] }'
}
declare -A gen ana
for _ in $(seq 1 "$runs"); do
  for variant in nospec onespec; do
    for r2r in false true after; do
      if [ "$r2r" = after ]; then read -r g a < <(compile "$variant" true true); else read -r g a < <(compile "$variant" "$r2r" false); fi
      gen[$variant-$r2r]+="$g "; ana[$variant-$r2r]+="$a "
    done
  done
done
stat() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1*1000} END {m=(NR%2==1)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f (%.0f–%.0f)", m, a[1], a[NR]}'; }
table=$(
  echo "| own reported time, ms, median (range) of $runs fresh compiles | generator, IL | generator, ReadyToRun | generator, ReadyToRun, after the SDK's generators | analyzers, IL | analyzers, ReadyToRun |"
  echo "|---|--:|--:|--:|--:|--:|"
  for variant in nospec onespec; do
    label=$([ "$variant" = nospec ] && echo "no spec file" || echo "one small spec file")
    echo "| $label | $(stat <<<"${gen[$variant-false]}") | $(stat <<<"${gen[$variant-true]}") | $(stat <<<"${gen[$variant-after]}") | $(stat <<<"${ana[$variant-false]}") | $(stat <<<"${ana[$variant-true]}") |"
  done
)
echo "$table"
mkdir -p "$root/artifacts"
printf 'One project of 20 files, dotnet build --no-incremental, compiler server off, %s cores.\n\n%s\n' "$(nproc)" "$table" > "$root/artifacts/first-compile.md"
rm -rf "$work"
