#!/usr/bin/env bash
# The language server's client tests: pytest-lsp driving `reqlint lsp` over stdio, and a
# headless Neovim session. Installs what it needs, builds reqlint if needed, runs both.
#
#   tests-lsp/run.sh                      # builds .build/debug/reqlint and reqlint-send (incremental) and tests them
#   REQLINT_BIN=/path/to/reqlint tests-lsp/run.sh   # tests that binary, no build
#   SWIFT_SCRATCH_PATH=.build-lsp tests-lsp/run.sh  # builds into another scratch path
#
# Extra arguments go to pytest (e.g. -k latency).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import pytest, pytest_lsp' 2>/dev/null; then
    python3 -m pip install --quiet pytest pytest-lsp
fi

if ! command -v nvim >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
    else
        echo "tests-lsp: nvim not installed and cannot install it here; the Neovim test will be skipped" >&2
    fi
fi

if [ -z "${REQLINT_BIN:-}" ]; then
    scratch="${SWIFT_SCRATCH_PATH:-.build}"
    swift build --scratch-path "$scratch" --product reqlint
    # test_agreement.py also runs `reqlint send`, which runs reqlint-send from beside reqlint.
    swift build --scratch-path "$scratch" --product reqlint-send
    REQLINT_BIN="$PWD/$scratch/debug/reqlint"
fi
if [ ! -x "$REQLINT_BIN" ]; then
    echo "tests-lsp: no reqlint binary at $REQLINT_BIN" >&2
    exit 2
fi
export REQLINT_BIN
export PYTHONDONTWRITEBYTECODE=1

exec python3 -m pytest tests-lsp -p no:cacheprovider "$@"
