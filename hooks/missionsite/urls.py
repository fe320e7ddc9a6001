"""Every address of the site, in one place: where each page's source lives in docs/ (generated or
not), the URL MkDocs serves it at, links between pages, absolute URLs, redirects, preview images, the
data export, and the anchors within pages. Nothing else builds a path, URL or anchor of the site.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import urljoin

from .model import Change, Milestone, Mission

# --- Pages: paths in docs/, as MkDocs names their sources ------------------------------------------


def mission_path(mission_id: str) -> str:
    return f"missions/{mission_id}.md"


def destination_path(destination_id: str) -> str:
    return f"{destination_id}/index.md"


HOME_PAGE = "index.md"
MISSIONS_INDEX = "missions/index.md"
PLAN_PAGE = "plan.md"
GLOSSARY_PAGE = "glossary.md"
CHANGELOG = "changelog.md"
FEED = "feed.xml"


def relative(target: str, here: str) -> str:
    """A link to the file `target` from the page at `here`, both relative to docs/.

    A filter: `{{ mission_path(id)|relative(here) }}`."""
    return _relpath(target, posixpath.dirname(here))


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath of a file for the site's own clean relative paths, which every table
    row and source link asks for: relpath itself is slow, and there are few folders, so only the
    folder-to-folder part is computed, once per pair."""
    folder, name = posixpath.split(path)
    up = _folder_to_folder(folder, start)
    return name if up == "." else f"{up}/{name}"


@functools.cache
def _folder_to_folder(folder: str, start: str) -> str:
    return posixpath.relpath(folder or ".", start or ".")


def linked_page(link: str, here: str) -> str:
    """The docs/ path a relative link in the page at `here` leads to: '../missions/juno.md' from
    'moon/index.md' is 'missions/juno.md'."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), link))


def url(target: str, here: str, directory_urls: bool = True) -> str:
    """The address of the page built from `target` (a docs/ path, maybe with #anchor), relative to
    the page built from `here`. For raw HTML such as the figures' SVG, whose links MkDocs does not
    rewrite: with directory URLs, missions/juno.md is served at missions/juno/, moon/index.md at moon/."""
    path, _, anchor = target.partition("#")
    page = served_at(path, directory_urls)
    start = posixpath.dirname(served_at(here, directory_urls))
    if page.endswith("/") or not page:  # a folder: moon/, or the home page
        folder = page.rstrip("/")
        if folder and start != folder and not start.startswith(f"{folder}/"):
            link = _relpath(folder, start) + "/"  # missions/juno as a name in missions/: pairs stay few
        else:
            link = _folder_to_folder(folder, start)
            link = "./" if link == "." else link + "/"
    else:
        link = _relpath(page, start)
    return link + (f"#{anchor}" if anchor else "")


def served_at(path: str, directory_urls: bool) -> str:
    """'missions/juno.md' -> 'missions/juno/' (or 'missions/juno.html'); 'index.md' -> ''."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


# Redirect pages, as folders of the built site: an alias and a COSPAR ID lead on to their mission.


def alias_folder(alias: str) -> str:
    return f"missions/{alias}/"


def cospar_folder(cospar_id: str) -> str:
    return f"id/{cospar_id}/"


def relative_url(target: str, folder: str) -> str:
    """The URL of `target` as seen from a page in `folder`; both site-relative."""
    # Both made absolute, so that relpath does not ask for the working directory each time.
    href = posixpath.relpath("/" + target, "/" + folder)
    return href + "/" if target.endswith("/") and not href.endswith("/") else href


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL ('missions/juno/', './' for the home page) made absolute under site_url."""
    base = site_url.rstrip("/") + "/"
    if url == "./":
        return base
    if url.startswith(("/", ".", "#")) or ":" in url:
        return urljoin(base, url)
    return base + url  # most: a plain path below the site, which urljoin would take much longer over


def page_url(site_url: str | None, mission_id: str, directory_urls: bool = True) -> str:
    """The mission page's address: absolute when site_url is set, else relative to the site root.
    The offline edition has no directory URLs: missions/juno.html, not missions/juno/."""
    base = (site_url or "/").rstrip("/") + "/"
    return base + served_at(mission_path(mission_id), directory_urls)


# --- Files that are not pages --------------------------------------------------------------------

PREVIEWS = "assets/previews"
SITE_PREVIEW = f"{PREVIEWS}/site.png"
PLAN_PREVIEW = f"{PREVIEWS}/plan.png"
API = "api"
MISSIONS_JSON = f"{API}/missions.json"
PLAN_JSON = "api/plan.json"
MISSIONS_CSV = f"{API}/missions.csv"


def mission_preview(mission_id: str) -> str:
    return f"{PREVIEWS}/missions/{mission_id}.png"


def destination_preview(destination_id: str) -> str:
    return f"{PREVIEWS}/{destination_id}.png"


def mission_json(mission_id: str) -> str:
    return f"{API}/missions/{mission_id}.json"


# NASA's catalogue entry of a spacecraft, by its COSPAR ID.
NSSDCA = "https://nssdc.gsfc.nasa.gov/nmc/spacecraft/display.action?id="


# --- Anchors within pages ----------------------------------------------------------------------------


def source_anchor(source_id: str) -> str:
    """A source's place in its mission page's list of sources: #source-nssdca."""
    return f"source-{source_id}"


def goal_target(goal_id: str) -> str:
    """A goal of the plan, as a link target: plan.md#far-side-landing."""
    return f"{PLAN_PAGE}#{goal_id}"


def statement_anchor(goal_id: str, number: int) -> str:
    """A statement in a goal's list on the plan page, by its place: far-side-landing-2."""
    return f"{goal_id}-{number}"


def numbered_anchors(names: list[str]) -> list[str]:
    """Stable anchors: the first 'launch' is #launch, the next #launch-2, and so on."""
    seen: dict[str, int] = {}
    anchors = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        anchors.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return anchors


def anchored_milestones(mission: Mission) -> list[tuple[str, Milestone]]:
    """Each milestone with its anchor on the mission page: #launch, #orbit-insertion, #landing ..."""
    names = [m.kind.replace("_", "-") for m in mission.milestones]
    return list(zip(numbered_anchors(names), mission.milestones, strict=True))


def anchored_changes(changes: tuple[Change, ...]) -> list[tuple[str, Change]]:
    """Each changelog entry with its anchor on the changelog page and in the feed: #update-2026-11-26.

    Numbered oldest first, so that a new entry on the same day never takes an older entry's anchor."""
    oldest_first = numbered_anchors([f"update-{c.date.iso()}" for c in reversed(changes)])
    return list(zip(reversed(oldest_first), changes, strict=True))
