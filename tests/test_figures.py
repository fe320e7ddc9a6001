"""The figures: valid SVG, one mark per mission, positions that follow the data, the same bytes
every time, and in the real build, on the pages they belong to with links that resolve."""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from missionsite import dataset, figures, measures
from missionsite.figures import Equirectangular, Orthographic, TimeScale
from missionsite.model import LandingSite
from missionsite.render import Renderer
from missionsite.urls import url

NS = {"svg": "http://www.w3.org/2000/svg"}
A = "{http://www.w3.org/2000/svg}a"
HREF = "href"  # a plain href, no xlink: see svg.link


@pytest.fixture
def catalogue(real_catalogue):
    return real_catalogue


def href(mission_id: str) -> str:
    return f"../missions/{mission_id}/"


def links(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(".//svg:a", NS)


def linked_ids(svg: str) -> list[str]:
    return [a.get(HREF).split("/")[-2] for a in links(svg) if a.get(HREF).startswith("../missions/")]


def is_accessible(svg: str) -> None:
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    for attribute in ("aria-labelledby", "aria-describedby"):
        target = root.find(f".//*[@id='{root.get(attribute)}']")
        assert target is not None and target.text.strip(), attribute
    for a in root.iter(A):
        assert a.get("aria-label"), ET.tostring(a)[:80]


# --- Timeline ------------------------------------------------------------------------------------


def test_timeline_has_one_link_per_mission_with_a_date(catalogue):
    svg = figures.timeline(catalogue, catalogue.missions, href, by_destination=True)
    is_accessible(svg)
    dated = [m.id for m in catalogue.missions if any(x.kind != "announcement" for x in m.milestones)]
    assert sorted(linked_ids(svg)) == sorted(dated)


def test_timeline_draws_planned_spans_dashed_and_flown_spans_solid(catalogue):
    root = ET.fromstring(figures.timeline(catalogue, catalogue.missions_to("mars"), href))
    marks = {a.get(HREF).split("/")[-2]: a for a in root.iter(A)}
    planned = lambda a: [r for r in a.iter(f"{{{NS['svg']}}}rect") if "fig-planned" in r.get("class")]  # noqa: E731
    assert planned(marks["tianwen-3"]) and not planned(marks["perseverance"])
    assert marks["perseverance"].find("svg:path", NS) is not None  # still going: an arrow
    assert "(planned)" in marks["tianwen-3"].get("aria-label")


def test_a_date_known_to_the_year_spans_the_whole_year(catalogue):
    tianwen_3 = catalogue.mission("tianwen-3")
    track = figures.track(catalogue, tianwen_3)
    assert track.flown is None
    assert (track.planned[0].isoformat(), track.planned[1].isoformat()) == ("2028-01-01", "2028-12-31")


def test_timeline_bars_sit_on_the_time_axis(catalogue):
    chang_e_4 = catalogue.mission("chang-e-4")
    scale = TimeScale.fit([(figures.track(catalogue, chang_e_4).flown)], 0, 100)
    root = ET.fromstring(figures.timeline(catalogue, [chang_e_4], href))
    bar = root.find(".//svg:a/svg:rect", NS)
    ticks = {
        t.text: float(t.get("x")) for t in root.iter(f"{{{NS['svg']}}}text") if "fig-tick" in (t.get("class") or "")
    }
    per_year = (ticks["2020"] - ticks["2019"]) if "2019" in ticks else (ticks["2025"] - ticks["2020"]) / 5
    launch_year = 2018 + (341 - 1) / 365  # 7 December 2018
    expected = ticks["2020"] - (2020 - launch_year) * per_year
    assert abs(float(bar.get("x")) - expected) <= 0.5
    assert scale.x(chang_e_4.milestones[0].date.start().date()) < scale.x(catalogue.site.as_of.end())


def test_a_lane_too_full_to_draw_says_how_many_it_holds(catalogue):
    """At thousands of missions a lane of bars would be taller than any screen: it is counted instead."""
    chang_e_4 = catalogue.mission("chang-e-4")
    copies = [chang_e_4.edited(id=f"copy-{n}", name=f"Copy {n}") for n in range(figures.LANE_LIMIT + 1)]
    juno = catalogue.mission("juno")
    svg = figures.timeline(catalogue, [*copies, juno], href, by_destination=True)
    is_accessible(svg)
    assert linked_ids(svg) == ["juno"]
    texts = [t.text for t in ET.fromstring(svg).iter(f"{{{NS['svg']}}}text")]
    assert f"{figures.LANE_LIMIT + 1} missions: too many to draw one by one; the mission tables list them all" in texts
    assert {"The Moon", "The Jupiter system", "China", "United States"} <= set(texts)
    desc = ET.fromstring(svg).find("svg:desc", NS).text
    assert desc.startswith("1 mission from 2011 to 2026, in a lane for each country")
    assert f"{figures.LANE_LIMIT + 1} more missions, in lanes of more than {figures.LANE_LIMIT}" in desc


def test_a_lane_at_the_limit_is_drawn_one_by_one(catalogue):
    chang_e_4 = catalogue.mission("chang-e-4")
    copies = [chang_e_4.edited(id=f"copy-{n}", name=f"Copy {n}") for n in range(figures.LANE_LIMIT)]
    svg = figures.timeline(catalogue, copies, href)
    assert len(linked_ids(svg)) == figures.LANE_LIMIT
    assert "too many" not in svg


def test_a_timeline_of_only_full_lanes_has_no_empty_axis(catalogue):
    """The synthetic catalogues' case from 500 missions up: nothing drawn bar by bar, so no time axis,
    no date line and no legend for bars that are not there, and a description that says why."""
    chang_e_4 = catalogue.mission("chang-e-4")
    copies = [chang_e_4.edited(id=f"copy-{n}", name=f"Copy {n}") for n in range(figures.LANE_LIMIT + 1)]
    svg = figures.timeline(catalogue, copies, href)
    is_accessible(svg)
    root = ET.fromstring(svg)
    assert root.find("svg:desc", NS).text == (
        f"{figures.LANE_LIMIT + 1} missions, in lanes of more than {figures.LANE_LIMIT}, are too many to draw "
        "one by one; the mission tables list them."
    )
    classes = {c for element in root.iter() for c in (element.get("class") or "").split()}
    assert not classes & {"fig-axis", "fig-today", "fig-legend"}
    assert not links(svg)


def test_a_timeline_draws_bars_unless_every_lane_is_too_full(catalogue):
    chang_e_4 = catalogue.mission("chang-e-4")
    copies = [chang_e_4.edited(id=f"copy-{n}", name=f"Copy {n}") for n in range(figures.LANE_LIMIT + 1)]
    assert figures.draws_bars(catalogue, catalogue.missions, by_destination=True)
    assert not figures.draws_bars(catalogue, copies)
    assert figures.draws_bars(catalogue, [*copies, catalogue.mission("juno")], by_destination=True)


def test_a_timeline_without_a_dated_mission_still_describes_itself(catalogue):
    chang_e_7 = catalogue.mission("chang-e-7")
    announced = chang_e_7.edited(milestones=tuple(m for m in chang_e_7.milestones if m.kind == "announcement"))
    svg = figures.timeline(catalogue, [announced], href)
    is_accessible(svg)
    assert not links(svg)


def test_long_empty_stretches_of_time_are_squeezed():
    import datetime as dt

    scale = TimeScale.fit(
        [(dt.date(1969, 7, 16), dt.date(1969, 7, 24)), (dt.date(2007, 1, 1), dt.date(2026, 1, 1))], 0, 600
    )
    assert len(scale.runs) == 2 and len(scale.breaks()) == 1
    assert 1969 in scale.ticks() and 1970 not in scale.ticks()


def test_the_whole_range_of_dates_the_data_allows_gets_an_axis():
    """From 1950 to 2100 on a narrow axis: a label every hundred years at worst, never no step at all."""
    import datetime as dt

    from missionsite.dates import FIRST_YEAR, LAST_YEAR

    spans = [(dt.date(year, 1, 1), dt.date(year, 12, 31)) for year in range(FIRST_YEAR, LAST_YEAR + 1, 7)]
    scale = TimeScale.fit(spans, 0, 100)
    assert scale.ticks() and scale.ticks() == sorted(scale.ticks())


# --- Maps ----------------------------------------------------------------------------------------


def site_marks(svg: str) -> dict[str, tuple[float, float]]:
    found = {}
    for a in links(svg):
        circle = a.find("svg:circle", NS)
        found[a.get(HREF).split("/")[-2]] = (float(circle.get("cx")), float(circle.get("cy")))
    return found


def disc(svg: str) -> tuple[float, float, float]:
    body = ET.fromstring(svg).find(".//svg:circle[@class='fig-body']", NS)
    return float(body.get("cx")), float(body.get("cy")), float(body.get("r"))


def with_site(catalogue, mission_id: str, lat: float, lon: float):
    mission = catalogue.mission(mission_id)
    return mission.edited(
        landing_site=LandingSite.model_construct(name="test site", lat=lat, lon=lon, source=mission.sources[0].id)
    )


def test_every_landing_site_is_on_exactly_one_moon_map(catalogue):
    sites = figures.landing_sites(catalogue, "moon")
    near = figures.moon_map(catalogue, sites, href, "near", key="near")
    far = figures.moon_map(catalogue, sites, href, "far", key="far")
    for svg in (near, far):
        is_accessible(svg)
    assert sorted(linked_ids(near) + linked_ids(far)) == sorted(m.id for m in sites)
    assert {"apollo-11", "chang-e-3", "chang-e-5"} <= set(linked_ids(near))
    assert {"chang-e-4", "chang-e-6"} <= set(linked_ids(far))


def test_a_site_at_0_north_0_east_lands_in_the_middle_of_the_near_side(catalogue):
    svg = figures.moon_map(catalogue, [with_site(catalogue, "chang-e-3", 0, 0)], href, "near", key="near")
    cx, cy, _ = disc(svg)
    assert site_marks(svg)["chang-e-3"] == pytest.approx((cx, cy), abs=0.5)


def test_a_site_at_0_north_180_east_lands_in_the_middle_of_the_far_side(catalogue):
    svg = figures.moon_map(catalogue, [with_site(catalogue, "chang-e-4", 0, 180)], href, "far", key="far")
    cx, cy, _ = disc(svg)
    assert site_marks(svg)["chang-e-4"] == pytest.approx((cx, cy), abs=0.5)


@pytest.mark.parametrize("mission_id, side, centre", [("apollo-11", "near", 0), ("chang-e-6", "far", 180)])
def test_known_landing_sites_land_where_the_projection_puts_them(catalogue, mission_id, side, centre):
    """Orthographic: x = r·cos φ·sin(λ − λ0), y = −r·sin φ from the disc's centre (north up)."""
    mission = catalogue.mission(mission_id)
    svg = figures.moon_map(catalogue, [mission], href, side, key=side)
    cx, cy, r = disc(svg)
    lat, lon = math.radians(mission.landing_site.lat), math.radians(mission.landing_site.lon - centre)
    expected = (cx + r * math.cos(lat) * math.sin(lon), cy - r * math.sin(lat))
    assert site_marks(svg)[mission_id] == pytest.approx(expected, abs=0.5)


def test_north_is_up_and_east_is_right_on_both_sides():
    for centre in (0, 180):
        globe = Orthographic(centre, 100, 100, 50)
        x, y = globe.project(30, centre + 20)
        assert x > 100 and y < 100
        assert globe.project(0, centre + 120) is None  # behind the limb


def test_mars_sites_land_at_their_longitude_and_latitude(catalogue):
    sites = figures.landing_sites(catalogue, "mars")
    svg = figures.mars_map(catalogue, sites, href, key="mars")
    is_accessible(svg)
    body = ET.fromstring(svg).find(".//svg:rect[@class='fig-body']", NS)
    left, top, width = float(body.get("x")), float(body.get("y")), float(body.get("width"))
    assert float(body.get("height")) == pytest.approx(width / 2)
    marks = site_marks(svg)
    assert sorted(marks) == sorted(m.id for m in sites)
    for m in sites:
        expected = (left + (m.landing_site.lon + 180) / 360 * width, top + (90 - m.landing_site.lat) / 180 * width / 2)
        assert marks[m.id] == pytest.approx(expected, abs=0.5)
    assert Equirectangular(0, 0, 360).project(0, 0) == (180, 90)  # 360 wide, 180 high


# --- Plan and bar charts -------------------------------------------------------------------------


def test_plan_chart_links_every_goal_and_its_delivering_mission(catalogue):
    svg = figures.plan_chart(catalogue, catalogue.goals, href, lambda goal: f"../plan/#{goal}")
    is_accessible(svg)
    hrefs = [a.get(HREF) for a in links(svg)]
    assert [h for h in hrefs if "#" in h] == [f"../plan/#{g.id}" for g in catalogue.goals]
    assert linked_ids(svg) == [g.delivered.mission.id for g in catalogue.goals]
    labels = [a.get("aria-label") for a in links(svg) if "#" in a.get(HREF)]
    for goal, label in zip(catalogue.goals, labels, strict=True):
        # All the papers on one chart: each goal after its paper's year.
        assert label.startswith(f"{goal.paper}: {goal.title}") and goal.verdict.label.lower() in label, label
    one_paper = [g for g in catalogue.goals if g.paper == "2016"]
    svg = figures.plan_chart(catalogue, one_paper, href, lambda goal: f"../plan/#{goal}")
    labels = [a.get("aria-label") for a in links(svg) if "#" in a.get(HREF)]
    assert [label.split(":")[0] for label in labels] == [g.title for g in one_paper]


def test_bar_lengths_follow_the_numbers(catalogue):
    measure = next(m for m in measures.for_destination(catalogue, "moon") if m.key == "days-to-arrive")
    svg = figures.bar_chart(catalogue, catalogue.missions_to("moon"), measure, href, key="days")
    is_accessible(svg)
    bars = {a.get(HREF).split("/")[-2]: float(a.find("svg:rect", NS).get("width")) for a in links(svg)}
    days = {m: catalogue.days_to_arrive(catalogue.mission(m)) for m in bars}
    longest = max(days, key=days.get)
    for mission_id, width in bars.items():
        assert width == pytest.approx(bars[longest] * days[mission_id] / days[longest], abs=0.5)


def test_station_bars_follow_mass_in_orbit_and_crew(catalogue):
    stations = catalogue.missions_to("station")
    mass, crew = measures.for_destination(catalogue, "station")
    widths = {}
    for measure in (mass, crew):
        svg = figures.bar_chart(catalogue, stations, measure, href, key=measure.key)
        is_accessible(svg)
        widths[measure.key] = {
            a.get(HREF).split("/")[-2]: float(a.find("svg:rect", NS).get("width")) for a in links(svg)
        }
    # The ISS (418.19 t, 7 aboard) has the longest bars; Tiangong (66 t, 3 aboard) is drawn to scale.
    assert max(widths["station-mass"], key=widths["station-mass"].get) == "iss"
    assert widths["station-mass"]["tiangong"] == pytest.approx(widths["station-mass"]["iss"] * 66 / 418.19, abs=0.5)
    assert widths["crew"]["tiangong"] == pytest.approx(widths["crew"]["iss"] * 3 / 7, abs=0.5)
    # Tiangong-1 was launched whole: its launch mass is its mass in orbit.
    assert mass.value(catalogue.mission("tiangong-1")) == catalogue.mission("tiangong-1").mass_kg / 1000


def test_a_single_number_makes_no_chart(catalogue):
    measure = next(m for m in measures.for_destination(catalogue, "asteroids") if m.key == "samples-returned")
    assert figures.bar_chart(catalogue, catalogue.missions_to("asteroids"), measure, href, key="s") is None


# --- Every figure: escaping and determinism -------------------------------------------------------


def all_figures(catalogue) -> list[str]:
    moon = figures.landing_sites(catalogue, "moon")
    drawn = [
        figures.timeline(catalogue, catalogue.missions, href, by_destination=True),
        figures.moon_map(catalogue, moon, href, "near", key="n"),
        figures.moon_map(catalogue, moon, href, "far", key="f"),
        figures.mars_map(catalogue, figures.landing_sites(catalogue, "mars"), href, key="m"),
        figures.plan_chart(catalogue, catalogue.goals, href, href),
    ]
    for measure in measures.for_destination(catalogue, "moon"):
        drawn.append(figures.bar_chart(catalogue, catalogue.missions_to("moon"), measure, href, key=measure.key))
    return [svg for svg in drawn if svg]


def test_the_same_data_gives_the_same_bytes(catalogue):
    assert all_figures(catalogue) == all_figures(dataset.load_all(ROOT / "data", ROOT))


def test_names_with_markup_stay_text(catalogue):
    name = 'Juno <script>alert("x")</script> & Co'
    juno = catalogue.mission("chang-e-4").edited(name=name)
    for svg in (figures.timeline(catalogue, [juno], href), figures.moon_map(catalogue, [juno], href, "far", key="far")):
        root = ET.fromstring(svg)
        assert root.find(".//svg:script", NS) is None
        assert name in [t.text for t in root.iter(f"{{{NS['svg']}}}text")]


def test_links_are_addresses_relative_to_the_page():
    assert url("missions/juno.md", "moon/index.md") == "../missions/juno/"
    assert url("missions/juno.md", "index.md") == "missions/juno/"
    assert url("plan.md#far-side-landing", "plan.md") == "./#far-side-landing"
    assert url("missions/juno.md", "moon/index.md", directory_urls=False) == "../missions/juno.html"


# --- The real build --------------------------------------------------------------------------------

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
FIGURES_ON = {
    "": {"timeline", "plan-chart"},
    "plan": {"plan-chart"},
    "moon": {
        "timeline",
        "map-moon-near",
        "map-moon-far",
        "bars-days-to-arrive",
        "bars-launch-mass",
        "bars-samples-returned",
    },
    "mars": {"timeline", "map-mars", "bars-days-to-arrive"},
    "station": {"timeline", "bars-station-mass", "bars-crew"},
    "asteroids": {"timeline"},
    "jupiter": {"timeline"},
}


def svgs_on(site: Path, path: str) -> list[ET.Element]:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return [ET.fromstring(svg) for svg in SVG.findall(html) if 'class="fig ' in svg]


@pytest.mark.parametrize("path", sorted(FIGURES_ON))
def test_figures_are_on_their_pages(built_site, path):
    found = svgs_on(built_site, path)
    keys = {svg.get("aria-labelledby").removesuffix("-title") for svg in found}
    assert FIGURES_ON[path] <= keys, keys
    ids = [e.get("id") for svg in found for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "an id is used twice on the page"


def test_figures_point_to_their_tables(built_site):
    html = (built_site / "moon" / "index.html").read_text(encoding="utf-8")
    assert "The same dates are in the tables below" in html
    assert re.search(r"<details class=\"site-details\">\s*<summary>The landing sites as a table</summary>", html)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="missions/">all missions</a>' in home


def test_figures_stay_out_of_the_search_index(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Timeline of the missions" not in index
    assert "The landing sites as a table" in index  # the table, though, is found


def test_a_flown_bar_ends_at_the_end_of_mission_the_tables_show(catalogue):
    tiangong_1 = figures.track(catalogue, catalogue.mission("tiangong-1"))
    assert tiangong_1.flown[1].isoformat() == "2016-03-31"  # end of mission, not the 2018 reentry
    chang_e_5 = figures.track(catalogue, catalogue.mission("chang-e-5"))
    assert chang_e_5.flown[1].isoformat() == "2020-12-16"  # no end recorded: the sample's return


def test_a_number_too_many_missions_have_is_left_to_the_table(catalogue):
    """At thousands of missions a bar chart of one number would be taller than any screen: the
    destination page draws the numbers few enough missions have, and says which it left to the table."""
    chang_e_4 = catalogue.mission("chang-e-4")
    copies = [chang_e_4.edited(id=f"copy-{n}", name=f"Copy {n}") for n in range(figures.LANE_LIMIT)]
    crowded = dataclasses.replace(
        catalogue,
        missions=(*catalogue.missions, *copies),
        compared={**catalogue.compared, **{c.id: () for c in copies}},
    )
    renderer = Renderer.for_catalogue(crowded)
    markdown = renderer.env.get_template("destination.md.j2").render(
        here="moon/index.md", destination=crowded.destination("moon")
    )
    page = renderer.aside.put_back(markdown)
    # Chang'e 4 has a time to arrive but no launch mass in the data: 30 copies take only that past the limit.
    assert (
        "Not drawn as bars, since more than 30 missions have each: Days from launch to arrival. "
        "The table above has every number."
    ) in page
    charts = re.findall(r'<svg[^>]*class="fig fig-bars"[^>]*>', page)
    assert len(charts) == 2 and not [c for c in charts if "bars-days-to-arrive" in c]  # launch mass, samples
    days = next(m for m in measures.for_destination(crowded, "moon") if m.key == "days-to-arrive")
    assert figures.too_many_bars(crowded.missions_to("moon"), days)
    assert not figures.too_many_bars(catalogue.missions_to("moon"), days)
