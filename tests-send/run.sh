#!/usr/bin/env bash
# End-to-end tests of `reqlint send` with real peers:
# - moto's server on loopback in its IAM/signature-checking mode (IAM user, access key and
#   policy created under moto's documented no-auth allowance, then every request checked),
#   with role assumption and web identity through moto's STS;
# - a loopback stub that verifies every request's SigV4 signature with botocore and counts
#   requests (retries, throttling, a ValidationException mapped to a position, and the
#   never-send-dirty promise);
# - `reqlint preflight` and `send --preflight` (test_preflight.py) against moto's server behind a
#   botocore-verifying peer that answers what moto lacks from fixtures.
# Uses REQLINT_BIN (default .build/debug/reqlint; build it first). The moto tests are skipped,
# saying so, only when moto cannot be installed; the stub tests need botocore (moto brings it).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -m pip install -q --disable-pip-version-check 'moto[server]' pytest 'boto3==1.44.18' 'botocore==1.44.18'; then
  echo "tests-send: could not install moto[server]; tests that need it will be skipped" >&2
fi
export REQLINT_BIN="${REQLINT_BIN:-.build/debug/reqlint}"
python3 -m pytest -q tests-send "$@"
