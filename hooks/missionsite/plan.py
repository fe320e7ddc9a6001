"""The 2016 plan: each goal, how its target date moved, and a verdict computed from the missions.

A goal stores only what was announced (the history of target dates, one of them the 2016 promise)
and which mission milestones deliver it. When it was delivered, and whether that was on time, are
computed from the missions' own milestones, so a date is never typed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, PlainValidator

from . import dates
from .dates import PartialDate
from .load import Document
from .model import Milestone, Mission, Record
from .problems import Path, Problem, shorten
from .rules import Rules
from .values import Date, DestinationId, Flag, Id, MilestoneKind, Name, Text, Url, wrong

WINDOW_KINDS = ("by", "around", "in", "from")


@dataclass(frozen=True)
class Window:
    """A promised date: 'by 2018' (at the latest), 'around 2018', 'in 2018', or '2020 to 2029'."""

    kind: str
    start: PartialDate | None  # None for 'by': no earliest date was promised
    end: PartialDate

    @property
    def last_day(self) -> dt.date:
        return self.end.end()

    @property
    def last_day_human(self) -> str:
        day = self.last_day
        return PartialDate(day.year, day.month, day.day).human()

    @property
    def first_day(self) -> dt.date | None:
        return self.start.start().date() if self.start else None

    def label(self) -> str:
        if self.start is not None and self.kind == "from":
            return f"{self.start.human()} to {self.end.human()}"
        return f"{self.kind} {self.end.human()}"


@dataclass(frozen=True)
class Delivery:
    mission: Mission
    milestone: Milestone


@dataclass(frozen=True)
class Verdict:
    kind: str  # on-time, early, late; or, while not yet delivered: planned-within, planned-after, planned-before
    label: str  # 'On time', 'Late by 2 years 4 months', 'Not yet'

    @property
    def delivered(self) -> bool:
        return not self.kind.startswith("planned")

    def against(self, window: Window) -> str:
        """The clause after the date delivered, or now planned: ', within the promised window
        (by 2018)', or, when late, '; the promised window (by 2018) ended on 31 December 2018'."""
        promised = f"the promised window ({window.label()})"
        if self.kind == "late":
            return f"; {promised} ended on {window.last_day_human}"
        return f", {_PLACE_IN_WINDOW[self.kind]} {promised}"


_PLACE_IN_WINDOW = {
    "early": "before",
    "on-time": "within",
    "planned-before": "before",
    "planned-within": "within",
    "planned-after": "after",
}


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    destination: str
    rule: str
    deliveries: tuple[Delivery, ...]
    history: tuple[Announcement, ...]

    @property
    def promise(self) -> Announcement:
        return next(a for a in self.history if a.promise)

    @property
    def current(self) -> Announcement:
        """The latest announcement that gave a date."""
        return [a for a in self.history if a.target][-1]

    @property
    def delivered(self) -> Delivery:
        """The delivery that completes the goal: the latest of its parts."""
        return max(self.deliveries, key=lambda d: d.milestone.date.sort_key())

    @property
    def is_delivered(self) -> bool:
        return not any(d.milestone.planned for d in self.deliveries)

    @property
    def target(self) -> Window:
        """The promised window: the promise always has one (plan.yml is checked for it)."""
        assert self.promise.target is not None
        return self.promise.target

    @property
    def verdict(self) -> Verdict:
        return judge(self.target, self.delivered.milestone, self.is_delivered)

    @property
    def against_promise(self) -> str:
        """How the delivery, or the date now planned, stands against the promise (Verdict.against)."""
        return self.verdict.against(self.target)


def judge(window: Window, milestone: Milestone, delivered: bool) -> Verdict:
    """Compare the delivery date with the promised window; slips count from the window's end."""
    date = milestone.date
    if not delivered:
        if date.start().date() > window.last_day:
            return Verdict("planned-after", "Not yet")
        if window.first_day and date.end() < window.first_day:
            return Verdict("planned-before", "Not yet")
        return Verdict("planned-within", "Not yet")
    day = date.start().date()
    if day > window.last_day:
        return Verdict("late", f"Late by {_duration(window.last_day, day)}")
    if window.first_day and date.end() < window.first_day:
        return Verdict("early", f"Early by {_duration(date.end(), window.first_day)}")
    return Verdict("on-time", "On time")


def _duration(earlier: dt.date, later: dt.date) -> str:
    """'3 days', '11 months', '2 years 4 months': whole calendar months once past a month."""
    days = (later - earlier).days
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    if months < 1:
        return f"{days} day{'s' if days != 1 else ''}"
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


# --- Reading plan.yml ------------------------------------------------------------------------------


def _window(value: Any) -> Window:
    if not isinstance(value, dict) or not value:
        raise wrong(
            "expected one of {by: YEAR}, {around: YEAR}, {in: YEAR} or {from: YEAR, to: YEAR}; "
            f"got {shorten(value)}"
        )
    keys = set(value)
    if keys == {"from", "to"}:
        start, end = _date_in(value["from"], "from"), _date_in(value["to"], "to")
        if end.end() < start.start().date():
            raise wrong("expected an end on or after the start")
        return Window("from", start, end)
    if len(keys) == 1 and keys <= set(WINDOW_KINDS) - {"from"}:
        kind = keys.pop()
        date = _date_in(value[kind], kind)
        return Window(kind, None if kind == "by" else date, date)
    raise wrong(f"expected one of by, around, in, or from with to; got {', '.join(map(str, keys))}")


def _date_in(value: Any, key: str) -> PartialDate:
    try:
        return dates.parse(value)
    except ValueError as err:
        raise wrong(f"{key}: {err}; got {shorten(value)}") from None


class Citation(Record):
    what = "a source"
    title: Text = Field(description="text")
    publisher: Name = Field(description="text")
    url: Url = Field(description="http(s) URL")


class Announcement(Record):
    what = "an announcement"
    announced: Date = Field(description="date")
    target: Annotated[Window, PlainValidator(_window)] | None = Field(description="target window or null")
    said: Text = Field(description="text")
    source: Citation = Field(description="source")
    quote: Text | None = Field(None, description="text")
    promise: Flag = Field(False, description="true or false")


class DeliveryRef(Record):
    what = "a delivery"
    mission: Id = Field(description="id")
    milestone: MilestoneKind = Field(description="milestone kind")


class PlannedGoal(Record):
    """A goal as plan.yml gives it: its deliveries name missions and milestone kinds."""

    what = "a goal"
    id: Id = Field(description="id")
    title: Text = Field(description="text")
    destination: DestinationId = Field(description="destination")
    rule: Text = Field(description="text")
    delivered_by: tuple[DeliveryRef, ...] = Field(min_length=1, description="list of deliveries")
    history: tuple[Announcement, ...] = Field(min_length=1, description="list of announcements")


def read_goals(
    doc: Document,
    planned: tuple[PlannedGoal, ...],
    missions: dict[str, Mission],
    ids_in_files: set[str],
    problems: list[Problem],
) -> tuple[Goal, ...]:
    """The goals with their deliveries found among the missions; a problem for each that is not."""
    rules = Rules(doc, problems)
    goals = []
    seen: set[str] = set()
    for i, goal in enumerate(planned):
        if goal.id in seen:
            rules.report((i, "id"), f"duplicate goal id '{goal.id}'")
        seen.add(goal.id)
        deliveries = [
            _delivery(rules, ref, (i, "delivered_by", j), missions, ids_in_files)
            for j, ref in enumerate(goal.delivered_by)
        ]
        found = tuple(d for d in deliveries if d is not None)
        if _history_holds(rules, goal.history, (i, "history")) and len(found) == len(deliveries):
            goals.append(Goal(goal.id, goal.title, goal.destination, goal.rule, found, goal.history))
    return tuple(goals)


def _delivery(
    rules: Rules, ref: DeliveryRef, path: Path, missions: dict[str, Mission], ids_in_files: set[str]
) -> Delivery | None:
    mission = missions.get(ref.mission)
    if mission is None:
        if ref.mission not in ids_in_files:  # else the mission's own file is reported already
            rules.report((*path, "mission"), f"expected the id of a mission; got unknown {shorten(ref.mission)}")
        return None
    milestone = next((m for m in mission.milestones if m.kind == ref.milestone), None)
    if milestone is None:
        kinds = ", ".join(dict.fromkeys(m.kind for m in mission.milestones))
        rules.report(
            (*path, "milestone"),
            f"expected a milestone that {ref.mission} has: one of {kinds}; got {shorten(ref.milestone)}",
        )
        return None
    return Delivery(mission, milestone)


def _history_holds(rules: Rules, history: tuple[Announcement, ...], path: Path) -> bool:
    before = len(rules.problems)
    promises = [a for a in history if a.promise]
    if len(promises) != 1:
        rules.report(path, f"expected exactly one announcement with 'promise: true'; got {len(promises)}")
    elif promises[0].target is None:
        rules.report(path, "expected the promise to have a target date")
    for i in range(1, len(history)):
        if history[i].announced.start() < history[i - 1].announced.start():
            rules.report((*path, i, "announced"), "expected announcements in date order, oldest first")
    return len(rules.problems) == before
