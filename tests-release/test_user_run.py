"""The README's promise, as a user without Swift runs it: `reqlint lint` on the corpus (same
verdicts as the development build), `explain`, `lsp`, `send --dry-run`, `--version`, from the
wheel and from the tarball (see conftest.Sandbox)."""
import json
import re
import subprocess

from conftest import BROKEN, IR_JOB, ROOT, dev_reqlint

LSP_CLIENT = r'''
import json, subprocess, sys
def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
def read(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))
server = subprocess.Popen(["reqlint", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
uri = "file://" + sys.argv[1]
text = open(sys.argv[1]).read()
server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
server.stdin.flush()
while True:
    message = read(server.stdout)
    if message.get("id") == 1:
        break
server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
server.stdin.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}}))
server.stdin.flush()
while True:
    message = read(server.stdout)
    if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["diagnostics"]:
        print(json.dumps(message["params"]["diagnostics"]))
        break
server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}))
server.stdin.flush()
while True:
    message = read(server.stdout)
    if message.get("id") == 2:
        break
server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
server.stdin.close()
sys.exit(server.wait(timeout=30))
'''


def test_reqlint_is_the_installed_one_and_no_swift(installed):
    which = installed.run("sh", "-c", "command -v reqlint; command -v swift || echo no-swift; ls /opt/swift | wc -l; id -un; pwd")
    lines = which.stdout.split()
    assert lines[0] == str(installed.bin_dir / "reqlint"), which.stdout + which.stderr
    assert lines[1:] == ["no-swift", "0", "nobody", str(installed.home)]


def test_lint_on_the_corpus_gives_the_dev_builds_verdicts(installed):
    installed.copy_tree(ROOT / "corpus", "corpus")
    dev = subprocess.run([dev_reqlint(), "lint", "--format", "json", "corpus"], cwd=installed.home, capture_output=True, text=True)
    user = installed.run("reqlint", "lint", "--format", "json", "corpus")
    assert user.returncode == dev.returncode == 2, user.stderr
    assert json.loads(user.stdout) == json.loads(dev.stdout)
    assert len(json.loads(user.stdout)["files"]) > 100
    text = installed.run("reqlint", "lint", "corpus/sagemaker")
    assert re.search(r"^corpus/sagemaker/\S+\.json:\d+:\d+: error: .* \[enum\]$", text.stdout, re.M), text.stdout[:2000]


def test_explain_links_the_public_source(installed):
    result = installed.run("reqlint", "explain", "sagemaker/phase-initial-users")
    assert result.returncode == 0, result.stderr
    assert "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Phase.html" in result.stdout
    assert "The value should be between 1 and 3." in result.stdout
    assert "seeds" not in result.stdout


def test_language_server_initialize_diagnostic_shutdown(installed):
    document = installed.write("requests/ir-job.json", BROKEN)
    client = installed.write("lsp_client.py", LSP_CLIENT)
    result = installed.run("/usr/bin/python3", str(client), str(document))
    assert result.returncode == 0, result.stdout + result.stderr
    diagnostics = json.loads(result.stdout)
    enum = [d for d in diagnostics if d["code"] == "enum"][0]
    assert enum["range"]["start"] == {"line": 2, "character": 13}
    assert enum["codeDescription"]["href"] == "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceRecommendationsJob.html"


def test_send_dry_run_signs_without_the_toolchain(installed):
    installed.write("requests/ir-job.json", json.dumps(IR_JOB, indent=2))
    keys = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "AWS_REGION": "eu-west-1"}
    result = installed.run("reqlint", "send", "--dry-run", "requests/ir-job.json", env=keys)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sagemaker:CreateInferenceRecommendationsJob to https://api.sagemaker.eu-west-1.amazonaws.com" in result.stdout
    assert "\nPOST / HTTP/1.1\n" in result.stdout, result.stdout
    assert "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" in result.stdout
    assert "X-Amz-Target: SageMaker.CreateInferenceRecommendationsJob" in result.stdout
    assert "wJalrXUtnFEMI" not in result.stdout + result.stderr
    broken = installed.write("requests/broken.json", BROKEN)
    refused = installed.run("reqlint", "send", "--dry-run", str(broken), env=keys)
    assert refused.returncode == 1 and "Authorization" not in refused.stdout


def test_version_and_provenance(installed):
    version = (ROOT / "Sources/ReqLintCore/BuildInfo.swift").read_text()
    version = re.search(r'public static let version = "(.*)"', version).group(1)
    short = installed.run("reqlint", "--version")
    # The version first, then the model each operation is checked against (issue 15).
    assert short.stdout.splitlines()[0] == version, short.stdout + short.stderr
    assert "sagemaker:CreateInferenceExperiment: botocore" in short.stdout, short.stdout
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    for args in [("reqlint", "version"), ("reqlint", "--version", "--verbose")]:
        long = installed.run(*args)
        assert long.returncode == 0, long.stderr
        assert long.stdout.startswith(f"reqlint {version}\ncommit: {head}"), long.stdout
        bootstrap = (ROOT / "scripts/bootstrap").read_text()
        pin = re.search(r"'botocore==([0-9.]+)'", bootstrap).group(1)
        for pack in sorted((ROOT / "rules").glob("*/*.json")):
            if pack.name.endswith(".overlay.json"):
                continue
            data = json.loads(pack.read_text())
            provenance = data["provenance"]
            assert provenance["botocore"] == pin, f"{pack.name} was imported from botocore {provenance['botocore']}, bootstrap pins {pin}"
            line = (f"  {data['operation']['id']}: service {data['service']['name']}, API version {data['service']['apiVersion']}, "
                    f"botocore {pin} ({provenance['model']}, {provenance['date']}), bundled, sha256 {provenance['sha256']}")
            assert line in long.stdout.splitlines(), long.stdout
    if installed.kind == "wheel":
        module = installed.run(str(installed.bin_dir / "python"), "-m", "reqlint", "--version")
        assert module.stdout.splitlines()[0] == version, module.stdout + module.stderr
