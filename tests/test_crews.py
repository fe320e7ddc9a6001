"""Crewed flights (crews.py): who flew, when they came back and how long they were in space, computed
from the milestones; shown in the fact box and the destination's Crews table, and found by search."""

from __future__ import annotations

import pytest

from conftest import fixture_missions, write_data
from missionsite import crews, dataset, load
from missionsite.problems import DataError
from missionsite.render import Renderer
from missionsite.search_terms import search_terms

# Two invented crewed flights to the station: one back on Earth, one still up on the data's date.
FLIGHT = """\
id: {id}
name: {name}
country: CN
agency: CMSA
destination: station
kinds: [crewed]
status: {status}
status_verified: "2026-11-01"
summary: A test crewed flight.
astronauts:
  - {{name: Test Pilot, name_zh: 试验, role: commander}}
  - {{name: Second Flyer}}
cite:
  status: agency
  astronauts: agency
milestones:
  - kind: launch
    date: "{launch}"
    text: Launched.
    source: agency
{back}compare_with: []
sources:
  - id: agency
    title: {name} facts
    publisher: test-agency
    url: https://example.org/{id}
"""
BACK = """\
  - kind: crew_return
    date: "{date}"
    text: The crew landed.
    source: agency
"""


def catalogue(tmp_path, *, edit=lambda text: text):
    missions = fixture_missions()
    missions["crew-one.yml"] = edit(
        FLIGHT.format(
            id="crew-one",
            name="Crew One",
            status="completed",
            launch="2016-10-16T23:30Z",
            back=BACK.format(date="2016-11-18T06:59Z"),
        )
    )
    missions["crew-two.yml"] = FLIGHT.format(
        id="crew-two", name="Crew Two", status="active", launch="2026-05-24", back=""
    )
    write_data(tmp_path, missions)
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    return dataset.check(files, problems)


def test_days_in_space_run_from_launch_to_the_crews_return(tmp_path):
    found = crews.flights(catalogue(tmp_path), "station")
    assert [f.mission.id for f in found] == ["crew-one", "crew-two"]  # launch order
    one, two = found
    assert one.days == 32.3  # 32 days 7 hours 29 minutes
    assert crews.days_text(one.days) == "32.3"
    assert not one.in_space and two.in_space and two.days is None
    assert crews.aboard(found) == [two]


def test_a_finished_flight_without_a_return_date_is_not_in_space(tmp_path):
    cat = catalogue(
        tmp_path,
        edit=lambda t: t.split("  - kind: crew_return")[0] + "compare_with: []" + t.split("compare_with: []")[1],
    )
    one = crews.flights(cat, "station")[0]
    assert one.back is None and one.days is None and not one.in_space  # status: completed


def test_days_are_whole_when_only_the_days_are_known(tmp_path):
    cat = catalogue(
        tmp_path, edit=lambda t: t.replace("2016-10-16T23:30Z", "2016-10-16").replace("2016-11-18T06:59Z", "2016-11-18")
    )
    assert crews.flights(cat, "station")[0].days == 33
    assert crews.days_text(33.0) == "33"


def test_crews_table_and_fact_box_name_the_astronauts(tmp_path):
    renderer = Renderer.for_catalogue(catalogue(tmp_path))
    pages = renderer.all_pages()
    station = renderer.aside.put_back(pages["station/index.md"])
    assert "## Crews" in station
    assert "Crews in space, as each flight's status was last confirmed:" in station
    assert "Test Pilot, Second Flyer ([Crew Two](../missions/crew-two.md), confirmed <time" in station
    assert "<td>32.3</td>" in station
    facts = renderer.aside.put_back(pages["missions/crew-one.md"])
    assert 'Test Pilot (<span lang="zh-Hans">试验</span>), commander; Second Flyer' in facts


def test_a_flight_is_found_by_its_astronauts_names(tmp_path):
    flight = catalogue(tmp_path).mission("crew-one")
    assert ("Test Pilot", "试验") in search_terms(flight)


def test_astronauts_need_a_source(tmp_path):
    with pytest.raises(DataError, match=r"crew-one.yml:\d+: cite: expected a source for astronauts"):
        catalogue(tmp_path, edit=lambda t: t.replace("  astronauts: agency\n", ""))


def test_the_export_gives_the_crew_and_the_days_in_space(tmp_path):
    from missionsite import export

    cat = catalogue(tmp_path)
    record = export.mission_record(cat, cat.mission("crew-one"), None)
    assert record["astronauts"][0] == {"name": "Test Pilot", "name_zh": "试验", "role": "commander"}
    assert record["days_in_space"] == 32.3


def test_a_crew_that_arrived_unnamed_is_listed_and_in_space_without_names(tmp_path):
    """A flight whose crew arrived but whose astronauts no good source names: in the table and among
    those in space, saying the data does not name them; a flight with no crew arrival is no flight."""

    def unnamed(text: str) -> str:
        text = text.replace("  - {name: Test Pilot, name_zh: 试验, role: commander}\n  - {name: Second Flyer}\n", "")
        text = text.replace("astronauts:\n", "").replace("  astronauts: agency\n", "")
        arrival = (
            '  - kind: crew_arrival\n    date: "2016-10-18"\n    text: The crew went aboard.\n    source: agency\n'
        )
        return text.replace(
            "    text: Launched.\n    source: agency\n", "    text: Launched.\n    source: agency\n" + arrival
        )

    cat = catalogue(tmp_path, edit=unnamed)
    assert [f.mission.id for f in crews.flights(cat, "station")] == ["crew-one", "crew-two"]
    renderer = Renderer.for_catalogue(cat)
    station = renderer.aside.put_back(renderer.all_pages()["station/index.md"])
    assert "<td>Not named in the data</td>" in station
    without_arrival = catalogue(tmp_path, edit=lambda t: unnamed(t).replace("kind: crew_arrival", "kind: docking"))
    assert [f.mission.id for f in crews.flights(without_arrival, "station")] == ["crew-two"]
