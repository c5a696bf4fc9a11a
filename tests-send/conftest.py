"""Shared fixtures for the `reqlint send` end-to-end tests: the binary, request documents,
a runner that checks no secret is ever printed, and a botocore-verifying loopback stub."""

import json
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RECOMMENDATIONS_JOB = {
    "JobName": "churn-load-test",
    "JobType": "Advanced",
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerInferenceRecommenderRole",
    "InputConfig": {
        "ModelPackageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgboost/3",
        "JobDurationInSeconds": 1800,
        "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge"}, {"InstanceType": "ml.m5.large"}],
    },
    "Tags": [{"Key": "team", "Value": "ml"}],
}

EXPERIMENT = {
    "Name": "churn-shadow",
    "Type": "ShadowMode",
    "Schedule": {"StartTime": "2026-12-01T10:00:00Z", "EndTime": "2026-12-08T12:30:00+02:00"},
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerShadowTestRole",
    "EndpointName": "churn-prod-endpoint",
    "ModelVariants": [
        {"ModelName": "m3", "VariantName": "prod", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
         "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2}}},
        {"ModelName": "m4", "VariantName": "shadow", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
         "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}}},
    ],
    "ShadowModeConfig": {"SourceModelVariantName": "prod",
                         "ShadowModelVariants": [{"ShadowModelVariantName": "shadow", "SamplingPercentage": 50}]},
}

INFERENCE_JOB = {
    "membershipIdentifier": "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f",
    "name": "churn-inference",
    "trainedModelArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model/8d6c9f1e-2b3a-4c5d-9e8f-0a1b2c3d4e5f",
    "resourceConfig": {"instanceType": "ml.m5.xlarge", "instanceCount": 1},
    "outputConfiguration": {"members": [{"accountId": "210987654321"}]},
    "dataSource": {"mlInputChannelArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/ml-input-channel/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"},
    "tags": {"team": "clean-rooms"},
}


@pytest.fixture(scope="session")
def reqlint():
    path = Path(os.environ.get("REQLINT_BIN", ".build/debug/reqlint"))
    if not path.is_absolute():
        path = ROOT / path
    if not os.access(path, os.X_OK):
        pytest.fail(f"the reqlint binary {path} is not built (swift build, or set REQLINT_BIN)")
    return str(path)


@pytest.fixture
def documents(tmp_path):
    """Writes the request documents into a folder and returns it."""
    (tmp_path / "ir.json").write_text(json.dumps(RECOMMENDATIONS_JOB, indent=2) + "\n")
    (tmp_path / "shadow.json").write_text(json.dumps(EXPERIMENT, indent=2) + "\n")
    (tmp_path / "crml.json").write_text(json.dumps(INFERENCE_JOB, indent=2) + "\n")
    dirty = dict(RECOMMENDATIONS_JOB, JobType="advanced")
    (tmp_path / "dirty.json").write_text(json.dumps(dirty, indent=2) + "\n")
    (tmp_path / "dirty.yaml").write_text("JobName: x\nJobType: Sometimes\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n")
    (tmp_path / "home").mkdir()
    return tmp_path


class Runner:
    """Runs `reqlint send` with a clean environment and checks that no secret is printed."""

    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder
        self.secrets = []

    def base_env(self):
        home = self.folder / "home"
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "AWS_CONFIG_FILE": str(home / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
            "AWS_REGION": "us-east-1",
            "NO_COLOR": "1",
        }

    def __call__(self, *args, env=None, secrets=()):
        environment = self.base_env()
        environment.update(env or {})
        result = subprocess.run([self.binary, "send", *args], cwd=self.folder, env=environment,
                                capture_output=True, text=True, timeout=120)
        for secret in list(self.secrets) + list(secrets):
            assert secret not in result.stdout, f"a secret was printed on standard output:\n{result.stdout}"
            assert secret not in result.stderr, f"a secret was printed on standard error:\n{result.stderr}"
        return result


@pytest.fixture
def send(reqlint, documents):
    return Runner(reqlint, documents)


class VerifyingStub:
    """A loopback HTTP server that checks each request's SigV4 signature with botocore
    (botocore.auth.SigV4Auth, from the known secrets), counts requests and answers from a script."""

    def __init__(self, secrets, tls=None):
        """`tls`: an ssl.SSLContext to serve https with (the URL is then https://)."""
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        self.secrets = secrets  # access key id -> (secret, token)
        self.requests = []
        self.replies = []  # callables (index, request) -> (status, headers, body) or None
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                record = {"method": "POST", "path": self.path, "headers": dict(self.headers.items()), "body": body}
                record["signature_ok"] = stub.verify(self.command, self.path, self.headers, body, SigV4Auth, AWSRequest, Credentials)
                stub.requests.append(record)
                index = len(stub.requests)
                if not record["signature_ok"]:
                    reply = (403, {"Content-Type": "application/json"},
                             json.dumps({"__type": "InvalidSignatureException", "message": "botocore computes a different signature"}))
                elif stub.replies:
                    reply = stub.replies[min(index, len(stub.replies)) - 1](index, record)
                else:
                    reply = (200, {"Content-Type": "application/json"}, "{}")
                status, headers, text = reply
                data = text.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 1
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def verify(self, method, path, headers, body, SigV4Auth, AWSRequest, Credentials):
        authorization = headers.get("Authorization", "")
        if not authorization.startswith("AWS4-HMAC-SHA256 "):
            return False
        parts = dict(item.strip().split("=", 1) for item in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
        key, date, region, service, _ = parts["Credential"].split("/")
        if key not in self.secrets:
            return False
        secret, token = self.secrets[key]
        signed = parts["SignedHeaders"].split(";")
        request = AWSRequest(method=method, url=f"http://{headers['Host']}{path}", data=body,
                             headers={name: headers[name] for name in headers.keys() if name.lower() in signed})
        request.context["timestamp"] = headers["X-Amz-Date"]
        auth = SigV4Auth(Credentials(key, secret, token), service, region)
        canonical = auth.canonical_request(request)
        expected = auth.signature(auth.string_to_sign(request, canonical), request)
        return expected == parts["Signature"]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub():
    pytest.importorskip("botocore.auth", reason="botocore is not installed (tests-send/run.sh installs it with moto)")
    server = VerifyingStub({"AKIDEXAMPLE": ("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE-stub-token-0123456789")})
    yield server
    server.stop()
