"""Content rules the whole catalogue keeps: names, narratives, and a source beside every date."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from missionsite import dataset

CATALOGUE = dataset.load_all(ROOT / "data", ROOT)


@pytest.mark.parametrize("mission", [m for m in CATALOGUE.missions if m.country == "CN"], ids=lambda m: m.id)
def test_chinese_missions_have_chinese_names_and_pinyin(mission):
    assert mission.name_zh and re.search(r"[\u4e00-\u9fff]", mission.name_zh)
    assert mission.pinyin and re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", mission.pinyin.lower())


@pytest.mark.parametrize("mission", CATALOGUE.missions, ids=lambda m: m.id)
def test_every_mission_has_a_narrative_and_a_dated_status(mission):
    assert mission.body and len(mission.body.split()) >= 60
    assert mission.status_verified is not None


def test_the_plan_covers_every_goal_of_2016():
    ids = {goal.id for goal in CATALOGUE.goals}
    assert {
        "far-side-landing",
        "first-mars-probe",
        "station-core-module",
        "station-complete",
        "asteroid-mission",
        "jupiter-mission",
        "crewed-lunar-landing",
    } <= ids
    for goal in CATALOGUE.goals:
        assert goal.graded.target is not None
        assert goal.graded.kind in {"white-paper", "government", "agency"}
        assert goal.verdict.label


def test_the_2011_and_2021_papers_are_graded_on_their_own_words():
    """Each earlier and later paper has goals, and each is graded on that paper's statement, dated
    by the end of its five years as site.yml reads "the next five years"."""
    for paper, ends in (("2011", "2016"), ("2021", "2026")):
        goals = [goal for goal in CATALOGUE.goals if goal.paper == paper]
        assert len(goals) >= 3, paper
        for goal in goals:
            assert goal.graded.speaker == f"China's {paper} white paper", goal.id
            assert goal.target.label() == f"by {ends}", goal.id


def test_every_destination_has_a_narrative():
    for destination in CATALOGUE.destinations:
        assert destination.body, destination.id


class Rows(HTMLParser):
    """Table rows and list items of the main content, with the dates and links inside them."""

    def __init__(self):
        super().__init__()
        self.items: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("tr", "li", "p", "dd"):
            self._open.append({"tag": tag, "dates": 0, "sources": 0, "text": ""})
        if self._open and tag == "time":
            self._open[-1]["dates"] += 1
        href = attrs.get("href") or ""
        if self._open and tag == "a" and ("#source-" in href or href.startswith("http")):
            for item in self._open:
                item["sources"] += 1

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] == tag:
            self.items.append(self._open.pop())

    def handle_data(self, data):
        if self._open:
            self._open[-1]["text"] += data


def test_every_date_on_every_page_has_a_source_beside_it(built_site: Path):
    """A table row, list item or paragraph that gives a date also links the source of that date."""
    # the data's own date
    exempt = ("Statuses are as of", "The data is as of", "is published here for reuse, as of", "in space as of")
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        main = html[html.find("<article") : html.find("</article>")]
        parser = Rows()
        parser.feed(main)
        for item in parser.items:
            if item["dates"] and not item["sources"] and not any(e in item["text"] for e in exempt):
                pytest.fail(f"{path.relative_to(built_site)}: a date without a source: {item['text'].strip()[:120]!r}")


def test_glossary_terms_are_explained_where_they_are_used(built_site: Path):
    queqiao = (built_site / "missions" / "queqiao" / "index.html").read_text(encoding="utf-8")
    halo = next(term for term in CATALOGUE.glossary if term.term == "halo orbit")
    assert f'<abbr title="{halo.definition}" tabindex="0">halo orbit</abbr>' in queqiao
    # Written "Earth\-Moon L2" in the page's Markdown, whose escapes must not hide it.
    assert re.search(r'<abbr title="[^"]+" tabindex="0">Earth-Moon L2</abbr>', queqiao)


def test_no_page_shows_a_tooltip_definition_as_text(built_site: Path):
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        main = html[html.find("<article") : html.find("</article>")]
        assert "*[" not in main, f"{path.relative_to(built_site)}: an abbreviation definition is shown as text"


def test_a_paraphrase_is_never_set_out_as_a_quotation(built_site: Path):
    """/plan/ sets the graded words in a block quotation only when they are the speaker's own."""
    plan = (built_site / "plan" / "index.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<h3 id="([a-z0-9-]+)">(.*?)(?=<h[23] |\Z)', plan, re.S))
    quoted = {goal.id for goal in CATALOGUE.goals if goal.graded.quote}
    assert quoted and quoted != {goal.id for goal in CATALOGUE.goals}  # both cases occur
    for goal in CATALOGUE.goals:
        section = sections[goal.id]
        assert ("<blockquote>" in section) == (goal.id in quoted), goal.id


def test_the_plan_page_scores_each_white_paper_and_the_home_page_keeps_to_2016(built_site: Path):
    """/plan/ has a section per paper with its scorecard and its goals; the home table is the 2016 paper's."""
    plan_html = (built_site / "plan" / "index.html").read_text(encoding="utf-8")
    home_html = (built_site / "index.html").read_text(encoding="utf-8")
    papers = re.findall(r'<h2 id="paper-(\d{4})">', plan_html)
    assert papers == [paper.id for paper in CATALOGUE.site.white_papers] == ["2011", "2016", "2021"]
    for paper in papers:
        section = plan_html.split(f'<h2 id="paper-{paper}">')[1].split("<h2 ")[0]
        goals = [goal for goal in CATALOGUE.goals if goal.paper == paper]
        kept = sum(goal.verdict.kind in ("on-time", "early") for goal in goals)
        assert f"Scorecard: {len(goals)} goals: {kept} kept" in section, paper
        assert all(f'<h3 id="{goal.id}">' in section for goal in goals), paper
        for goal in goals:
            assert (f'plan/#{goal.id}"' in home_html) == (paper == "2016"), goal.id


def test_a_missions_launch_is_its_earliest_launch_of_any_kind():
    """Tables, timelines and days to arrive start a mission at its launch: a later launch of
    another craft to it (a crew's ride home to a station) must not be read as the station's own."""
    for mission in CATALOGUE.missions:
        launch = CATALOGUE.launch(mission)
        earliest = mission.earliest(CATALOGUE.vocab.launch_kinds)
        assert launch is earliest, mission.id


def test_the_station_page_shows_each_assembly_step_from_the_stations_milestones(built_site: Path):
    page = (built_site / "station" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="how-the-stations-were-assembled"')[1].split("<h2 ")[0]
    rows = re.findall(r"<tr><td>.*?</tr>", section, re.S)
    expected = [
        (m, x)
        for m in CATALOGUE.missions_to("station")
        if any(x.kind == "module_launch" for x in m.milestones)
        for x in m.milestones
        if x.kind in ("module_launch", "completion")
    ]
    assert len(rows) == len(expected) >= 5  # Zarya; Tianhe, Wentian, Mengtian and the T shape
    for row, (mission, step) in zip(rows, expected, strict=True):
        assert mission.name in row and f'datetime="{step.date.iso()}"' in row, row


def test_the_destination_pages_line_up_each_countrys_firsts(built_site: Path):
    from missionsite import firsts

    for destination in CATALOGUE.destinations:
        rows = firsts.side_by_side(CATALOGUE, CATALOGUE.missions_to(destination.id))
        page = (built_site / destination.id / "index.html").read_text(encoding="utf-8")
        assert ('id="firsts-side-by-side"' in page) == bool(rows), destination.id
        for row in rows:
            assert row.label in page, (destination.id, row.label)
            for done in filter(None, row.achieved):
                assert f'datetime="{done.milestone.date.iso()}"' in page
