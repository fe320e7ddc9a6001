"""Reading YAML: lines for every field, and clear refusals of what cannot be read safely."""

from pathlib import Path

import pytest
import yaml

from missionsite import load
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
