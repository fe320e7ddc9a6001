"""Writing a file so that a reader never sees half of it: the caches and the drawn images.

Imports nothing of the hook's, since a drawing process imports it too (see drawing.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` beside `path` first, then renames it into place, which is atomic: a build
    running at the same time, or after this one was stopped, reads the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)
