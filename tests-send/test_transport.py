"""How `reqlint send` reaches AWS: TLS with the system's or a given certificate bundle
(AWS_CA_BUNDLE, the profile's ca_bundle), certificate and host name checks, and proxies from
the environment (https_proxy, http_proxy, no_proxy, proxy credentials), against a loopback
https stub that verifies signatures with botocore and a CONNECT proxy that records what it
tunnels. The certificates are made by scripts/test-certificates."""

import base64
import json
import os
import select
import socket
import socketserver
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT, VerifyingStub
from test_stub import KEYS, SECRET, TOKEN, ok

PROXY_PASSWORD = "pr0xy-S3cret-passw0rd"
HOST = "api.example.test"  # a name that resolves nowhere: only the proxy can reach it


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A private CA and a server certificate for api.example.test only (not 127.0.0.1)."""
    folder = tmp_path_factory.mktemp("tls")
    made = subprocess.run([str(ROOT / "scripts/test-certificates"), str(folder), f"DNS:{HOST}"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture
def tls_stub(certificates):
    pytest.importorskip("botocore.auth", reason="botocore is not installed (tests-send/run.sh installs it with moto)")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificates / "server.pem", certificates / "server.key")
    server = VerifyingStub({"AKIDEXAMPLE": (SECRET, TOKEN)}, tls=context)
    yield server
    server.stop()


def read_head(sock):
    """A request's head (up to the blank line) and what came after it; (None, b"") if the
    peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    return head, rest


class ConnectProxy:
    """An HTTP proxy that answers CONNECT only, tunnels every target to one loopback port,
    and records the targets and the Proxy-Authorization headers it saw."""

    def __init__(self, upstream_port, password=None, status=None):
        """`status`: answer every CONNECT with it (a busy or refusing proxy) instead of tunnelling."""
        self.seen = []
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                head, rest = read_head(self.request)
                if head is None:
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
                proxy.seen.append({"method": method, "target": target, "authorization": headers.get("proxy-authorization")})
                if method != "CONNECT":
                    self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                    return
                if password is not None:
                    expected = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()
                    if headers.get("proxy-authorization") != expected:
                        self.request.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                                             b"Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                        return
                if status is not None:
                    self.request.sendall(f"HTTP/1.1 {status} Refused\r\nContent-Length: 0\r\n\r\n".encode())
                    return
                upstream = socket.create_connection(("127.0.0.1", upstream_port))
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if rest:
                    upstream.sendall(rest)
                sockets = [self.request, upstream]
                try:
                    while True:
                        readable, _, _ = select.select(sockets, [], [], 10)
                        if not readable:
                            return
                        for sock in readable:
                            chunk = sock.recv(65536)
                            if not chunk:
                                return
                            (upstream if sock is self.request else self.request).sendall(chunk)
                finally:
                    upstream.close()

        socketserver.ThreadingTCPServer.daemon_threads = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, credentials=""):
        return f"http://{credentials}127.0.0.1:{self.port}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy_for(request):
    proxies = []

    def make(upstream_port, password=None, status=None):
        proxies.append(ConnectProxy(upstream_port, password, status))
        return proxies[-1]

    yield make
    for proxy in proxies:
        proxy.stop()


def test_https_through_a_proxy_with_a_private_ca_bundle(send, tls_stub, proxy_for, certificates):
    tls_stub.replies = [ok()]
    proxy = proxy_for(tls_stub.port)
    env = dict(KEYS, HTTPS_PROXY=proxy.url(), AWS_CA_BUNDLE=str(certificates / "ca.pem"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert [seen["target"] for seen in proxy.seen] == [f"{HOST}:{tls_stub.port}"]
    assert [r["signature_ok"] for r in tls_stub.requests] == [True]
    assert tls_stub.requests[0]["headers"]["Host"] == f"{HOST}:{tls_stub.port}"


def test_the_profiles_ca_bundle_is_used_too(send, tls_stub, proxy_for, certificates, documents):
    tls_stub.replies = [ok()]
    proxy = proxy_for(tls_stub.port)
    (documents / "home" / "config").write_text(f"[default]\nca_bundle = {certificates / 'ca.pem'}\n")
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=dict(KEYS, https_proxy=proxy.url()),
                  secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(tls_stub.requests) == 1


def test_an_unknown_ca_fails_once_without_retries(send, tls_stub, proxy_for):
    proxy = proxy_for(tls_stub.port)
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=dict(KEYS, HTTPS_PROXY=proxy.url()),
                  secrets=[SECRET, TOKEN])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "TLS failed: certificate verify failed" in result.stdout
    assert "AWS_CA_BUNDLE" in result.stdout
    assert "/.build/" not in result.stdout, "BoringSSL's source paths are not for users"
    assert tls_stub.requests == []
    assert len(proxy.seen) == 1, "a TLS failure is not retried"


def test_a_certificate_for_another_host_is_refused(send, tls_stub, certificates):
    # The certificate names api.example.test; the URL says 127.0.0.1.
    result = send("--endpoint-url", tls_stub.url, "ir.json", env=dict(KEYS, AWS_CA_BUNDLE=str(certificates / "ca.pem")),
                  secrets=[SECRET, TOKEN])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "TLS failed: the server's certificate does not name 127.0.0.1" in result.stdout
    assert tls_stub.requests == []


def test_an_unreadable_ca_bundle_stops_before_anything_is_sent(send, tls_stub, proxy_for, documents):
    proxy = proxy_for(tls_stub.port)
    env = dict(KEYS, HTTPS_PROXY=proxy.url(), AWS_CA_BUNDLE=str(documents / "missing.pem"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN])
    assert result.returncode == 2
    assert "AWS_CA_BUNDLE: cannot read the certificate bundle" in result.stderr
    assert proxy.seen == [] and tls_stub.requests == []


def test_proxy_credentials_are_sent_and_never_shown(send, tls_stub, proxy_for, certificates):
    tls_stub.replies = [ok()]
    proxy = proxy_for(tls_stub.port, password=PROXY_PASSWORD)
    env = dict(KEYS, HTTPS_PROXY=proxy.url(f"alice:{PROXY_PASSWORD}@"), AWS_CA_BUNDLE=str(certificates / "ca.pem"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", "--format", "json", env=env,
                  secrets=[SECRET, TOKEN, PROXY_PASSWORD])
    assert result.returncode == 0, result.stdout + result.stderr
    assert proxy.seen[0]["authorization"] == "Basic " + base64.b64encode(f"alice:{PROXY_PASSWORD}".encode()).decode()
    assert len(tls_stub.requests) == 1


def test_a_proxy_that_wants_credentials_says_so(send, tls_stub, proxy_for, certificates):
    proxy = proxy_for(tls_stub.port, password=PROXY_PASSWORD)
    env = dict(KEYS, HTTPS_PROXY=proxy.url("alice:wrong-password@"), AWS_CA_BUNDLE=str(certificates / "ca.pem"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN, "wrong-password"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "rejected the user name and password of its URL (407)" in result.stdout
    assert "after 1 attempt" in result.stdout, "a refusal by the proxy is not retried"
    assert len(proxy.seen) == 1
    assert tls_stub.requests == []


def test_http_goes_through_http_proxy_unless_no_proxy_names_the_host(send, stub, proxy_for):
    stub.replies = [ok()]
    proxy = proxy_for(stub.port)
    result = send("--endpoint-url", stub.url, "ir.json", env=dict(KEYS, http_proxy=proxy.url()), secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert [seen["target"] for seen in proxy.seen] == [f"127.0.0.1:{stub.port}"]
    assert [r["signature_ok"] for r in stub.requests] == [True]

    result = send("--endpoint-url", stub.url, "ir.json", env=dict(KEYS, http_proxy=proxy.url(), NO_PROXY="localhost,127.0.0.1"),
                  secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(proxy.seen) == 1, "no_proxy was not honoured"
    assert len(stub.requests) == 2


def test_a_malformed_proxy_setting_stops_before_anything_is_sent(send, stub):
    result = send("--endpoint-url", stub.url, "ir.json", env=dict(KEYS, http_proxy="http://alice:hunter2-proxy@proxy:notaport"),
                  secrets=[SECRET, TOKEN, "hunter2-proxy"])
    assert result.returncode == 2
    assert "http_proxy: the proxy's port is not a number" in result.stderr
    assert stub.requests == []


def test_a_proxys_failure_never_shows_its_password(send, tls_stub, proxy_for):
    proxy = proxy_for(tls_stub.port, password=PROXY_PASSWORD)
    # The right password, but no CA bundle: the TLS failure's message names the proxy.
    env = dict(KEYS, HTTPS_PROXY=proxy.url(f"alice:{PROXY_PASSWORD}@"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN, PROXY_PASSWORD])
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"through the proxy http://127.0.0.1:{proxy.port}" in result.stdout
    assert "alice" not in result.stdout + result.stderr


def test_a_busy_proxy_is_retried(send, tls_stub, proxy_for):
    proxy = proxy_for(tls_stub.port, status=503)
    env = dict(KEYS, HTTPS_PROXY=proxy.url(), AWS_MAX_ATTEMPTS="2")
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "did not open a tunnel" in result.stdout and "after 2 attempts" in result.stdout, result.stdout
    assert len(proxy.seen) == 2


def test_container_credentials_never_go_through_the_proxy(send, stub, proxy_for):
    """As botocore: the container endpoint is reached directly, with its token; the AWS
    request goes through the proxy."""
    container_token = "container-authorization-token-0123456789"
    fetched = []

    class Credentials(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            fetched.append({"path": self.path, "authorization": self.headers.get("Authorization")})
            data = json.dumps({"AccessKeyId": "AKIDEXAMPLE", "SecretAccessKey": SECRET, "Token": TOKEN,
                               "Expiration": "2099-01-01T00:00:00Z"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Credentials)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        stub.replies = [ok()]
        proxy = proxy_for(stub.port)
        env = {"http_proxy": proxy.url(), "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"http://127.0.0.1:{server.server_address[1]}/v2/credentials",
               "AWS_CONTAINER_AUTHORIZATION_TOKEN": container_token}
        result = send("--endpoint-url", stub.url, "ir.json", env=env, secrets=[SECRET, TOKEN, container_token])
        assert result.returncode == 0, result.stdout + result.stderr
        assert fetched == [{"path": "/v2/credentials", "authorization": container_token}]
        assert [seen["target"] for seen in proxy.seen] == [f"127.0.0.1:{stub.port}"]
        assert [r["signature_ok"] for r in stub.requests] == [True]
    finally:
        server.shutdown()
        server.server_close()


def test_a_file_that_is_no_certificate_bundle_stops_before_anything_is_sent(send, tls_stub, proxy_for, documents):
    proxy = proxy_for(tls_stub.port)
    (documents / "not-a-bundle.pem").write_text("these are not the certificates you are looking for\n")
    env = dict(KEYS, HTTPS_PROXY=proxy.url(), AWS_CA_BUNDLE=str(documents / "not-a-bundle.pem"))
    result = send("--endpoint-url", f"https://{HOST}:{tls_stub.port}", "ir.json", env=env, secrets=[SECRET, TOKEN])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "holds no PEM certificate" in result.stderr
    assert proxy.seen == [] and tls_stub.requests == []


def test_a_dry_run_does_not_need_the_network_settings(send, documents):
    """A dry run sends nothing, so a bad proxy or bundle setting does not stop it."""
    env = dict(KEYS, http_proxy="http://proxy:notaport", AWS_CA_BUNDLE=str(documents / "missing.pem"))
    result = send("--dry-run", "--region", "eu-west-1", "ir.json", env=env, secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "X-Amz-Target: SageMaker.CreateInferenceRecommendationsJob" in result.stdout


def test_an_endless_answer_is_cut_at_the_limit_and_not_resent(send):
    """A peer that answers with chunks that never end: reqlint stops at 16 MiB, says so, and
    does not send the request again (an answer came, so the service may have acted on it)."""
    requests = []

    class Endless(socketserver.BaseRequestHandler):
        def handle(self):
            head, _ = read_head(self.request)
            if head is None:
                return
            requests.append(head.split(b"\r\n", 1)[0])
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
            block = b"%x\r\n%s\r\n" % (1 << 20, b"x" * (1 << 20))
            try:
                for _ in range(64):  # 64 MiB at most, then the peer gives up
                    self.request.sendall(block)
            except OSError:
                pass

    socketserver.ThreadingTCPServer.daemon_threads = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = send("--endpoint-url", f"http://127.0.0.1:{server.server_address[1]}", "ir.json", env=KEYS, secrets=[SECRET, TOKEN])
        assert result.returncode == 1, result.stdout + result.stderr
        assert "larger than 16 MiB" in result.stdout and "after 1 attempt" in result.stdout, result.stdout
        assert len(requests) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_a_bundle_that_is_a_fifo_or_a_device_is_refused_at_once(send, documents):
    """Reading a FIFO would wait for a writer forever; /dev/zero would never end."""
    fifo = documents / "bundle.fifo"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", documents):
        result = send("--endpoint-url", "https://127.0.0.1:9", "ir.json", env=dict(KEYS, AWS_CA_BUNDLE=str(path)), secrets=[SECRET, TOKEN])
        assert result.returncode == 2, result.stdout + result.stderr
        assert "cannot read the certificate bundle" in result.stderr and "not a readable file" in result.stderr, result.stderr
