"""The white papers' plans: each goal, what was said about its date and by whom, and a verdict computed from
the missions.

A goal stores statements (who said what, when, with which target) and which mission milestones
deliver each event a statement can name (a launch, a landing). One statement is graded: the white
paper's own dated words, or where the paper gave no date, the first official target. Press
reports are context and are never graded. When the goal was delivered, and whether that was on
time, are computed from the missions' own milestones, so a date is never typed twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, PlainValidator

from . import dates
from .dates import PartialDate
from .load import Document
from .model import Milestone, Mission, Publisher, Record, Reference
from .problems import Path, Problem, shorten
from .rules import Rules, source_host
from .values import Date, DestinationId, Id, MilestoneKind, Name, SpeakerKind, Text, wrong

# "Around 2018" is no deadline: it is kept when delivered in 2018 or in the first months of 2019.
AROUND_GRACE_MONTHS = 6
# The speakers whose words can be graded: those who set China's targets. The press is context.
OFFICIAL = ("white-paper", "government", "agency")
WINDOW_KINDS = ("by", "around", "in", "from")


@dataclass(frozen=True)
class Window:
    """A promised date: 'by 2018' (at the latest), 'around 2018', 'in 2018', or '2020 to 2029'."""

    kind: str
    start: PartialDate | None  # None for 'by': no earliest date was promised
    end: PartialDate

    @property
    def last_day(self) -> dt.date:
        """The end of the window; for 'around', AROUND_GRACE_MONTHS after the date's end."""
        last = self.end.end()
        if self.kind != "around":
            return last
        month = last.month + AROUND_GRACE_MONTHS
        year, month = last.year + (month - 1) // 12, (month - 1) % 12 + 1
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

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

    def reading(self) -> str:
        """How the window is read, where it is not plain: 'around 2018, read as up to 30 June 2019'."""
        if self.kind == "around":
            return f"{self.label()}, read as up to {self.last_day_human}"
        return self.label()


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

    def against(self, window: Window, whose: str = "the promised window") -> str:
        """The clause after the date delivered, or now planned: ', within CASC's target (by 2018)',
        or, when late, '; CASC's target (by 2018) ended on 31 December 2018'."""
        promised = f"{whose} ({window.label()})"
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
    paper: str  # the id of the white paper that set it: "2016"
    title: str
    destination: str
    rule: str
    deliveries: dict[str, tuple[Delivery, ...]]  # per event a statement can name: launch, landing
    statements: tuple[Statement, ...]  # oldest first

    @property
    def graded(self) -> Statement:
        """The statement the verdict grades (plan.yml is checked to have one): the white paper's own
        dated words, else the earliest official statement with a target."""
        dated = [s for s in self.statements if s.target is not None and s.kind in OFFICIAL]
        return next((s for s in dated if s.kind == "white-paper"), dated[0])

    @property
    def white_paper_dated(self) -> bool:
        return self.graded.kind == "white-paper"

    @property
    def graded_number(self) -> int:
        """The graded statement's place in the goal's list, for its anchor on /plan/."""
        return self.statements.index(self.graded) + 1

    @property
    def delivered(self) -> Delivery:
        """The delivery that completes what the graded statement named: the latest of its parts."""
        return max(self.deliveries[self.graded.event or ""], key=lambda d: d.milestone.date.sort_key())

    @property
    def is_delivered(self) -> bool:
        return not any(d.milestone.planned for d in self.deliveries[self.graded.event or ""])

    @property
    def target(self) -> Window:
        assert self.graded.target is not None
        return self.graded.target

    @property
    def verdict(self) -> Verdict:
        return judge(self.target, self.delivered.milestone, self.is_delivered)

    @property
    def against_promise(self) -> str:
        """How the delivery, or the date now planned, stands against the graded target."""
        return self.verdict.against(self.target, f"{self.graded.possessive} target")


@dataclass(frozen=True)
class Scorecard:
    """How a white paper's goals stand: kept (on time or early), late, or not yet delivered."""

    kept: int
    late: int
    not_yet: int

    @property
    def goals(self) -> int:
        return self.kept + self.late + self.not_yet

    def words(self) -> str:
        """'4 goals: 3 kept, 1 late': the counts that are not zero."""
        counts = [(self.kept, "kept"), (self.late, "late"), (self.not_yet, "not yet")]
        kept = ", ".join(f"{n} {word}" for n, word in counts if n)
        return f"{self.goals} goal{'s' if self.goals != 1 else ''}: {kept}"


def of_paper(goals: Sequence[Goal], paper_id: str) -> tuple[Goal, ...]:
    return tuple(goal for goal in goals if goal.paper == paper_id)


def scorecard(goals: Sequence[Goal]) -> Scorecard:
    kinds = [goal.verdict.kind for goal in goals]
    late = kinds.count("late")
    not_yet = sum(1 for kind in kinds if kind.startswith("planned"))
    return Scorecard(len(kinds) - late - not_yet, late, not_yet)


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
        return Verdict("late", f"Late by {duration(window.last_day, day)}")
    if window.first_day and date.end() < window.first_day:
        return Verdict("early", f"Early by {duration(date.end(), window.first_day)}")
    return Verdict("on-time", "On time")


def duration(earlier: dt.date, later: dt.date) -> str:
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


class Statement(Record):
    """Who said what about a goal's date, and when."""

    what = "a statement"
    date: Date = Field(description="date")
    speaker: Name = Field(description="text")  # as the page names them: "CNSA", "China's 2016 white paper"
    kind: SpeakerKind = Field(description="speaker kind")
    target: Annotated[Window, PlainValidator(_window)] | None = Field(description="target window or null")
    event: Id | None = Field(None, description="event")  # what the words date: launch, landing
    quote: Text | None = Field(None, description="text")  # the exact words, where they were quoted
    said: Text | None = Field(None, description="text")  # what was said, in the site's words
    source: Reference = Field(description="source")

    @property
    def who(self) -> str:
        """The speaker without the words after a comma that say who they are: 'Wu Yanhua'."""
        return self.speaker.split(",")[0]

    @property
    def possessive(self) -> str:
        """How a verdict names whose target it grades: "CASC's", "Wu Yanhua's"."""
        return f"{self.who}'" if self.who.endswith("s") else f"{self.who}'s"


class DeliveryRef(Record):
    what = "a delivery"
    mission: Id = Field(description="id")
    milestone: MilestoneKind = Field(description="milestone kind")


class PlannedGoal(Record):
    """A goal as plan.yml gives it: its deliveries name missions and milestone kinds, per event."""

    what = "a goal"
    id: Id = Field(description="id")
    paper: Id = Field(description="the id of a white paper in site.yml")
    title: Text = Field(description="text")
    destination: DestinationId = Field(description="destination")
    rule: Text = Field(description="text")
    delivered_by: dict[Id, tuple[DeliveryRef, ...]] = Field(min_length=1, description="events and deliveries")
    statements: tuple[Statement, ...] = Field(min_length=1, description="list of statements")


def read_goals(
    doc: Document,
    planned: tuple[PlannedGoal, ...],
    missions: dict[str, Mission],
    ids_in_files: set[str],
    publishers: dict[str, Publisher],
    papers: tuple[str, ...],
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
        if goal.paper not in papers:
            rules.report(
                (i, "paper"),
                f"expected a white paper in site.yml: one of {', '.join(papers)}; got {shorten(goal.paper)}",
            )
            continue
        deliveries = {
            event: [
                _delivery(rules, ref, (i, "delivered_by", event, j), missions, ids_in_files)
                for j, ref in enumerate(refs)
            ]
            for event, refs in goal.delivered_by.items()
        }
        found = {event: tuple(d for d in found if d is not None) for event, found in deliveries.items()}
        complete = all(len(found[e]) == len(deliveries[e]) for e in deliveries)
        if _statements_hold(rules, goal, (i, "statements"), publishers) and complete:
            goals.append(Goal(goal.id, goal.paper, goal.title, goal.destination, goal.rule, found, goal.statements))
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


def _statements_hold(rules: Rules, goal: PlannedGoal, path: Path, publishers: dict[str, Publisher]) -> bool:
    before = len(rules.problems)
    statements = goal.statements
    for i, statement in enumerate(statements):
        source_host(rules, statement.source, (*path, i, "source"), publishers)
        if not statement.quote and not statement.said:
            rules.report((*path, i), "expected the words said: quote (exact words) or said (in other words)")
        if statement.target is not None and statement.event not in goal.delivered_by:
            events = ", ".join(goal.delivered_by)
            rules.report((*path, i, "event"), f"expected what the target dates, one of delivered_by's: {events}")
        if i and statement.date.start() < statements[i - 1].date.start():
            rules.report((*path, i, "date"), "expected statements in date order, oldest first")
    if not any(s.target is not None and s.kind in OFFICIAL for s in statements):
        rules.report(
            path,
            f"expected a statement with a target, by one of {', '.join(OFFICIAL)}, to grade; the press is not graded",
        )
    if len(rules.problems) == before and publishers:
        for statement in statements:
            statement.source.registered(publishers)
        return True
    return False
