"""The white papers' plans: verdicts that grade official statements only, computed from mission milestones, and
clear errors in plan.yml."""

from __future__ import annotations

import re

import pytest

from conftest import fixture_missions, write_data
from missionsite import dataset, load
from missionsite.dates import parse
from missionsite.model import Milestone
from missionsite.plan import Scorecard, Window, judge, scorecard
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
        (AROUND_2018, "2019-01-03T02:26Z", False, "on-time", "On time"),  # 'around' is no deadline
        (AROUND_2018, "2019-06-30", False, "on-time", "On time"),
        (AROUND_2018, "2019-07-01", False, "late", "Late by 1 day"),
        (Window("in", parse("2018"), parse("2018")), "2019-01-03T02:26Z", False, "late", "Late by 3 days"),
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


@pytest.mark.parametrize(
    "window, last_day",
    [(AROUND_2018, "2019-06-30"), (Window("around", parse("2018-11"), parse("2018-11")), "2019-05-31")],
)
def test_around_reads_as_up_to_six_months_after_the_date(window, last_day):
    assert window.last_day.isoformat() == last_day
    assert f"up to {window.last_day_human}" in window.reading()


def goals_of(tmp_path, plan_text: str):
    data = write_data(tmp_path, fixture_missions())
    (data / "plan.yml").write_text(plan_text, encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    return dataset.check(files, problems).goals


def fixture_plan() -> str:
    from conftest import FIXTURES

    return (FIXTURES / "plan.yml").read_text(encoding="utf-8")


def test_the_white_papers_dated_words_are_graded_not_the_press(tmp_path):
    (goal,) = goals_of(tmp_path, fixture_plan())
    assert goal.graded.kind == "white-paper" and goal.white_paper_dated
    assert goal.graded.quote == "We will land a test probe by 2018."
    assert goal.delivered.milestone.date.iso() == "2019-01-03T02:26Z"  # probe-one's landing
    assert goal.verdict.label == "Late by 3 days"  # against 'by 2018', not the press's 'in 2017'


def test_without_a_dated_white_paper_statement_the_first_official_target_is_graded(tmp_path):
    plan = fixture_plan().replace('target: {by: "2018"}', "target: null")
    (goal,) = goals_of(tmp_path, plan)
    assert (goal.graded.speaker, goal.target.label()) == ("Test Agency", "around 2019")
    assert not goal.white_paper_dated
    assert goal.verdict.label == "On time"  # landed in January 2019, within 'around 2019'


def test_the_verb_of_the_graded_statement_decides_what_delivers_it(tmp_path):
    plan = fixture_plan().replace(
        "    landing:\n", "    launch:\n      - {mission: probe-one, milestone: launch}\n    landing:\n"
    )
    plan = plan.replace("      event: landing\n      quote:", "      event: launch\n      quote:")
    (goal,) = goals_of(tmp_path, plan)
    assert goal.delivered.milestone.kind == "launch"
    assert goal.verdict.label == "On time"  # launched 7 December 2018: 'by 2018'


def plan_problems(tmp_path, plan_text: str) -> list[str]:
    with pytest.raises(DataError) as err:
        goals_of(tmp_path, plan_text)
    return [str(p) for p in err.value.problems]


def test_press_statements_alone_are_never_graded(tmp_path):
    plan = fixture_plan().replace("kind: white-paper", "kind: press").replace("kind: agency", "kind: press")
    assert plan_problems(tmp_path, plan) == [
        "data/plan.yml:9: [0].statements: expected a statement with a target, by one of white-paper, "
        "government, agency, to grade; the press is not graded"
    ]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda t: t.replace("mission: probe-one", "mission: probe-nine"),
            r"data/plan.yml:8: \[0\].delivered_by.landing\[0\].mission: expected the id of a mission; got unknown 'probe-nine'",
        ),
        (
            lambda t: t.replace("milestone: landing", "milestone: docking"),
            r"data/plan.yml:8: \[0\].delivered_by.landing\[0\].milestone: expected a milestone that probe-one has: one of launch, landing, end_of_mission; got 'docking'",
        ),
        (
            lambda t: t.replace(
                'target: {by: "2018"}\n      event: landing', 'target: {by: "2018"}\n      event: docking'
            ),
            r"data/plan.yml:21: \[0\].statements\[1\].event: expected what the target dates, one of delivered_by's: landing",
        ),
        (
            lambda t: t.replace('target: {by: "2018"}', 'target: {before: "2018"}'),
            r"data/plan.yml:20: \[0\].statements\[1\].target: expected one of by, around, in, or from with to; got before",
        ),
        (
            lambda t: t.replace('date: "2018-05"', 'date: "2015-05"'),
            r"data/plan.yml:24: \[0\].statements\[2\].date: expected statements in date order, oldest first",
        ),
        (
            lambda t: t.replace("kind: agency", "kind: blog"),
            r"data/plan.yml:26: \[0\].statements\[2\].kind: expected a kind of speaker: one of white-paper, government, agency, state-media, press; got 'blog'",
        ),
        (
            lambda t: t.replace("      said: The date moved.\n", ""),
            r"data/plan.yml:24: \[0\].statements\[2\]: expected the words said: quote \(exact words\) or said \(in other words\)",
        ),
        (
            lambda t: t.replace('url: "https://example.org/delay"', 'url: "file:///etc/passwd"'),
            r"data/plan.yml:\d+: \[0\].statements\[2\].source.url: expected an http:// or https:// URL without spaces",
        ),
        (
            lambda t: t.replace('url: "https://example.org/delay"', 'url: "https://content.example.com/delay"'),
            r"data/plan.yml:\d+: \[0\].statements\[2\].source.url: 'content.example.com' is not a registered publisher's host",
        ),
    ],
)
def test_plan_mistakes_name_file_line_and_field(tmp_path, edit, expected):
    messages = plan_problems(tmp_path, edit(fixture_plan()))
    assert any(re.match(expected, m) for m in messages), "\n".join(messages)


def test_a_goal_names_a_white_paper_listed_in_site_yml(tmp_path):
    plan = fixture_plan().replace('paper: "2016"', 'paper: "2030"')
    assert plan_problems(tmp_path, plan) == [
        "data/plan.yml:2: [0].paper: expected a white paper in site.yml: one of 2011, 2016, 2021; got '2030'"
    ]


def test_the_site_follows_a_listed_white_paper(tmp_path):
    data = write_data(tmp_path, fixture_missions())
    site = (data / "site.yml").read_text(encoding="utf-8")
    (data / "site.yml").write_text(site.replace('follows: "2016"', 'follows: "2017"'), encoding="utf-8")
    files, problems = load.read_all(data, tmp_path)
    with pytest.raises(DataError) as err:
        dataset.check(files, problems)
    assert [p.field for p in err.value.problems] == ["follows"]
    assert "expected the id of a white paper listed: one of 2011, 2016, 2021; got '2017'" in str(err.value)


def test_a_scorecard_counts_kept_late_and_not_yet(tmp_path):
    (goal,) = goals_of(tmp_path, fixture_plan())  # landed 3 days after 'by 2018'
    assert scorecard([goal]) == Scorecard(kept=0, late=1, not_yet=0)
    assert scorecard([]).words() == "0 goals: "
    assert Scorecard(kept=3, late=1, not_yet=0).words() == "4 goals: 3 kept, 1 late"
    assert Scorecard(kept=1, late=0, not_yet=1).words() == "2 goals: 1 kept, 1 not yet"
