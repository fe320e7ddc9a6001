"""The typed model of the data: what each file of data/ holds, declared once.

Each record is a pydantic model: its fields, their types (values.py), which are required, and no
others (an unknown field is a typo). validate.py reads a parsed file into these and turns every
mistake into a problem at its line; rules.py checks what a field cannot check alone (references
within a mission, and between files). The Catalogue holds everything once it is valid. No I/O and no
MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .dates import PartialDate, Precision
from .values import (
    CosparId,
    Country,
    Date,
    DateWindow,
    Day,
    Description,
    DestinationId,
    FirstKind,
    Flag,
    Host,
    Id,
    Label,
    Markdown,
    MeasureKey,
    MilestoneKind,
    MissionKind,
    Name,
    PublisherId,
    PublisherKind,
    SourceId,
    Status,
    Text,
    TooltipForm,
    Url,
    number,
    whole,
)


class Record(BaseModel):
    """A mapping of field: value in a data file. Each field's description is the kind of value it
    takes, as data/fields.yml documents it and as a problem says it was expected."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    what: ClassVar[str] = "a record"

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        """`name:` with nothing after it is as if the field were not there: a missing required
        field, or an optional one left out. A field that may be null on purpose keeps its null."""
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items() if value is not None or cls._nullable(key)}

    def edited(self, **changes: Any) -> Any:
        """A copy with `changes` (not validated: for tests and benchmarks), whose derived values are
        worked out afresh."""
        copy = self.model_copy(update=changes)
        for name in [name for name in vars(copy) if name not in type(self).model_fields]:
            del copy.__dict__[name]  # a cached_property's value, made from the old fields
        return copy

    @classmethod
    def _nullable(cls, key: Any) -> bool:
        field = cls.model_fields.get(key) if isinstance(key, str) else None
        return field is not None and field.is_required() and type(None) in get_args(field.annotation)


# --- Shared files: vocabulary, field list, site, destinations ---------------------------------------


class Vocab(Record):
    what = "vocabulary lists"
    countries: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    statuses: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    mission_kinds: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    milestone_kinds: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    date_windows: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    publisher_kinds: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    speaker_kinds: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    first_kinds: dict[str, Label] = Field(min_length=1, description="a mapping of value: label")
    arrival_kinds: tuple[str, ...] = Field(min_length=1, description="a list of milestone kinds")
    end_kinds: tuple[str, ...] = Field(min_length=1, description="a list of milestone kinds")
    launch_kinds: tuple[str, ...] = Field(min_length=1, description="a list of milestone kinds")
    final_statuses: tuple[str, ...] = Field(description="a list of statuses")

    def context(self) -> dict[str, Any]:
        """The choices its lists define, for validating the other files."""
        return {
            key: list(getattr(self, key))
            for key in (
                "countries",
                "statuses",
                "mission_kinds",
                "milestone_kinds",
                "date_windows",
                "publisher_kinds",
                "speaker_kinds",
                "first_kinds",
            )
        }


class FieldSpec(Record):
    what = "a field description"
    name: Name = Field(description="text")
    required: Flag = Field(description="true or false")
    type: Text = Field(description="text")
    description: Text = Field(description="text")


class FieldList(Record):
    """data/fields.yml: the documentation of each record's fields, checked against the models."""

    what = "field lists"
    mission: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    milestone: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    landing_site: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    astronaut: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    first: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    source: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    publisher: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    goal: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    statement: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    destination: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")
    changelog: tuple[FieldSpec, ...] = Field(min_length=1, description="a list of field descriptions")

    def groups(self) -> dict[str, tuple[FieldSpec, ...]]:
        return {name: getattr(self, name) for name in type(self).model_fields}


class Cited(Record):
    """A document cited: its `publisher` and `via` name publishers in data/publishers.yml."""

    if TYPE_CHECKING:  # declared by each kind of document, in the order fields.yml lists them
        title: str
        publisher: str
        via: str | None
        url: str

    _publisher: Publisher | None = PrivateAttr(None)
    _via: Publisher | None = PrivateAttr(None)

    def registered(self, publishers: dict[str, Publisher]) -> None:
        """Take the publishers' names from the registry, once the source has been checked against it."""
        self._publisher = publishers[self.publisher]
        self._via = publishers[self.via] if self.via else None

    @property
    def publisher_name(self) -> str:
        return self._publisher.name if self._publisher else self.publisher

    @property
    def via_name(self) -> str | None:
        return self._via.name if self._via else None

    @property
    def credit(self) -> str:
        """Who wrote it, and whose copy was read: 'Xinhua, via China Daily'."""
        return f"{self.publisher_name}, via {self.via_name}" if self.via_name else self.publisher_name


class Reference(Cited):
    """A document cited outside a mission: the white paper, a statement about a goal's date."""

    what = "a source"
    title: Text = Field(description="text")
    publisher: PublisherId = Field(description="publisher id")
    via: PublisherId | None = Field(None, description="publisher id")
    url: Url = Field(description="http(s) URL")


class License(Record):
    what = "name: and url: of the data's license"
    name: Text = Field(description="text")
    url: Url = Field(description="http(s) URL")


class WhitePaper(Record):
    """One of China's white papers on its space activities, whose goals /plan/ grades."""

    what = "a white paper"
    id: Id = Field(description="id")  # its year, as the plan's goals name it: "2016"
    title: Name = Field(description="text")
    published: Day = Field(description="a day, YYYY-MM-DD")
    full_text: Reference = Field(description="title:, publisher: and url: of its full text")
    # Where the paper set its tasks for "the next five years" with no year: how the site reads that.
    window: Text | None = Field(None, description="text")


class SiteInfo(Record):
    what = "the site's settings"
    as_of: Day = Field(description="a day, YYYY-MM-DD")
    data_license: License = Field(description="name: and url: of the data's license")
    follows: Id = Field(description="the id of a white paper")  # the one the site is about
    white_papers: tuple[WhitePaper, ...] = Field(min_length=1, description="list of white papers, oldest first")

    @property
    def white_paper(self) -> Reference:
        """The full text of the white paper the site follows (checked to be listed)."""
        return next(p.full_text for p in self.white_papers if p.id == self.follows)

    def paper(self, paper_id: str) -> WhitePaper:
        return next(p for p in self.white_papers if p.id == paper_id)

    @property
    def data_license_name(self) -> str:
        return self.data_license.name

    @property
    def data_license_url(self) -> str:
        return self.data_license.url


class Destination(Record):
    what = "a destination"
    id: Id = Field(description="id")
    name: Name = Field(description="text")
    order: Annotated[float, number(0, 1000)] = Field(description="number")
    summary: Text = Field(description="text")
    description: Description | None = Field(None, description="text")  # for link previews and search
    body: Markdown | None = Field(None, description="Markdown")
    compare: tuple[MeasureKey, ...] = Field((), description="list of numbers to compare")


class Publisher(Record):
    """Who publishes sources, and on which hosts: data/publishers.yml. A source's URL must be on its
    publisher's hosts, so a content farm or a wiki copy cannot pass for an agency."""

    what = "a publisher"
    id: Id = Field(description="id")
    name: Name = Field(description="text")
    kind: PublisherKind = Field(description="publisher kind")
    hosts: tuple[Host, ...] = Field(min_length=1, description="list of host names")


# --- Mission files ----------------------------------------------------------------------------------


class Source(Cited):
    what = "a source"
    id: SourceId = Field(description="id")
    title: Text = Field(description="text")
    publisher: PublisherId = Field(description="publisher id")  # who wrote it
    via: PublisherId | None = Field(None, description="publisher id")  # whose copy the URL is, if another's
    url: Url = Field(description="http(s) URL")


class Milestone(Record):
    what = "a milestone"
    kind: MilestoneKind = Field(description="milestone kind")
    date: Date = Field(description="date")
    text: Text = Field(description="text")
    planned: Flag = Field(False, description="true or false")
    window: DateWindow | None = Field(None, description="date window")  # 'by' or 'around' a planned date
    source: SourceId = Field(description="source id")  # the id of one of its mission's sources

    def when(self, windows: dict[str, str], date_text: Callable[[PartialDate], str]) -> str:
        """How the date reads, 'by 2029 (planned)': the window's label from vocab.yml, the date as
        `date_text` writes it (a page's <time> tag, a figure's short date, a preview's day)."""
        window = f"{windows[self.window]} " if self.window else ""
        return f"{window}{date_text(self.date)}{' (planned)' if self.planned else ''}"


class LandingSite(Record):
    what = "a landing site"
    name: Name = Field(description="text")
    lat: Annotated[float, number(-90, 90)] = Field(description="number")
    lon: Annotated[float, number(-180, 180)] = Field(description="number")
    source: SourceId = Field(description="source id")


class Astronaut(Record):
    what = "an astronaut"
    name: Name = Field(description="text")
    name_zh: Name | None = Field(None, description="text")
    role: Name | None = Field(None, description="text")


def _first_as_mapping(value: Any) -> Any:
    """A first may be plain text; it is then a first of no kind the tables line up."""
    return {"text": value} if isinstance(value, str) else value


class First(Record):
    """Something the mission did first for its country, and, for the side-by-side tables, which kind
    of first it is and the milestone that dates it."""

    what = "a first"
    text: Text = Field(description="text")
    kind: FirstKind | None = Field(None, description="kind of first")
    milestone: MilestoneKind | None = Field(None, description="milestone kind")


# The mission-level facts that name a source under `cite`.
CITABLE = (
    "status",
    "vehicle",
    "launch_site",
    "mass_kg",
    "station_mass_kg",
    "crew",
    "astronauts",
    "sample_returned_g",
    "cospar_id",
    "firsts",
)


class Mission(Record):
    what = "a mission"
    id: Id = Field(description="id")
    name: Name = Field(description="text")
    name_zh: Name | None = Field(None, description="text")
    pinyin: Name | None = Field(None, description="text")
    names: tuple[Name, ...] = Field((), min_length=1, description="list of text")  # what readers search for
    country: Country = Field(description="country")
    agency: Name = Field(description="text")
    destination: DestinationId = Field(description="destination")
    also_destinations: tuple[DestinationId, ...] = Field((), min_length=1, description="list of destinations")
    kinds: tuple[MissionKind, ...] = Field(min_length=1, description="list of mission kinds")
    status: Status = Field(description="status")
    status_verified: Day = Field(description="date")
    summary: Text = Field(description="text")
    description: Description | None = Field(None, description="text")  # for link previews and search
    vehicle: Name | None = Field(None, description="text")
    launch_site: Name | None = Field(None, description="text")
    mass_kg: Annotated[float, number(0.001, 10_000_000)] | None = Field(None, description="number")
    # a station assembled in orbit, without visiting spacecraft
    station_mass_kg: Annotated[float, number(1, 10_000_000)] | None = Field(None, description="number")
    # people aboard a station at a time: resident crew, or a visiting crew
    crew: Annotated[int, whole(1, 1000)] | None = Field(None, description="whole number")
    # who flew on a crewed flight, in the order its source names them
    astronauts: tuple[Astronaut, ...] = Field((), min_length=1, max_length=20, description="list of astronauts")
    sample_returned_g: Annotated[float, number(0.000001, 1_000_000)] | None = Field(None, description="number")
    aliases: tuple[Id, ...] = Field((), min_length=1, description="list of ids")
    cospar_id: CosparId | None = Field(None, description="COSPAR id")
    landing_site: LandingSite | None = Field(None, description="landing site")
    firsts: tuple[Annotated[First, BeforeValidator(_first_as_mapping)], ...] = Field(
        (), min_length=1, description="list of firsts"
    )
    cite: dict[str, SourceId] = Field({}, description="map of field to source id")  # field -> source id
    milestones: tuple[Milestone, ...] = Field(min_length=1, description="list of milestones")  # in date order
    compare_with: tuple[Id, ...] = Field(description="list of mission ids")
    sources: tuple[Source, ...] = Field(min_length=1, description="list of sources")
    body: Markdown | None = Field(None, description="Markdown")

    _file: str = PrivateAttr("")

    @property
    def file(self) -> str:
        """The data file it was read from, as shown to people: data/missions/juno.yml."""
        return self._file

    def source(self, source_id: str) -> Source:
        return self._sources[source_id]

    def source_number(self, source_id: str) -> int:
        """A source's number on the mission's page: its place in the mission's list of sources."""
        return self._source_numbers[source_id]

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def _source_numbers(self) -> dict[str, int]:
        return {source.id: i for i, source in enumerate(self.sources, start=1)}

    def first(self, kinds: tuple[str, ...]) -> Milestone | None:
        """The earliest milestone of the first kind in `kinds` that the mission has: kinds are in
        order of preference (a launch, else a module launch)."""
        for kind in kinds:
            if kind in self._first_of_kind:
                return self._first_of_kind[kind]
        return None

    @cached_property
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

    def __hash__(self) -> int:  # by identity: one object per mission, looked up on every page
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


# --- Glossary and changelog -------------------------------------------------------------------------


class Term(Record):
    what = "a glossary term"
    term: Name = Field(description="text")
    forms: tuple[TooltipForm, ...] = Field(min_length=1, description="list of spellings")  # those with a tooltip
    definition: Text = Field(description="text")

    @model_validator(mode="before")
    @classmethod
    def _the_term_is_its_own_form(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("forms") is None and isinstance(data.get("term"), str):
            return {**data, "forms": [data["term"]]}
        return data

    @property
    def anchor(self) -> str:
        """'Earth–Moon L2' -> 'earth-moon-l2'."""
        return "-".join(re.findall(r"[a-z0-9]+", self.term.lower()))


class Change(Record):
    """One update of the data, as the changelog and its feed tell it."""

    what = "a changelog entry"
    date: Day = Field(description="date")
    missions: tuple[Id, ...] = Field((), description="list of mission ids")  # none for the data as a whole
    text: Text = Field(description="text")


# --- Everything together ----------------------------------------------------------------------------


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
    publishers: dict[str, Publisher] = field(default_factory=dict)
    goals: tuple = ()  # the 2016 plan's goals (plan.Goal)
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
        """When the mission reached its destination: its first orbit insertion at, landing on, arrival
        at or docking with the destination itself. A flyby is no arrival (Europa Clipper's flyby of Mars
        is not its arrival at Jupiter). The Arrival columns, the figures and the days to arrive all use it."""
        return mission.earliest(self.vocab.arrival_kinds)

    def end(self, mission: Mission) -> Milestone | None:
        return mission.first(self.vocab.end_kinds)

    def days_to_arrive(self, mission: Mission) -> int | None:
        """Days from the launch's UTC day to the arrival's (Tianwen-1: Mars orbit, not its later
        landing), when both happened and are known to the day; a time of day is left out, so that a
        launch at 13:32 and an arrival given only as a day count whole calendar days."""
        launch, arrival = self.launch(mission), self.arrival(mission)
        if not launch or not arrival or launch.planned or arrival.planned:
            return None
        if min(launch.date.precision, arrival.date.precision) < Precision.DAY:
            return None
        return (arrival.date.start().date() - launch.date.start().date()).days
