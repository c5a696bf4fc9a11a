"""The release tarball in a minimal Debian 12 (`debootstrap --variant=minbase bookworm`: no
libssl, no libcurl, no ca-certificates, no Swift), as the user `nobody` in a chroot: both
executables start, `reqlint lint` finds what it finds on this machine, and `reqlint send`
really sends, over http and over https (its own TLS, trusting AWS_CA_BUNDLE), to loopback peers
that check what arrives.

The root file system is made once by debootstrap from Debian's mirror and kept in
.build/minbase-bookworm (scripts/bootstrap installs debootstrap). Needs root."""
import json
import os
import pathlib
import shutil
import ssl
import subprocess
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import BROKEN, IR_JOB, ROOT, artifacts, dev_reqlint

MINBASE = ROOT / ".build/minbase-bookworm"
MIRROR = os.environ.get("REQLINT_DEBIAN_MIRROR", "http://deb.debian.org/debian")
JOB_ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/churn-load-test"


@pytest.fixture(scope="module")
def minbase():
    """A minimal Debian 12 root with the release tarball unpacked in /opt/reqlint."""
    if not (MINBASE / "usr/bin/apt-get").exists():
        if shutil.which("debootstrap") is None:
            pytest.fail("debootstrap is needed to make a minimal Debian (scripts/bootstrap installs it)")
        shutil.rmtree(MINBASE, ignore_errors=True)
        made = subprocess.run(["debootstrap", "--variant=minbase", "bookworm", str(MINBASE), MIRROR],
                              capture_output=True, text=True, timeout=900)
        assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    packages = subprocess.run(["chroot", str(MINBASE), "dpkg-query", "-W", "-f", "${Package}\n"],
                              capture_output=True, text=True, check=True).stdout.split()
    # What the claim rests on: none of these is in the root.
    assert not [p for p in packages if p.startswith(("libssl", "libcurl", "ca-certificates", "openssl", "libnghttp"))], packages
    version, tarball, _ = artifacts()
    opt = MINBASE / "opt/reqlint"
    shutil.rmtree(opt, ignore_errors=True)
    with tarfile.open(tarball) as tar:
        tar.extractall(MINBASE / "opt", filter="data")
    (MINBASE / "opt" / f"reqlint-{version}-x86_64-linux").rename(opt)
    work = MINBASE / "tmp/work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "job.json").write_text(json.dumps(IR_JOB, indent=2) + "\n")
    (work / "broken.json").write_text(BROKEN)
    for path in [work, *work.iterdir()]:
        shutil.chown(path, "nobody", "nogroup")
    yield MINBASE
    shutil.rmtree(opt, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


def run(root, *args, env=None):
    """`args` in the chroot as nobody, with /proc mounted (as every container has it) and a
    clean environment."""
    environment = {"PATH": "/opt/reqlint:/usr/bin:/bin", "HOME": "/tmp/work", "LANG": "C.UTF-8"}
    environment.update(env or {})
    script = 'mount -t proc proc "$0/proc" && exec chroot --userspec=65534:65534 "$0" /usr/bin/env -i "$@"'
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(root),
                           *[f"{k}={v}" for k, v in environment.items()], "sh", "-c", 'cd /tmp/work && exec "$@"', "sh", *args],
                          capture_output=True, text=True, timeout=120)


class Peer:
    """A loopback AWS stand-in (http, or https with the given context) that records requests."""

    def __init__(self, tls=None):
        self.requests = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                peer.requests.append({"headers": dict(self.headers.items()), "body": body})
                data = json.dumps({"JobArn": JOB_ARN}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


KEYS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "AWS_REGION": "us-east-1"}


def test_both_executables_start_with_only_base_libraries(minbase):
    for tool in ("reqlint", "reqlint-send"):
        result = run(minbase, tool, "--help")
        assert result.returncode == 0, tool + ": " + result.stderr
    ldd = run(minbase, "ldd", "/opt/reqlint/reqlint-send")
    assert ldd.returncode == 0 and "not found" not in ldd.stdout, ldd.stdout + ldd.stderr
    version = run(minbase, "reqlint", "version")
    assert version.returncode == 0 and "botocore" in version.stdout, version.stderr


def test_lint_finds_the_same_problems(minbase):
    result = run(minbase, "reqlint", "lint", "--format", "json", "job.json", "broken.json")
    assert result.returncode == 1, result.stderr
    here = subprocess.run([str(dev_reqlint()), "lint", "--format", "json", "job.json", "broken.json"], cwd=minbase / "tmp/work",
                          capture_output=True, text=True)
    assert json.loads(result.stdout)["files"] == json.loads(here.stdout)["files"]
    assert [d["rule"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]] == ["enum"]


def test_send_over_http_really_sends(minbase):
    peer = Peer()
    try:
        result = run(minbase, "reqlint", "send", "--endpoint-url", peer.url, "job.json", env=KEYS)
        assert result.returncode == 0, result.stdout + result.stderr
        assert JOB_ARN in result.stdout
        assert len(peer.requests) == 1
        assert peer.requests[0]["headers"]["X-Amz-Target"] == "SageMaker.CreateInferenceRecommendationsJob"
        assert peer.requests[0]["headers"]["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    finally:
        peer.stop()


def test_send_over_https_without_the_systems_tls_libraries(minbase, tmp_path):
    made = subprocess.run([str(ROOT / "scripts/test-certificates"), str(tmp_path), "IP:127.0.0.1"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    shutil.copy(tmp_path / "ca.pem", minbase / "tmp/work/ca.pem")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    peer = Peer(tls=context)
    try:
        # No certificate authorities on the system: TLS fails, and says what to do.
        refused = run(minbase, "reqlint", "send", "--endpoint-url", peer.url, "job.json", env=KEYS)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "TLS failed" in refused.stdout and "AWS_CA_BUNDLE" in refused.stdout, refused.stdout
        assert peer.requests == []
        sent = run(minbase, "reqlint", "send", "--endpoint-url", peer.url, "job.json", env=dict(KEYS, AWS_CA_BUNDLE="/tmp/work/ca.pem"))
        assert sent.returncode == 0, sent.stdout + sent.stderr
        assert JOB_ARN in sent.stdout
        assert len(peer.requests) == 1
    finally:
        peer.stop()
