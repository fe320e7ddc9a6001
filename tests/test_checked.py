"""Missions an earlier build checked are not checked again, and a kept mission is never a stale one."""

from __future__ import annotations

import dataclasses
import marshal
from pathlib import Path

import pytest

from conftest import ROOT, fixture_missions, write_data
from missionsite import checked, dataset, load, model, parsed
from missionsite.problems import DataError


def check(root: Path, *, keep: bool = True) -> tuple[model.Catalogue | None, list[str]]:
    """What a build makes of root/data: the catalogue, or its problems. With `keep`, as the hook
    builds: keeping what it parsed and checked in root/.cache."""
    files, problems = load.read_all(root / "data", root, parsed.Parsed(root / parsed.CACHE_FILE))
    try:
        return dataset.check(files, problems, checked.Checked(root / checked.CACHE_FILE) if keep else None), []
    except DataError as err:
        return None, [str(p) for p in err.problems]


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    write_data(tmp_path, fixture_missions())
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_real_mission_reads_back_as_it_was_checked():
    catalogue = dataset.load_all(ROOT / "data", ROOT)
    for mission in catalogue.missions:
        again = checked.restore(marshal.loads(marshal.dumps(checked.plain(mission))))
        assert again == mission
        # the milestones, the landing site and cite refer to the mission's own sources, as when checked
        assert all(any(m.source is s for s in again.sources) for m in again.milestones)


def test_the_real_data_gives_every_field_of_a_mission_a_value():
    """So the test above reads back every field: a field that no mission sets would not be tested."""
    catalogue = dataset.load_all(ROOT / "data", ROOT)
    unset = [f.name for f in dataclasses.fields(model.Mission)
             if all(not getattr(m, f.name) for m in catalogue.missions)]
    assert unset == []


def test_a_mission_checked_by_an_earlier_build_is_not_checked_again(data_folder: Path, monkeypatch):
    first, problems = check(data_folder)
    assert problems == []
    with monkeypatch.context() as patched:
        patched.setattr(model, "_read_mission", lambda doc, *_: pytest.fail(f"{doc.file} checked again"))
        again, problems = check(data_folder)
    assert problems == [] and again == first


def test_an_edited_mission_is_checked_again(data_folder: Path):
    check(data_folder)
    edit(data_folder / "data" / "missions" / "probe-one.yml", "agency: CNSA", "agency: CAS")
    catalogue, _ = check(data_folder)
    assert catalogue.mission("probe-one").agency == "CAS"
    edit(data_folder / "data" / "missions" / "probe-one.yml", "agency: CAS", "agency: <b>CAS</b>")
    assert check(data_folder)[1] == ["data/missions/probe-one.yml:6: agency: expected text without raw HTML; got '<b>CAS</b>'"]


@pytest.mark.parametrize("as_of", ["2032-01-01", "2019-06-01"])
def test_a_kept_mission_is_checked_against_a_new_as_of_date(data_folder: Path, as_of: str):
    """The as-of date moves with every update of the data; what it says of a mission is checked on
    every build, with the same problems as when the mission is read afresh."""
    check(data_folder)
    edit(data_folder / "data" / "site.yml", 'as_of: "2026-11-26"', f'as_of: "{as_of}"')
    _, kept = check(data_folder)
    _, afresh = check(data_folder, keep=False)
    assert kept == afresh
    expected = {
        "2032-01-01": "data/missions/probe-one.yml:38: milestones[2].date: this planned date has passed",
        "2019-06-01": "data/missions/probe-one.yml:10: status_verified: expected a day on or before",
    }[as_of]
    assert any(problem.startswith(expected) for problem in kept)


def test_a_kept_mission_still_takes_part_in_the_checks_across_files(data_folder: Path):
    check(data_folder)
    edit(data_folder / "data" / "missions" / "probe-two.yml", "compare_with: []", "compare_with: [probe-one]")
    _, problems = check(data_folder)  # probe-one, unchanged and kept, already compares itself with probe-two
    assert problems == ["data/missions/probe-two.yml:25: compare_with[0]: this comparison is already given in "
                        "data/missions/probe-one.yml; write each pair once, it is shown on both pages"]


def test_a_changed_shared_file_checks_every_mission_again(data_folder: Path):
    check(data_folder)
    edit(data_folder / "data" / "vocab.yml", "  active: Active\n", "")
    _, problems = check(data_folder)
    assert any(p.startswith("data/missions/probe-one.yml:9: status: expected a status: one of planned,")
               for p in problems)


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("another context", {})),
                                     marshal.dumps(("", {("data/missions/probe-one.yml", "x"): ("short",)}))])
def test_an_unreadable_or_outdated_cache_is_ignored(data_folder: Path, content: bytes):
    cache = data_folder / checked.CACHE_FILE
    cache.parent.mkdir(exist_ok=True)
    cache.write_bytes(content)
    first, problems = check(data_folder)
    assert problems == [] and first == check(data_folder, keep=False)[0]
    assert check(data_folder)[0] == first  # and it is written afresh
