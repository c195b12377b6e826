"""The hash-locked dependency files (scripts/requirements/*.txt, written by scripts/lock.sh):
the venv the tests run in holds exactly the locked versions, and the lock covers every
dependency pyproject.toml declares, at a version pyproject allows."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCKS = ROOT / "scripts" / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def pins(lock: str) -> dict[str, str]:
    """name -> version of every `name==version` line of a lock file."""
    text = (LOCKS / lock).read_text()
    return {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def hashed(lock: str) -> dict[str, int]:
    """name -> number of --hash options it carries."""
    counts: dict[str, int] = {}
    name = ""
    for line in (LOCKS / lock).read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==", line):
            name = canonicalize_name(m[1])
            counts[name] = 0
        if "--hash=sha256:" in line and name:
            counts[name] += 1
    return counts


def installed() -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==(\S+)$", line):
            found[canonicalize_name(m[1])] = m[2]
    return found


def test_the_venv_holds_exactly_the_test_lock():
    """What scripts/setup.sh --test installed is the lock, no more, no other versions."""
    locked, have = pins("test.txt"), installed()
    have.pop("claimcheck", None)  # the project itself, installed with --no-deps
    missing = {n: v for n, v in locked.items() if n not in have}
    other = {n: (have[n], v) for n, v in locked.items() if n in have and have[n] != v}
    extra = {n: v for n, v in have.items() if n not in locked}
    assert not (missing or other or extra), (
        f"the venv differs from scripts/requirements/test.txt: missing {missing}, "
        f"other versions (installed, locked) {other}, not in the lock {extra}; "
        "run scripts/setup.sh --test (or delete .venv first if something is not in the lock)")


@pytest.mark.parametrize("lock, groups", [("runtime.txt", ["dependencies"]),
                                          ("test.txt", ["dependencies", "test"])])
def test_the_lock_covers_every_pyproject_dependency(lock, groups):
    locked = pins(lock)
    declared = list(PYPROJECT["project"]["dependencies"])
    if "test" in groups:
        declared += PYPROJECT["project"]["optional-dependencies"]["test"]
    declared += PYPROJECT["build-system"]["requires"]  # installed with --no-build-isolation
    problems = []
    for spec in map(Requirement, declared):
        name = canonicalize_name(spec.name)
        if name not in locked:
            problems.append(f"{spec} is not in {lock}")
        elif not spec.specifier.contains(locked[name], prereleases=True):
            problems.append(f"{spec} does not allow the locked {name}=={locked[name]}")
    assert not problems, "; ".join(problems) + ": run scripts/lock.sh"


@pytest.mark.parametrize("lock", ["runtime.txt", "test.txt"])
def test_every_locked_package_is_pinned_with_hashes(lock):
    counts = hashed(lock)
    assert counts and all(n >= 1 for n in counts.values()), {n: c for n, c in counts.items() if not c}
    assert "pip" in counts and "setuptools" in counts  # bootstrap.in: installed from the lock too


def test_runtime_lock_agrees_with_the_test_lock():
    """The site builds with the same versions whether or not the test tools are installed."""
    runtime, test = pins("runtime.txt"), pins("test.txt")
    assert {n: (v, test.get(n)) for n, v in runtime.items() if test.get(n) != v} == {}


def test_setup_installs_only_from_the_lock_with_hashes():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert "--require-hashes" in setup and "scripts/requirements/test.txt" in setup
    assert re.search(r"pip install .*--no-deps .*-e \.", setup)
    for script in ("serve.sh", "test.sh"):
        assert "scripts/setup.sh" in (ROOT / "scripts" / script).read_text()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    assert "scripts/lock.sh" in (ROOT / "CONTRIBUTING.md").read_text()


def test_a_tampered_hash_is_refused(tmp_path):
    """--require-hashes is real: pip refuses a lock whose hash does not match the file."""
    lock = (LOCKS / "runtime.txt").read_text()
    block = re.search(r"^mergedeep==\S+ \\\n(?:\s+--hash=sha256:\w+ ?\\?\n)+", lock, re.M)[0]
    version = re.match(r"mergedeep==(\S+)", block)[1]
    bad = tmp_path / "bad.txt"
    bad.write_text(f"mergedeep=={version} --hash=sha256:{'0' * 64}\n")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps",
                             "--disable-pip-version-check", "--require-hashes", "--only-binary=:all:",
                             "--target", str(tmp_path / "t"), "-r", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "THESE PACKAGES DO NOT MATCH THE HASHES" in result.stderr, result.stderr


def test_setup_says_what_it_is_doing_before_each_slow_step():
    """First set-up used to be silent for minutes: each install is announced first."""
    lines = [l.strip() for l in (ROOT / "scripts" / "setup.sh").read_text().splitlines()]
    slow = [i for i, l in enumerate(lines)
            if re.match(r"(pip install|python3 -m venv|apt-get update)", l)]
    assert len(slow) >= 4
    for i in slow:
        assert re.match(r'(say|echo) "', lines[i - 1]), lines[i]
    assert 'say "ready in' in "\n".join(lines)


def test_setup_reads_the_debian_package_lists_at_most_once():
    """One `apt-get update` for every Debian package, behind a guard, not one per package."""
    text = (ROOT / "scripts" / "setup.sh").read_text()
    updates = [l for l in text.splitlines() if re.match(r"\s*apt-get update", l)]
    assert len(updates) == 1 and text.count("apt-get update") == 1
    guard = re.search(r"apt_lists\(\) \{.*?\n\}", text, re.S)
    assert guard and "apt-get update" in guard[0] and '[ -n "$apt_lists_read" ] && return 0' in guard[0]
    installs = [l for l in text.splitlines() if "apt-get install -y" in l]
    assert installs and all(l.strip().startswith("apt_lists &&") for l in installs)
