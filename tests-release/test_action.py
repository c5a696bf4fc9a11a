"""The GitHub Action's steps run here as the runner would run them: the install step against
the release tarball through a file:// URL (right checksum, wrong checksum, the release's
SHA256SUMS, a cached copy), then the lint step over a file list into one SARIF file."""
import hashlib
import json
import os
import pathlib
import subprocess
import time

from conftest import BROKEN, IR_JOB, ROOT, artifacts

INSTALL = ROOT / "action/install.sh"
LINT = ROOT / "action/lint.sh"
BASE_PATH = "/usr/bin:/bin"  # no Swift toolchain, no development build


def install(tmp_path, sha256, url=None):
    version, tarball, _ = artifacts()
    github_path = tmp_path / "github_path"
    github_path.touch()
    env = {"PATH": BASE_PATH, "REQLINT_VERSION": version, "REQLINT_URL": url or tarball.as_uri(),
           "REQLINT_SHA256": sha256, "REQLINT_DIR": str(tmp_path / "cache"), "GITHUB_PATH": str(github_path)}
    started = time.monotonic()
    result = subprocess.run([str(INSTALL)], env=env, capture_output=True, text=True)
    result.seconds = time.monotonic() - started
    result.added = github_path.read_text().splitlines()
    return result


def test_install_with_the_right_checksum_then_from_the_cache(tmp_path):
    version, tarball, _ = artifacts()
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    first = install(tmp_path, digest)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.added == [str(tmp_path / "cache" / f"reqlint-{version}-x86_64-linux")]
    assert version in first.stdout.splitlines(), first.stdout  # `reqlint --version`: the version first, then the models
    print(f"install step: {first.seconds:.2f} s")
    second = install(tmp_path, digest.upper())
    assert second.returncode == 0 and "cached copy verified" in second.stdout, second.stdout + second.stderr


def test_install_with_a_wrong_checksum_stops(tmp_path):
    wrong = install(tmp_path, "0" * 64)
    assert wrong.returncode == 1
    assert "::error title=reqlint::checksum mismatch" in wrong.stdout
    assert wrong.added == []
    assert not any((tmp_path / "cache").glob("reqlint-*-x86_64-linux")), "nothing may be unpacked"


def test_install_checks_against_the_releases_sha256sums(tmp_path):
    first = install(tmp_path, "")
    assert first.returncode == 0, first.stdout + first.stderr
    # A tampered tarball next to the real SHA256SUMS is refused.
    version, tarball, _ = artifacts()
    fake = tmp_path / "release"
    fake.mkdir()
    (fake / tarball.name).write_bytes(tarball.read_bytes() + b"\0")
    (fake / "SHA256SUMS").write_text((tarball.parent / "SHA256SUMS").read_text())
    other = tmp_path / "other"
    other.mkdir()
    tampered = install(other, "", url=(fake / tarball.name).as_uri())
    assert tampered.returncode == 1 and "checksum mismatch" in tampered.stdout


def test_lint_step_runs_once_over_the_whole_list(tmp_path):
    version, tarball, _ = artifacts()
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    installed = install(tmp_path, digest)
    assert installed.returncode == 0, installed.stderr
    work = tmp_path / "repo"
    (work / "requests").mkdir(parents=True)
    (work / "requests/a.json").write_text(BROKEN)
    (work / "requests/b.json").write_text(BROKEN.replace('"JobType": "default"', '"JobType": "Advanced", "Bogus": 1'))
    (work / "requests/ok.json").write_text(json.dumps(IR_JOB))
    output = tmp_path / "github_output"
    env = {"PATH": installed.added[0] + ":" + BASE_PATH, "GITHUB_OUTPUT": str(output),
           "REQLINT_PATHS": "requests/a.json\n  requests/b.json\n\nrequests/ok.json\n", "REQLINT_FAIL_LEVEL": "error",
           "REQLINT_SARIF": "reqlint.sarif", "REQLINT_CONFIG": ""}
    result = subprocess.run([str(LINT)], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=requests/a.json,line=3,col=14" in result.stdout
    assert "::error file=requests/b.json" in result.stdout
    sarif = json.loads((work / "reqlint.sarif").read_text())
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert files == {"requests/a.json", "requests/b.json"}
    assert output.read_text() == "sarif=reqlint.sarif\n"
    clean = subprocess.run([str(LINT)], cwd=work, env=dict(env, REQLINT_PATHS="requests/ok.json"), capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
