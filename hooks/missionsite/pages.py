"""Hand the generated files to MkDocs, put the mission pages into the navigation, and give the theme
what its templates need (page metadata, the 404 page's links).

With `missions_hook.py`, the only module that imports MkDocs; it uses the public plugin API of
MkDocs 1.6 alone (`File.generated`, `Files` and its `src_uris`, `File.url`, `File.page`), so ProperDocs builds it too.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files, InclusionLevel

from . import drawing, feed, meta, redirects, search_terms
from .model import Catalogue, Mission
from .urls import CHANGELOG, FEED, HOME_PAGE, MISSIONS_INDEX, absolute, destination_path, mission_path, relative_url

# The most missions of one country at one destination that the navigation lists. With
# navigation.prune a mission page carries its own group of the navigation, so this bounds every
# page's size and keeps the build linear: a larger group stays out of the navigation, and its
# missions are reached from the destination page's tables and the all-missions page. The real
# catalogue's largest group (China at the Moon) is well below it.
NAV_LIMIT = 30
# The theme's page for a missing URL (overrides/404.html), and Material's plugin for the offline edition.
NOT_FOUND_PAGE = "404.html"
OFFLINE_PLUGIN = "material/offline"


class PageClash(Exception):
    """A hand-written file stands where a generated page must go."""


def register(files: Files, config: Any, pages: Mapping[str, str | bytes | Path], catalogue: Catalogue) -> Files:
    """Adds generated files to MkDocs' list: text, bytes, or a file (a Path) for MkDocs to copy."""
    clashes = sorted(path for path in pages if path in files.src_uris)
    if clashes:
        listed = ", ".join(f"docs/{path}" for path in clashes)
        raise PageClash(f"{listed}: these pages are generated from data/; remove the hand-written file")
    in_nav = {m.id for groups in nav_groups(catalogue).values() for group in groups.values() for m in group}
    left_out = {mission_path(m.id) for m in catalogue.missions if m.id not in in_nav}
    for path, content in pages.items():
        # Declared out of the navigation, so that the strict build does not warn about them.
        inclusion = InclusionLevel.NOT_IN_NAV if path in left_out else InclusionLevel.UNDEFINED
        if isinstance(content, Path):
            files.append(File.generated(config, path, abs_src_path=str(content), inclusion=inclusion))
        else:
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def hand_written(docs_dir: str) -> frozenset[str]:
    """The docs/-relative paths of the hand-written pages: those a body in the data may link to."""
    docs = Path(docs_dir)
    return frozenset(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))


def url_finder(files: Files) -> Callable[[str], str]:
    """docs-relative source path -> the site-relative URL MkDocs gives it (for either use_directory_urls).

    Looked up in `src_uris`, not with get_file_from_path, which first rewrites the path as a PurePath:
    our paths are in that form already, and there is one lookup per mission and per redirect."""
    src_uris = files.src_uris
    return lambda src_uri: src_uris[src_uri].url


def linked_files(files: Files, config: Any, catalogue: Catalogue) -> dict[str, str]:
    """The files that point at pages, so are made once the pages have their URLs: redirects and feed."""
    url_of, site_url = url_finder(files), config.site_url
    result = {}
    redirect_page = redirects.page_writer()
    for folder, mission in redirects.all_redirects(catalogue).items():
        target = url_of(mission_path(mission.id))
        href = relative_url(target, folder)
        result[f"{folder}index.html"] = redirect_page(mission, href, absolute(site_url, target))
    result[FEED] = feed.atom(
        catalogue,
        title=config.site_name,
        feed_url=absolute(site_url, FEED),
        changelog_url=absolute(site_url, url_of(CHANGELOG)),
        mission_url=lambda mission_id: absolute(site_url, url_of(mission_path(mission_id))),
    )
    return result


def read_from_disk(config: Any) -> bool:
    """Whether this is the offline edition (mkdocs-offline.yml), read from disk: Material's offline
    plugin is on."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def theme_globals(files: Files, config: Any, catalogue: Catalogue) -> dict[str, Any]:
    """Variables for overrides/: every page's metadata, the preview images' size, the feed, and the
    404 page's way back.

    The 404 page is served for a missing URL at any depth, so its links are absolute paths. From
    disk (the offline edition) nothing serves it: it is only opened where it is, at the site's root,
    so there its links are relative (and the theme's too: not_found_context)."""
    pages = [
        meta.PageInfo(
            src_uri=file.src_uri,
            url=file.url,
            # the theme writes these unescaped, so generated pages carry them escaped; undo that once
            title=html.unescape(file.page.title or config.site_name),
            description=html.unescape(file.page.meta.get("description") or config.site_description or ""),
        )
        for file in files  # those with a page: documentation_pages() asks each of thousands of files twice, in Python
        if file.page is not None
    ]
    url_of, from_disk = url_finder(files), read_from_disk(config)
    root = "" if from_disk else urlsplit(config.site_url or "/").path
    return {
        "page_meta": meta.all_page_meta(
            catalogue, config.site_url, pages, site_name=config.site_name, repo_url=config.repo_url
        ),
        "preview_size": drawing.SIZE,
        "feed_url": absolute(config.site_url, FEED),
        "not_found_links": {
            "destinations": [(d.name, root + url_of(destination_path(d.id))) for d in catalogue.destinations],
            "missions": root + url_of(MISSIONS_INDEX),
            "home": url_of(HOME_PAGE) if from_disk else root,  # index.html from disk
        },
    }


def not_found_context(context: Any, template_name: str, config: Any) -> Any:
    """The offline edition's 404 page, with the theme's links relative to the site's root, where it
    is: MkDocs makes an error page's links absolute paths (its base_url), which from disk point at
    the root of the file system (file:///assets/..., an unstyled page with broken links)."""
    if template_name == NOT_FOUND_PAGE and read_from_disk(config):
        context["base_url"] = "."  # as every page at the root has it
    return context


def search_boosts(catalogue: Catalogue) -> dict[str, float]:
    """Page path -> its weight in search, for the mission pages that have one (search_terms.py)."""
    boosts = search_terms.search_boosts(catalogue.missions)
    return {mission_path(mission_id): boost for mission_id, boost in boosts.items()}


def boost_in_search(page: Any, boosts: Mapping[str, float]) -> None:
    """Gives `page` its weight in search, as `search: boost:` in its front matter would (Material's
    search reads the page's metadata after its Markdown is read, before its HTML is indexed)."""
    boost = boosts.get(page.file.src_uri)
    if boost is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": boost}


def nav_groups(catalogue: Catalogue) -> dict[str, dict[str, list[Mission]]]:
    """destination id -> country name -> its missions there, for each group the navigation lists."""
    groups: dict[str, dict[str, list[Mission]]] = {d.id: {} for d in catalogue.destinations}
    for dest in catalogue.destinations:
        for code, country in catalogue.vocab.countries.items():
            # Under its own destination only: Chang'e 2 is in the Moon's branch, not also the asteroids'.
            missions = [m for m in catalogue.missions_to(dest.id, code) if m.destination == dest.id]
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
    title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
    if isinstance(value, list):
        return {title: [_expand(child, wanted, groups) for child in value]}
    if value not in wanted:
        return item
    dest = wanted[value]
    section: list[Any] = [value]
    for country, missions in groups[dest.id].items():
        section.append({country: [{html.escape(m.name): mission_path(m.id)} for m in missions]})
    return {title or html.escape(dest.name): section}
