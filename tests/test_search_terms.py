"""Which mission pages weigh more in search: those whose name, typed in full, finds a longer name too
(search_terms.search_boosts). The ranking itself is checked in Chromium (test_browser.py)."""

from __future__ import annotations

from missionsite.search_terms import SHADOWED_BOOST, search_boosts


def missions(fixture_catalogue, *names: str):
    one = fixture_catalogue.mission("probe-one")
    return [one.edited(id=f"m{i}", name=name) for i, name in enumerate(names)]


def test_a_name_that_begins_another_weighs_more(fixture_catalogue):
    series = missions(fixture_catalogue, "Artemis III", "Artemis I", "Artemis II", "Queqiao-2", "Queqiao")
    # Queqiao-2 is "queqiao 2" to search, which "Queqiao" begins; Artemis III begins no other name.
    assert search_boosts(series) == {"m1": SHADOWED_BOOST, "m2": SHADOWED_BOOST, "m4": SHADOWED_BOOST}


def test_names_that_begin_no_other_weigh_as_every_page(fixture_catalogue):
    assert search_boosts(missions(fixture_catalogue, "Probe One", "Probe Two", "Chang'e 4", "Chang'e 5")) == {}
    # The same name twice: neither finds a longer one.
    assert search_boosts(missions(fixture_catalogue, "Tiangong", "Tiangong")) == {}


def test_search_splits_the_names_as_the_site_search_does(fixture_catalogue):
    # Hyphens and case as the search's separator has them: "TIANWEN-1" begins "Tianwen 1 orbiter".
    assert search_boosts(missions(fixture_catalogue, "TIANWEN-1", "Tianwen 1 orbiter")) == {"m0": SHADOWED_BOOST}
    # Search matches a word by its start, so "Chang'e 1" finds Chang'e 10 too.
    assert search_boosts(missions(fixture_catalogue, "Chang'e 1", "Chang'e 10")) == {"m0": SHADOWED_BOOST}
