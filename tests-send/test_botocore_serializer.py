"""The requests reqlint builds from its packs equal what botocore (the AWS CLI's engine) builds
from the service models: method, path, protocol headers and body (the same members in the same
order with the same values, timestamps converted the same way; botocore's JSON has spaces after
separators and \\u escapes, reqlint's is compact UTF-8), for every valid document of the corpus.

`mlModelInferencePayerAccountId`, once a member of reqlint's overlay, is in the model since
botocore 1.43.13, so botocore serializes it like every other member."""

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

botocore_session = pytest.importorskip("botocore.session", reason="botocore is not installed")
from botocore.serialize import create_serializer  # noqa: E402

OPERATIONS = {
    "sagemaker/CreateInferenceRecommendationsJob": ("sagemaker", "CreateInferenceRecommendationsJob"),
    "sagemaker/CreateInferenceExperiment": ("sagemaker", "CreateInferenceExperiment"),
    "cleanroomsml/StartTrainedModelInferenceJob": ("cleanroomsml", "StartTrainedModelInferenceJob"),
}

CASES = sorted(path for folder in OPERATIONS for path in (ROOT / "corpus" / folder).glob("valid*.json"))


@pytest.fixture(scope="module")
def session():
    return botocore_session.get_session()


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_request_equals_botocore(reqlint, session, path, tmp_path):
    service, operation = OPERATIONS[f"{path.parent.parent.name}/{path.parent.name}"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "c"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "k"), "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
           "AWS_SECRET_ACCESS_KEY": "secret-for-the-parity-test", "AWS_REGION": "us-east-1"}
    result = subprocess.run([reqlint, "send", "--dry-run", "--format", "json", "--operation", f"{service}:{operation}",
                             "--signing-time", "2026-11-23T12:34:56Z", str(path)], env=env, capture_output=True, text=True, timeout=60)
    if result.returncode == 1:
        pytest.skip(f"{path.name} has findings at the default fail level: {result.stdout[:200]}")
    assert result.returncode == 0, result.stderr
    mine = json.loads(result.stdout)["request"]

    model = session.get_service_model(service)
    params = json.loads(path.read_text(encoding="utf-8-sig"))
    expected = create_serializer(model.metadata["protocol"], include_validation=False).serialize_to_request(params, model.operation_model(operation))

    assert mine["method"] == expected["method"]
    assert mine["url"] == "https://" + mine["headers"]["Host"] + expected["url_path"]
    for name in ("X-Amz-Target", "Content-Type"):
        assert mine["headers"].get(name) == expected["headers"].get(name), name
    body = expected["body"].decode() if isinstance(expected["body"], bytes) else expected["body"]
    ordered = lambda text: json.loads(text, object_pairs_hook=lambda pairs: pairs)
    mine_body = ordered(mine["body"])
    assert mine_body == ordered(body)
    assert json.dumps(json.loads(mine["body"]), separators=(",", ":"), ensure_ascii=False) == mine["body"]  # compact
