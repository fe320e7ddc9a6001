"""Reading YAML: lines for every field, and clear refusals of what cannot be read safely."""

import marshal
from pathlib import Path

import pytest
import yaml

from missionsite import load, parsed
from missionsite.problems import field_name


def read(text: str):
    return load.read_text(text, "data/missions/x.yml")


def test_every_field_has_its_line():
    doc, problems = read("id: x\nmilestones:\n  - kind: launch\n    date: '2019'\n")
    assert problems == []
    assert doc.lines[("id",)] == 1
    assert doc.lines[("milestones", 0, "kind")] == 3
    assert doc.lines[("milestones", 0, "date")] == 4
    assert doc.line(("milestones", 0, "nothing", "here")) == 3  # nearest enclosing field


def test_dates_stay_as_written():
    doc, _ = read("a: 2019-01-03\nb: 2029\nc: '2026-08'\n")
    assert doc.data == {"a": "2019-01-03", "b": 2029, "c": "2026-08"}


def test_syntax_error_names_the_line():
    _, problems = read("id: x\nname: [unclosed\nstatus: active\n")
    assert len(problems) == 1
    assert str(problems[0]).startswith("data/missions/x.yml:3: (syntax): not valid YAML")


def test_duplicate_key_names_both_lines():
    _, problems = read("id: x\nname: A\nname: B\n")
    assert [str(p) for p in problems] == [
        "data/missions/x.yml:3: name: duplicate key; first given on line 2, and only one may stand"
    ]


def test_aliases_are_refused_so_a_yaml_bomb_cannot_explode():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    doc, problems = read(bomb)
    assert doc is None
    assert "anchors and aliases" in str(problems[0])


def test_oversized_file_is_refused_unread(tmp_path: Path):
    path = tmp_path / "big.yml"
    path.write_text("x: " + "a" * (load.MAX_FILE_BYTES + 1))
    doc, problems = load.read_file(path, tmp_path)
    assert doc is None
    assert str(problems[0]).startswith("big.yml: (file): the file is")


def test_files_that_are_not_yml_are_reported(tmp_path: Path):
    missions = tmp_path / "data" / "missions"
    missions.mkdir(parents=True)
    (missions / "apollo.yaml").write_text("id: apollo\n")
    (missions / ".apollo.yml.swp").write_text("editor junk")
    _, problems = load.read_all(tmp_path / "data", tmp_path)
    messages = [str(p) for p in problems]
    assert "data/missions/apollo.yaml: (file): expected a .yml file" in messages
    assert not any("swp" in m for m in messages)


@pytest.mark.parametrize("loader", ["C", "pure Python"])
@pytest.mark.parametrize("depth", [40, 500, 100_000])
def test_deep_nesting_is_refused_quickly_without_a_traceback(monkeypatch, loader, depth):
    """A nesting bomb: libyaml stops at 1,000 levels, PyYAML's own parser recurses until Python stops it."""
    if loader == "pure Python":
        monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was installed without libyaml")
    for bomb in ("[" * depth + "]" * depth, "a: " + "[" * depth + "]" * depth, "{a: " * depth + "}" * depth):
        doc, problems = read(bomb)
        assert doc is None
        assert len(problems) == 1
        assert "nest" in problems[0].message, problems[0]


def test_unknown_tag_is_a_problem_not_a_traceback():
    doc, problems = read("id: x\nsource: !agency\n")
    assert doc is None
    assert [str(p) for p in problems] == [
        "data/missions/x.yml:2: (file): unknown tag !agency; write the value without a leading !"
    ]


def test_a_key_that_is_not_a_name_is_reported_quoted():
    assert field_name(("milestones", 0, "date")) == "milestones[0].date"
    assert field_name((None, "a b", "line\nbreak")) == "[None]['a b']['line\\nbreak']"



MISSION_TEXT = "id: x\nmilestones:\n  - kind: launch\n    date: '2019'\n"


def read_missions(root: Path):
    """What a build reads of data/missions/, keeping what it parsed in root/.cache."""
    files, problems = load.read_all(root / "data", root, parsed.Parsed(root / parsed.CACHE_FILE))
    return {doc.stem: doc for doc in files.missions}, [p for p in problems if "missions/" in p.file]


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    (tmp_path / "data" / "missions").mkdir(parents=True)
    (tmp_path / "data" / "missions" / "x.yml").write_text(MISSION_TEXT)
    return tmp_path


def test_a_file_read_by_an_earlier_build_is_not_parsed_again(data_folder: Path, monkeypatch):
    first, _ = read_missions(data_folder)
    with monkeypatch.context() as patched:
        patched.setattr(load, "read_text", lambda text, file: pytest.fail(f"{file} parsed again"))
        again, problems = read_missions(data_folder)
    assert problems == []
    assert again["x"].data == first["x"].data


def test_a_problem_in_a_file_read_by_an_earlier_build_still_has_its_line(data_folder: Path):
    """The cache keeps values, not lines: a problem found in them has its line all the same."""
    read_missions(data_folder)
    again, _ = read_missions(data_folder)
    assert str(again["x"].problem(("milestones", 0, "date"), "expected a later date")) == (
        "data/missions/x.yml:4: milestones[0].date: expected a later date")
    assert again["x"].line(("milestones", 0, "kind")) == 3


def test_an_edited_file_is_read_again(data_folder: Path):
    read_missions(data_folder)
    (data_folder / "data" / "missions" / "x.yml").write_text(MISSION_TEXT.replace("'2019'", "'2020-05'"))
    again, _ = read_missions(data_folder)
    assert again["x"].data["milestones"][0]["date"] == "2020-05"


def test_a_file_with_problems_is_reported_on_every_build(data_folder: Path):
    (data_folder / "data" / "missions" / "x.yml").write_text("id: x\nname: A\nname: B\n")
    for _ in range(2):
        _, problems = read_missions(data_folder)
        assert [str(p) for p in problems] == [
            "data/missions/x.yml:3: name: duplicate key; first given on line 2, and only one may stand"]


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("another version", {}))])
def test_an_unreadable_or_outdated_cache_is_ignored(data_folder: Path, content: bytes):
    cache = data_folder / parsed.CACHE_FILE
    cache.parent.mkdir()
    cache.write_bytes(content)
    missions, problems = read_missions(data_folder)
    assert problems == [] and missions["x"].data["id"] == "x"
    assert read_missions(data_folder)[0]["x"].data == missions["x"].data  # and it is written afresh
