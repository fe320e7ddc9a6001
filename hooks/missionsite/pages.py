"""Hand the generated pages to MkDocs and put the mission pages into the navigation.

With `missions_hook.py`, the only module that imports MkDocs; it uses the public plugin API of
MkDocs 1.6 alone (`File.generated`, `Files`), so ProperDocs builds it too.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel

from .model import Catalogue, Mission
from .render import destination_path, mission_path

# The most missions of one country at one destination that the navigation lists. With
# navigation.prune a mission page carries its own group of the navigation, so this bounds every
# page's size and keeps the build linear: a larger group stays out of the navigation, and its
# missions are reached from the destination page's tables and the all-missions page. The real
# catalogue's largest group (China at the Moon) is well below it.
NAV_LIMIT = 30


class PageClash(Exception):
    """A hand-written file stands where a generated page must go."""


def register(files: Files, config: Any, pages: dict[str, str], catalogue: Catalogue) -> Files:
    clashes = sorted(path for path in pages if files.get_file_from_path(path) is not None)
    if clashes:
        listed = ", ".join(f"docs/{path}" for path in clashes)
        raise PageClash(f"{listed}: these pages are generated from data/; remove the hand-written file")
    in_nav = {m.id for groups in nav_groups(catalogue).values() for group in groups.values() for m in group}
    left_out = {mission_path(m.id) for m in catalogue.missions if m.id not in in_nav}
    for path, content in pages.items():
        # Declared out of the navigation, so that the strict build does not warn about them.
        inclusion = InclusionLevel.NOT_IN_NAV if path in left_out else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def nav_groups(catalogue: Catalogue) -> dict[str, dict[str, list[Mission]]]:
    """destination id -> country name -> its missions there, for each group the navigation lists."""
    groups: dict[str, dict[str, list[Mission]]] = {d.id: {} for d in catalogue.destinations}
    for dest in catalogue.destinations:
        for code, country in catalogue.vocab.countries.items():
            missions = catalogue.missions_to(dest.id, code)
            if 0 < len(missions) <= NAV_LIMIT:
                groups[dest.id][country] = missions
    return groups


def expand_nav(nav: list | None, catalogue: Catalogue) -> list | None:
    """Replace each destination's entry (`moon/index.md`) with a section holding its missions.

    Missions are grouped by country inside their destination: with Material's navigation.prune,
    a page then carries only its own branch of the navigation, not the whole catalogue. A group
    larger than NAV_LIMIT is left out. Titles are HTML-escaped because the theme writes them into
    the page as they are.
    """
    if nav is None:
        return None
    wanted = {destination_path(d.id): d for d in catalogue.destinations}
    missing = [path for path in wanted if not _mentions(nav, path)]
    if missing:
        raise PageClash(f"mkdocs.yml nav: add {', '.join(missing)}; every destination needs its place")
    groups = nav_groups(catalogue)
    return [_expand(item, wanted, groups) for item in nav]


def _mentions(nav: list, path: str) -> bool:
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == path or (isinstance(value, list) and _mentions(value, path)):
            return True
    return False


def _expand(item: Any, wanted: dict, groups: dict[str, dict[str, list[Mission]]]) -> Any:
    title, value = (next(iter(item.items())) if isinstance(item, dict) else (None, item))
    if isinstance(value, list):
        return {title: [_expand(child, wanted, groups) for child in value]}
    if value not in wanted:
        return item
    dest = wanted[value]
    section: list[Any] = [value]
    for country, missions in groups[dest.id].items():
        section.append({country: [{html.escape(m.name): mission_path(m.id)} for m in missions]})
    return {title or html.escape(dest.name): section}
