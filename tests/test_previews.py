"""Preview images: drawn from the data with the shipped font, which must hold every character."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from conftest import BUILD, ROOT, build, copy_site
from missionsite import drawing, previews

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402  (bench/synthetic.py: mission files in the real format, any number of them)

SITE_NAME = "China in space, plan and reality"


@pytest.fixture
def catalogue(real_catalogue):
    return real_catalogue


@pytest.mark.parametrize("font", [drawing.REGULAR, drawing.BOLD], ids=lambda f: f.name)
def test_the_font_subset_has_every_character_the_previews_draw(catalogue, font):
    glyphs = TTFont(font).getBestCmap()
    drawn = {c for text in previews.texts(catalogue, SITE_NAME) for c in text if not c.isspace()}
    missing = sorted(c for c in drawn if ord(c) not in glyphs)
    assert not missing, (
        f"{font.name} lacks {''.join(missing)!r}: run `make font` (see hooks/fonts/README.md) and commit the result"
    )


def test_the_site_name_is_the_one_in_mkdocs_yml():
    assert f"site_name: {SITE_NAME}\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_shipped_fonts_are_small_and_licensed():
    for font in (drawing.REGULAR, drawing.BOLD):
        assert font.stat().st_size < 1_000_000
        assert "Open Font License" in TTFont(font)["name"].getDebugName(13)
    assert "SIL OPEN FONT LICENSE Version 1.1" in (drawing.FONTS / "OFL.txt").read_text(encoding="utf-8")


def draw_site(catalogue, site_dir, cache_folder=None, site_name=SITE_NAME):
    """What a build does: draws what the cache lacks into the site; returns the images it kept."""
    images = previews.Images.of(catalogue, site_name, cache_folder)
    underway = drawing.Drawing(images.to_draw, site_dir)
    underway.finish()
    return images


def pngs(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*.png")}


def test_every_mission_and_destination_gets_a_preview(catalogue, tmp_path):
    draw_site(catalogue, tmp_path)
    expected = {previews.mission_preview(m.id) for m in catalogue.missions}
    expected |= {previews.destination_preview(d.id) for d in catalogue.destinations}
    expected |= {previews.SITE_PREVIEW, previews.PLAN_PREVIEW}
    images = pngs(tmp_path)
    assert set(images) == expected
    for data in images.values():
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_card_says_name_chinese_name_destination_status_and_key_date(catalogue):
    card = previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME)
    assert (card.title, card.title_zh) == ("Chang'e 4", "嫦娥四号")
    assert card.kicker.startswith("The Moon")
    assert card.lines == ("Active", "Launch: 7 December 2018", "Arrival: 12 December 2018")  # in lunar orbit


def test_the_plan_has_its_own_card_counting_its_verdicts(catalogue):
    card = previews.all_cards(catalogue, SITE_NAME)[previews.PLAN_PREVIEW]
    assert card != previews.all_cards(catalogue, SITE_NAME)[previews.SITE_PREVIEW]
    assert card.title == "The white papers' plans, goal by goal"
    for paper, line in zip(catalogue.site.white_papers, card.lines, strict=False):
        verdicts = [goal.verdict.kind for goal in catalogue.goals if goal.paper == paper.id]
        kept = sum(kind in ("on-time", "early") for kind in verdicts)
        assert line.startswith(f"{paper.id}: {len(verdicts)} goals: {kept} kept"), line
    assert card.lines[-1].startswith("As of ")


def test_alt_text_is_the_card_in_words(catalogue):
    card = previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME)
    assert previews.describe(card) == (
        "Preview card: Chang'e 4 (嫦娥四号). The Moon, China, CNSA. Active. "
        "Launch: 7 December 2018. Arrival: 12 December 2018. China in space, plan and reality."
    )


def colours_of(card):
    image = Image.open(io.BytesIO(drawing.draw(card))).convert("RGB")
    return {colour for _, colour in image.getcolors(256)}


def test_a_us_mission_is_drawn_in_the_us_blue_and_a_chinese_one_in_red(catalogue):
    # As in the figures: China red, the United States blue. Juno's card was red like China's.
    juno = colours_of(previews.mission_card(catalogue, catalogue.mission("juno"), SITE_NAME))
    chang_e_4 = colours_of(previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME))
    assert drawing.BLUE in juno and drawing.RED not in juno
    assert drawing.RED in chang_e_4 and drawing.BLUE not in chang_e_4
    for mission in catalogue.missions:
        accent = previews.mission_card(catalogue, mission, SITE_NAME).accent
        assert accent == {"CN": drawing.RED, "US": drawing.BLUE}[mission.country], mission.id


def test_long_text_wraps_within_the_image():
    font = drawing._font(drawing.BOLD, 76)
    lines = drawing.wrap("Curiosity (Mars Science Laboratory) and a much longer name", font, 1040, drawing.ENGLISH)
    assert len(lines) > 1 and all(font.getlength(line) <= 1040 for line in lines)


def test_a_second_build_keeps_the_images_the_first_drew(catalogue, tmp_path):
    cache = tmp_path / "cache"
    first = draw_site(catalogue, tmp_path / "first", cache)
    assert not first.kept and len(pngs(cache)) == len(first.to_draw)
    second = previews.Images.of(catalogue, SITE_NAME, cache)
    assert not second.to_draw and set(second.kept) == set(first.to_draw)
    drawn = pngs(tmp_path / "first")
    assert all(drawn[path] == kept.read_bytes() for path, kept in second.kept.items())


def test_a_changed_card_is_drawn_again_and_its_old_image_removed(catalogue, tmp_path):
    cache = tmp_path / "cache"
    draw_site(catalogue, tmp_path / "first", cache)
    before = set(cache.iterdir())
    renamed = draw_site(catalogue, tmp_path / "second", cache, site_name="Another site name")
    after = set(cache.iterdir())
    assert len(after) == len(renamed.to_draw) and not before & after  # every card shows the site's name


def test_an_unwritable_cache_folder_still_gives_every_image(catalogue, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    draw_site(catalogue, tmp_path / "blocked", blocked / "previews")
    draw_site(catalogue, tmp_path / "uncached")
    assert pngs(tmp_path / "blocked") == pngs(tmp_path / "uncached")


def test_images_drawn_in_other_processes_are_the_same_and_their_time_counts(catalogue, tmp_path, monkeypatch):
    monkeypatch.setattr(drawing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(drawing, "BATCH", 10)
    monkeypatch.setattr(drawing, "_spare_cpus", lambda: 2)  # as on a machine with three CPUs
    images = previews.Images.of(catalogue, SITE_NAME, tmp_path / "cache")
    underway = drawing.Drawing(images.to_draw, tmp_path / "parallel")
    assert underway.pool is not None
    underway.pool.shutdown()  # waits until the other processes have drawn every batch
    underway.finish()
    assert underway.other_cpu > 0
    draw_site(catalogue, tmp_path / "here")
    drawn = pngs(tmp_path / "parallel")
    assert drawn == pngs(tmp_path / "here")
    assert {
        path: drawing.kept_file(cached, drawn[path]).read_bytes() for path, (_, cached) in images.to_draw.items()
    } == drawn


def test_the_image_is_a_small_palette_png_with_the_theme_colours(catalogue):
    card = previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME)
    image = Image.open(io.BytesIO(drawing.draw(card)))
    assert image.mode == "P"
    colours = {colour for _, colour in image.convert("RGB").getcolors(256)}
    assert {drawing.BACKGROUND, drawing.RED, drawing.TEXT, drawing.MUTED} <= colours


def test_without_other_processes_every_image_is_drawn_here(catalogue, tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # as multiprocessing says where there are no semaphores

    monkeypatch.setattr(drawing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(drawing, "_spare_cpus", lambda: 1)
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", no_processes)
    draw_site(catalogue, tmp_path / "here")
    assert len(pngs(tmp_path / "here")) == len(catalogue.missions) + len(catalogue.destinations) + 2  # site, plan


# --- Builds: the same images whatever the locale; drawing processes end with their build ----------


def chinese_locale(folder):
    """The environment of a build under zh_CN.UTF-8: the system's locale, or one made by localedef
    in `folder`; None where neither works."""
    env = {"LC_ALL": "zh_CN.UTF-8"}
    if not takes_effect(env) and shutil.which("localedef"):
        subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(folder / "zh_CN.UTF-8")], capture_output=True)
        env["LOCPATH"] = str(folder)
    return env if takes_effect(env) else None


def takes_effect(env):
    shown = subprocess.run(
        [sys.executable, "-c", "import locale; print(locale.setlocale(locale.LC_CTYPE))"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    return shown.stdout.strip() == env["LC_ALL"]


@pytest.mark.build
def test_the_locale_of_the_build_changes_no_image(catalogue, tmp_path):
    # Under zh_CN the text layout applied the font's rules for Chinese to Latin text too.
    chinese = chinese_locale(tmp_path)
    if chinese is None:
        pytest.skip("no zh_CN.UTF-8 locale here, and localedef cannot make one")
    sites = {}
    for name, env in {"C": {"LC_ALL": "C"}, "zh_CN": chinese}.items():
        (tmp_path / name).mkdir()
        site = copy_site(tmp_path / name)  # each with its own, empty .cache
        result = build(site, env=env)
        assert result.returncode == 0, result.stderr
        sites[name] = site / "site"
    c, zh = digests(sites["C"]), digests(sites["zh_CN"])
    assert sum(path.startswith("assets/previews/") for path in c) == len(previews.all_cards(catalogue, SITE_NAME))
    assert sorted(path for path in c.keys() | zh.keys() if c.get(path) != zh.get(path)) == []


def digests(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.mark.build
def test_drawing_processes_end_when_their_build_is_killed(tmp_path):
    """kill -9 of a build runs none of its clean-up; its drawing processes must not go on holding
    its output open, or whatever reads that output (a CI step, a pipe) waits for ever."""
    if drawing._spare_cpus() < 1:
        pytest.skip("one CPU: the build draws every image in its own process")
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finding a process's children needs Linux's /proc")
    site = copy_site(tmp_path)
    synthetic.write_missions(site / "data" / "missions", 3 * drawing.PARALLEL_FROM)  # enough to draw elsewhere
    running = subprocess.Popen(
        [*BUILD, "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")],
        cwd=site,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    started = []
    try:
        started = wait_for_drawing(running, site / ".cache" / "previews")
        running.kill()
        running.wait()
        killed = time.monotonic()
        assert reaches_end(running.stdout, timeout=10), "the build's output is still held open 10 s after kill -9"
        print(f"output closed {time.monotonic() - killed:.2f} s after kill -9")
        # A process closes its files a moment before it has ended.
        assert not still_running(started, timeout=5), "drawing processes outlived their build"
    finally:
        running.kill()
        for pid in started:
            if is_running(pid):
                os.kill(pid, signal.SIGKILL)


def wait_for_drawing(running, cache, timeout=180):
    """The processes the build `running` started (drawing processes and multiprocessing's resource
    tracker), once one of them is drawing: a first image is in the cache."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert running.poll() is None, running.stdout.read().decode(errors="replace")
        started = children(running.pid)
        drawers = [pid for pid in started if "spawn_main" in cmdline(pid)]
        if drawers and cache.is_dir() and any(cache.glob("*.png")):
            return started
        time.sleep(0.02)
    raise AssertionError(f"no drawing process drew an image within {timeout} s")


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def still_running(pids, timeout):
    deadline = time.monotonic() + timeout
    while (running := [pid for pid in pids if is_running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


def is_running(pid):
    """Whether `pid` is alive: a zombie has ended, whether or not anyone reaps it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def reaches_end(pipe, timeout):
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([pipe], [], [], left)
        if ready and not os.read(pipe.fileno(), 65536):
            return True
    return False
