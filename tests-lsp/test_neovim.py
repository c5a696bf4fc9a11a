"""A real editor: headless Neovim opens a request file, gets diagnostics, fixes it, saves it."""

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import BIN, ROOT

SCRIPT = ROOT / "tests-lsp" / "nvim" / "reqlint.lua"
DIRTY = (
    "{\n"
    '  "JobName": "nvim-job",\n'
    '  "JobType": "default",\n'
    '  "RoleArn": "arn:aws:iam::123456789012:role/R",\n'
    '  "InputConfig": {}\n'
    "}\n"
)


def nvim_version(nvim: str):
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    match = re.search(r"v(\d+)\.(\d+)\.(\d+)", first)
    return tuple(int(x) for x in match.groups()) if match else (0, 0, 0)


def test_neovim_open_save_diagnostics(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (tests-lsp/run.sh installs Debian's neovim)")
    # vim.lsp.start_client and vim.diagnostic: Neovim 0.6 and later.
    assert nvim_version(nvim) >= (0, 6, 0), "Neovim too old for vim.lsp / vim.diagnostic"
    request = tmp_path / "job.json"
    request.write_text(DIRTY)
    out = tmp_path / "result.json"
    env = dict(os.environ, REQLINT_BIN=BIN, REQLINT_NVIM_FILE=str(request), REQLINT_NVIM_OUT=str(out),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
                   env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=90, check=True)
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    assert result["opened_in_time"], result
    (diagnostic,) = result["opened"]
    # Neovim's diagnostics are 0-based lines and columns, as LSP sends them.
    assert (diagnostic["lnum"], diagnostic["col"], diagnostic["end_lnum"], diagnostic["end_col"]) == (2, 13, 2, 22)
    assert diagnostic["severity"] == 1
    assert diagnostic["source"] == "reqlint"
    assert 'did you mean "Default"' in diagnostic["message"]
    assert len(result["after_edit"]) == 1, "publishOn=save: an unsaved edit publishes nothing"
    assert result["saved_in_time"] and result["saved"] == [], result
    assert '"JobType": "Default"' in request.read_text()


def readme_snippet() -> str:
    """The README's Neovim snippet, exactly as users copy it."""
    readme = (ROOT / "README.md").read_text()
    begin = readme.index("<!-- BEGIN NEOVIM SNIPPET")
    block = readme[begin:readme.index("<!-- END NEOVIM SNIPPET -->", begin)]
    return block.split("```lua\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("kind", ["json", "yaml"])
def test_readme_snippet_starts_reqlint(tmp_path, kind):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (tests-lsp/run.sh installs Debian's neovim)")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "requests").mkdir()
    init = tmp_path / "init.lua"
    init.write_text(readme_snippet())
    if kind == "json":
        request = project / "requests" / "job.json"
        request.write_text(DIRTY)
    else:
        request = project / "requests" / "job.yaml"
        request.write_text("JobName: nvim-job\nJobType: default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n")
    out = tmp_path / "result.json"
    # The snippet runs `reqlint` from PATH, as users have it.
    env = dict(os.environ, PATH=os.path.dirname(BIN) + os.pathsep + os.environ.get("PATH", ""), REQLINT_NVIM_OUT=str(out),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    check = ROOT / "tests-lsp" / "nvim" / "readme-check.lua"
    subprocess.run([nvim, "--headless", "-u", str(init), "-i", "NONE", "-n", str(request), "-c", f"luafile {check}"],
                   env=env, cwd=project, stdin=subprocess.DEVNULL, timeout=90, check=True)
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    assert result["filetype"] == kind, result
    assert result["opened_in_time"], result
    assert result["clients"] == 1, result
    (diagnostic,) = result["diagnostics"]
    assert diagnostic["lnum"] == (2 if kind == "json" else 1), diagnostic
    assert 'did you mean "Default"' in diagnostic["message"]
