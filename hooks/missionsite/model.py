"""The typed model of the data, and every rule the data must follow (read with checks.Checker).

`build_catalogue` takes the parsed files and returns the catalogue of every valid mission, adding a
Problem for each mistake it finds (dataset.py turns them into one DataError).
Per-file checks run first, then the checks across files (unique ids,
comparisons between missions). No I/O and no MkDocs here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable

from .checks import LABEL, SOURCE_ID, Checker, FieldSpec, Invalid, pattern
from .dates import PartialDate, Precision
from .load import DataFiles, Document
from .measures import KEYS
from .problems import Path, Problem, shorten

if TYPE_CHECKING:  # checked.py reads and writes this module's classes
    from .checked import Checked

COSPAR_ID = re.compile(r"\d{4}-\d{3}[A-Z]{1,3}")
CITABLE = ("status", "vehicle", "launch_site", "mass_kg", "station_mass_kg", "crew", "sample_returned_g", "cospar_id",
           "firsts")


# --- The model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocab:
    countries: dict[str, str]
    statuses: dict[str, str]
    mission_kinds: dict[str, str]
    milestone_kinds: dict[str, str]
    date_windows: dict[str, str]
    arrival_kinds: tuple[str, ...]
    end_kinds: tuple[str, ...]
    launch_kinds: tuple[str, ...]


@dataclass(frozen=True)
class SiteInfo:
    as_of: PartialDate
    data_license_name: str
    data_license_url: str


@dataclass(frozen=True)
class Destination:
    id: str
    name: str
    order: int
    summary: str
    body: str | None = None
    compare: tuple[str, ...] = ()  # keys of measures.py: the numbers its page compares


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Milestone:
    kind: str
    date: PartialDate
    text: str
    source: Source
    planned: bool = False
    window: str | None = None  # 'by' or 'around' for a planned date announced that way

    def when(self, windows: dict[str, str], date_text: Callable[[PartialDate], str]) -> str:
        """How the date reads, 'by 2029 (planned)': the window's label from vocab.yml, the date as
        `date_text` writes it (a page's <time> tag, a figure's short date, a preview's day)."""
        window = f"{windows[self.window]} " if self.window else ""
        return f"{window}{date_text(self.date)}{' (planned)' if self.planned else ''}"


@dataclass(frozen=True)
class LandingSite:
    name: str
    lat: float
    lon: float
    source: Source


@dataclass(frozen=True)
class Mission:
    id: str
    name: str
    country: str
    agency: str
    destination: str
    kinds: tuple[str, ...]
    status: str
    summary: str
    milestones: tuple[Milestone, ...]
    compare_with: tuple[str, ...]
    sources: tuple[Source, ...]
    file: str
    name_zh: str | None = None
    pinyin: str | None = None
    status_verified: PartialDate | None = None
    vehicle: str | None = None
    launch_site: str | None = None
    mass_kg: float | None = None
    station_mass_kg: float | None = None  # a station assembled in orbit, without visiting spacecraft
    crew: int | None = None  # people aboard a station at a time: resident crew, or a visiting crew
    sample_returned_g: float | None = None
    also_destinations: tuple[str, ...] = ()
    cospar_id: str | None = None
    landing_site: LandingSite | None = None
    aliases: tuple[str, ...] = ()
    firsts: tuple[str, ...] = ()
    cite: dict[str, Source] = field(default_factory=dict)
    body: str | None = None

    def first(self, kinds: tuple[str, ...]) -> Milestone | None:
        """The earliest milestone of the first kind in `kinds` that the mission has: kinds are in
        order of preference (a landing is the arrival that counts, even after orbit insertion)."""
        for kind in kinds:
            if kind in self._first_of_kind:
                return self._first_of_kind[kind]
        return None

    @cached_property  # kept in the instance's __dict__, which a frozen dataclass without slots has
    def _first_of_kind(self) -> dict[str, Milestone]:
        # Launch, arrival and end are asked for by every page, table, figure and export that shows
        # the mission: once per kind, not once per question. Milestones are in date order.
        found: dict[str, Milestone] = {}
        for milestone in self.milestones:
            found.setdefault(milestone.kind, milestone)
        return found

    def earliest(self, kinds: tuple[str, ...]) -> Milestone | None:
        """The earliest milestone of any of `kinds` (milestones are in date order)."""
        return next((m for m in self.milestones if m.kind in kinds), None)


@dataclass(frozen=True)
class Term:
    term: str
    forms: tuple[str, ...]  # the spellings that get a tooltip
    definition: str

    @property
    def anchor(self) -> str:
        """'Earth–Moon L2' -> 'earth-moon-l2'."""
        return "-".join(re.findall(r"[a-z0-9]+", self.term.lower()))


@dataclass(frozen=True)
class Change:
    """One update of the data, as the changelog and its feed tell it."""

    date: PartialDate
    text: str
    missions: tuple[str, ...] = ()  # the missions it touched; none for the data as a whole


@dataclass(frozen=True)
class Catalogue:
    site: SiteInfo
    vocab: Vocab
    fields: dict[str, tuple[FieldSpec, ...]]
    destinations: tuple[Destination, ...]
    missions: tuple[Mission, ...]  # sorted by launch date, then id
    compared: dict[str, tuple[str, ...]]  # both directions of every compare_with pair
    by_id: dict[str, Mission]
    glossary: tuple[Term, ...] = ()
    goals: tuple = ()  # the 2016 plan's goals (plan.Goal), added once the missions are known
    changelog: tuple[Change, ...] = ()  # newest first

    def mission(self, mission_id: str) -> Mission:
        return self.by_id[mission_id]

    def destination(self, destination_id: str) -> Destination:
        return next(d for d in self.destinations if d.id == destination_id)

    def missions_to(self, destination_id: str, country: str | None = None) -> list[Mission]:
        """In launch order, with the missions that visited it too; a shared list, not to be changed."""
        return self._groups.get((destination_id, country), [])

    @cached_property
    def _groups(self) -> dict[tuple[str, str | None], list[Mission]]:
        # Pages and navigation ask for every destination and country: one pass, not one per call.
        groups: dict[tuple[str, str | None], list[Mission]] = {}
        for m in self.missions:
            for destination_id in (m.destination, *m.also_destinations):
                groups.setdefault((destination_id, None), []).append(m)
                groups.setdefault((destination_id, m.country), []).append(m)
        return groups

    def launch(self, mission: Mission) -> Milestone | None:
        return mission.first(self.vocab.launch_kinds)

    def arrival(self, mission: Mission) -> Milestone | None:
        return mission.first(self.vocab.arrival_kinds)

    def end(self, mission: Mission) -> Milestone | None:
        return mission.first(self.vocab.end_kinds)

    def days_to_arrive(self, mission: Mission) -> int | None:
        """Whole days from launch to the first arrival of any kind (Tianwen-1: Mars orbit, not its
        later landing), when both happened and are known to the day."""
        launch, arrival = self.launch(mission), mission.earliest(self.vocab.arrival_kinds)
        if not launch or not arrival or launch.planned or arrival.planned:
            return None
        if min(launch.date.precision, arrival.date.precision) < Precision.DAY:
            return None
        return (arrival.date.start() - launch.date.start()).days


# --- Shared files: vocabulary, field list, site, destinations -----------------------------------


LABEL_TABLES = ("countries", "statuses", "mission_kinds", "milestone_kinds", "date_windows")
KIND_ORDERS = ("arrival_kinds", "end_kinds", "launch_kinds")
VOCAB_FIELDS = (
    *(FieldSpec(key, True, "a mapping of value: label", "") for key in LABEL_TABLES),
    *(FieldSpec(key, True, "a list of milestone kinds", "") for key in KIND_ORDERS),
)
SITE_FIELDS = (
    FieldSpec("as_of", True, "a day, YYYY-MM-DD", ""),
    FieldSpec("data_license", True, "name: and url: of the data's license", ""),
)


def _read_vocab(doc: Document, problems: list[Problem]) -> Vocab | None:
    check = Checker(doc, problems)
    # Labels go into tables and sentences as they are: plain words only, no Markdown or HTML.
    check_label = pattern(check, LABEL, "a plain label: letters, digits, spaces and ,.'()-")
    try:
        data = check.whole_record(doc.data, (), VOCAB_FIELDS, "vocabulary lists")
        labels = {}
        for key in LABEL_TABLES:
            table = data.get(key)
            if not isinstance(table, dict) or not table:
                raise check.fail((key,), "expected a mapping of value: label")
            labels[key] = {str(k): check_label(v, (key, k)) for k, v in table.items()}
        orders = {}
        for key in KIND_ORDERS:
            orders[key] = tuple(
                check.choice(kind, p, labels["milestone_kinds"], "a milestone kind")
                for p, kind in check.items(data.get(key), (key,), "milestone kinds")
            )
        return Vocab(**labels, **orders)
    except Invalid:
        return None


FIELD_GROUPS = ("mission", "milestone", "landing_site", "source", "destination", "changelog")


def _read_fields(doc: Document, problems: list[Problem]) -> dict[str, tuple[FieldSpec, ...]] | None:
    check = Checker(doc, problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    result = {}
    for group in FIELD_GROUPS:
        try:
            entries = check.items(data.get(group), (group,), "field descriptions")
            result[group] = tuple(
                FieldSpec(
                    name=check.name(item.get("name"), (*path, "name")),
                    required=check.flag(item.get("required"), (*path, "required")),
                    type=check.text(item.get("type"), (*path, "type")),
                    description=check.text(item.get("description"), (*path, "description")),
                )
                for path, item in entries
                if check.fields(item, path, _FIELD_SPEC, "a field description") is not None
            )
        except Invalid:
            pass
    return result if len(result) == len(FIELD_GROUPS) else None


_FIELD_SPEC = tuple(FieldSpec(name, True, "", "") for name in ("name", "required", "type", "description"))


def _read_site(doc: Document, problems: list[Problem]) -> SiteInfo | None:
    check = Checker(doc, problems)
    try:
        data = check.whole_record(doc.data, (), SITE_FIELDS, "the site's settings")
        license_ = data.get("data_license")
        if not isinstance(license_, dict):
            raise check.fail(("data_license",), f"expected name: and url: of the data's license; got {shorten(license_)}")
        return SiteInfo(
            as_of=check.day(data.get("as_of"), ("as_of",)),
            data_license_name=check.text(license_.get("name"), ("data_license", "name")),
            data_license_url=check.url(license_.get("url"), ("data_license", "url")),
        )
    except Invalid:
        return None


def _read_destinations(
    doc: Document, specs: tuple[FieldSpec, ...], problems: list[Problem]
) -> tuple[Destination, ...]:
    check = Checker(doc, problems)
    result: list[Destination] = []

    def one(item: Any, path: Path) -> Destination:
        data = check.record(item, path, specs, "a destination")
        return Destination(
            id=check.ident(data.get("id"), (*path, "id")),
            name=check.name(data.get("name"), (*path, "name")),
            order=int(check.number(data.get("order"), (*path, "order"), 0, 1000)),
            summary=check.text(data.get("summary"), (*path, "summary")),
            body=check.optional(data, path, "body", check.markdown),
            compare=check.optional(data, path, "compare", lambda v, p: check.each(
                v, p, "numbers to compare", lambda k, kp: check.choice(k, kp, list(KEYS), "a number to compare"))) or (),
        )

    try:
        result = list(check.each(doc.data, (), "destinations", one))
    except Invalid:
        return ()
    check.unique_ids(result, "destination", lambda i: (i, "id"))
    return tuple(sorted(result, key=lambda d: (d.order, d.id)))


GLOSSARY_FIELDS = tuple(FieldSpec(n, n != "forms", "", "") for n in ("term", "forms", "definition"))
# Abbreviation syntax (*[term]: definition) cannot hold brackets in a term.
TOOLTIP_FORM = re.compile(r"[^\[\]\n]+")


def _read_glossary(doc: Document, problems: list[Problem]) -> tuple[Term, ...]:
    check = Checker(doc, problems)

    def one(item: Any, path: Path) -> Term:
        data = check.record(item, path, GLOSSARY_FIELDS, "a glossary term")
        term = check.name(data.get("term"), (*path, "term"))
        forms = check.optional(
            data, path, "forms",
            lambda v, p: check.each(v, p, "spellings", pattern(check, TOOLTIP_FORM, "a spelling without brackets")),
        )
        return Term(term, forms or (term,), check.text(data.get("definition"), (*path, "definition")))

    try:
        terms = check.each(doc.data, (), "terms", one)
    except Invalid:
        return ()
    seen: dict[str, int] = {}
    for i, term in enumerate(terms):
        for form in term.forms:
            if form in seen and seen[form] != i:
                check.report((i, "forms"), f"'{form}' is already a form of '{terms[seen[form]].term}'")
            seen[form] = i
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def _read_changelog(
    doc: Document, specs: tuple[FieldSpec, ...], site: SiteInfo | None, mission_ids: set[str], problems: list[Problem]
) -> tuple[Change, ...]:
    """The updates of the data, newest first; each names the missions it touched, if any."""
    check = Checker(doc, problems)

    def one(item: Any, path: Path) -> Change:
        data = check.record(item, path, specs, "a changelog entry")
        date = check.day(data.get("date"), (*path, "date"))
        if site and date.start() > site.as_of.start():
            check.report((*path, "date"), f"expected a day on or before the data's as-of date {site.as_of}")
        missions = check.optional(data, path, "missions", lambda v, p: _mission_refs(check, v, p, mission_ids))
        return Change(date=date, text=check.text(data.get("text"), (*path, "text")), missions=missions or ())

    try:
        changes = check.each(doc.data, (), "changelog entries", one)
    except Invalid:
        return ()
    for i, (newer, older) in enumerate(zip(changes, changes[1:]), start=1):
        if older.date.start() > newer.date.start():
            check.report((i, "date"), f"expected the newest entry first; {older.date} is after {newer.date}")
    return changes


def _mission_refs(check: Checker, value: Any, path: Path, mission_ids: set[str]) -> tuple[str, ...]:
    refs = []
    for item_path, item in check.items(value, path, "mission ids", allow_empty=True):
        if not isinstance(item, str) or item not in mission_ids:
            close = difflib.get_close_matches(str(item), sorted(mission_ids), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            check.report(item_path, f"expected the id of a mission; got unknown {shorten(item)}{hint}")
        else:
            refs.append(item)
    return tuple(refs)


# --- Mission files -------------------------------------------------------------------------------


@dataclass
class _Context:
    vocab: Vocab
    fields: dict[str, tuple[FieldSpec, ...]]
    site: SiteInfo | None
    destination_ids: list[str]


def _read_mission(doc: Document, ctx: _Context, problems: list[Problem]) -> Mission | None:
    check = Checker(doc, problems)
    before = len(problems)
    data = check.fields(doc.data, (), ctx.fields["mission"], "a mission")
    if data is None:
        return None
    opt = lambda key, read: check.optional(data, (), key, read)  # noqa: E731

    sources = _read_sources(check, data, ctx.fields["source"])
    by_id = {s.id: s for s in sources}

    def source_ref(value: Any, path: Path) -> Source:
        if not isinstance(value, str) or value not in by_id:
            known = ", ".join(by_id) or "(none: add sources)"
            raise check.fail(path, f"expected the id of an entry in sources: one of {known}; got {shorten(value)}")
        return by_id[value]

    mission_id = opt("id", check.ident)
    if mission_id is not None and mission_id != doc.stem:
        check.report(("id",), f"expected '{doc.stem}', the file's name; got '{mission_id}'")
    if mission_id == "index":
        check.report(("id",), "expected another id: /missions/index/ is the page listing all missions")

    kinds = opt(
        "kinds",
        lambda v, p: check.each(
            v, p, "mission kinds", lambda k, kp: check.choice(k, kp, ctx.vocab.mission_kinds, "a mission kind")
        ),
    )
    if kinds and len(set(kinds)) != len(kinds):
        check.report(("kinds",), "each kind may be listed once")

    mass_kg = opt("mass_kg", lambda v, p: check.number(v, p, 0.001, 10_000_000))
    station_mass_kg = opt("station_mass_kg", lambda v, p: check.number(v, p, 1, 10_000_000))
    crew = opt("crew", lambda v, p: check.whole(v, p, 1, 1000))
    sample_returned_g = opt("sample_returned_g", lambda v, p: check.number(v, p, 0.000001, 1_000_000))
    also_destinations = opt(
        "also_destinations",
        lambda v, p: check.each(
            v, p, "destination ids", lambda d, dp: check.choice(d, dp, ctx.destination_ids, "a destination id")
        ),
    ) or ()
    cospar_id = opt("cospar_id", pattern(check, COSPAR_ID, "a COSPAR id like 2018-103A"))
    landing_site = opt("landing_site", lambda v, p: _read_landing_site(check, v, p, ctx, source_ref))
    aliases = opt("aliases", lambda v, p: _read_aliases(check, v, p, mission_id)) or ()
    firsts = opt("firsts", lambda v, p: check.each(v, p, "plain-text firsts", check.text)) or ()
    status_verified = opt("status_verified", check.day)
    _check_verified(check, status_verified, ctx.site.as_of if ctx.site else None)

    milestones = opt("milestones", lambda v, p: _read_milestones(check, v, p, ctx, source_ref)) or ()
    status = opt("status", lambda v, p: check.choice(v, p, ctx.vocab.statuses, "a status"))
    if isinstance(data.get("milestones"), list) and len(milestones) == len(data["milestones"]):
        _check_status(check, status, milestones, ctx.vocab)  # only on complete milestones: no echoes

    present = {key for key in CITABLE if data.get(key) is not None}
    cite = opt("cite", lambda v, p: _read_cite(check, v, p, present, source_ref)) or {}
    for key in sorted(present - set(cite)):
        check.report(("cite",), f"expected a source for {key}: add '{key}: <source id>' under cite")

    compare_with = opt(
        "compare_with",
        lambda v, p: tuple(check.ident(item, ip) for ip, item in check.items(v, p, "mission ids", allow_empty=True)),
    )

    mission = Mission(
        id=mission_id,
        name=opt("name", check.name),
        name_zh=opt("name_zh", check.name),
        pinyin=opt("pinyin", check.name),
        country=opt("country", lambda v, p: check.choice(v, p, ctx.vocab.countries, "a country code")),
        agency=opt("agency", check.name),
        destination=opt("destination", lambda v, p: check.choice(v, p, ctx.destination_ids, "a destination id")),
        kinds=kinds,
        status=status,
        status_verified=status_verified,
        summary=opt("summary", check.text),
        vehicle=opt("vehicle", check.name),
        launch_site=opt("launch_site", check.name),
        mass_kg=mass_kg,
        station_mass_kg=station_mass_kg,
        crew=crew,
        sample_returned_g=sample_returned_g,
        also_destinations=also_destinations,
        cospar_id=cospar_id,
        landing_site=landing_site,
        aliases=aliases,
        firsts=firsts,
        cite=cite,
        milestones=milestones,
        compare_with=compare_with,
        sources=sources,
        body=opt("body", check.markdown),
        file=doc.file,
    )
    return mission if len(problems) == before else None


def _read_aliases(check: Checker, value: Any, path: Path, mission_id: str | None) -> tuple[str, ...]:
    """Old ids and other spellings; each becomes a redirect page, so each must be a usable id."""
    aliases: list[str] = []
    for item_path, item in check.items(value, path, "alias ids"):
        try:
            alias = check.ident(item, item_path)
        except Invalid:
            continue
        if alias == mission_id:
            check.report(item_path, f"expected another spelling than the mission's own id; got '{alias}'")
        elif alias in aliases:
            check.report(item_path, f"duplicate alias '{alias}'; list each once")
        else:
            aliases.append(alias)
    return tuple(aliases)


def _read_sources(check: Checker, data: dict, specs: tuple[FieldSpec, ...]) -> tuple[Source, ...]:
    def one(item: Any, path: Path) -> Source:
        fields = check.record(item, path, specs, "a source")
        return Source(
            id=pattern(check, SOURCE_ID, "a short lowercase id like 'nssdca' or 'xinhua_launch'")(
                fields.get("id"), (*path, "id")
            ),
            title=check.text(fields.get("title"), (*path, "title")),
            publisher=check.name(fields.get("publisher"), (*path, "publisher")),
            url=check.url(fields.get("url"), (*path, "url")),
        )

    if data.get("sources") is None:
        return ()
    try:
        sources = check.each(data["sources"], ("sources",), "sources", one)
    except Invalid:
        return ()
    check.unique_ids(sources, "source", lambda i: ("sources", i, "id"))
    return sources


def _read_landing_site(check, value, path, ctx, source_ref) -> LandingSite:
    data = check.record(value, path, ctx.fields["landing_site"], "a landing site")
    return LandingSite(
        name=check.name(data.get("name"), (*path, "name")),
        lat=check.number(data.get("lat"), (*path, "lat"), -90, 90),
        lon=check.number(data.get("lon"), (*path, "lon"), -180, 180),
        source=source_ref(data.get("source"), (*path, "source")),
    )


def _read_milestones(check, value, path, ctx: _Context, source_ref) -> tuple[Milestone, ...]:
    as_of = ctx.site.as_of if ctx.site else None

    def one(item: Any, item_path: Path) -> Milestone:
        data = check.record(item, item_path, ctx.fields["milestone"], "a milestone")
        values = {}
        for key, read in (
            ("kind", lambda v, p: check.choice(v, p, ctx.vocab.milestone_kinds, "a milestone kind")),
            ("date", check.date),
            ("text", check.text),
            ("source", source_ref),
        ):
            values[key] = check.optional(data, item_path, key, read)
        planned = check.optional(data, item_path, "planned", check.flag) or False
        window = check.optional(
            data, item_path, "window", lambda v, p: check.choice(v, p, ctx.vocab.date_windows, "a date window")
        )
        if window and not planned:
            check.report((*item_path, "window"), "expected only on a planned milestone (planned: true)")
        if None in values.values():
            raise Invalid()
        milestone = Milestone(planned=planned, window=window, **values)
        _check_milestone_date(check, milestone, (*item_path, "date"), as_of)
        return milestone

    milestones: list[Milestone] = []
    for item_path, item in check.items(value, path, "milestones"):
        try:
            milestone = one(item, item_path)
        except Invalid:
            continue
        previous = milestones[-1] if milestones else None
        # Out of order only when it must come before the previous one: '2026' may follow '2026-08'.
        if previous and milestone.date.end() < previous.date.start().date():
            check.report((*item_path, "date"), f"milestones must be in date order; {milestone.date} "
                         f"comes before the previous milestone's {previous.date}")
        milestones.append(milestone)
    return tuple(milestones)


# The checks against the data's as-of date, which moves with every update of the data: made while a
# mission is read, and made again on every build for a mission an earlier build checked (checked.py).


def _check_verified(check: Checker, verified: PartialDate | None, as_of: PartialDate | None) -> None:
    if verified and as_of and verified.start() > as_of.start():
        check.report(("status_verified",), f"expected a day on or before the data's as-of date {as_of}")


def _check_milestone_date(check: Checker, milestone: Milestone, path: Path, as_of: PartialDate | None) -> None:
    """Whatever has happened happened by the as-of date, and whatever is planned is not yet past."""
    if as_of and not milestone.planned and milestone.date.start() > as_of.start():
        check.report(path, f"expected a date on or before the data's as-of date {as_of} "
                     "for something that has happened; mark it 'planned: true' if it has not")
    if as_of and milestone.planned and milestone.date.end() < as_of.end():
        check.report(path, f"this planned date has passed by the data's as-of date {as_of}; "
                     "record what happened or the new plan")


def _check_as_of(doc: Document, mission: Mission, as_of: PartialDate, problems: list[Problem]) -> bool:
    """The as-of checks of a mission an earlier build checked; True when it passes them. Its
    milestones are all valid, so each one's index is its place in the file."""
    check = Checker(doc, problems)
    before = len(problems)
    _check_verified(check, mission.status_verified, as_of)
    for i, milestone in enumerate(mission.milestones):
        _check_milestone_date(check, milestone, ("milestones", i, "date"), as_of)
    return len(problems) == before


def _check_status(check: Checker, status, milestones, vocab: Vocab) -> None:
    if status is None or not milestones:
        return
    flown = [m for m in milestones if m.kind in vocab.launch_kinds and not m.planned]
    if status == "planned" and flown:
        check.report(("status",), f"expected a status other than planned: launched on {flown[0].date}")
    if status != "planned" and not flown:
        check.report(("status",), f"expected 'planned' for a mission without a flown launch; got '{status}'")


def _read_cite(check, value, path, present: set[str], source_ref) -> dict[str, Source]:
    if not isinstance(value, dict):
        raise check.fail(path, f"expected a mapping of field: source id; got {shorten(value)}")
    result = {}
    for key, ref in value.items():
        if key not in present:
            what = "one of the fields this mission has: " + ", ".join(sorted(present)) if present else "no entries"
            check.report((*path, key), f"expected {what}")
            continue
        try:
            result[key] = source_ref(ref, (*path, key))
        except Invalid:
            pass
    return result


# --- Everything together, with the checks across files -------------------------------------------


def build_catalogue(files: DataFiles, problems: list[Problem], checked: Checked | None = None) -> Catalogue | None:
    """The catalogue of every valid mission; a Problem for each mistake. None when the shared
    files (vocabulary, fields, site) are broken, since nothing else can be checked without them.
    With `checked`, a mission an earlier build checked is taken from it, and checked only against
    the as-of date."""
    vocab = _read_vocab(files.vocab, problems) if files.vocab else None
    fields = _read_fields(files.fields, problems) if files.fields else None
    site = _read_site(files.site, problems) if files.site else None
    if vocab is None or fields is None or site is None:
        return None
    destinations = (
        _read_destinations(files.destinations, fields["destination"], problems) if files.destinations else ()
    )
    ctx = _Context(vocab, fields, site, [d.id for d in destinations])
    missions: list[Mission] = []
    if checked is not None:
        checked.begin(files, ctx.destination_ids)
    for doc in files.missions:
        kept = checked.get(doc) if checked is not None else None
        if kept is not None:
            if _check_as_of(doc, kept, site.as_of, problems):
                missions.append(kept)
            continue
        mission = _read_mission(doc, ctx, problems)
        if mission is not None:
            missions.append(mission)
            if checked is not None:
                checked.keep(doc, mission)
    compared = _check_across(files.missions, missions, problems, files.mission_files)
    glossary = _read_glossary(files.glossary, problems) if files.glossary else ()
    mission_ids = ({_doc_id(doc) for doc in files.missions} | files.mission_files) - {""}
    changelog = (
        _read_changelog(files.changelog, fields["changelog"], site, mission_ids, problems) if files.changelog else ()
    )

    def launch_order(m: Mission):
        # Flown or planned launch first; a programme with no launch yet goes by its first plan.
        launch = m.first(vocab.launch_kinds) or next((x for x in m.milestones if x.planned), None)
        return (launch.date.sort_key() if launch else (site.as_of.start(), 9), m.id)

    missions.sort(key=launch_order)
    position = {m.id: i for i, m in enumerate(missions)}
    return Catalogue(
        site=site,
        vocab=vocab,
        fields=fields,
        destinations=destinations,
        missions=tuple(missions),
        compared={k: tuple(sorted(v, key=position.get)) for k, v in compared.items()},
        by_id={m.id: m for m in missions},
        glossary=glossary,
        changelog=changelog,
    )


def _check_across(
    docs: list[Document], missions: list[Mission], problems, mission_files: set[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    doc_of = {doc.file: doc for doc in docs}
    by_id = {mission.id: mission for mission in missions}  # unique: each id is its file's name
    known_ids = {_doc_id(doc) for doc in docs} | set(by_id) | mission_files
    _check_other_names(doc_of, missions, known_ids, problems)

    pairs: dict[frozenset[str], str] = {}
    compared: dict[str, list[str]] = {m.id: [] for m in missions}
    for mission in missions:
        doc = doc_of[mission.file]
        for i, other_id in enumerate(mission.compare_with):
            path = ("compare_with", i)
            other = by_id.get(other_id)
            if other is None:
                if other_id not in known_ids:
                    close = difflib.get_close_matches(other_id, sorted(known_ids), n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    problems.append(doc.problem(path, f"expected the id of a mission; got unknown '{other_id}'{hint}"))
                continue
            if other.country == mission.country:
                problems.append(doc.problem(path, f"expected a mission of another country; '{other_id}' "
                                            f"is also {mission.country}"))
                continue
            pair = frozenset((mission.id, other_id))
            if pair in pairs:
                problems.append(doc.problem(path, f"this comparison is already given in {pairs[pair]}; "
                                            "write each pair once, it is shown on both pages"))
                continue
            pairs[pair] = mission.file
            compared[mission.id].append(other_id)
            compared[other_id].append(mission.id)
    return compared


def _check_other_names(doc_of: dict[str, Document], missions: list[Mission], known_ids: set[str], problems) -> None:
    """Aliases and COSPAR ids lead to one mission each: no alias may be a mission's id or another's alias."""
    alias_of: dict[str, str] = {}
    cospar_of: dict[str, str] = {}
    for mission in missions:
        doc = doc_of[mission.file]
        for alias in mission.aliases:
            path = ("aliases", doc.data["aliases"].index(alias))
            if alias in known_ids:
                problems.append(doc.problem(path, f"expected an id no mission has; '{alias}' is the id of "
                                            f"data/missions/{alias}.yml"))
            elif alias in alias_of:
                problems.append(doc.problem(path, f"duplicate alias '{alias}'; {alias_of[alias]} lists it too"))
            else:
                alias_of[alias] = mission.file
        if mission.cospar_id in cospar_of:
            problems.append(doc.problem(("cospar_id",), f"duplicate COSPAR id; {cospar_of[mission.cospar_id]} "
                                        "has it too"))
        elif mission.cospar_id:
            cospar_of[mission.cospar_id] = mission.file


def _doc_id(doc: Document) -> str:
    data = doc.data if isinstance(doc.data, dict) else {}
    return data.get("id") if isinstance(data.get("id"), str) else ""
