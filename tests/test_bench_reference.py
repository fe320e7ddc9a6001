"""The benchmark's stock reference holds the whole of every page, or its ratio means nothing."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import reference  # noqa: E402  (bench/reference.py, as `make bench` runs it)


def test_the_reference_pages_hold_every_part_the_hook_sets_aside(site_copy, tmp_path):
    target = reference.write(site_copy, tmp_path / "reference")
    pages = {
        p.relative_to(target / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in (target / "docs").rglob("*.md")
    }
    assert not [here for here, text in pages.items() if "data-set-aside" in text]
    mission = pages["missions/chang-e-4.md"]
    assert 'id="landing"' in mission and "<table" in mission and "<dl" in mission
    assert "<table" in pages["moon/index.md"]
    # Everything is indexed, the way a stock site indexes it.
    assert not [here for here, text in pages.items() if "data-search-exclude" in text]
