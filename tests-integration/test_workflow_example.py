"""The GitHub Action and the documented workflow are valid, and every project link uses the
one project address (Sources/CReqLintStamp/stamp.c)."""
import pathlib
import re
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def check(schema, path):
    tool = shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is not installed (pip install check-jsonschema)"
    result = subprocess.run([tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_actions_example_validates():
    check("vendor.github-workflows", ROOT / "docs/examples/github-actions.yml")


def test_action_validates():
    check("vendor.github-actions", ROOT / "action.yml")


def test_example_uses_the_action_not_a_source_build():
    example = (ROOT / "docs/examples/github-actions.yml").read_text()
    assert "uses: reqlint/reqlint@v" in example
    assert "swift build" not in example and "xargs" not in example


def test_every_project_link_is_the_one_constant():
    stamp = (ROOT / "Sources/CReqLintStamp/stamp.c").read_text()
    project = re.search(r'#define REQLINT_PROJECT_URL "([^"]+)"', stamp).group(1)
    owner_repo = project.removeprefix("https://github.com/")
    files = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml", ROOT / "action.yml", *sorted((ROOT / "docs").rglob("*.yml"))]
    for path in files:
        text = path.read_text()
        assert "<owner>" not in text, path
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
            if url.rstrip(".").endswith("/reqlint"):
                assert url.rstrip(".") == project, f"{path}: {url}"
        for uses in re.findall(r"uses: ([\w.-]+/reqlint)@", text):
            assert uses == owner_repo, f"{path}: {uses}"
