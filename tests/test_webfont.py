"""The Chinese names' web font (docs/assets/fonts/, made by scripts/subset_font.py): it holds every
Chinese character the pages show and nothing else, is small, is declared for only those characters,
comes from the site itself, and a browser fetches it for a page with Chinese text and for no other."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont
from test_phone import build_offline

from conftest import ROOT

FONTS = ROOT / "docs" / "assets" / "fonts"
FONT = FONTS / "NotoSansCJKsc-Regular-chinese.woff2"
CSS = FONTS / "chinese.css"
# Chinese text: CJK punctuation, ideographs (extension A, unified, compatibility, B and on), fullwidth forms.
CHINESE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
# The budget: what the font's own tables cost, and each Chinese character's outline, compressed
# (1.5 KB and 160 bytes measured), each about doubled. 29 characters: 6.1 KB, within 12.7 KB.
BUDGET_BASE, BUDGET_PER_CHARACTER = 4_000, 300
FIX = "run `make font` (see hooks/fonts/README.md) and commit docs/assets/fonts/"


def page_characters() -> set[str]:
    """The Chinese characters the pages can show: from the data, the hand-written pages, the templates."""
    sources = {"data": "*.yml", "docs": "*.md", "hooks/templates": "*.j2", "overrides": "*.html"}
    paths = [path for folder, pattern in sources.items() for path in (ROOT / folder).rglob(pattern)]
    return {c for path in paths for c in CHINESE.findall(path.read_text(encoding="utf-8"))}


def declared_characters() -> set[str]:
    """The characters of the @font-face rule's unicode-range."""
    ranges = re.search(r"unicode-range:\s*([^;]+);", CSS.read_text(encoding="utf-8"))[1]
    declared = set()
    for part in ranges.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        declared |= {chr(code) for code in range(int(low, 16), int(high or low, 16) + 1)}
    return declared


def test_the_web_font_holds_every_chinese_character_of_the_data():
    held = {chr(code) for code in TTFont(FONT).getBestCmap()}
    missing = "".join(sorted(page_characters() - held))
    assert not missing, f"the web font lacks {missing!r}: {FIX}"
    assert len(page_characters()) >= 20  # the real data's names: 嫦娥, 天问, 天宫, 鹊桥...


def test_the_web_font_holds_and_declares_only_those_characters():
    held = {chr(code) for code in TTFont(FONT).getBestCmap()}
    assert held == page_characters(), f"the web font holds characters no page shows: {FIX}"
    assert declared_characters() == held, "the unicode-range is not the font's characters: " + FIX


def test_the_web_font_is_small_and_licensed():
    characters = len(page_characters())
    budget = BUDGET_BASE + BUDGET_PER_CHARACTER * characters
    size = FONT.stat().st_size
    assert size <= budget, f"{size:,} bytes for {characters} characters; the budget is {budget:,}"
    font = TTFont(FONT)
    assert font.flavor == "woff2"
    assert "Open Font License" in font["name"].getDebugName(13)
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_the_css_declares_the_font_from_the_site_itself_and_puts_it_first():
    css = CSS.read_text(encoding="utf-8")
    family = re.search(r'font-family:\s*"([^"]+)"', css)[1]
    sources = re.findall(r"url\(([^)]*)\)", css)
    assert sources == [f'"{FONT.name}"'], "the font must be a file beside the CSS: no other host, no absolute path"
    assert 'format("woff2")' in css and "font-display: swap" in css
    # Material's text font is var(--md-text-font), then the system's: ours first, for its characters only.
    site_css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    assert f'--md-text-font: "{family}"' in site_css


# --- In Chromium --------------------------------------------------------------------------------


def fonts_fetched(page) -> list[str]:
    """The web fonts the page fetched, once the fonts it needs are loaded."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.woff2?$/.test(n))")


def rendered_with(page, selector: str) -> list[dict]:
    """The fonts Chromium drew the element's text with (DevTools' "Rendered fonts")."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_a_page_with_a_chinese_name_draws_it_in_the_sites_own_font(open_page, served_site):
    page = open_page("missions/chang-e-4/")
    assert fonts_fetched(page) == [served_site.url + f"assets/fonts/{FONT.name}"]
    # Every glyph of 嫦娥四号 from that font, whatever fonts this machine has.
    drawn = rendered_with(page, 'span[lang="zh-Hans"]')
    assert [(f["familyName"], f["isCustomFont"], f["glyphCount"]) for f in drawn] == [("Noto Sans CJK SC", True, 4)]
    assert page.foreign_requests == []


@pytest.mark.parametrize("path", ["", "moon/", "missions/apollo-11/"], ids=["home", "destination", "us-mission"])
def test_a_page_without_chinese_text_never_fetches_the_font(open_page, path):
    page = open_page(path)
    assert fonts_fetched(page) == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    return build_offline(tmp_path_factory.mktemp("offline"))


@pytest.mark.build
def test_the_offline_edition_loads_the_font_from_disk(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    read = []  # from disk, Chromium keeps no resource timings: its requests say what it read
    page.on("requestfinished", lambda request: read.append(request.url))
    page.goto((offline_site / "missions" / "chang-e-4.html").as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    assert [url for url in read if url.endswith(".woff2")] == [(offline_site / "assets" / "fonts" / FONT.name).as_uri()]
    context.close()
