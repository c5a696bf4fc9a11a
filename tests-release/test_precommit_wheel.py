"""pre-commit without Swift: the real pre-commit, where the only reqlint is the one installed
from the wheel and `swift` is not on PATH, refuses a commit of a broken request document and
lets a clean one through, by both routes the README documents:

- `reqlint-system` (language: system) from this repository, with reqlint from the wheel in a
  virtual environment on PATH;
- a `language: python` hook that pins the wheel by URL and SHA-256
  (`additional_dependencies: ["reqlint @ <wheel URL>#sha256=<hash>"]`), which pre-commit
  installs into the hook's own environment (here a file:// URL into dist/, no index: the name
  `reqlint` on PyPI belongs to another project, so the README never installs it by name).
"""
import hashlib
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import BROKEN, DIST, ROOT, artifacts

CLEAN = BROKEN.replace('"default"', '"Default"')
DIAGNOSTIC = 'requests/ir-job.json:3:14: error: JobType must be one of Default, Advanced; did you mean "Default"? [enum]'


def git(repo, *args, env=None):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


def consumer(tmp_path, config, path, extra_env=None):
    repo = tmp_path / "consumer"
    repo.mkdir()
    env = {"PATH": path, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "Dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "LANG": "C.UTF-8", **(extra_env or {})}
    git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    (repo / "package.json").write_text('{"name": "not-a-request"}\n')
    assert shutil.which("swift", path=path) is None
    # pre-commit runs from the Python that has it, not through PATH (which has no pre-commit).
    started = time.monotonic()
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--install-hooks"], cwd=repo,
                               capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    print(f"pre-commit install --install-hooks: {time.monotonic() - started:.2f} s")
    return repo, env


def commit_broken_then_clean(repo, env):
    (repo / "requests").mkdir()
    (repo / "requests/ir-job.json").write_text(BROKEN)
    git(repo, "add", ".", env=env)
    refused = git(repo, "commit", "-m", "broken", env=env)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert DIAGNOSTIC in refused.stdout + refused.stderr
    (repo / "requests/ir-job.json").write_text(CLEAN)
    git(repo, "add", ".", env=env)
    accepted = git(repo, "commit", "-m", "clean", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "reqlint" in accepted.stdout + accepted.stderr


def test_system_hook_with_reqlint_from_the_wheel(tmp_path):
    _, _, wheel = artifacts()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin/python"), "install", "-q", "--no-index",
                          "--disable-pip-version-check", str(wheel)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    path = f"{venv / 'bin'}:/usr/bin:/bin"
    assert shutil.which("reqlint", path=path) == str(venv / "bin/reqlint")
    config = f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: reqlint-system\n"
    repo, env = consumer(tmp_path, config, path)
    commit_broken_then_clean(repo, env)


def test_python_hook_pins_the_wheel(tmp_path):
    version, _, wheel = artifacts()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    config = f"""repos:
  - repo: local
    hooks:
      - id: reqlint
        name: reqlint
        entry: reqlint lint --force-exclude --skip-non-requests
        language: python
        additional_dependencies: ["reqlint @ {wheel.as_uri()}#sha256={digest}"]
        files: \\.(json|ya?ml)$
        types: [text]
"""
    path = "/usr/bin:/bin"
    assert shutil.which("reqlint", path=path) is None
    # No index at all; pre-commit's placeholder package for local hooks builds with the
    # setuptools its virtual environment is seeded with.
    repo, env = consumer(tmp_path, config, path, {"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"})
    commit_broken_then_clean(repo, env)
