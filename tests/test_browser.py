"""The site in Debian's Chromium, served over HTTP at the root and under a sub-path (as GitHub
project Pages serves it): navigation, search, deep links, colour scheme, phone layout."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from test_build import MISSIONS, mission_data

from conftest import ROOT

DESTINATIONS = yaml.safe_load((ROOT / "data" / "destinations.yml").read_text(encoding="utf-8"))
PAGE_TYPES = ("", "moon/", "missions/chang-e-4/", "missions/", "plan/", "glossary/", "data/", "about/", "changelog/")
PHONE = {"width": 390, "height": 844}


def search(page, query: str) -> list[str]:
    """Type a query into Material's search; the addresses of the results, best first."""
    page.keyboard.press("/")  # Material's shortcut: focus the search field
    # Type only once the search index is loaded: a query typed before is never answered.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material reads the query on keyup, which fill() alone does not send
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    # Settled: the count of matches is shown once the results for this query are all rendered.
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    return results.evaluate_all("links => links.map(a => a.origin + a.pathname)")


def shows_heading(page, name: str) -> None:
    """Wait until the page's heading is `name` (instant navigation swaps the content late)."""
    expect(page.locator("article h1").first).to_have_text(name + "¶")  # ¶: the heading's permalink


def link(page, name: str):
    """A link in the page's text (not the navigation), found as a reader finds it: by its words."""
    return page.locator("article").get_by_role("link", name=name, exact=True).first


def test_home_leads_to_every_destination_and_each_destination_to_its_missions(open_page, served_site):
    page = open_page("")
    for destination in DESTINATIONS:
        page.goto(served_site.url)
        link(page, destination["name"]).click()
        arrives_at(page, served_site.url + f"{destination['id']}/")
        missions = [m for m in MISSIONS if mission_data(m)["destination"] == destination["id"]]
        for mission in missions:  # expect() waits: instant navigation swaps the content after the address
            expect(link(page, mission_data(mission)["name"])).to_be_visible()
        link(page, mission_data(missions[0])["name"]).click()
        arrives_at(page, served_site.url + f"missions/{missions[0]}/")
        shows_heading(page, mission_data(missions[0])["name"])
    assert page.foreign_requests == []


@pytest.mark.parametrize("query", ["Chang'e 4", "嫦娥四号"])
def test_search_finds_a_mission_by_its_english_or_chinese_name(open_page, served_site, query):
    found = search(open_page(""), query)
    assert found[0] == served_site.url + "missions/chang-e-4/", found[:5]


@pytest.mark.parametrize("query", ["Cháng'é Sìhào", "Chang'e Sihao"], ids=["tone marks", "as typed"])
def test_search_finds_a_mission_by_its_pinyin(open_page, served_site, query):
    found = search(open_page(""), query)
    # Sìhào ("number four") is also Tianwen 4's, which may rank equal.
    assert served_site.url + "missions/chang-e-4/" in found[:2], found[:5]


# What readers type, and the mission it must find. Each name, spelling and COSPAR ID is on the
# mission's page only in a heading that search alone reads (hooks/missionsite/search_terms.py).
READERS_QUERIES = {
    "Chang-e 4": "chang-e-4",
    "Chang e 4": "chang-e-4",
    "Change 4": "chang-e-4",
    "change 4": "chang-e-4",  # once the changelog came first
    "Chang’e 4": "chang-e-4",  # a curly apostrophe
    "Yutu-2": "chang-e-4",
    "Jade Rabbit": "chang-e-3",
    "2018-103A": "chang-e-4",
    "ISS": "iss",
    "Kamooalewa": "tianwen-2",
    "Kamo'oalewa": "tianwen-2",
    "Zhurong": "tianwen-1",
    "Tianhe": "tiangong",
    "Wentian": "tiangong",
    "Bennu": "osiris-rex",
    "Apophis": "osiris-rex",
    "嫦娥四号": "chang-e-4",
    "Cháng'é Sìhào": "chang-e-4",
    "Chang'e Sihao": "chang-e-4",
    "Buzz Aldrin": "apollo-11",  # an astronaut's name
}


def pages(found: list[str]) -> list[str]:
    """The pages among search results, best first: a page's sections are listed under it."""
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("query", READERS_QUERIES)
def test_search_finds_a_mission_by_what_readers_type(open_page, served_site, query):
    """Other names (its rover's, modules', target's, short forms), the COSPAR ID, and names without
    apostrophes or tone marks: the mission is among the first three pages found, and above every page
    that is not a mission's (the changelog, the plan, a destination) and merely mentions it."""
    mission = served_site.url + f"missions/{READERS_QUERIES[query]}/"
    found = pages(search(open_page(""), query))
    assert mission in found[:3], found[:5]
    above = found[: found.index(mission)]
    assert all("/missions/" in page for page in above), found[:5]


# A name that begins another's, and the mission it must put first: search matches each word of a
# query by its start, so "Artemis II" also finds Artemis III ("iii"), and Queqiao finds Queqiao-2.
NAMES_BEGINNING_OTHERS = {
    "Artemis II": "artemis-2",
    "Artemis III": "artemis-3",
    "Queqiao": "queqiao",
}


@pytest.mark.parametrize("query", NAMES_BEGINNING_OTHERS)
def test_search_puts_the_mission_named_first_not_a_longer_name(open_page, served_site, query):
    """Once Artemis III came first for "Artemis II": its rarer word "iii" weighed more than "ii".
    The pages of names that begin another's weigh more (search_terms.search_boosts)."""
    found = pages(search(open_page(""), query))
    assert found[0] == served_site.url + f"missions/{NAMES_BEGINNING_OTHERS[query]}/", found[:5]


def test_enter_in_search_opens_the_best_result_and_sends_no_form(open_page, served_site):
    """The search form has a submit button, as a form should (pa11y's H32), hidden: Enter in the
    field opens the best result, as Material makes it, and never sends the form (no ?query=)."""
    page = open_page("moon/")
    found = search(page, "Yutu-2")
    assert page.locator("form.md-search__form button[type=submit]").count() == 1
    page.locator("input.md-search__input").press("Enter")
    expect(page).to_have_url(re.compile(re.escape(found[0]) + r"(\?h=[^#]*)?(#.*)?$"))  # h: the words to highlight
    assert "query=" not in page.url


def test_deep_link_lands_on_the_heading(open_page):
    page = open_page("missions/chang-e-4/#milestones")
    top = "document.getElementById('milestones').getBoundingClientRect().top"
    header = "document.querySelector('.md-header').getBoundingClientRect().height"
    try:
        page.wait_for_function(f"{top} >= 0 && {top} <= {header} + 40", timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail(f"the heading is at {page.evaluate(top)}px, not just below the {page.evaluate(header)}px header")


def arrives_at(page, address: str) -> None:
    """Wait until the page is at `address`. Polled, since instant navigation changes the address
    without a page load; and any #fragment is allowed, since the theme's anchor tracking writes
    the heading in view into the address as soon as the page is laid out."""
    expect(page).to_have_url(re.compile(re.escape(address) + "(#.*)?$"))


def has_scheme(page, scheme: str) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


def test_colour_scheme_toggle_works_and_is_remembered(open_page, served_site):
    page = open_page("")
    has_scheme(page, "default")
    page.locator("label.md-header__button[for^=__palette]:visible").click()
    has_scheme(page, "slate")
    link(page, "The Moon").click()
    arrives_at(page, served_site.url + "moon/")
    shows_heading(page, "The Moon")
    has_scheme(page, "slate")
    page.reload()
    has_scheme(page, "slate")
    page.locator("label.md-header__button[for^=__palette]:visible").click()
    has_scheme(page, "default")


def test_every_form_has_a_submit_button_and_enter_on_the_scheme_toggle_sends_nothing(open_page):
    """pa11y's H32: a form without a submit button. The colour-scheme form's is hidden and the form
    is never sent: Enter on its radio button once reloaded the page with ?__palette=on."""
    page = open_page("moon/")
    forms = page.locator("form")
    assert forms.count() >= 2
    for i in range(forms.count()):
        assert forms.nth(i).locator("button[type=submit], input[type=submit]").count() == 1, i
    page.evaluate("window.stillTheSamePage = true")
    page.locator("input.md-option").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)  # a reload would have begun by now
    assert page.evaluate("window.stillTheSamePage === true")
    assert "?" not in page.url


def test_dark_system_preference_gives_the_dark_scheme(open_page):
    has_scheme(open_page("", color_scheme="dark"), "slate")


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_phone_width_has_no_horizontal_page_scroll(open_page, path):
    page = open_page(path, viewport=PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px screen"


def test_phone_navigation_drawer_opens(open_page):
    page = open_page("missions/chang-e-4/", viewport=PHONE)
    drawer = page.locator(".md-sidebar--primary")
    assert not drawer.evaluate("d => d.getBoundingClientRect().right > 0")
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    expect(page.locator(".md-sidebar--primary .md-nav__link").filter(has_text="Chang'e 3").first).to_be_visible()


def test_instant_navigation_keeps_the_page_across_clicks(open_page, served_site):
    page = open_page("")
    page.wait_for_load_state("networkidle")  # Material takes over clicks once it has read sitemap.xml
    page.evaluate("window.stillTheSamePage = true")  # lost on a full page load
    link(page, "The Moon").click()
    arrives_at(page, served_site.url + "moon/")
    link(page, "Chang'e 4").click()
    arrives_at(page, served_site.url + "missions/chang-e-4/")
    shows_heading(page, "Chang'e 4")
    assert page.evaluate("window.stillTheSamePage === true"), "a click reloaded the whole page"


def test_figure_links_lead_to_their_mission_and_back_without_errors(open_page, served_site):
    """The figures' links are plain href (svg.link). Until docs/assets/svg-links.js, the theme's
    instant navigation threw on them, on the first page and on each page with a figure it fetched,
    which then was never shown. A click on a figure's link is a normal navigation (the theme takes
    over no link with a target, and an SVG link always has one); every other click stays instant."""
    page = open_page("")
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.reload()  # now with the listeners: the first page's links are resolved as it loads
    page.wait_for_load_state("networkidle")  # Material takes over clicks once it has read sitemap.xml
    page.evaluate("window.stillTheSamePage = true")
    link(page, "The Moon").click()  # a fetched page with figures, swapped in
    arrives_at(page, served_site.url + "moon/")
    shows_heading(page, "The Moon")
    assert page.evaluate("window.stillTheSamePage === true"), "the click reloaded the whole page"
    bar = page.locator('svg.fig-timeline a[aria-label^="Chang\'e 4 ("]')
    expect(bar).to_have_attribute("href", served_site.url + "missions/chang-e-4/")  # resolved, as HTML links
    bar.locator("rect").first.click()
    arrives_at(page, served_site.url + "missions/chang-e-4/")
    shows_heading(page, "Chang'e 4")
    page.go_back()
    arrives_at(page, served_site.url + "moon/")
    shows_heading(page, "The Moon")
    expect(page.locator("svg.fig-timeline")).to_be_visible()
    assert errors == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_load_requests_nothing_from_another_host(open_page, path):
    page = open_page(path)
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
