"""Missions as an earlier build checked them, so that a mission file that has not changed is not
checked again.

With parsing kept (parsed.py), checking the missions was the second-largest step of the hook on a
rebuild, after rendering: about 0.2 ms a mission, in thousands of small reads. Whether a mission passes
its checks depends on its file, on the shared files it is checked against (the vocabulary, the field
lists and the destinations' ids), on the checking code, and, for three checks, on the data's as-of
date. That date moves with every update of the data, so it is left out of what a kept mission
depends on: the checks against it (model._check_as_of) run on every build, kept mission or not.

A build keeps each mission it checked without a problem in `.cache/checked.marshal`, by its file's
name and the hash of its text, under one hash of everything else it depends on: the shared files'
values and this package's code. When any of that changed, nothing kept is used: every mission is
checked afresh. `marshal`, as for parsed.py: reading the file back can only give plain values,
never run code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from .dates import PartialDate
from .files import keep, read_kept
from .load import DataFiles, Document
from .model import LandingSite, Milestone, Mission, Source

CACHE_FILE = Path(".cache") / "checked.marshal"
PACKAGE = Path(__file__).parent


class Checked:
    """The missions an earlier build checked, and those this build checks: `begin` once the shared
    files are read, then `get` or `keep` each mission, then `save`. A document read without a cache
    (no digest) is neither taken nor kept."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.earlier: dict[tuple[str, str], tuple] = {}
        self.now: dict[tuple[str, str], tuple] = {}
        self.context = ""

    def begin(self, files: DataFiles, destination_ids: list[str]) -> None:
        """Reads what an earlier build kept, if it was checked against the same files by the same code."""
        shared = (files.vocab.data, files.fields.data, destination_ids)
        # repr, not marshal: equal values give equal text, whether or not their strings are interned
        # or shared, which marshal writes differently.
        self.context = hashlib.sha256(_code() + repr(shared).encode()).hexdigest()
        self.earlier = read_kept(self.path, self.context)

    def get(self, doc: Document) -> Mission | None:
        key = (doc.file, doc.digest)
        entry = self.earlier.get(key) if doc.digest is not None else None
        if entry is None:
            return None
        try:
            mission = restore(entry)
        except (TypeError, ValueError, IndexError, KeyError):  # not what plain() writes: check it again
            return None
        self.now[key] = entry
        return mission

    def keep(self, doc: Document, mission: Mission) -> None:
        if doc.digest is not None:
            self.now[(doc.file, doc.digest)] = plain(mission)

    def save(self) -> None:
        """Writes what this build checked, unless it is what the file holds already."""
        if self.path is not None and self.now.keys() != self.earlier.keys():
            keep(self.path, self.context, self.now)


@cache  # read once, as the code is imported once: `serve` goes on running the code it started with
def _code() -> bytes:
    """This package's code: all of it, since what a check calls may live in any module."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in sorted(PACKAGE.glob("*.py")))).digest()


# --- A mission as plain values, and back ----------------------------------------------------------
# A source is written once, and referred to by its place in the mission's list of sources, so that a
# milestone, the landing site and `cite` share it again when read back, as the checks made them.


def plain(m: Mission) -> tuple:
    place = {source.id: i for i, source in enumerate(m.sources)}
    site = m.landing_site
    return (
        m.id, m.name, m.country, m.agency, m.destination, m.kinds, m.status, m.summary,
        tuple((x.kind, _date(x.date), x.text, place[x.source.id], x.planned, x.window) for x in m.milestones),
        m.compare_with,
        tuple((s.id, s.title, s.publisher, s.url) for s in m.sources),
        m.file, m.name_zh, m.pinyin, _date(m.status_verified), m.vehicle, m.launch_site, m.mass_kg,
        m.station_mass_kg, m.crew, m.sample_returned_g, m.also_destinations, m.cospar_id,
        (site.name, site.lat, site.lon, place[site.source.id]) if site else None,
        m.aliases, m.firsts, {key: place[source.id] for key, source in m.cite.items()}, m.body,
    )


def restore(entry: tuple) -> Mission:
    (id_, name, country, agency, destination, kinds, status, summary, milestones, compare_with, sources, file,
     name_zh, pinyin, status_verified, vehicle, launch_site, mass_kg, station_mass_kg, crew, sample_returned_g,
     also_destinations, cospar_id, site, aliases, firsts, cite, body) = entry
    sources = tuple(Source(*source) for source in sources)
    return Mission(
        id_, name, country, agency, destination, kinds, status, summary,
        tuple(Milestone(kind, PartialDate(*date), text, sources[source], planned, window)
              for kind, date, text, source, planned, window in milestones),
        compare_with, sources, file, name_zh, pinyin, _from_date(status_verified), vehicle, launch_site, mass_kg,
        station_mass_kg, crew, sample_returned_g, also_destinations, cospar_id,
        LandingSite(site[0], site[1], site[2], sources[site[3]]) if site else None,
        aliases, firsts, {key: sources[place] for key, place in cite.items()}, body,
    )


def _date(date: PartialDate | None) -> tuple | None:
    return None if date is None else (date.year, date.month, date.day, date.hour, date.minute)


def _from_date(parts: Any) -> PartialDate | None:
    return None if parts is None else PartialDate(*parts)
