"""Markdown for every generated page, and the macros hand-written pages may call.

Returns strings and writes nothing. The output is Markdown, so every plain-text value from the data
goes through the `md` filter, which escapes Markdown and HTML alike; links between pages are written
as relative links to `.md` files, so that MkDocs checks them and rewrites them for any site path.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2

from .dates import PartialDate
from .model import Catalogue, Destination, Milestone, Mission

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NSSDCA = "https://nssdc.gsfc.nasa.gov/nmc/spacecraft/display.action?id="
PAGE_TEMPLATE = "<page>"

# Python-Markdown's escapable characters (with `|` for tables); HTML's specials become entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def md(value: object) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    html_safe = html.escape(str(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", html_safe)


def mission_path(mission_id: str) -> str:
    return f"missions/{mission_id}.md"


def destination_path(destination_id: str) -> str:
    return f"{destination_id}/index.md"


MISSIONS_INDEX = "missions/index.md"


@functools.lru_cache(maxsize=65536)  # a pure function, asked again for every table row and source
def relative(target: str, here: str) -> str:
    """A link to the file `target` from the page at `here`, both relative to docs/.

    A filter: `{{ mission_path(id)|relative(here) }}`."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def time_tag(date: PartialDate, short: bool = False) -> str:
    """A date as the reader sees it, machine-readable in `datetime`. Python, not a macro: tables
    call it for every cell, and a Jinja macro call costs ten times as much."""
    return f'<time datetime="{date.iso()}">{date.short() if short else date.human()}</time>'


def coordinate(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):.2f}° {positive if value >= 0 else negative}"


def make_environment(catalogue: Catalogue) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown: values are escaped with the md filter instead
    )
    env.filters.update(md=md, relative=relative, front_matter=front_matter)
    env.globals.update(
        catalogue=catalogue,
        vocab=catalogue.vocab,
        mission_path=mission_path,
        destination_path=destination_path,
        missions_index=MISSIONS_INDEX,
        coordinate=coordinate,
        time_tag=time_tag,
        nssdca=NSSDCA,
        key_dates=lambda mission: key_dates(catalogue, mission),
    )
    return env


def front_matter(value: str) -> str:
    """A quoted front-matter value, HTML-escaped: the theme puts titles and descriptions into the
    page (and into attributes) without escaping them."""
    return json.dumps(html.escape(value), ensure_ascii=False)


@dataclass
class Renderer:
    catalogue: Catalogue
    env: jinja2.Environment

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> "Renderer":
        return cls(catalogue, make_environment(catalogue))

    def all_pages(self) -> dict[str, str]:
        """Every generated page: docs-relative path -> Markdown, in a stable order."""
        pages = {MISSIONS_INDEX: self.env.get_template("missions_index.md.j2").render(here=MISSIONS_INDEX)}
        destination = self.env.get_template("destination.md.j2")
        for dest in self.catalogue.destinations:
            here = destination_path(dest.id)
            pages[here] = destination.render(here=here, destination=dest)
        mission = self.env.get_template("mission.md.j2")
        for m in self.catalogue.missions:
            here = mission_path(m.id)
            pages[here] = mission.render(here=here, mission=m)
        return pages

    def macros(self, here: str) -> dict[str, Callable[..., str]]:
        """The macros a hand-written page at `here` may call, bound to that page."""
        module = self.env.get_template("macros.md.j2").make_module({"here": here})

        def mission_link(mission_id: str) -> str:
            return module.mission_link(self._mission(mission_id), here)

        def fact_box(mission_id: str) -> str:
            return module.fact_box(self._mission(mission_id), here)

        def mission_table(destination_id: str, country: str | None = None) -> str:
            dest = self._destination(destination_id)
            return module.destination_tables(dest, here) if country is None else module.mission_table(
                self.catalogue.missions_to(dest.id, self._country(country)), here
            )

        def field_table(group: str) -> str:
            if group not in self.catalogue.fields:
                raise UnknownReference(f"no field group {group!r}; expected one of {', '.join(self.catalogue.fields)}")
            return module.field_table(group)

        return {
            "mission_link": mission_link,
            "fact_box": fact_box,
            "mission_table": mission_table,
            "field_table": field_table,
        }

    def render_page(self, markdown: str, here: str) -> str:
        """Run a hand-written page through Jinja; MacroError names the line of any mistake."""
        if "{{" not in markdown and "{%" not in markdown:
            return markdown
        try:
            template = self.env.from_string(markdown)
            return template.render(**self.macros(here), here=here)
        except jinja2.TemplateSyntaxError as err:
            raise MacroError(here, err.lineno, f"template syntax error: {err.message}") from None
        except (jinja2.UndefinedError, UnknownReference, TypeError) as err:
            raise MacroError(here, _template_line(), _describe(err)) from None

    def _mission(self, mission_id: str) -> Mission:
        if mission_id not in self.catalogue.by_id:
            raise UnknownReference(f"no mission has the id {mission_id!r}")
        return self.catalogue.mission(mission_id)

    def _destination(self, destination_id: str) -> Destination:
        ids = [d.id for d in self.catalogue.destinations]
        if destination_id not in ids:
            raise UnknownReference(f"no destination has the id {destination_id!r}; expected one of {', '.join(ids)}")
        return self.catalogue.destination(destination_id)

    def _country(self, country: str) -> str:
        if country not in self.catalogue.vocab.countries:
            codes = ", ".join(self.catalogue.vocab.countries)
            raise UnknownReference(f"no country has the code {country!r}; expected one of {codes}")
        return country


class UnknownReference(Exception):
    """A macro was given an id that the data does not have."""


class MacroError(Exception):
    def __init__(self, page: str, line: int | None, message: str):
        self.page, self.line, self.message = page, line, message
        super().__init__(f"docs/{page}:{line or '?'}: {message}")


def _template_line() -> int | None:
    """The line of the page being rendered, from the traceback Jinja rewrites to point at it."""
    line = None
    for frame, lineno in traceback.walk_tb(sys.exc_info()[2]):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _describe(err: Exception) -> str:
    if isinstance(err, jinja2.UndefinedError):
        return f"{err.message}; the macros are mission_link(id), mission_table(destination[, country]), fact_box(id)"
    return str(err)


def key_dates(catalogue: Catalogue, mission: Mission) -> list[tuple[str, Milestone]]:
    """The launch, arrival and end of a mission, for tables and fact boxes."""
    found = [
        ("Launch", catalogue.launch(mission)),
        ("Arrival", catalogue.arrival(mission)),
        ("End", catalogue.end(mission)),
    ]
    return [(label, milestone) for label, milestone in found if milestone is not None]
