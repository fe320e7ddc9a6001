"""The 2016 plan: each goal, how its target date moved, and a verdict computed from the missions.

A goal stores only what was announced (the history of target dates, one of them the 2016 promise)
and which mission milestones deliver it. When it was delivered, and whether that was on time, are
computed from the missions' own milestones, so a date is never typed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .dates import PartialDate
from .load import Document
from .checks import Checker, FieldSpec, Invalid
from .model import Catalogue, Milestone, Mission, Source
from .problems import Path, Problem, shorten

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
        if self.kind == "from":
            return f"{self.start.human()} to {self.end.human()}"
        return f"{self.kind} {self.end.human()}"


@dataclass(frozen=True)
class Announcement:
    announced: PartialDate
    target: Window | None  # None when the announcement gave no date
    said: str
    source: Source
    quote: str | None = None
    promise: bool = False


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
    def verdict(self) -> Verdict:
        return judge(self.promise.target, self.delivered.milestone, self.is_delivered)


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


# --- Reading plan.yml ----------------------------------------------------------------------------

GOAL_FIELDS = ("id", "title", "destination", "rule", "delivered_by", "history")
ANNOUNCEMENT_FIELDS = ("announced", "target", "said", "source", "quote", "promise")


def read_goals(doc: Document, catalogue: Catalogue, ids_in_files: set[str], problems: list[Problem]) -> tuple[Goal, ...]:
    check = Checker(doc, problems)
    reader = _GoalReader(check, catalogue, ids_in_files)
    try:
        goals = check.each(doc.data, (), "goals", reader.goal)
    except Invalid:
        return ()
    check.unique_ids(goals, "goal", lambda i: (i, "id"))
    return goals


@dataclass
class _GoalReader:
    check: Checker
    catalogue: Catalogue
    ids_in_files: set[str]

    def goal(self, item: Any, path: Path) -> Goal:
        check = self.check
        data = self._fields(item, path, GOAL_FIELDS, GOAL_FIELDS, "a goal")
        destinations = [d.id for d in self.catalogue.destinations]
        goal = Goal(
            id=check.ident(data.get("id"), (*path, "id")),
            title=check.text(data.get("title"), (*path, "title")),
            destination=check.choice(data.get("destination"), (*path, "destination"), destinations, "a destination id"),
            rule=check.text(data.get("rule"), (*path, "rule")),
            deliveries=check.each(data.get("delivered_by"), (*path, "delivered_by"), "deliveries", self.delivery),
            history=self._history(data.get("history"), (*path, "history")),
        )
        return goal

    def delivery(self, item: Any, path: Path) -> Delivery:
        check = self.check
        data = self._fields(item, path, ("mission", "milestone"), ("mission", "milestone"), "a delivery")
        mission_id = check.ident(data.get("mission"), (*path, "mission"))
        kind = check.choice(data.get("milestone"), (*path, "milestone"), self.catalogue.vocab.milestone_kinds,
                            "a milestone kind")
        mission = self.catalogue.by_id.get(mission_id)
        if mission is None:
            if mission_id in self.ids_in_files:
                raise Invalid()  # the mission's own file is reported already
            raise check.fail((*path, "mission"), f"expected the id of a mission; got unknown {shorten(mission_id)}")
        milestone = next((m for m in mission.milestones if m.kind == kind), None)
        if milestone is None:
            kinds = ", ".join(dict.fromkeys(m.kind for m in mission.milestones))
            raise check.fail((*path, "milestone"), f"expected a milestone that {mission_id} has: one of {kinds}; "
                             f"got {shorten(kind)}")
        return Delivery(mission, milestone)

    def _history(self, value: Any, path: Path) -> tuple[Announcement, ...]:
        check = self.check
        history = check.each(value, path, "announcements", self.announcement)
        if len(history) != len(value):
            raise Invalid()  # a broken announcement is reported already; counting promises would echo it
        promises = [a for a in history if a.promise]
        if len(promises) != 1:
            raise check.fail(path, f"expected exactly one announcement with 'promise: true'; got {len(promises)}")
        if promises[0].target is None:
            raise check.fail(path, "expected the promise to have a target date")
        for i in range(1, len(history)):
            if history[i].announced.start() < history[i - 1].announced.start():
                check.report((*path, i, "announced"), "expected announcements in date order, oldest first")
        return history

    def announcement(self, item: Any, path: Path) -> Announcement:
        check = self.check
        data = self._fields(item, path, ANNOUNCEMENT_FIELDS, ("announced", "said", "source"), "an announcement")
        if "target" not in data:
            check.report((*path, "target"), "required field missing; expected a target window or null")
        return Announcement(
            announced=check.date(data.get("announced"), (*path, "announced")),
            target=None if data.get("target") is None else self.window(data["target"], (*path, "target")),
            said=check.text(data.get("said"), (*path, "said")),
            source=self.source(data.get("source"), (*path, "source")),
            quote=check.optional(data, path, "quote", check.text),
            promise=check.optional(data, path, "promise", check.flag) or False,
        )

    def window(self, value: Any, path: Path) -> Window:
        check = self.check
        if not isinstance(value, dict) or not value:
            raise check.fail(path, f"expected one of {{by: YEAR}}, {{around: YEAR}}, {{in: YEAR}} or "
                             f"{{from: YEAR, to: YEAR}}; got {shorten(value)}")
        keys = set(value)
        if keys == {"from", "to"}:
            start = check.date(value["from"], (*path, "from"))
            end = check.date(value["to"], (*path, "to"))
            if end.end() < start.start().date():
                raise check.fail((*path, "to"), "expected an end on or after the start")
            return Window("from", start, end)
        if len(keys) == 1 and keys <= set(WINDOW_KINDS) - {"from"}:
            kind = keys.pop()
            date = check.date(value[kind], (*path, kind))
            return Window(kind, None if kind == "by" else date, date)
        raise check.fail(path, f"expected one of by, around, in, or from with to; got {', '.join(map(str, keys))}")

    def source(self, value: Any, path: Path) -> Source:
        check = self.check
        data = self._fields(value, path, ("title", "publisher", "url"), ("title", "publisher", "url"), "a source")
        return Source(
            id="",
            title=check.text(data.get("title"), (*path, "title")),
            publisher=check.name(data.get("publisher"), (*path, "publisher")),
            url=check.url(data.get("url"), (*path, "url")),
        )

    def _fields(self, value: Any, path: Path, known: tuple[str, ...], required: tuple[str, ...], what: str) -> dict:
        specs = tuple(FieldSpec(name, name in required, "a value", "") for name in known)
        return self.check.record(value, path, specs, what)
