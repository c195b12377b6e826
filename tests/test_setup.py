"""scripts/setup.sh as a stranger meets it: a Python outside the supported range stops set-up
at once with one `setup:` line naming the version needed, before anything is created; and the
range is the same wherever it is written (set-up, the lock, pyproject, the CI workflow)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

SETUP = (ROOT / "scripts" / "setup.sh").read_text()
LOWEST = re.search(r"^lowest=(\S+) below=(\S+)$", SETUP, re.M)


def run_setup_with_range(tmp_path, lowest: str, below: str):
    """scripts/setup.sh, with its range set as given, run by this test's own Python."""
    (tmp_path / "scripts").mkdir()
    text = SETUP.replace(LOWEST[0], f"lowest={lowest} below={below}")
    (tmp_path / "scripts" / "setup.sh").write_text(text)
    return subprocess.run(["bash", "scripts/setup.sh"], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable}, timeout=60)


def version(parts: int = 3) -> str:
    return ".".join(map(str, sys.version_info[:parts]))


@pytest.mark.parametrize("where", ["too old", "too new"])
def test_a_python_outside_the_range_stops_setup_in_one_line(tmp_path, where):
    major, minor = sys.version_info[:2]
    lowest, below = (f"{major}.{minor + 1}", f"{major}.{minor + 2}") if where == "too old" \
        else (f"{major}.{minor - 1}", f"{major}.{minor}")
    done = run_setup_with_range(tmp_path, lowest, below)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("setup: "), done.stderr
    assert f"Python {lowest} or newer (below {below}) is needed" in lines[0]
    assert version() in lines[0]  # the version found
    assert not (tmp_path / ".venv").exists()


def test_the_running_python_is_inside_the_supported_range():
    """The tests themselves run on a supported Python (what set-up let through)."""
    lowest = tuple(map(int, LOWEST[1].split(".")))
    below = tuple(map(int, LOWEST[2].split(".")))
    assert lowest <= sys.version_info[:3] and sys.version_info[:2] < below


def test_the_range_is_the_same_in_setup_lock_pyproject_and_ci():
    lowest, below = LOWEST[1], LOWEST[2]
    lock_sh = (ROOT / "scripts" / "lock.sh").read_text()
    assert f"LOWEST_PYTHON={lowest}\n" in lock_sh
    for lock in ("runtime.txt", "test.txt"):
        first = (ROOT / "scripts" / "requirements" / lock).read_text().splitlines()[0]
        assert f"for Python {lowest} and newer" in first, f"{lock} was not made by scripts/lock.sh for {lowest}"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'requires-python = ">={lowest}"' in pyproject
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    images = [row["image"] for row in ci["jobs"]["check"]["strategy"]["matrix"]["include"]]
    highest = f"{below.split('.')[0]}.{int(below.split('.')[1]) - 1}"
    # Debian 12's own python3 is the lowest; the python image of the highest minor the other
    assert images == ["debian:bookworm", f"python:{highest}-bookworm"]
    assert lowest == "3.11.2"  # what Debian 12 ships: moving it means a new lowest image too


def test_setup_installs_the_locks_own_pip_first():
    """The venv's bundled pip (23.x) never installs the lock: the lock's pinned pip does."""
    boot = SETUP.index("--require-hashes --no-deps --only-binary=:all: -r \"$bootstrap\"")
    assert boot < SETUP.index('--require-hashes --only-binary=:all: -r "$lock"')
