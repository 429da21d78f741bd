#!/usr/bin/env bash
# Runs the whole test suite the way CI does: machine setup (only what is missing), build, every test project.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Imaging").
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup.sh all || exit 1

out="$(mktemp)"
# Long-running categories (the big fuzz run) are opt-in: scripts/test.sh --filter "Category=Long".
filter=(--filter "Category!=Long")
for a in "$@"; do case "$a" in --filter) filter=() ;; esac; done
dotnet test Cxr.slnx -c Release "${filter[@]}" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
# One plain closing line for whoever reads the log: totals over all test projects.
awk '
  /(Passed|Failed)!  *-/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1))
      if ($i == "Failed:") f += $(i+1)
      if ($i == "Passed:") p += $(i+1)
      if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$out"
rm -f "$out"
exit "$rc"
