"""The catalogue as open data: /api/missions.json, /api/missions/<id>.json and /api/missions.csv."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import Catalogue, Milestone, Mission, Source
from .urls import MISSIONS_CSV, MISSIONS_JSON, mission_json, page_url

CSV_COLUMNS = (
    "id",
    "name",
    "name_zh",
    "pinyin",
    "country",
    "agency",
    "destination",
    "kinds",
    "status",
    "status_verified",
    "launch",
    "launch_planned",
    "arrival",
    "arrival_planned",
    "days_to_arrive",
    "end",
    "end_planned",
    "vehicle",
    "launch_site",
    "mass_kg",
    "station_mass_kg",
    "crew",
    "sample_returned_g",
    "cospar_id",
    "landing_site",
    "landing_lat",
    "landing_lon",
    "compared_with",
    "summary",
    "url",
)


def mission_record(
    catalogue: Catalogue, mission: Mission, site_url: str | None, directory_urls: bool = True
) -> dict[str, Any]:
    """Every field of a mission as JSON-ready values; sources are referred to by their id."""

    def milestone(m: Milestone) -> dict[str, Any]:
        return {
            "kind": m.kind,
            "date": m.date.iso(),
            "planned": m.planned,
            "window": m.window,
            "text": m.text,
            "source": m.source,
        }

    def source(s: Source) -> dict[str, str]:
        return {"id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url}

    site = mission.landing_site
    return {
        "id": mission.id,
        "url": page_url(site_url, mission.id, directory_urls),
        "name": mission.name,
        "name_zh": mission.name_zh,
        "pinyin": mission.pinyin,
        "names": list(mission.names),
        "country": mission.country,
        "agency": mission.agency,
        "destination": mission.destination,
        "kinds": list(mission.kinds),
        "status": mission.status,
        "status_verified": mission.status_verified.iso() if mission.status_verified else None,
        "summary": mission.summary,
        "description": mission.description,
        "vehicle": mission.vehicle,
        "launch_site": mission.launch_site,
        "mass_kg": mission.mass_kg,
        "station_mass_kg": mission.station_mass_kg,
        "crew": mission.crew,
        "sample_returned_g": mission.sample_returned_g,
        # computed, as the pages show it: UTC days from launch to arrival (see Catalogue.arrival)
        "days_to_arrive": catalogue.days_to_arrive(mission),
        "also_destinations": list(mission.also_destinations),
        "cospar_id": mission.cospar_id,
        "aliases": list(mission.aliases),
        "landing_site": (
            {"name": site.name, "lat": site.lat, "lon": site.lon, "source": site.source} if site else None
        ),
        "firsts": list(mission.firsts),
        "cite": dict(mission.cite),
        "milestones": [milestone(m) for m in mission.milestones],
        "compare_with": list(mission.compare_with),
        "compared_with": list(catalogue.compared[mission.id]),
        "sources": [source(s) for s in mission.sources],
        "body": mission.body,
    }


def csv_row(catalogue: Catalogue, record: dict[str, Any], mission: Mission) -> dict[str, Any]:
    def date_of(milestone: Milestone | None) -> str:
        return milestone.date.iso() if milestone else ""

    def planned(milestone: Milestone | None) -> str:
        return "" if milestone is None else str(milestone.planned).lower()

    launch, arrival, end = catalogue.launch(mission), catalogue.arrival(mission), catalogue.end(mission)

    site = record["landing_site"] or {}
    row = {key: record.get(key) for key in CSV_COLUMNS}
    row.update(
        kinds=";".join(record["kinds"]),
        compared_with=";".join(record["compared_with"]),
        launch=date_of(launch),
        launch_planned=planned(launch),
        arrival=date_of(arrival),
        arrival_planned=planned(arrival),
        end=date_of(end),
        end_planned=planned(end),
        landing_site=site.get("name"),
        landing_lat=site.get("lat"),
        landing_lon=site.get("lon"),
    )
    return {key: "" if value is None else spreadsheet_safe(value) for key, value in row.items()}


# A spreadsheet opening the CSV runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): =HYPERLINK(...) in a mission's name would be a live link. Dates start with a digit.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula, with a ' before it so that it reads as text;
    numbers, a negative latitude among them, stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def all_files(catalogue: Catalogue, site_url: str | None, directory_urls: bool = True) -> dict[str, str]:
    """docs-relative path -> file content, for every export file."""
    meta = {
        "as_of": catalogue.site.as_of.iso(),
        "license": {"name": catalogue.site.data_license_name, "url": catalogue.site.data_license_url},
    }
    records = [(m, mission_record(catalogue, m, site_url, directory_urls)) for m in catalogue.missions]
    # Each record is encoded once, and its text goes both into its own file and into the list of
    # all: the same bytes json.dumps would write for the whole, without encoding each record twice.
    encoded = [compact(record) for _, record in records]
    head = compact(meta)[:-1]  # '{"as_of":...,"license":{...}' without its closing brace
    files = {MISSIONS_JSON: f'{head},"missions":[{",".join(encoded)}]}}\n'}
    for (mission, _), text in zip(records, encoded, strict=True):
        files[mission_json(mission.id)] = f'{head},"mission":{text}}}\n'
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(catalogue, record, mission).values() for mission, record in records)  # in column order
    files[MISSIONS_CSV] = out.getvalue()
    return files


def compact(value: Any) -> str:
    """Compact: json's C encoder runs only without indent, and a browser shows
    JSON indented anyway (Firefox by default, Chromium with "pretty-print")."""
    return _COMPACT(value)


# One encoder for every call: json.dumps with options set makes a new one each time.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
