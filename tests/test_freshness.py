"""What to look up next: a status not confirmed within a year of the data's as-of date is listed and
warned about, but never fails the build; a final status never goes stale."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import build
from missionsite import freshness
from missionsite.dates import parse


@pytest.mark.parametrize(
    "as_of, first_fresh_day",
    [("2026-12-04", "2025-12-04"), ("2028-02-29", "2027-02-28"), ("2026-01-31", "2025-01-31")],
)
def test_a_year_back_from_the_as_of_date(as_of, first_fresh_day):
    assert freshness.stale_before(parse(as_of)) == dt.date.fromisoformat(first_fresh_day)


def test_only_statuses_that_can_still_change_go_stale(real_catalogue):
    listed = {item.mission.id: item for item in freshness.to_check(real_catalogue)}
    limit = freshness.stale_before(real_catalogue.site.as_of)
    for mission in real_catalogue.missions:
        stale = mission.status_verified.start().date() < limit
        can_change = mission.status not in real_catalogue.vocab.final_statuses
        assert (mission.id in listed) == (stale and can_change), mission.id
    apollo = real_catalogue.mission("apollo-11")
    assert apollo.status == "completed" and apollo.id not in listed  # confirmed long ago, and final


def test_a_stale_status_is_warned_about_and_the_strict_build_passes(site_copy):
    rover = site_copy / "data" / "missions" / "perseverance.yml"
    text = rover.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("status_verified:"))
    rover.write_text(text.replace(old, 'status_verified: "2021-03-01"'), encoding="utf-8")
    result = build(site_copy)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (
        "To check: data/missions/perseverance.yml: status_verified: 'active' last confirmed on 2021-03-01"
        in result.stderr
    )
    # The data page lists what the build warned of: the same missions, in the same order.
    warned = re.findall(r"To check: data/missions/([a-z0-9-]+)\.yml", result.stderr)
    page = (site_copy / "site" / "data" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="to-check"')[1].split("<h2")[0]
    listed = re.findall(r'<td><a href="\.\./missions/([a-z0-9-]+)/">', section)
    assert listed == warned and "perseverance" in listed
    assert '<time datetime="2021-03-01">1 March 2021</time>' in section
