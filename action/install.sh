#!/usr/bin/env bash
# The install step of the reqlint GitHub Action (action.yml), a script of its own so that it
# can be run and tested anywhere (tests-release/test_action.py runs it against a file:// URL).
# Downloads the release tarball (unless a cached copy is there), verifies its SHA-256 against
# REQLINT_SHA256 or, when that is empty, against the release's SHA256SUMS, unpacks it and puts
# the folder on GITHUB_PATH. A wrong checksum stops it with exit 1 before anything is unpacked.
#   REQLINT_VERSION   e.g. 0.1.0
#   REQLINT_URL       the tarball's URL (https:// or file://)
#   REQLINT_SHA256    its expected SHA-256 (optional)
#   REQLINT_DIR       where to keep it (the cached folder)
#   GITHUB_PATH       the file the runner reads PATH additions from
set -euo pipefail
: "${REQLINT_VERSION:?}" "${REQLINT_URL:?}" "${REQLINT_DIR:?}" "${GITHUB_PATH:?}"
name="reqlint-${REQLINT_VERSION}-x86_64-linux"
tarball="$REQLINT_DIR/$name.tar.gz"
mkdir -p "$REQLINT_DIR"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "::error title=reqlint::reqlint $REQLINT_VERSION is released for Linux x86_64 only, not $(uname -s)-$(uname -m)"; exit 1 ;;
esac

expected=${REQLINT_SHA256:-}
if [ -z "$expected" ]; then
  sums_url="${REQLINT_URL%/*}/SHA256SUMS"
  expected=$(curl -fsSL --retry 3 "$sums_url" | awk -v f="$name.tar.gz" '$2 == f { print $1 }')
  [ -n "$expected" ] || { echo "::error title=reqlint::no checksum for $name.tar.gz in $sums_url; pass sha256"; exit 1; }
fi
expected=$(printf '%s' "$expected" | tr 'A-F' 'a-f')

if [ -f "$tarball" ] && [ "$(sha256sum "$tarball" | cut -d' ' -f1)" = "$expected" ]; then
  echo "reqlint $REQLINT_VERSION: cached copy verified"
else
  rm -f "$tarball"
  curl -fsSL --retry 3 -o "$tarball.part" "$REQLINT_URL"
  actual=$(sha256sum "$tarball.part" | cut -d' ' -f1)
  if [ "$actual" != "$expected" ]; then
    rm -f "$tarball.part"
    echo "::error title=reqlint::checksum mismatch for $REQLINT_URL: expected $expected, got $actual; not installed"
    exit 1
  fi
  mv "$tarball.part" "$tarball"
fi
# Unpacked afresh from the verified tarball every time (the cache holds only the tarball).
rm -rf "${REQLINT_DIR:?}/$name"
tar -xzf "$tarball" -C "$REQLINT_DIR"
"$REQLINT_DIR/$name/reqlint" --version
echo "$REQLINT_DIR/$name" >> "$GITHUB_PATH"
