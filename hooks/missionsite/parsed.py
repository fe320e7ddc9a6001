"""Data files as an earlier build read them, so that a file that has not changed is not parsed again.

Parsing YAML is most of loading a large catalogue, and during `mkdocs serve`, or in any build after
the first on a checkout, most files are as they were. A build keeps what it read in one file beside
the other caches (`.cache/data.marshal`), by each file's name and a hash of its text: the values,
not the line of each field, which only a problem needs (see load.Document.line). `marshal`,
not `pickle`: a file that reads back can only give plain values, never run code. What is kept
carries a hash of the reading code and PyYAML's version, and is thrown away when either changed.
A file that had problems is never kept, so its problems are found and reported again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .files import keep, read_kept

CACHE_FILE = Path(".cache") / "data.marshal"

Entry = Any  # a document's data


class Parsed:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.earlier = read_kept(path, _version())
        self.now: dict[tuple[str, str], Entry] = {}

    def get(self, file: str, digest: str) -> Entry | None:
        """What an earlier build read from the file whose text has this `digest`, if it did."""
        key = (file, digest)
        entry = self.earlier.get(key)
        if entry is not None:
            self.now[key] = entry
        return entry

    def keep(self, file: str, digest: str, entry: Entry) -> None:
        self.now[(file, digest)] = entry

    def save(self) -> None:
        """Writes what this build read, unless it is what the file holds already."""
        if self.path is not None and self.now.keys() != self.earlier.keys():
            keep(self.path, _version(), self.now)


def digest(text: str) -> str:
    """A file's text, hashed: how this cache and checked.py's know an unchanged file."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@cache
def _version() -> str:
    """What decides how a text reads: the reading code and PyYAML."""
    code = (Path(__file__).parent / "load.py").read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(code + yaml.__version__.encode()).hexdigest()
