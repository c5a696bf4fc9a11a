"""The release artifacts: what is in them, that they are correct packages, reproducible, and
that nothing of the Swift toolchain is needed to run them."""
import hashlib
import os
import re
import subprocess
import tarfile
import zipfile

from conftest import DIST, RELEASE_TOOLS, ROOT, TOOLCHAIN, artifacts


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_tarball_holds_both_executables_readme_and_notices():
    version, tarball, _ = artifacts()
    with tarfile.open(tarball) as tar:
        members = {m.name: m for m in tar.getmembers()}
    top = f"reqlint-{version}-x86_64-linux"
    for name, mode in [("reqlint", 0o755), ("reqlint-send", 0o755), ("README.md", 0o644), ("THIRD-PARTY-NOTICES", 0o644)]:
        member = members[f"{top}/{name}"]
        assert member.mode == mode and member.uid == 0 and member.gid == 0, name
    assert [m for m in members] == sorted(members)


def test_sha256sums_lists_every_archive():
    _, tarball, wheel = artifacts()
    lines = (DIST / "SHA256SUMS").read_text().splitlines()
    assert lines == [f"{sha256(p)}  {p.name}" for p in sorted([tarball, wheel], key=lambda p: p.name)]


def test_wheel_passes_twine_check_and_check_wheel_contents():
    _, _, wheel = artifacts()
    for tool in ["twine", "check-wheel-contents"]:
        assert (RELEASE_TOOLS / tool).exists(), f"{tool} is not installed (scripts/bootstrap puts it in .build/release-tools)"
    twine = subprocess.run([RELEASE_TOOLS / "twine", "check", "--strict", wheel], capture_output=True, text=True)
    assert twine.returncode == 0 and "PASSED" in twine.stdout, twine.stdout + twine.stderr
    contents = subprocess.run([RELEASE_TOOLS / "check-wheel-contents", wheel], capture_output=True, text=True)
    assert contents.returncode == 0, contents.stdout + contents.stderr


def test_wheel_platform_tag_is_the_glibc_the_binaries_need():
    _, tarball, wheel = artifacts()
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        data = [n for n in names if n.endswith("/scripts/reqlint-send")][0]
        binary = zf.read(data)
        tag = re.search(r"^Tag: (.*)$", zf.read([n for n in names if n.endswith(".dist-info/WHEEL")][0]).decode(), re.M).group(1)
        mode = zf.getinfo(data).external_attr >> 16
    assert mode & 0o111, "the executables must be executable in the wheel"
    path = DIST / "reqlint-send.check"
    path.write_bytes(binary)
    try:
        symbols = subprocess.run(["objdump", "-T", path], capture_output=True, text=True, check=True).stdout
    finally:
        path.unlink()
    needed = max(int(m) for m in re.findall(r"GLIBC_2\.(\d+)", symbols))
    assert tag == f"py3-none-manylinux_2_{needed}_x86_64"
    assert wheel.name.endswith(f"-py3-none-manylinux_2_{needed}_x86_64.whl")


def test_wheel_is_manylinux_as_auditwheel_judges_it():
    """auditwheel (PyPA's manylinux checker): every library the executables load is on the
    manylinux policy's list, and the glibc symbols allow the tag the wheel carries."""
    _, _, wheel = artifacts()
    assert (RELEASE_TOOLS / "auditwheel").exists(), "auditwheel is not installed (scripts/bootstrap puts it in .build/release-tools)"
    shown = subprocess.run([RELEASE_TOOLS / "auditwheel", "show", wheel], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    text = " ".join(shown.stdout.split())
    tag = re.search(r"py3-none-(manylinux_2_\d+_x86_64)", wheel.name).group(1)
    assert f'consistent with the following platform tag: "{tag}"' in text, text


def test_nothing_from_the_toolchain_is_loaded():
    """ldd of both executables, and the dynamic loader's own log of what it opens while the
    toolchain is visible: no path under the toolchain, no Swift runtime or Foundation library."""
    version, tarball, _ = artifacts()
    with tarfile.open(tarball) as tar:
        tar.extractall(DIST / "ldd-check", filter="data")
    folder = DIST / "ldd-check" / f"reqlint-{version}-x86_64-linux"
    try:
        static = subprocess.run(["ldd", folder / "reqlint"], capture_output=True, text=True)
        assert "not a dynamic executable" in static.stdout + static.stderr
        ldd = subprocess.run(["ldd", folder / "reqlint-send"], capture_output=True, text=True, check=True).stdout
        assert str(TOOLCHAIN) not in ldd and "not found" not in ldd, ldd
        assert not re.search(r"libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU", ldd), ldd
        needed = re.findall(r"NEEDED\s+(\S+)", subprocess.run(["objdump", "-p", folder / "reqlint-send"], capture_output=True, text=True, check=True).stdout)
        # Only what every Debian and Ubuntu install has: glibc, libstdc++, libgcc_s, zlib (no
        # libcurl, no libssl: HTTP and TLS are linked in).
        assert sorted(needed) == sorted(["libm.so.6", "libz.so.1", "libstdc++.so.6", "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2"]), needed
        for line in ldd.splitlines():
            path = line.split("=>")[-1].split("(")[0].strip()
            assert path == "" or path.startswith(("/lib", "/usr/lib")) or "vdso" in line, line
        log = subprocess.run([folder / "reqlint-send", "--help"], capture_output=True, text=True,
                             env={"LD_DEBUG": "files", "PATH": os.environ["PATH"], "LD_LIBRARY_PATH": str(TOOLCHAIN / "usr/lib/swift/linux")})
        opened = re.findall(r"file=(\S+)", log.stderr)
        assert opened, log.stderr[:500]
        assert not [f for f in opened if str(TOOLCHAIN) in f or "libswift" in f or "libFoundation" in f], opened
    finally:
        subprocess.run(["rm", "-rf", DIST / "ldd-check"])


def test_two_runs_give_byte_identical_archives():
    runs = []
    for _ in range(2):
        rerun = subprocess.run([ROOT / "scripts/release"], cwd=ROOT, capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        runs.append({p.name: sha256(p) for p in DIST.iterdir()})
    assert runs[0] == runs[1]
    assert len(runs[0]) == 3
