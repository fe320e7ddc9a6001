"""Reading typed values out of parsed YAML, with a Problem for each wrong one.

A `Checker` works on one document: each reader returns the value, or records what was expected and
what was found (with the field's line) and raises `Invalid`, so one bad field never hides the next.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from . import dates
from .dates import PartialDate, Precision
from .load import Document
from .problems import Path, Problem, shorten

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LABEL = re.compile(r"[A-Za-z0-9À-ž ,.'’()\-]+")
SOURCE_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# Control characters: invisible, and YAML front matter (titles, descriptions) cannot carry them.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_TEXT = 600
MAX_NAME = 120
MAX_BODY = 20_000


@dataclass(frozen=True)
class FieldSpec:
    name: str
    required: bool
    type: str
    description: str


class Invalid(Exception):
    """A field is wrong; the problem is already recorded."""


class Checker:
    """Reads typed values out of one parsed document, recording a Problem for each wrong one."""

    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def report(self, path: Path, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def fail(self, path: Path, message: str) -> Invalid:
        self.report(path, message)
        return Invalid()

    def record(self, data: Any, path: Path, specs: tuple[FieldSpec, ...], what: str) -> dict:
        """`fields`, for a record that cannot be read at all without its mapping: raises Invalid."""
        checked = self.fields(data, path, specs, what)
        if checked is None:
            raise Invalid()
        return checked

    def whole_record(self, data: Any, path: Path, specs: tuple[FieldSpec, ...], what: str) -> dict:
        """`record`, for a file that means nothing without every required field: raises Invalid
        after the missing ones are reported, so no reader reports them a second time."""
        checked = self.record(data, path, specs, what)
        if any(spec.required and checked.get(spec.name) is None for spec in specs):
            raise Invalid()
        return checked

    def fields(self, data: Any, path: Path, specs: tuple[FieldSpec, ...], what: str) -> dict | None:
        """Check a mapping against its field list: unknown and missing fields are both reported."""
        if not isinstance(data, dict):
            self.report(path, f"expected {what} (a mapping of field: value); got {shorten(data)}")
            return None
        known = [spec.name for spec in specs]
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.report((*path, key), f"unknown field; {hint}expected one of {', '.join(known)}")
        for spec in specs:
            if spec.required and data.get(spec.name) is None:
                self.report((*path, spec.name), f"required field missing; expected {spec.type}")
        return data

    def optional(self, data: dict, path: Path, key: str, read: Callable[[Any, Path], Any]) -> Any:
        """Read data[key] with `read`, or None when absent; a bad value is reported, not raised."""
        if data.get(key) is None:
            return None
        try:
            return read(data[key], (*path, key))
        except Invalid:
            return None

    # value readers: each returns the value or raises Invalid after reporting

    def text(self, value: Any, path: Path, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text; got {type(value).__name__} {shorten(value)}")
        value = " ".join(value.split())
        if not value:
            raise self.fail(path, "expected text; got an empty string")
        if len(value) > limit:
            raise self.fail(path, f"expected at most {limit} characters; got {len(value):,}")
        self.no_control(value, path)
        return value

    def no_control(self, value: str, path: Path) -> None:
        """No control characters: invisible, and front matter cannot carry them. Markup needs no
        check: text is escaped wherever it is written, and bodies are sanitized (safe_text.py)."""
        # isprintable is false for every control character and quick; most texts are printable.
        match = None if value.isprintable() else CONTROL.search(value)
        if match:
            raise self.fail(path, f"expected text without control characters; got {match.group()!r}")

    def name(self, value: Any, path: Path) -> str:
        return self.text(value, path, MAX_NAME)

    def markdown(self, value: Any, path: Path) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected Markdown text; got {shorten(value)}")
        if len(value) > MAX_BODY:
            raise self.fail(path, f"expected at most {MAX_BODY:,} characters; got {len(value):,}")
        self.no_control(value, path)
        return value.strip()

    def ident(self, value: Any, path: Path) -> str:
        if not isinstance(value, str) or not ID.fullmatch(value):
            raise self.fail(path, f"expected a lowercase kebab-case id like 'chang-e-4'; got {shorten(value)}")
        return value

    def choice(self, value: Any, path: Path, choices: dict[str, str] | list[str], what: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(path, f"expected {what}: one of {', '.join(choices)}; got {shorten(value)}")
        return value

    def number(self, value: Any, path: Path, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self.fail(path, f"expected a number from {low:g} to {high:g}; got {shorten(value)}")
        return value

    def whole(self, value: Any, path: Path, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(path, f"expected a whole number from {low} to {high}; got {shorten(value)}")
        return value

    def flag(self, value: Any, path: Path) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false; got {shorten(value)}")
        return value

    def date(self, value: Any, path: Path) -> PartialDate:
        try:
            return dates.parse(value)
        except ValueError as err:
            raise self.fail(path, f"{err}; got {shorten(value)}") from None

    def day(self, value: Any, path: Path) -> PartialDate:
        date = self.date(value, path)
        if date.precision != Precision.DAY:
            raise self.fail(path, f"expected a day as YYYY-MM-DD; got {shorten(value)}")
        return date

    def url(self, value: Any, path: Path) -> str:
        text = self.text(value, path, 2000)
        try:
            parts = urlsplit(text)
        except ValueError:  # an unclosed [ of an IPv6 address, say
            parts = None
        # No URL holds a space: one in the data is a typo, or wants writing as %20.
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
            raise self.fail(path, f"expected an http:// or https:// URL without spaces; got {shorten(value)}")
        return text

    def items(self, value: Any, path: Path, what: str, allow_empty: bool = False) -> list[tuple[Path, Any]]:
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(path, f"expected a list of {what}; got {shorten(value)}")
        return [((*path, i), item) for i, item in enumerate(value)]

    def unique_ids(self, items: tuple | list, what: str, path_of: Callable[[int], Path]) -> None:
        """Report each item whose `id` an earlier item already has."""
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                self.report(path_of(i), f"duplicate {what} id '{item.id}'")
            seen.add(item.id)

    def each(self, value: Any, path: Path, what: str, read: Callable[[Any, Path], Any]) -> tuple:
        """Read every item of a list; bad items are reported and left out."""
        result = []
        for item_path, item in self.items(value, path, what):
            try:
                result.append(read(item, item_path))
            except Invalid:
                pass
        return tuple(result)


def pattern(check: Checker, pattern: re.Pattern, what: str) -> Callable[[Any, Path], str]:
    def read(value: Any, path: Path) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise check.fail(path, f"expected {what}; got {shorten(value)}")
        return value

    return read
