"""Dates with the precision they are known to: a year, a month, a day, or a UTC minute.

A launch "in 2029" and a landing at "2019-01-03T02:26Z" are both dates; comparing, sorting and
measuring slips needs to know how precise each one is, so the precision travels with the value.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property

BEIJING = dt.timezone(dt.timedelta(hours=8))

_PATTERN = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})Z)?)?)?"
)

FORMATS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MMZ (UTC)"
# The years a date in the data may have: from before the first satellite (1957) to as far as any
# agency plans. Outside them a date is a typo (0001-01-01, 9999-12-31), and the figures, which give
# each year its width, could not draw it.
FIRST_YEAR = 1950
LAST_YEAR = 2100

# English, whatever the builder's locale (calendar.month_name follows it, through strftime, on
# every look-up: dates are written on every page, table and figure).
MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    # Kept, since dates are compared, sorted and measured on every page; made here, so a date that
    # does not exist (2019-02-30) cannot be made at all.
    _start: dt.datetime = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # `is None`, not `or`: month 00 or day 00 must fail here, not stand for January or the 1st.
        start = dt.datetime(
            self.year,
            1 if self.month is None else self.month,
            1 if self.day is None else self.day,
            self.hour or 0,
            self.minute or 0,
            tzinfo=dt.UTC,
        )
        object.__setattr__(self, "_start", start)  # frozen: set once, here

    @property
    def precision(self) -> Precision:
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def start(self) -> dt.datetime:
        """The first instant the date can mean (UTC)."""
        return self._start

    def end(self) -> dt.date:
        """The last day the date can mean: 2018 ends on 2018-12-31."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def sort_key(self) -> tuple[dt.datetime, int]:
        return (self.start(), self.precision)

    def iso(self) -> str:
        return self._iso

    @cached_property  # written into every page, table cell, export and sitemap entry that has the date
    def _iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}Z"
        return text

    def human(self) -> str:
        """'2029', 'August 2026', '3 January 2019', '7 December 2018, 18:23 UTC'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.minute is not None:
            text += f", {self.hour:02d}:{self.minute:02d} UTC"
        return text

    def short(self) -> str:
        """'2029', 'Aug 2026', '3 Jan 2019': for tables."""
        if self.month is None:
            return str(self.year)
        month = MONTHS_SHORT[self.month]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"

    def beijing(self) -> dt.datetime | None:
        """The same instant in Beijing time, when the time of day is known."""
        if self.minute is None:
            return None
        return self.start().astimezone(BEIJING)

    def beijing_date_differs(self) -> bool:
        local = self.beijing()
        return local is not None and local.date() != self.start().date()

    def __str__(self) -> str:
        return self.iso()


def parse(value: object) -> PartialDate:
    """Read a date from YAML: a bare year may arrive as an int. Raises ValueError with the reason."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a date as {FORMATS}")
    text = str(value)
    match = _PATTERN.fullmatch(text)
    if not match:
        raise ValueError(f"expected a date as {FORMATS}")
    try:
        year, month, day, hour, minute = match.groups()
        date = PartialDate(int(year), _number(month), _number(day), _number(hour), _number(minute))
    except ValueError:
        raise ValueError(f"expected a real calendar date and time; {text} does not exist") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"expected a year from {FIRST_YEAR} to {LAST_YEAR}")
    return date


def _number(part: str | None) -> int | None:
    return None if part is None else int(part)
