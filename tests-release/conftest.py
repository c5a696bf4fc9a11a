"""The release artifacts tested as a user gets them: the wheel installed into a fresh virtual
environment and the tarball unpacked, then run from a folder outside the checkout, as the user
`nobody`, in a mount namespace where the Swift toolchain (/opt/swift) and the checkout are
hidden under empty file systems and PATH holds only the installed reqlint and /usr/bin:/bin.

Needs root (unshare -m, setpriv) and dist/ from scripts/release (tests-release/run.sh makes it).
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
TOOLCHAIN = pathlib.Path(os.environ.get("SWIFT_TOOLCHAIN", "/opt/swift"))
RELEASE_TOOLS = ROOT / ".build/release-tools/bin"

IR_JOB = {
    "JobName": "churn-load-test",
    "JobType": "Advanced",
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerInferenceRecommenderRole",
    "InputConfig": {
        "ModelPackageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgboost/3",
        "JobDurationInSeconds": 1800,
        "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge"}],
    },
}
BROKEN = """{
  "JobName": "nightly",
  "JobType": "default",
  "RoleArn": "arn:aws:iam::123456789012:role/R",
  "InputConfig": {}
}
"""


def artifacts():
    """(version, tarball, wheel) in dist/."""
    tarballs = sorted(DIST.glob("reqlint-*-x86_64-linux.tar.gz"))
    wheels = sorted(DIST.glob("reqlint-*-py3-none-*.whl"))
    if len(tarballs) != 1 or len(wheels) != 1:
        pytest.fail(f"expected one tarball and one wheel in {DIST} (run scripts/release)")
    version = tarballs[0].name[len("reqlint-"):-len("-x86_64-linux.tar.gz")]
    return version, tarballs[0], wheels[0]


class Sandbox:
    """A user's machine without Swift: a folder under /tmp, `nobody`, the toolchain and the
    checkout hidden, PATH = the install's bin folder + /usr/bin:/bin."""

    def __init__(self, base: pathlib.Path, bin_dir: pathlib.Path):
        self.base = base
        self.bin_dir = bin_dir
        self.home = base / "home"
        self.home.mkdir()
        shutil.chown(self.home, "nobody", "nogroup")
        self.home.chmod(0o700)  # only the user can read it

    def write(self, name: str, text: str) -> pathlib.Path:
        path = self.home / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for p in [path, *path.parents]:
            if p == self.home:
                break
            shutil.chown(p, "nobody", "nogroup")
        return path

    def copy_tree(self, source: pathlib.Path, name: str) -> pathlib.Path:
        target = self.home / name
        shutil.copytree(source, target)
        for dirpath, dirnames, filenames in os.walk(target):
            shutil.chown(dirpath, "nobody", "nogroup")
            for f in filenames:
                shutil.chown(os.path.join(dirpath, f), "nobody", "nogroup")
        return target

    def run(self, *args, input=None, env=None, timeout=120):
        hidden = [str(TOOLCHAIN), str(ROOT)]
        mounts = " && ".join(f"mount -t tmpfs -o ro,size=4k none '{h}'" for h in hidden if os.path.isdir(h))
        environment = {"PATH": f"{self.bin_dir}:/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8"}
        environment.update(env or {})
        env_args = [f"{k}={v}" for k, v in environment.items()]
        script = f'{mounts} && cd "$0" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups -- env -i "$@"'
        return subprocess.run(["unshare", "-m", "sh", "-c", script, str(self.home), *env_args, *args],
                              input=input, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def release():
    return artifacts()


def _base():
    base = pathlib.Path(tempfile.mkdtemp(prefix="reqlint-user-", dir="/tmp"))
    base.chmod(0o711)
    return base


@pytest.fixture(scope="session", params=["wheel", "tarball"])
def installed(request, release):
    """A Sandbox with reqlint installed from the wheel (a fresh virtual environment, pip from
    the file, no index) or from the unpacked tarball."""
    version, tarball, wheel = release
    base = _base()
    install = base / "install"
    install.mkdir()
    if request.param == "wheel":
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(install / "venv")], check=True)
        pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(install / "venv/bin/python"), "install",
                              "--no-index", "--disable-pip-version-check", "-q", str(wheel)], capture_output=True, text=True)
        assert pip.returncode == 0, pip.stdout + pip.stderr
        bin_dir = install / "venv/bin"
    else:
        subprocess.run(["tar", "-xzf", str(tarball), "-C", str(install)], check=True)
        bin_dir = install / f"reqlint-{version}-x86_64-linux"
    for dirpath, _, _ in os.walk(install):
        os.chmod(dirpath, 0o755)
    sandbox = Sandbox(base, bin_dir)
    sandbox.kind = request.param
    yield sandbox
    shutil.rmtree(base, ignore_errors=True)


def dev_reqlint() -> pathlib.Path:
    """The development build to compare verdicts with."""
    for candidate in [os.environ.get("REQLINT_DEV_BIN", ""), ROOT / ".build/debug/reqlint", ROOT / ".build/release/reqlint"]:
        if candidate and os.access(candidate, os.X_OK):
            return pathlib.Path(candidate)
    pytest.fail("no development build of reqlint (swift build)")
