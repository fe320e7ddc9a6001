"""Hand the generated pages to MkDocs and put the mission pages into the navigation.

With `missions_hook.py`, the only module that imports MkDocs; it uses the public plugin API of
MkDocs 1.6 alone (`File.generated`, `Files`), so ProperDocs builds it too.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.structure.files import File, Files

from .model import Catalogue
from .render import destination_path, mission_path


class PageClash(Exception):
    """A hand-written file stands where a generated page must go."""


def register(files: Files, config: Any, pages: dict[str, str]) -> Files:
    clashes = sorted(path for path in pages if files.get_file_from_path(path) is not None)
    if clashes:
        listed = ", ".join(f"docs/{path}" for path in clashes)
        raise PageClash(f"{listed}: these pages are generated from data/; remove the hand-written file")
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    return files


def expand_nav(nav: list | None, catalogue: Catalogue) -> list | None:
    """Replace each destination's entry (`moon/index.md`) with a section holding its missions.

    Missions are grouped by country inside their destination: with Material's navigation.prune,
    a page then carries only its own branch of the navigation, not the whole catalogue. Titles are
    HTML-escaped because the theme writes them into the page as they are.
    """
    if nav is None:
        return None
    wanted = {destination_path(d.id): d for d in catalogue.destinations}
    missing = [path for path in wanted if not _mentions(nav, path)]
    if missing:
        raise PageClash(f"mkdocs.yml nav: add {', '.join(missing)}; every destination needs its place")
    return [_expand(item, wanted, catalogue) for item in nav]


def _mentions(nav: list, path: str) -> bool:
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == path or (isinstance(value, list) and _mentions(value, path)):
            return True
    return False


def _expand(item: Any, wanted: dict, catalogue: Catalogue) -> Any:
    title, value = (next(iter(item.items())) if isinstance(item, dict) else (None, item))
    if isinstance(value, list):
        return {title: [_expand(child, wanted, catalogue) for child in value]}
    if value not in wanted:
        return item
    dest = wanted[value]
    section: list[Any] = [value]
    for code, country in catalogue.vocab.countries.items():
        missions = catalogue.missions_to(dest.id, code)
        if missions:
            section.append({country: [{html.escape(m.name): mission_path(m.id)} for m in missions]})
    return {title or html.escape(dest.name): section}
