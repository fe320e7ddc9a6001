"""Shared fixtures: small data sets for unit tests, and real builds of a copy of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
# The build command, in one place: swap in "properdocs" to build with ProperDocs instead.
BUILD = [str(BIN / "mkdocs"), "build", "--strict"]
SHARED_DATA = ("vocab.yml", "fields.yml", "site.yml", "destinations.yml", "glossary.yml", "changelog.yml")


def write_data(root: Path, missions: dict[str, str]) -> Path:
    """A data/ folder with the real shared files, the fixture plan and the given mission files."""
    data = root / "data"
    (data / "missions").mkdir(parents=True, exist_ok=True)
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copy(FIXTURES / "plan.yml", data / "plan.yml")
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


def build(site: Path, *, command: list[str] = BUILD, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [*command, "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")],
        capture_output=True, text=True, env=env, cwd=site, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for all the tests that only read it."""
    site = copy_site(tmp_path_factory.mktemp("real"))
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"
