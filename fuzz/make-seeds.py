#!/usr/bin/env python3
"""Writes the committed seed corpus fuzz/seeds/<target>/ from the repository's corpus/.

    fuzz/make-seeds.py            # rewrites fuzz/seeds/

Deterministic: the same corpus gives the same seeds. The lint target's inputs start with one
byte that picks the operation (0: detect from the members), the lsp-framing and sigv4
targets' with a byte of flags (see each fuzz/<target>/main.swift).
"""

import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEEDS = os.path.join(HERE, "seeds")


def corpus_files():
    files = []
    for dirpath, _, names in os.walk(os.path.join(ROOT, "corpus")):
        for name in names:
            if name.endswith(".json"):
                files.append(os.path.join(dirpath, name))
    return sorted(files)


def pick(files):
    """Every syntax-* file, and every third other file up to 40 (valid and invalid of each operation)."""
    syntax = [f for f in files if os.path.basename(f).startswith("syntax-")]
    others = [f for f in files if not os.path.basename(f).startswith("syntax-")][::3][:40]
    return syntax + others


def write(target, name, data):
    path = os.path.join(SEEDS, target, name)
    with open(path, "wb") as f:
        f.write(data)


def yaml_of(value, indent=0):
    """A small block-style YAML writer (no PyYAML needed): strings double-quoted as JSON."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for k, v in value.items():
            key = json.dumps(k, ensure_ascii=False)
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{key}:\n{yaml_of(v, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {yaml_of(v, indent + 1)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        lines = []
        for v in value:
            if isinstance(v, dict) and v:
                inner = yaml_of(v, indent + 1).lstrip()
                lines.append(f"{pad}- {inner}")
            else:
                lines.append(f"{pad}- {yaml_of(v, indent + 1)}")
        return "\n".join(lines)
    return json.dumps(value, ensure_ascii=False)


YAML_HAZARDS = [
    "JobName: plain-name\nJobType: Default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n",
    "base: &base\n  InstanceType: ml.c5.xlarge\nJobName: x\nJobType: Default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig:\n  EndpointConfigurations:\n    - *base\n    - <<: *base\n      InferenceSpecificationName: spec\n",
    "JobName: !!str 123\nJobType: !Ref Default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n",
    "Name: on\nType: ShadowMode\nSchedule:\n  StartTime: 2026-12-01\n  EndTime: 2026-12-01T10:00:00Z\nRoleArn: arn:aws:iam::123456789012:role/R\nEndpointName: 0123\nModelVariants: []\nShadowModeConfig: {SourceModelVariantName: a, ShadowModelVariants: [{ShadowModelVariantName: b, SamplingPercentage: 1_000}]}\n",
    "---\nJobName: a\n---\nJobName: b\n",
    "JobName: |\n  multi\n  line\nJobType: >-\n  folded\n  text\nRoleArn: 'single ''quoted'''\nInputConfig: {JobDurationInSeconds: 0x10, ResourceLimit: {MaxNumberOfTests: 1.5e3}}\n",
    "? complex key\n: value\n[1, 2]: x\n",
    "JobName: \"\\u00e9\\U0001F600\\x41\"\nJobType: Default\n",
    "tags: {aws:team: x, \"k\": ~, k: null}\nname: n\n",
    "\ufeffJobName: bom\n",
    "JobName: [unclosed\n",
    "a: b: c\n",
    "\t- tab indented\n",
]

FRAMES = [
    b"Content-Length: 2\r\n\r\n{}",
    b'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'[:0]
    + b'Content-Length: 58\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}',
    b"content-length: 5\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\nhello\r\n\r\nContent-Length: 1\r\n\r\nx",
    b"Content-Length: abc\r\n\r\nContent-Length: 3\r\n\r\nabc",
    b"X-Header-Without-Colon\r\nContent-Length: 2\r\n\r\nok",
    b"Content-Length: 99999999999999999999\r\n\r\n",
    b"Content-Length: 100\r\n\r\n" + b"a" * 100 + b"Content-Length: 0\r\n\r\n",
    b"\r\n\r\n\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
]

REQUESTS = [
    b"POST\n/\nContent-Type: application/x-amz-json-1.1\nX-Amz-Target: SageMaker.CreateInferenceRecommendationsJob\n\n{\"JobName\":\"x\"}",
    b"GET\n/a/./b/../c//d?Action=List&Version=2017-07-24&b=%41%2f&a=&=x&&c\nHost: example.amazonaws.com\n\n",
    b"GET\n/%E2%82%AC/%zz/%2F?%E2%82%AC=%F0%9F%98%80\nX-Amz-Meta:   a   b   \nx-amz-meta: second\n\n",
    b"PUT\n/bucket/key with space/~tilde\nContent-Length: 0\nx-amz-content-sha256: UNSIGNED-PAYLOAD\n\nbody",
    b"POST\nrelative?x=1\n\n",
    b"GET\n/?\n\n",
]


def main():
    if os.path.exists(SEEDS):
        shutil.rmtree(SEEDS)
    for target in ("json", "lint", "yaml", "lsp-framing", "sigv4"):
        os.makedirs(os.path.join(SEEDS, target))
    files = pick(corpus_files())
    for i, path in enumerate(files):
        with open(path, "rb") as f:
            data = f.read()
        base = os.path.basename(path)
        service = os.path.basename(os.path.dirname(path))
        write("json", f"{service}-{base}", data)
        write("lint", f"{service}-{base}", bytes([0 if i % 4 else (i // 4) % 4]) + data)
        if not base.startswith("syntax-") and len(os.listdir(os.path.join(SEEDS, "yaml"))) < 24:
            try:
                value = json.loads(data.decode("utf-8-sig"))
            except ValueError:
                continue
            write("yaml", f"{service}-{base[:-5]}.yaml", (yaml_of(value) + "\n").encode("utf-8"))
    for i, text in enumerate(YAML_HAZARDS):
        write("yaml", f"hazard-{i:02d}.yaml", text.encode("utf-8"))
    for i, frame in enumerate(FRAMES):
        write("lsp-framing", f"frames-{i:02d}", bytes([i * 37 % 256]) + frame)
    for i, request in enumerate(REQUESTS):
        write("sigv4", f"request-{i:02d}", bytes([i]) + request)
    counts = {t: len(os.listdir(os.path.join(SEEDS, t))) for t in sorted(os.listdir(SEEDS))}
    print("seeds:", counts)


if __name__ == "__main__":
    main()
