"""Firsts side by side: each country's first of each kind, taken from the missions' `firsts` that
name a kind, dated by the milestone they name, and the time between the countries' firsts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Catalogue, First, Milestone, Mission
from .plan import duration


@dataclass(frozen=True)
class Achieved:
    mission: Mission
    first: First
    milestone: Milestone


@dataclass(frozen=True)
class Row:
    kind: str
    label: str  # vocab.yml's first_kinds: 'First spacewalk'
    achieved: tuple[Achieved | None, ...]  # one per country, in vocab.yml's order of countries

    @property
    def gap(self) -> str | None:
        """'43 years 3 months' between the two countries' firsts; None unless both have one."""
        done = [a for a in self.achieved if a]
        if len(done) != 2 or len(self.achieved) != 2:
            return None
        days = sorted(a.milestone.date.start().date() for a in done)
        return duration(days[0], days[1])


def side_by_side(catalogue: Catalogue, missions: Sequence[Mission]) -> list[Row]:
    """A row for each kind of first that one of `missions` achieved, in vocab.yml's order."""
    countries = list(catalogue.vocab.countries)
    found: dict[tuple[str, str], Achieved] = {}
    for mission in missions:
        for first in mission.firsts:
            milestone = mission.first((first.milestone,)) if first.kind and first.milestone else None
            if first.kind and milestone:  # the build checked the milestone is there and flown
                found[(mission.country, first.kind)] = Achieved(mission, first, milestone)
    return [
        Row(kind, label, tuple(found.get((country, kind)) for country in countries))
        for kind, label in catalogue.vocab.first_kinds.items()
        if any((country, kind) in found for country in countries)
    ]
