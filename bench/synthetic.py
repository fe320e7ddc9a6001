"""Synthetic mission files in the real data format, for catalogues of any size.

The missions are invented and obviously so ("Bench Lunar Orbiter 17"); they exist only in a
temporary folder. Each file passes the real validator: a status that matches its milestones, dates
in order and on the right side of the data's as-of date, a source for every fact, and a
comparison with the other country's mission of the same pair.
"""

from __future__ import annotations

from pathlib import Path

DESTINATIONS = ("moon", "mars", "station", "asteroids", "jupiter")
PLACES = {"moon": "Lunar", "mars": "Mars", "station": "Orbital", "asteroids": "Asteroid", "jupiter": "Jovian"}
# Chinese names from the real programmes' characters, which the preview font's subset holds: a
# character it lacks stops the build (glyphs.py).
PROGRAMMES_ZH = {"moon": "嫦娥", "mars": "天问", "station": "天宫", "asteroids": "天问", "jupiter": "天问"}
KINDS = ("orbiter", "lander", "rover", "flyby")
STATUSES = ("completed", "active", "failed", "planned")

BODY = """\
Bench {place} {kind} {number} is an invented mission of the benchmark catalogue. It exists so that
the build can be measured at the size of a large catalogue; nothing on this page is a fact.

Its page has the same parts as a real mission's page: a fact box, milestones with sources, a
comparison with a mission of the other country and a list of sources. This paragraph gives the
narrative the length of a short real one, so that pages weigh what real pages weigh.
"""


def mission_id(index: int) -> str:
    return f"bench-{index:05d}"


def mission_yaml(index: int, count: int) -> str:
    """The YAML of the synthetic mission `index` of `count`: even ones are Chinese, odd ones
    American, and each pair (2k, 2k+1) goes to the same destination and compares with each other."""
    pair = index // 2
    chinese = index % 2 == 0
    destination = DESTINATIONS[pair % len(DESTINATIONS)]
    kind = KINDS[pair % len(KINDS)]
    status = STATUSES[(pair // 5) % len(STATUSES)]
    number = pair + 1
    name = f"Bench {PLACES[destination]} {kind.capitalize()} {number}"
    year = 1960 + (pair * 7) % 66  # 1960-2025: every flown date is before the as-of date
    lines = [
        f"id: {mission_id(index)}",
        f"name: {name}{'' if chinese else ' (US)'}",
    ]
    if chinese:
        lines += [f"name_zh: {PROGRAMMES_ZH[destination]}{number}号", f"pinyin: Jīzhǔn {number} Hào"]
    lines += [
        f"country: {'CN' if chinese else 'US'}",
        f"agency: {'CNSA' if chinese else 'NASA'}",
        f"destination: {destination}",
        f"kinds: [{kind}]",
        f"status: {status}",
        'status_verified: "2026-06-01"',
        "summary: >-",
        f"  An invented {kind} for the benchmark catalogue, sent to {destination} in the synthetic year",
        f"  {year}; it stands for one of thousands of missions and has no real counterpart.",
    ]
    if status != "planned":
        # Unique: a Chinese mission and its US partner share a year and a number, so the letter tells
        # them apart, and Y and Z are letters no real mission of the catalogue has.
        lines += ["vehicle: Bench Rocket 2", f"cospar_id: {year}-{(pair % 900) + 1:03d}{'Y' if chinese else 'Z'}"]
    lines += ["cite:", "  status: agency"]
    if status != "planned":
        lines += ["  vehicle: agency", "  cospar_id: agency"]
    partner = f"[{mission_id(index + 1)}]" if chinese and index + 1 < count else "[]"
    lines += ["milestones:", *_milestones(status, year), f"compare_with: {partner}"]
    lines += [
        "sources:",
        "  - id: agency",
        f"    title: {name} fact sheet",
        "    publisher: bench-agency",
        f"    url: https://example.org/bench/{mission_id(index)}",
        "  - id: press",
        f"    title: Press release on {name}",
        "    publisher: bench-press",
        f"    url: https://example.net/bench/{mission_id(index)}/press",
        "body: |",
        *(
            "  " + line if line else ""
            for line in BODY.format(place=PLACES[destination], kind=kind, number=number).splitlines()
        ),
    ]
    return "\n".join(lines) + "\n"


def _milestones(status: str, year: int) -> list[str]:
    def milestone(kind: str, date: str, text: str, source: str = "agency", planned: bool = False) -> list[str]:
        entry = [f"  - kind: {kind}", f'    date: "{date}"', f"    text: {text}", f"    source: {source}"]
        return entry + (["    planned: true", "    window: by"] if planned else [])

    announced = milestone("announcement", f"{year - 3}", "The mission was announced.", "press")
    if status == "planned":
        return announced + milestone("launch", f"{2028 + year % 8}", "Launch planned.", planned=True)
    steps = announced + milestone("launch", f"{year}-03-14T02:26Z", "Launched from the bench launch site.")
    if status == "failed":
        return steps + milestone("end_of_mission", f"{year}-03-20", "Contact was lost on the way.", "press")
    steps += milestone("orbit_insertion", f"{year}-09-02", "Arrived and entered orbit.")
    steps += milestone("flyby", f"{year}-11-20", "Passed close to its second target.")
    if status == "completed":
        steps += milestone("end_of_mission", f"{year}-12-31", "The mission ended as planned.", "press")
    return steps


# The publishers the synthetic sources name, added to the copied site's registry.
PUBLISHERS = """
- {id: bench-agency, name: Bench Agency, kind: agency, hosts: [example.org]}
- {id: bench-press, name: Bench Press, kind: newspaper, hosts: [example.net]}
"""


def write_missions(missions_dir: Path, count: int) -> None:
    """`count` synthetic mission files in `missions_dir`, and their publishers in the registry
    beside it (data/publishers.yml)."""
    missions_dir.mkdir(parents=True, exist_ok=True)
    with (missions_dir.parent / "publishers.yml").open("a", encoding="utf-8") as registry:
        registry.write(PUBLISHERS)
    for index in range(count):
        (missions_dir / f"{mission_id(index)}.yml").write_text(mission_yaml(index, count), encoding="utf-8")
