"""Shared links, built for real under a sub-path and read back: tags, images, redirects, anchors,
sitemap, feed, 404 page, and the offline edition."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from PIL import Image
from test_build import DESTINATIONS, MISSIONS, Page, mission_data, page, resolves

from conftest import ROOT, build, copy_site

SITE_URL = "https://example.github.io/china-space/"
REPO_URL = "https://github.com/example/china-space"
SITE_NAME = "China in space, plan and reality"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("published"))
    result = build(site, site_url=SITE_URL, env={"REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    return site / "site"


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel"):
            self.links.setdefault(attrs["rel"], attrs.get("href", ""))
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json_ld = False


def head(site: Path, url_path: str) -> Head:
    return Head((site / url_path / "index.html").read_text(encoding="utf-8"))


def content_pages(site: Path) -> list[str]:
    """Every page of the site (no redirect pages): 'missions/juno/', 'moon/', '' for the home page."""
    pages = []
    for index in site.rglob("index.html"):
        if 'http-equiv="refresh"' not in index.read_text(encoding="utf-8"):
            folder = index.parent.relative_to(site).as_posix()
            pages.append("" if folder == "." else folder + "/")
    return sorted(pages)


def local_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def test_every_page_has_its_own_share_tags_with_absolute_urls(sub_path_site):
    pages = content_pages(sub_path_site)
    # home, the plan, all missions, glossary, data, about, changelog
    assert len(pages) == len(MISSIONS) + len(DESTINATIONS) + 7
    descriptions = set()
    for url_path in pages:
        tags = head(sub_path_site, url_path)
        url = SITE_URL + url_path
        assert tags.links["canonical"] == url
        assert tags.meta["og:url"] == url
        assert tags.meta["og:title"] == tags.meta["twitter:title"] and tags.meta["og:title"]
        assert tags.meta["og:description"] == tags.meta["description"] == tags.meta["twitter:description"]
        assert tags.meta["twitter:card"] == "summary_large_image"
        assert tags.meta["og:image"] == tags.meta["twitter:image"]
        assert local_file(sub_path_site, tags.meta["og:image"]).is_file(), url_path
        assert tags.links["alternate"] == SITE_URL + "feed.xml"
        descriptions.add(tags.meta["og:description"])
    assert len(descriptions) == len(pages)  # each page says what it is about


def test_every_page_has_one_description_of_at_most_160_characters(sub_path_site):
    # Search results and link previews cut longer ones where they like: Juno's summary was 351.
    pages = [(url_path, sub_path_site / url_path / "index.html") for url_path in content_pages(sub_path_site)]
    for url_path, path in [*pages, ("404", sub_path_site / "404.html")]:
        html = path.read_text(encoding="utf-8")
        assert html.count('<meta name="description"') == 1, url_path
        tags = Head(html)
        assert 0 < len(tags.meta["description"]) <= 160, (url_path, tags.meta["description"])
        assert tags.meta.get("twitter:description", "") == tags.meta.get("og:description", "")
        assert len(tags.meta.get("twitter:description", "")) <= 200, url_path


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.mark.parametrize("mission_id", MISSIONS)
def test_mission_pages_share_their_own_description_image_and_json_ld(sub_path_site, mission_id):
    data = mission_data(mission_id)
    tags = head(sub_path_site, f"missions/{mission_id}")
    assert tags.meta["og:title"] == data["name"]
    summary = " ".join(data["summary"].split())
    assert tags.meta["og:description"] == " ".join(data.get("description", summary).split())
    assert summary in text_of((sub_path_site / "missions" / mission_id / "index.html").read_text(encoding="utf-8"))
    assert tags.meta["og:type"] == "article"
    image = tags.meta["og:image"]
    assert image == f"{SITE_URL}assets/previews/missions/{mission_id}.png"
    with Image.open(local_file(sub_path_site, image)) as png:
        assert (png.format, png.size) == ("PNG", (1200, 630))
    assert (tags.meta["og:image:width"], tags.meta["og:image:height"]) == ("1200", "630")
    [ld] = tags.json_ld
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Article"
    assert ld["headline"] == data["name"] and ld["url"] == f"{SITE_URL}missions/{mission_id}/"
    launch_kinds = yaml.safe_load((ROOT / "data" / "vocab.yml").read_text(encoding="utf-8"))["launch_kinds"]
    if any(m["kind"] in launch_kinds for m in data["milestones"]):  # an Event starts with a launch date
        assert ld["about"]["@type"] == "Event" and ld["about"]["name"] == data["name"]
    else:
        assert "about" not in ld
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ld["dateModified"])
    site = {"@type": "Organization", "name": SITE_NAME, "url": SITE_URL}
    assert ld["author"] == ld["publisher"] == site
    first = (ROOT / "data" / "changelog.yml").read_text(encoding="utf-8").rsplit('- date: "', 1)[1][:10]
    assert ld["datePublished"] == first <= ld["dateModified"]  # the oldest changelog entry


def test_a_planned_mission_is_an_event_from_its_planned_launch(sub_path_site):
    [ld] = head(sub_path_site, "missions/tianwen-4").json_ld
    assert ld["about"]["startDate"] == "2030"  # "around 2030": a year, as the data knows it
    [ld] = head(sub_path_site, "missions/tiangong-1").json_ld
    assert (ld["about"]["startDate"], ld["about"]["endDate"]) == ("2011-09-29T13:16Z", "2016-03")
    [ld] = head(sub_path_site, "missions/crewed-lunar-landing").json_ld  # no launch date yet: no event
    assert "about" not in ld


def test_previews_are_described_and_the_home_page_is_shared_as_the_site(sub_path_site):
    for url_path in content_pages(sub_path_site):
        tags = head(sub_path_site, url_path)
        alt = tags.meta["og:image:alt"]
        assert alt.startswith("Preview card: ") and alt == tags.meta["twitter:image:alt"], url_path
        assert len(alt) <= 420, url_path  # Twitter's limit for an image's alt text
    home = head(sub_path_site, "")
    assert home.meta["og:title"] == home.meta["twitter:title"] == SITE_NAME
    assert home.meta["og:image:alt"].startswith(f"Preview card: {SITE_NAME}.")
    juno = head(sub_path_site, "missions/juno").meta["og:image:alt"]
    assert juno.startswith(
        "Preview card: Juno. The Jupiter system, United States, NASA. Completed. Launch: 5 August 2011"
    )


def test_the_plan_page_has_its_own_preview(sub_path_site):
    tags = head(sub_path_site, "plan")
    assert tags.meta["og:image"] == f"{SITE_URL}assets/previews/plan.png"
    assert tags.meta["og:image:alt"].startswith("Preview card: The white papers' plans, goal by goal.")
    with Image.open(local_file(sub_path_site, tags.meta["og:image"])) as png:
        assert png.size == (1200, 630)


def report_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="nofollow">Report an error on this page</a>', html)
    return unescape(found.group(1)) if found else None


def test_every_page_links_to_report_an_error_in_the_repository(sub_path_site):
    for url_path in content_pages(sub_path_site):
        link = report_link((sub_path_site / url_path / "index.html").read_text(encoding="utf-8"))
        assert link and link.startswith(f"{REPO_URL}/issues/new?"), url_path
        query = parse_qs(urlsplit(link).query)
        assert SITE_URL + url_path in query["body"][0], url_path
    juno = parse_qs(urlsplit(report_link(page_html(sub_path_site, "missions/juno"))).query)
    assert juno["title"] == ["Error on Juno"]
    assert "Mission: juno" in juno["body"][0] and "Data file: data/missions/juno.yml" in juno["body"][0]
    assert report_link((sub_path_site / "404.html").read_text(encoding="utf-8")) is None  # no page to report


def test_the_repository_link_fetches_nothing_from_github(sub_path_site):
    html = page_html(sub_path_site, "")
    assert f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' in html
    assert 'data-md-component="source"' not in html  # with it, the theme asks api.github.com for stars


def test_the_published_site_links_to_its_own_repository():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    builds = [step for step in workflow["jobs"]["build"]["steps"] if step.get("run") in ("make build", "make offline")]
    assert len(builds) == 2
    for step in builds:
        assert step["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}", step["run"]
    assert "repo_url: !ENV [REPO_URL, null]" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_without_a_repository_no_page_links_to_one(built_site):
    if os.environ.get("REPO_URL"):
        pytest.skip("REPO_URL is set here, and the shared build inherits it")
    for url_path in content_pages(built_site):
        html = (built_site / url_path / "index.html").read_text(encoding="utf-8")
        assert report_link(html) is None and 'class="md-source"' not in html, url_path


def test_the_about_page_says_how_errors_are_corrected(sub_path_site):
    about = page(sub_path_site, "about")
    assert {"reporting-an-error", "corrections"} <= about.ids
    text = text_of(page_html(sub_path_site, "about"))
    assert "A correction needs a source" in text and "Every correction is recorded in the changelog" in text
    assert "../changelog/" in about.links


def page_html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def test_destination_pages_have_their_preview(sub_path_site):
    for destination in DESTINATIONS:
        assert head(sub_path_site, destination).meta["og:image"] == f"{SITE_URL}assets/previews/{destination}.png"


@pytest.mark.parametrize(
    "old, mission_id",
    [
        ("missions/change-4", "chang-e-4"),
        ("missions/change-5", "chang-e-5"),
        ("id/2018-103A", "chang-e-4"),
        ("id/2013-070A", "chang-e-3"),
    ],
)
def test_aliases_and_cospar_ids_redirect_to_the_mission(sub_path_site, old, mission_id):
    html = (sub_path_site / old / "index.html").read_text(encoding="utf-8")
    href = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
    assert urljoin(f"{SITE_URL}{old}/", href) == f"{SITE_URL}missions/{mission_id}/"
    assert not urlsplit(href).netloc  # relative: works under any sub-path
    assert f'location.replace("{href}" + location.hash)' in html
    assert f'<link rel="canonical" href="{SITE_URL}missions/{mission_id}/">' in html


def test_every_alias_and_cospar_id_in_the_data_has_its_redirect(sub_path_site):
    for mission_id in MISSIONS:
        data = mission_data(mission_id)
        for folder in [f"missions/{a}" for a in data.get("aliases", [])] + [f"id/{data.get('cospar_id')}"] * (
            "cospar_id" in data
        ):
            assert (sub_path_site / folder / "index.html").is_file(), folder


def test_milestones_have_stable_anchors(sub_path_site):
    ids = page(sub_path_site, "missions/chang-e-4").ids
    assert {"launch", "orbit-insertion", "landing", "rover-deployed"} <= ids
    assert {"module-launch", "module-launch-2", "module-launch-3"} <= page(sub_path_site, "missions/tiangong").ids


def test_ids_are_unique_on_every_page(sub_path_site):
    for url_path in content_pages(sub_path_site):
        html = (sub_path_site / url_path / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"{url_path}: {sorted(i for i in ids if ids.count(i) > 1)}"


def test_a_milestone_anchor_can_be_linked_from_a_page(site_copy):
    (site_copy / "docs" / "data.md").write_text("# Data\n\n[The landing](missions/chang-e-4.md#landing)\n")
    result = build(site_copy)
    assert result.returncode == 0, result.stderr


def test_sitemap_lists_every_page_with_dates_from_the_data(sub_path_site):
    urls = ET.parse(sub_path_site / "sitemap.xml").getroot()
    listed = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text for u in urls}
    assert sorted(listed) == sorted(SITE_URL + p for p in content_pages(sub_path_site))
    as_of = (ROOT / "data" / "site.yml").read_text(encoding="utf-8").split('as_of: "')[1][:10]
    assert listed[f"{SITE_URL}missions/dawn/"] == "2018-11-01"  # its status_verified
    assert listed[f"{SITE_URL}missions/chang-e-4/"] == "2026-12-05"  # the changelog entry naming it
    assert listed[f"{SITE_URL}missions/chang-e-1/"] == "2009-03-02"  # its status_verified, after its last milestone
    assert listed[SITE_URL] == as_of
    assert all(date <= as_of for date in listed.values())  # never the build clock


def test_feed_is_atom_with_one_entry_per_update(sub_path_site):
    feed = ET.parse(sub_path_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    changelog = (ROOT / "data" / "changelog.yml").read_text(encoding="utf-8")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == changelog.count("\n- date:") + changelog.startswith("- date:")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(f"{SITE_URL}changelog/#update-")
        anchor = link.split("#")[1]
        assert anchor in page(sub_path_site, "changelog").ids
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text
    assert "../feed.xml" in page(sub_path_site, "changelog").links


def test_feed_entries_each_have_their_own_updated_and_the_feed_a_language(sub_path_site):
    feed = ET.parse(sub_path_site / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    updated = [entry.find(f"{ATOM}updated").text for entry in feed.findall(f"{ATOM}entry")]
    assert len(set(updated)) == len(updated)  # three updates on 2026-11-26 shared one instant
    assert updated == sorted(updated, reverse=True)  # newest first, as the changelog
    assert feed.find(f"{ATOM}updated").text == updated[0]
    days = (ROOT / "data" / "changelog.yml").read_text(encoding="utf-8").split('- date: "')[1:]
    assert [stamp[:10] for stamp in updated] == [day[:10] for day in days]  # each entry's own day


def test_not_found_page_links_to_every_destination_from_any_depth(sub_path_site):
    html = (sub_path_site / "404.html").read_text(encoding="utf-8")
    links = Page(html).links
    root = urlsplit(SITE_URL).path
    for destination in DESTINATIONS:
        assert f"{root}{destination}/" in links
    assert f"{root}missions/" in links
    assert f'<form class="not-found-search" action="{root}" method="get"' in html  # ?q= opens the search
    for href in links:
        if href.startswith(root):  # served for /china-space/a/b/c/: these must not be relative
            assert resolves(sub_path_site, "", href.removeprefix(root)), href


@pytest.fixture(scope="module")
def offline_edition(tmp_path_factory) -> tuple[Path, Path]:
    """`make offline` into a temporary folder: the zip, and the folder it was made from."""
    tmp = tmp_path_factory.mktemp("offline")
    zip_path, build_dir = tmp / "offline.zip", tmp / "build"
    result = subprocess.run(
        ["make", "-C", str(ROOT), "offline", f"OFFLINE_ZIP={zip_path}", f"OFFLINE_BUILD={build_dir}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE_URL": SITE_URL},
    )
    assert result.returncode == 0, result.stderr
    return zip_path, build_dir / "china-in-space"


def test_offline_edition_is_a_zip_of_the_site_for_file_urls(offline_edition):
    zip_path, built = offline_edition
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
    assert {"china-in-space/index.html", "china-in-space/missions/chang-e-4.html"} <= names
    assert "china-in-space/search/search_index.js" in names  # Material's offline search index
    assert (built / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert 'href="chang-e-3.html"' in (built / "missions" / "chang-e-4.html").read_text(encoding="utf-8")
    for path in built.rglob("*.html"):
        for url in Page(path.read_text(encoding="utf-8")).resources:
            assert not urlsplit(url).netloc, f"{path.relative_to(built)} loads {url}"
    redirect = (built / "missions" / "change-4" / "index.html").read_text(encoding="utf-8")
    assert 'url=../chang-e-4.html"' in redirect


def test_offline_not_found_page_is_styled_and_links_inside_its_folder(offline_edition):
    """Nothing serves the offline edition's 404 page: it is opened from disk, where it is, at the
    site's root. So its stylesheets, scripts and links are relative and there; an absolute path would
    point at the root of the file system (file:///moon/), and the page would have no style."""
    _, built = offline_edition
    html = (built / "404.html").read_text(encoding="utf-8")
    found = Page(html)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]*)"', html)
    assert any(re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", url) for url in stylesheets), stylesheets
    forms = re.findall(r'<form [^>]*action="([^"]*)"', html)
    assert forms == ["index.html"]  # the page's own search: ?q= opens the theme's search there
    assert "file:" not in html
    for url in {*found.links, *found.resources, *stylesheets, *forms}:
        parts = urlsplit(url)
        if parts.netloc and url in found.links:
            continue  # a link to another site: the theme's credit line
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), url
        assert (built / parts.path).is_file(), url
    for destination in DESTINATIONS:
        assert f"{destination}/index.html" in found.links


def test_offline_search_finds_a_mission_from_disk(offline_edition):
    _, built = offline_edition
    browser = next(filter(None, map(shutil.which, BROWSERS)), None)
    if browser is None:
        pytest.skip(f"no browser: install Debian's chromium (.ci/run does); looked for {', '.join(BROWSERS)}")
    url = (built / "index.html").as_uri() + "?q=Yutu"  # ?q= opens the theme's search with a query
    dom = subprocess.run(
        [browser, "--headless", *BROWSER_ARGS, "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    results = re.findall(r'class="md-search-result__link"[^>]*>.*?<h1>(.*?)</h1>', dom)
    assert "Chang'e 4" in results, dom[-2000:]


BROWSERS = ("chromium", "chromium-browser", "google-chrome")  # Debian's chromium first; .ci/run installs it
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
