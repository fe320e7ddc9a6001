"""The benchmark: build synthetic catalogues and the real site, measure, write BENCHMARKS.md.

    make bench                                  # everything, about 25 minutes
    .venv/bin/python bench/run.py --sizes 100,1000 --no-browser --no-live --instructions "" --output -

Each catalogue is the real site (its 30 missions and hand-written pages) plus synthetic missions
(bench/synthetic.py) up to the size, built with the real engine; beside it, the same pages as plain
Markdown in a stock Material site with a flat navigation (bench/reference.py). The report gives
both, so the ratios hold on a noisy machine. Where valgrind is installed, the hook's share of a
rebuild is also counted in instructions, which no other work on the machine changes
(bench/instructions.py). Nothing here is a test: it reports figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import browser
import instructions
import live_preview
import reference
from measure import ROOT, Build, build, copy_site, size

import synthetic

REAL_MISSIONS = len(list((ROOT / "data" / "missions").glob("*.yml")))
KB = 1024
# BENCHMARKS.md from this heading on is written by hand (what each change did) and kept on a rerun.
KEPT = "## Changes measured"


def fastest(runs: int, one_build: Callable[[], Build]) -> Build:
    """The least disturbed of `runs` builds: other work on a shared machine only ever adds time."""
    return min((one_build() for _ in range(runs)), key=lambda b: b.cpu)


def first_build(site: Path) -> Build:
    """A build on a fresh checkout: every preview image drawn, every template compiled."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    return build(site)


def catalogue_row(missions: int, with_reference: bool, with_browser: bool, with_instructions: bool, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{missions}-") as tmp:
        site = copy_site(Path(tmp) / "ours")
        synthetic.write_missions(site / "data" / "missions", missions - REAL_MISSIONS)
        ours = fastest(runs, lambda: first_build(site))
        rebuild = fastest(runs, lambda: build(site))  # what serve and any later build do: from .cache/
        built = site / "site"
        page = f"missions/{synthetic.mission_id(0)}/"
        row = {
            "missions": missions,
            "build": ours,
            "rebuild": rebuild,
            "mission_html": size(built, page),
            "destination_html": size(built, "moon/"),
            "index_html": size(built, "missions/"),
            "search_index": size(built, "search/search_index.json"),
            "first_visit": browser.first_visit(built, page) if with_browser else None,
        }
        if with_instructions:
            row["instructions"] = instructions.count(site)
        if with_reference:
            ref_site = reference.write(site, Path(tmp) / "reference")
            row["reference"] = fastest(runs, lambda: build(ref_site, strict=False))
            row["reference_mission_html"] = size(ref_site / "site", page)
            row["reference_search_index"] = size(ref_site / "site", "search/search_index.json")
        return row


def real_site(with_browser: bool, with_live: bool, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        site = copy_site(Path(tmp))
        result = {"build": fastest(runs, lambda: first_build(site))}
        built = site / "site"
        pages = ("missions/chang-e-4/", "moon/", "")
        result["html"] = {page: size(built, page) for page in pages}
        result["search_index"] = size(built, "search/search_index.json")
        if with_browser:
            result["visits"] = {page: browser.first_visit(built, page) for page in pages}
    if with_live:
        result["live"] = live_preview.measure()
    return result


# --- Report --------------------------------------------------------------------------------------


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / KB**3
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {memory:.0f} GiB memory, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def kb(value: int | None) -> str:
    return "–" if value is None else f"{value / KB:,.1f}"


def catalogue_table(rows: list[dict]) -> list[str]:
    lines = [
        "| Missions | First build s (CPU s) | Hook CPU s (share) | Rebuild s (CPU s) | Hook CPU s (share) | Peak MB "
        "| Mission page KB | Destination page KB "
        "| All-missions page KB | Search index KB | First visit KB gz | Reference build s (CPU s) | Rebuild / reference (CPU) "
        "| Reference mission page KB | Reference search index KB | Rebuild: hook's share of instructions |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        first, ours, ref = row["build"], row["rebuild"], row.get("reference")
        visit = row["first_visit"]
        lines.append(
            f"| {row['missions']:,} | {first.seconds:.1f} ({first.cpu:.1f}) "
            f"| {first.hook_seconds:.2f} ({first.hook_share()}) "
            f"| {ours.seconds:.1f} ({ours.cpu:.1f}) "
            f"| {ours.hook_seconds:.2f} ({ours.hook_share()}) | {max(first.peak_mb, ours.peak_mb):.0f} "
            f"| {kb(row['mission_html'])} | {kb(row['destination_html'])} | {kb(row['index_html'])} "
            f"| {kb(row['search_index'])} | {kb(visit.gzipped if visit else None)} "
            f"| {f'{ref.seconds:.1f} ({ref.cpu:.1f})' if ref else '–'} "
            f"| {f'{ours.seconds / ref.seconds:.2f} ({ours.cpu / ref.cpu:.2f})' if ref else '–'} "
            f"| {kb(row.get('reference_mission_html'))} | {kb(row.get('reference_search_index'))} "
            f"| {instruction_share(row.get('instructions'))} |"
        )
    return lines


def instruction_share(count: instructions.Count | None) -> str:
    return "–" if count is None else f"{count.share:.2%} ({count.hook / 1e9:.2f} of {count.total / 1e9:.2f} billion)"


def hook_table(rows: list[dict]) -> list[str]:
    steps = sorted({step for row in rows for step in row["build"].hook})
    lines = ["| Missions | Build | " + " | ".join(steps) + " |", "| ---: | --- |" + " ---: |" * len(steps)]
    for row in rows:
        for kind, label in (("build", "first"), ("rebuild", "rebuild")):
            hook = row[kind].hook
            lines.append(
                f"| {row['missions']:,} | {label} | " + " | ".join(f"{hook.get(s, 0):.3f}" for s in steps) + " |"
            )
    return lines


# The first build of a catalogue draws every preview image; a rebuild (every `serve` rebuild, and any
# build after the first on the same checkout) draws only changed ones. Budgets are given for both.
BUILDS = (("rebuild", "rebuild"), ("build", "first build"))


def budgets(rows: list[dict], real: dict | None, no_count: str) -> list[str]:
    by_size = {row["missions"]: row for row in rows}
    lines = []
    for kind, label in BUILDS:
        if 500 in by_size and 5000 in by_size:
            big, small = by_size[5000][kind], by_size[500][kind]
            lines.append(
                f"- {label}: time(5,000) / time(500) = {big.seconds / small.seconds:.1f} wall clock, "
                f"{big.cpu / small.cpu:.1f} CPU time (budget: at most 11)"
            )
        if 1000 in by_size and "reference" in by_size[1000]:
            ours, ref = by_size[1000][kind], by_size[1000]["reference"]
            lines.append(
                f"- {label}: 1,000 missions / stock flat-navigation reference = {ours.seconds / ref.seconds:.2f} "
                f"wall clock, {ours.cpu / ref.cpu:.2f} CPU time (budget: under 0.33)"
            )
        if rows:
            cpu = max(rows, key=lambda row: row[kind].hook_seconds / row[kind].cpu)
            wall = max(rows, key=lambda row: row[kind].hook_wall_seconds / row[kind].seconds)
            lines.append(
                f"- {label}: hook code at most {cpu[kind].hook_seconds / cpu[kind].cpu:.0%} of the build's CPU "
                f"time (at {cpu['missions']:,} missions) and at most "
                f"{wall[kind].hook_wall_seconds / wall[kind].seconds:.0%} of its wall-clock time "
                f"(at {wall['missions']:,} missions) (no budget: reported to see where the time goes)"
            )
        if kind == "rebuild":
            shares = [
                f"{row['instructions'].share:.2%} at {row['missions']:,} missions"
                for row in rows
                if "instructions" in row
            ]
            lines.append(
                f"- rebuild: hook code's share of the build's instructions (valgrind): {', '.join(shares) or no_count} "
                "(no budget)"
            )
    if rows:
        largest = max(row["mission_html"] for row in rows)
        lines.append(f"- largest mission page HTML: {kb(largest)} KB (budget: under 40 KB at any size)")
    if real and "visits" in real:
        visit = real["visits"]["missions/chang-e-4/"]
        lines.append(
            f"- real site, first visit of a mission page: {kb(visit.gzipped)} KB gzipped (budget: under 120 KB)"
        )
    if real and "live" in real:
        lines.append(f"- live preview: {max(real['live']):.2f} s at worst (budget: 2 s)")
    return lines


def real_section(real: dict) -> list[str]:
    build_ = real["build"]
    lines = [
        f"Build: {build_.seconds:.1f} s ({build_.cpu:.1f} CPU s), peak {build_.peak_mb:.0f} MB, hook "
        f"{build_.hook_seconds:.2f} CPU s ({build_.hook_share()}). "
        f"Search index: {kb(real['search_index'])} KB.",
        "",
    ]
    if "visits" in real:
        lines += [
            "| Page | HTML KB | Requests | Transfer KB (raw) | Transfer KB gzipped | of which search index and other XHR "
            "| Third-party requests | Render-blocking | Images (unsized) | Layout shift |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
        ]
        for page, visit in real["visits"].items():
            blocking = ", ".join(url.rsplit("/", 1)[-1] for url in visit.render_blocking)
            lines.append(
                f"| /{page} | {kb(real['html'][page])} | {visit.requests} | {kb(visit.bytes)} | {kb(visit.gzipped)} "
                f"| {kb(visit.by_type.get('xhr', 0))} | {len(visit.third_party)} | {blocking} "
                f"| {visit.images} ({len(visit.unsized_images)}) | {visit.layout_shift:g} |"
            )
        lines.append("")
    if "live" in real:
        live = real["live"]
        lines.append(
            f"Live preview, {len(live)} edits of data/missions/{live_preview.MISSION}.yml during `mkdocs serve`: "
            f"median {statistics.median(live):.2f} s, worst {max(live):.2f} s "
            f"({', '.join(f'{s:.2f}' for s in live)})."
        )
        lines.append("")
    return lines


def report(rows: list[dict], real: dict | None, runs: int, no_count: str = "not counted") -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); figures from one run, not a test. See README, Benchmarks.",
        f"Each build was run {runs} times, and the one with the least CPU time is reported.",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {machine()}",
        "",
        "## Budgets",
        "",
        *budgets(rows, real, no_count),
        "",
    ]
    if rows:
        lines += [
            "## Synthetic catalogues",
            "",
            *catalogue_table(rows),
            "",
            'Hook steps, CPU seconds ("previews, other processes": drawing beside the build):',
            "",
            *hook_table(rows),
            "",
        ]
    if real:
        lines += ["## The real site", "", *real_section(real)]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000,5000", help="catalogue sizes, comma-separated")
    parser.add_argument(
        "--reference-max",
        type=int,
        default=1000,
        help="largest size to build the stock reference for (it grows with the square)",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium first-visit measurements")
    parser.add_argument("--no-live", action="store_true", help="skip the live preview measurement")
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument(
        "--instructions",
        default="100,1000",
        help="catalogue sizes whose rebuild valgrind counts, comma-separated (about 2 minutes "
        "for 100 missions, 11 for 1,000); empty for none",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="builds of each kind per catalogue; the one with the least CPU time is reported",
    )
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"), help="report file, or - for stdout only")
    args = parser.parse_args(argv)
    counted = {int(n) for n in args.instructions.split(",") if n} if instructions.available() else set()
    rows = []
    for missions in (int(n) for n in args.sizes.split(",") if n):
        print(f"building {missions:,} missions ...", file=sys.stderr, flush=True)
        rows.append(
            catalogue_row(missions, missions <= args.reference_max, not args.no_browser, missions in counted, args.runs)
        )
    real = None if args.no_real else real_site(not args.no_browser, not args.no_live, args.runs)
    no_count = "not counted" if instructions.available() else "not counted (valgrind is not installed)"
    text = report(rows, real, args.runs, no_count)
    print(text)
    if args.output != "-":
        output = Path(args.output)
        kept = output.read_text(encoding="utf-8").partition(KEPT)[2] if output.exists() else ""
        output.write_text(text + (f"\n{KEPT}{kept}" if kept else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
