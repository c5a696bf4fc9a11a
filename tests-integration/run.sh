#!/usr/bin/env bash
# Integration tests with real third-party tools: pre-commit running reqlint as a hook from this
# checkout (it builds reqlint in release mode, which takes minutes), and check-jsonschema on the
# documented GitHub Actions workflow.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check pytest pre-commit check-jsonschema
python3 -m pytest -q tests-integration "$@"
