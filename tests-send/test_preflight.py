"""`reqlint preflight` (and `send --preflight`) against real peers.

moto's server answers IAM, S3, KMS, EC2 and the SageMaker Describe calls it implements
(DescribeModel, DescribeEndpoint, DescribeModelPackage), with resources created through boto3
for each case. A loopback peer in front of it verifies every request's SigV4 signature with
botocore, records it, answers what moto lacks (SageMaker DescribeInferenceRecommendationsJob and
DescribeInferenceExperiment, Clean Rooms GetMembership, Clean Rooms ML Get*) from fixtures in the
services' documented shapes, can deny or throttle chosen actions, and forwards the rest to moto
unchanged.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("moto.server", reason="moto[server] could not be installed (tests-send/run.sh installs it)")
boto3 = pytest.importorskip("boto3", reason="boto3 could not be installed")

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "123456789012"
KEY, SECRET, TOKEN = "AKIDPREFLIGHT", "preflight/secret/key/EXAMPLE0123456789", "preflight-session-token-EXAMPLE-0123456789"
MEMBERSHIP = "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f"
TRAINED_MODEL = f"arn:aws:cleanrooms-ml:us-east-1:{ACCOUNT}:membership/{MEMBERSHIP}/trained-model/8d6c9f1e-2b3a-4c5d-9e8f-0a1b2c3d4e5f"
CHANNEL = f"arn:aws:cleanrooms-ml:us-east-1:{ACCOUNT}:membership/{MEMBERSHIP}/ml-input-channel/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"
ASSOCIATION = f"arn:aws:cleanrooms-ml:us-east-1:{ACCOUNT}:membership/{MEMBERSHIP}/configured-model-algorithm-association/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"

TRUST_SAGEMAKER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
TRUST_EC2 = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class Moto:
    def __init__(self, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, MOTO_ACCOUNT_ID=ACCOUNT)
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "INITIAL_NO_AUTH_ACTION_COUNT"):
            env.pop(name, None)
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto's server did not start")

    def client(self, service):
        return boto3.client(service, endpoint_url=self.url, region_name="us-east-1", aws_access_key_id="setup",
                            aws_secret_access_key="setup")

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST", data=b""), timeout=10).read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Peer:
    """The loopback peer reqlint talks to (see the module's documentation)."""

    def __init__(self, moto_url):
        from botocore.auth import S3SigV4Auth, SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        self.moto_url = moto_url
        self.requests = []
        self.fixtures = {}  # action -> (status, body) or callable(record) -> (status, body)
        self.deny = set()  # actions answered AccessDenied
        self.throttle = {}  # action -> how many times to throttle first
        peer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                record = {"method": self.command, "path": self.path, "headers": dict(self.headers.items()), "body": body}
                record["action"] = peer.action_of(record)
                record["signature_ok"] = peer.verify(record, SigV4Auth, S3SigV4Auth, AWSRequest, Credentials)
                peer.requests.append(record)
                status, headers, data = peer.answer(record)
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def service_of(record):
        auth = record["headers"].get("Authorization", "")
        try:
            return auth.split("Credential=")[1].split(",")[0].split("/")[3]
        except IndexError:
            return "?"

    def action_of(self, record):
        service = self.service_of(record)
        target = record["headers"].get("X-Amz-Target")
        if target:
            return f"{service}:{target.split('.')[-1]}"
        if record["method"] == "POST" and record["body"].startswith(b"Action="):
            form = urllib.parse.parse_qs(record["body"].decode())
            return f"{service}:{form['Action'][0]}"
        path = urllib.parse.unquote(record["path"].split("?")[0])
        if service == "s3":
            return "s3:HeadObject" if record["method"] == "HEAD" and path.count("/") > 1 else f"s3:{record['method']}Bucket"
        if service == "cleanrooms" and record["method"] == "GET" and path.startswith("/memberships/") and path.count("/") == 2:
            return "cleanrooms:GetMembership"
        if service == "cleanrooms-ml" and record["method"] == "GET":
            for part, name in (("/trained-models/", "GetTrainedModel"), ("/ml-input-channels/", "GetMLInputChannel"),
                               ("/configured-model-algorithm-associations/", "GetConfiguredModelAlgorithmAssociation")):
                if part in path:
                    return f"cleanrooms-ml:{name}"
        return f"{service}:{record['method']} {path}"

    def verify(self, record, SigV4Auth, S3SigV4Auth, AWSRequest, Credentials):
        headers = record["headers"]
        authorization = headers.get("Authorization", "")
        if not authorization.startswith("AWS4-HMAC-SHA256 "):
            return False
        parts = dict(item.strip().split("=", 1) for item in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
        key, date, region, service, _ = parts["Credential"].split("/")
        if key != KEY:
            return False
        signed = parts["SignedHeaders"].split(";")
        request = AWSRequest(method=record["method"], url=f"http://{headers['Host']}{record['path']}", data=record["body"],
                             headers={name: headers[name] for name in headers.keys() if name.lower() in signed})
        request.context["timestamp"] = headers["X-Amz-Date"]
        auth = (S3SigV4Auth if service == "s3" else SigV4Auth)(Credentials(KEY, SECRET, TOKEN), service, region)
        canonical = auth.canonical_request(request)
        return auth.signature(auth.string_to_sign(request, canonical), request) == parts["Signature"]

    def answer(self, record):
        action = record["action"]
        if not record["signature_ok"]:
            return 403, {"Content-Type": "application/json"}, b'{"__type":"InvalidSignatureException","message":"botocore computes a different signature"}'
        if self.throttle.get(action, 0) > 0:
            self.throttle[action] -= 1
            return 400, {"Content-Type": "application/x-amz-json-1.1"}, b'{"__type":"ThrottlingException","message":"Rate exceeded"}'
        if action in self.deny:
            service = action.split(":")[0]
            if service in ("iam", "ec2"):
                code = "UnauthorizedOperation" if service == "ec2" else "AccessDenied"
                body = f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: {action}</Message></Error></ErrorResponse>"
                return 403, {"Content-Type": "text/xml"}, body.encode()
            if service == "s3":
                return 403, {}, b""
            body = {"__type": "AccessDeniedException", "message": f"User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: {action}"}
            return 403, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(body).encode()
        if action in self.fixtures:
            fixture = self.fixtures[action]
            status, body = fixture(record) if callable(fixture) else fixture
            return status, {"Content-Type": "application/json", "x-amzn-RequestId": "fixture"}, json.dumps(body).encode()
        # Forward to moto unchanged.
        request = urllib.request.Request(self.moto_url + record["path"], data=record["body"] if record["method"] != "HEAD" and record["method"] != "GET" else None,
                                         method=record["method"],
                                         headers={k: v for k, v in record["headers"].items() if k.lower() not in ("host", "content-length", "connection")})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers.items()), error.read()

    def actions(self):
        return [r["action"] for r in self.requests]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


NOT_FOUND_JOB = (400, {"__type": "ResourceNotFound", "message": "Inference recommendations job not found"})
NOT_FOUND_EXPERIMENT = (400, {"__type": "ResourceNotFound", "message": "Inference experiment not found"})


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = Moto(tmp_path_factory.mktemp("moto") / "moto.log")
    yield server
    server.stop()


@pytest.fixture
def peer(moto):
    moto.reset()
    server = Peer(moto.url)
    # The names are free unless a test says otherwise.
    server.fixtures["sagemaker:DescribeInferenceRecommendationsJob"] = NOT_FOUND_JOB
    server.fixtures["sagemaker:DescribeInferenceExperiment"] = NOT_FOUND_EXPERIMENT
    yield server
    server.stop()


@pytest.fixture(scope="session")
def reqlint():
    path = Path(os.environ.get("REQLINT_BIN", ".build/debug/reqlint"))
    if not path.is_absolute():
        path = ROOT / path
    if not os.access(path, os.X_OK):
        pytest.fail(f"the reqlint binary {path} is not built")
    return str(path)


class Run:
    def __init__(self, binary, folder, peer):
        self.binary, self.folder, self.peer = binary, folder, peer
        (folder / "home").mkdir(exist_ok=True)

    def __call__(self, *args, command="preflight", env=None):
        home = self.folder / "home"
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "AWS_CONFIG_FILE": str(home / "config"),
                       "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"), "AWS_REGION": "us-east-1", "NO_COLOR": "1",
                       "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_SESSION_TOKEN": TOKEN,
                       "AWS_ENDPOINT_URL": self.peer.url}
        environment.update(env or {})
        result = subprocess.run([self.binary, command, *args], cwd=self.folder, env=environment, capture_output=True, text=True, timeout=180)
        for secret in (SECRET, TOKEN):
            assert secret not in result.stdout + result.stderr
        assert all(r["signature_ok"] for r in self.peer.requests), [r["action"] for r in self.peer.requests if not r["signature_ok"]]
        return result

    def write(self, name, document):
        (self.folder / name).write_text(json.dumps(document, indent=2) + "\n")
        return name


@pytest.fixture
def run(reqlint, tmp_path, peer):
    return Run(reqlint, tmp_path, peer)


def findings(result):
    report = json.loads(result.stdout)
    return [(d["rule"], d["pointer"], d["message"]) for f in report["files"] for d in f["diagnostics"]]


def located(result):
    report = json.loads(result.stdout)
    return {(d["rule"], d["pointer"]): d for f in report["files"] for d in f["diagnostics"]}


# Resources --------------------------------------------------------------------------------

def make_role(moto, name="SageMakerRole", trust=TRUST_SAGEMAKER):
    return moto.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]


def make_endpoint(moto, name="churn-prod-endpoint", variants=("prod",)):
    sm = moto.client("sagemaker")
    for variant in variants:
        sm.create_model(ModelName=f"model-{variant}", ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/SageMakerRole",
                        PrimaryContainer={"Image": "123.dkr.ecr.us-east-1.amazonaws.com/x:1"})
    sm.create_endpoint_config(EndpointConfigName=f"{name}-config", ProductionVariants=[
        {"VariantName": v, "ModelName": f"model-{v}", "InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 1} for v in variants])
    sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-config")


def experiment(role_arn, **changes):
    document = {
        "Name": "churn-shadow", "Type": "ShadowMode", "RoleArn": role_arn, "EndpointName": "churn-prod-endpoint",
        "ModelVariants": [
            {"ModelName": "model-prod", "VariantName": "prod", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
             "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}}},
            {"ModelName": "model-shadow", "VariantName": "shadow", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
             "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}}}],
        "ShadowModeConfig": {"SourceModelVariantName": "prod",
                             "ShadowModelVariants": [{"ShadowModelVariantName": "shadow", "SamplingPercentage": 50}]},
        "DataStorageConfig": {"Destination": "s3://shadow-capture/data"},
    }
    document.update(changes)
    return document


def make_experiment_world(moto, kms_state="Enabled"):
    role = make_role(moto)
    make_endpoint(moto)
    moto.client("sagemaker").create_model(ModelName="model-shadow", ExecutionRoleArn=role,
                                          PrimaryContainer={"Image": "123.dkr.ecr.us-east-1.amazonaws.com/x:1"})
    moto.client("s3").create_bucket(Bucket="shadow-capture")
    kms = moto.client("kms")
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    if kms_state == "Disabled":
        kms.disable_key(KeyId=key)
    return role, key


# CreateInferenceExperiment ----------------------------------------------------------------

def test_experiment_clean_against_moto(run, moto, peer):
    role, key = make_experiment_world(moto)
    name = run.write("shadow.json", experiment(role, KmsKey=key))
    result = run("--format", "json", name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []
    assert sorted(set(peer.actions())) == ["iam:GetRole", "kms:DescribeKey", "s3:HEADBucket", "sagemaker:DescribeEndpoint",
                                           "sagemaker:DescribeInferenceExperiment", "sagemaker:DescribeModel"]
    # One GetRole, one DescribeEndpoint, one DescribeKey, though several checks use each.
    assert peer.actions().count("iam:GetRole") == 1
    assert peer.actions().count("sagemaker:DescribeEndpoint") == 1
    assert peer.actions().count("kms:DescribeKey") == 1


def test_experiment_every_reference_missing(run, moto, peer):
    name = run.write("shadow.json", experiment(f"arn:aws:iam::{ACCOUNT}:role/NoSuchRole",
                                               KmsKey="arn:aws:kms:us-east-1:123456789012:key/0b3a2e8c-0000-4000-8000-000000000000"))
    result = run("--format", "json", name)
    assert result.returncode == 1, result.stdout + result.stderr
    got = located(result)
    assert set(got) == {("preflight/role-exists", "/RoleArn"), ("preflight/endpoint-exists", "/EndpointName"),
                        ("preflight/model-exists", "/ModelVariants/0/ModelName"), ("preflight/model-exists", "/ModelVariants/1/ModelName"),
                        ("preflight/bucket-exists", "/DataStorageConfig/Destination"), ("preflight/kms-key-exists", "/KmsKey")}
    role = got[("preflight/role-exists", "/RoleArn")]
    assert "NoSuchEntity" in role["message"] and role["severity"] == "error"
    # Exact positions: the value that names the resource (line 5 of the indented document).
    text = (run.folder / name).read_text().splitlines()
    line = next(i for i, l in enumerate(text, 1) if '"RoleArn"' in l)
    assert (role["line"], role["column"]) == (line, text[line - 1].index('"arn:') + 1)
    assert (role["endLine"], role["endColumn"]) == (line, len(text[line - 1].rstrip(",")) + 1)
    assert "Could not find" in got[("preflight/model-exists", "/ModelVariants/1/ModelName")]["message"]


def test_experiment_wrong_states(run, moto, peer):
    role = make_role(moto, trust=TRUST_EC2)
    make_endpoint(moto, variants=("blue",))
    moto.client("sagemaker").create_model(ModelName="model-prod", ExecutionRoleArn=role, PrimaryContainer={"Image": "x"})
    moto.client("sagemaker").create_model(ModelName="model-shadow", ExecutionRoleArn=role, PrimaryContainer={"Image": "x"})
    moto.client("s3").create_bucket(Bucket="shadow-capture")
    kms = moto.client("kms")
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=key)
    peer.fixtures["sagemaker:DescribeInferenceExperiment"] = (200, {"Name": "churn-shadow", "Status": "Running",
                                                                    "Arn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:inference-experiment/churn-shadow"})
    name = run.write("shadow.json", experiment(role, KmsKey=key))
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = located(result)
    assert set(got) == {("preflight/name-available", "/Name"), ("preflight/role-trust", "/RoleArn"),
                        ("preflight/production-variant", "/ShadowModeConfig/SourceModelVariantName"),
                        ("preflight/kms-key-enabled", "/KmsKey")}
    assert "its production variants are blue" in got[("preflight/production-variant", "/ShadowModeConfig/SourceModelVariantName")]["message"]
    related = got[("preflight/production-variant", "/ShadowModeConfig/SourceModelVariantName")]["related"]
    assert related and related[0]["pointer"] == "/EndpointName"
    assert "Disabled" in got[("preflight/kms-key-enabled", "/KmsKey")]["message"]
    assert "sagemaker.amazonaws.com" in got[("preflight/role-trust", "/RoleArn")]["message"]


def test_experiment_endpoint_not_in_service(run, moto, peer):
    role, key = make_experiment_world(moto)
    peer.fixtures["sagemaker:DescribeEndpoint"] = (200, {"EndpointName": "churn-prod-endpoint", "EndpointStatus": "Updating",
                                                         "ProductionVariants": [{"VariantName": "prod"}]})
    name = run.write("shadow.json", experiment(role))
    result = run("--format", "json", name)
    assert result.returncode == 1
    assert [(r, p) for r, p, _ in findings(result)] == [("preflight/endpoint-in-service", "/EndpointName")]
    assert "is Updating, not InService" in findings(result)[0][2]


def test_experiment_permission_denied_is_not_checked(run, moto, peer):
    role, key = make_experiment_world(moto)
    peer.deny |= {"iam:GetRole", "sagemaker:DescribeEndpoint", "s3:HEADBucket", "kms:DescribeKey", "sagemaker:DescribeModel",
                  "sagemaker:DescribeInferenceExperiment"}
    name = run.write("shadow.json", experiment(role, KmsKey=key))
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = findings(result)
    assert {r for r, _, _ in got} == {"preflight/not-checked"}
    by_pointer = {p: m for _, p, m in got}
    assert set(by_pointer) == {"/Name", "/RoleArn", "/EndpointName", "/ShadowModeConfig/SourceModelVariantName", "/ModelVariants/0/ModelName",
                               "/ModelVariants/1/ModelName", "/DataStorageConfig/Destination", "/KmsKey"}
    assert "allow iam:GetRole" in by_pointer["/RoleArn"]
    assert "allow s3:ListBucket" in by_pointer["/DataStorageConfig/Destination"]
    assert "allow sagemaker:DescribeEndpoint" in by_pointer["/EndpointName"]


def test_unreachable_service_is_not_checked(run, moto, peer):
    role, key = make_experiment_world(moto)
    name = run.write("shadow.json", experiment(role))
    closed = f"http://127.0.0.1:{free_port()}"
    result = run("--format", "json", name, env={"AWS_ENDPOINT_URL_IAM": closed, "AWS_MAX_ATTEMPTS": "1"})
    assert result.returncode == 1
    got = findings(result)
    assert [(r, p) for r, p, _ in got] == [("preflight/not-checked", "/RoleArn")]
    assert "could not be made" in got[0][2] and "iam:GetRole" in got[0][2]


def test_throttling_is_retried(run, moto, peer):
    role, key = make_experiment_world(moto)
    peer.throttle["iam:GetRole"] = 2
    name = run.write("shadow.json", experiment(role))
    result = run("--format", "json", name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peer.actions().count("iam:GetRole") == 3


# CreateInferenceRecommendationsJob -------------------------------------------------------

def recommendations(role_arn, package_arn, **input_changes):
    config = {"ModelPackageVersionArn": package_arn, "JobDurationInSeconds": 1800,
              "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge"}, {"InstanceType": "ml.m5.large"}]}
    config.update(input_changes)
    return {"JobName": "churn-load-test", "JobType": "Default", "RoleArn": role_arn, "InputConfig": config}


def make_package(moto, instance_types=("ml.c5.xlarge", "ml.m5.large"), domain="MACHINE_LEARNING", payload="s3://payloads/churn/sample.tar.gz"):
    sm = moto.client("sagemaker")
    sm.create_model_package_group(ModelPackageGroupName="churn")
    spec = {"Containers": [{"Image": "123.dkr.ecr.us-east-1.amazonaws.com/x:1", "Framework": "XGBOOST"}],
            "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"],
            "SupportedRealtimeInferenceInstanceTypes": list(instance_types)}
    arguments = {"ModelPackageGroupName": "churn", "InferenceSpecification": spec, "Task": "CLASSIFICATION"}
    if domain:
        arguments["Domain"] = domain
    if payload:
        arguments["SamplePayloadUrl"] = payload
    return sm.create_model_package(**arguments)["ModelPackageArn"]


def test_recommendations_clean_against_moto(run, moto, peer):
    role = make_role(moto)
    package = make_package(moto)
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="ir", Description="ir", VpcId=vpc)["GroupId"]
    moto.client("s3").create_bucket(Bucket="payloads")
    moto.client("s3").put_object(Bucket="payloads", Key="churn/sample.tar.gz", Body=b"x")
    key = moto.client("kms").create_key()["KeyMetadata"]["Arn"]
    document = recommendations(role, package, VolumeKmsKeyId=key, VpcConfig={"SecurityGroupIds": [group], "Subnets": [subnet]},
                               ContainerConfig={"PayloadConfig": {"SamplePayloadUrl": "s3://payloads/churn/sample.tar.gz"}})
    name = run.write("ir.json", document)
    result = run("--format", "json", name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []
    assert sorted(set(peer.actions())) == ["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "iam:GetRole", "kms:DescribeKey",
                                           "s3:HeadObject", "sagemaker:DescribeInferenceRecommendationsJob", "sagemaker:DescribeModelPackage"]
    assert peer.actions().count("sagemaker:DescribeModelPackage") == 1


def test_recommendations_missing_and_wrong(run, moto, peer):
    role = make_role(moto)
    package = make_package(moto, instance_types=("ml.c5.xlarge",), domain=None, payload=None)
    moto.client("s3").create_bucket(Bucket="payloads")
    key = moto.client("kms").create_key()["KeyMetadata"]["KeyId"]
    moto.client("kms").disable_key(KeyId=key)
    peer.fixtures["sagemaker:DescribeInferenceRecommendationsJob"] = (200, {"JobName": "churn-load-test", "Status": "COMPLETED"})
    document = recommendations(role, package, VolumeKmsKeyId=key, ModelName="no-such-model",
                               VpcConfig={"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123456789abcdef0"]},
                               ContainerConfig={"PayloadConfig": {"SamplePayloadUrl": "s3://payloads/missing.tar.gz"}},
                               Endpoints=[{"EndpointName": "no-such-endpoint"}])
    name = run.write("ir.json", document)
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = located(result)
    assert set(got) == {
        ("preflight/name-available", "/JobName"),
        ("preflight/instance-type-supported", "/InputConfig/EndpointConfigurations/1/InstanceType"),
        ("preflight/container-domain", "/InputConfig/ModelPackageVersionArn"),
        ("preflight/kms-key-enabled", "/InputConfig/VolumeKmsKeyId"),
        ("preflight/model-exists", "/InputConfig/ModelName"),
        ("preflight/endpoint-exists", "/InputConfig/Endpoints/0/EndpointName"),
        ("preflight/sample-payload-exists", "/InputConfig/ContainerConfig/PayloadConfig/SamplePayloadUrl"),
        ("preflight/subnet-exists", "/InputConfig/VpcConfig/Subnets/0"),
        ("preflight/security-group-exists", "/InputConfig/VpcConfig/SecurityGroupIds/0"),
    }, sorted(got)
    unsupported = got[("preflight/instance-type-supported", "/InputConfig/EndpointConfigurations/1/InstanceType")]
    assert "does not support ml.m5.large" in unsupported["message"] and "ml.c5.xlarge" in unsupported["message"]
    assert unsupported["related"][0]["pointer"] == "/InputConfig/ModelPackageVersionArn"


def test_recommendations_package_and_role_missing(run, moto, peer):
    document = recommendations(f"arn:aws:iam::{ACCOUNT}:role/Gone", f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:model-package/gone/1")
    name = run.write("ir.json", document)
    result = run("--format", "json", name)
    assert result.returncode == 1
    assert {(r, p) for r, p, _ in findings(result)} == {("preflight/role-exists", "/RoleArn"),
                                                        ("preflight/model-package-exists", "/InputConfig/ModelPackageVersionArn")}


def test_model_package_in_another_region(run, moto, peer):
    role = make_role(moto)
    make_package(moto)
    package = f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:model-package/churn/1"
    name = run.write("ir.json", recommendations(role, package))
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = findings(result)
    assert [(r, p) for r, p, _ in got] == [("preflight/model-package-region", "/InputConfig/ModelPackageVersionArn")]
    assert f"{package} is in eu-west-1, but the request runs in us-east-1" in got[0][2]
    assert "sagemaker:DescribeModelPackage" not in peer.actions()
    # In the request's region it is looked up.
    result = run("--format", "json", "--region", "eu-west-1", name)
    assert "sagemaker:DescribeModelPackage" in peer.actions()


def test_container_config_overrides_the_model_package(run, moto, peer):
    role = make_role(moto)
    package = make_package(moto, domain=None, payload=None)
    document = recommendations(role, package, ContainerConfig={"Domain": "MACHINE_LEARNING", "Task": "CLASSIFICATION", "Framework": "XGBOOST"})
    name = run.write("ir.json", document)
    result = run("--format", "json", name)
    # The domain comes from ContainerConfig; the sample payload from neither.
    assert [(r, p) for r, p, _ in findings(result)] == [("preflight/container-sample-payload", "/InputConfig/ModelPackageVersionArn")]


def test_recommendations_permission_denied(run, moto, peer):
    role = make_role(moto)
    package = make_package(moto)
    peer.deny |= {"ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "s3:HeadObject", "sagemaker:DescribeModelPackage", "iam:GetRole",
                  "kms:DescribeKey", "sagemaker:DescribeModel", "sagemaker:DescribeEndpoint", "sagemaker:DescribeInferenceRecommendationsJob"}
    document = recommendations(role, package, VpcConfig={"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-1"]},
                               ContainerConfig={"PayloadConfig": {"SamplePayloadUrl": "s3://payloads/x.tar.gz"}}, ModelName="m",
                               Endpoints=[{"EndpointName": "e"}], VolumeKmsKeyId="alias/ml")
    name = run.write("ir.json", document)
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = {(r, p): m for r, p, m in findings(result)}
    assert {r for r, _ in got} == {"preflight/not-checked"}
    expected = {"/JobName": "sagemaker:DescribeInferenceRecommendationsJob", "/RoleArn": "iam:GetRole",
                "/InputConfig/ModelPackageVersionArn": "sagemaker:DescribeModelPackage",
                "/InputConfig/EndpointConfigurations/0/InstanceType": "sagemaker:DescribeModelPackage",
                "/InputConfig/EndpointConfigurations/1/InstanceType": "sagemaker:DescribeModelPackage",
                "/InputConfig/ModelName": "sagemaker:DescribeModel", "/InputConfig/Endpoints/0/EndpointName": "sagemaker:DescribeEndpoint",
                "/InputConfig/VolumeKmsKeyId": "kms:DescribeKey", "/InputConfig/ContainerConfig/PayloadConfig/SamplePayloadUrl": "s3:GetObject",
                "/InputConfig/VpcConfig/Subnets/0": "ec2:DescribeSubnets", "/InputConfig/VpcConfig/SecurityGroupIds/0": "ec2:DescribeSecurityGroups"}
    assert {p for _, p in got} == set(expected)
    for pointer, action in expected.items():
        assert f"allow {action}" in got[("preflight/not-checked", pointer)], (pointer, got[("preflight/not-checked", pointer)])


def test_model_package_gives_nothing_the_container_config_must(run, moto, peer):
    role = make_role(moto)
    package = f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:model-package/bare/1"
    peer.fixtures["sagemaker:DescribeModelPackage"] = (200, {"ModelPackageName": "bare", "ModelPackageArn": package,
        "InferenceSpecification": {"Containers": [{"Image": "x"}], "SupportedRealtimeInferenceInstanceTypes": ["ml.c5.xlarge", "ml.m5.large"]}})
    name = run.write("ir.json", recommendations(role, package))
    result = run("--format", "json", name)
    assert result.returncode == 1
    assert sorted(r for r, p, _ in findings(result) if p == "/InputConfig/ModelPackageVersionArn") == [
        "preflight/container-domain", "preflight/container-framework", "preflight/container-sample-payload", "preflight/container-task"]
    name = run.write("ir2.json", recommendations(role, package, ContainerConfig={
        "Domain": "MACHINE_LEARNING", "Task": "CLASSIFICATION", "Framework": "XGBOOST",
        "PayloadConfig": {"SamplePayloadUrl": "s3://payloads/churn/sample.tar.gz"}}))
    moto.client("s3").create_bucket(Bucket="payloads")
    moto.client("s3").put_object(Bucket="payloads", Key="churn/sample.tar.gz", Body=b"x")
    result = run("--format", "json", name)
    assert result.returncode == 0, result.stdout + result.stderr


# StartTrainedModelInferenceJob (stub fixtures) ---------------------------------------------

def inference_job(**changes):
    document = {"membershipIdentifier": MEMBERSHIP, "name": "churn-inference", "trainedModelArn": TRAINED_MODEL,
                "configuredModelAlgorithmAssociationArn": ASSOCIATION,
                "resourceConfig": {"instanceType": "ml.m5.xlarge", "instanceCount": 1},
                "outputConfiguration": {"members": [{"accountId": "210987654321"}]},
                "dataSource": {"mlInputChannelArn": CHANNEL}}
    document.update(changes)
    return document


def clean_rooms_fixtures(peer, membership="ACTIVE", model="ACTIVE", channel="ACTIVE"):
    peer.fixtures["cleanrooms:GetMembership"] = (200, {"membership": {"id": MEMBERSHIP, "arn": f"arn:aws:cleanrooms:us-east-1:{ACCOUNT}:membership/{MEMBERSHIP}",
                                                                      "status": membership}})
    peer.fixtures["cleanrooms-ml:GetTrainedModel"] = (200, {"trainedModelArn": TRAINED_MODEL, "membershipIdentifier": MEMBERSHIP,
                                                            "name": "churn", "status": model})
    peer.fixtures["cleanrooms-ml:GetConfiguredModelAlgorithmAssociation"] = (200, {"configuredModelAlgorithmAssociationArn": ASSOCIATION,
                                                                                   "membershipIdentifier": MEMBERSHIP, "name": "a"})
    peer.fixtures["cleanrooms-ml:GetMLInputChannel"] = (200, {"mlInputChannelArn": CHANNEL, "membershipIdentifier": MEMBERSHIP,
                                                              "name": "c", "status": channel})


def test_inference_job_clean(run, moto, peer):
    clean_rooms_fixtures(peer)
    key = moto.client("kms").create_key()["KeyMetadata"]["Arn"]
    name = run.write("crml.json", inference_job(kmsKeyArn=key))
    result = run("--format", "json", name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []
    paths = {r["action"]: urllib.parse.unquote(r["path"]) for r in peer.requests}
    assert paths["cleanrooms:GetMembership"] == f"/memberships/{MEMBERSHIP}"
    assert paths["cleanrooms-ml:GetTrainedModel"] == f"/memberships/{MEMBERSHIP}/trained-models/{TRAINED_MODEL}"
    assert paths["cleanrooms-ml:GetMLInputChannel"] == f"/memberships/{MEMBERSHIP}/ml-input-channels/{CHANNEL}"


def test_inference_job_wrong_states(run, moto, peer):
    clean_rooms_fixtures(peer, membership="REMOVED", model="CREATE_IN_PROGRESS", channel="INACTIVE")
    name = run.write("crml.json", inference_job())
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = {(r, p): m for r, p, m in findings(result)}
    assert set(got) == {("preflight/membership-active", "/membershipIdentifier"), ("preflight/trained-model-active", "/trainedModelArn"),
                        ("preflight/ml-input-channel-active", "/dataSource/mlInputChannelArn")}
    assert "is REMOVED, not ACTIVE" in got[("preflight/membership-active", "/membershipIdentifier")]


def test_inference_job_missing(run, moto, peer):
    missing = (404, {"__type": "ResourceNotFoundException", "message": "not found"})
    for action in ("cleanrooms:GetMembership", "cleanrooms-ml:GetTrainedModel", "cleanrooms-ml:GetConfiguredModelAlgorithmAssociation",
                   "cleanrooms-ml:GetMLInputChannel"):
        peer.fixtures[action] = missing
    name = run.write("crml.json", inference_job(kmsKeyArn="arn:aws:kms:us-east-1:123456789012:key/0b3a2e8c-0000-4000-8000-000000000000"))
    result = run("--format", "json", name)
    assert result.returncode == 1
    assert {(r, p) for r, p, _ in findings(result)} == {
        ("preflight/membership-exists", "/membershipIdentifier"), ("preflight/trained-model-exists", "/trainedModelArn"),
        ("preflight/algorithm-association-exists", "/configuredModelAlgorithmAssociationArn"),
        ("preflight/ml-input-channel-exists", "/dataSource/mlInputChannelArn"), ("preflight/kms-key-exists", "/kmsKeyArn")}


def test_inference_job_denied(run, moto, peer):
    clean_rooms_fixtures(peer)
    peer.deny |= {"cleanrooms:GetMembership", "cleanrooms-ml:GetTrainedModel", "cleanrooms-ml:GetConfiguredModelAlgorithmAssociation",
                  "cleanrooms-ml:GetMLInputChannel", "kms:DescribeKey"}
    name = run.write("crml.json", inference_job(kmsKeyArn="arn:aws:kms:us-east-1:123456789012:key/0b3a2e8c-0000-4000-8000-000000000000"))
    result = run("--format", "json", name)
    assert result.returncode == 1
    got = {(r, p): m for r, p, m in findings(result)}
    assert set(got) == {("preflight/not-checked", p) for p in ("/membershipIdentifier", "/trainedModelArn", "/configuredModelAlgorithmAssociationArn",
                                                               "/dataSource/mlInputChannelArn", "/kmsKeyArn")}
    assert "allow cleanrooms-ml:GetMLInputChannel" in got[("preflight/not-checked", "/dataSource/mlInputChannelArn")]
    assert "allow cleanrooms:GetMembership" in got[("preflight/not-checked", "/membershipIdentifier")]


# Across files, the policy, send --preflight, read-only ------------------------------------

def test_results_are_shared_across_files(run, moto, peer):
    role, key = make_experiment_world(moto)
    names = [run.write(f"shadow{i}.json", experiment(role, Name=f"shadow-{i}")) for i in range(10)]
    result = run("--format", "json", *names)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peer.actions().count("iam:GetRole") == 1
    assert peer.actions().count("sagemaker:DescribeInferenceExperiment") == 10


def test_text_output_and_configuration(run, moto, peer):
    name = run.write("shadow.json", experiment(f"arn:aws:iam::{ACCOUNT}:role/NoSuchRole"))
    (run.folder / ".reqlint.yaml").write_text("version: 1\nrules:\n  preflight/endpoint-exists: warning\n  preflight/model-exists: off\n"
                                              "suppressions:\n  - files: \"shadow.json\"\n    rule: preflight/bucket-exists\n    reason: created by the pipeline\n")
    result = run(name)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "shadow.json:4:14: error: " in result.stdout and "[preflight/role-exists]" in result.stdout
    assert "warning:" in result.stdout and "[preflight/endpoint-exists]" in result.stdout
    assert "preflight/model-exists" not in result.stdout and "preflight/bucket-exists" not in result.stdout


def test_dirty_documents_are_not_checked(run, peer):
    name = run.write("dirty.json", {"Name": "x", "Type": "Shadow"})
    result = run(name)
    assert result.returncode == 1
    assert peer.requests == []


def test_print_policy_names_every_action_and_calls_nothing(run, peer):
    name = run.write("crml.json", inference_job())
    result = run("--print-policy", name)
    assert result.returncode == 0, result.stderr
    policy = json.loads(result.stdout)
    assert policy["Statement"][0]["Action"] == ["cleanrooms-ml:GetConfiguredModelAlgorithmAssociation", "cleanrooms-ml:GetMLInputChannel",
                                                "cleanrooms-ml:GetTrainedModel", "cleanrooms:GetMembership", "kms:DescribeKey"]
    everything = json.loads(run("--print-policy").stdout)["Statement"][0]["Action"]
    assert "iam:GetRole" in everything and "s3:GetObject" in everything and len(everything) == 15
    assert all(a.split(":")[1].startswith(("Describe", "Get", "List")) for a in everything)
    assert peer.requests == []


def test_send_preflight_blocks_and_passes(run, moto, peer):
    role, key = make_experiment_world(moto)
    bad = run.write("bad.json", experiment(f"arn:aws:iam::{ACCOUNT}:role/NoSuchRole"))
    result = run("--preflight", "--endpoint-url", peer.url, bad, command="send")
    assert result.returncode == 1
    assert "[preflight/role-exists]" in result.stdout and "nothing was sent" in result.stderr
    assert "sagemaker:CreateInferenceExperiment" not in peer.actions()
    peer.fixtures["sagemaker:CreateInferenceExperiment"] = (200, {"InferenceExperimentArn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:inference-experiment/x"})
    good = run.write("good.json", experiment(role))
    result = run("--preflight", "--endpoint-url", peer.url, good, command="send")
    assert result.returncode == 0, result.stdout + result.stderr
    assert peer.actions()[-1] == "sagemaker:CreateInferenceExperiment"


def test_a_run_over_the_corpus_is_read_only(run, moto, peer):
    clean_rooms_fixtures(peer)
    make_experiment_world(moto)
    result = run("--format", "json", str(ROOT / "corpus"))
    assert result.returncode in (0, 1, 2)
    assert len(peer.requests) > 10
    allowed = {"iam:GetRole", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "s3:HeadObject", "s3:HEADBucket", "kms:DescribeKey",
               "sagemaker:DescribeInferenceRecommendationsJob", "sagemaker:DescribeInferenceExperiment", "sagemaker:DescribeModelPackage",
               "sagemaker:DescribeModel", "sagemaker:DescribeEndpoint", "cleanrooms:GetMembership", "cleanrooms-ml:GetTrainedModel",
               "cleanrooms-ml:GetConfiguredModelAlgorithmAssociation", "cleanrooms-ml:GetMLInputChannel"}
    assert set(peer.actions()) <= allowed, set(peer.actions()) - allowed
    assert all(r["method"] in ("GET", "HEAD") or r["action"].split(":")[1].startswith(("Describe", "Get")) for r in peer.requests)


def test_an_organisation_adds_its_own_check_in_rule_paths(run, moto, peer):
    boundary = f"arn:aws:iam::{ACCOUNT}:policy/ml-boundary"
    moto.client("iam").create_policy(PolicyName="ml-boundary", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    good = moto.client("iam").create_role(RoleName="Bounded", AssumeRolePolicyDocument=TRUST_SAGEMAKER, PermissionsBoundary=boundary)["Role"]["Arn"]
    bad = make_role(moto, name="Unbounded")
    make_endpoint(moto)
    moto.client("sagemaker").create_model(ModelName="model-shadow", ExecutionRoleArn=good, PrimaryContainer={"Image": "x"})
    moto.client("s3").create_bucket(Bucket="shadow-capture")
    (run.folder / "policies" / "preflight").mkdir(parents=True)
    (run.folder / "policies" / "preflight" / "boundary.json").write_text(json.dumps({
        "operation": "sagemaker:CreateInferenceExperiment",
        "checks": [{"id": "acme/role-boundary", "call": "iam:GetRole",
                    "arguments": {"RoleName": {"pointer": "/RoleArn", "take": "arn-name"}},
                    "expect": {"kind": "equals", "answer": "Role.PermissionsBoundary.PermissionsBoundaryArn", "value": boundary},
                    "message": "role {value} must have the ml-boundary permission boundary (it has {answer})"}]}))
    (run.folder / ".reqlint.yaml").write_text("version: 1\nrule-paths: [policies/]\n")
    run.write("good.json", experiment(good))
    run.write("bad.json", experiment(bad, Name="other"))
    result = run("--format", "json", "good.json", "bad.json")
    assert result.returncode == 1, result.stdout + result.stderr
    got = findings(result)
    assert [(r, p) for r, p, _ in got] == [("acme/role-boundary", "/RoleArn")]
    assert "must have the ml-boundary permission boundary (it has (no Role.PermissionsBoundary.PermissionsBoundaryArn))" in got[0][2]
    assert peer.actions().count("iam:GetRole") == 2  # one per role, shared by the bundled and the organisation's checks
    # Its id is configured like any rule's.
    (run.folder / ".reqlint.yaml").write_text("version: 1\nrule-paths: [policies/]\nrules:\n  acme/role-boundary: warning\n")
    result = run("--format", "json", "good.json", "bad.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [(d["rule"], d["severity"]) for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]] == [("acme/role-boundary", "warning")]
    # A check may name only allow-listed calls.
    (run.folder / "policies" / "preflight" / "boundary.json").write_text(json.dumps({
        "operation": "sagemaker:CreateInferenceExperiment",
        "checks": [{"id": "acme/x", "call": "iam:DeleteRole", "arguments": {"RoleName": "/RoleArn"}, "expect": {"kind": "exists"}}]}))
    before = len(peer.requests)
    result = run("good.json")
    assert result.returncode == 2 and "not on preflight's read-only allow-list" in result.stderr
    assert len(peer.requests) == before


def test_yaml_documents_are_located_in_the_yaml(run, moto, peer):
    make_endpoint(moto)
    (run.folder / "shadow.yaml").write_text(
        "Name: churn-shadow\nType: ShadowMode\nRoleArn: arn:aws:iam::123456789012:role/NoSuchRole\nEndpointName: churn-prod-endpoint\n"
        "ModelVariants:\n  - ModelName: model-prod\n    VariantName: green\n    InfrastructureConfig:\n      InfrastructureType: RealTimeInference\n"
        "      RealTimeInferenceConfig: {InstanceType: ml.m5.xlarge, InstanceCount: 1}\n"
        "  - {ModelName: model-prod, VariantName: blue, InfrastructureConfig: {InfrastructureType: RealTimeInference, RealTimeInferenceConfig: {InstanceType: ml.m5.xlarge, InstanceCount: 1}}}\n"
        "ShadowModeConfig:\n  SourceModelVariantName: green\n  ShadowModelVariants: [{ShadowModelVariantName: blue, SamplingPercentage: 50}]\n")
    result = run("shadow.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "shadow.yaml:3:10: error: " in result.stdout and "[preflight/role-exists]" in result.stdout
    assert "shadow.yaml:13:27: error: green is not a production variant of the endpoint; its production variants are prod [preflight/production-variant]" in result.stdout
    assert "shadow.yaml:4:15: note: named here (sagemaker:DescribeEndpoint)" in result.stdout


def test_suppressions_of_preflight_findings_are_judged_by_preflight_only(run, moto, peer):
    role, key = make_experiment_world(moto)
    name = run.write("shadow.json", experiment(role))
    (run.folder / ".reqlint.yaml").write_text("version: 1\nfail-level: warning\nsuppressions:\n  - files: \"*.json\"\n"
                                              "    rule: preflight/endpoint-in-service\n    reason: the endpoint is being updated (OPS-7)\n")
    lint = subprocess.run([run.binary, "lint", name], cwd=run.folder, capture_output=True, text=True, env={"PATH": os.environ["PATH"], "NO_COLOR": "1"})
    assert lint.returncode == 0 and "matched no finding" not in lint.stdout + lint.stderr
    stale = run(name)
    assert stale.returncode == 1 and "matched no finding" in stale.stdout
    peer.fixtures["sagemaker:DescribeEndpoint"] = (200, {"EndpointName": "churn-prod-endpoint", "EndpointStatus": "Updating",
                                                         "ProductionVariants": [{"VariantName": "prod"}]})
    peer.fixtures["sagemaker:CreateInferenceExperiment"] = (200, {"InferenceExperimentArn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:inference-experiment/x"})
    sent = run("--preflight", name, command="send")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "matched no finding" not in sent.stdout + sent.stderr
    assert peer.actions()[-1] == "sagemaker:CreateInferenceExperiment"
    del peer.fixtures["sagemaker:DescribeEndpoint"]
    blocked = run("--preflight", name, command="send")
    assert blocked.returncode == 1 and "matched no finding" in blocked.stdout and "nothing was sent" in blocked.stderr
