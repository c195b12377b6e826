"""Nothing outside the catalog is read (issue 8): absolute paths, '..', symbolic links that
leave the catalog and devices are refused as located problems, and never opened."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from claimcheck import containment
from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from conftest import TEST_CATALOG

SECRET = "root:x:0:0:secret line that must never be published\n"


def problems_of(catalog_dir):
    catalog = load_catalog(catalog_dir)
    return catalog, run_checks(catalog)


def set_source_field(catalog_dir, field, value):
    path = catalog_dir / "sources" / "vip" / "source.yml"
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def outside_file(tmp_path, text=SECRET):
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rendered(problems):
    return "\n".join(f"{p.location} {p.check} {p.message}" for p in problems)


def test_absolute_archive_path_is_refused_and_not_read(catalog_copy, tmp_path):
    secret = outside_file(tmp_path)
    set_source_field(catalog_copy, "archive", str(secret))
    catalog, problems = problems_of(catalog_copy)
    archive = [p for p in problems if p.check == "archive-hash"]
    assert len(archive) == 1 and archive[0].location.file == "catalog/sources/vip/source.yml"
    assert archive[0].location.line > 1 and "absolute path" in archive[0].message
    assert "secret line" not in rendered(problems)
    assert hashlib.sha256(SECRET.encode()).hexdigest() not in rendered(problems)
    assert catalog.archive(catalog.sources[0]) is None
    assert not any(p.check == "quote" for p in problems)  # quotes are not searched in it


def test_dotdot_archive_path_is_refused(catalog_copy):
    set_source_field(catalog_copy, "archive", "../vip/archive.txt")
    _, problems = problems_of(catalog_copy)
    assert any(p.check == "archive-hash" and "'..'" in p.message for p in problems)


def test_archive_symlink_leaving_the_catalog_is_never_published(catalog_copy, tmp_path):
    secret = outside_file(tmp_path)
    archive = catalog_copy / "sources" / "vip" / "archive.txt"
    archive.unlink()
    archive.symlink_to(secret)
    set_source_field(catalog_copy, "archive_sha256", hashlib.sha256(SECRET.encode()).hexdigest())
    catalog, problems = problems_of(catalog_copy)
    link = [p for p in problems if p.check == "containment"]
    assert [str(p.location) for p in link] == ["catalog/sources/vip/archive.txt:1:1"]
    assert "outside the catalog" in link[0].message
    assert any(p.check == "archive-hash" and "leads outside" in p.message for p in problems)
    assert catalog.archive(catalog.sources[0]) is None
    assert "secret line" not in rendered(problems)


def test_archive_symlink_to_an_endless_device_is_refused(catalog_copy):
    archive = catalog_copy / "sources" / "vip" / "archive.txt"
    archive.unlink()
    archive.symlink_to("/dev/zero")
    catalog, problems = problems_of(catalog_copy)
    assert any(p.check == "containment" and p.location.file.endswith("archive.txt") for p in problems)
    assert catalog.archive(catalog.sources[0]) is None


def test_linked_source_folder_is_reported_and_not_loaded(catalog_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(catalog_copy / "sources" / "vip", elsewhere)
    (catalog_copy / "sources" / "evil").symlink_to(elsewhere, target_is_directory=True)
    catalog, problems = problems_of(catalog_copy)
    assert [s.folder.name for s in catalog.sources] == ["vip"]
    assert [str(p.location) for p in problems if p.check == "containment"] == ["catalog/sources/evil:1:1"]


def test_linked_source_folder_inside_the_catalog_is_not_loaded_twice(catalog_copy):
    (catalog_copy / "sources" / "twin").symlink_to("vip", target_is_directory=True)
    catalog, problems = problems_of(catalog_copy)
    assert [s.folder.name for s in catalog.sources] == ["vip"]
    assert any(p.location.file == "catalog/sources/twin" and "symbolic link" in p.message
               for p in problems)


def test_claims_file_symlink_outside_and_dangling_are_reported(catalog_copy, tmp_path):
    claims = catalog_copy / "sources" / "vip" / "claims.yml"
    target = outside_file(tmp_path, claims.read_text(encoding="utf-8"))
    claims.unlink()
    claims.symlink_to(target)
    catalog, problems = problems_of(catalog_copy)
    assert catalog.claims == []
    assert any(p.location.file == "catalog/sources/vip/claims.yml" and p.check == "containment"
               for p in problems)
    claims.unlink()
    claims.symlink_to("missing.yml")  # dangling, inside the folder
    catalog, problems = problems_of(catalog_copy)
    assert any(p.location.file == "catalog/sources/vip/claims.yml" and "nothing" in p.message
               for p in problems)


def test_link_that_stays_inside_the_catalog_is_allowed(catalog_copy):
    (catalog_copy / "sources" / "vip" / "copy.txt").symlink_to("archive.txt")
    _, problems = problems_of(catalog_copy)
    assert problems == []


def test_symlinked_catalog_folder_is_refused(catalog_copy, tmp_path):
    link = tmp_path / "linked"
    link.symlink_to(catalog_copy, target_is_directory=True)
    catalog, problems = problems_of(link)
    assert catalog.docs == [] and [p.check for p in problems] == ["containment"]


def test_archive_over_the_size_limit_is_refused(catalog_copy, monkeypatch):
    monkeypatch.setattr(containment, "MAX_ARCHIVE_BYTES", 100)
    catalog, problems = problems_of(catalog_copy)
    assert any(p.check == "archive-hash" and "larger than" in p.message for p in problems)
    assert catalog.archive(catalog.sources[0]) is None


def test_cli_reports_containment_without_traceback(catalog_copy):
    archive = catalog_copy / "sources" / "vip" / "archive.txt"
    archive.unlink()
    archive.symlink_to("/etc/passwd")
    result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", "--catalog", "catalog"],
                            capture_output=True, text=True, cwd=catalog_copy.parent, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "catalog/sources/vip/archive.txt:1:1: error: symbolic link leads outside" in result.stdout
    assert "root:" not in result.stdout


def test_new_refuses_to_write_through_a_symlinked_claims_file(catalog_copy, tmp_path, capsys):
    from claimcheck.cli import main

    claims = catalog_copy / "sources" / "vip" / "claims.yml"
    target = outside_file(tmp_path, claims.read_text(encoding="utf-8"))
    before = target.read_bytes()
    claims.unlink()
    claims.symlink_to(target)
    code = main(["new", "--catalog", str(catalog_copy), "--source", "vip",
                 "--quote", "Researchers believe ketamine is so effective"])
    assert code == 2
    assert "symbolic link" in capsys.readouterr().err
    assert target.read_bytes() == before
    claims.unlink()
    claims.symlink_to(tmp_path / "outside" / "created.yml")  # dangling: new must not create it
    assert main(["new", "--catalog", str(catalog_copy), "--source", "vip",
                 "--quote", "Researchers believe ketamine is so effective"]) == 2
    assert not (tmp_path / "outside" / "created.yml").exists()


def test_diff_tolerates_symlinks_and_submodules_in_the_base_revision(tmp_path, monkeypatch, capsys):
    """A base revision holding an absolute symlink and a submodule entry once crashed
    'claimcheck diff' (AbsoluteLinkError) for every later pull request."""
    import os

    from claimcheck.cli import main

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True, env=env).stdout.strip()

    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    git("init", "-q", "-b", "main")
    (tmp_path / "claims" / "sources" / "vip" / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "claims" / "sources" / "vip" / "up").symlink_to("../../..")
    git("add", "-A")
    commit = git("commit-tree", git("write-tree"), "-m", "x")  # any commit id will do for a gitlink
    git("update-index", "--add", "--cacheinfo", f"160000,{commit},claims/sources/sub")
    git("commit", "-q", "-m", "base with hostile blobs")
    for name in ("passwd.txt", "up"):
        (tmp_path / "claims" / "sources" / "vip" / name).unlink()
    monkeypatch.chdir(tmp_path)
    code = main(["diff", "main"])
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.err
    assert "root:" not in captured.out


def test_symlink_loop_is_reported_not_raised(catalog_copy):
    topics = catalog_copy / "topics.yml"
    topics.unlink()
    topics.symlink_to(topics)  # found by the mutation fuzzer: once a RuntimeError
    _, problems = problems_of(catalog_copy)
    assert any(p.location.file == "catalog/topics.yml" and p.check == "containment" for p in problems)


def test_docs_links_leaving_the_folder_are_found(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "same.md").symlink_to("page.md")
    found = containment.leaving([docs / "page.md", docs / "passwd.md", docs / "same.md"], docs)
    assert found == [str(docs / "passwd.md")]


def test_release_file_linked_outside_the_catalog_is_not_read(catalog_copy, tmp_path):
    outside = outside_file(tmp_path, 'version: "9.9.9"\ndate: "2030-01-01"\n')
    (catalog_copy / "release.yml").symlink_to(outside)
    catalog, problems = problems_of(catalog_copy)
    assert catalog.release is None
    assert any(p.check == containment.ID and "release.yml" in p.location.file for p in problems)


def test_linked_sources_folder_is_reported_not_silently_empty(catalog_copy):
    shutil.move(catalog_copy / "sources", catalog_copy / "elsewhere")
    (catalog_copy / "sources").symlink_to(catalog_copy / "elsewhere")  # stays inside the catalog
    catalog, problems = problems_of(catalog_copy)
    assert not catalog.sources
    assert any(p.check == containment.ID and "sources folder is a symbolic link" in p.message
               for p in problems), rendered(problems)
