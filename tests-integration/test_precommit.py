"""The real pre-commit tool runs reqlint as a hook from this checkout.

A temporary git repository uses this repository (at its HEAD commit) as the hook
repository; pre-commit builds reqlint with `swift build -c release` (language: swift).
A commit with a broken request document is refused with the diagnostic shown, and a
clean one goes through.
"""
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

BROKEN = """{
  "JobName": "nightly",
  "JobType": "default",
  "RoleArn": "arn:aws:iam::123456789012:role/R",
  "InputConfig": {}
}
"""
CLEAN = BROKEN.replace('"default"', '"Default"')


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed (pip install pre-commit)")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    repo = tmp_path_factory.mktemp("consumer")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: reqlint\n"
    )
    (repo / "package.json").write_text('{"name": "not-a-request"}\n')
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))
    install = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, text=True, env=env)
    assert install.returncode == 0, install.stdout + install.stderr
    return repo, env


def test_broken_document_is_refused_and_clean_one_goes_through(hook_repo):
    repo, env = hook_repo
    requests = repo / "requests"
    requests.mkdir()
    (requests / "ir-job.json").write_text(BROKEN)
    git(repo, "add", ".")
    refused = subprocess.run(["git", "commit", "-m", "broken"], cwd=repo, capture_output=True, text=True, env=env, timeout=1800)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert 'requests/ir-job.json:3:14: error: JobType must be one of Default, Advanced; did you mean "Default"? [enum]' in output

    (requests / "ir-job.json").write_text(CLEAN)
    git(repo, "add", ".")
    accepted = subprocess.run(["git", "commit", "-m", "clean"], cwd=repo, capture_output=True, text=True, env=env, timeout=1800)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "reqlint" in accepted.stdout + accepted.stderr


def test_a_files_override_narrows_the_type_filter(hook_repo):
    """With the README's `files: ^requests/`, a README or a tsconfig.json with comments is no
    request: the hooks select by type (types_or: [json, yaml]), which `files:` only narrows."""
    repo, env = hook_repo
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: reqlint\n        files: ^requests/\n"
    )
    requests = repo / "requests"
    requests.mkdir(exist_ok=True)
    (requests / "README.md").write_text("# Request documents\n\nNot JSON at all: {\n")
    (repo / "tsconfig.json").write_text('{\n  // comments are fine for TypeScript\n  "compilerOptions": {"strict": true,},\n}\n')
    (requests / "settings.json").write_text('{"editor.tabSize": 2, // a comment\n}\n')
    git(repo, "add", ".")
    accepted = subprocess.run(["git", "commit", "-m", "docs and settings"], cwd=repo, capture_output=True, text=True, env=env, timeout=1800)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "reqlint" in output and "README.md:" not in output, output  # no diagnostic for the README
