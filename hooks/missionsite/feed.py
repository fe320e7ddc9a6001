"""The changelog as an Atom feed (RFC 4287): one entry per update of the data, newest first.

Feed readers fetch it from anywhere, so every link is absolute. Written with ElementTree, which
escapes every value, so that text from the data cannot break the XML.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET

from .model import Catalogue, Change
from .urls import anchored_changes

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  # written as xml:lang: the language of every text


def atom(catalogue: Catalogue, *, title: str, feed_url: str, changelog_url: str, mission_url) -> str:
    """`mission_url(id)` gives the absolute URL of a mission's page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en"})
    _text(feed, "title", f"{title}: updates of the data")
    _text(feed, "id", changelog_url)
    _link(feed, feed_url, rel="self", type="application/atom+xml")
    _link(feed, changelog_url, rel="alternate", type="text/html")
    entries = anchored_changes(catalogue.changelog)
    updated = _updated(catalogue.changelog)
    _text(feed, "updated", max(updated, default=_timestamp(catalogue.site.as_of)))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    _text(feed, "rights", f"Data: {catalogue.site.data_license_name}")
    for (anchor, change), when in zip(entries, updated, strict=True):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        names = [catalogue.mission(m).name for m in change.missions]
        _text(entry, "title", f"{change.date.human()}: {', '.join(names) or 'all missions'}")
        _text(entry, "id", f"{changelog_url}#{anchor}")
        _link(entry, f"{changelog_url}#{anchor}", rel="alternate", type="text/html")
        _text(entry, "updated", when)
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


def _updated(changes: tuple[Change, ...]) -> list[str]:
    """Each entry's `updated`, newest first: its day, and for a day's second, third... update (as its
    anchor is numbered) a second, two... after midnight, so that no two entries were updated at the
    same instant, which the W3C validator warns of. The changelog gives the day alone: the seconds
    only keep the order of one day's updates."""
    earlier: dict[str, int] = {}
    stamps = []
    for change in reversed(changes):  # oldest first
        day = change.date.iso()
        stamps.append(_timestamp(change.date, seconds=earlier.get(day, 0)))
        earlier[day] = earlier.get(day, 0) + 1
    return stamps[::-1]


def _timestamp(date, seconds: int = 0) -> str:
    return f"{date.start() + dt.timedelta(seconds=seconds):%Y-%m-%dT%H:%M:%SZ}"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, **attrs})
