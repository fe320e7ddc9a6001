"""What a build keeps in .cache/ is used only when it is whole: a damaged or unreadable file is made
again, never published and never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import build
from missionsite import files


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_unreadable(path: Path) -> None:
    """chmod 000, which stops anyone but root; for root, a link to nothing in the file's place."""
    if os.geteuid() != 0:
        path.chmod(0)
    else:
        path.unlink()
        path.symlink_to(path.with_name("nothing here"))


@pytest.fixture
def built_once(site_copy):
    result = build(site_copy)
    assert result.returncode == 0, result.stderr
    return site_copy, contents(site_copy / "site")


def test_damaged_preview_images_in_the_cache_are_drawn_again_not_published(built_once):
    site, first = built_once
    cache = site / ".cache" / "previews"
    emptied, garbled, cut, unreadable = sorted(cache.iterdir())[:4]
    emptied.write_bytes(b"")
    garbled.write_bytes(os.urandom(len(garbled.read_bytes())))
    cut.write_bytes(cut.read_bytes()[:1000])
    make_unreadable(unreadable)

    result = build(site)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert contents(site / "site") == first  # every image as drawn the first time
    # The cache holds them whole again, for the next build, and nothing else.
    published = [data for path, data in first.items() if path.startswith("assets/previews/")]
    assert sorted(contents(cache).values()) == sorted(published)


def test_damaged_compiled_templates_in_the_cache_are_compiled_again(built_once):
    site, first = built_once
    kept = sorted((site / ".cache" / "jinja").iterdir())
    assert len(kept) > 10
    damaged = {}
    for number, path in enumerate(kept):
        data = path.read_bytes()
        # Cut to 20 bytes (in Jinja's own format, inside the pickled checksum of the template's
        # source: the UnpicklingError that stopped every later build), emptied, or garbled.
        damaged[path] = [data[:20], b"", os.urandom(len(data))][number % 3]
        path.write_bytes(damaged[path])
    make_unreadable(kept[-1])

    result = build(site)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert contents(site / "site") == first
    assert all(path.is_file() and path.read_bytes() != damaged[path] for path in kept), "each is replaced"
    result = build(site)  # and what replaced them serves the next build
    assert result.returncode == 0, result.stderr
    assert contents(site / "site") == first


def test_a_write_that_fails_leaves_no_partial_file(tmp_path):
    taken = tmp_path / "image.png"
    taken.mkdir()  # a folder where the file should go: the last step, the rename, fails
    with pytest.raises(OSError):
        files.write_atomically(taken, b"data")
    assert [path.name for path in tmp_path.iterdir()] == ["image.png"]
