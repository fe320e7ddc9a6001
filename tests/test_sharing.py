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
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image
from test_build import DESTINATIONS, MISSIONS, Page, mission_data, page, resolves

from conftest import ROOT, build, copy_site

SITE_URL = "https://example.github.io/china-space/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("published"))
    result = build(site, site_url=SITE_URL)
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


@pytest.mark.parametrize("mission_id", MISSIONS)
def test_mission_pages_share_their_own_summary_image_and_json_ld(sub_path_site, mission_id):
    data = mission_data(mission_id)
    tags = head(sub_path_site, f"missions/{mission_id}")
    assert tags.meta["og:title"] == data["name"]
    assert tags.meta["og:description"] == " ".join(data["summary"].split())
    assert tags.meta["og:type"] == "article"
    image = tags.meta["og:image"]
    assert image == f"{SITE_URL}assets/previews/missions/{mission_id}.png"
    with Image.open(local_file(sub_path_site, image)) as png:
        assert (png.format, png.size) == ("PNG", (1200, 630))
    assert (tags.meta["og:image:width"], tags.meta["og:image:height"]) == ("1200", "630")
    [ld] = tags.json_ld
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Article"
    assert ld["headline"] == data["name"] and ld["url"] == f"{SITE_URL}missions/{mission_id}/"
    assert ld["about"]["@type"] == "Event" and ld["about"]["name"] == data["name"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ld["dateModified"])


def test_destination_pages_have_their_preview(sub_path_site):
    for destination in DESTINATIONS:
        assert head(sub_path_site, destination).meta["og:image"] == f"{SITE_URL}assets/previews/{destination}.png"


@pytest.mark.parametrize(
    "old, mission_id",
    [
        ("missions/change-4", "chang-e-4"),
        ("missions/change-5", "chang-e-5"),
        ("id/2018-103A", "chang-e-4"),
        ("id/2020-087A", "chang-e-5"),
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
    assert listed[f"{SITE_URL}missions/chang-e-4/"] == "2024-09-19"  # its status_verified
    assert listed[f"{SITE_URL}missions/juno/"] == "2026-01-05"  # its last milestone, after its status_verified
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
