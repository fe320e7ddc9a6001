"""Pages that lead on to a mission: its aliases (/missions/change-4/) and its COSPAR id (/id/2018-103A/).

Each is a small HTML page: a meta refresh and a script for browsers, a canonical link for search
engines, and a plain link for everyone else. The target is a relative URL, so that the redirect
works at a domain root, under a sub-path and from disk.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

import jinja2

from .model import Catalogue, Mission
from .render import TEMPLATES, template_with_plain_globals

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def all_redirects(catalogue: Catalogue) -> dict[str, Mission]:
    """Site-relative folder of each redirect page -> the mission it leads to."""
    result = {}
    for mission in catalogue.missions:
        for alias in mission.aliases:
            result[f"missions/{alias}/"] = mission
        if mission.cospar_id:
            result[f"id/{mission.cospar_id}/"] = mission
    return result


def relative_url(target: str, folder: str) -> str:
    """The URL of `target` as seen from a page in `folder`; both site-relative."""
    # Both made absolute, so that relpath does not ask for the working directory each time.
    href = posixpath.relpath("/" + target, "/" + folder)
    return href + "/" if target.endswith("/") and not href.endswith("/") else href


def page_writer() -> Callable[[Mission, str, str], str]:
    """(mission, href, canonical URL) -> a redirect page. The template is fetched once per build, not
    once per page: each fetch checks the template's file on disk, which took as long as the page."""
    template = template_with_plain_globals(_ENV, "redirect.html.j2")
    return lambda mission, href, canonical: template.render(mission=mission, href=href, canonical=canonical)
