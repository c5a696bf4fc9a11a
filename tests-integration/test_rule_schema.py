"""`reqlint schema --rules`: every bundled rule file validates against it, a misspelled key does not."""

import glob
import json
import os
import subprocess

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("REQLINT_BIN", os.path.join(ROOT, ".build", "debug", "reqlint"))


def schema():
    out = subprocess.run([BIN, "schema", "--rules"], capture_output=True, text=True, check=True).stdout
    value = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(value)
    return jsonschema.Draft202012Validator(value)


def test_bundled_rules_validate():
    validator = schema()
    files = sorted(glob.glob(os.path.join(ROOT, "rules", "*", "documented", "*.json")))
    assert len(files) > 20
    for path in files:
        errors = [e.message for e in validator.iter_errors(json.load(open(path)))]
        assert not errors, f"{path}: {errors}"


def test_a_misspelled_argument_does_not_validate():
    validator = schema()
    rule = json.load(open(os.path.join(ROOT, "rules", "sagemaker", "documented", "job-duration-max.json")))
    check = rule["checks"][0]
    assert check["kind"] == "range"
    check["mx"] = check.pop("max")
    assert list(validator.iter_errors(rule)), "a range check with mx instead of max validated"
