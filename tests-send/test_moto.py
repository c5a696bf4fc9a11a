"""`reqlint send` end to end against moto's server in its IAM/signature-checking mode.

moto is started on a free loopback port with INITIAL_NO_AUTH_ACTION_COUNT set to the number of
setup calls (creating an IAM user, its access key, a policy and a role), as moto documents for
its IAM-like access control; every later request has its SigV4 signature recomputed by moto
(with botocore, from the secret it issued) and its action checked against the user's
policies. moto does not implement the three operations reqlint sends: it answers
"not implemented" (HTTP 500) only AFTER authenticating and authorizing, so an HTTP 500 here,
with the "has not been implemented" line in moto's log, proves the signature was accepted.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

moto_server = pytest.importorskip("moto.server", reason="moto[server] could not be installed (tests-send/run.sh installs it)")
boto3 = pytest.importorskip("boto3", reason="boto3 could not be installed (tests-send/run.sh installs it with moto)")

ACCOUNT = "123456789012"
SETUP_CALLS = 9  # the IAM calls of `moto` below, made under moto's no-auth allowance


class Moto:
    def __init__(self, log_path):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT=str(SETUP_CALLS), MOTO_ACCOUNT_ID=ACCOUNT)
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
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

    def client(self, service, key="AKIAIOSFODNN7EXAMPLE", secret="setup", token=None):
        return boto3.client(service, endpoint_url=self.url, region_name="us-east-1", aws_access_key_id=key,
                            aws_secret_access_key=secret, aws_session_token=token)

    def allow_unauthenticated(self, count):
        """moto's documented switch: the next `count` requests are not authenticated."""
        request = urllib.request.Request(self.url + "/moto-api/reset-auth", data=str(count).encode(), method="POST",
                                         headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(request, timeout=10).read()

    def log_text(self):
        self.log.flush()
        return Path(self.log_path).read_text(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = Moto(tmp_path_factory.mktemp("moto") / "moto.log")
    try:
        iam = server.client("iam")
        # 1-2: the sender and its access key.
        iam.create_user(UserName="sender")
        key = iam.create_access_key(UserName="sender")["AccessKey"]
        # 3-4: a policy allowing the three operations and role assumption.
        policy = iam.create_policy(PolicyName="send", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["sagemaker:CreateInferenceRecommendationsJob", "sagemaker:CreateInferenceExperiment",
                                           "cleanrooms-ml:StartTrainedModelInferenceJob", "sts:AssumeRole"], "Resource": "*"}]}))
        iam.attach_user_policy(UserName="sender", PolicyArn=policy["Policy"]["Arn"])
        # 5-6: a role the sender and a web identity may assume, with the same policy.
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/sender"}, "Action": "sts:AssumeRole"},
            {"Effect": "Allow", "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity"}]}
        role = iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
        iam.attach_role_policy(RoleName="deployer", PolicyArn=policy["Policy"]["Arn"])
        # 7-8: a user without any policy.
        iam.create_user(UserName="nobody")
        nobody = iam.create_access_key(UserName="nobody")["AccessKey"]
        # 9: the last unauthenticated call; from here on every request is checked.
        iam.get_user(UserName="sender")
        server.sender = key
        server.nobody = nobody
        server.role_arn = role["Arn"]
        yield server
    finally:
        server.stop()


def keys(access_key, secret=None):
    return {"AWS_ACCESS_KEY_ID": access_key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": secret or access_key["SecretAccessKey"]}


def not_implemented_count(moto, action):
    return moto.log_text().count(f"The {action} action has not been implemented")


def assert_authenticated(result, moto, action, before):
    """moto accepted the signature and the policy, then said (once more than `before`) that it
    does not implement the action."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "HTTP 500" in result.stdout, result.stdout + result.stderr
    for refusal in ("SignatureDoesNotMatch", "InvalidClientTokenId", "AccessDenied", "MissingAuthenticationToken"):
        assert refusal not in result.stdout
    deadline = time.time() + 10  # moto writes the traceback after it answers
    while not_implemented_count(moto, action) <= before and time.time() < deadline:
        time.sleep(0.1)
    assert not_implemented_count(moto, action) > before


def test_authentication_is_enforced(send, moto):
    bogus = {"AccessKeyId": "AKIANOTAREALKEY12345", "SecretAccessKey": "does-not-matter-at-all"}
    result = send("--endpoint-url", moto.url, "shadow.json", env=keys(bogus), secrets=[bogus["SecretAccessKey"]])
    assert result.returncode == 1
    assert "InvalidClientTokenId: The security token included in the request is invalid." in result.stdout


@pytest.mark.parametrize("document,action", [("ir.json", "create_inference_recommendations_job"),
                                             ("shadow.json", "create_inference_experiment")])
def test_signed_requests_pass_moto_signature_check(send, moto, document, action):
    before = not_implemented_count(moto, action)
    result = send("--endpoint-url", moto.url, document, env=dict(keys(moto.sender), AWS_MAX_ATTEMPTS="1"),
                  secrets=[moto.sender["SecretAccessKey"]])
    assert_authenticated(result, moto, action, before)
    assert "after 1 attempt" in result.stdout


def test_endpoint_from_the_environment_and_retries_of_500(send, moto):
    env = dict(keys(moto.sender), AWS_ENDPOINT_URL_SAGEMAKER=moto.url)
    before = not_implemented_count(moto, "create_inference_recommendations_job")
    result = send("ir.json", env=env, secrets=[moto.sender["SecretAccessKey"]])
    assert_authenticated(result, moto, "create_inference_recommendations_job", before)
    assert "after 3 attempts" in result.stdout  # HTTP 500 is retried by the standard mode


def test_wrong_secret_is_signature_does_not_match(send, moto):
    wrong = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGSECRET"
    result = send("--endpoint-url", moto.url, "shadow.json", env=keys(moto.sender, wrong), secrets=[wrong, moto.sender["SecretAccessKey"]])
    assert result.returncode == 1
    assert "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided." in result.stdout
    assert "after 1 attempt" in result.stdout  # a 403 is not retried


def test_user_without_permission_is_access_denied(send, moto):
    result = send("--endpoint-url", moto.url, "shadow.json", env=keys(moto.nobody), secrets=[moto.nobody["SecretAccessKey"]])
    assert result.returncode == 1
    assert "AccessDenied" in result.stdout
    assert "sagemaker:CreateInferenceExperiment" in result.stdout


def test_role_assumption_with_source_profile(send, moto, documents):
    home = documents / "home"
    (home / "credentials").write_text(
        f"[base]\naws_access_key_id = {moto.sender['AccessKeyId']}\naws_secret_access_key = {moto.sender['SecretAccessKey']}\n")
    (home / "config").write_text(
        f"[profile deployer]\nrole_arn = {moto.role_arn}\nsource_profile = base\nrole_session_name = reqlint-test\nregion = us-east-1\n")
    env = {"AWS_ENDPOINT_URL": moto.url, "AWS_REGION": "", "AWS_MAX_ATTEMPTS": "1"}
    dry = send("--dry-run", "--profile", "deployer", "shadow.json", env=env, secrets=[moto.sender["SecretAccessKey"]])
    assert dry.returncode == 0, dry.stderr
    assert "Credential=ASIA" in dry.stdout  # the assumed role's temporary key signs
    assert "X-Amz-Security-Token: " in dry.stdout and "****" in dry.stdout
    assert f"role {moto.role_arn} assumed (profile deployer)" in dry.stdout
    before = not_implemented_count(moto, "create_inference_experiment")
    result = send("--profile", "deployer", "shadow.json", env=env, secrets=[moto.sender["SecretAccessKey"]])
    assert_authenticated(result, moto, "create_inference_experiment", before)


def test_web_identity(send, moto, documents):
    token_file = documents / "web-identity-token"
    token_file.write_text("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmV4YW1wbGUvcmVxbGludCJ9.c2lnbmF0dXJl\n")
    env = {"AWS_WEB_IDENTITY_TOKEN_FILE": str(token_file), "AWS_ROLE_ARN": moto.role_arn, "AWS_ROLE_SESSION_NAME": "gha-run-1",
           "AWS_ENDPOINT_URL": moto.url, "AWS_MAX_ATTEMPTS": "1"}
    # AssumeRoleWithWebIdentity is unsigned; moto's access control cannot take an unsigned call,
    # so it is let through with moto's no-auth allowance of exactly one request. The SageMaker
    # request that follows, signed with the web identity's temporary credentials, is checked.
    before = not_implemented_count(moto, "create_inference_recommendations_job")
    moto.allow_unauthenticated(1)
    result = send("ir.json", env=env)
    assert_authenticated(result, moto, "create_inference_recommendations_job", before)
    moto.allow_unauthenticated(0)


def test_credential_process(send, moto, documents):
    script = documents / "creds.sh"
    script.write_text("#!/bin/sh\nprintf '%s' '" + json.dumps({"Version": 1, "AccessKeyId": moto.sender["AccessKeyId"],
                                                              "SecretAccessKey": moto.sender["SecretAccessKey"]}) + "'\n")
    script.chmod(0o755)
    (documents / "home" / "config").write_text(f"[profile tool]\ncredential_process = {script}\n")
    before = not_implemented_count(moto, "create_inference_recommendations_job")
    result = send("--profile", "tool", "--endpoint-url", moto.url, "ir.json", env={"AWS_MAX_ATTEMPTS": "1"},
                  secrets=[moto.sender["SecretAccessKey"]])
    assert_authenticated(result, moto, "create_inference_recommendations_job", before)


def test_nothing_reaches_moto_for_a_dirty_document(send, moto):
    before = moto.log_text().count('"POST / HTTP/1.1"')
    result = send("--endpoint-url", moto.url, "ir.json", "dirty.json", env=keys(moto.sender), secrets=[moto.sender["SecretAccessKey"]])
    assert result.returncode == 1
    assert "nothing was sent" in result.stderr
    time.sleep(0.2)
    assert moto.log_text().count('"POST / HTTP/1.1"') == before
