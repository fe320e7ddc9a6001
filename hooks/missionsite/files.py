"""Writing a file so that a reader never sees half of it: the caches and the drawn images; and the
caches of values kept in `marshal` files (parsed.py, checked.py).

Imports nothing of the hook's, since a drawing process imports it too (see drawing.py).
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` beside `path` first, then renames it into place, which is atomic: a build
    running at the same time, or after this one was stopped, reads the old file or the new one.

    Not forced to disk (fsync would wait on the disk for every image), so after a power cut a file
    may be empty or short: the caches check what they read (compiled.py, previews.py). A write that
    fails, a full disk say, leaves no partial file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def read_kept(path: Path | None, version: str) -> dict:
    """The entries an earlier build kept in `path` under `version`; none when there is no such file, it
    cannot be read, or it was written under another version. `marshal`, not `pickle`: a file that
    reads back can only give plain values, never run code."""
    if path is None:
        return {}
    try:
        kept_version, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if kept_version == version and isinstance(entries, dict) else {}


def keep(path: Path, version: str, entries: dict) -> None:
    """Writes `entries` to `path` under `version`; failing is no error, only work to do again next time."""
    try:
        write_atomically(path, marshal.dumps((version, entries)))
    except (OSError, ValueError):  # ValueError: a value marshal cannot write
        pass
