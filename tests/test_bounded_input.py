"""Hostile files and values in data/ end as a problem with its line, never a traceback, a hang or a
build that eats the memory: only regular files are read, never beyond the size limit, and numbers
that Python cannot hold or show are refused where they are written."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from conftest import fixture_missions, write_data
from missionsite import load


@contextmanager
def within(seconds: int):
    """Fails the test instead of waiting for good: a read that blocks (a FIFO) is interrupted."""
    if not hasattr(signal, "SIGALRM"):  # Windows
        yield
        return

    def give_up(signum, frame):
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problems_of_missions(root: Path) -> list[str]:
    with within(10):
        _, problems = load.read_all(root / "data", root)
    return [str(p) for p in problems]


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    write_data(tmp_path, fixture_missions())
    return tmp_path


# --- What is read: regular files only, never more than the limit ------------------------------------


def test_a_directory_named_like_a_mission_file_is_a_problem(data_folder: Path):
    (data_folder / "data" / "missions" / "x.yml").mkdir()
    assert "data/missions/x.yml: (file): expected a regular file; got a directory" in problems_of_missions(data_folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(data_folder: Path):
    os.mkfifo(data_folder / "data" / "missions" / "x.yml")
    assert "data/missions/x.yml: (file): expected a regular file; got a FIFO (named pipe)" in (
        problems_of_missions(data_folder)
    )


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_symbolic_link_to_a_device_is_refused_unread(data_folder: Path):
    """/dev/null stands for /dev/zero here, which the build would read until the memory ran out."""
    (data_folder / "data" / "missions" / "x.yml").symlink_to("/dev/null")
    assert (
        "data/missions/x.yml: (file): expected a regular file; got a character device through a symbolic link"
        in problems_of_missions(data_folder)
    )


@pytest.mark.parametrize("name", ["vocab.yml", "site.yml"])
def test_a_shared_file_that_is_a_directory_is_named_for_what_it_is(data_folder: Path, name: str):
    (data_folder / "data" / name).unlink()
    (data_folder / "data" / name).mkdir()
    assert f"data/{name}: (file): expected a regular file; got a directory" in problems_of_missions(data_folder)


def test_a_file_that_grows_after_its_size_was_taken_is_still_read_only_to_the_limit(tmp_path: Path, monkeypatch):
    path = tmp_path / "x.yml"
    path.write_text("x: " + "a" * (load.MAX_FILE_BYTES + 100))
    real_stat, real_fstat = os.stat, os.fstat

    def small(status: os.stat_result) -> os.stat_result:  # the size it had when it was checked
        fields = list(status[:10])
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda *args, **kwargs: small(real_stat(*args, **kwargs)))
    monkeypatch.setattr(os, "fstat", lambda descriptor: small(real_fstat(descriptor)))
    doc, problems = load.read_file(path, tmp_path)
    assert doc is None
    assert [str(p) for p in problems] == ["x.yml: (file): the file is more than 262,144 bytes; the limit is 262,144"]


def test_text_that_is_not_utf8_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"id: x\nname: \xff\n")
    _, problems = load.read_file(path, tmp_path)
    assert [str(p) for p in problems] == ["x.yml:2: (file): not UTF-8 text (invalid start byte at byte 12)"]


# --- What YAML refuses, and numbers Python cannot hold ----------------------------------------------


@pytest.fixture(params=["C", "pure Python"])
def loader(request, monkeypatch):
    """Both of PyYAML's readers: libyaml says where a character was refused in bytes, PyYAML in characters."""
    if request.param == "pure Python":
        monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was installed without libyaml")


def read(text: str):
    return load.read_text(text, "data/missions/x.yml")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\ufffe"])
def test_a_character_yaml_refuses_is_reported_at_its_line(loader, character: str):
    doc, problems = read(f"id: x\nname_zh: 嫦娥四号\nsummary: a{character}b\n")
    assert doc is None
    assert len(problems) == 1
    assert problems[0].line == 3
    assert str(problems[0]).startswith(
        f"data/missions/x.yml:3: (syntax): not valid YAML: unacceptable character U+{ord(character):04X}: "
    )


@pytest.mark.parametrize(
    "number", ["1" * 5000, "-" + "9" * 16, "0x" + "f" * 5000, "0b" + "1" * 60, "1" + ":59" * 85_000]
)
def test_a_number_too_long_to_hold_is_a_problem_at_its_line(loader, number: str):
    doc, problems = read(f"id: x\nmass_kg: {number}\n")
    assert doc is None
    assert len(problems) == 1
    assert str(problems[0]).startswith("data/missions/x.yml:2: mass_kg: expected a number of at most 15 digits; got ")
    assert str(problems[0]).endswith("(quote it if it is text)")
    assert len(str(problems[0])) < 200  # the number is shortened, not shown whole


def test_whole_numbers_are_read_up_to_fifteen_digits_and_refused_beyond():
    doc, problems = read("id: x\nmass_kg: -999_999_999_999_999\ncrew: 1_000_000_000_000_000\n")
    assert [str(p) for p in problems] == [
        "data/missions/x.yml:3: crew: expected a number of at most 15 digits; got '1_000_000_000_000_000' "
        "(quote it if it is text)"
    ]


@pytest.mark.parametrize("number", [".inf", "-.Inf", ".NaN", "1.0e+400", "!!float nan"])
def test_infinity_and_not_a_number_are_refused_at_their_line(number: str):
    doc, problems = read(f"id: x\nlanding_site:\n  lat: {number}\n")
    assert doc is None
    assert [str(p) for p in problems] == [
        f"data/missions/x.yml:3: landing_site.lat: expected a finite number; got {number.removeprefix('!!float ')!r}"
    ]


@pytest.mark.parametrize(
    "value, tag", [("!!int abc", "!!int"), ("!!int ''", "!!int"), ("!!bool maybe", "!!bool"), ("!!float x", "!!float")]
)
def test_a_value_that_does_not_fit_its_tag_is_a_problem(value: str, tag: str):
    doc, problems = read(f"id: x\nmass_kg: {value}\n")
    assert doc is None
    assert [p.line for p in problems] == [2]
    assert str(problems[0]).startswith(f"data/missions/x.yml:2: mass_kg: not a valid {tag} value: ")
