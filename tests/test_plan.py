"""The 2016 plan: verdicts computed from mission milestones, and clear errors in plan.yml."""

from __future__ import annotations

import re

import pytest

from conftest import fixture_missions, write_data
from missionsite import dataset, load
from missionsite.dates import parse
from missionsite.model import Milestone
from missionsite.plan import Window, judge
from missionsite.problems import DataError


def milestone(date: str, planned: bool = False) -> Milestone:
    fields = {"kind": "launch", "date": date, "text": "text", "source": "s", "planned": planned}
    return Milestone.model_validate(fields, context={"milestone_kinds": ["launch"]})


BY_2018 = Window("by", None, parse("2018"))
AROUND_2018 = Window("around", parse("2018"), parse("2018"))
THE_2020S = Window("from", parse("2020"), parse("2029"))


@pytest.mark.parametrize(
    "window, date, planned, kind, label",
    [
        (BY_2018, "2018-12-31T23:59Z", False, "on-time", "On time"),
        (BY_2018, "2015-03", False, "on-time", "On time"),  # 'by' has no earliest date
        (AROUND_2018, "2019-01-03T02:26Z", False, "late", "Late by 3 days"),
        (BY_2018, "2021-04-29T03:23Z", False, "late", "Late by 2 years 3 months"),
        (BY_2018, "2020-01-01", False, "late", "Late by 1 year"),
        (AROUND_2018, "2017-10", False, "early", "Early by 2 months"),
        (THE_2020S, "2029", True, "planned-within", "Not yet"),
        (AROUND_2018, "2030", True, "planned-after", "Not yet"),
    ],
)
def test_verdict_follows_from_the_dates(window, date, planned, kind, label):
    verdict = judge(window, milestone(date, planned), delivered=not planned)
    assert (verdict.kind, verdict.label) == (kind, label)


def goals_of(tmp_path, plan_text: str):
    data = write_data(tmp_path, fixture_missions())
    (data / "plan.yml").write_text(plan_text, encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    return dataset.check(files, problems).goals


def test_fixture_goal_is_delivered_from_the_mission_milestone(tmp_path):
    from conftest import FIXTURES

    (goal,) = goals_of(tmp_path, (FIXTURES / "plan.yml").read_text(encoding="utf-8"))
    assert goal.delivered.milestone.date.iso() == "2019-01-03T02:26Z"  # probe-one's landing
    assert goal.verdict.label == "Late by 3 days"
    assert goal.current.target.label() == "around 2019"


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda t: t.replace("mission: probe-one", "mission: probe-nine"),
            r"data/plan.yml:6: \[0\].delivered_by\[0\].mission: expected the id of a mission; got unknown 'probe-nine'",
        ),
        (
            lambda t: t.replace("milestone: landing", "milestone: docking"),
            r"data/plan.yml:6: \[0\].delivered_by\[0\].milestone: expected a milestone that probe-one has: one of launch, landing, end_of_mission; got 'docking'",
        ),
        (
            lambda t: t.replace("      promise: true\n", ""),
            r"data/plan.yml:7: \[0\].history: expected exactly one announcement with 'promise: true'; got 0",
        ),
        (
            lambda t: t.replace('target: {by: "2018"}', 'target: {before: "2018"}'),
            r"data/plan.yml:9: \[0\].history\[0\].target: expected one of by, around, in, or from with to; got before",
        ),
        (
            lambda t: t.replace('announced: "2018-05"', 'announced: "2015-05"'),
            r"data/plan.yml:14: \[0\].history\[1\].announced: expected announcements in date order, oldest first",
        ),
        (
            lambda t: t.replace('url: "https://example.org/delay"', 'url: "file:///etc/passwd"'),
            r"data/plan.yml:\d+: \[0\].history\[1\].source.url: expected an http:// or https:// URL without spaces",
        ),
    ],
)
def test_plan_mistakes_name_file_line_and_field(tmp_path, edit, expected):
    from conftest import FIXTURES

    with pytest.raises(DataError) as err:
        goals_of(tmp_path, edit((FIXTURES / "plan.yml").read_text(encoding="utf-8")))
    messages = [str(p) for p in err.value.problems]
    assert any(re.match(expected, m) for m in messages), "\n".join(messages)
