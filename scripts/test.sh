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

# Formatting, on the workspace `dotnet test` just restored: whitespace (indentation, spacing, final newline, charset) and
# the using directives (system first, sorted; IDE0065 placement). Every other style and analyzer rule is already an
# error in the build, so the style pass is limited to IDE0065 instead of re-running every analyzer (both passes take under a
# minute on a shared 2-core machine; the unrestricted `dotnet format --verify-no-changes` takes about 2).
format_fix="dotnet format whitespace Cxr.slnx --no-restore && dotnet format style Cxr.slnx --no-restore --diagnostics IDE0065"
dotnet format whitespace Cxr.slnx --verify-no-changes --no-restore; whitespace_rc=$?
dotnet format style Cxr.slnx --verify-no-changes --no-restore --diagnostics IDE0065; style_rc=$?
# dotnet format exits 2 when files would change; anything else non-zero means it could not check.
if [ "$whitespace_rc" = "0" ] && [ "$style_rc" = "0" ]; then
  :
elif [[ "$whitespace_rc" =~ ^[02]$ && "$style_rc" =~ ^[02]$ ]]; then
  echo "FORMAT: the files above are not formatted as .editorconfig says. Fix them with: $format_fix"
  [ "$rc" = "0" ] && rc=1
else
  echo "FORMAT: dotnet format could not check the solution (exit $whitespace_rc/$style_rc); see its output above."
  [ "$rc" = "0" ] && rc=1
fi
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
