"""Page metadata computed from the data: dates for the sitemap, JSON-LD that stays inside its script."""

from __future__ import annotations

import json

from missionsite import meta, urls


def test_last_change_comes_from_the_data(fixture_catalogue):
    cat = fixture_catalogue
    # The newest of the status check, the last flown milestone and a changelog entry naming the
    # mission: the fixture changelog corrected probe-one on 2026-11-26, after its status check
    # (2020-05-01); probe-two's status (2013-01-01) came after its end of mission (2012-12-17).
    assert meta.mission_lastmod(cat, cat.mission("probe-one")).isoformat() == "2026-11-26"
    assert meta.mission_lastmod(cat, cat.mission("probe-two")).isoformat() == "2013-01-01"


def test_json_ld_cannot_end_its_script_element():
    text = meta.json_ld({"name": "Juno </script><script>alert(1)</script> <!-- & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "Juno </script><script>alert(1)</script> <!-- & co"


def test_absolute_urls_stay_under_the_sub_path():
    assert urls.absolute("https://example.org/sub/", "./") == "https://example.org/sub/"
    assert urls.absolute("https://example.org/sub", "missions/juno/") == "https://example.org/sub/missions/juno/"


def test_every_page_gets_metadata_and_missions_get_json_ld(fixture_catalogue):
    cat = fixture_catalogue
    pages = [
        meta.PageInfo("missions/probe-one.md", "missions/probe-one/", "Probe One", "A test lander."),
        meta.PageInfo("moon/index.md", "moon/", "The Moon", "The Moon."),
        meta.PageInfo("index.md", "./", "Home", "The site."),
    ]
    found = meta.all_page_meta(cat, "https://example.org/sub/", pages)
    one = found["missions/probe-one.md"]
    assert one.image == "https://example.org/sub/assets/previews/missions/probe-one.png"
    ld = json.loads(one.json_ld)
    assert ld["about"]["startDate"] == "2018-12-07T18:23Z" and "endDate" not in ld["about"]  # its end is planned
    assert ld["about"]["alternateName"] == ["探测一号", "Tàncè Yīhào"]
    assert found["moon/index.md"].image.endswith("/assets/previews/moon.png") and found["moon/index.md"].json_ld is None
    assert found["index.md"].url == "https://example.org/sub/" and found["index.md"].image.endswith("/site.png")
