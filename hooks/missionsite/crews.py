"""Crewed flights: who flew, when they left and came back, and how long they were in space,
computed from each flight's milestones (its launch and its `crew_return`), never typed again."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import Precision
from .model import Catalogue, Milestone, Mission

RETURN = ("crew_return",)


@dataclass(frozen=True)
class Flight:
    mission: Mission
    launch: Milestone | None
    back: Milestone | None  # the crew's return to Earth, flown or planned
    over: bool  # the mission's status is final (vocab.yml's final_statuses), return dated or not

    @property
    def in_space(self) -> bool:
        """Launched, and not yet back, as of the data's date."""
        launched = bool(self.launch and not self.launch.planned)
        return launched and not self.over and (not self.back or self.back.planned)

    @property
    def days(self) -> float | None:
        """Days from launch to return: to a tenth where both times are known to the minute, whole
        days where only the days are known, none while the crew is up or a date is vaguer."""
        if not self.launch or not self.back or self.launch.planned or self.back.planned:
            return None
        start, end = self.launch.date, self.back.date
        if min(start.precision, end.precision) == Precision.MINUTE:
            return round((end.start() - start.start()).total_seconds() / 86400, 1)
        if min(start.precision, end.precision) == Precision.DAY:
            return float((end.start().date() - start.start().date()).days)
        return None


def flight(catalogue: Catalogue, mission: Mission) -> Flight:
    return Flight(
        mission, catalogue.launch(mission), mission.first(RETURN), mission.status in catalogue.vocab.final_statuses
    )


def flights(catalogue: Catalogue, destination_id: str) -> list[Flight]:
    """The crewed flights to a destination, in launch order: those whose astronauts the data names,
    and those whose crew is known to have arrived though not named (a station's own crew arrivals
    are not flights)."""
    return [
        flight(catalogue, m)
        for m in catalogue.missions_to(destination_id)
        if m.astronauts or ("station" not in m.kinds and m.first(("crew_arrival",)))
    ]


def aboard(found: list[Flight]) -> list[Flight]:
    """The flights whose crews are in space as of the data's date."""
    return [flight for flight in found if flight.in_space]


def days_text(days: float | None) -> str:
    """'33.0' -> '33', '182.4' stays: a table cell; a dash when not known."""
    if days is None:
        return "–"
    return f"{days:.0f}" if days == int(days) else f"{days:.1f}"
