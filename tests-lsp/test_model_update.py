"""`reqlint rules update` reaches the language server: a value only a newer model knows is an
`enum` error (naming the model and how to update) before the update, and clean after it, with
the real `reqlint lsp` over stdio and the user's pack cache in XDG_CACHE_HOME."""

import copy
import json
import os
import pathlib
import subprocess
import tempfile

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import BIN, ROOT
from test_lsp import start, open_doc, wait_for_version

NEW_TYPE = "ml.q9.2xlarge"
WORK = pathlib.Path(tempfile.mkdtemp(prefix="reqlint-lsp-update-"))
URI = (WORK / "shadow.json").as_uri()


def newer_model():
    """The committed CreateInferenceExperiment pack as a botocore model, plus NEW_TYPE."""
    pack = json.loads((ROOT / "rules/sagemaker/CreateInferenceExperiment.json").read_text(encoding="utf-8"))
    shapes = {}
    for name, shape in pack["shapes"].items():
        shape = copy.deepcopy(shape)
        for key in ("member", "key", "value"):
            if key in shape:
                shape[key] = {"shape": shape[key]}
        shapes[name] = shape
    shapes["ProductionVariantInstanceType"]["enum"].append(NEW_TYPE)
    op = pack["operation"]
    metadata = {k: v for k, v in pack["service"].items() if k != "name"}
    return {"version": "2.0", "metadata": metadata, "shapes": shapes,
            "operations": {op["name"]: {"name": op["name"], "http": op["http"], "input": {"shape": op["input"]}}}}


def prepare():
    model = WORK / "models/sagemaker/2017-07-24/service-2.json"
    model.parent.mkdir(parents=True)
    model.write_text(json.dumps(newer_model()), encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(WORK / "updated"))
    subprocess.run([BIN, "rules", "update", "--model", str(model)], env=env, check=True, capture_output=True)
    (WORK / "empty").mkdir()


prepare()
DOCUMENT = json.dumps({
    "Name": "shadow-next-gen", "Type": "ShadowMode", "RoleArn": "arn:aws:iam::123456789012:role/R", "EndpointName": "prod",
    "ModelVariants": [
        {"ModelName": "m1", "VariantName": "prod", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
         "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}}},
        {"ModelName": "m2", "VariantName": "shadow", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
         "RealTimeInferenceConfig": {"InstanceType": NEW_TYPE, "InstanceCount": 1}}},
    ],
    "ShadowModeConfig": {"SourceModelVariantName": "prod", "ShadowModelVariants": [{"ShadowModelVariantName": "shadow", "SamplingPercentage": 10}]},
}, indent=2)


def config(cache):
    return ClientServerConfig(server_command=[BIN, "lsp"], server_env=dict(os.environ, XDG_CACHE_HOME=str(WORK / cache)))


@pytest_lsp.fixture(config=config("empty"))
async def before_client(lsp_client: LanguageClient):
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config("updated"))
async def after_client(lsp_client: LanguageClient):
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_before_the_update_the_new_value_is_an_error(before_client: LanguageClient):
    open_doc(before_client, DOCUMENT, uri=URI)
    diagnostics = await wait_for_version(before_client, URI, 1)
    assert [d.code for d in diagnostics] == ["enum"]
    message = diagnostics[0].message
    assert f'"{NEW_TYPE}" is not one of the 277 values' in message
    assert "in the model checked against (botocore 1.44.18 of 2026-12-02)" in message
    assert "run `reqlint rules update` in a terminal, then restart the language server" in message
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error


async def test_after_the_update_it_is_clean(after_client: LanguageClient):
    open_doc(after_client, DOCUMENT, uri=URI)
    assert await wait_for_version(after_client, URI, 1) == []
