"""`reqlint send` against a loopback stub that verifies every signature with botocore."""

import json

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE-stub-token-0123456789"
KEYS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_SESSION_TOKEN": TOKEN}


def ok(body='{"JobArn":"arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/x"}'):
    return lambda index, request: (200, {"Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": f"req-{index}"}, body)


def test_all_three_operations_pass_botocore_signature_verification(send, stub):
    result = send("--endpoint-url", stub.url, "ir.json", "shadow.json", "crml.json", env=KEYS, secrets=[SECRET, TOKEN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert [r["signature_ok"] for r in stub.requests] == [True, True, True]
    assert [r["headers"].get("X-Amz-Target") for r in stub.requests] == [
        "SageMaker.CreateInferenceRecommendationsJob", "SageMaker.CreateInferenceExperiment", None]
    crml = stub.requests[2]
    assert crml["path"] == "/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs"
    assert crml["headers"]["Content-Type"] == "application/json"
    body = json.loads(crml["body"])
    assert "membershipIdentifier" not in body and body["name"] == "churn-inference"
    shadow = json.loads(stub.requests[1]["body"])
    assert shadow["Schedule"] == {"StartTime": 1796119200, "EndTime": 1796725800}
    assert stub.requests[0]["headers"]["X-Amz-Security-Token"] == TOKEN
    assert "3 requests sent, 3 accepted, 0 failed" in result.stderr


def test_a_wrong_secret_fails_botocore_verification(send, stub):
    env = dict(KEYS, AWS_SECRET_ACCESS_KEY="not-the-right-secret-at-all")
    result = send("--endpoint-url", stub.url, "crml.json", env=env, secrets=["not-the-right-secret-at-all", TOKEN])
    assert result.returncode == 1
    assert stub.requests[0]["signature_ok"] is False
    assert "InvalidSignatureException" in result.stdout


def test_dirty_documents_are_never_sent(send, stub):
    for files in (["dirty.json"], ["ir.json", "dirty.json", "crml.json"], ["dirty.yaml"], ["shadow.json", "dirty.yaml"]):
        result = send("--endpoint-url", stub.url, *files, env=KEYS, secrets=[SECRET, TOKEN])
        assert result.returncode == 1, result.stdout + result.stderr
        assert "nothing was sent" in result.stderr
        assert "[enum]" in result.stdout
    dry = send("--dry-run", "--endpoint-url", stub.url, "dirty.json", env=KEYS)
    assert dry.returncode == 1 and "Authorization" not in dry.stdout
    assert len(stub.requests) == 0


def test_service_unavailable_is_retried(send, stub):
    stub.replies = [lambda i, r: (503, {"Content-Type": "text/html"}, "<html><title>Service Unavailable</title></html>"), ok()]
    result = send("--endpoint-url", stub.url, "ir.json", env=KEYS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(stub.requests) == 2
    assert all(r["signature_ok"] for r in stub.requests)
    assert "HTTP 200 after 2 attempts" in result.stdout


def test_throttling_is_retried_up_to_max_attempts(send, stub):
    throttled = lambda i, r: (400, {"Content-Type": "application/x-amz-json-1.1"}, '{"__type":"ThrottlingException","message":"Rate exceeded"}')
    stub.replies = [throttled]
    result = send("--endpoint-url", stub.url, "ir.json", env=KEYS)
    assert result.returncode == 1
    assert len(stub.requests) == 3
    assert "after 3 attempts: ThrottlingException: Rate exceeded" in result.stdout
    result = send("--endpoint-url", stub.url, "ir.json", env=dict(KEYS, AWS_MAX_ATTEMPTS="2"))
    assert len(stub.requests) == 5


def test_validation_exception_is_mapped_to_file_line_column(send, stub):
    message = ("2 validation errors detected: Value '1800' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: "
               "Member must have value less than or equal to 600; Value 'ml.m5.large' at "
               "'inputConfig.endpointConfigurations.2.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set")
    stub.replies = [lambda i, r: (400, {"Content-Type": "application/x-amz-json-1.1"},
                                  json.dumps({"__type": "com.amazonaws.sagemaker#ValidationException", "message": message}))]
    result = send("--endpoint-url", stub.url, "ir.json", env=KEYS)
    assert result.returncode == 1
    assert len(stub.requests) == 1  # never retried
    lines = result.stdout.splitlines()
    assert any(l.startswith("ir.json:7:29: error: ValidationException from the service: Value '1800' at 'inputConfig.jobDurationInSeconds'") for l in lines), result.stdout
    assert any(l.startswith("ir.json:13:25: error: ValidationException from the service: Value 'ml.m5.large'") for l in lines), result.stdout


def test_rest_json_error_type_header(send, stub):
    stub.replies = [lambda i, r: (409, {"Content-Type": "application/json", "x-amzn-ErrorType": "ConflictException:http://internal.amazon.com/"},
                                  '{"message":"a job with this name is running"}')]
    result = send("--endpoint-url", stub.url, "crml.json", env=KEYS)
    assert result.returncode == 1
    assert "ConflictException: a job with this name is running (HTTP 409" in result.stdout


def test_json_report(send, stub):
    stub.replies = [ok('{"JobArn":"arn:1"}')]
    result = send("--format", "json", "--endpoint-url", stub.url, "ir.json", env=KEYS)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["version"] == 1
    entry = report["results"][0]
    assert entry["status"] == "accepted" and entry["http"]["status"] == 200 and entry["response"] == '{"JobArn":"arn:1"}'
    assert entry["operation"] == "sagemaker:CreateInferenceRecommendationsJob"
