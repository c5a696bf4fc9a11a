#!/usr/bin/env python3
"""Validates a generated corpus with botocore's ParamValidator in one Python process.

    bench/botocore_validate.py CORPUS_DIR [--repeat 3]

Prints one JSON object: documents, how many botocore could parse, how many it found invalid,
and the best-of-N seconds of (1) the validation loop alone over the already parsed documents
and (2) reading, parsing and validating every file. This is what the AWS CLI does before it
sends a request (`aws ... --cli-input-json`), minus the CLI's start-up.

botocore checks required members, unknown members, types, and minimum lengths, sizes and
values (not maximums, patterns or enums), so it does less work per document than reqlint.
"""

import argparse
import json
import os
import sys
import time

import botocore.session
from botocore.validate import ParamValidator

SERVICES = {
    "sagemaker:CreateInferenceRecommendationsJob": ("sagemaker", "CreateInferenceRecommendationsJob"),
    "sagemaker:CreateInferenceExperiment": ("sagemaker", "CreateInferenceExperiment"),
    "cleanroomsml:StartTrainedModelInferenceJob": ("cleanroomsml", "StartTrainedModelInferenceJob"),
}


def parse(data, syntax):
    if syntax == "yaml":
        import yaml
        return yaml.safe_load(data)
    return json.loads(data)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()

    with open(os.path.join(args.corpus, ".manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)["documents"]

    started = time.perf_counter()
    session = botocore.session.get_session()
    shapes = {}
    for key, (service, operation) in SERVICES.items():
        model = session.get_service_model(service)
        shapes[key] = model.operation_model(operation).input_shape
    model_load_seconds = time.perf_counter() - started
    validator = ParamValidator()

    paths = [(os.path.join(args.corpus, m["path"]), m["operation"], m["syntax"]) for m in manifest]

    def load(path, syntax):
        """The document at `path` as Python values, or None when it is not a JSON/YAML object."""
        with open(path, "rb") as f:
            data = f.read()
        try:
            value = parse(data.decode("utf-8-sig"), syntax)
        except Exception:
            return None
        return value if isinstance(value, dict) else None

    # Parse once for the validation-only loop.
    parsed = [(value, shapes[operation]) for path, operation, syntax in paths if (value := load(path, syntax)) is not None]

    validate_best = None
    invalid = 0
    for _ in range(args.repeat):
        invalid = 0
        t0 = time.perf_counter()
        for value, shape in parsed:
            report = validator.validate(value, shape)
            if report.has_errors():
                invalid += 1
        elapsed = time.perf_counter() - t0
        validate_best = elapsed if validate_best is None else min(validate_best, elapsed)

    full_best = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for path, operation, syntax in paths:
            value = load(path, syntax)
            if value is not None:
                validator.validate(value, shapes[operation]).has_errors()
        elapsed = time.perf_counter() - t0
        full_best = elapsed if full_best is None else min(full_best, elapsed)

    json.dump({
        "documents": len(paths),
        "parsed": len(parsed),
        "invalid": invalid,
        "model_load_seconds": model_load_seconds,
        "validate_seconds": validate_best,
        "validate_docs_per_second": len(parsed) / validate_best,
        "read_parse_validate_seconds": full_best,
        "read_parse_validate_docs_per_second": len(paths) / full_best,
        "repeat": args.repeat,
        "botocore": botocore.__version__,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
