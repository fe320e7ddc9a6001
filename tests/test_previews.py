"""Preview images: drawn from the data with the shipped font, which must hold every character."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from conftest import ROOT
from missionsite import drawing, load, model, previews

SITE_NAME = "China in space, plan and reality"


@pytest.fixture(scope="module")
def catalogue():
    files, problems = load.read_all(ROOT / "data", ROOT)
    return model.build_catalogue(files, problems)


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
    expected |= {previews.destination_preview(d.id) for d in catalogue.destinations} | {previews.SITE_PREVIEW}
    images = pngs(tmp_path)
    assert set(images) == expected
    for data in images.values():
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_card_says_name_chinese_name_destination_status_and_key_date(catalogue):
    card = previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME)
    assert (card.title, card.title_zh) == ("Chang'e 4", "嫦娥四号")
    assert card.kicker.startswith("The Moon")
    assert card.lines == ("Active", "Launch: 7 December 2018", "Arrival: 3 January 2019")


def test_long_text_wraps_within_the_image():
    font = drawing._font(drawing.BOLD, 76)
    lines = drawing.wrap("Curiosity (Mars Science Laboratory) and a much longer name", font, 1040)
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
    assert pngs(tmp_path / "parallel") == pngs(tmp_path / "here") == {
        path: (tmp_path / "cache" / cached.name).read_bytes() for path, (_, cached) in images.to_draw.items()}


def test_the_image_is_a_small_palette_png_with_the_theme_colours(catalogue):
    card = previews.mission_card(catalogue, catalogue.mission("chang-e-4"), SITE_NAME)
    image = Image.open(io.BytesIO(drawing.draw(card)))
    assert image.mode == "P"
    colours = {colour for _, colour in image.convert("RGB").getcolors(256)}
    assert {drawing.BACKGROUND, drawing.ACCENT, drawing.TEXT, drawing.MUTED} <= colours


def test_without_other_processes_every_image_is_drawn_here(catalogue, tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # as multiprocessing says where there are no semaphores

    monkeypatch.setattr(drawing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(drawing, "_spare_cpus", lambda: 1)
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", no_processes)
    draw_site(catalogue, tmp_path / "here")
    assert len(pngs(tmp_path / "here")) == len(catalogue.missions) + len(catalogue.destinations) + 1
