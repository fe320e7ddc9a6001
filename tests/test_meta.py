"""Page metadata computed from the data: dates for the sitemap, JSON-LD that stays inside its script."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import parse_qs, urlsplit

from missionsite import dates, meta, urls


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


SITE = "Test site"


def page_meta(catalogue, repo_url=None):
    pages = [
        meta.PageInfo("missions/probe-one.md", "missions/probe-one/", "Probe One", "A test lander."),
        meta.PageInfo("moon/index.md", "moon/", "The Moon", "The Moon."),
        meta.PageInfo("plan.md", "plan/", "The 2016 plan", "The plan."),
        meta.PageInfo("index.md", "./", "Home", "The site."),
    ]
    return meta.all_page_meta(catalogue, "https://example.org/sub/", pages, site_name=SITE, repo_url=repo_url)


def test_every_page_gets_metadata_and_missions_get_json_ld(fixture_catalogue):
    found = page_meta(fixture_catalogue)
    one = found["missions/probe-one.md"]
    assert one.image == "https://example.org/sub/assets/previews/missions/probe-one.png"
    ld = json.loads(one.json_ld)
    assert ld["about"]["startDate"] == "2018-12-07T18:23Z" and "endDate" not in ld["about"]  # its end is planned
    assert ld["about"]["alternateName"] == ["探测一号", "Tàncè Yīhào"]
    assert found["moon/index.md"].image.endswith("/assets/previews/moon.png") and found["moon/index.md"].json_ld is None
    assert found["index.md"].url == "https://example.org/sub/" and found["index.md"].image.endswith("/site.png")


def test_the_home_page_is_shared_as_the_site_and_the_plan_with_its_own_card(fixture_catalogue):
    found = page_meta(fixture_catalogue)
    assert found["index.md"].title == SITE  # not "Home", its name in the navigation
    assert found["plan.md"].image == "https://example.org/sub/assets/previews/plan.png"


def test_alt_text_says_what_the_preview_shows_not_the_page_title(fixture_catalogue):
    found = page_meta(fixture_catalogue)
    assert found["missions/probe-one.md"].image_alt == (
        "Preview card: Probe One (探测一号). The Moon, China, CNSA. Active. "
        "Launch: 7 December 2018. Arrival: 3 January 2019. Test site."
    )
    assert found["index.md"].image_alt.startswith(f"Preview card: {SITE}. The Moon, Mars")
    assert found["plan.md"].image_alt.startswith("Preview card: The white papers' plans, goal by goal.")


# --- Descriptions: at most 160 characters, never a word cut in two -------------------------------

JUNO = (
    "NASA's solar-powered Jupiter orbiter, which from 2016 studied the giant planet's interior, atmosphere, "
    "magnetic field and auroras from a polar orbit and later flew close to the moons Ganymede, Europa and Io. "
    "Its funded extended mission ran until September 30, 2025; NASA has not announced whether the spacecraft "
    "was switched off or is still operating."
)


def test_a_short_text_is_its_own_description():
    assert meta.short_description("A lander on the far side.") == "A lander on the far side."


def test_a_long_text_keeps_its_first_sentences_when_they_fill_the_room():
    text = "First sentence of ninety characters or so, which says what the mission is and where it went. " * 2
    assert meta.short_description(text) == text.split(". ")[0] + "."


def test_a_long_sentence_is_cut_at_a_word_with_an_ellipsis():
    short = meta.short_description(JUNO)
    assert len(short) <= 160 and short.endswith("…")
    kept = short.removesuffix("…")
    assert JUNO.startswith(kept) and JUNO[len(kept)] in " ,"  # the next character ends a word
    assert short == (
        "NASA's solar-powered Jupiter orbiter, which from 2016 studied the giant planet's interior, atmosphere, "
        "magnetic field and auroras from a polar orbit and later…"
    )


def test_a_mission_without_a_description_has_its_summary_made_short(fixture_catalogue):
    probe = fixture_catalogue.mission("probe-one").edited(summary=JUNO, description=None)
    assert meta.description_of(probe) == meta.short_description(JUNO)
    assert meta.description_of(probe.edited(description="A short one.")) == "A short one."


def test_every_real_mission_and_destination_has_a_description_that_fits(real_catalogue):
    for record in (*real_catalogue.missions, *real_catalogue.destinations):
        assert len(meta.description_of(record)) <= meta.DESCRIPTION_LIMIT, record.id


# --- JSON-LD ---------------------------------------------------------------------------------------


def test_the_article_names_the_site_as_author_and_publisher_with_dates_from_the_data(fixture_catalogue):
    ld = json.loads(page_meta(fixture_catalogue)["missions/probe-one.md"].json_ld)
    site = {"@type": "Organization", "name": SITE, "url": "https://example.org/sub/"}
    assert ld["author"] == ld["publisher"] == site
    assert ld["datePublished"] == "2026-11-20"  # the fixture changelog's oldest entry: the first publication
    assert ld["dateModified"] == "2026-11-26"  # its correction in the changelog


def test_an_article_is_never_modified_before_it_was_published(fixture_catalogue):
    # Probe Two's facts last changed in 2013, before the data was first published.
    two = fixture_catalogue.mission("probe-two")
    found = meta.all_page_meta(
        fixture_catalogue,
        "https://example.org/",
        [meta.PageInfo("missions/probe-two.md", "missions/probe-two/", "Probe Two", "")],
        site_name=SITE,
    )
    ld = json.loads(found["missions/probe-two.md"].json_ld)
    assert meta.mission_lastmod(fixture_catalogue, two).isoformat() == "2013-01-01"  # the sitemap's date
    assert ld["datePublished"] == ld["dateModified"] == "2026-11-20"


def test_a_planned_launch_is_the_events_start_at_its_precision(fixture_catalogue):
    probe = fixture_catalogue.mission("probe-one")
    planned = probe.edited(
        milestones=tuple(m.edited(date=dates.parse("2030"), planned=True) for m in probe.milestones[:1])
    )
    assert meta.mission_event(fixture_catalogue, planned)["startDate"] == "2030"


def test_a_mission_without_a_launch_date_has_no_event(fixture_catalogue):
    probe = fixture_catalogue.mission("probe-one")
    landing_only = probe.edited(milestones=probe.milestones[1:2])
    assert meta.mission_event(fixture_catalogue, landing_only) is None
    found = meta.all_page_meta(
        dataclasses.replace(fixture_catalogue, missions=(landing_only,)),
        "https://example.org/",
        [meta.PageInfo("missions/probe-one.md", "missions/probe-one/", "Probe One", "")],
        site_name=SITE,
    )
    assert "about" not in json.loads(found["missions/probe-one.md"].json_ld)


def test_event_dates_keep_their_precision_a_month_stays_a_month(fixture_catalogue, real_catalogue):
    # schema.org's Date is ISO 8601, whose reduced precision writes a month as YYYY-MM: no day is made up.
    assert meta.mission_event(fixture_catalogue, fixture_catalogue.mission("probe-two"))["startDate"] == "2009-06"
    tiangong_1 = meta.mission_event(real_catalogue, real_catalogue.mission("tiangong-1"))
    assert tiangong_1["endDate"] == "2016-03"
    for mission in real_catalogue.missions:
        event = meta.mission_event(real_catalogue, mission) or {}
        for key in ("startDate", "endDate"):
            if key in event:
                assert ISO_8601.fullmatch(event[key]), (mission.id, key, event[key])


ISO_8601 = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?)?)?")


# --- Reporting an error --------------------------------------------------------------------------


def test_no_report_link_without_a_repository(fixture_catalogue):
    assert all(m.report_url is None for m in page_meta(fixture_catalogue).values())


def test_the_report_link_opens_an_issue_about_the_page_and_its_data_file(fixture_catalogue):
    found = page_meta(fixture_catalogue, repo_url="https://github.com/someone/china-space/")
    report = urlsplit(found["missions/probe-one.md"].report_url)
    assert (report.netloc, report.path) == ("github.com", "/someone/china-space/issues/new")
    query = parse_qs(report.query)
    assert query["title"] == ["Error on Probe One"]
    body = query["body"][0]
    assert "https://example.org/sub/missions/probe-one/" in body
    assert "Mission: probe-one" in body and "Data file: data/missions/probe-one.yml" in body
    assert " " not in found["missions/probe-one.md"].report_url  # encoded: spaces and line ends too
    home = parse_qs(urlsplit(found["index.md"].report_url).query)["body"][0]
    assert "https://example.org/sub/" in home and "Mission:" not in home
