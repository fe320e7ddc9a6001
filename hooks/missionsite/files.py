"""Writing a file so that a reader never sees half of it: the caches and the drawn images.

Imports nothing of the hook's, since a drawing process imports it too (see drawing.py).
"""

from __future__ import annotations

import contextlib
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
