"""What each page tells search engines and link previews: a short description, image and its alt
text, type, last change, JSON-LD; and where to report an error on it.

The theme's `overrides/main.html` writes these as the description, Open Graph and Twitter card tags
and the "Report an error" link, and `overrides/sitemap.xml` writes the dates. Every URL here is
absolute under `site_url`, because a shared link is read far away from the site. Dates come from the
data, never from the build clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode

from . import previews
from .dates import PartialDate
from .drawing import Card
from .export import compact
from .model import Catalogue, Destination, Mission
from .render import key_dates
from .urls import (
    CHANGELOG,
    HOME_PAGE,
    MISSIONS_INDEX,
    PLAN_PAGE,
    PLAN_PREVIEW,
    SITE_PREVIEW,
    absolute,
    destination_path,
    destination_preview,
    mission_path,
    mission_preview,
)

# What search results and link previews show of a description before cutting it themselves, each
# where it likes; a page's own is never longer.
DESCRIPTION_LIMIT = 160
# A sentence ends at . ! or ? followed by a space and what can start the next one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“‘(])")


@dataclass(frozen=True)
class PageInfo:
    """What MkDocs knows of a page once it is read: where it lives and what it is called."""

    src_uri: str  # docs-relative source path: missions/chang-e-4.md
    url: str  # site-relative address: missions/chang-e-4/
    title: str
    description: str


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str  # at most DESCRIPTION_LIMIT characters
    url: str  # absolute
    image: str  # absolute
    image_alt: str  # the preview card in words
    type: str  # og:type: article for a mission, website for the rest
    lastmod: str  # YYYY-MM-DD, from the data
    json_ld: str | None  # safe to put between <script> tags as it is
    report_url: str | None  # a new issue about the page in the site's repository; None without one


def short_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` if it fits in `limit` characters. Else its first sentences, when those that fit fill at
    least half of it; else as many words as fit, and an ellipsis. Never a word cut in two."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = _first_sentences(text, limit)
    if len(sentences) >= limit // 2:
        return sentences
    cut = text.rfind(" ", 0, limit)  # the ellipsis needs one character: at most limit - 1 before it
    if cut <= 0:  # one word longer than the limit: no boundary to cut at
        return text[: limit - 1] + "…"
    return text[:cut].rstrip(" ,;:-–—(") + "…"


def _first_sentences(text: str, limit: int) -> str:
    found = ""
    for sentence in _SENTENCE_END.split(text):
        longer = f"{found} {sentence}" if found else sentence
        if len(longer) > limit:
            break
        found = longer
    return found


def description_of(record: Mission | Destination) -> str:
    """A mission's or destination's description: its own `description`, else its summary made short."""
    return record.description or short_description(record.summary)


def mission_lastmod(catalogue: Catalogue, mission: Mission) -> dt.date:
    """When the mission's facts last changed: status check, newest flown milestone or changelog entry."""
    days = [m.date.start().date() for m in mission.milestones if not m.planned]
    if mission.status_verified:
        days.append(mission.status_verified.start().date())
    days += [c.date.start().date() for c in catalogue.changelog if mission.id in c.missions]
    return max(days, default=catalogue.site.as_of.start().date())


def first_published(catalogue: Catalogue) -> dt.date | None:
    """When the data was first published: the day of the oldest changelog entry."""
    return min((c.date.start().date() for c in catalogue.changelog), default=None)


def all_page_meta(
    catalogue: Catalogue, site_url: str, pages: list[PageInfo], *, site_name: str, repo_url: str | None = None
) -> dict[str, PageMeta]:
    """src_uri -> PageMeta for every page. `repo_url` is the site's repository, where errors are reported."""
    as_of = catalogue.site.as_of.start().date()
    mission_of = {mission_path(m.id): m for m in catalogue.missions}
    destination_of = {destination_path(d.id): d for d in catalogue.destinations}
    lastmod = {path: mission_lastmod(catalogue, m) for path, m in mission_of.items()}
    for path, each in destination_of.items():
        lastmod[path] = max((lastmod[mission_path(m.id)] for m in catalogue.missions_to(each.id)), default=as_of)
    lastmod[MISSIONS_INDEX] = max(lastmod.values(), default=as_of)
    lastmod[CHANGELOG] = max((c.date.start().date() for c in catalogue.changelog), default=as_of)
    published = first_published(catalogue)
    # The site's own cards, shared by every page that has no card of its own.
    site_cards = {SITE_PREVIEW: previews.site_card(catalogue, site_name)}
    site_cards[PLAN_PREVIEW] = previews.plan_card(catalogue, site_name)

    result = {}
    for page in pages:
        mission = mission_of.get(page.src_uri)
        record = mission or destination_of.get(page.src_uri)
        image, card = _preview(catalogue, page, record, site_name, site_cards)
        # The navigation calls the home page "Home"; a link to it shared elsewhere is the site.
        title = site_name if page.src_uri == HOME_PAGE else page.title
        url = absolute(site_url, page.url)
        meta = PageMeta(
            title=title,
            description=description_of(record) if record else short_description(page.description),
            url=url,
            image=absolute(site_url, image),  # a static file: its URL is its path
            image_alt=previews.describe(card),
            type="article" if mission else "website",
            lastmod=lastmod.get(page.src_uri, as_of).isoformat(),
            json_ld=None,
            report_url=report_url(repo_url, title, url, mission),
        )
        if mission:
            article = mission_json_ld(
                catalogue, mission, meta, site_name=site_name, site_url=site_url, published=published
            )
            meta = replace(meta, json_ld=json_ld(article))
        result[page.src_uri] = meta
    return result


def _preview(
    catalogue: Catalogue,
    page: PageInfo,
    record: Mission | Destination | None,
    site_name: str,
    site_cards: dict[str, Card],
) -> tuple[str, Card]:
    """The page's preview image (docs-relative) and the card drawn on it: a mission's or a
    destination's own, the plan's, or the site's."""
    if isinstance(record, Mission):
        return mission_preview(record.id), previews.mission_card(catalogue, record, site_name)
    if isinstance(record, Destination):
        return destination_preview(record.id), previews.destination_card(catalogue, record, site_name)
    image = PLAN_PREVIEW if page.src_uri == PLAN_PAGE else SITE_PREVIEW
    return image, site_cards[image]


def report_url(repo_url: str | None, title: str, url: str, mission: Mission | None) -> str | None:
    """A new issue in the site's repository, its title and body filled in with what a correction
    needs to find the fact: the page, its address, and on a mission page the mission's data file."""
    if not repo_url:
        return None
    lines = [f"Page: {title}", f"Address: {url}"]
    if mission:
        lines += [f"Mission: {mission.id}", f"Data file: {mission.file}"]
    lines += ["", "What is wrong:", "", "", "What is right, and its source (a link to the originator of the fact):", ""]
    query = urlencode({"title": f"Error on {title}", "body": "\n".join(lines)}, quote_via=quote)
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def mission_json_ld(
    catalogue: Catalogue, mission: Mission, page: PageMeta, *, site_name: str, site_url: str, published: dt.date | None
) -> dict[str, Any]:
    """schema.org: the page is an Article about the mission, an Event from launch to end.

    The site is the Article's author and publisher: its pages are written from the data, by no one
    person. Its dates come from the data too: first published with the data's first changelog entry,
    modified when the mission last changed (or then, if its facts are older than the site)."""
    site = {"@type": "Organization", "name": site_name, "url": site_url}
    modified = dt.date.fromisoformat(page.lastmod)
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": mission.name,
        "description": page.description,
        "url": page.url,
        "mainEntityOfPage": page.url,
        "image": page.image,
        "inLanguage": "en",
        "author": site,
        "publisher": site,
    }
    if published:
        article["datePublished"] = published.isoformat()
        modified = max(modified, published)
    article |= {
        "dateModified": modified.isoformat(),
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
        "license": catalogue.site.data_license_url,
        "citation": [source.url for source in mission.sources],
    }
    event = mission_event(catalogue, mission)
    if event:
        article["about"] = event
    return article


def mission_event(catalogue: Catalogue, mission: Mission) -> dict[str, Any] | None:
    """The mission as a schema.org Event: from its launch, flown or planned, to its end once it has
    come. None without a launch date, since an Event is its start date."""
    dates = dict(key_dates(catalogue, mission))
    launch, end = dates.get("Launch"), dates.get("End")
    if launch is None:
        return None
    event: dict[str, Any] = {
        "@type": "Event",
        "name": mission.name,
        "description": mission.summary,
        "startDate": schema_date(launch.date),
    }
    if end and not end.planned:
        event["endDate"] = schema_date(end.date)
    event["organizer"] = {"@type": "Organization", "name": mission.agency}
    event["location"] = {"@type": "Place", "name": catalogue.destination(mission.destination).name}
    names = [name for name in (mission.name_zh, mission.pinyin) if name]
    if names:
        event["alternateName"] = names
    if mission.cospar_id:
        event["identifier"] = {"@type": "PropertyValue", "propertyID": "COSPAR ID", "value": mission.cospar_id}
    return event


def schema_date(date: PartialDate) -> str:
    """A date as schema.org's Date and DateTime take it, "in ISO 8601 format", to the precision the
    data knows: ISO 8601 writes a month as 2016-03 and a year as 2029 (its reduced precision), and a
    time in UTC to the minute (2018-12-07T18:23Z). So no date is given a day or a time it does not
    have: Tiangong-1's end, known to the month, stays "2016-03"."""
    return date.iso()


def json_ld(value: dict[str, Any]) -> str:
    """JSON that cannot end the <script> element it sits in, nor open a comment or an entity."""
    text = compact(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
