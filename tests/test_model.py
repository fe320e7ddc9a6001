"""Each rule of the data contract: one clear problem naming file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import fixture_missions, write_data
from missionsite import dataset, load, model
from missionsite.problems import DataError


def catalogue_of(tmp_path: Path, missions: dict[str, str]):
    write_data(tmp_path, missions)
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    return dataset.check(files, problems)


def problems_for(tmp_path: Path, edit, edit_two=lambda t: t) -> list[str]:
    """Apply `edit` to the text of probe-one.yml (and `edit_two` to probe-two.yml); return every problem."""
    missions = fixture_missions()
    missions["probe-one.yml"] = edit(missions["probe-one.yml"])
    missions["probe-two.yml"] = edit_two(missions["probe-two.yml"])
    with pytest.raises(DataError) as err:
        catalogue_of(tmp_path, missions)
    return [str(p) for p in err.value.problems]


def test_fixture_data_is_valid(tmp_path):
    catalogue = catalogue_of(tmp_path, fixture_missions())
    one = catalogue.mission("probe-one")
    assert one.milestones[0].date.iso() == "2018-12-07T18:23Z"
    assert one.source(one.landing_site.source).credit == "Test Agency"
    assert catalogue.compared == {"probe-one": ("probe-two",), "probe-two": ("probe-one",)}


F = "data/missions/probe-one.yml"

CASES = {
    "a date before the space age": (
        lambda t: t.replace('date: "2018-12-07T18:23Z"', 'date: "0001-01-01"'),
        rf"{F}:30: milestones\[0\].date: expected a year from 1950 to 2100; got '0001-01-01'",
    ),
    "a date at the end of time": (
        lambda t: t.replace('date: "2019-01-03T02:26Z"', 'date: "9999-12-31T23:00Z"'),
        rf"{F}:34: milestones\[1\].date: expected a year from 1950 to 2100; got '9999-12-31T23:00Z'",
    ),
    "a planned date a millennium away": (
        lambda t: t.replace('date: "2031"', 'date: "3029"'),
        rf"{F}:38: milestones\[2\].date: expected a year from 1950 to 2100; got '3029'",
    ),
    "syntax error": (
        lambda t: t.replace("kinds: [lander, rover]", "kinds: [lander, rover"),
        rf"{F}:\d+: \(syntax\): not valid YAML",
    ),
    "missing field": (
        lambda t: t.replace("agency: CNSA\n", ""),
        rf"{F}:1: agency: required field missing; expected text",
    ),
    "unknown field": (
        lambda t: t.replace("agency: CNSA", "agency: CNSA\nagnecy: CNSA"),
        rf"{F}:7: agnecy: unknown field; did you mean 'agency'\? expected one of id, name",
    ),
    "wrong type": (
        lambda t: t.replace("mass_kg: 3780", "mass_kg: heavy"),
        rf"{F}:13: mass_kg: expected a number from 0.001 to 1e\+07; got 'heavy'",
    ),
    "unknown destination": (
        lambda t: t.replace("destination: moon", "destination: venus"),
        rf"{F}:7: destination: expected a destination id: one of moon, mars, station, asteroids, jupiter; got 'venus'",
    ),
    "unknown status": (
        lambda t: t.replace("status: active", "status: flying"),
        rf"{F}:9: status: expected a status: one of planned, en-route, active, completed, failed; got 'flying'",
    ),
    "unknown milestone kind": (
        lambda t: t.replace("kind: landing", "kind: touchdown"),
        rf"{F}:33: milestones\[1\].kind: expected a milestone kind: one of .*; got 'touchdown'",
    ),
    "malformed date": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"3 Jan 2019"'),
        rf"{F}:34: milestones\[1\].date: expected a date as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MMZ \(UTC\); got '3 Jan 2019'",
    ),
    "impossible date": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"2019-02-30"'),
        rf"{F}:34: milestones\[1\].date: expected a real calendar date and time; 2019-02-30 does not exist",
    ),
    "month 00": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"2019-00"'),
        rf"{F}:34: milestones\[1\].date: expected a real calendar date and time; 2019-00 does not exist",
    ),
    "day 00": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"2019-01-00"'),
        rf"{F}:34: milestones\[1\].date: expected a real calendar date and time; 2019-01-00 does not exist",
    ),
    "milestones out of order": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"2018-11"'),
        rf"{F}:34: milestones\[1\].date: milestones must be in date order; 2018-11 comes before",
    ),
    "flown milestone in the future": (
        lambda t: t.replace('"2019-01-03T02:26Z"', '"2030-01-01"'),
        rf"{F}:34: milestones\[1\].date: expected a date on or before the data's as-of date .* mark it 'planned: true'",
    ),
    "planned date that has passed": (
        lambda t: t.replace('date: "2031"', 'date: "2020"'),
        rf"{F}:\d+: milestones\[2\].date: this planned date has passed by the data's as-of date",
    ),
    "id not matching the file name": (
        lambda t: t.replace("id: probe-one", "id: probe-1"),
        rf"{F}:1: id: expected 'probe-one', the file's name; got 'probe-1'",
    ),
    "id not kebab-case": (
        lambda t: t.replace("id: probe-one", "id: Probe_One"),
        rf"{F}:1: id: expected a lowercase kebab-case id like 'chang-e-4'; got 'Probe_One'",
    ),
    "compare_with unknown mission": (
        lambda t: t.replace("compare_with: [probe-two]", "compare_with: [probe-tw0]"),
        rf"{F}:\d+: compare_with\[0\]: expected the id of a mission; got unknown 'probe-tw0'; did you mean 'probe-two'\?",
    ),
    "compare_with same country": (
        lambda t: t.replace("compare_with: [probe-two]", "compare_with: [probe-one]"),
        rf"{F}:\d+: compare_with\[0\]: expected a mission of another country; 'probe-one' is also CN",
    ),
    "source url not http": (
        lambda t: t.replace("https://example.org/probe-one", "ftp://example.org/probe-one"),
        rf"{F}:\d+: sources\[0\].url: expected an http:// or https:// URL without spaces; got 'ftp://example.org/probe-one'",
    ),
    "source url unreadable": (  # urlsplit raises on an unclosed [ of an IPv6 address: a traceback, once
        lambda t: t.replace("https://example.org/probe-one", "https://[example.org/probe-one"),
        rf"{F}:\d+: sources\[0\].url: expected an http:// or https:// URL without spaces; got 'https://\[example.org/probe-one'",
    ),
    "source url with a space": (
        lambda t: t.replace("https://example.org/probe-one", "https://example.org/probe one"),
        rf"{F}:\d+: sources\[0\].url: expected an http:// or https:// URL without spaces; got 'https://example.org/probe one'",
    ),
    "control character in text": (
        lambda t: t.replace("name: Probe One", 'name: "Probe\\x7fOne"'),
        rf"{F}:2: name: expected text without control characters; got '\\x7f'",
    ),
    "unknown source reference": (
        lambda t: t.replace("    source: agency\n  - kind: landing", "    source: agnecy\n  - kind: landing"),
        rf"{F}:32: milestones\[0\].source: expected the id of an entry in sources: one of agency; got 'agnecy'",
    ),
    "uncited fact": (
        lambda t: t.replace("  mass_kg: agency\n", ""),
        rf"{F}:\d+: cite: expected a source for mass_kg",
    ),
    "no sources": (
        lambda t: t[: t.index("sources:")] + "sources: []\n" + t[t.index("body:") :],
        rf"{F}:\d+: sources: expected a list of sources; got \[\]",
    ),
    "alias that is the mission's own id": (
        lambda t: t.replace("cospar_id: 2018-103A", "aliases: [probe-one]\ncospar_id: 2018-103A"),
        rf"{F}:14: aliases\[0\]: expected another spelling than the mission's own id; got 'probe-one'",
    ),
    "alias that is another mission's id": (
        lambda t: t.replace("cospar_id: 2018-103A", "aliases: [probe-1, probe-two]\ncospar_id: 2018-103A"),
        rf"{F}:14: aliases\[1\]: expected an id no mission has; 'probe-two' is the id of data/missions/probe-two.yml",
    ),
    "alias listed twice": (
        lambda t: t.replace("cospar_id: 2018-103A", "aliases: [probe-1, probe-1]\ncospar_id: 2018-103A"),
        rf"{F}:14: aliases\[1\]: duplicate alias 'probe-1'; list each once",
    ),
    "alias not an id": (
        lambda t: t.replace("cospar_id: 2018-103A", "aliases: [Probe 1]\ncospar_id: 2018-103A"),
        rf"{F}:14: aliases\[0\]: expected a lowercase kebab-case id",
    ),
    "crew not a whole number": (
        lambda t: t.replace("mass_kg: 3780", "mass_kg: 3780\ncrew: 2.5"),
        rf"{F}:14: crew: expected a whole number from 1 to 1000; got 2.5",
    ),
    "uncited station mass": (
        lambda t: t.replace("mass_kg: 3780", "mass_kg: 3780\nstation_mass_kg: 66000"),
        rf"{F}:\d+: cite: expected a source for station_mass_kg",
    ),
    "source on a host no publisher owns": (
        lambda t: t.replace("url: https://example.org/probe-one", "url: https://some-content-farm.xyz/probe-one"),
        rf"{F}:48: sources\[0\].url: 'some-content-farm.xyz' is not a registered publisher's host; cite the original",
    ),
    "source on another publisher's host": (
        lambda t: t.replace("url: https://example.org/probe-one", "url: https://example.net/probe-one"),
        rf"{F}:47: sources\[0\].publisher: expected 'test-wire', the publisher of example.net; if Test Wire copied "
        "Test Agency's story, add 'via: test-wire'",
    ),
    "source's via on another publisher's host": (
        lambda t: t.replace("publisher: test-agency\n", "publisher: test-wire\n    via: test-wire\n"),
        rf"{F}:48: sources\[0\].via: expected another publisher than the source's own, or no via",
    ),
    "unknown publisher": (
        lambda t: t.replace("publisher: test-agency", "publisher: test-agncy"),
        rf"{F}:47: sources\[0\].publisher: expected the id of a publisher in data/publishers.yml; got unknown "
        r"'test-agncy'; did you mean 'test-agency'\?",
    ),
    "source no fact cites": (
        lambda t: t.replace(
            "body: |", "  - {id: spare, title: Spare, publisher: test-agency, url: 'https://example.org/x'}\nbody: |"
        ),
        rf"{F}:49: sources\[1\].id: no fact cites this source; cite it from a fact, or remove it",
    ),
    "planned mission that launched": (
        lambda t: t.replace("status: active", "status: planned"),
        rf"{F}:9: status: expected a status other than planned: launched on 2018-12-07T18:23Z",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_rule_reports_file_line_and_field(tmp_path, case):
    edit, expected = CASES[case]
    problems = problems_for(tmp_path, edit)
    assert any(re.match(expected, p) for p in problems), "\n".join(problems)


def test_every_problem_in_every_file_is_listed_at_once(tmp_path):
    problems = problems_for(
        tmp_path,
        lambda t: t.replace("status: active", "status: flying"),
        lambda t: t.replace("country: US", "country: XX"),
    )
    assert len(problems) == 2
    assert problems[0].startswith("data/missions/probe-one.yml:9: status:")
    assert problems[1].startswith("data/missions/probe-two.yml:3: country:")


def test_duplicate_id_across_files(tmp_path):
    missions = fixture_missions()
    missions["probe-three.yml"] = missions["probe-two.yml"].replace("compare_with: []", "compare_with: []\n")
    missions["probe-three.yml"] = missions["probe-three.yml"]  # id stays probe-two
    with pytest.raises(DataError) as err:
        catalogue_of(tmp_path, missions)
    messages = [str(p) for p in err.value.problems]
    assert "data/missions/probe-three.yml:1: id: expected 'probe-three', the file's name; got 'probe-two'" in messages


def test_a_pair_is_written_once(tmp_path):
    problems = problems_for(tmp_path, lambda t: t, lambda t: t.replace("compare_with: []", "compare_with: [probe-one]"))
    assert any("this comparison is already given in" in p for p in problems)


def test_field_list_matches_the_model():
    """data/fields.yml documents exactly the fields the models read, in their order."""
    from conftest import ROOT

    doc, _ = load.read_file(ROOT / "data" / "fields.yml", ROOT)
    for group, record in dataset.DOCUMENTED.items():
        documented = [(spec["name"], spec["required"]) for spec in doc.data[group]]
        modelled = [(name, field.is_required()) for name, field in record.model_fields.items()]
        assert documented == modelled, group


REQUIRED = [
    (group, name)
    for group, record in dataset.DOCUMENTED.items()
    for name, field in record.model_fields.items()
    if field.is_required()
]


@pytest.mark.parametrize("group, name", REQUIRED, ids=[f"{g}.{n}" for g, n in REQUIRED])
def test_fields_yml_cannot_make_a_field_the_site_needs_optional(tmp_path, group, name):
    """Documentation, not configuration: one problem at its line, never a crash or a dropped record."""
    data = write_data(tmp_path, fixture_missions())
    fields = data / "fields.yml"
    lines = fields.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{group}:\n")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(f"  - {{name: {name}, required: true"))
    lines[at] = lines[at].replace("required: true", "required: false")
    fields.write_text("".join(lines), encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    assert [str(p) for p in err.value.problems] == [
        f"data/fields.yml:{at + 1}: {group}[{at - start - 1}].required: expected true: {name} is required in the model"
    ]


def test_a_field_the_model_does_not_have_is_no_documentation(tmp_path):
    data = write_data(tmp_path, fixture_missions())
    fields = data / "fields.yml"
    text = fields.read_text(encoding="utf-8").replace("{name: vehicle,", "{name: vehicel,", 1)
    fields.write_text(text, encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    messages = [str(p) for p in err.value.problems]
    assert len(messages) == 2, messages
    assert "mission: expected a description of every field; missing: vehicle" in messages[0]
    vehicle = list(model.Mission.model_fields).index("vehicle")  # fields.yml lists them in the model's order
    assert f"mission[{vehicle}].name: no such field in the model; did you mean 'vehicle'?" in messages[1]


def test_an_alias_leads_to_one_mission_only(tmp_path):
    problems = problems_for(
        tmp_path,
        lambda t: t.replace("cospar_id: 2018", "aliases: [probe]\ncospar_id: 2018"),
        lambda t: t.replace("kinds:", "aliases:\n  - probe\nkinds:"),
    )
    assert problems == [
        "data/missions/probe-two.yml:7: aliases[0]: duplicate alias 'probe'; data/missions/probe-one.yml lists it too"
    ]


def test_a_cospar_id_leads_to_one_mission_only(tmp_path):
    problems = problems_for(
        tmp_path, lambda t: t, lambda t: t.replace("cite:\n", "cospar_id: 2018-103A\ncite:\n  cospar_id: nasa\n")
    )
    assert problems == [
        "data/missions/probe-two.yml:10: cospar_id: duplicate COSPAR id; data/missions/probe-one.yml has it too"
    ]


def test_changelog_is_read_newest_first(tmp_path):
    write_data(tmp_path, fixture_missions())
    (tmp_path / "data" / "changelog.yml").write_text(
        '- {date: "2020-06-01", missions: [probe-one], text: Status checked.}\n'
        '- {date: "2020-01-01", text: First publication.}\n'
    )
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    catalogue = dataset.check(files, problems)
    assert [(c.date.iso(), c.missions) for c in catalogue.changelog] == [
        ("2020-06-01", ("probe-one",)),
        ("2020-01-01", ()),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '- {date: "2020-01-01", text: A.}\n- {date: "2020-06-01", text: B.}\n',
            "data/changelog.yml:2: [1].date: expected the newest entry first; 2020-06-01 is after 2020-01-01",
        ),
        (
            '- {date: "2020-01-01", missions: [probe-on], text: A.}\n',
            "data/changelog.yml:1: [0].missions[0]: expected the id of a mission; got unknown 'probe-on'; "
            "did you mean 'probe-one'?",
        ),
        (
            '- {date: "2020-01", text: A.}\n',
            "data/changelog.yml:1: [0].date: expected a day as YYYY-MM-DD; got '2020-01'",
        ),
        (
            '- {date: "2099-01-01", text: A.}\n',
            "data/changelog.yml:1: [0].date: expected a day on or before the data's as-of date 2026-11-26",
        ),
        (
            '- {date: "2020-01-01", missions: [[probe-one]], text: A.}\n',
            "data/changelog.yml:1: [0].missions[0]: expected a lowercase kebab-case id like 'chang-e-4'; "
            "got ['probe-one']",
        ),
        (
            '- {date: "2020-01-01", txt: A.}\n',
            "data/changelog.yml:1: [0].txt: unknown field; did you mean 'text'? expected one of date, missions, text",
        ),
    ],
)
def test_changelog_mistakes_name_file_line_and_field(tmp_path, text, expected):
    write_data(tmp_path, fixture_missions())
    (tmp_path / "data" / "changelog.yml").write_text(text)
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    assert expected in [str(p) for p in err.value.problems]


@pytest.mark.parametrize(
    "name, edit, expected",
    [
        (
            "vocab.yml",
            lambda t: t.replace("active: Active", "active: 'x [1](javascript:alert(1))'"),
            "data/vocab.yml:8: statuses.active: expected a plain label: letters, digits, spaces and ,.'()-; "
            "got 'x [1](javascript:alert(1))'",
        ),
        (
            "destinations.yml",
            lambda t: t.replace("compare: [station-mass, crew]", "compare: [station-mass, crew-size]"),
            "data/destinations.yml:59: [2].compare[1]: expected a number to compare: one of launch-mass, days-to-arrive, "
            "samples-returned, station-mass, crew; got 'crew-size'",
        ),
        (
            "site.yml",
            lambda t: t.replace("as_of:", "as_off:"),
            "data/site.yml:3: as_off: unknown field; did you mean 'as_of'? expected one of as_of, data_license, follows, "
            "white_papers",
        ),
        (
            "vocab.yml",
            lambda t: t.replace("date_windows:", "date_window:"),
            "data/vocab.yml:49: date_window: unknown field; did you mean 'date_windows'? expected one of countries, "
            "statuses, mission_kinds, milestone_kinds, date_windows, publisher_kinds, speaker_kinds, first_kinds, arrival_kinds, "
            "end_kinds, launch_kinds, final_statuses",
        ),
        (
            "site.yml",
            lambda t: t.split("data_license:")[0] + "data_license: CC BY\n",
            "data/site.yml:4: data_license: expected name: and url: of the data's license; got 'CC BY'",
        ),
    ],
)
def test_shared_files_give_clear_problems_too(tmp_path, name, edit, expected):
    data = write_data(tmp_path, fixture_missions())
    (data / name).write_text(edit((data / name).read_text(encoding="utf-8")), encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    assert expected in [str(p) for p in err.value.problems]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda t: t.replace("hosts: [english.news.cn,", "hosts: [www.nasa.gov, english.news.cn,"),
            r"data/publishers.yml:\d+: \[\d+\].hosts\[0\]: 'www.nasa.gov' is already a host of 'nasa'",
        ),
        (
            lambda t: t.replace("kind: news-agency", "kind: wire", 1),
            r"data/publishers.yml:\d+: \[\d+\].kind: expected a kind of publisher: one of agency, government, "
            "state-media, news-agency, newspaper, broadcaster, magazine, specialist, journal, university, reference; "
            "got 'wire'",
        ),
    ],
)
def test_a_mistake_in_the_publishers_is_one_problem_not_one_per_source(tmp_path, edit, expected):
    data = write_data(tmp_path, fixture_missions())
    registry = data / "publishers.yml"
    registry.write_text(edit(registry.read_text(encoding="utf-8")), encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    (problem,) = [str(p) for p in err.value.problems]
    assert re.fullmatch(expected, problem)


def test_the_id_index_is_reserved_for_the_all_missions_page(tmp_path):
    missions = fixture_missions()
    missions["index.yml"] = missions.pop("probe-two.yml").replace("id: probe-two", "id: index")
    missions["probe-one.yml"] = missions["probe-one.yml"].replace("compare_with: [probe-two]", "compare_with: []")
    with pytest.raises(DataError) as err:
        catalogue_of(tmp_path, missions)
    assert any("data/missions/index.yml:1: id: expected another id" in str(p) for p in err.value.problems)


def test_a_mission_file_that_cannot_be_read_is_reported_once(tmp_path):
    """Its own syntax problem, and not again by the plan and the missions that compare with it."""
    problems = problems_for(tmp_path, lambda t: t, lambda t: t.replace("kinds: [", "kinds: [[", 1))
    assert len(problems) == 1 and problems[0].startswith("data/missions/probe-two.yml:"), problems


def _required_paths(data, record, path=()):
    """The path of every required field in `data`, a mission file's values, by the models."""
    for name, field in record.model_fields.items():
        if name not in data:
            continue
        if field.is_required():
            yield (*path, name)
        nested = {"milestones": model.Milestone, "sources": model.Source, "landing_site": model.LandingSite}.get(name)
        if nested is model.LandingSite:
            yield from _required_paths(data[name], nested, (*path, name))
        elif nested is not None:
            for i, item in enumerate(data[name]):
                yield from _required_paths(item, nested, (*path, name, i))


def _probe_one() -> dict:
    import json

    import yaml

    return json.loads(json.dumps(yaml.safe_load(fixture_missions()["probe-one.yml"]), default=str))


REQUIRED_IN_A_MISSION = list(_required_paths(_probe_one(), model.Mission))


@pytest.mark.parametrize("path", REQUIRED_IN_A_MISSION, ids=["/".join(map(str, p)) for p in REQUIRED_IN_A_MISSION])
def test_one_deleted_field_is_one_problem(tmp_path, path):
    """Not one for every rule that reads it: a source without its title is not a problem again for
    each fact that cites the source."""
    import yaml

    data = _probe_one()
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    problems = problems_for(tmp_path, lambda _: yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert len(problems) == 1, problems
    assert "required field missing" in problems[0], problems


# --- Names readers search for --------------------------------------------------------------------


@pytest.mark.parametrize(
    "names, expected",
    [
        ("names: Yutu-2", r"names: expected a list of text; got 'Yutu-2'"),
        ("names: []", r"names: expected a list of text; got \[\]"),
        ("names: [Yutu-2, '']", r"names\[1\]: expected text; got an empty string"),
        ("names: [" + "x" * 121 + "]", r"names\[0\]: expected at most 120 characters"),
    ],
    ids=["not a list", "an empty list", "an empty name", "a name too long"],
)
def test_names_are_a_list_of_names(tmp_path, names, expected):
    problems = problems_for(tmp_path, lambda t: t.replace("country: CN\n", f"{names}\ncountry: CN\n"))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{F}:5: names"), problems
    assert re.search(expected, problems[0]), problems


def test_names_are_optional_and_read_as_written(tmp_path):
    missions = fixture_missions()
    missions["probe-one.yml"] = missions["probe-one.yml"].replace(
        "country: CN\n", "names: [Yutu-2, Jade Rabbit 2, Kamoʻoalewa]\ncountry: CN\n"
    )
    catalogue = catalogue_of(tmp_path, missions)
    assert catalogue.mission("probe-one").names == ("Yutu-2", "Jade Rabbit 2", "Kamoʻoalewa")
    assert catalogue.mission("probe-two").names == ()


def test_a_name_is_spelt_as_readers_type_it():
    from missionsite.search_terms import spellings

    assert spellings("Chang'e 4") == ["Chang'e 4", "Chang’e 4", "Chang e 4", "Change 4"]
    assert spellings("Chang’e 4") == ["Chang’e 4", "Chang'e 4", "Chang e 4", "Change 4"]
    assert spellings("Kamoʻoalewa") == ["Kamoʻoalewa", "Kamo'oalewa", "Kamo’oalewa", "Kamo oalewa", "Kamooalewa"]
    assert spellings("Von Kármán") == ["Von Kármán", "Von Karman"]
    assert spellings("Cháng'é") == ["Cháng'é", "Chang'e", "Chang’e", "Chang e", "Change"]
    assert spellings("China's crewed lunar landing") == ["China's crewed lunar landing"]  # no "Chinas"
    assert spellings("ISS") == ["ISS"]


def test_search_terms_are_other_names_spellings_aliases_and_the_cospar_id(fixture_catalogue):
    from missionsite.search_terms import search_terms

    one = fixture_catalogue.mission("probe-one").edited(
        name="Chang'e 4", names=("Yutu-2", "Jade Rabbit 2", "yutu 2"), aliases=("change-4", "ce-4")
    )
    # "yutu 2" is Yutu-2 to search, and alias change-4 is the spelling Change 4: each is left out.
    assert search_terms(one) == (
        ("Yutu-2",),
        ("Jade Rabbit 2",),
        ("Chang’e 4", "Chang e 4", "Change 4"),
        ("ce-4",),
        ("2018-103A",),
    )
    # Nothing the page does not already spell: no names, no apostrophe, no alias, no COSPAR ID.
    assert search_terms(fixture_catalogue.mission("probe-two")) == ()
    assert search_terms(one.edited(name="ISS", names=("iss",), aliases=(), cospar_id=None)) == ()


def test_each_name_is_a_heading_only_search_reads_escaped(tmp_path):
    """One heading for each name, after the summary: the summary stays in the page's own search entry,
    and a query is matched against one name at a time (search_terms.py)."""
    from missionsite.render import Renderer

    missions = fixture_missions()
    missions["probe-one.yml"] = missions["probe-one.yml"].replace(
        "country: CN\n", "names: ['<script>alert(1)</script>', Kamoʻoalewa]\ncountry: CN\n"
    )
    renderer = Renderer.for_catalogue(catalogue_of(tmp_path, missions))
    page = renderer.aside.put_back(renderer.all_pages()["missions/probe-one.md"])
    headings = [
        '<h2 id="search-name-1" class="search-only" aria-hidden="true">&lt;script&gt;alert(1)&lt;/script&gt;</h2>',
        '<h2 id="search-name-2" class="search-only" aria-hidden="true">'
        "Kamoʻoalewa · Kamo&#39;oalewa · Kamo’oalewa · Kamo oalewa · Kamooalewa</h2>",
        '<h2 id="search-name-3" class="search-only" aria-hidden="true">2018-103A</h2>',
    ]
    assert "\n\n".join(headings) in page
    assert "<script>" not in page
    assert page.index("A test lander that touched down") < page.index(headings[0])
    assert page.index(headings[-1]) < page.index("mission-facts")
