"""Pages that lead on to a mission: its aliases (/missions/change-4/) and its COSPAR id (/id/2018-103A/).

Each is a small HTML page: a meta refresh and a script for browsers, a canonical link for search
engines, and a plain link for everyone else. The target is a relative URL, so that the redirect
works at a domain root, under a sub-path and from disk.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from .model import Catalogue, Mission
from .render import TEMPLATES, template_with_plain_globals
from .urls import alias_folder, cospar_folder

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def all_redirects(catalogue: Catalogue) -> dict[str, Mission]:
    """Site-relative folder of each redirect page -> the mission it leads to."""
    result = {}
    for mission in catalogue.missions:
        for alias in mission.aliases:
            result[alias_folder(alias)] = mission
        if mission.cospar_id:
            result[cospar_folder(mission.cospar_id)] = mission
    return result


def page_writer() -> Callable[[Mission, str, str], str]:
    """(mission, href, canonical URL) -> a redirect page. The template is fetched once per build, not
    once per page: each fetch checks the template's file on disk, which took as long as the page."""
    template = template_with_plain_globals(_ENV, "redirect.html.j2")
    return lambda mission, href, canonical: template.render(mission=mission, href=href, canonical=canonical)
