"""What each page tells search engines and link previews: image, type, last change, JSON-LD.

The theme's `overrides/main.html` writes these as Open Graph and Twitter card tags, and
`overrides/sitemap.xml` writes the dates. Every URL here is absolute under `site_url`, because a
shared link is read far away from the site. Dates come from the data, never from the build clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .export import compact
from .model import Catalogue, Destination, Mission
from .render import key_dates
from .urls import (
    CHANGELOG,
    MISSIONS_INDEX,
    SITE_PREVIEW,
    absolute,
    destination_path,
    destination_preview,
    mission_path,
    mission_preview,
)


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
    description: str
    url: str  # absolute
    image: str  # absolute
    image_alt: str
    type: str  # og:type: article for a mission, website for the rest
    lastmod: str  # YYYY-MM-DD, from the data
    json_ld: str | None  # safe to put between <script> tags as it is


def mission_lastmod(catalogue: Catalogue, mission: Mission) -> dt.date:
    """When the mission's facts last changed: status check, newest flown milestone or changelog entry."""
    days = [m.date.start().date() for m in mission.milestones if not m.planned]
    if mission.status_verified:
        days.append(mission.status_verified.start().date())
    days += [c.date.start().date() for c in catalogue.changelog if mission.id in c.missions]
    return max(days, default=catalogue.site.as_of.start().date())


def all_page_meta(catalogue: Catalogue, site_url: str, pages: list[PageInfo]) -> dict[str, PageMeta]:
    """src_uri -> PageMeta for every page."""
    as_of = catalogue.site.as_of.start().date()
    mission_of = {mission_path(m.id): m for m in catalogue.missions}
    destination_of = {destination_path(d.id): d for d in catalogue.destinations}
    lastmod = {path: mission_lastmod(catalogue, m) for path, m in mission_of.items()}
    for path, each in destination_of.items():
        lastmod[path] = max((lastmod[mission_path(m.id)] for m in catalogue.missions_to(each.id)), default=as_of)
    lastmod[MISSIONS_INDEX] = max(lastmod.values(), default=as_of)
    lastmod[CHANGELOG] = max((c.date.start().date() for c in catalogue.changelog), default=as_of)

    result = {}
    for page in pages:
        mission = mission_of.get(page.src_uri)
        dest: Destination | None = destination_of.get(page.src_uri)
        image = mission_preview(mission.id) if mission else destination_preview(dest.id) if dest else SITE_PREVIEW
        url = absolute(site_url, page.url)
        image_url = absolute(site_url, image)  # a static file: its URL is its path
        modified = lastmod.get(page.src_uri, as_of).isoformat()
        result[page.src_uri] = PageMeta(
            title=page.title,
            description=page.description,
            url=url,
            image=image_url,
            image_alt=f"{page.title}: {page.description}" if mission or dest else page.title,
            type="article" if mission else "website",
            lastmod=modified,
            json_ld=json_ld(mission_json_ld(catalogue, mission, url, image_url, modified, site_url))
            if mission
            else None,
        )
    return result


def mission_json_ld(
    catalogue: Catalogue, mission: Mission, url: str, image: str, modified: str, site_url: str
) -> dict[str, Any]:
    """schema.org: the page is an Article about the mission, an Event from launch to end."""
    dates = {label: m.date for label, m in key_dates(catalogue, mission) if not m.planned}
    event: dict[str, Any] = {
        "@type": "Event",
        "name": mission.name,
        "description": mission.summary,
        "organizer": {"@type": "Organization", "name": mission.agency},
        "location": {"@type": "Place", "name": catalogue.destination(mission.destination).name},
    }
    names = [name for name in (mission.name_zh, mission.pinyin) if name]
    if names:
        event["alternateName"] = names
    if "Launch" in dates:
        event["startDate"] = dates["Launch"].iso()
    if "End" in dates:
        event["endDate"] = dates["End"].iso()
    if mission.cospar_id:
        event["identifier"] = {"@type": "PropertyValue", "propertyID": "COSPAR ID", "value": mission.cospar_id}
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": mission.name,
        "description": mission.summary,
        "url": url,
        "mainEntityOfPage": url,
        "image": image,
        "inLanguage": "en",
        "dateModified": modified,
        "isPartOf": {"@type": "WebSite", "url": site_url},
        "license": catalogue.site.data_license_url,
        "citation": [source.url for source in mission.sources],
        "about": event,
    }


def json_ld(value: dict[str, Any]) -> str:
    """JSON that cannot end the <script> element it sits in, nor open a comment or an entity."""
    text = compact(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
