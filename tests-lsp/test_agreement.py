"""The three front ends agree: `reqlint lint --format json`, the language server's
publishDiagnostics and `reqlint send --dry-run --format json` report the same findings (rule,
severity, range, message, related places) for the same files under a configuration that uses
every key `.reqlint.yaml` accepts. They all lint through one `LintSession`; this test is what
keeps it that way.

Messages differ by design only in the advice each front end words (`; run reqlint explain …`
on the command line, `; completion lists …` in the editor): that suffix is taken off first.
"""

import asyncio
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import BIN

SEND_BIN = pathlib.Path(BIN).with_name("reqlint-send")

# Every key a configuration may have (Configuration.keys); the test fails when one is added
# without being used here.
KEYS = ["version", "include", "exclude", "operations", "rules", "fail-level", "rule-paths", "model", "suppressions", "baseline"]

# The advice each front end adds to a message (Diagnostic.Advice): CommandLineAdvice.text and
# DocumentAnalyzer.advice.
ADVICE = [
    "; pass --operation, or map the file in .reqlint.yaml (operations:)",
    "; run `reqlint explain enum` for the list",
    "; to update the model, run `reqlint rules update` (imports the installed botocore's models)",
    "; map the file to an operation in .reqlint.yaml (operations:)",
    "; completion lists the valid values",
    "; to update the model, run `reqlint rules update` in a terminal, then restart the language server",
]

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

# A shadow test without KmsKey: the configuration's own rule (acme/kms-required) fires.
SHADOW = {
    "Name": "fraud-shadow-v8",
    "Type": "ShadowMode",
    "RoleArn": ROLE,
    "EndpointName": "fraud-prod-endpoint",
    "ModelVariants": [
        {"ModelName": "fraud-v7", "VariantName": "AllTraffic",
         "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
                                  "RealTimeInferenceConfig": {"InstanceType": "ml.c5.2xlarge", "InstanceCount": 2}}},
        {"ModelName": "fraud-v8", "VariantName": "shadow-v8",
         "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
                                  "RealTimeInferenceConfig": {"InstanceType": "ml.c5.2xlarge", "InstanceCount": 1}}},
    ],
    "ShadowModeConfig": {"SourceModelVariantName": "AllTraffic",
                         "ShadowModelVariants": [{"ShadowModelVariantName": "shadow-v8", "SamplingPercentage": 20}]},
}

KMS_RULE = {
    "id": "acme/kms-required", "title": "KMS key required", "severity": "error",
    "operations": ["sagemaker:CreateInferenceExperiment"], "summary": "Shadow tests encrypt with our key.",
    "source": {"document": "ACME security policy 7", "quote": "All ML storage is encrypted with a customer key."},
    "checks": [{"kind": "requires", "pointer": "/Type", "equals": "ShadowMode", "present": "/KmsKey",
                "message": "set KmsKey to the team's KMS key"}],
}


def yaml_of(value, indent=0):
    """A small JSON-to-YAML writer for the documents here (block style, quoted strings)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{yaml_of(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {json.dumps(item)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, dict):
            body = yaml_of(item, indent + 2)
            lines.append(f"{pad}- {body[indent + 2:]}")
        else:
            lines.append(f"{pad}- {json.dumps(item)}")
    return "\n".join(lines)


def ir_job(job_type="Default", name="ir-job", extra=None):
    document = {"JobName": name, "JobType": job_type, "RoleArn": ROLE, "InputConfig": {}}
    document.update(extra or {})
    return document


def make_workspace(root: pathlib.Path) -> dict[str, str]:
    """Writes the repository: configuration, rule file, baseline, request documents. Returns
    the files each front end is asked about, relative to `root`."""
    (root / ".git").mkdir()
    (root / "policies").mkdir()
    (root / "policies" / "kms.json").write_text(json.dumps(KMS_RULE, indent=1))
    files = {
        # JSON, an enum finding (set to warning by `rules:`) with its advice, and a member name in
        # the wrong letter case.
        "requests/ir-enum.json": json.dumps(ir_job("default", extra={"jobdescription": "x"}), indent=2) + "\n",
        # JSON with a duplicate member (a related place), and findings after multi-byte text on
        # their line (columns count UTF-16 code units).
        "requests/ir-duplicate.json": '{\n  "JobName": "ir-\u00e9t\u00e9-\U0001F600", "JobType": "default",\n'
        f'  "RoleArn": "{ROLE}",\n  "InputConfig": {{}},\n  "JobName": "ir-2"\n}}\n',
        # JSON, clean.
        "requests/ir-clean.json": json.dumps(ir_job(), indent=2) + "\n",
        # YAML: the configuration's own rule.
        "requests/shadow.yaml": yaml_of(SHADOW) + "\n",
        # YAML, clean (the custom rule is satisfied; InstanceCount is a number).
        "requests/shadow-clean.yml": yaml_of(dict(SHADOW, KmsKey="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")) + "\n",
        # Its members do not tell the operation: `operations:` maps it; an unknown member.
        "requests/mapped/job.json": json.dumps({"JobName": "mapped", "Unknown": 1}, indent=2) + "\n",
        # A finding suppressed (rule and pointer), and one that is not (the pointer differs).
        "requests/legacy/old.json": json.dumps(ir_job("advanced", extra={"JobDescription": "d" * 200}), indent=2) + "\n",
        # A finding accepted by the baseline, and a newer one that is not.
        "requests/baselined.json": json.dumps(ir_job("Basic", name="baselined"), indent=2) + "\n",
    }
    excluded = {
        # `exclude:` and `include:` keep these out of folder walks (lint, send).
        "requests/drafts/draft.json": json.dumps(ir_job("nope"), indent=2) + "\n",
        "elsewhere/other.json": json.dumps(ir_job("nope"), indent=2) + "\n",
    }
    for path, text in {**files, **excluded}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    config = [
        "version: 1",
        'include: ["requests/**"]',
        'exclude: ["requests/drafts/"]',
        "operations:",
        '  "requests/mapped/*.json": sagemaker:CreateInferenceRecommendationsJob',
        "rules:",
        "  enum: warning",
        "  sagemaker/job-name-truncation: off",
        "  length: info",
        "fail-level: info",
        "rule-paths: [policies/]",
    ]
    model = botocore_model()
    if model:
        config.append(f"model: [{model}]")
    config += [
        "suppressions:",
        '  - files: "requests/legacy/*.json"',
        "    rule: enum",
        "    pointer: /JobType",
        '    reason: "an older job type, kept on purpose"',
        "baseline: .reqlint-baseline.json",
    ]
    (root / ".reqlint.yaml").write_text("\n".join(config) + "\n")
    # The baseline accepts the findings baselined.json has now; then a new one is added.
    subprocess.run([BIN, "lint", "--quiet", "--write-baseline", str(root / ".reqlint-baseline.json"), "requests/baselined.json"],
                   cwd=root, env=environment(root), check=True, capture_output=True)
    baselined = json.loads(json.dumps(ir_job("Basic", name="baselined")))
    baselined["InputConfig"] = {"JobDurationInSeconds": "long"}
    (root / "requests/baselined.json").write_text(json.dumps(baselined, indent=2) + "\n")
    return files


def botocore_model():
    """The installed botocore's SageMaker model (a `model:` overlay of the same version as the
    bundled packs), or None."""
    try:
        import botocore
    except ImportError:
        return None
    path = pathlib.Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"
    return str(path) if path.exists() else None


def environment(root: pathlib.Path) -> dict[str, str]:
    # A cache of imported models of its own, shared by the three front ends.
    return dict(os.environ, XDG_CACHE_HOME=str(root.parent / "cache"), NO_COLOR="1")


def normalized(message: str) -> str:
    for advice in ADVICE:
        if message.endswith(advice):
            return message[: -len(advice)]
    return message


def from_json_report(report: dict) -> dict[str, list]:
    """{path: [finding]} of a JSON report (1-based lines and UTF-16 columns)."""
    found = {}
    for file in report["files"]:
        found[file["path"]] = [
            (d["rule"], d["severity"], (d["line"], d["column"], d["endLine"], d["endColumn"]), normalized(d["message"]),
             tuple((r["message"], (r["line"], r["column"], r["endLine"], r["endColumn"])) for r in d.get("related", [])))
            for d in file["diagnostics"]
        ]
    return found


SEVERITY = {1: "error", 2: "warning", 3: "info"}


def from_lsp(diagnostics) -> list:
    def span(r):
        return (r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1)

    return [
        (d.code, SEVERITY[d.severity], span(d.range), normalized(d.message),
         tuple((r.message, span(r.location.range)) for r in (d.related_information or [])))
        for d in diagnostics
    ]


ROOT = pathlib.Path(tempfile.mkdtemp(prefix="reqlint-agreement-")) / "repo"
ROOT.mkdir()
FILES = make_workspace(ROOT)


@pytest.fixture(scope="module", autouse=True)
def cleanup():
    yield
    shutil.rmtree(ROOT.parent, ignore_errors=True)


def run(*arguments, executable=BIN) -> subprocess.CompletedProcess:
    return subprocess.run([executable, *arguments], cwd=ROOT, env=environment(ROOT), capture_output=True, text=True, timeout=300)


def test_the_configuration_uses_every_key():
    text = (ROOT / ".reqlint.yaml").read_text()
    used = {line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")}
    missing = set(KEYS) - used - ({"model"} if botocore_model() is None else set())
    assert not missing, f"the agreement configuration does not use {missing}"
    printed = run("config", "--print", "requests/ir-enum.json")
    assert printed.returncode == 0, printed.stderr


def lint_findings() -> dict[str, list]:
    result = run("lint", "--quiet", "--format", "json", "requests", "elsewhere")
    assert result.returncode == 1, result.stderr
    return from_json_report(json.loads(result.stdout))


def send_findings() -> dict[str, list]:
    if not os.access(SEND_BIN, os.X_OK):
        pytest.fail(f"reqlint-send not found beside {BIN}: build it (swift build --product reqlint-send)")
    result = run("send", "--dry-run", "--quiet", "--format", "json", "--signing-time", "2026-11-23T12:34:56Z", "requests", "elsewhere")
    # A finding at the fail level (info here): nothing is signed, the findings are the output.
    assert result.returncode == 1, result.stderr
    return from_json_report(json.loads(result.stdout))


def test_lint_and_send_agree():
    lint = lint_findings()
    assert set(lint) == set(FILES) | {".reqlint.yaml"} or set(lint) == set(FILES), sorted(lint)
    assert "requests/drafts/draft.json" not in lint and "elsewhere/other.json" not in lint
    send = send_findings()
    assert send == lint


def test_the_findings_exercise_the_configuration():
    lint = lint_findings()
    rules = {path: [f[0] for f in found] for path, found in lint.items()}
    assert rules["requests/ir-clean.json"] == [] and rules["requests/shadow-clean.yml"] == []
    assert "acme/kms-required" in rules["requests/shadow.yaml"], rules  # the rule-paths rule
    assert ("enum", "warning") in [(f[0], f[1]) for f in lint["requests/ir-enum.json"]]  # a severity override
    assert [f[4] for f in lint["requests/ir-duplicate.json"] if f[0] == "duplicate-key"][0], "the duplicate member has a related place"
    assert "enum" not in rules["requests/legacy/old.json"]  # suppressed
    assert ("length", "info") in [(f[0], f[1]) for f in lint["requests/legacy/old.json"]]
    assert rules["requests/mapped/job.json"], "the operations: mapping judged it"
    assert rules["requests/baselined.json"] == ["type"], rules  # the baseline took the older finding


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"], server_env=environment(ROOT)))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True)
                )
            ),
            initialization_options={"debounceMilliseconds": 0},
            root_uri=ROOT.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_the_editor_agrees_with_lint(client: LanguageClient):
    lint = lint_findings()
    published = {}
    for path in FILES:
        uri = (ROOT / path).as_uri()
        language = "yaml" if path.endswith((".yaml", ".yml")) else "json"
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=(ROOT / path).read_text(encoding="utf-8"))
            )
        )
        deadline = time.monotonic() + 60
        while True:
            params = await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), deadline - time.monotonic())
            if params.uri == uri and params.version == 1:
                published[path] = from_lsp(params.diagnostics)
                break
    for path in FILES:
        assert published[path] == lint[path], path
