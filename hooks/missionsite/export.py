"""The catalogue as open data: /api/missions.json, /api/missions/<id>.json, /api/missions.csv, and the
plan tracker with every statement and verdict, /api/plan.json."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from . import crews
from .model import Catalogue, Cited, Milestone, Mission, Source
from .plan import Goal, Statement
from .urls import MISSIONS_CSV, MISSIONS_JSON, PLAN_JSON, PLAN_PAGE, mission_json, page_url, served_at, statement_anchor

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

    def source(s: Source) -> dict[str, str | None]:
        return {"id": s.id, "title": s.title, "publisher": s.publisher_name, "via": s.via_name, "url": s.url}

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
        "astronauts": [{"name": a.name, "name_zh": a.name_zh, "role": a.role} for a in mission.astronauts],
        # computed, as the Crews tables show it: days from launch to the crew's return (crews.py)
        "days_in_space": crews.flight(catalogue, mission).days if mission.astronauts else None,
        "sample_returned_g": mission.sample_returned_g,
        # computed, as the pages show it: UTC days from launch to arrival (see Catalogue.arrival)
        "days_to_arrive": catalogue.days_to_arrive(mission),
        "also_destinations": list(mission.also_destinations),
        "cospar_id": mission.cospar_id,
        "aliases": list(mission.aliases),
        "landing_site": (
            {"name": site.name, "lat": site.lat, "lon": site.lon, "source": site.source} if site else None
        ),
        "firsts": [first.text for first in mission.firsts],
        "cite": dict(mission.cite),
        "milestones": [milestone(m) for m in mission.milestones],
        "compare_with": list(mission.compare_with),
        "compared_with": list(catalogue.compared[mission.id]),
        "sources": [source(s) for s in mission.sources],
        "body": mission.body,
    }


def cited(document: Cited) -> dict[str, str | None]:
    """A source as the exports give it: its publisher by name, and whose copy was read, if another's."""
    return {
        "title": document.title,
        "publisher": document.publisher_name,
        "via": document.via_name,
        "url": document.url,
    }


def goal_record(goal: Goal, site_url: str | None, directory_urls: bool) -> dict[str, Any]:
    """A goal of the plan: every statement, and the verdict with the statement it grades."""

    def statement(number: int, s: Statement) -> dict[str, Any]:
        return {
            "id": statement_anchor(goal.id, number),
            "date": s.date.iso(),
            "speaker": s.speaker,
            "kind": s.kind,
            "graded": s is goal.graded,
            "quote": s.quote,
            "said": s.said,
            "target": {"kind": s.target.kind, "label": s.target.label(), "last_day": s.target.last_day.isoformat()}
            if s.target
            else None,
            "event": s.event,
            "source": cited(s.source),
        }

    done = goal.delivered
    return {
        "id": goal.id,
        "url": f"{(site_url or '/').rstrip('/')}/{served_at(PLAN_PAGE, directory_urls)}#{goal.id}",
        "paper": goal.paper,
        "title": goal.title,
        "destination": goal.destination,
        "rule": goal.rule,
        "white_paper_dated": goal.white_paper_dated,
        "statements": [statement(i, s) for i, s in enumerate(goal.statements, start=1)],
        "verdict": {
            "kind": goal.verdict.kind,
            "label": goal.verdict.label,
            "grades": statement_anchor(goal.id, goal.graded_number),
            "event": goal.graded.event,
            "delivered": goal.is_delivered,
            "by": {"mission": done.mission.id, "milestone": done.milestone.kind, "date": done.milestone.date.iso()},
        },
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
    goals = [goal_record(goal, site_url, directory_urls) for goal in catalogue.goals]
    files[PLAN_JSON] = json.dumps({**meta, "goals": goals}, ensure_ascii=False, indent=1) + "\n"
    return files


def compact(value: Any) -> str:
    """Compact: json's C encoder runs only without indent, and a browser shows
    JSON indented anyway (Firefox by default, Chromium with "pretty-print")."""
    return _COMPACT(value)


# One encoder for every call: json.dumps with options set makes a new one each time.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
