"""scripts/check-model-updates: reports the shapes of the three operations that changed in a
newer botocore model, and names the documented rules whose source sentence changed; the
scheduled workflow example that runs it is a valid GitHub Actions workflow."""
import copy
import gzip
import json
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts/check-model-updates"


def packs():
    for path in sorted((ROOT / "rules").glob("*/*.json")):
        if not path.name.endswith(".overlay.json"):
            yield json.loads(path.read_text(encoding="utf-8"))


def data_folder(tmp_path, change=lambda service, model: None):
    """A botocore data folder written from the committed packs (each service's operations in
    one model, as botocore has them), after `change(service, model)`."""
    models = {}
    for pack in packs():
        relative = pack["provenance"]["model"]
        metadata = {k: v for k, v in pack["service"].items() if k != "name"}
        model = models.setdefault(relative, {"version": "2.0", "metadata": metadata, "operations": {}, "shapes": {}})
        op = pack["operation"]
        model["operations"][op["name"]] = {"name": op["name"], "http": op["http"], "input": {"shape": op["input"]}}
        for name, shape in pack["shapes"].items():
            shape = copy.deepcopy(shape)
            for key in ("member", "key", "value"):
                if key in shape:
                    shape[key] = {"shape": shape[key]}
            model["shapes"][name] = shape
    for relative, model in models.items():
        change(relative.split("/")[0], model)
        path = tmp_path / "data" / (relative + ".gz")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(json.dumps(model).encode(), mtime=1796228356))
    return tmp_path / "data"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_the_bundled_model_itself_has_no_changes(tmp_path):
    result = run("--data", str(data_folder(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": no change") == 3, result.stdout


def test_changes_and_the_rules_whose_source_changed_are_reported(tmp_path):
    def change(service, model):
        shapes = model["shapes"]
        if service == "sagemaker":
            shapes["ProductionVariantInstanceType"]["enum"].append("ml.q9.2xlarge")
            member = shapes["RecommendationJobInputConfig"]["members"]["JobDurationInSeconds"]
            assert "18,000 seconds" in member["documentation"]
            member["documentation"] = member["documentation"].replace("18,000 seconds", "36,000 seconds")
            shapes["CreateInferenceExperimentRequest"]["members"]["WarmUpSeconds"] = {"shape": "ProvisioningParameter"}
            shapes["ProvisioningParameter"] = {"type": "integer", "min": 0, "max": 600}
            shapes["TagKey"]["max"] = 256
        if service == "cleanroomsml":
            del shapes["StartTrainedModelInferenceJobRequest"]["members"]["description"]

    result = run("--data", str(data_folder(tmp_path, change)))
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "enum: ProductionVariantInstanceType: added ml.q9.2xlarge" in out
    assert "member added: CreateInferenceExperimentRequest.WarmUpSeconds: shape ProvisioningParameter" in out
    assert "shape added: ProvisioningParameter" in out
    assert "constraint: TagKey: max: 128 -> 256" in out
    assert "member removed: StartTrainedModelInferenceJobRequest.description" in out
    assert "documentation: RecommendationJobInputConfig.JobDurationInSeconds" in out
    assert "rule sagemaker/job-duration-max: its source sentence changed (RecommendationJobInputConfig.JobDurationInSeconds)" in out
    assert 'no longer in the model: "Specifies the maximum duration of the job, in seconds. The maximum value is 18,000 seconds."' in out \
        or "The maximum value is 18,000 seconds" in out
    # Rules whose sources did not change are not named.
    assert "rule sagemaker/phase-initial-users" not in out

    report = json.loads(run("--data", str(tmp_path / "data"), "--format", "json").stdout)
    assert report["date"] == "2026-12-02"
    assert [r["rule"] for r in report["rules"]] == ["sagemaker/job-duration-max"]


def test_scheduled_workflow_example_validates():
    tool = shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is not installed (pip install check-jsonschema)"
    path = ROOT / "docs/examples/check-model-updates.yml"
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "schedule" in path.read_text() and "scripts/check-model-updates" in path.read_text()
