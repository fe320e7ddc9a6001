"""axe-core in Chromium on every page type, light and dark: no WCAG 2.1 A or AA violation.

Fixes go into overrides/ and docs/assets/site.css; no rule is switched off."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser import PAGE_TYPES, search

WCAG_21_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                "resultTypes": ["violations"]}


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_wcag_violations(open_page, path, color_scheme):
    page = open_page(path, color_scheme=color_scheme)
    results = Axe().run(page, options=WCAG_21_A_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_wcag_violations_with_search_results_open(open_page, color_scheme):
    page = open_page("missions/", color_scheme=color_scheme)
    search(page, "Chang'e")
    results = Axe().run(page, options=WCAG_21_A_AA)
    assert results.violations_count == 0, results.generate_report()
