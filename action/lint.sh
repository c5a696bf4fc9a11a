#!/usr/bin/env bash
# The lint step of the reqlint GitHub Action: one `reqlint lint` over the whole list (so one
# SARIF file holds every finding), annotations through GitHub workflow commands.
#   REQLINT_PATHS       files and folders, one per line (blank lines ignored)
#   REQLINT_CONFIG      a configuration file, or empty
#   REQLINT_FAIL_LEVEL  error | warning | info
#   REQLINT_SARIF       the SARIF path, or empty
set -uo pipefail
paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "${REQLINT_PATHS:-.}"
if [ ${#paths[@]} -eq 0 ]; then
  echo "reqlint: no paths to lint"
  [ -n "${GITHUB_OUTPUT:-}" ] && echo "sarif=" >> "$GITHUB_OUTPUT"
  exit 0
fi
# The configuration's exclude applies to files named in the list too (--force-exclude), and
# the list goes through --files-from: one run however long it is, no argument-length limit.
args=(lint --format github --force-exclude --fail-level "${REQLINT_FAIL_LEVEL:-error}")
[ -n "${REQLINT_CONFIG:-}" ] && args+=(--config "$REQLINT_CONFIG")
[ -n "${REQLINT_SARIF:-}" ] && args+=(--output "sarif=$REQLINT_SARIF")
list="$(mktemp)"
printf '%s\n' "${paths[@]}" > "$list"
reqlint "${args[@]}" --files-from "$list"
status=$?
rm -f "$list"
[ -n "${GITHUB_OUTPUT:-}" ] && echo "sarif=${REQLINT_SARIF:-}" >> "$GITHUB_OUTPUT"
exit $status
