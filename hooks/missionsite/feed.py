"""The changelog as an Atom feed (RFC 4287): one entry per update of the data, newest first.

Feed readers fetch it from anywhere, so every link is absolute. Written with ElementTree, which
escapes every value, so that text from the data cannot break the XML.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from .model import Catalogue, Change
from .urls import anchored_changes

ATOM = "http://www.w3.org/2005/Atom"


def atom(catalogue: Catalogue, *, title: str, feed_url: str, changelog_url: str, mission_url) -> str:
    """`mission_url(id)` gives the absolute URL of a mission's page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"{title}: updates of the data")
    _text(feed, "id", changelog_url)
    _link(feed, feed_url, rel="self", type="application/atom+xml")
    _link(feed, changelog_url, rel="alternate", type="text/html")
    newest = catalogue.changelog[0].date if catalogue.changelog else catalogue.site.as_of
    _text(feed, "updated", _timestamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    _text(feed, "rights", f"Data: {catalogue.site.data_license_name}")
    for anchor, change in anchored_changes(catalogue.changelog):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        names = [catalogue.mission(m).name for m in change.missions]
        _text(entry, "title", f"{change.date.human()}: {', '.join(names) or 'all missions'}")
        _text(entry, "id", f"{changelog_url}#{anchor}")
        _link(entry, f"{changelog_url}#{anchor}", rel="alternate", type="text/html")
        _text(entry, "updated", _timestamp(change.date))
        _text(entry, "content", _content(change, names, mission_url), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _content(change: Change, names: list[str], mission_url) -> str:
    """The entry as HTML (ElementTree escapes it once more, as Atom's type="html" wants)."""
    text = f"<p>{html.escape(change.text, quote=False)}</p>"
    links = [
        f'<a href="{html.escape(mission_url(m))}">{html.escape(n, quote=False)}</a>'
        for m, n in zip(change.missions, names, strict=True)
    ]
    return text + (f"<p>Missions: {', '.join(links)}.</p>" if links else "")


def _timestamp(date) -> str:
    return f"{date.start():%Y-%m-%dT%H:%M:%SZ}"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, **attrs})
