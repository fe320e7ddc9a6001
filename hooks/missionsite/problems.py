"""What went wrong in the data, said so that a person can find and fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass

Path = tuple[str | int, ...]
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def field_name(path: Path) -> str:
    """('milestones', 2, 'date') -> 'milestones[2].date'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not isinstance(part, str) or not _PLAIN_KEY.fullmatch(part):
            text += f"[{shorten(part)}]"  # a key with spaces, newlines or odd characters, shown quoted
        else:
            text += f".{part}" if text else part
    return text or "(file)"


def shorten(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class DataError(Exception):
    """Every problem found in the data, reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the mission data:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))
