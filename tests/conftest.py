"""Shared fixtures: small data sets for unit tests, and real builds of a copy of the site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from missionsite import dataset, load
from static_server import StaticServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
# The build command, in one place: swap in "properdocs" to build with ProperDocs instead.
BUILD = [str(BIN / "mkdocs"), "build", "--strict"]
SHARED_DATA = ("vocab.yml", "fields.yml", "site.yml", "destinations.yml", "glossary.yml", "publishers.yml")


def write_data(root: Path, missions: dict[str, str]) -> Path:
    """A data/ folder with the real shared files, the fixture plan and changelog, and the given mission files."""
    data = root / "data"
    (data / "missions").mkdir(parents=True, exist_ok=True)
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, data / name)
    # The fixtures' dates are checked against a fixed as-of date, not the real data's, which moves.
    site = (data / "site.yml").read_text(encoding="utf-8")
    (data / "site.yml").write_text(re.sub(r"(?m)^as_of: .*$", 'as_of: "2026-11-26"', site), encoding="utf-8")
    # The destinations' narratives link to real missions: a link to one that is not given is a build
    # error (no such page), so it is kept as its words.
    narratives = (data / "destinations.yml").read_text(encoding="utf-8")
    narratives = re.sub(
        r"\[([^\]]+)\]\(\.\./missions/([a-z0-9-]+)\.md\)",
        lambda link: link[0] if f"{link[2]}.yml" in missions else link[1],
        narratives,
    )
    (data / "destinations.yml").write_text(narratives, encoding="utf-8")
    for name in ("plan.yml", "changelog.yml"):
        shutil.copy(FIXTURES / name, data / name)
    with (data / "publishers.yml").open("a", encoding="utf-8") as registry:
        registry.write((FIXTURES / "publishers.yml").read_text(encoding="utf-8"))
    for name, text in missions.items():
        (data / "missions" / name).write_text(text, encoding="utf-8")
    return data


def fixture_missions() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "missions").glob("*.yml"))}


def copy_site(target: Path) -> Path:
    """A copy of the whole site (config, pages, data, hooks) in `target`."""
    for name in ("mkdocs.yml", "docs", "data", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the site to build or to break."""
    return copy_site(tmp_path)


def build(
    site: Path, *, command: list[str] = BUILD, site_url: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Build `site` into site/site; the caller's SITE_URL, REPO_URL and SOURCE_DATE_EPOCH are not inherited."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH"):
        environment.pop(name, None)
    if site_url:
        environment["SITE_URL"] = site_url
    return subprocess.run(
        [*command, "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        cwd=site,
        timeout=300,
    )


@pytest.fixture(scope="session")
def real_catalogue():
    """The real data, read and checked once for all the tests that read it; never to be changed."""
    return dataset.load_all(ROOT / "data", ROOT)


@pytest.fixture(scope="session")
def fixture_catalogue(tmp_path_factory):
    """The fixture missions beside the real shared files, checked once; never to be changed."""
    folder = tmp_path_factory.mktemp("fixture-data")
    write_data(folder, fixture_missions())
    return dataset.check(*load.read_all(folder / "data", folder))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for all the tests that only read it."""
    site = copy_site(tmp_path_factory.mktemp("real"))
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"


# --- The site as readers get it: served over HTTP, read in Debian's Chromium -----------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUB_PATH = "/china-space/"


@pytest.fixture(scope="session", params=["/", SUB_PATH], ids=["root", "sub-path"])
def served_site(request, tmp_path_factory) -> Iterator[StaticServer]:
    """The real site built for, and served at, a local address: at the root and under a sub-path.

    SITE_URL is the served address, port included: Material's instant navigation only takes over
    clicks on links whose origin matches site_url."""
    site = copy_site(tmp_path_factory.mktemp("served"))
    with StaticServer(site / "site", request.param) as server:
        result = build(site, site_url=server.url)
        assert result.returncode == 0, result.stderr
        server.site_dir = site / "site"
        yield server


NO_CHROMIUM = pytest.StashKey[int]()


# The fixtures that build the site, and the modules whose own fixtures do: their tests are marked `build`.
BUILDING_FIXTURES = {"site_copy", "built_site", "served_site", "hostile_site", "sub_path_site", "offline_edition"}
BUILDING_MODULES = {"test_reproducible", "test_serve", "test_bench_reference", "test_caches"}


def pytest_collection_modifyitems(config, items):
    """Marks the tests that build or use a browser (the test tiers), and, without Chromium, leaves out
    the tests that need it and says so once, at the end."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & BUILDING_FIXTURES or item.module.__name__ in BUILDING_MODULES:
            item.add_marker(pytest.mark.build)
    if CHROMIUM.exists():
        return
    needs_browser = [item for item in items if "browser" in getattr(item, "fixturenames", ())]
    if needs_browser:
        config.hook.pytest_deselected(items=needs_browser)
        items[:] = [item for item in items if item not in needs_browser]
        config.stash[NO_CHROMIUM] = len(needs_browser)


def pytest_terminal_summary(terminalreporter, config):
    if NO_CHROMIUM in config.stash:
        terminalreporter.write_line(
            f"{config.stash[NO_CHROMIUM]} browser tests not run: no Chromium at {CHROMIUM}; "
            "install it with `apt-get install chromium` (Debian), then run make test again",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Generous waits: CI machines are shared, and a loaded one renders slowly. A wait ends as soon
    # as its condition holds, so this costs nothing when the machine is fast.
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, served_site):
    """open_page(path, **context options) -> a page of the served site, with every request to another
    host refused and recorded in `page.foreign_requests`."""
    contexts = []

    def open_page(path: str = "", **options):
        context = browser.new_context(color_scheme=options.pop("color_scheme", "light"), **options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.foreign_requests = []

        def guard(route):
            if route.request.url.startswith(served_site.origin + "/"):
                route.continue_()
            else:
                page.foreign_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page.goto(served_site.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
