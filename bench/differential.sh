#!/usr/bin/env bash
# Runs the differential test (SchemaValidator against NJsonSchema, tests/SpecGuard.Core.Tests/DifferentialTests.cs)
# on many more cases than CI does. Usage: bench/differential.sh [cases]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
export SPECGUARD_DIFFERENTIAL_CASES="${1:-1000000}"
echo "differential: $SPECGUARD_DIFFERENTIAL_CASES cases"
time dotnet test tests/SpecGuard.Core.Tests -c Release --filter "Category=Differential" --logger "console;verbosity=detailed"
