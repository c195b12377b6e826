"""Shared fixtures: the repository root, the small valid test catalog, and copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_CATALOG = ROOT / "tests" / "data" / "catalog"


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the test catalog at tmp/catalog, with tmp as the working directory
    so that problems are reported as catalog/..."""
    dest = tmp_path / "catalog"
    shutil.copytree(TEST_CATALOG, dest)
    monkeypatch.chdir(tmp_path)
    return dest
