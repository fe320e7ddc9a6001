"""Rendering: exact Markdown for the fixture missions, escaping, and macro errors with lines."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import fixture_missions, write_data
from missionsite import dataset, figures, load
from missionsite.dates import parse
from missionsite.plan import Verdict, Window
from missionsite.render import MacroError, Renderer, focusable_terms
from missionsite.safe_text import md
from missionsite.urls import anchored_changes, numbered_anchors, relative

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def renderer(fixture_catalogue) -> Renderer:
    return Renderer.for_catalogue(fixture_catalogue)


def finished(renderer: Renderer) -> dict[str, str]:
    """Every generated page's Markdown with the parts set aside back in place: the page as it reads."""
    return {path: renderer.aside.put_back(text) for path, text in renderer.all_pages().items()}


def test_pages_match_golden_files(renderer):
    """Golden files are never edited by hand: review the diff, then `UPDATE_GOLDEN=1 make test`."""
    pages = finished(renderer)
    for path in (
        "missions/probe-one.md",
        "missions/probe-two.md",
        "moon/index.md",
        "missions/index.md",
        "changelog.md",
    ):
        golden = GOLDEN / path.replace("/", "__")
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(pages[path], encoding="utf-8")
        assert golden.exists(), f"{golden.name} is missing: run UPDATE_GOLDEN=1 make test"
        assert pages[path] == golden.read_text(encoding="utf-8"), (
            f"{path} differs from {golden.name}; if the change is right, run UPDATE_GOLDEN=1 make test"
        )


def test_finished_html_is_set_aside_from_the_markdown(renderer):
    """The fact box and milestones reach MkDocs as markers, so its HTML parsers skip them."""
    markdown = renderer.all_pages()["missions/probe-one.md"]
    assert "mission-facts" not in markdown and "milestone-anchor" not in markdown
    assert markdown.count("<div data-set-aside=") == 2
    assert '<a id="launch"></a><a id="landing"></a>' in markdown  # MkDocs still learns the anchors
    whole = renderer.aside.put_back(markdown)
    assert "data-set-aside" not in whole and "mission-facts" in whole
    assert whole.count('id="landing"') == 1
    unknown = '<div data-set-aside="99999"></div>'  # not this build's
    assert renderer.aside.put_back(unknown) == unknown


def test_only_a_tags_id_is_an_anchor_not_text_that_reads_like_one(tmp_path):
    """Text is words: a milestone saying 'id="ghost"' gives MkDocs no #ghost to accept links to."""
    missions = fixture_missions()
    missions["probe-one.yml"] = missions["probe-one.yml"].replace("text: Landed.", "text: 'Landed, log id=\"ghost\".'")
    write_data(tmp_path, missions)
    files, problems = load.read_all(tmp_path / "data", tmp_path)
    renderer = Renderer.for_catalogue(dataset.check(files, problems))
    markdown = renderer.all_pages()["missions/probe-one.md"]
    assert '<a id="launch"></a><a id="landing"></a><a id="end-of-mission"></a></div>' in markdown
    assert 'id="ghost"></a>' not in markdown
    assert 'Landed, log id="ghost".' in renderer.aside.put_back(markdown)


def test_only_what_search_leaves_out_is_set_aside(renderer):
    """The search plugin never sees a part set aside, so each must be excluded from search anyway."""
    renderer.all_pages()
    renderer.render_page("{{ mission_table('moon', 'US') }}\n\n{{ timeline() }}", "notes.md")
    assert len(renderer.aside.parts) > 10
    for part in renderer.aside.parts:
        first_tag = re.match(r"\s*<[a-z]+[^>]*>", part)
        assert first_tag and " data-search-exclude" in first_tag[0], part[:80]


def test_a_timeline_without_bars_has_no_caption_explaining_bars(renderer, monkeypatch):
    """At thousands of missions every lane is too full to draw (figures.LANE_LIMIT): the caption
    then says only where the dates are, not how to read bars that are not there."""

    def timeline_page() -> str:
        return renderer.aside.put_back(renderer.render_page("{{ timeline() }}", "notes.md"))

    assert "Solid: flown" in timeline_page()
    monkeypatch.setattr(figures, "LANE_LIMIT", 0)
    page = timeline_page()
    assert "too many to draw one by one" in page and "Each bar leads" not in page
    assert "The same dates as tables:" in page


def test_every_mission_and_destination_gets_a_page(renderer):
    pages = renderer.all_pages()
    assert {"missions/probe-one.md", "missions/probe-two.md", "missions/index.md"} <= set(pages)
    assert {f"{d}/index.md" for d in ("moon", "mars", "station", "asteroids", "jupiter")} <= set(pages)


def test_plain_text_cannot_become_markup():
    assert md("A|B *C* _d_ [x](y) <b>&") == r"A\|B \*C\* \_d\_ \[x\]\(y\) &lt;b&gt;&amp;"


def test_links_are_relative_to_the_page():
    assert relative("missions/dawn.md", "moon/index.md") == "../missions/dawn.md"
    assert relative("missions/dawn.md", "missions/juno.md") == "dawn.md"
    assert relative("moon/index.md", "index.md") == "moon/index.md"


def test_beijing_date_is_told_when_it_differs(renderer):
    page = finished(renderer)["missions/probe-one.md"]
    # Launch at 18:23 UTC on 7 December is 02:23 on 8 December in Beijing; landing is the same day.
    assert "7 December 2018, 18:23 UTC</time> (in Beijing it was already 8 December 2018, 02:23)" in page
    assert "3 January 2019, 02:26 UTC</time></td>" in page  # no note: the same day in Beijing


def test_back_links_come_from_one_pair(renderer):
    pages = renderer.all_pages()
    assert "[Probe Two](probe-two.md)" in pages["missions/probe-one.md"]
    assert "[Probe One](probe-one.md)" in pages["missions/probe-two.md"]


def test_macros_in_hand_written_pages(renderer):
    text = renderer.render_page("See {{ mission_link('probe-one') }}.\n\n{{ fact_box('probe-two') }}", "plan.md")
    text = renderer.aside.put_back(text)
    assert "See [Probe One](missions/probe-one.md)." in text
    assert '<div class="mission-facts" data-search-exclude>' in text
    assert '<dd><a href="../moon/">The Moon</a></dd>' in text  # the address: plan.md is served at plan/
    assert '<a href="../missions/probe-two/#source-' in text  # its sources are on the mission's page
    table = renderer.aside.put_back(renderer.render_page("{{ mission_table('moon', 'US') }}", "moon-notes/index.md"))
    assert '<a href="../missions/probe-two/">Probe Two</a>' in table and "Probe One" not in table


@pytest.mark.parametrize(
    "source, line, message",
    [
        ("Intro\n\n{{ mission_link('probe-nine') }}\n", 3, "no mission has the id 'probe-nine'"),
        ("Intro\n{{ mision_link('probe-one') }}\n", 2, "'mision_link' is undefined"),
        ("Intro\n\n\n{{ mission_link('probe-one' }}\n", 4, "template syntax error"),
        ("{{ mission_table('venus') }}", 1, "no destination has the id 'venus'"),
        ("Intro\n{{ catalogue.mission('nope') }}\n", 2, "no such entry: 'nope'"),
        ("Intro\n\n{{ 1/0 }}\n", 3, "ZeroDivisionError: division by zero"),
        ("{{ 'x' * 'y' }}", 1, "can't multiply sequence"),
    ],
)
def test_macro_mistakes_name_the_page_and_line(renderer, source, line, message):
    with pytest.raises(MacroError) as err:
        renderer.render_page(source, "plan.md")
    assert err.value.line == line
    assert message in err.value.message
    assert str(err.value).startswith(f"docs/plan.md:{line}: ")


def test_repeated_milestone_kinds_get_numbered_anchors():
    assert numbered_anchors(["launch", "docking", "launch", "launch"]) == ["launch", "docking", "launch-2", "launch-3"]


def test_changelog_anchors_keep_their_number_when_a_newer_entry_comes(renderer):
    from missionsite.model import Change

    def change(text: str) -> Change:
        return Change.model_validate({"date": "2020-01-01", "text": text})

    older = (change("B."), change("A."))
    newer = (change("C."), *older)
    assert [a for a, _ in anchored_changes(older)] == ["update-2020-01-01-2", "update-2020-01-01"]
    assert [a for a, _ in anchored_changes(newer)][1:] == ["update-2020-01-01-2", "update-2020-01-01"]


def test_milestones_link_to_their_own_anchor(renderer):
    page = finished(renderer)["missions/probe-one.md"]
    assert '<a class="milestone-anchor" id="landing" href="#landing" title="Link to this milestone">Landing</a>' in page


def test_html_parts_carry_the_glossary_tooltips_markdown_would(renderer):
    gloss = renderer.env.filters["gloss"]
    [far_side] = [t for t in renderer.catalogue.glossary if t.term == "far side"]
    tip = f'<abbr title="{far_side.definition}" tabindex="0">'
    assert gloss("A far-side landing & a far side") == f"A {tip}far-side</abbr> landing &amp; a {tip}far side</abbr>"
    assert gloss("farside, Far side, <far side>") == f"farside, Far side, &lt;{tip}far side</abbr>&gt;"
    assert "<abbr" in gloss("Earth-Moon L2") and "Earth-Moon L2</abbr>" in gloss("Earth-Moon L2")  # the longest form


def renderer_with(tmp_path: Path, *edits: tuple[str, str]) -> Renderer:
    """A renderer for the fixture missions with each (old, new) edit made to probe-one.yml."""
    missions = fixture_missions()
    for old, new in edits:
        assert old in missions["probe-one.yml"], old
        missions["probe-one.yml"] = missions["probe-one.yml"].replace(old, new)
    write_data(tmp_path, missions)
    return Renderer.for_catalogue(dataset.check(*load.read_all(tmp_path / "data", tmp_path)))


PROBE_ONE_MARK = (
    '<sup><a href="https://example.org/probe-one" title="Probe One facts, Test Agency" '
    'aria-label="Source: Test Agency, Probe One facts">source</a></sup>'
)


def test_summary_tables_link_the_source_itself_not_a_number_on_another_page(renderer):
    """A [1] in a table of many missions led to the foot of another page and named nothing there."""
    pages = finished(renderer)
    home = renderer.aside.put_back(renderer.render_page("{{ plan_table() }}", "index.md"))
    plan_table = next(line for line in pages["plan.md"].splitlines() if line.startswith("| [Land a test probe]"))
    for where, text in (("all missions", pages["missions/index.md"]), ("home", home), ("plan", plan_table)):
        assert PROBE_ONE_MARK in text and "#source-" not in text, where
    moon = pages["moon/index.md"]
    assert "#source-" not in moon
    # Probe One's rows in the mission table, the landing sites, the comparison and the plan table.
    assert len([row for row in moon.splitlines() if PROBE_ONE_MARK in row]) == 4
    # On the mission page [1] still names its place in the page's own list of sources.
    assert '<sup><a href="#source-agency" title="Test Agency">[1]</a></sup>' in pages["missions/probe-one.md"]


def test_several_sources_of_one_number_are_told_apart(tmp_path):
    """Days to arrive come from the launch's source and the arrival's: 'sources 1 2', each named."""
    renderer = renderer_with(
        tmp_path,
        ("    text: Landed.\n    source: agency", "    text: Landed.\n    source: wire"),
        ("body: |", "  - {id: wire, title: Landed, publisher: test-wire, url: 'https://example.net/wire'}\nbody: |"),
    )
    moon = finished(renderer)["moon/index.md"]
    row = next(line for line in moon.splitlines() if line.startswith("| [Probe One]") and "days" in line)
    assert (
        '27 days <sup>sources <a href="https://example.org/probe-one" title="Probe One facts, Test Agency" '
        'aria-label="Source 1: Test Agency, Probe One facts">1</a> <a href="https://example.net/wire" '
        'title="Landed, Test Wire" aria-label="Source 2: Test Wire, Landed">2</a></sup>'
    ) in row


class Links(HTMLParser):
    """The links of an HTML page: their addresses and accessible names."""

    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.names: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            self.names.append(dict(attrs).get("aria-label") or "")


def test_a_source_mark_in_a_markdown_table_is_one_link_whatever_its_source_says(tmp_path):
    """Markdown reads link brackets, code spans, escapes and cell dividers even inside a tag's
    attributes: none of them, in a source's title or URL, may end a cell or make a link of its own."""
    renderer = renderer_with(
        tmp_path,
        ("title: Probe One facts", "title: 'A | B [x](https://evil.example/) `c` \\| d'"),
        ("url: https://example.org/probe-one", "url: 'https://example.org/[x](javascript:alert(1))|`\\'"),
    )
    moon = finished(renderer)["moon/index.md"]
    links = Links(markdown.markdown(moon, extensions=["abbr", "attr_list", "def_list", "md_in_html", "tables"]))
    assert not [h for h in links.hrefs if h.startswith("javascript") or "evil.example" in h]
    # Every mark whole: Probe One's three in its mission table, one by its landing site, two in the
    # comparison and one in the plan table; and Probe Two's three.
    name = "Source: Test Agency, A | B [x](https://evil.example/) `c` \\| d"
    assert links.names.count(name) == 7
    assert links.hrefs.count("https://example.org/[x](javascript:alert(1))%7C%60%5C") == 7
    assert len([n for n in links.names if n.startswith("Source: ")]) == moon.count(">source</a></sup>") == 10


def test_glossary_terms_take_keyboard_focus_outside_links():
    """Material shows a term's explanation on focus as on hover; a term inside a link would be a
    second stop in it for the keyboard, so there it is its words."""
    text = "The far side, and [the far side](x.md).\n\n*[far side]: The half facing away."
    page = markdown.markdown(text, extensions=["abbr"])
    assert focusable_terms(page) == (
        '<p>The <abbr title="The half facing away." tabindex="0">far side</abbr>, '
        'and <a href="x.md">the far side</a>.</p>'
    )
    assert focusable_terms(focusable_terms(page)) == focusable_terms(page)


def test_source_titles_are_their_words_without_tooltips(tmp_path):
    """A title is the source's, and the link's own text: no term in it is marked."""
    renderer = renderer_with(tmp_path, ("title: Probe One facts", "title: Probe One on the far side"))
    page = finished(renderer)["missions/probe-one.md"]
    sources = page.split("## Sources")[1]
    assert '<a href="https://example.org/probe-one">Probe One on the far side</a>, Test Agency</li>' in sources
    assert "<abbr" not in sources


@pytest.mark.parametrize(
    "kind, clause",
    [
        ("late", "; CASC's target (by 2018) ended on 31 December 2018"),
        ("early", ", before CASC's target (by 2018)"),
        ("on-time", ", within CASC's target (by 2018)"),
        ("planned-after", ", after CASC's target (by 2018)"),
        ("planned-within", ", within CASC's target (by 2018)"),
    ],
)
def test_each_verdict_says_how_the_date_stands_against_whose_target(kind, clause):
    assert Verdict(kind, "").against(Window("by", None, parse("2018")), "CASC's target") == clause


def test_the_plan_page_tells_a_late_delivery_when_the_window_ended(renderer):
    plan = finished(renderer)["plan.md"]
    assert (
        "**Late by 3 days.** Landing of [Probe One](missions/probe-one.md) on "
        '<time datetime="2019-01-03T02:26Z">3 January 2019, 02:26 UTC</time> '
        '<sup>[[1]](missions/probe-one.md#source-agency "Test Agency")</sup>; Test white paper\'s target (by 2018) '
        "ended on 31 December 2018."
    ) in plan
    assert "> “We will land a test probe by 2018\\.”\n>\n> Test white paper, " in plan
    assert "| by 2018 (graded) |" in plan and "| around 2019 | The date moved\\." in plan
    assert "| The Test Daily (press) | in 2017 | The press expected" in plan  # shown, not graded
