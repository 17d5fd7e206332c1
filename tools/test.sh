#!/usr/bin/env bash
# Runs every test of MentorBot on a fresh machine: installs the pinned local parts (Azurite and the
# validators, from tools/package-lock.json), builds the solution, runs every test project, and ends
# with one line "N passed, N failed" summed over all projects. Test fixtures start and stop Azurite
# and the loopback stand-ins themselves, on free loopback ports.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== Installing pinned local parts (npm ci in tools/)"
npm ci --prefix tools --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== Building"
dotnet build MentorBot.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== Testing"
dotnet test MentorBot.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A project that crashed or did not start wrote no failures; count it so the line never hides it.
  failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
