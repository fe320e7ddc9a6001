"""The all-missions page in Chromium: its one table filters by destination, country, status and
launch years and sorts by a column (docs/assets/missions-table.js), and without JavaScript it is a
plain table of every mission with no dead controls. Screenshots go to test-results/missions/."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import WCAG_AND_BEST_PRACTICE, settle

from conftest import ROOT
from missionsite import dataset

CATALOGUE = dataset.load_all(ROOT / "data", ROOT)
SCREENSHOTS = ROOT / "test-results" / "missions"


def rows(page):
    return page.locator("table[data-all-missions] tbody tr")


def shown_names(page) -> list[str]:
    return [name.strip() for name in rows(page).locator("xpath=self::*[not(@hidden)]/td[1]").all_text_contents()]


def test_filters_show_only_the_missions_asked_for(open_page):
    page = open_page("missions/")
    everything = len(CATALOGUE.missions)
    expect(rows(page)).to_have_count(everything)
    count = page.get_by_role("status")
    expect(count).to_have_text(f"All {everything} missions.")

    page.get_by_label("Destination").select_option(label="The Moon")
    page.get_by_label("Country").select_option(label="China")
    moon_china = [m.name for m in CATALOGUE.missions_to("moon", "CN")]
    expect(count).to_have_text(f"{len(moon_china)} of {everything} missions.")
    assert shown_names(page) == moon_china

    page.get_by_label("Launched from").fill("2019")
    later = [
        m.name
        for m in CATALOGUE.missions_to("moon", "CN")
        if (launch := CATALOGUE.launch(m)) and launch.date.year >= 2019
    ]
    assert later and len(later) < len(moon_china)
    expect(count).to_have_text(f"{len(later)} of {everything} missions.")
    assert shown_names(page) == later

    page.get_by_label("to", exact=True).fill("2018")  # from 2019 to 2018: nothing
    expect(count).to_have_text(re.compile(r"^0 of \d+ missions: none matches every choice\.$"))

    page.get_by_role("button", name="Show all").click()
    expect(count).to_have_text(f"All {everything} missions.")
    expect(page.get_by_label("Destination")).to_have_value("")


def test_a_column_heading_sorts_the_table_both_ways(open_page):
    page = open_page("missions/")
    launch = page.get_by_role("columnheader", name="Launch")
    launch.get_by_role("button").click()
    expect(launch).to_have_attribute("aria-sort", "ascending")
    launched = [m for m in CATALOGUE.missions if CATALOGUE.launch(m)]
    in_order = sorted(launched, key=lambda m: str(CATALOGUE.launch(m).date))
    assert shown_names(page)[: len(launched)] == [m.name for m in in_order]

    launch.get_by_role("button").click()
    expect(launch).to_have_attribute("aria-sort", "descending")
    assert shown_names(page)[: len(launched)] == [m.name for m in reversed(in_order)]

    page.get_by_role("columnheader", name="Mission").get_by_role("button").press("Enter")  # by keyboard too
    expect(launch).not_to_have_attribute("aria-sort", re.compile(".*"))
    names = shown_names(page)
    assert names == sorted(names, key=str.lower)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "sorted-by-mission.png", animations="disabled")


def test_without_javascript_it_is_a_plain_table_of_every_mission(open_page):
    page = open_page("missions/", java_script_enabled=False)
    expect(rows(page)).to_have_count(len(CATALOGUE.missions))
    assert shown_names(page) == [m.name for m in CATALOGUE.missions]  # in launch order
    expect(page.get_by_role("group", name="Filter the missions")).to_be_hidden()
    expect(page.locator("table[data-all-missions] th button")).to_have_count(0)


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
def test_filters_and_sorted_headings_pass_axe_in_both_schemes(open_page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page = open_page("missions/", color_scheme=scheme)
        page.get_by_label("Country").select_option(label="United States")
        page.get_by_role("columnheader", name="End").get_by_role("button").focus()
        settle(page)
        results = Axe().run(page, options=WCAG_AND_BEST_PRACTICE)
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=SCREENSHOTS / f"filtered-{scheme}.png", animations="disabled")
