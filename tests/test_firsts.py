"""Firsts side by side: each country's first of a kind, from the missions' firsts that name a kind,
dated by the milestone they name, with the time between; and the mistakes the build refuses."""

from __future__ import annotations

import pytest

from conftest import fixture_missions, write_data
from missionsite import dataset, firsts, load
from missionsite.problems import DataError

LANDING = "  - First test landing\n"
TAGGED = "  - {text: First test landing, kind: lunar-soft-landing, milestone: landing}\n"
# Probe Two (US) gets a first of the same kind, dated by its orbit insertion, and is cited for it.
US_FIRST = "firsts:\n  - {text: First test orbit, kind: lunar-soft-landing, milestone: orbit_insertion}\n"


def catalogue_of(tmp_path, one: str, two: str):
    missions = fixture_missions()
    missions["probe-one.yml"] = one
    missions["probe-two.yml"] = two
    files, problems = load.read_all(write_data(tmp_path, missions), tmp_path)
    return dataset.check(files, problems)


def with_us_first(text: str) -> str:
    return text.replace("cite:\n  status: nasa\n", US_FIRST + "cite:\n  status: nasa\n  firsts: nasa\n")


def test_each_countrys_first_of_a_kind_is_lined_up_with_the_time_between(tmp_path):
    fixtures = fixture_missions()
    catalogue = catalogue_of(
        tmp_path, fixtures["probe-one.yml"].replace(LANDING, TAGGED), with_us_first(fixtures["probe-two.yml"])
    )
    (row,) = firsts.side_by_side(catalogue, catalogue.missions)
    assert row.label == "First soft landing on the Moon"
    china, us = row.achieved
    assert (china.mission.id, china.milestone.date.iso()) == ("probe-one", "2019-01-03T02:26Z")
    assert (us.mission.id, us.milestone.date.iso()) == ("probe-two", "2009")
    assert row.gap == "10 years"  # from the start of 2009 to 3 January 2019


def test_a_first_without_a_kind_is_not_lined_up_and_one_country_alone_has_no_gap(tmp_path):
    fixtures = fixture_missions()
    catalogue = catalogue_of(tmp_path, fixtures["probe-one.yml"], fixtures["probe-two.yml"])
    assert firsts.side_by_side(catalogue, catalogue.missions) == []
    catalogue = catalogue_of(tmp_path, fixtures["probe-one.yml"].replace(LANDING, TAGGED), fixtures["probe-two.yml"])
    (row,) = firsts.side_by_side(catalogue, catalogue.missions)
    assert row.achieved[1] is None and row.gap is None


@pytest.mark.parametrize(
    "first, expected",
    [
        (
            "  - {text: First test landing, kind: lunar-soft-landing}\n",
            "data/missions/probe-one.yml:21: firsts[0].milestone: expected the kind of the milestone that dates this first",
        ),
        (
            "  - {text: First test landing, kind: lunar-soft-landing, milestone: docking}\n",
            "data/missions/probe-one.yml:21: firsts[0].milestone: expected a milestone this mission has flown: "
            "one of launch, landing; got 'docking'",
        ),
        (
            "  - {text: First test landing, kind: first-in-line, milestone: landing}\n",
            "data/missions/probe-one.yml:21: firsts[0].kind: expected a kind of first: one of person-in-space",
        ),
    ],
)
def test_a_first_of_a_kind_names_a_flown_milestone_and_a_known_kind(tmp_path, first, expected):
    fixtures = fixture_missions()
    with pytest.raises(DataError) as err:
        catalogue_of(tmp_path, fixtures["probe-one.yml"].replace(LANDING, first), fixtures["probe-two.yml"])
    assert any(str(p).startswith(expected) for p in err.value.problems), str(err.value)


def test_a_countrys_first_of_a_kind_is_one_mission(tmp_path):
    fixtures = fixture_missions()
    second = with_us_first(fixtures["probe-two.yml"]).replace("country: US", "country: CN")
    with pytest.raises(DataError) as err:
        catalogue_of(tmp_path, fixtures["probe-one.yml"].replace(LANDING, TAGGED), second)
    assert (
        "data/missions/probe-two.yml:11: firsts[0].kind: 'lunar-soft-landing' is already probe-one's; "
        "a country's first of a kind is one mission"
    ) in [str(p) for p in err.value.problems]
