"""Real builds of a copy of the site, read back as HTML: what a reader and a publisher get."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import BIN, ROOT, build

MISSIONS = sorted(p.stem for p in (ROOT / "data" / "missions").glob("*.yml"))
DESTINATIONS = ("moon", "mars", "station", "asteroids", "jupiter")
REQUIRED_IDS = (
    "chang-e-3",
    "chang-e-4",
    "queqiao",
    "chang-e-5",
    "chang-e-6",
    "tianwen-1",
    "tianwen-2",
    "tianwen-4",
    "tiangong-2",
    "tiangong",
    "dawn",
    "juno",
    "europa-clipper",
)


def mission_data(mission_id: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "missions" / f"{mission_id}.yml").read_text(encoding="utf-8"))


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.attributes: set[str] = set()
        self.h1 = ""
        self._in_h1 = False
        self._in_permalink = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes.update(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.resources.append(attrs["href"])
        if tag == "h1":
            self._in_h1 = True
        self._in_permalink = tag == "a" and attrs.get("class") == "headerlink"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        self._in_permalink = False

    def handle_data(self, data):
        if self._in_h1 and not self._in_permalink:
            self.h1 += data


def page(site: Path, url_path: str) -> Page:
    return Page((site / url_path / "index.html").read_text(encoding="utf-8"))


def resolves(site: Path, from_path: str, href: str) -> bool:
    target = urlsplit(urljoin(f"http://local/{from_path}/", href)).path.lstrip("/")
    file = site / target
    return (file / "index.html").is_file() if not target or target.endswith("/") else file.is_file()


def test_the_required_missions_exist():
    assert set(REQUIRED_IDS) <= set(MISSIONS)


@pytest.mark.parametrize("mission_id", MISSIONS)
def test_every_mission_has_its_page(built_site, mission_id):
    html = page(built_site, f"missions/{mission_id}")
    assert html.h1.strip() == mission_data(mission_id)["name"]
    assert {"milestones", "compared-with", "sources"} <= html.ids


@pytest.mark.parametrize("destination", DESTINATIONS)
def test_destination_pages_link_every_mission_there(built_site, destination):
    html = page(built_site, destination)
    linked = {urlsplit(urljoin(f"http://local/{destination}/", h)).path for h in html.links}
    for mission_id in MISSIONS:
        if mission_data(mission_id)["destination"] == destination:
            assert f"/missions/{mission_id}/" in linked


def test_comparisons_link_both_ways(built_site):
    pairs = [(m, other) for m in MISSIONS for other in mission_data(m)["compare_with"]]
    assert pairs, "the data compares no missions"
    for a, b in pairs:
        for here, there in ((a, b), (b, a)):
            html = page(built_site, f"missions/{here}")
            assert f"../{there}/" in html.links, f"{here} does not link to {there}"


def test_every_internal_link_resolves(built_site):
    for index in built_site.rglob("index.html"):
        here = index.parent.relative_to(built_site).as_posix()
        for href in Page(index.read_text(encoding="utf-8")).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#") or href.startswith("mailto:"):
                continue
            assert resolves(built_site, here, parts.path or "./"), f"{here}: broken link {href}"


def test_navigation_holds_mission_pages_under_their_destination(built_site):
    html = page(built_site, "missions/chang-e-4")
    assert "../chang-e-3/" in html.links  # a sibling in the Moon section
    assert "../tianwen-1/" not in html.links  # pruned: other destinations stay folded


def test_missions_beyond_the_navigation_limit_stay_reachable(site_copy):
    pages_py = site_copy / "hooks" / "missionsite" / "pages.py"
    text = pages_py.read_text(encoding="utf-8")
    assert "\nNAV_LIMIT = 30\n" in text
    pages_py.write_text(text.replace("\nNAV_LIMIT = 30\n", "\nNAV_LIMIT = 4\n"), encoding="utf-8")
    result = build(site_copy)  # strict: a page out of the navigation must not warn
    assert result.returncode == 0, result.stderr
    site = site_copy / "site"
    html = page(site, "missions/chang-e-4")  # China has more than 4 Moon missions
    assert "../chang-e-3/" not in html.links
    assert "../../moon/" in html.links  # from the fact box
    assert "../missions/chang-e-4/" in page(site, "moon").links
    assert "../artemis-1/" in page(site, "missions/artemis-2").links  # 4 US Moon missions: listed


def test_search_indexes_names_and_summaries_not_tables(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    chang_e_4 = entries["missions/chang-e-4/"]
    assert chang_e_4["title"] == "Chang'e 4"
    assert "嫦娥四号" in chang_e_4["text"] and "Yutu-2 rover" in chang_e_4["text"]
    assert "Long March 3B" not in chang_e_4["text"]  # the fact box
    sections = [location for location in entries if location.startswith("missions/chang-e-4/#")]
    # Only the headings that hold the other names readers type (search_terms.py), none for the tables.
    assert sections and all(location.startswith("missions/chang-e-4/#search-name-") for location in sections)
    assert "missions/" not in entries  # the all-missions page is only tables
    # A destination is found by its narrative and its landing sites (a crater's name leads to the mission).
    assert "moon/" in entries
    assert [location for location in entries if location.startswith("moon/#")] == ["moon/#landing-sites"]


def test_every_part_set_aside_is_back_in_the_built_pages(built_site):
    for file in built_site.rglob("*.html"):
        assert "data-set-aside" not in file.read_text(encoding="utf-8"), file
    chang_e_4 = (built_site / "missions" / "chang-e-4" / "index.html").read_text(encoding="utf-8")
    assert chang_e_4.count('<div class="mission-facts" data-search-exclude>') == 1
    assert 'id="landing" href="#landing"' in chang_e_4
    assert (built_site / "moon" / "index.html").read_text(encoding="utf-8").count('<figure class="site-figure"') >= 2


def test_json_export_matches_the_data(built_site):
    data = json.loads((built_site / "api" / "missions.json").read_text(encoding="utf-8"))
    exported = {m["id"]: m for m in data["missions"]}
    assert sorted(exported) == MISSIONS
    for mission_id in MISSIONS:
        source = mission_data(mission_id)
        assert exported[mission_id]["name"] == source["name"]
        assert exported[mission_id]["status"] == source["status"]
        assert [m["date"] for m in exported[mission_id]["milestones"]] == [str(m["date"]) for m in source["milestones"]]
        one = json.loads((built_site / "api" / "missions" / f"{mission_id}.json").read_text(encoding="utf-8"))
        assert one["mission"] == exported[mission_id]
    assert (built_site / "api" / "missions.csv").read_text(encoding="utf-8").count("\n") == len(MISSIONS) + 1


def test_nothing_is_requested_from_another_host(built_site):
    for path in built_site.rglob("*.html"):
        for url in Page(path.read_text(encoding="utf-8")).resources:
            assert not urlsplit(url).netloc, f"{path.relative_to(built_site)} loads {url}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_figure_links_are_plain_href(built_site):
    """Crawlers and Lighthouse follow href, not the deprecated xlink:href (svg.link)."""
    figures = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "xlink:href" not in html and "xmlns:xlink" not in html, path.relative_to(built_site)
        figures += sum(svg.count("<a href=") for svg in re.findall(r'<svg [^>]*class="fig .*?</svg>', html, re.S))
    assert figures  # the figures' links were found


def test_bad_data_stops_the_build_with_every_problem_and_no_traceback(site_copy):
    juno = site_copy / "data" / "missions" / "juno.yml"
    juno.write_text(juno.read_text(encoding="utf-8").replace("destination: jupiter", "destination: saturn"))
    dawn = site_copy / "data" / "missions" / "dawn.yml"
    dawn.write_text(dawn.read_text(encoding="utf-8") + "colour: blue\n")
    result = build(site_copy)
    assert result.returncode != 0
    assert re.search(r"data/missions/juno\.yml:\d+: destination: expected a destination id: one of moon", result.stderr)
    assert re.search(r"data/missions/dawn\.yml:\d+: colour: unknown field", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (site_copy / "site" / "missions").exists()


def test_macro_mistake_names_the_page_and_line(site_copy):
    (site_copy / "docs" / "data.md").write_text("# Data\n\nSee {{ mission_link('chang-e-9') }}.\n")
    result = build(site_copy)
    assert result.returncode != 0
    assert "docs/data.md:3: no mission has the id 'chang-e-9'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("mistake", ["{{ mission_link('chang-e-9') }}", "{{ 1/0 }}", "{{ catalogue.missions[999] }}"])
def test_a_mistake_below_front_matter_has_its_line_in_the_file(site_copy, mistake):
    """MkDocs hands the hook the page without its front matter: the line is still the file's."""
    (site_copy / "docs" / "data.md").write_text(
        f"---\ntitle: Data\ndescription: The data.\n---\n\n# Data\n\n{mistake}\n"
    )
    result = build(site_copy)
    assert result.returncode != 0
    assert "docs/data.md:8: " in result.stderr, result.stderr[-800:]
    assert "Traceback" not in result.stderr


def test_broken_anchor_fails_the_strict_build(site_copy):
    (site_copy / "docs" / "data.md").write_text("# Data\n\n[Landing](missions/chang-e-4.md#no-such-heading)\n")
    result = build(site_copy)
    assert result.returncode != 0
    assert "no-such-heading" in result.stderr


def test_hand_written_file_at_a_generated_path_is_refused(site_copy):
    (site_copy / "docs" / "missions").mkdir()
    (site_copy / "docs" / "missions" / "juno.md").write_text("# Juno\n")
    result = build(site_copy)
    assert result.returncode != 0
    assert "docs/missions/juno.md: these pages are generated from data/" in result.stderr


def test_chinese_headings_keep_readable_anchors(site_copy):
    (site_copy / "docs" / "data.md").write_text("# Data\n\n## 嫦娥四号\n\n## Chang'e 4 嫦娥四号\n")
    assert build(site_copy).returncode == 0
    ids = page(site_copy / "site", "data").ids
    assert {"嫦娥四号", "change-4-嫦娥四号"} <= ids


def test_builds_under_a_sub_path(site_copy):
    result = build(site_copy, site_url="https://example.github.io/china-space/")
    assert result.returncode == 0, result.stderr
    site = site_copy / "site"
    data = json.loads((site / "api" / "missions.json").read_text(encoding="utf-8"))
    assert data["missions"][0]["url"].startswith("https://example.github.io/china-space/missions/")
    html = (site / "missions" / "juno" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.github.io/china-space/missions/juno/">' in html
    # links stay relative, so the same files work at a domain root and under a sub-path
    assert 'href="/missions/' not in html


def test_builds_with_properdocs(site_copy):
    result = build(site_copy, command=[str(BIN / "properdocs"), "build", "--strict"])
    assert result.returncode == 0, result.stderr
    assert page(site_copy / "site", "missions/chang-e-4").h1.strip() == "Chang'e 4"


def test_text_from_data_cannot_break_out_into_html(site_copy):
    juno = site_copy / "data" / "missions" / "juno.yml"
    text = juno.read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", 'name: "Juno | *bold* \\"q\\" & [link](x)"', text, count=1, flags=re.M)
    text = re.sub(
        r"^summary: >-\n(  .*\n)+",
        'summary: \'Says "x" onmouseover="alert(1)" & *not bold* | pipe\'\n',
        text,
        count=1,
        flags=re.M,
    )
    text = re.sub(r"^description: >-\n(  .*\n)+", "", text, count=1, flags=re.M)  # the summary describes it
    juno.write_text(text, encoding="utf-8")
    result = build(site_copy)
    assert result.returncode == 0, result.stderr
    for path in ("missions/juno", "jupiter", "missions"):
        html = (site_copy / "site" / path / "index.html").read_text(encoding="utf-8")
        assert "onmouseover" not in Page(html).attributes, path
        assert "<strong>bold</strong>" not in html and "<em>not bold</em>" not in html, path
    page_html = (site_copy / "site" / "missions" / "juno" / "index.html").read_text(encoding="utf-8")
    quote = "(&quot;|&#34;)"  # either escape of a double quote
    assert re.search(f'<meta name="description" content="Says {quote}x{quote} onmouseover={quote}alert', page_html)
    assert page(site_copy / "site", "missions/juno").h1 == 'Juno | *bold* "q" & [link](x)'


def test_plan_page_verdicts_follow_the_mission_milestones(site_copy):
    tiangong = site_copy / "data" / "missions" / "tiangong.yml"
    assert build(site_copy).returncode == 0
    plan = (site_copy / "site" / "plan" / "index.html").read_text(encoding="utf-8")
    # CASC's target for the core module was "around 2018": the launch of 29 April 2021 is late.
    assert re.search(r'href="\./#station-core-module".*?<td>Late by 1 year 9 months</td>', plan, re.S)
    # The white paper gave the station no year, and the page says whose target it grades instead.
    assert "so the verdict grades the first official target,\nwhich is CASC's:" in plan
    # Move the launch into the six months' grace after 2018, in the mission's data: the verdict
    # changes with it, nowhere else.
    tiangong.write_text(
        tiangong.read_text(encoding="utf-8").replace('"2021-04-29T03:23Z"', '"2019-06-30T03:23Z"', 1),
        encoding="utf-8",
    )
    assert build(site_copy).returncode == 0
    plan = (site_copy / "site" / "plan" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\./#station-core-module".*?<td>On time</td>', plan, re.S)


def test_home_and_destination_pages_lead_to_the_plan(built_site):
    assert "plan/#far-side-landing" in " ".join(page(built_site, "").links)
    assert "../plan/#first-mars-probe" in page(built_site, "mars").links


def test_a_later_build_shows_edited_templates_despite_its_caches(site_copy):
    """Compiled templates and preview images are kept in .cache/ between builds; an edit to a
    template, to the theme's overrides or to the data must still show in the next build."""
    assert build(site_copy).returncode == 0
    assert any((site_copy / ".cache" / "jinja").iterdir()) and any((site_copy / ".cache" / "previews").iterdir())
    template = site_copy / "hooks" / "templates" / "mission.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEdited between builds.\n", encoding="utf-8")
    theme = site_copy / "overrides" / "main.html"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace(
            "{{ super() }}", '{{ super() }}<meta name="edited" content="between builds">', 1
        ),
        encoding="utf-8",
    )
    mission = site_copy / "data" / "missions" / "juno.yml"
    mission.write_text(
        mission.read_text(encoding="utf-8").replace("name: Juno", "name: Juno (edited)", 1), encoding="utf-8"
    )
    assert build(site_copy).returncode == 0
    page = (site_copy / "site" / "missions" / "juno" / "index.html").read_text(encoding="utf-8")
    assert "Edited between builds." in page and 'content="between builds"' in page
    assert '<h1 id="juno-edited">Juno (edited)' in page


def test_a_name_the_preview_font_cannot_draw_stops_the_build(site_copy):
    """It would be drawn as empty boxes: the build names the characters and the fix."""
    juno = site_copy / "data" / "missions" / "juno.yml"
    juno.write_text(juno.read_text(encoding="utf-8").replace("name: Juno\n", "name: Juno\nname_zh: 齉龘\n", 1))
    result = build(site_copy)
    assert result.returncode != 0
    assert "齉 (U+9F49), 龘 (U+9F98)" in result.stderr and "make font" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_font_without_the_source_fonts_says_what_to_install(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "subset_font.py"), "--source-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "fonts-noto-cjk" in result.stderr and "Traceback" not in result.stderr


class Marks(HTMLParser):
    """The main content's source marks (links in a <sup>), those in tables apart, and its glossary
    terms: whether each takes focus and whether it is inside a link."""

    def __init__(self, html: str):
        super().__init__()
        self.in_tables: list[dict[str, str]] = []
        self.elsewhere: list[dict[str, str]] = []
        self.terms: list[tuple[str | None, bool]] = []  # (tabindex, inside a link)
        self._tables = self._sup = self._link = 0
        self.feed(html[html.find("<article") : html.find("</article>")])

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self._tables += tag == "table"
        self._sup += tag == "sup"
        if tag == "abbr":
            self.terms.append((attrs.get("tabindex"), self._link > 0))
        if tag == "a":
            self._link += 1
            if self._sup:
                (self.in_tables if self._tables else self.elsewhere).append(attrs)

    def handle_endtag(self, tag):
        self._tables -= tag == "table"
        self._sup -= tag == "sup"
        self._link -= tag == "a"


def source_urls() -> set[str]:
    """Every mission's sources, and the white papers' full texts (the plan page's table of papers)."""
    site = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    papers = {unquote(paper["full_text"]["url"]) for paper in site["white_papers"]}
    return papers | {unquote(s["url"]) for m in MISSIONS for s in mission_data(m)["sources"]}


@pytest.mark.parametrize("url_path", ["missions", "moon", "station", "plan", ""])
def test_summary_tables_link_each_source_itself(built_site, url_path):
    """A [1] in a table of many missions led to the foot of another page, with nothing there
    highlighted: each mark now opens the source, and names it to the pointer and screen reader."""
    marks = Marks((built_site / url_path / "index.html").read_text(encoding="utf-8")).in_tables
    assert marks, url_path
    known = source_urls()
    for mark in marks:
        assert urlsplit(mark["href"]).scheme in ("http", "https") and "#source-" not in mark["href"], mark
        assert unquote(mark["href"]) in known, mark
        assert mark["title"] and mark["aria-label"].startswith("Source"), mark


def test_a_mission_page_still_numbers_its_own_sources(built_site):
    marks = Marks((built_site / "missions" / "chang-e-4" / "index.html").read_text(encoding="utf-8"))
    assert marks.elsewhere and all(mark["href"].startswith("#source-") for mark in marks.elsewhere)


def test_glossary_terms_take_keyboard_focus_except_inside_links(built_site):
    """Focusing a term shows its explanation, as the glossary page says; inside a link (a source's
    title, a goal's name) a term is its words, not a second stop for the keyboard in the link."""
    found = 0
    for path in sorted(built_site.rglob("index.html")):
        terms = Marks(path.read_text(encoding="utf-8")).terms
        found += len(terms)
        assert all(tabindex == "0" and not in_link for tabindex, in_link in terms), path.relative_to(built_site)
    assert found > 100
    queqiao_2 = (built_site / "missions" / "queqiao-2" / "index.html").read_text(encoding="utf-8")
    assert ">China launches new Earth-Moon relay satellite</a>" in queqiao_2[queqiao_2.find('id="sources"') :]
