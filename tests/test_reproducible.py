"""Two builds of the same sources give byte-identical sites; dates come from the data or SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
import struct
from pathlib import Path

import yaml

from conftest import ROOT, build, copy_site

AS_OF = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["as_of"]


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build_in(folder: Path, **env) -> Path:
    folder.mkdir()
    site = copy_site(folder)
    result = build(site, env=env)
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_two_builds_are_byte_identical(tmp_path):
    # Different folders, time zones and hash seeds: nothing of the machine or the moment may leak in.
    first = build_in(tmp_path / "one", TZ="UTC", PYTHONHASHSEED="1")
    second = build_in(tmp_path / "two-elsewhere", TZ="Pacific/Kiritimati", PYTHONHASHSEED="2")
    one, two = digests(first), digests(second)
    assert one.keys() == two.keys()
    differing = [name for name in one if one[name] != two[name]]
    assert not differing, f"these files differ between two builds: {differing}"


def test_sitemap_dates_come_from_the_data(built_site):
    dates = set(re.findall(r"<lastmod>(.*?)</lastmod>", (built_site / "sitemap.xml").read_text(encoding="utf-8")))
    assert AS_OF in dates and max(dates) == AS_OF  # each page's own date from the data, never the clock
    with gzip.open(built_site / "sitemap.xml.gz") as packed:
        assert packed.read() == (built_site / "sitemap.xml").read_bytes()
    mtime = struct.unpack("<I", (built_site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert dt.datetime.fromtimestamp(mtime, dt.UTC) == dt.datetime.fromisoformat(AS_OF + "T00:00:00+00:00")


def test_source_date_epoch_wins_when_set(tmp_path):
    site = build_in(tmp_path / "site", SOURCE_DATE_EPOCH="86400")  # 1970-01-02
    mtime = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert mtime == 86400  # the compressed sitemap's header; its dates come from the data either way
