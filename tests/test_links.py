"""Every internal link, image and #anchor of every built page resolves, at the root and under a
sub-path; links to other sites are listed (in external-links.txt beside the build), never fetched."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# Attributes that point at something a reader follows or the browser loads.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("img", "srcset"),
    ("form", "action"),
}


class Targets(HTMLParser):
    """The URLs and element ids of one page."""

    def __init__(self, html: str):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in URL_ATTRIBUTES and value:
                urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
                self.urls.extend(urls)


def file_for(site_dir: Path, site_url: str, url: str) -> Path | None:
    """The file that serves `url`, or None when the URL is outside the site."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(site_url).path
    if not path.startswith(prefix):
        return None
    file = site_dir / path[len(prefix) :]
    return file / "index.html" if path.endswith("/") else file


def crawl(site_dir: Path, site_url: str) -> tuple[list[str], set[str]]:
    """Broken links as 'page: url (why)', and every external URL found."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    pages = {path: Targets(path.read_text(encoding="utf-8")) for path in site_dir.rglob("*.html")}
    broken, external = [], set()
    for path, targets in pages.items():
        here = site_url + path.relative_to(site_dir).as_posix().removesuffix("index.html")
        for raw in targets.urls:
            url, fragment = urldefrag(urljoin(here, raw))
            if urlsplit(url).scheme in ("mailto", "tel", "data"):
                continue
            if not url.startswith(origin + "/"):
                external.add(url)
                continue
            file = file_for(site_dir, site_url, url)
            if file is None or not file.is_file():
                broken.append(f"{path.relative_to(site_dir)}: {raw} (no such file)")
                continue
            if fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else Targets(file.read_text(encoding="utf-8")).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{path.relative_to(site_dir)}: {raw} (no #{unquote(fragment)} there)")
    return broken, external


def test_every_link_image_and_anchor_resolves(served_site):
    broken, external = crawl(served_site.site_dir, served_site.url)
    assert not broken, "\n".join(broken)
    report = served_site.site_dir.parent / "external-links.txt"
    report.write_text("".join(f"{url}\n" for url in sorted(external)), encoding="utf-8")
    print(f"{len(external)} external links, not fetched, listed in {report}")


def test_every_sitemap_address_is_a_page(served_site):
    sitemap = (served_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = [part.split("</loc>")[0] for part in sitemap.split("<loc>")[1:]]
    assert locs
    for loc in locs:
        file = file_for(served_site.site_dir, served_site.url, loc)
        assert file is not None and file.is_file(), loc


def test_the_crawler_catches_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a> <a href="b/">no page</a> <a href="a/#gone">no anchor</a>'
        ' <img src="/sub/x.png"> <a href="https://example.org/">out</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>')
    broken, external = crawl(tmp_path, "http://127.0.0.1:1/sub/")
    assert broken == [
        "index.html: b/ (no such file)",
        "index.html: a/#gone (no #gone there)",
        "index.html: /sub/x.png (no such file)",
    ]
    assert external == {"https://example.org/"}
