"""The numbers that compare missions at a destination: what each one means, how it is read from the
data, and which sources stand behind it.

A destination lists the numbers its page compares (`compare` in destinations.yml): the Moon compares
launch mass and samples returned, the space stations their mass in orbit and their crews. The page's
table and its bar charts are both made from these, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the types: model.py imports KEYS from here
    from .model import Catalogue, Mission


@dataclass(frozen=True)
class Measure:
    key: str  # used in destinations.yml and in the figures' ids: 'launch-mass'
    column: str  # the table's heading: 'Launch mass'
    title: str  # the chart's title: 'Days from launch to arrival'
    unit: str  # 'kg'
    explains: str  # one sentence for the page: what the number is
    value: Callable[[Mission], float | None]
    sources: Callable[[Mission], tuple[str, ...]]  # the ids of the sources behind it


def _cited(*fields: str) -> Callable[[Mission], tuple[str, ...]]:
    """The source cited for the first of `fields` that the mission has."""

    def sources(mission: Mission) -> tuple[str, ...]:
        return next(((mission.cite[f],) for f in fields if getattr(mission, f) is not None), ())

    return sources


def tonnes_in_orbit(mission: Mission) -> float | None:
    """In tonnes, as the sources give a station's mass ('about 66 tonnes'): kilograms would look
    more precise than they are. A station launched in one piece has no station_mass_kg: its launch
    mass is its mass in orbit."""
    if mission.station_mass_kg is not None:
        return mission.station_mass_kg / 1000
    return mission.mass_kg / 1000 if mission.mass_kg is not None and "station" in mission.kinds else None


def _bind(key: str, catalogue: Catalogue, destination_id: str) -> Measure:
    if key == "days-to-arrive":

        def days(mission: Mission) -> float | None:
            # only at a mission's own destination: Chang'e 2 arrived at the Moon, not at Toutatis
            return catalogue.days_to_arrive(mission) if mission.destination == destination_id else None

        def launch_and_arrival(mission: Mission) -> tuple[str, ...]:
            launch, arrival = catalogue.launch(mission), catalogue.arrival(mission)
            return tuple(dict.fromkeys(m.source for m in (launch, arrival) if m))  # once each, in order

        return Measure(
            key,
            "Launch to arrival",
            "Days from launch to arrival",
            "days",
            "The time to arrive is counted in UTC days from launch to the mission's arrival, the same "
            "as in the tables: its first orbit insertion at, or landing on, the destination itself "
            "(or docking with a station). A flyby on the way is no arrival.",
            days,
            launch_and_arrival,
        )
    if key == "launch-mass":
        return Measure(
            key,
            "Launch mass",
            "Launch mass",
            "kg",
            "Launch mass is the spacecraft's mass at lift-off.",
            lambda m: m.mass_kg,
            _cited("mass_kg"),
        )
    if key == "samples-returned":
        return Measure(
            key,
            "Samples returned",
            "Samples returned",
            "g",
            "Samples returned is the mass of material brought back to Earth.",
            lambda m: m.sample_returned_g,
            _cited("sample_returned_g"),
        )
    if key == "station-mass":
        return Measure(
            key,
            "Mass in orbit",
            "Mass in orbit, without visiting spacecraft",
            "t",
            "Mass in orbit is the station's own mass in tonnes, without the spacecraft docked to "
            "it; for a station launched in one piece it is its launch mass.",
            tonnes_in_orbit,
            _cited("station_mass_kg", "mass_kg"),
        )
    if key == "crew":
        return Measure(
            key,
            "Crew aboard",
            "Crew aboard at a time",
            "people",
            "Crew aboard is how many people are on the station at a time: its usual resident crew "
            "or, for a laboratory that was only visited, the size of a visiting crew. On permanently "
            "crewed stations more are aboard for a few days while one crew hands over to the next.",
            lambda m: m.crew,
            _cited("crew"),
        )
    raise KeyError(key)


KEYS = ("launch-mass", "days-to-arrive", "samples-returned", "station-mass", "crew")


def for_destination(catalogue: Catalogue, destination_id: str) -> tuple[Measure, ...]:
    """The numbers the destination's page compares, in the order destinations.yml lists them."""
    return tuple(_bind(key, catalogue, destination_id) for key in catalogue.destination(destination_id).compare)


@dataclass(frozen=True)
class Comparison:
    """A destination's table: the numbers some mission has, and a row per mission with any of them."""

    measures: tuple[Measure, ...]
    rows: tuple[tuple[Mission, tuple[float | None, ...]], ...]


def comparison(catalogue: Catalogue, destination_id: str) -> Comparison:
    measures = for_destination(catalogue, destination_id)
    missions = catalogue.missions_to(destination_id)
    values = [(m, tuple(measure.value(m) for measure in measures)) for m in missions]
    used = [i for i in range(len(measures)) if any(v[i] is not None for _, v in values)]
    rows = tuple((m, tuple(v[i] for i in used)) for m, v in values if any(v[i] is not None for i in used))
    return Comparison(tuple(measures[i] for i in used), rows)


def amount(value: float, unit: str) -> str:
    """'8,200 kg', '1,935.3 g'."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"{number} {unit}"
