"""Two helpers of a large build: the page folders made by a second process while pages
are rendered (site/fast/folders.py), and garbage collected between serve rebuilds (idlegc.py)."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from claimcheck.site.fast import folders as sitefolders, idlegc

from conftest import site_catalog, site_config


def test_folders_are_made_by_a_second_process(tmp_path):
    names = [tmp_path / "site" / "claims" / f"c{i}" for i in range(sitefolders.FROM_FOLDERS)]
    names += [tmp_path / "site" / "sources" / "odd name ü", tmp_path / "site" / "claims" / "c0"]
    folders = sitefolders.Folders()
    assert folders.start(map(str, names))
    assert folders.proc is not None  # a process of its own, not this one's thread
    folders.finish()
    assert all(p.is_dir() for p in names)
    assert folders.proc is None


def test_few_folders_are_left_to_mkdocs(tmp_path):
    folders = sitefolders.Folders()
    assert not folders.start([str(tmp_path / "a"), str(tmp_path / "b")])
    folders.finish()
    assert not (tmp_path / "a").exists()


def test_a_stopped_folder_maker_is_gone(tmp_path):
    folders = sitefolders.Folders()
    folders.start(str(tmp_path / f"f{i}") for i in range(sitefolders.FROM_FOLDERS))
    proc = folders.proc
    folders.stop()
    assert proc.poll() is not None and folders.proc is None


def test_a_build_with_many_pages_makes_their_folders_first(tmp_path, monkeypatch):
    """The real build path (mkdocs build, the plugin): with the threshold lowered to the
    test catalog's size, the folder maker runs and the site is complete. (Logged by a
    process-wide hook, so the build runs in this process.)"""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(sitefolders, "FROM_FOLDERS", 1)
    started = []
    real_start = sitefolders.Folders.start
    monkeypatch.setattr(sitefolders.Folders, "start",
                        lambda self, folders: started.append(list(folders)) or
                        real_start(self, started[-1]))
    cat = site_catalog(tmp_path / "catalog")
    config = load_config(str(site_config(tmp_path, cat, options="      search: false\n")))
    try:
        build(config)
    finally:
        gc.unfreeze()  # the plugin sets a build's data aside for the rest of the process
    site = Path(config.site_dir)
    [made] = started
    assert made and all(Path(f).is_dir() for f in made)
    assert {Path(f) for f in made} == {p.parent for p in site.glob("*/*/index.html")
                                       if p.parts[-3] in ("claims", "sources", "topics")}


def test_garbage_is_collected_between_builds_and_the_rest_set_aside():
    collector = idlegc.IdleCollector(delay=0.05)

    class Node:
        pass

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        gc.disable()  # nothing else collects while the test looks
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = __import__("weakref").ref(a)
        del a, b  # a cycle: only the cyclic collector frees it
        assert ref() is not None
        collector.build_finished()
        time.sleep(0.5)
        assert ref() is None  # collected after the build
        assert gc.get_freeze_count() > 0  # what survived is out of the way

        c, d = Node(), Node()
        c.other, d.other = d, c
        ref = __import__("weakref").ref(c)
        del c, d
        collector.build_finished()
        collector.build_started()  # a build starting before the pause ends: no collection
        time.sleep(0.3)
        assert ref() is not None
        collector.build_finished()
        time.sleep(0.5)
        assert ref() is None
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_kept_plugin_chooses_its_accelerator_again_when_the_options_change(tmp_path):
    """mkdocs keeps the plugin object across builds in one process (and serve's config
    reloads): a build with other options must not run with the accelerator the first build
    chose (it once kept `search: false`'s, so the next build never indexed early)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from claimcheck.site.fast import BuildAccelerator, NoAcceleration

    cat = site_catalog(tmp_path / "catalog")
    chosen = []
    for n, options in enumerate(("      fast_pages: false\n      search: false\n",
                                 "      search: false\n")):
        (tmp_path / str(n)).mkdir()
        config = load_config(str(site_config(tmp_path / str(n), cat, options=options)))
        try:
            build(config)
        finally:
            gc.unfreeze()
        chosen.append(config.plugins["claimcheck"].accel)
    assert type(chosen[0]) is NoAcceleration
    assert isinstance(chosen[1], BuildAccelerator)
