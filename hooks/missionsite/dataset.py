"""Everything in data/, read and checked as one: the shared files first (the vocabulary defines the
choices the others may make), then the missions, then the plan that refers to them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import load, plan, rules, validate
from .load import DataFiles, Document
from .measures import KEYS
from .model import (
    Astronaut,
    Catalogue,
    Change,
    Destination,
    FieldList,
    First,
    LandingSite,
    Milestone,
    Mission,
    Publisher,
    Record,
    SiteInfo,
    Source,
    Term,
    Vocab,
)
from .problems import DataError, Problem

# What each group of data/fields.yml documents.
DOCUMENTED: dict[str, type[Record]] = {
    "mission": Mission,
    "milestone": Milestone,
    "landing_site": LandingSite,
    "astronaut": Astronaut,
    "first": First,
    "source": Source,
    "publisher": Publisher,
    "goal": plan.PlannedGoal,
    "statement": plan.Statement,
    "destination": Destination,
    "changelog": Change,
}


def check(files: DataFiles, problems: list[Problem]) -> Catalogue:
    """The checked catalogue, or DataError listing every problem in every file."""
    catalogue = _catalogue(files, problems)
    if problems or catalogue is None:
        raise DataError(problems)
    return catalogue


def _catalogue(files: DataFiles, problems: list[Problem]) -> Catalogue | None:
    if files.vocab is None or files.fields is None or files.site is None:
        return None  # missing: reported already, and nothing else can be checked without them
    vocab = _read(Vocab, files.vocab, {}, problems)
    fields = _read(FieldList, files.fields, {}, problems)
    site = _read(SiteInfo, files.site, {}, problems)
    if vocab is None or fields is None or site is None or not rules.vocab(files.vocab, vocab, problems):
        return None
    rules.field_list(files.fields, fields, DOCUMENTED, problems)

    context: dict[str, Any] = {**vocab.context(), "measures": list(KEYS)}
    found = _read(tuple[Destination, ...], files.destinations, context, problems, "a list of destinations") or ()
    if files.destinations:
        rules.destinations(files.destinations, found, problems)
    destinations = tuple(sorted(found, key=lambda d: (d.order, d.id)))
    context["destinations"] = [d.id for d in destinations]
    registry = _read(tuple[Publisher, ...], files.publishers, context, problems, "a list of publishers")
    if files.publishers and registry is not None:
        rules.publishers(files.publishers, registry, problems)
    publishers = {p.id: p for p in registry or ()}
    if registry is not None:  # else its problems are reported, not again at every source
        context["publishers"] = list(publishers)
        rules.white_papers(files.site, site, publishers, problems)

    docs = {doc.file: doc for doc in files.missions}
    missions = [m for doc in files.missions if (m := _mission(doc, context, vocab, site, publishers, problems))]
    known_ids = files.mission_files | {doc.stem for doc in files.missions}
    compared = rules.across(docs, missions, known_ids, problems)

    glossary = _read(tuple[Term, ...], files.glossary, context, problems, "a list of terms") or ()
    if files.glossary:
        rules.glossary(files.glossary, glossary, problems)
    changelog = _read(tuple[Change, ...], files.changelog, context, problems, "a list of changelog entries") or ()
    if files.changelog:
        rules.changelog(files.changelog, changelog, site.as_of, known_ids, problems)

    def launch_order(m: Mission) -> tuple:
        # Flown or planned launch first; a programme with no launch yet goes by its first plan.
        launch = m.first(vocab.launch_kinds) or next((x for x in m.milestones if x.planned), None)
        return (launch.date.sort_key() if launch else (site.as_of.start(), 9), m.id)

    missions.sort(key=launch_order)
    position = {m.id: i for i, m in enumerate(missions)}
    by_id = {m.id: m for m in missions}
    planned = _read(tuple[plan.PlannedGoal, ...], files.plan, context, problems, "a list of goals")
    goals = (
        plan.read_goals(
            files.plan, planned, by_id, known_ids, publishers, tuple(p.id for p in site.white_papers), problems
        )
        if files.plan and planned
        else ()
    )
    return Catalogue(
        site=site,
        vocab=vocab,
        fields=fields.groups(),
        destinations=destinations,
        missions=tuple(missions),
        compared={k: tuple(sorted(v, key=position.__getitem__)) for k, v in compared.items()},
        by_id=by_id,
        glossary=tuple(sorted(glossary, key=lambda t: t.term.lower())),
        publishers=publishers,
        goals=goals,
        changelog=changelog,
    )


def _mission(
    doc: Document,
    context: dict[str, Any],
    vocab: Vocab,
    site: SiteInfo,
    publishers: dict[str, Publisher],
    problems: list[Problem],
) -> Mission | None:
    mission = validate.one(Mission, doc, context, problems)
    if mission is None or not rules.mission(doc, mission, vocab, site.as_of, publishers, problems):
        return None
    mission._file = doc.file
    if publishers:
        for source in mission.sources:
            source.registered(publishers)
    return mission


def _read(model: Any, doc: Document | None, context: dict[str, Any], problems: list[Problem], what: str = "") -> Any:
    return validate.one(model, doc, context, problems, what) if doc is not None else None


def load_all(data_dir: Path, root: Path) -> Catalogue:
    files, problems = load.read_all(data_dir, root)
    return check(files, problems)
