"""The open-data export: JSON and CSV computed from the same model as the pages."""

from __future__ import annotations

import csv
import io
import json

from conftest import fixture_missions, write_data
from missionsite import dataset, export, load, model


def exported(tmp_path, site_url="https://example.org/sub/"):
    write_data(tmp_path, fixture_missions())
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    return export.all_files(dataset.check(files, problems), site_url)


def test_json_has_every_mission_with_its_absolute_url(tmp_path):
    data = json.loads(exported(tmp_path)["api/missions.json"])
    assert data["as_of"] and data["license"]["name"]
    by_id = {m["id"]: m for m in data["missions"]}
    one = by_id["probe-one"]
    assert one["url"] == "https://example.org/sub/missions/probe-one/"
    assert one["name_zh"] == "探测一号"
    assert one["milestones"][0] == {
        "kind": "launch",
        "date": "2018-12-07T18:23Z",
        "planned": False,
        "window": None,
        "text": "Launched.",
        "source": "agency",
    }
    assert one["milestones"][2]["window"] == "by"
    assert one["landing_site"] == {"name": "Von Kármán crater", "lat": -45.457, "lon": 177.589, "source": "agency"}
    assert by_id["probe-two"]["compared_with"] == ["probe-one"]  # the back-link, computed


def test_every_field_of_the_model_is_exported(tmp_path):
    one = json.loads(exported(tmp_path)["api/missions/probe-one.json"])["mission"]
    assert set(model.Mission.model_fields) <= set(one)


def test_csv_has_one_row_per_mission_with_key_dates(tmp_path):
    rows = list(csv.DictReader(io.StringIO(exported(tmp_path)["api/missions.csv"])))
    assert [r["id"] for r in rows] == ["probe-two", "probe-one"]  # launch order
    assert rows[1]["launch"] == "2018-12-07T18:23Z"
    assert rows[1]["arrival"] == "2019-01-03T02:26Z"
    assert rows[1]["kinds"] == "lander;rover"
    assert rows[0]["end"] == "2012-12-17"


def test_csv_says_which_dates_are_only_planned(tmp_path):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exported(tmp_path)["api/missions.csv"]))}
    assert (rows["probe-one"]["launch_planned"], rows["probe-one"]["end"], rows["probe-one"]["end_planned"]) == (
        "false",
        "2031",
        "true",
    )


def test_offline_edition_links_to_html_files(tmp_path):
    write_data(tmp_path, fixture_missions())
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    catalogue = dataset.check(files, problems)
    data = json.loads(export.all_files(catalogue, None, directory_urls=False)["api/missions.json"])
    assert {m["url"] for m in data["missions"]} == {"/missions/probe-one.html", "/missions/probe-two.html"}


def test_csv_text_a_spreadsheet_would_run_as_a_formula_reads_as_text(tmp_path):
    """OWASP's advice against CSV injection: a ' before a cell starting with = + - @; numbers stay numbers."""
    missions = fixture_missions()
    missions["probe-one.yml"] = (
        missions["probe-one.yml"]
        .replace("name: Probe One", """name: '=HYPERLINK("https://evil.example","Probe One")'""")
        .replace("vehicle: Long March 3B", "vehicle: '+Long March 3B'")
        .replace("summary: A test lander", "summary: -A test lander")
        .replace("agency: CNSA", "agency: '@CNSA'")
    )
    write_data(tmp_path, missions)
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    text = export.all_files(dataset.check(files, problems), "https://example.org/")["api/missions.csv"]
    row = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}["probe-one"]
    assert row["name"] == """'=HYPERLINK("https://evil.example","Probe One")"""
    assert (row["vehicle"], row["agency"]) == ("'+Long March 3B", "'@CNSA")
    assert row["summary"] == "'-A test lander that touched down on the far side."
    assert (row["landing_lat"], row["launch"]) == ("-45.457", "2018-12-07T18:23Z")  # a number and a date, as they were


def test_the_days_to_arrive_are_exported_as_the_pages_count_them(tmp_path):
    one = json.loads(exported(tmp_path)["api/missions/probe-one.json"])["mission"]
    assert one["days_to_arrive"] == 27  # launch 7 December 2018, landing 3 January 2019 (UTC days)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exported(tmp_path)["api/missions.csv"]))}
    assert rows["probe-one"]["days_to_arrive"] == "27" and rows["probe-two"]["days_to_arrive"] == ""
