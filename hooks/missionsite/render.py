"""Markdown for every generated page, and the macros hand-written pages may call.

Returns strings and writes nothing. The output is Markdown, so every plain-text value from the data
goes through the `md` filter, which escapes Markdown and HTML alike; links between pages are written
as relative links to `.md` files, so that MkDocs checks them and rewrites them for any site path.
A mission's fact box, milestones and sources, the mission tables and the figures are HTML within
that Markdown, for speed (see mission.md.j2): there values go through `gloss` (escaped, with the
glossary's tooltips), and links to other pages are the addresses `url` computes as MkDocs would;
tests check every link of the built site. The largest of them are set aside (`set_aside`, aside.py)
while MkDocs converts the page.
"""

from __future__ import annotations

import functools
import html
import json
import re
import sys
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from . import compiled, crews, dates, figures, firsts, freshness, measures, plan, stations
from .aside import SetAside
from .dates import MONTHS, PartialDate
from .measures import Measure
from .model import Catalogue, Cited, Destination, Milestone, Mission, Source
from .plan import Delivery, Goal, Statement
from .problems import DataError, Problem
from .safe_text import BodyLinkError, BodyRenderer, external_link, href, md
from .search_terms import search_terms
from .urls import (
    CHANGELOG,
    FEED,
    GLOSSARY_PAGE,
    MISSIONS_INDEX,
    NSSDCA,
    PLAN_PAGE,
    anchored_changes,
    anchored_milestones,
    destination_path,
    goal_target,
    mission_path,
    relative,
    source_anchor,
    statement_anchor,
    url,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PAGE_TEMPLATE = "<page>"


def time_tag(date: PartialDate, short: bool = False) -> str:
    """A date as the reader sees it, machine-readable in `datetime`. Python, not a macro: tables
    call it for every cell, and a macro call sets up a context and an output buffer of its own."""
    return f'<time datetime="{date.iso()}">{date.short() if short else date.human()}</time>'


def beijing(date: PartialDate) -> str:
    """' (in Beijing it was already 8 December 2018, 02:23)' where the day differs from UTC's."""
    if not date.beijing_date_differs():
        return ""
    local = date.beijing()
    assert local is not None  # the time of day is known: the days differ
    return f" (in Beijing it was already {local.day} {MONTHS[local.month]} {local.year}, {local:%H:%M})"


def link_to_mission(mission: Mission, here: str) -> str:
    return f"[{md(mission.name)}]({relative(mission_path(mission.id), here)})"


def source_link(source_id: str, mission: Mission, here: str) -> str:
    """The numbered link to one of `mission`'s sources, '[3]' after a fact, from the page at `here`."""
    page = "" if here == mission_path(mission.id) else relative(mission_path(mission.id), here)
    title = markupsafe.escape(mission.source(source_id).credit)
    return f'<sup>[[{mission.source_number(source_id)}]]({page}#{source_anchor(source_id)} "{title}")</sup>'


# What Markdown reads even inside an HTML tag's attributes: a link's brackets, a code span, an escape,
# and a table's cell divider. As character references they are the same to a browser.
_MARKDOWN_IN_TAGS = str.maketrans({c: f"&#{ord(c)};" for c in "[]`\\|"})


def source_marks(sources: tuple[Cited, ...]) -> str:
    """The marks after a date or number in a summary table (all missions, a destination's tables,
    the plan, comparisons, landing sites), in HTML that Markdown leaves as it is: a small 'source'
    linking the source itself, its title and publisher on hover and in its accessible name. Not
    the mission page's numbered [1], which leads to a list on another page and names nothing;
    with several sources, 'sources 1 2'."""
    if len(sources) == 1:
        return f"<sup>{_source_mark(sources[0], 'source', 'Source')}</sup>"
    marks = " ".join(_source_mark(source, str(n), f"Source {n}") for n, source in enumerate(sources, 1))
    return f"<sup>sources {marks}</sup>"


def _source_mark(source: Cited, label: str, name: str) -> str:
    address = href(source.url).translate(_MARKDOWN_IN_TAGS)
    title = attribute(f"{source.title}, {source.credit}").translate(_MARKDOWN_IN_TAGS)
    described = attribute(f"{name}: {source.credit}, {source.title}").translate(_MARKDOWN_IN_TAGS)
    return f'<a href="{address}" title="{title}" aria-label="{described}">{label}</a>'


def source_mark(source_id: str, mission: Mission) -> str:
    """source_marks for one source of `mission`."""
    return source_marks((mission.source(source_id),))


def glossing(catalogue: Catalogue) -> Callable[[object], str]:
    """Plain text -> HTML with every glossary form in an <abbr> tooltip: for the parts of a page
    written as HTML (fact box, milestones, sources), which Markdown's abbreviation extension does
    not reach. The same rule as that extension: whole words, case as written, longest form first,
    and a form given twice means what its later term says. Each takes keyboard focus, since
    Material shows the tooltip on focus as on hover; so a link's own text is `plain`, never
    glossed: a term inside a link would be a second stop for the keyboard there."""
    titles = {form: html.escape(term.definition) for term in catalogue.glossary for form in term.forms}
    forms = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(titles, key=len, reverse=True)) + r")\b")

    # Most values recur on page after page (countries, statuses, agencies, publishers, milestone kinds).
    @functools.lru_cache(maxsize=4096)
    def gloss(text: str) -> str:
        if not titles:
            return html.escape(text, quote=False)
        out, done = [], 0
        for found in forms.finditer(text):
            form = found.group(0)
            out.append(html.escape(text[done : found.start()], quote=False))
            out.append(f'<abbr title="{titles[form]}" tabindex="0">{html.escape(form, quote=False)}</abbr>')
            done = found.end()
        out.append(html.escape(text[done:], quote=False))
        return "".join(out)

    return lambda value: gloss(str(value))


def plain(value: object) -> str:
    """Plain text -> HTML, escaped, without the glossary's tooltips: a link's own text."""
    return html.escape(str(value), quote=False)


# A link, or a glossary term as Markdown's abbreviation extension writes it.
_LINK_OR_TERM = re.compile(r'<a\b.*?</a>|<abbr title="([^"]*)">', re.S)
_TERM = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)


def focusable_terms(page_html: str) -> str:
    """A page's HTML with the glossary terms Markdown marked made to take keyboard focus, as those
    `gloss` writes do; a term inside a link is left as its text, as `plain` leaves it."""

    def one(found: re.Match[str]) -> str:
        if found[1] is None:
            return _TERM.sub(r"\1", found[0])
        return f'<abbr title="{found[1]}" tabindex="0">'

    return _LINK_OR_TERM.sub(one, page_html)


@functools.lru_cache(maxsize=1024)  # a few publishers are named after every fact of every page
def attribute(text: str) -> str:
    """Text escaped for an attribute value in double quotes."""
    return html.escape(text)


def anchor_link(anchor: str, label: str) -> str:
    """A place to link to directly, like a heading's permalink: the label links to itself."""
    return f'<a class="milestone-anchor" id="{anchor}" href="#{anchor}" title="Link to this milestone">{label}</a>'


def toneless(pinyin: str) -> str:
    """'Cháng'é Sìhào' -> 'Chang'e Sihao': what most readers type into the search."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def coordinate(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):.2f}° {positive if value >= 0 else negative}"


def latitude(value: float) -> str:
    """'45.46° S'."""
    return coordinate(value, "N", "S")


def longitude(value: float) -> str:
    """'177.59° E'."""
    return coordinate(value, "E", "W")


def plural(count: int, one: str, many: str) -> str:
    """'1 person', '3 people'."""
    return f"{count} {one if count == 1 else many}"


def chinese_name(mission: Mission) -> str:
    """The line under a Chinese mission's title, in Markdown: its name in characters and its pinyin
    as written; and, for search only, the pinyin without tone marks, as most readers type it."""
    line = f'<span lang="zh-Hans">{md(mission.name_zh)}</span>'
    if mission.pinyin:
        line += f' · <span lang="zh-Latn-pinyin">{md(mission.pinyin)}</span>'
        typed = toneless(mission.pinyin)
        if typed != mission.pinyin:
            line += f'<span class="search-only" aria-hidden="true"> {md(typed)}</span>'
    return line


def goal_link(goal: Goal, here: str) -> str:
    """The link to a goal's section of the plan page, in Markdown."""
    return f"[{md(goal.title)}]({relative(PLAN_PAGE, here)}#{goal.id})"


def statement_target(statement: Statement, goal: Goal) -> str:
    """The target a statement gave, for the plan page's list: 'around 2018 (graded)', 'no date'."""
    label = statement.target.label() if statement.target else "no date"
    return f"{label} (graded)" if statement is goal.graded else label


def statement_href(goal: Goal, statement: Statement, here: str) -> str:
    """The link to a statement in its goal's list on the plan page."""
    number = goal.statements.index(statement) + 1
    return f"{relative(PLAN_PAGE, here)}#{statement_anchor(goal.id, number)}"


def source_mix(catalogue: Catalogue) -> list[tuple[str, int]]:
    """How many of the sources cited come from each kind of publisher, most first: what the About page
    says of where the facts come from, counted rather than claimed."""
    cited = [s for m in catalogue.missions for s in m.sources]
    cited += [s.source for goal in catalogue.goals for s in goal.statements]
    kinds: dict[str, int] = {}
    for source in cited:
        publisher = catalogue.publishers.get(source.publisher)
        if publisher:
            kinds[publisher.kind] = kinds.get(publisher.kind, 0) + 1
    labels = catalogue.vocab.publisher_kinds
    return sorted(((labels[k], n) for k, n in kinds.items()), key=lambda item: (-item[1], item[0]))


def abbreviations(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(form, its abbreviation definition) for every form of every glossary term: Markdown's
    abbreviation syntax, which puts the definition into a title attribute, escaped."""
    return [(form, f"*[{form}]: {term.definition}") for term in catalogue.glossary for form in term.forms]


def used_abbreviations(lines: list[tuple[str, str]], markdown: str) -> str:
    """The definitions of the forms a text uses, to append to it. Only those: Markdown's abbreviation
    extension looks for every definition it is given in every text of the page, so with all of them
    appended every page would take longer as the glossary grows. Markdown escapes (far\\-side) are
    undone before looking, since the extension matches the text they produce."""
    text = markdown.replace("\\", "")
    used = [line for form, line in lines if form in text]
    return "\n\n" + "\n".join(used) + "\n" if used else ""


def make_environment(
    catalogue: Catalogue, directory_urls: bool, aside: SetAside, hand_written: frozenset[str] = frozenset()
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown: values are escaped with the md filter instead
        extensions=["jinja2.ext.do"],
        bytecode_cache=compiled.TEMPLATES,
        # A new environment is made for every build (serve too), and its templates do not change
        # during one; without this every page's import of macros.md.j2 would check the file on disk.
        auto_reload=False,
    )
    gloss = glossing(catalogue)

    @functools.cache  # a table row links its mission three times: the name, and its dates' sources
    def address(target: str, here: str) -> str:
        return url(target, here, directory_urls)

    generated = {MISSIONS_INDEX, PLAN_PAGE, GLOSSARY_PAGE, CHANGELOG}
    generated |= {mission_path(m.id) for m in catalogue.missions}
    generated |= {destination_path(d.id) for d in catalogue.destinations}
    bodies = BodyRenderer(address, lambda path: path in generated or path in hand_written)
    tooltips = abbreviations(catalogue)

    def body_html(body: str, here: str, file: str, field: str) -> str:
        """A body (Markdown by design) as clean HTML in one block of its own, which MkDocs' Markdown
        passes through as it is: its attribute lists and raw HTML never read text from the data.
        Not set aside, so that search indexes it as before."""
        try:
            return f"<div>\n{bodies(body, here, used_abbreviations(tooltips, body))}\n</div>"
        except BodyLinkError as err:
            raise DataError([Problem(file, None, field, str(err))]) from None

    def when(milestone: Milestone, short: bool = False) -> str:
        return milestone.when(catalogue.vocab.date_windows, lambda date: time_tag(date, short))

    def status(mission: Mission) -> str:
        return catalogue.vocab.statuses[mission.status]

    def source_link_html(source_id: str, mission: Mission, here: str) -> str:
        """source_link, in HTML: for the parts of a page written as HTML."""
        page = "" if here == mission_path(mission.id) else address(mission_path(mission.id), here)
        number = mission.source_number(source_id)
        title = attribute(mission.source(source_id).credit)
        return f'<sup><a href="{page}#{source_anchor(source_id)}" title="{title}">[{number}]</a></sup>'

    def country(mission: Mission) -> str:
        return catalogue.vocab.countries[mission.country]

    def milestone_kind(milestone: Milestone) -> str:
        return catalogue.vocab.milestone_kinds[milestone.kind]

    def table_dates(mission: Mission, destination_id: str | None) -> tuple[Milestone | None, ...]:
        """A mission table's launch, arrival and end. No arrival at a destination the mission is
        listed at but did not go to (Chang'e 2 at the asteroids: it flew past one)."""
        arrives_here = destination_id in (None, mission.destination)
        return catalogue.launch(mission), catalogue.arrival(mission) if arrives_here else None, catalogue.end(mission)

    def delivery_date(delivery: Delivery) -> str:
        """The plan table's delivered cell: the milestone's short date and its source."""
        done = delivery.milestone
        return f"{md(milestone_kind(done))}: {when(done, short=True)} {source_mark(done.source, delivery.mission)}"

    def confirmed_by(source: Source | None) -> str:
        """The /data/ to-check table's 'By' cell: who last confirmed a status, and that source."""
        return f"{md(source.credit)} {source_marks((source,))}" if source else "–"

    def measured(value: float | None, measure: Measure, mission: Mission) -> str:
        """A comparison table's cell: the number with its unit and sources, or a dash."""
        if value is None:
            return "–"
        number = measures.amount(value, measure.unit)
        sources = tuple(mission.source(source) for source in measure.sources(mission))
        return f"{number} {source_marks(sources)}" if sources else number

    def cell(milestone: Milestone | None, mission: Mission) -> str:
        """A mission table's cell, in HTML: the milestone's short date and its source, or a dash."""
        return f"{when(milestone, short=True)} {source_mark(milestone.source, mission)}" if milestone else "–"

    def mission_link_html(mission: Mission, here: str) -> str:
        """mission_link, in HTML: for the parts of a page written as HTML."""
        return f'<a href="{address(mission_path(mission.id), here)}">{plain(mission.name)}</a>'

    def destination_link_html(mission: Mission, here: str) -> str:
        """The link to a mission's destination page, for its fact box."""
        destination = catalogue.destination(mission.destination)
        return f'<a href="{address(destination_path(destination.id), here)}">{plain(destination.name)}</a>'

    env.filters.update(
        md=md,
        gloss=gloss,
        plain=plain,
        href=href,
        external_link=external_link,
        body_html=body_html,
        relative=relative,
        front_matter=front_matter,
        toneless=toneless,
        chinese_name=chinese_name,
        plural=plural,
        statement_target=statement_target,
        statement_href=statement_href,
        statement_anchor=statement_anchor,
        speaker_kind=lambda kind: catalogue.vocab.speaker_kinds[kind],
        search_terms=search_terms,
        set_aside=aside,
        # Python functions as filters, not globals: called for every fact, milestone and table
        # cell, and Jinja calls a filter directly, a global through Context.call (see macros.md.j2).
        when=when,
        time_tag=time_tag,
        beijing=beijing,
        status=status,
        country=country,
        milestone_kind=milestone_kind,
        table_dates=table_dates,
        cell=cell,
        anchor_link=anchor_link,
        mission_link_html=mission_link_html,
        source_link_html=source_link_html,
        destination_link_html=destination_link_html,
        launch=catalogue.launch,
        arrival=catalogue.arrival,
        end=catalogue.end,
        # ... and those called for every row of a Markdown table: comparisons, landing sites, the plan
        mission_link=link_to_mission,
        source_link=source_link,
        source_mark=source_mark,
        cited_mark=lambda source: source_marks((source,)),  # a source outside a mission: the white paper
        amount=measures.amount,
        measured=measured,
        latitude=latitude,
        longitude=longitude,
        goal_link=goal_link,
        delivery_date=delivery_date,
        confirmed_by=confirmed_by,
        days_in_space=crews.days_text,
        # ... and those called once on every mission page
        key_dates=lambda mission: key_dates(catalogue, mission),
        anchored_milestones=anchored_milestones,
        source_anchor=source_anchor,
    )
    env.globals.update(
        catalogue=catalogue,
        vocab=catalogue.vocab,
        mission_path=mission_path,
        destination_path=destination_path,
        missions_index=MISSIONS_INDEX,
        plan_page=PLAN_PAGE,
        tonnes_in_orbit=measures.tonnes_in_orbit,
        comparison=lambda destination_id: measures.comparison(catalogue, destination_id),
        crewed_flights=lambda destination_id: crews.flights(catalogue, destination_id),
        firsts_side_by_side=lambda destination_id: firsts.side_by_side(
            catalogue, catalogue.missions_to(destination_id)
        ),
        aboard=crews.aboard,
        assembly=lambda destination_id: stations.assembly(catalogue, destination_id),
        zip=zip,
        nssdca=NSSDCA,
        anchored_changes=anchored_changes,
        feed=FEED,
        url=address,
        around_months=plan.AROUND_GRACE_MONTHS,
        around_2018_ends=plan.Window("around", dates.parse("2018"), dates.parse("2018")).last_day_human,
        white_paper=catalogue.site.white_paper,
        goals_of=lambda paper_id: plan.of_paper(catalogue.goals, paper_id),
        scorecard=plan.scorecard,
        source_mix=lambda: source_mix(catalogue),
        **figure_globals(catalogue, directory_urls),
    )
    return env


def figure_globals(catalogue: Catalogue, directory_urls: bool) -> dict[str, object]:
    """The figures, for templates: each that draws takes the page it goes on, for its links; and what
    the destination pages say of bar charts left to their tables."""

    def to_mission(here: str) -> figures.Href:
        return lambda mission_id: url(mission_path(mission_id), here, directory_urls)

    def to_goal(here: str) -> figures.Href:
        return lambda goal_id: url(goal_target(goal_id), here, directory_urls)

    def timeline(missions, here: str, by_destination: bool = False) -> str:
        return figures.timeline(catalogue, missions, to_mission(here), by_destination=by_destination)

    def landing_maps(destination_id: str, here: str) -> list[str]:
        sites = figures.landing_sites(catalogue, destination_id)
        draw = {
            "moon": lambda: [
                figures.moon_map(catalogue, sites, to_mission(here), side, key=f"map-moon-{side}")
                for side in ("near", "far")
            ],
            "mars": lambda: [figures.mars_map(catalogue, sites, to_mission(here), key="map-mars")],
        }
        return draw[destination_id]() if sites and destination_id in draw else []

    def plan_chart(goals, here: str) -> str:
        return figures.plan_chart(catalogue, goals, to_mission(here), to_goal(here))

    def bar_charts(destination_id: str, here: str) -> list[str]:
        missions = catalogue.missions_to(destination_id)
        charts = [
            figures.bar_chart(catalogue, missions, m, to_mission(here), key=f"bars-{m.key}")
            for m in measures.for_destination(catalogue, destination_id)
            if not figures.too_many_bars(missions, m)
        ]
        return [chart for chart in charts if chart]

    def bars_too_many(destination_id: str) -> list[str]:
        """The titles of the numbers too many missions have to draw as bars."""
        missions = catalogue.missions_to(destination_id)
        return [
            m.title for m in measures.for_destination(catalogue, destination_id) if figures.too_many_bars(missions, m)
        ]

    return {
        "timeline_svg": timeline,
        "timeline_draws_bars": lambda missions, by_destination=False: figures.draws_bars(
            catalogue, missions, by_destination
        ),
        "landing_maps_svg": landing_maps,
        "landing_sites": lambda destination_id: figures.landing_sites(catalogue, destination_id),
        "plan_chart_svg": plan_chart,
        "bar_charts_svg": bar_charts,
        "bars_too_many": bars_too_many,
        "bars_at_most": figures.LANE_LIMIT,
    }


def template_with_plain_globals(env: jinja2.Environment, name: str) -> jinja2.Template:
    """A template with its globals in a plain dict instead of the ChainMap Jinja keeps them in.
    Jinja copies a template's globals into every render of it, and compares them on every import
    of macros.md.j2, once per page; a dict is copied and compared without walking a chain of maps."""
    template = env.get_template(name)
    if not isinstance(template.globals, dict):
        template.globals = dict(template.globals)
    return template


def front_matter(value: str) -> str:
    """A quoted front-matter value, HTML-escaped: the theme puts titles and descriptions into the
    page (and into attributes) without escaping them."""
    return _JSON_TEXT(html.escape(value))


# json.dumps with any option set makes a new encoder on every call; this one is made once.
_JSON_TEXT = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class Renderer:
    catalogue: Catalogue
    env: jinja2.Environment
    aside: SetAside  # the parts of the pages' HTML that `set_aside` kept out of their Markdown

    @classmethod
    def for_catalogue(
        cls, catalogue: Catalogue, directory_urls: bool = True, hand_written: frozenset[str] = frozenset()
    ) -> Renderer:
        """`hand_written`: the docs/ paths of the hand-written pages, which a body may link to."""
        aside = SetAside()
        return cls(catalogue, make_environment(catalogue, directory_urls, aside, hand_written), aside)

    def all_pages(self) -> dict[str, str]:
        """Every generated page: docs-relative path -> Markdown, in a stable order."""
        self._template("macros.md.j2")  # imported by every page, which checks its globals each time
        pages = {
            MISSIONS_INDEX: self._template("missions_index.md.j2").render(here=MISSIONS_INDEX),
            PLAN_PAGE: self._template("plan.md.j2").render(here=PLAN_PAGE),
            GLOSSARY_PAGE: self._template("glossary.md.j2").render(here=GLOSSARY_PAGE),
        }
        destination = self._template("destination.md.j2")
        for dest in self.catalogue.destinations:
            here = destination_path(dest.id)
            pages[here] = destination.render(here=here, destination=dest)
        pages[CHANGELOG] = self._template("changelog.md.j2").render(here=CHANGELOG)
        mission = self._template("mission.md.j2")
        for m in self.catalogue.missions:
            here = mission_path(m.id)
            pages[here] = mission.render(here=here, mission=m)
        return pages

    def _template(self, name: str) -> jinja2.Template:
        return template_with_plain_globals(self.env, name)

    @cached_property
    def _tooltips(self) -> list[tuple[str, str]]:
        return abbreviations(self.catalogue)

    def tooltips(self, markdown: str) -> str:
        """Abbreviation definitions for the glossary forms a page's Markdown uses, to append to it."""
        return used_abbreviations(self._tooltips, markdown)

    def finish_page(self, page_html: str) -> str:
        """A page's HTML as readers get it: its glossary terms focusable (focusable_terms), then the
        parts set aside put back, whose terms `gloss` wrote focusable already."""
        return self.aside.put_back(focusable_terms(page_html))

    def macros(self, here: str) -> dict[str, Callable[..., str]]:
        """The macros a hand-written page at `here` may call, bound to that page."""
        # Its macros are attributes that Jinja makes, which a type checker cannot see.
        module: Any = self._template("macros.md.j2").make_module({"here": here})

        def mission_link(mission_id: str) -> str:
            return link_to_mission(self._mission(mission_id), here)

        def fact_box(mission_id: str) -> str:
            return module.fact_box(self._mission(mission_id), here)

        def mission_table(destination_id: str, country: str | None = None) -> str:
            dest = self._destination(destination_id)
            return (
                module.destination_tables(dest, here)
                if country is None
                else module.mission_table(
                    self.catalogue.missions_to(dest.id, self._country(country)), here, destination_id=dest.id
                )
            )

        def plan_table() -> str:
            """The goals of the white paper the site follows (2016)."""
            return module.plan_table(plan.of_paper(self.catalogue.goals, self.catalogue.site.follows), here)

        def timeline() -> str:
            return module.timeline_figure(self.catalogue.missions, here, by_destination=True)

        def plan_chart() -> str:
            return module.plan_figure(plan.of_paper(self.catalogue.goals, self.catalogue.site.follows), here)

        def data_license() -> str:
            site = self.catalogue.site
            return external_link(site.data_license_name, site.data_license_url)

        def to_check_table() -> str:
            return module.to_check_table(freshness.to_check(self.catalogue), here)

        def white_paper_link() -> str:
            return module.source_ref(self.catalogue.site.white_paper)

        def field_table(group: str) -> str:
            if group not in self.catalogue.fields:
                raise UnknownReference(f"no field group {group!r}; expected one of {', '.join(self.catalogue.fields)}")
            return module.field_table(group)

        return {
            "mission_link": mission_link,
            "fact_box": fact_box,
            "mission_table": mission_table,
            "field_table": field_table,
            "plan_table": plan_table,
            "timeline": timeline,
            "plan_chart": plan_chart,
            "data_license": data_license,
            "to_check_table": to_check_table,
            "white_paper_link": white_paper_link,
        }

    def render_page(self, markdown: str, here: str, lines_before: int = 0) -> str:
        """Run a hand-written page through Jinja; MacroError names the line of any mistake, counted
        in the file: `lines_before` is the number of lines of front matter MkDocs took off."""
        if "{{" not in markdown and "{%" not in markdown:
            return markdown
        try:
            template = self.env.from_string(markdown)
            return template.render(**self.macros(here), here=here)
        except jinja2.TemplateSyntaxError as err:
            raise MacroError(
                here, _in_file(err.lineno, lines_before), f"template syntax error: {err.message}"
            ) from None
        except DataError:
            raise  # a body's broken link, reported at its data file
        except Exception as err:  # any mistake in a page's template ({{ 1/0 }} too) is the page's, not ours
            raise MacroError(here, _in_file(_template_line(), lines_before), _describe(err)) from None

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


def _in_file(line: int | None, lines_before: int) -> int | None:
    return line + lines_before if line else None


def _template_line() -> int | None:
    """The line of the page being rendered, from the traceback Jinja rewrites to point at it."""
    line = None
    for frame, lineno in traceback.walk_tb(sys.exc_info()[2]):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _describe(err: Exception) -> str:
    if isinstance(err, jinja2.UndefinedError):
        return (
            f"{err.message}; the macros are mission_link(id), mission_table(destination[, country]), "
            "fact_box(id), field_table(group), plan_table()"
        )
    if isinstance(err, LookupError):
        return f"no such entry: {err}"
    if isinstance(err, (UnknownReference, TypeError)):
        return str(err)
    return f"{type(err).__name__}: {err}"


def key_dates(catalogue: Catalogue, mission: Mission) -> list[tuple[str, Milestone]]:
    """The launch, arrival and end of a mission, for tables and fact boxes."""
    found = [
        ("Launch", catalogue.launch(mission)),
        ("Arrival", catalogue.arrival(mission)),
        ("End", catalogue.end(mission)),
    ]
    return [(label, milestone) for label, milestone in found if milestone is not None]
