"""The kinds of value the data files hold, declared once: text, ids, choices, numbers, dates, URLs.

Each is a type for the models (model.py), validated by one function that returns the value or raises
`Wrong` with what was expected and what was found. Choices that the data itself defines (countries,
statuses, kinds) are read from the validation context: vocab.yml is read first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import PlainValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from . import dates
from .dates import PartialDate, Precision
from .problems import shorten

MAX_TEXT = 600
MAX_NAME = 120
MAX_BODY = 20_000
MAX_URL = 2000
# Control characters: invisible, and YAML front matter (titles, descriptions) cannot carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SOURCE_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
COSPAR_ID = re.compile(r"\d{4}-\d{3}[A-Z]{1,3}")
# Labels go into tables and sentences: plain words.
LABEL = re.compile(r"[A-Za-z0-9À-ž ,.'’()\-]+")
HOST = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
# Abbreviation syntax (*[term]: definition) cannot hold brackets in a term.
TOOLTIP_FORM = re.compile(r"[^\[\]\n]+")


def wrong(message: str) -> PydanticCustomError:
    """A value is not what its field expects; `message` says what was expected and what was found."""
    return PydanticCustomError("wrong_value", "{message}", {"message": message})


def _validated(check: Callable[..., Any]) -> PlainValidator:
    return PlainValidator(check)


# --- Text ------------------------------------------------------------------------------------------


def _text(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise wrong(f"expected text; got {type(value).__name__} {shorten(value)}")
        value = " ".join(value.split())
        if not value:
            raise wrong("expected text; got an empty string")
        if len(value) > limit:
            raise wrong(f"expected at most {limit} characters; got {len(value):,}")
        _no_control(value)
        return value

    return check


def _no_control(value: str) -> None:
    # isprintable is false for every control character and quick; most texts are printable.
    found = None if value.isprintable() else _CONTROL.search(value)
    if found:
        raise wrong(f"expected text without control characters; got {found.group()!r}")


def _markdown(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise wrong(f"expected Markdown text; got {shorten(value)}")
    if len(value) > MAX_BODY:
        raise wrong(f"expected at most {MAX_BODY:,} characters; got {len(value):,}")
    _no_control(value)
    return value.strip()


def _pattern(pattern: re.Pattern[str], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise wrong(f"expected {what}; got {shorten(value)}")
        return value

    return check


def _url(value: Any) -> str:
    text = _text(MAX_URL)(value)
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed [ of an IPv6 address, say
        parts = None
    # No URL holds a space: one in the data is a typo, or wants writing as %20.
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise wrong(f"expected an http:// or https:// URL without spaces; got {shorten(value)}")
    return text


Text = Annotated[str, _validated(_text(MAX_TEXT))]
Name = Annotated[str, _validated(_text(MAX_NAME))]
# What search results and link previews show: longer is cut short by them.
Description = Annotated[str, _validated(_text(160))]
Markdown = Annotated[str, _validated(_markdown)]
Url = Annotated[str, _validated(_url)]
Id = Annotated[str, _validated(_pattern(ID, "a lowercase kebab-case id like 'chang-e-4'"))]
SourceId = Annotated[str, _validated(_pattern(SOURCE_ID, "a short lowercase id like 'nssdca' or 'xinhua_launch'"))]
CosparId = Annotated[str, _validated(_pattern(COSPAR_ID, "a COSPAR id like 2018-103A"))]
Label = Annotated[str, _validated(_pattern(LABEL, "a plain label: letters, digits, spaces and ,.'()-"))]
TooltipForm = Annotated[str, _validated(_pattern(TOOLTIP_FORM, "a spelling without brackets"))]
Host = Annotated[str, _validated(_pattern(HOST, "a host name in lowercase, like 'www.nasa.gov'"))]


# --- Numbers and flags -----------------------------------------------------------------------------


def number(low: float, high: float) -> PlainValidator:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise wrong(f"expected a number from {low:g} to {high:g}; got {shorten(value)}")
        return value

    return _validated(check)


def whole(low: int, high: int) -> PlainValidator:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise wrong(f"expected a whole number from {low} to {high}; got {shorten(value)}")
        return value

    return _validated(check)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise wrong(f"expected true or false; got {shorten(value)}")
    return value


Flag = Annotated[bool, _validated(_flag)]


# --- Dates -----------------------------------------------------------------------------------------


def _date(value: Any) -> PartialDate:
    try:
        return dates.parse(value)
    except ValueError as err:
        raise wrong(f"{err}; got {shorten(value)}") from None


def _day(value: Any) -> PartialDate:
    date = _date(value)
    if date.precision != Precision.DAY:
        raise wrong(f"expected a day as YYYY-MM-DD; got {shorten(value)}")
    return date


Date = Annotated[PartialDate, _validated(_date)]
Day = Annotated[PartialDate, _validated(_day)]


# --- Choices the data defines ----------------------------------------------------------------------


def choice(key: str, what: str, listed: bool = True) -> PlainValidator:
    """One of the values the validation context lists under `key` (vocab.yml's countries, say). A
    problem lists the choices, unless they are a registry too long to read: then it names the nearest."""

    def check(value: Any, info: ValidationInfo) -> str:
        context = info.context or {}
        if key not in context:  # the file that defines them could not be read: reported there, once
            return value
        choices = context[key]
        if not isinstance(value, str) or value not in choices:
            if not listed:
                close = difflib.get_close_matches(str(value), list(choices), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise wrong(f"expected {what}; got unknown {shorten(value)}{hint}")
            raise wrong(f"expected {what}: one of {', '.join(choices)}; got {shorten(value)}")
        return value

    return _validated(check)


Country = Annotated[str, choice("countries", "a country code")]
Status = Annotated[str, choice("statuses", "a status")]
MissionKind = Annotated[str, choice("mission_kinds", "a mission kind")]
MilestoneKind = Annotated[str, choice("milestone_kinds", "a milestone kind")]
DateWindow = Annotated[str, choice("date_windows", "a date window")]
DestinationId = Annotated[str, choice("destinations", "a destination id")]
MeasureKey = Annotated[str, choice("measures", "a number to compare")]
SpeakerKind = Annotated[str, choice("speaker_kinds", "a kind of speaker")]
FirstKind = Annotated[str, choice("first_kinds", "a kind of first")]
PublisherKind = Annotated[str, choice("publisher_kinds", "a kind of publisher")]
PublisherId = Annotated[str, choice("publishers", "the id of a publisher in data/publishers.yml", listed=False)]
