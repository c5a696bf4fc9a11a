#!/usr/bin/env bash
# The release tests: builds the artifacts (scripts/release, which reuses .build/release), then
# tests them as a user without Swift would use them, the pre-commit routes without Swift and
# the GitHub Action's steps (tests-release/*.py). Needs root (unshare, setpriv).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/release
python3 -m pytest -q tests-release "$@"
