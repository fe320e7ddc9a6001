"""Pictures drawn from the catalogue as inline SVG: a timeline, landing-site maps, the 2016 plan
against what happened, and bar charts of the numbers that compare missions.

Each function returns one <svg> element as a string; nothing here knows about pages or MkDocs.
Links come in as a function `href(mission_id)` that gives the address relative to the page the
figure goes on. Colours are CSS classes (site.css maps them to the theme's variables), so the same
bytes read well in light and dark mode. Countries and planned dates are told apart by position,
words and dash patterns too, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .dates import PartialDate
from .measures import Measure, amount
from .model import Catalogue, Destination, LandingSite, Milestone, Mission
from .plan import Goal
from .svg import Box, LabelPlacer, document, el, link, num, text_width, to_string, wrap

Href = Callable[[str], str]  # an id -> the address of its page, relative to the current page

ONGOING = ("active", "en-route")  # statuses whose bar runs on to the data's as-of date
# The most missions of one country at one destination that the timeline draws one by one. A fuller
# lane would make the figure taller than any screen (and the home page megabytes at thousands of
# missions), so it says how many it holds (undated ones too) and leaves them to the tables. The same
# number as NAV_LIMIT in pages.py; the real catalogue's fullest lane (China at the Moon) holds 12.
LANE_LIMIT = 30
# Font sizes in the drawing's units, the same as in site.css. The timeline is drawn at its real size
# and scrolls on a phone; the other figures are 400 wide and shrink to fit a 390 px screen, so
# their text is a little larger.
TIMELINE_TEXT, TIMELINE_SMALL = 13, 11.5
TEXT, SMALL = 14, 12
NARROW = 400.0


def _day(date: PartialDate, where: str = "start") -> dt.date:
    return date.start().date() if where == "start" else date.end()


def _when(catalogue: Catalogue, milestone: Milestone) -> str:
    """'7 Dec 2018', 'by 2029 (planned)'."""
    return milestone.when(catalogue.vocab.date_windows, PartialDate.short)


# --- Timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Track:
    """What the timeline draws for one mission: what has flown, what is planned, when it arrived."""

    mission: Mission
    flown: tuple[dt.date, dt.date] | None
    continuing: bool  # still going on the data's as-of date: the flown bar ends in an arrow
    planned: tuple[dt.date, dt.date] | None
    arrival: tuple[dt.date, bool] | None  # the day, and whether it is only planned
    label: str  # the link's accessible name: every date drawn, in words


def track(catalogue: Catalogue, mission: Mission) -> Track | None:
    """The mission's marks, or None when it has no dated milestone besides announcements.

    A planned date is drawn over all the time it may mean: 'in 2028' spans the whole year."""
    as_of = catalogue.site.as_of.end()
    events = [m for m in mission.milestones if m.kind != "announcement"]
    launch = catalogue.launch(mission)
    if launch:  # tests before launch belong to the programme, not the flight
        events = [m for m in events if m.date.end() >= _day(launch.date)]
    if not events:
        return None
    flown = [m for m in events if not m.planned]
    planned = [m for m in events if m.planned]
    continuing = bool(flown) and mission.status in ONGOING
    ended = catalogue.end(mission)
    flown_span = None
    if flown:
        if continuing:
            end = as_of
        elif ended and not ended.planned:  # as in the tables: Tiangong-1 ended in 2016, fell in 2018
            end = _day(ended.date, "end")
        else:  # no end recorded: as far as the last thing that happened
            end = max(_day(m.date, "end") for m in flown)
        flown_span = (_day(flown[0].date), end)
    planned_span = None
    if planned:
        start = flown_span[1] if flown_span else min(_day(m.date) for m in planned)
        planned_span = (start, max(_day(m.date, "end") for m in planned))
    arrival = catalogue.arrival(mission)
    arrival_mark = None
    if arrival:
        first, last = _day(arrival.date), _day(arrival.date, "end")
        arrival_mark = (first + (last - first) / 2, arrival.planned)

    kinds = catalogue.vocab.milestone_kinds
    keys = [m for m in (launch, arrival, ended) if m] or list(dict.fromkeys((events[0], events[-1])))
    said = "; ".join(f"{kinds[m.kind]} {_when(catalogue, m)}" for m in keys)
    country = catalogue.vocab.countries[mission.country]
    status = catalogue.vocab.statuses[mission.status].lower()
    label = f"{mission.name} ({country}, {status}): {said}"
    return Track(mission, flown_span, continuing, planned_span, arrival_mark, label)


@dataclass(frozen=True)
class TimeScale:
    """Years to x, with long empty stretches squeezed into a break (1970 to 1997 holds nothing)."""

    runs: tuple[tuple[int, int, float, float], ...]  # first year, year after the last, x from, x to

    MAX_GAP = 8  # years without a mission that still get drawn to scale
    BREAK = 22.0  # width of a squeezed stretch

    @classmethod
    def fit(cls, spans: Iterable[tuple[dt.date, dt.date]], left: float, right: float) -> TimeScale:
        years = sorted({y for a, b in spans for y in range(a.year, b.year + 1)})
        runs: list[list[int]] = []
        for year in years:
            if runs and year - runs[-1][1] <= cls.MAX_GAP:
                runs[-1][1] = year + 1
            else:
                runs.append([year, year + 1])
        total = sum(b - a for a, b in runs)
        per_year = (right - left - cls.BREAK * (len(runs) - 1)) / total
        placed, x = [], left
        for a, b in runs:
            placed.append((a, b, x, x + (b - a) * per_year))
            x += (b - a) * per_year + cls.BREAK
        return cls(tuple(placed))

    @property
    def per_year(self) -> float:
        a, b, x0, x1 = self.runs[0]
        return (x1 - x0) / (b - a)

    def x(self, day: dt.date) -> float:
        year_length = 366 if day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0) else 365
        years = day.year + (day.timetuple().tm_yday - 1) / year_length
        for a, b, x0, x1 in self.runs:
            if a <= years <= b:
                return x0 + (years - a) * (x1 - x0) / (b - a)
        raise ValueError(f"{day} is outside the time axis")

    def ticks(self) -> list[int]:
        """Round years a label apart; a short run with no round year gets its first year."""
        step = next((s for s in (1, 2, 5, 10, 20, 50) if s * self.per_year >= 42), 100)
        found = []
        for i, (a, b, _, _) in enumerate(self.runs):
            last = b if i == len(self.runs) - 1 else b - 1  # a run's end is the next run's break
            inside = [y for y in range(a, last + 1) if y % step == 0]
            found += inside or [a]
        return found

    def breaks(self) -> list[float]:
        return [x1 + self.BREAK / 2 for (_, _, _, x1) in self.runs[:-1]]


Lane = tuple[Destination | None, str, str, list[Mission]]  # destination, country code, country, missions


def timeline_lanes(catalogue: Catalogue, missions: Sequence[Mission], by_destination: bool = False) -> list[Lane]:
    """The timeline's lanes in drawing order: one per country, within each destination if asked."""
    groups = (
        [(d, [m for m in missions if m.destination == d.id]) for d in catalogue.destinations]
        if by_destination
        else [(None, list(missions))]
    )
    return [
        (destination, code, country, [m for m in members if m.country == code])
        for destination, members in groups
        for code, country in catalogue.vocab.countries.items()
    ]


def drawn_tracks(catalogue: Catalogue, lanes: list[Lane]) -> dict[str, Track]:
    """mission id -> its track, for the missions the timeline draws bar by bar. A lane too full to
    draw is not even measured: its missions' tracks would be thrown away."""
    return {m.id: t for *_, lane in lanes if len(lane) <= LANE_LIMIT for m in lane if (t := track(catalogue, m))}


def draws_bars(catalogue: Catalogue, missions: Sequence[Mission], by_destination: bool = False) -> bool:
    """Whether the timeline draws any mission bar by bar: if not, its caption has no bars to explain."""
    return bool(drawn_tracks(catalogue, timeline_lanes(catalogue, missions, by_destination)))


def timeline(
    catalogue: Catalogue,
    missions: Sequence[Mission],
    href: Href,
    *,
    key: str = "timeline",
    by_destination: bool = False,
    title: str = "Timeline of the missions",
) -> str:
    """Every mission with a date on one time axis; China and the US in lanes of their own, and with
    `by_destination`, the lanes grouped by destination."""
    width, left, right = 680.0, 10.0, 670.0  # 680: the text column of a 1280 px wide screen
    as_of = catalogue.site.as_of.end()
    lanes = timeline_lanes(catalogue, missions, by_destination)
    tracks = drawn_tracks(catalogue, lanes)
    spans = [s for t in tracks.values() for s in (t.flown, t.planned) if s] + [(as_of, as_of)]
    scale = TimeScale.fit(spans, left, right)

    rows: list[tuple[str, Any, float]] = []  # kind, what, height
    headed, undrawn = None, 0
    for destination, code, country, lane in lanes:
        if len(lane) > LANE_LIMIT:
            undrawn += len(lane)
            lane_rows: list[tuple[str, Any, float]] = [("full", (code, country, len(lane)), 44.0)]
        elif any(m.id in tracks for m in lane):
            placed = [(tracks[m.id], _name_side(tracks[m.id], scale, right)) for m in lane if m.id in tracks]
            heights = [38.0 if side == "above" else 24.0 for _, side in placed]
            lane_rows = [("lane", (code, country, sum(heights)), 22.0)]
            lane_rows += [("mission", item, h) for item, h in zip(placed, heights, strict=True)]
        else:
            continue
        if destination and destination is not headed:  # the destination's first lane: its heading
            headed = destination
            rows.append(("group", destination.name, 30.0))
        rows += lane_rows

    # Without a single bar (every lane too full), no time axis, date line or legend: nothing to read on them.
    top = 28.0 if tracks else 0.0
    plot_bottom = top + sum(h for _, _, h in rows)
    height = plot_bottom + (70 if tracks else 10)
    said = []
    if tracks:
        said.append(
            f"{len(tracks):,} mission{'' if len(tracks) == 1 else 's'} from {scale.runs[0][0]} to "
            f"{scale.runs[-1][1] - 1}, in a lane for each country, each a bar from launch to arrival "
            f"to end: solid where it has flown, dashed where it is only planned, an arrow where it goes "
            f"on; a dot marks the arrival, hollow when planned."
        )
    if undrawn:
        said.append(
            f"{undrawn:,} {'more ' if tracks else ''}missions, in lanes of more than {LANE_LIMIT}, are "
            f"too many to draw one by one; the mission tables list them."
        )
    if tracks:
        said.append(f"A line marks {catalogue.site.as_of.human()}, the date of the data.")
    desc = " ".join(said) or "No mission here has a date to draw yet: each is only announced."
    svg = document(key, width, height, title, desc, "fig-timeline")
    svg.set("style", f"min-width:{num(width)}px")

    if tracks:
        axis = el(svg, "g", class_="fig-axis", aria_hidden="true")
        for year in scale.ticks():
            x = scale.x(dt.date(year, 1, 1))
            el(axis, "line", x1=x, y1=top - 6, x2=x, y2=plot_bottom, class_="fig-grid")
            anchor = "start" if x - text_width(str(year), TIMELINE_SMALL) / 2 < 0 else "middle"
            el(axis, "text", str(year), x=x, y=top - 10, text_anchor=anchor, class_="fig-tick")
        for x in scale.breaks():
            el(
                axis,
                "path",
                d=f"M{num(x - 5)} {num(top - 2)}l4 -8M{num(x + 1)} {num(top - 2)}l4 -8",
                class_="fig-break",
            )

    y = top
    for kind, item, row_height in rows:
        if kind == "group":
            el(svg, "text", str(item), x=left, y=y + 21, class_="fig-group")
        elif kind == "lane":
            code, country, lane_height = item
            _lane_box(svg, code, country, left, right, y, row_height + lane_height)
        elif kind == "full":
            code, country, count = item
            _lane_box(svg, code, country, left, right, y, row_height)
            el(
                svg,
                "text",
                f"{count:,} missions: too many to draw one by one; the mission tables list them all",
                x=left,
                y=y + 34,
                class_="fig-note",
            )
        else:
            t, side = item
            _draw_track(svg, t, side, scale, y, href)
        y += row_height

    if tracks:
        today = scale.x(as_of)
        el(svg, "line", x1=today, y1=top - 4, x2=today, y2=plot_bottom + 6, class_="fig-today", aria_hidden="true")
        words = f"{catalogue.site.as_of.short()}: the data's date"
        anchor = "end" if today + text_width(words, TIMELINE_SMALL) > width else "start"
        el(
            svg,
            "text",
            words,
            x=today + (-4 if anchor == "end" else 4),
            y=plot_bottom + 18,
            text_anchor=anchor,
            class_="fig-note",
        )
        _timeline_legend(svg, left, plot_bottom + 44)
    return to_string(svg)


def _lane_box(svg: ET.Element, code: str, country: str, left: float, right: float, y: float, height: float) -> None:
    """A country's lane: a tinted band across the plot, its name at the top left."""
    el(
        svg,
        "rect",
        x=left - 6,
        y=y + 2,
        width=right - left + 12,
        height=height - 4,
        rx=4,
        class_=f"fig-lane fig-{code.lower()}",
    )
    el(svg, "text", country, x=left, y=y + 16, class_=f"fig-lane-label fig-{code.lower()}")


def _extent(t: Track, scale: TimeScale) -> tuple[float, float]:
    """Where the mission's marks start and end, arrow included."""
    spans = [s for s in (t.flown, t.planned) if s]
    start, end = scale.x(spans[0][0]), max(scale.x(spans[-1][1]), scale.x(spans[0][0]) + 3)
    return start, end + (7 if t.continuing and not t.planned else 0)


def _name_side(t: Track, scale: TimeScale, right: float) -> str:
    """After the bar, before it, or, when neither has room, on a line of its own above it."""
    start, end = _extent(t, scale)
    width = text_width(t.mission.name, TIMELINE_TEXT)
    if end + 6 + width <= right + 10:
        return "after"
    return "before" if start - 6 - width >= 0 else "above"


def _draw_track(svg: ET.Element, t: Track, side: str, scale: TimeScale, y: float, href: Href) -> None:
    code = t.mission.country.lower()
    group = link(svg, href(t.mission.id), t.label, "fig-mark")
    bar_h = 14.0
    bar_top = y + (19 if side == "above" else 5)
    if t.flown:
        x0, x1 = scale.x(t.flown[0]), scale.x(t.flown[1])
        x1 = max(x1, x0 + 3)  # a four-day flight still shows
        el(group, "rect", x=x0, y=bar_top, width=x1 - x0, height=bar_h, class_=f"fig-bar fig-{code}")
        if t.continuing:
            el(
                group,
                "path",
                d=f"M{num(x1)} {num(bar_top - 2)}l7 {num(bar_h / 2 + 2)}l-7 {num(bar_h / 2 + 2)}z",
                class_=f"fig-bar fig-{code}",
            )
    if t.planned:
        x0, x1 = scale.x(t.planned[0]), scale.x(t.planned[1])
        el(
            group,
            "rect",
            x=x0,
            y=bar_top + 1,
            width=max(x1 - x0, 3),
            height=bar_h - 2,
            class_=f"fig-bar fig-planned fig-{code}",
        )
    if t.arrival:
        day, planned = t.arrival
        el(
            group,
            "circle",
            cx=scale.x(day),
            cy=bar_top + bar_h / 2,
            r=4.0,
            class_="fig-arrival fig-arrival--planned" if planned else "fig-arrival",
        )
    start, end = _extent(t, scale)
    name = t.mission.name
    if side == "after":
        el(group, "text", name, x=end + 6, y=bar_top + 11, class_="fig-label fig-halo")
    elif side == "before":
        el(group, "text", name, x=start - 6, y=bar_top + 11, text_anchor="end", class_="fig-label fig-halo")
    else:
        el(group, "text", name, x=start, y=bar_top - 5, class_="fig-label fig-halo")


def _timeline_legend(svg: ET.Element, x: float, y: float) -> None:
    legend = el(svg, "g", class_="fig-legend", aria_hidden="true")
    items: list[tuple[str, str, dict[str, Any]]] = [
        ("rect", "flown", dict(width=22, height=12, class_="fig-bar fig-neutral")),
        ("rect", "planned", dict(width=22, height=10, class_="fig-bar fig-planned fig-neutral")),
        ("path", "still going", dict(class_="fig-bar fig-neutral")),
        ("circle", "arrival", dict(r=4.0, class_="fig-arrival")),
        ("circle", "planned arrival", dict(r=4.0, class_="fig-arrival fig-arrival--planned")),
    ]
    for shape, words, attrs in items:
        if shape == "rect":
            el(legend, "rect", x=x, y=y - 10 + (12 - attrs["height"]) / 2, **attrs)
            x += 28
        elif shape == "path":
            el(legend, "path", d=f"M{num(x)} {num(y - 10)}h12l7 6l-7 6h-12z", **attrs)
            x += 25
        else:
            el(legend, "circle", cx=x + 5, cy=y - 4, **attrs)
            x += 14
        el(legend, "text", words, x=x, y=y, class_="fig-note")
        x += text_width(words, TIMELINE_SMALL) + 18


# --- Landing-site maps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Orthographic:
    """A globe seen from far away, centred on the equator at `centre_lon`: north up, east right."""

    centre_lon: float
    cx: float
    cy: float
    r: float

    def project(self, lat: float, lon: float) -> tuple[float, float] | None:
        """x, y of a point, or None when it is on the hidden half of the globe."""
        phi, dlon = math.radians(lat), math.radians(lon - self.centre_lon)
        if math.cos(phi) * math.cos(dlon) < -1e-9:
            return None
        return self.cx + self.r * math.cos(phi) * math.sin(dlon), self.cy - self.r * math.sin(phi)

    def faces(self, lat: float, lon: float) -> bool:
        """On this half of the globe, the limb included."""
        return math.cos(math.radians(lat)) * math.cos(math.radians(lon - self.centre_lon)) >= -1e-9


@dataclass(frozen=True)
class Equirectangular:
    """Longitude and latitude as x and y, the whole globe in a 2:1 rectangle: east right."""

    left: float
    top: float
    width: float

    @property
    def height(self) -> float:
        return self.width / 2

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return self.left + (lon + 180) / 360 * self.width, self.top + (90 - lat) / 180 * self.height


def _lon_label(lon: float) -> str:
    lon = (lon + 180) % 360 - 180
    if lon in (0, -180):
        return f"{abs(int(lon))}°"
    return f"{abs(int(lon))}°{'E' if lon > 0 else 'W'}"


def _lat_label(lat: float) -> str:
    return "0°" if lat == 0 else f"{abs(int(lat))}°{'N' if lat > 0 else 'S'}"


def landing_sites(catalogue: Catalogue, destination_id: str) -> list[Mission]:
    """Missions to the destination that name a landing site, in launch order."""
    return [m for m in catalogue.missions_to(destination_id) if m.landing_site]


def moon_map(catalogue: Catalogue, missions: Sequence[Mission], href: Href, side: str, *, key: str) -> str:
    """One side of the Moon, orthographic, with a graticule every 30° and each landing site on it."""
    size, r = NARROW, 160.0
    globe = Orthographic(0.0 if side == "near" else 180.0, size / 2, 32 + r, r)
    near = Orthographic(0.0, 0, 0, 1)
    here = [
        m
        for m in missions
        if (near.faces(_site(m).lat, _site(m).lon) if side == "near" else not near.faces(_site(m).lat, _site(m).lon))
    ]
    name = {"near": "Near side", "far": "Far side"}[side]
    centre = "0°" if side == "near" else "180°"
    title = f"Landing sites on the Moon's {name.lower()}"
    desc = (
        f"The {name.lower()} of the Moon{', which always faces Earth,' if side == 'near' else ''} seen from "
        f"above {centre} longitude on the equator, north up and east to the right, with lines every "
        f"30° of latitude and longitude. " + _sites_said(catalogue, here)
    )
    height = globe.cy + r + 8
    svg = document(key, size, height, title, desc, "fig-map")
    el(svg, "text", f"{name}, centred on {centre}", x=size / 2, y=16, text_anchor="middle", class_="fig-heading")
    placer = LabelPlacer(Box(0, 22, size, height))

    grid = el(svg, "g", class_="fig-graticule", aria_hidden="true")
    el(grid, "circle", cx=globe.cx, cy=globe.cy, r=r, class_="fig-body")
    for lat in (-60, -30, 0, 30, 60):
        half = r * math.cos(math.radians(lat))
        y = globe.cy - r * math.sin(math.radians(lat))
        el(grid, "line", x1=globe.cx - half, y1=y, x2=globe.cx + half, y2=y, class_="fig-grid")
        if lat:
            words = _lat_label(lat)
            el(grid, "text", words, x=globe.cx - half - 4, y=y + 4, text_anchor="end", class_="fig-tick")
            placer.block(Box(globe.cx - half - 4 - text_width(words, SMALL), y - 8, globe.cx - half - 4, y + 4))
    for step in (-60, -30, 0, 30, 60):
        rx = abs(r * math.sin(math.radians(step)))
        top, bottom = globe.cy - r, globe.cy + r
        if step == 0:
            el(grid, "line", x1=globe.cx, y1=top, x2=globe.cx, y2=bottom, class_="fig-grid")
        else:
            sweep = 1 if step > 0 else 0
            el(
                grid,
                "path",
                d=f"M{num(globe.cx)} {num(top)}A{num(rx)} {num(r)} 0 0 {sweep} {num(globe.cx)} {num(bottom)}",
                class_="fig-grid",
            )
        x = globe.cx + r * math.sin(math.radians(step))
        words = _lon_label(globe.centre_lon + step)
        el(grid, "text", words, x=x + 3, y=globe.cy + 14, class_="fig-tick")
        placer.block(Box(x + 3, globe.cy + 3, x + 3 + text_width(words, SMALL), globe.cy + 16))
    _draw_sites(svg, catalogue, here, globe.project, href, placer)
    return to_string(svg)


def mars_map(catalogue: Catalogue, missions: Sequence[Mission], href: Href, *, key: str) -> str:
    """The whole of Mars, equirectangular, with a graticule every 30° and each landing site on it."""
    width = NARROW
    plane = Equirectangular(36.0, 28.0, 340.0)  # room for the 180° labels at both ends
    height = plane.top + plane.height + 24
    title = "Landing sites on Mars"
    desc = (
        "A map of all of Mars, longitude across and latitude up, east to the right, with lines every "
        "30°. " + _sites_said(catalogue, missions)
    )
    svg = document(key, width, height, title, desc, "fig-map")
    el(
        svg,
        "text",
        "Mars, all longitudes",
        x=plane.left + plane.width / 2,
        y=16,
        text_anchor="middle",
        class_="fig-heading",
    )
    placer = LabelPlacer(Box(0, 22, width, height))
    grid = el(svg, "g", class_="fig-graticule", aria_hidden="true")
    el(grid, "rect", x=plane.left, y=plane.top, width=plane.width, height=plane.height, class_="fig-body")
    for lat in range(-60, 61, 30):
        _, y = plane.project(lat, 0)
        el(grid, "line", x1=plane.left, y1=y, x2=plane.left + plane.width, y2=y, class_="fig-grid")
        el(grid, "text", _lat_label(lat), x=plane.left - 4, y=y + 4, text_anchor="end", class_="fig-tick")
    for lon in range(-150, 151, 30):
        x, _ = plane.project(0, lon)
        el(grid, "line", x1=x, y1=plane.top, x2=x, y2=plane.top + plane.height, class_="fig-grid")
    for lon in range(-180, 181, 60):
        x, _ = plane.project(0, lon)
        el(
            grid,
            "text",
            _lon_label(lon) if abs(lon) != 180 else "180°",
            x=x,
            y=plane.top + plane.height + 16,
            text_anchor="middle",
            class_="fig-tick",
        )
    _draw_sites(svg, catalogue, missions, plane.project, href, placer)
    return to_string(svg)


def _site(mission: Mission) -> LandingSite:
    """The landing site of a mission drawn on a map: landing_sites() lists only those that have one."""
    assert mission.landing_site is not None
    return mission.landing_site


def _sites_said(catalogue: Catalogue, missions: Sequence[Mission]) -> str:
    if not missions:
        return "No landing site is on this side yet."
    return (
        "Landing sites: "
        + "; ".join(f"{m.name} ({catalogue.vocab.countries[m.country]}), {_site(m).name}" for m in missions)
        + "."
    )


def _draw_sites(svg, catalogue, missions, project, href: Href, placer: LabelPlacer) -> None:
    points = [(m, project(_site(m).lat, _site(m).lon)) for m in missions]
    for _, (x, y) in points:  # every marker first, so that no label covers one
        placer.block(Box(x - 6, y - 6, x + 6, y + 6))
    for m, (x, y) in points:
        site = _site(m)
        country = catalogue.vocab.countries[m.country]
        north_south, east_west = "N" if site.lat >= 0 else "S", "E" if site.lon >= 0 else "W"
        where = f"{abs(site.lat):.2f}° {north_south}, {abs(site.lon):.2f}° {east_west}"
        group = link(svg, href(m.id), f"{m.name} ({country}): {site.name}, {where}", "fig-mark")
        el(group, "circle", cx=x, cy=y, r=5.5, class_=f"fig-site fig-{m.country.lower()}")
        spot = placer.place(x, y, m.name, TEXT, 9)
        el(group, "text", m.name, x=spot.x, y=spot.y, text_anchor=spot.anchor, class_="fig-label fig-halo")


# --- The white papers' plans against what happened ------------------------------------------------


def plan_chart(
    catalogue: Catalogue, goals: Sequence[Goal], mission_href: Href, goal_href: Href, *, key: str = "plan-chart"
) -> str:
    """Per goal: the window of the graded target as a band, the delivery (or the date now planned) as a
    dot (or a dashed box as wide as the date is vague), and the slip between them as a line."""
    width, left, right = NARROW, 8.0, NARROW - 8
    as_of = catalogue.site.as_of.end()
    spans = [(as_of, as_of)]
    for goal in goals:
        window = goal.target
        spans.append((window.first_day or _day(goal.graded.date), window.last_day))
        done = goal.delivered.milestone.date
        spans.append((_day(done), _day(done, "end")))
    first = min(a for a, _ in spans).year
    last = max(b for _, b in spans).year + 1
    scale = TimeScale(((first, last, left, right),))

    papers = sorted({goal.paper for goal in goals})
    named = _goal_names(goals, several_papers=len(papers) > 1)
    layout, y = [], 40.0
    for goal in goals:
        lines = wrap(named[goal.id], right - left, TEXT)
        layout.append((goal, lines, y))
        y += len(lines) * 17 + 44
    height = y + 52
    which = f"{_papers_named(papers)} plan{'s' if len(papers) > 1 else ''}"
    desc = (
        f"For each goal of China's {which}, the window of the graded target is a shaded band, "
        "the delivery a dot (a dashed box when it is still only planned, as wide as the date is "
        "known), and a line from the end of the window shows the slip. Goals: "
        + "; ".join(
            f"{named[g.id]}: {g.graded.possessive} target {g.target.label()}, {g.verdict.label.lower()}" for g in goals
        )
        + "."
    )
    svg = document(key, width, height, f"The {which} against what happened", desc, "fig-plan")

    axis = el(svg, "g", class_="fig-axis", aria_hidden="true")
    half_label = text_width("2000", SMALL) / 2  # a year's label stays inside the drawing
    for year in scale.ticks():
        x = scale.x(dt.date(year, 1, 1))
        el(axis, "line", x1=x, y1=28, x2=x, y2=y, class_="fig-grid")
        at = min(max(x, left + half_label), right - half_label)
        el(axis, "text", str(year), x=at, y=20, text_anchor="middle", class_="fig-tick")

    for goal, lines, top in layout:
        _draw_goal(svg, catalogue, goal, named[goal.id], lines, top, scale, mission_href, goal_href, right)

    today = scale.x(as_of)
    el(svg, "line", x1=today, y1=28, x2=today, y2=y + 2, class_="fig-today", aria_hidden="true")
    el(
        svg,
        "text",
        f"{catalogue.site.as_of.short()}: the data's date",
        x=today - 4,
        y=y + 12,
        text_anchor="end",
        class_="fig-note",
    )
    y += 18
    legend = el(svg, "g", class_="fig-legend", aria_hidden="true")
    x = left
    for shape, words in (("band", "target"), ("dot", "delivered"), ("box", "planned now"), ("slip", "slip")):
        if shape == "band":
            el(legend, "rect", x=x, y=y + 10, width=22, height=12, class_="fig-window")
        elif shape == "dot":
            el(legend, "circle", cx=x + 6, cy=y + 16, r=5.0, class_="fig-done")
        elif shape == "box":
            el(legend, "rect", x=x, y=y + 10, width=16, height=12, class_="fig-planned-box")
        else:
            el(legend, "line", x1=x, y1=y + 16, x2=x + 22, y2=y + 16, class_="fig-slip")
        x += 28
        el(legend, "text", words, x=x, y=y + 20, class_="fig-note")
        x += text_width(words, SMALL) + 14
    return to_string(svg)


def _goal_names(goals: Sequence[Goal], several_papers: bool) -> dict[str, str]:
    """A goal's label: its title, after its paper's year when the chart shows several papers."""
    return {goal.id: f"{goal.paper}: {goal.title}" if several_papers else goal.title for goal in goals}


def _papers_named(papers: list[str]) -> str:
    """'2016', '2011, 2016 and 2021'."""
    return papers[0] if len(papers) == 1 else f"{', '.join(papers[:-1])} and {papers[-1]}"


def _draw_goal(
    svg,
    catalogue: Catalogue,
    goal: Goal,
    name: str,
    lines,
    top,
    scale: TimeScale,
    mission_href: Href,
    goal_href: Href,
    right: float,
) -> None:
    window = goal.target
    delivery = goal.delivered
    verdict = goal.verdict
    title = link(
        svg,
        goal_href(goal.id),
        f"{name}: {goal.graded.possessive} target {window.label()}; {verdict.label.lower()}",
        "fig-mark",
    )
    heading = el(title, "text", x=scale.runs[0][2], y=top, class_="fig-label fig-goal")
    for i, line in enumerate(lines):
        el(heading, "tspan", line, x=scale.runs[0][2], dy="0" if i == 0 else "17")
    track_y = top + (len(lines) - 1) * 17 + 10
    mid = track_y + 9

    start = window.first_day or _day(goal.graded.date)
    x0, x1 = scale.x(start), scale.x(window.last_day)
    el(svg, "rect", x=x0, y=track_y, width=max(x1 - x0, 3), height=18, class_="fig-window", aria_hidden="true")

    done = delivery.milestone
    d0, d1 = scale.x(_day(done.date)), scale.x(_day(done.date, "end"))
    if verdict.kind in ("late", "planned-after"):
        el(svg, "line", x1=x1, y1=mid, x2=d0, y2=mid, class_="fig-slip", aria_hidden="true")
    elif verdict.kind in ("early", "planned-before"):
        el(svg, "line", x1=d1, y1=mid, x2=x0, y2=mid, class_="fig-slip", aria_hidden="true")
    kind = catalogue.vocab.milestone_kinds[done.kind].lower()
    said = f"{delivery.mission.name}: {kind} {_when(catalogue, done)}; {verdict.label.lower()}"
    mark = link(svg, mission_href(delivery.mission.id), said, "fig-mark")
    if done.planned:
        el(mark, "rect", x=d0, y=track_y - 2, width=max(d1 - d0, 8), height=22, class_="fig-planned-box")
        marks = (d0, max(d1, d0 + 8))
    else:
        el(mark, "circle", cx=d0, cy=mid, r=6.0, class_="fig-done")
        marks = (d0 - 6, d0 + 6)
    words = verdict.label
    lo, hi = min(x0, marks[0]), max(x1, marks[1])
    if hi + 6 + text_width(words, SMALL) <= right + 8:
        el(svg, "text", words, x=hi + 6, y=mid + 4, class_=f"fig-verdict fig-verdict--{verdict.kind}")
    else:
        el(
            svg,
            "text",
            words,
            x=lo - 6,
            y=mid + 4,
            text_anchor="end",
            class_=f"fig-verdict fig-verdict--{verdict.kind}",
        )


# --- Bar charts of a number per mission ---------------------------------------------------------


def too_many_bars(missions: Sequence[Mission], measure: Measure) -> bool:
    """Whether more than LANE_LIMIT missions have the number: a chart of them all would be taller
    than any screen and compare nothing, so it is not drawn; the table beside it has every number."""
    return sum(1 for m in missions if measure.value(m) is not None) > LANE_LIMIT


def bar_chart(
    catalogue: Catalogue, missions: Sequence[Mission], measure: Measure, href: Href, *, key: str, least: int = 2
) -> str | None:
    """A bar per mission that has the number, longest to the right; None when fewer than `least`
    missions have it, since one bar compares nothing. Callers leave out `too_many_bars`."""
    rows = [(m, v) for m in missions if (v := measure.value(m)) is not None]
    if len(rows) < least:
        return None
    width, left, right = NARROW, 8.0, NARROW - 8
    room = 92.0  # for the number after the longest bar
    most = max(v for _, v in rows)
    row_h = 42.0
    height = 30 + row_h * len(rows) + 8
    said = "; ".join(f"{m.name} ({catalogue.vocab.countries[m.country]}): {amount(v, measure.unit)}" for m, v in rows)
    svg = document(key, width, height, measure.title, f"{measure.title}, mission by mission: {said}.", "fig-bars")
    el(svg, "text", f"{measure.title} ({measure.unit})", x=left, y=16, class_="fig-heading")
    y = 28.0
    el(svg, "line", x1=left, y1=y, x2=left, y2=y + row_h * len(rows), class_="fig-grid", aria_hidden="true")
    for m, value in rows:
        country = catalogue.vocab.countries[m.country]
        said_here = amount(value, measure.unit)
        group = link(svg, href(m.id), f"{m.name} ({country}): {said_here}", "fig-mark")
        el(group, "text", f"{m.name} · {country}", x=left, y=y + 14, class_="fig-label")
        length = max((right - left - room) * value / most, 2)
        el(group, "rect", x=left, y=y + 20, width=length, height=15, class_=f"fig-bar fig-{m.country.lower()}")
        el(group, "text", said_here, x=left + length + 6, y=y + 32, class_="fig-value")
        y += row_h
    return to_string(svg)
