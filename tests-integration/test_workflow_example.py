"""The documented GitHub Actions workflow is a valid workflow file."""
import pathlib
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_github_actions_example_validates():
    tool = shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is not installed (pip install check-jsonschema)"
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(ROOT / "docs/examples/github-actions.yml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
