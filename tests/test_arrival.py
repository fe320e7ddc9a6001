"""Arrival is one event, the same in every table and in "days to arrive": the first orbit insertion at,
landing on, arrival at or docking with the destination itself; never a flyby on the way."""

from __future__ import annotations

import pytest

from missionsite import measures


def days_shown(catalogue, mission_id: str) -> float | None:
    mission = catalogue.mission(mission_id)
    [days] = [m for m in measures.for_destination(catalogue, mission.destination) if m.key == "days-to-arrive"]
    return days.value(mission)


def test_a_flyby_on_the_way_is_no_arrival(real_catalogue):
    """Europa Clipper flew past Mars in 2025; it arrives at Jupiter in 2030, so no days yet."""
    clipper = real_catalogue.mission("europa-clipper")
    assert any(m.kind == "flyby" and not m.planned for m in clipper.milestones)
    arrival = real_catalogue.arrival(clipper)
    assert arrival.kind == "orbit_insertion" and arrival.planned
    assert days_shown(real_catalogue, "europa-clipper") is None


def test_dawn_arrives_at_vesta_not_at_mars(real_catalogue):
    dawn = real_catalogue.mission("dawn")
    assert real_catalogue.arrival(dawn).date.iso() == "2011-07-16"
    assert days_shown(real_catalogue, "dawn") == 1388


@pytest.mark.parametrize("mission_id", ["apollo-11", "chang-e-3", "chang-e-4", "chang-e-6", "tianwen-1", "juno"])
def test_days_to_arrive_agree_with_the_arrival_column(real_catalogue, mission_id):
    """Counted between the UTC days the tables show: Apollo 11 launched on 16 July 1969 and entered
    lunar orbit on 19 July, three days (not two, as launch and arrival times of different precision gave)."""
    mission = real_catalogue.mission(mission_id)
    launch, arrival = real_catalogue.launch(mission), real_catalogue.arrival(mission)
    expected = (arrival.date.start().date() - launch.date.start().date()).days
    assert days_shown(real_catalogue, mission_id) == expected
    if mission_id == "apollo-11":
        assert expected == 3
