"""A 390 px phone, in Chromium: the timelines open at the data's date and show that they scroll
sideways (docs/assets/sideways.js), after instant navigation and from disk too, scroll by keyboard
and pass axe-core; the plan tables keep their verdicts on the screen (docs/assets/site.css).
Screenshots are left in test-results/phone/ to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import WCAG_21_A_AA, settle

from conftest import BUILD, ROOT, copy_site

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "test-results" / "phone"
# Where a timeline's parts are on the screen: its box, the data's date line, its first destination or lane label.
GEOMETRY = """box => {
  const at = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top}; };
  return {
    box: at(box), today: at(box.querySelector('.fig-today')), label: at(box.querySelector('.fig-group, .fig-lane-label')),
    scrollLeft: box.scrollLeft, fade: getComputedStyle(box).maskImage,
    pageWidth: document.documentElement.scrollWidth,
  };
}"""


def timeline(page):
    return page.locator(".site-figure__scroll:has(svg.fig-timeline)").first


def screenshot(page, element, name: str) -> None:
    """The screen as a reader sees it, scrolled to `element`: a picture for a person to look at."""
    element.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 120)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", animations="disabled")


def opens_at_the_datas_date(page) -> dict:
    box = timeline(page)
    expect(box).to_have_attribute("data-more", re.compile("start"))  # scrolled: earlier years to the left
    at = box.evaluate(GEOMETRY)
    assert at["box"]["left"] <= at["today"]["left"] <= at["box"]["right"], f"the data's date is out of sight: {at}"
    # Not at an edge: the years before it on its left, the planned ones on its right.
    width = at["box"]["right"] - at["box"]["left"]
    assert 0.3 < (at["today"]["left"] - at["box"]["left"]) / width < 0.8, at
    return at


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "moon/"], ids=["home", "moon"])
def test_the_timeline_opens_at_the_datas_date_and_says_it_scrolls(open_page, path, scheme):
    page = open_page(path, viewport=PHONE, color_scheme=scheme)
    at = opens_at_the_datas_date(page)
    assert "gradient" in at["fade"], "no fade at the edges with more beyond them"
    hint = page.locator(".site-figure__hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(re.compile(r"^← Scroll sideways for earlier"))
    assert hint.bounding_box()["y"] < at["box"]["top"], "the hint is not above the timeline"
    # Scrolled, the destination and lane labels still stand at the box's left edge.
    assert at["box"]["left"] <= at["label"]["left"] <= at["box"]["left"] + 60, at
    assert at["pageWidth"] <= PHONE["width"], "the page itself scrolls sideways"
    screenshot(page, hint, f"timeline-{path.strip('/') or 'home'}-{scheme}")

    # At the far left, the earlier years are all in view: the fade and the words say only "later".
    timeline(page).evaluate("box => box.scrollTo({left: 0})")
    expect(timeline(page)).to_have_attribute("data-more", "end")
    expect(hint).to_have_text("Scroll sideways for later years →")


def test_a_keyboard_scrolls_the_timeline(open_page):
    page = open_page("", viewport=PHONE)
    box = timeline(page)
    opened = opens_at_the_datas_date(page)["scrollLeft"]
    box.focus()
    expect(box).to_be_focused()
    expect(box).to_have_accessible_name("Timeline of the missions")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("opened => document.activeElement.scrollLeft < opened", arg=opened)
    screenshot(page, box, "timeline-keyboard-focus")


def test_a_timeline_that_fits_the_screen_has_no_cue(open_page):
    page = open_page("", viewport={"width": 1280, "height": 900})
    box = timeline(page)
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth && box.scrollLeft === 0")
    assert box.get_attribute("data-more") is None
    assert box.get_attribute("tabindex") is None, "a box with nothing to scroll is no stop for the keyboard"
    expect(page.locator(".site-figure__hint")).to_be_hidden()


def test_without_javascript_the_timeline_is_as_before(open_page):
    page = open_page("", viewport=PHONE, java_script_enabled=False)
    at = timeline(page).evaluate(GEOMETRY)
    assert at["scrollLeft"] == 0 and at["fade"] == "none"
    assert page.locator(".site-figure__hint").count() == 0


def test_with_reduced_motion_the_timeline_opens_in_place_without_moving(open_page):
    page = open_page("", viewport=PHONE, reduced_motion="reduce")
    first = opens_at_the_datas_date(page)["scrollLeft"]
    page.wait_for_timeout(500)  # an animated scroll would still be on its way
    assert timeline(page).evaluate("box => box.scrollLeft") == first


def test_instant_navigation_opens_the_next_pages_timeline_at_the_datas_date(open_page, served_site):
    page = open_page("", viewport=PHONE)
    page.wait_for_load_state("networkidle")  # Material takes over clicks once it has read sitemap.xml
    page.evaluate("window.stillTheSamePage = true")  # lost on a full page load
    page.locator("article").get_by_role("link", name="The Moon", exact=True).first.click()
    # Any #fragment: the theme's anchor tracking writes the heading in view into the address.
    expect(page).to_have_url(re.compile(re.escape(served_site.url + "moon/") + "(#.*)?$"))
    expect(page.locator("article h1").first).to_have_text("The Moon¶")
    opens_at_the_datas_date(page)
    assert page.evaluate("window.stillTheSamePage === true"), "the click reloaded the whole page"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "plan/"], ids=["home", "plan"])
def test_the_plan_tables_verdicts_are_on_the_screen(open_page, path, scheme):
    page = open_page(path, viewport=PHONE, color_scheme=scheme)
    # The home page's table, or on /plan/ each white paper's.
    tables = page.locator("article table").filter(has=page.get_by_role("columnheader", name="Verdict"))
    verdicts = tables.locator("tbody tr td:last-child")
    assert verdicts.count() >= 5
    expect(verdicts.first).to_have_text(re.compile(r"On time|Late by|Not yet"))
    rights = verdicts.evaluate_all("cells => cells.map(cell => cell.getBoundingClientRect().right)")
    assert max(rights) <= PHONE["width"], f"a verdict ends at {max(rights):.0f}px on a {PHONE['width']}px screen"
    for i in range(tables.count()):
        wrap = tables.nth(i).locator("xpath=ancestor::div[contains(@class, 'md-typeset__scrollwrap')]")
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "a plan table still scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = tables.first
    screenshot(page, table, f"plan-table-{path.strip('/') or 'home'}-{scheme}")


def test_a_table_wider_than_the_phone_fades_at_its_cut_edge(open_page):
    page = open_page("missions/", viewport=PHONE)
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "this test needs a table wider than the phone"
    expect(wrap).to_have_attribute("data-more", "end")
    assert "gradient" in wrap.evaluate("w => getComputedStyle(w).maskImage")
    assert wrap.evaluate("w => getComputedStyle(w).getPropertyValue('--fade-end')") == "32px"
    screenshot(page, wrap, "wide-table-missions")
    wrap.evaluate("w => w.scrollTo({left: w.scrollWidth})")
    expect(wrap).to_have_attribute("data-more", "start")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_cues_pass_axe_on_a_phone(open_page, scheme):
    """The hint is small grey text: WCAG AA contrast in both schemes, as axe-core measures it."""
    page = open_page("", viewport=PHONE, color_scheme=scheme)
    expect(page.locator(".site-figure__hint")).to_be_visible()
    settle(page)
    results = Axe().run(page, options=WCAG_21_A_AA)
    assert results.violations_count == 0, results.generate_report()


def build_offline(folder: Path) -> Path:
    """The offline edition (mkdocs-offline.yml) of a copy of the site in `folder`, to open from disk."""
    site = copy_site(folder)
    shutil.copy(ROOT / "mkdocs-offline.yml", site)
    result = subprocess.run(
        [*BUILD, "-f", str(site / "mkdocs-offline.yml"), "-d", str(site / "site")],
        capture_output=True,
        text=True,
        cwd=site,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return site / "site"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    return build_offline(tmp_path_factory.mktemp("offline"))


@pytest.mark.build
def test_the_offline_edition_opens_the_timeline_at_the_datas_date(browser, offline_site):
    """From disk, Material's document$ never tells of a page: the script must not wait for it."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    opens_at_the_datas_date(page)
    expect(page.locator(".site-figure__hint")).to_be_visible()
    context.close()
