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
import marshal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .files import write_atomically

CACHE_FILE = Path(".cache") / "data.marshal"

Entry = Any  # a document's data


class Parsed:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.earlier = self._read()
        self.now: dict[tuple[str, str], Entry] = {}

    def get(self, file: str, text: str) -> Entry | None:
        key = (file, _digest(text))
        entry = self.earlier.get(key)
        if entry is not None:
            self.now[key] = entry
        return entry

    def keep(self, file: str, text: str, entry: Entry) -> None:
        self.now[(file, _digest(text))] = entry

    def save(self) -> None:
        """Writes what this build read, unless it is what the file holds already; failing is no error."""
        if self.path is None or self.now.keys() == self.earlier.keys():
            return
        try:
            write_atomically(self.path, marshal.dumps((_version(), self.now)))
        except (OSError, ValueError):  # ValueError: a value marshal cannot write
            pass

    def _read(self) -> dict[tuple[str, str], Entry]:
        if self.path is None:
            return {}
        try:
            version, entries = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # none yet, or unreadable: read every file
        return entries if version == _version() and isinstance(entries, dict) else {}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@cache
def _version() -> str:
    """What decides how a text reads: the reading code and PyYAML."""
    code = (Path(__file__).parent / "load.py").read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(code + yaml.__version__.encode()).hexdigest()
