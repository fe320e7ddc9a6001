"""What to look up next: missions whose status, and the planned dates that go with it, were last
confirmed more than a year before the data's as-of date. A status that no later report can change
(completed, failed: vocab.yml's final_statuses) never goes stale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import PartialDate
from .model import Catalogue, Milestone, Mission, Source

STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class ToCheck:
    mission: Mission
    since: PartialDate  # the day the status was last confirmed
    source: Source | None  # the source cited for the status
    planned: tuple[Milestone, ...]  # the planned dates, last confirmed with the status

    @property
    def by(self) -> str | None:
        """Who confirmed it: 'Xinhua, via People's Daily'."""
        return self.source.credit if self.source else None

    def warning(self) -> str:
        dates = "; planned: " + ", ".join(f"{m.kind} {m.date}" for m in self.planned) if self.planned else ""
        by = f" by {self.by}" if self.by else ""
        return (
            f"{self.mission.file}: status_verified: '{self.mission.status}' last confirmed on {self.since}{by}, "
            f"more than {STALE_AFTER_MONTHS} months ago; look it up again{dates}"
        )


def stale_before(as_of: PartialDate) -> dt.date:
    """The first day still within STALE_AFTER_MONTHS of the as-of date (a 29 February goes back to the 28th)."""
    day = as_of.start().date()
    years, months = divmod(day.month - 1 - STALE_AFTER_MONTHS, 12)
    year, month = day.year + years, months + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def to_check(catalogue: Catalogue) -> list[ToCheck]:
    """The missions to look up again, the longest unconfirmed first."""
    limit = stale_before(catalogue.site.as_of)
    found = []
    for mission in catalogue.missions:
        if mission.status in catalogue.vocab.final_statuses or mission.status_verified.start().date() >= limit:
            continue
        status_source = mission.cite.get("status")
        source = mission.source(status_source) if status_source else None
        planned = tuple(m for m in mission.milestones if m.planned)
        found.append(ToCheck(mission, mission.status_verified, source, planned))
    return sorted(found, key=lambda item: (item.since.start(), item.mission.id))
