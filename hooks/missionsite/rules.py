"""The rules no single field can check: references within a mission (sources, citations), the order
and status its milestones imply, the data's as-of date, and the links between files (ids, aliases,
comparisons, the changelog). Each rule adds a problem at the field it is about.

Run on records that validated (model.py): a record with a mistake in a field is reported for that
field alone, not again for every rule it then breaks.
"""

from __future__ import annotations

import difflib
from typing import Any
from urllib.parse import urlsplit

from .dates import PartialDate
from .load import Document
from .model import CITABLE, Change, Cited, Destination, FieldList, Mission, Publisher, Record, SiteInfo, Term, Vocab
from .problems import Path, Problem, shorten


class Rules:
    """Problems found in one document."""

    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self._before = len(problems)

    def report(self, path: Path, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    @property
    def passed(self) -> bool:
        return len(self.problems) == self._before


# --- Shared files ----------------------------------------------------------------------------------


def vocab(doc: Document, vocab: Vocab, problems: list[Problem]) -> bool:
    rules = Rules(doc, problems)
    for key in ("arrival_kinds", "end_kinds", "launch_kinds"):
        for i, kind in enumerate(getattr(vocab, key)):
            if kind not in vocab.milestone_kinds:
                rules.report(
                    (key, i),
                    f"expected a milestone kind: one of {', '.join(vocab.milestone_kinds)}; got {shorten(kind)}",
                )
    for i, status in enumerate(vocab.final_statuses):
        if status not in vocab.statuses:
            rules.report(
                ("final_statuses", i), f"expected a status: one of {', '.join(vocab.statuses)}; got {shorten(status)}"
            )
    return rules.passed


def field_list(doc: Document, fields: FieldList, documented: dict[str, type[Record]], problems: list[Problem]) -> bool:
    """fields.yml documents the models as they are: each field once, in order, required as the model
    requires it. It is documentation: it cannot make a field the site needs optional."""
    rules = Rules(doc, problems)
    for group, specs in fields.groups().items():
        model = documented[group]
        declared = {name: field for name, field in model.model_fields.items()}
        names = [spec.name for spec in specs]
        for i, spec in enumerate(specs):
            field = declared.get(spec.name)
            if field is None:
                close = difflib.get_close_matches(spec.name, list(declared), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                rules.report(
                    (group, i, "name"), f"no such field in the model; {hint}expected one of {', '.join(declared)}"
                )
            elif spec.required != field.is_required():
                word = "required" if field.is_required() else "optional"
                rules.report(
                    (group, i, "required"),
                    f"expected {str(field.is_required()).lower()}: {spec.name} is {word} in the model",
                )
        missing = [name for name in declared if name not in names]
        if missing:
            rules.report((group,), f"expected a description of every field; missing: {', '.join(missing)}")
        elif [name for name in names if name in declared] != [name for name in declared if name in names]:
            rules.report((group,), f"expected the fields in the model's order: {', '.join(declared)}")
    return rules.passed


def destinations(doc: Document, found: tuple[Destination, ...], problems: list[Problem]) -> None:
    rules = Rules(doc, problems)
    _unique(rules, [d.id for d in found], "destination", lambda i: (i, "id"))


def publishers(doc: Document, found: tuple[Publisher, ...], problems: list[Problem]) -> None:
    """Each publisher once, and each host belongs to one publisher: a URL names who published it."""
    rules = Rules(doc, problems)
    _unique(rules, [p.id for p in found], "publisher", lambda i: (i, "id"))
    owner: dict[str, str] = {}
    for i, publisher in enumerate(found):
        for j, host in enumerate(publisher.hosts):
            if owner.setdefault(host, publisher.id) != publisher.id:
                rules.report((i, "hosts", j), f"'{host}' is already a host of '{owner[host]}'")


def white_papers(doc: Document, site: SiteInfo, publishers: dict[str, Publisher], problems: list[Problem]) -> None:
    """Each paper once, oldest first, its full text on its publisher's site; the site follows one of them."""
    rules = Rules(doc, problems)
    papers = site.white_papers
    _unique(rules, [p.id for p in papers], "white paper", lambda i: ("white_papers", i, "id"))
    for i, paper in enumerate(papers):
        path = ("white_papers", i, "full_text")
        publisher_known(rules, paper.full_text.publisher, (*path, "publisher"), publishers)
        source_host(rules, paper.full_text, path, publishers)
        if i and paper.published.start() < papers[i - 1].published.start():
            rules.report(("white_papers", i, "published"), "expected the white papers oldest first")
    if site.follows not in {p.id for p in papers}:
        ids = ", ".join(p.id for p in papers)
        rules.report(
            ("follows",), f"expected the id of a white paper listed: one of {ids}; got {shorten(site.follows)}"
        )
    if rules.passed:
        for paper in papers:
            paper.full_text.registered(publishers)


def publisher_known(rules: Rules, publisher_id: str, path: Path, publishers: dict[str, Publisher]) -> None:
    """For a file read before the register: its publisher ids are checked once the register is read."""
    if publisher_id not in publishers:
        close = difflib.get_close_matches(publisher_id, list(publishers), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        rules.report(path, f"expected the id of a publisher in data/publishers.yml; got unknown '{publisher_id}'{hint}")


def source_host(rules: Rules, source: Cited, path: Path, publishers: dict[str, Publisher]) -> None:
    """A source is read on its publisher's own site, or on the registered site named by `via`. A host
    no publisher owns is a content farm, a repost or a wiki: cite the original instead."""
    if not publishers:
        return  # data/publishers.yml could not be read: reported there
    host = (urlsplit(source.url).hostname or "").lower()
    if source.publisher not in publishers or (source.via and source.via not in publishers):
        return  # an unknown id: reported at the id
    where = publishers.get(source.via or source.publisher)
    owner = next((p for p in publishers.values() if host in p.hosts), None)
    if source.via and source.via == source.publisher:
        rules.report((*path, "via"), "expected another publisher than the source's own, or no via")
    elif owner is None:
        rules.report(
            (*path, "url"),
            f"'{host}' is not a registered publisher's host; cite the original (the agency, the white paper, "
            "the news agency that wrote the story), or register the publisher in data/publishers.yml",
        )
    elif where is not None and owner is not where:
        field = "via" if source.via else "publisher"
        rules.report(
            (*path, field),
            f"expected '{owner.id}', the publisher of {host}"
            + ("" if source.via else f"; if {owner.name} copied {where.name}'s story, add 'via: {owner.id}'"),
        )


def glossary(doc: Document, terms: tuple[Term, ...], problems: list[Problem]) -> None:
    rules = Rules(doc, problems)
    seen: dict[str, int] = {}
    for i, term in enumerate(terms):
        for form in term.forms:
            if form in seen and seen[form] != i:
                rules.report((i, "forms"), f"'{form}' is already a form of '{terms[seen[form]].term}'")
            seen[form] = i


def changelog(
    doc: Document, changes: tuple[Change, ...], as_of: PartialDate, mission_ids: set[str], problems: list[Problem]
) -> None:
    """The updates of the data, newest first; each names the missions it touched, if any."""
    rules = Rules(doc, problems)
    for i, change in enumerate(changes):
        if change.date.start() > as_of.start():
            rules.report((i, "date"), f"expected a day on or before the data's as-of date {as_of}")
        _mission_refs(rules, change.missions, (i, "missions"), mission_ids)
    for i, (newer, older) in enumerate(zip(changes, changes[1:], strict=False), start=1):
        if older.date.start() > newer.date.start():
            rules.report((i, "date"), f"expected the newest entry first; {older.date} is after {newer.date}")


def _mission_refs(rules: Rules, refs: tuple[Any, ...], path: Path, mission_ids: set[str]) -> None:
    for i, ref in enumerate(refs):
        if ref not in mission_ids:
            close = difflib.get_close_matches(str(ref), sorted(mission_ids), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            rules.report((*path, i), f"expected the id of a mission; got unknown {shorten(ref)}{hint}")


def _unique(rules: Rules, ids: list[str], what: str, path_of) -> None:
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            rules.report(path_of(i), f"duplicate {what} id '{item_id}'")
        seen.add(item_id)


# --- One mission -----------------------------------------------------------------------------------


def mission(
    doc: Document,
    m: Mission,
    vocab: Vocab,
    as_of: PartialDate,
    publishers: dict[str, Publisher],
    problems: list[Problem],
) -> bool:
    """The rules within one mission file; True when it follows them all."""
    rules = Rules(doc, problems)
    if m.id != doc.stem:
        rules.report(("id",), f"expected '{doc.stem}', the file's name; got '{m.id}'")
    if m.id == "index":
        rules.report(("id",), "expected another id: /missions/index/ is the page listing all missions")
    if len(set(m.kinds)) != len(m.kinds):
        rules.report(("kinds",), "each kind may be listed once")
    _unique(rules, [s.id for s in m.sources], "source", lambda i: ("sources", i, "id"))
    for i, source in enumerate(m.sources):
        source_host(rules, source, ("sources", i), publishers)
    _aliases(rules, m)
    _references(rules, m)
    _milestones(rules, m, as_of)
    _firsts(rules, m)
    _status(rules, m, vocab)
    if m.status_verified.start() > as_of.start():
        rules.report(("status_verified",), f"expected a day on or before the data's as-of date {as_of}")
    return rules.passed


def _aliases(rules: Rules, m: Mission) -> None:
    """Old ids and other spellings; each becomes a redirect page."""
    seen: set[str] = set()
    for i, alias in enumerate(m.aliases):
        if alias == m.id:
            rules.report(("aliases", i), f"expected another spelling than the mission's own id; got '{alias}'")
        elif alias in seen:
            rules.report(("aliases", i), f"duplicate alias '{alias}'; list each once")
        seen.add(alias)


def _references(rules: Rules, m: Mission) -> None:
    """Every source a fact names is one of the mission's sources, and every citable fact names one."""
    ids = [s.id for s in m.sources]

    def known(source_id: str, path: Path) -> None:
        if source_id not in ids:
            rules.report(
                path, f"expected the id of an entry in sources: one of {', '.join(ids)}; got {shorten(source_id)}"
            )

    for i, milestone in enumerate(m.milestones):
        known(milestone.source, ("milestones", i, "source"))
    if m.landing_site:
        known(m.landing_site.source, ("landing_site", "source"))
    present = {key for key in CITABLE if getattr(m, key) not in (None, ())}
    for key, source_id in m.cite.items():
        if key not in present:
            what = "one of the fields this mission has: " + ", ".join(sorted(present)) if present else "no entries"
            rules.report(("cite", key), f"expected {what}")
        else:
            known(source_id, ("cite", key))
    for key in sorted(present - set(m.cite)):
        rules.report(("cite",), f"expected a source for {key}: add '{key}: <source id>' under cite")
    cited = {x.source for x in m.milestones} | set(m.cite.values())
    cited |= {m.landing_site.source} if m.landing_site else set()
    for i, source in enumerate(m.sources):
        if source.id not in cited:
            rules.report(("sources", i, "id"), "no fact cites this source; cite it from a fact, or remove it")


def _milestones(rules: Rules, m: Mission, as_of: PartialDate) -> None:
    previous = None
    for i, milestone in enumerate(m.milestones):
        path = ("milestones", i)
        if milestone.window and not milestone.planned:
            rules.report((*path, "window"), "expected only on a planned milestone (planned: true)")
        # Out of order only when it must come before the previous one: '2026' may follow '2026-08'.
        if previous and milestone.date.end() < previous.date.start().date():
            rules.report(
                (*path, "date"),
                f"milestones must be in date order; {milestone.date} "
                f"comes before the previous milestone's {previous.date}",
            )
        previous = milestone
        # Whatever has happened happened by the as-of date, and whatever is planned is not yet past.
        if not milestone.planned and milestone.date.start() > as_of.start():
            rules.report(
                (*path, "date"),
                f"expected a date on or before the data's as-of date {as_of} "
                "for something that has happened; mark it 'planned: true' if it has not",
            )
        if milestone.planned and milestone.date.end() < as_of.end():
            rules.report(
                (*path, "date"),
                f"this planned date has passed by the data's as-of date {as_of}; record what happened or the new plan",
            )


def _firsts(rules: Rules, m: Mission) -> None:
    """A first of a kind is dated by one of the mission's milestones that has happened."""
    flown = {x.kind for x in m.milestones if not x.planned}
    for i, first in enumerate(m.firsts):
        path = ("firsts", i)
        if first.kind and not first.milestone:
            rules.report((*path, "milestone"), "expected the kind of the milestone that dates this first")
        elif first.milestone and not first.kind:
            rules.report((*path, "kind"), "expected the kind of first (first_kinds in vocab.yml), with its milestone")
        elif first.milestone and first.milestone not in flown:
            have = ", ".join(dict.fromkeys(x.kind for x in m.milestones if not x.planned)) or "none"
            rules.report(
                (*path, "milestone"),
                f"expected a milestone this mission has flown: one of {have}; got {shorten(first.milestone)}",
            )


def _status(rules: Rules, m: Mission, vocab: Vocab) -> None:
    flown = [x for x in m.milestones if x.kind in vocab.launch_kinds and not x.planned]
    if m.status == "planned" and flown:
        rules.report(("status",), f"expected a status other than planned: launched on {flown[0].date}")
    if m.status != "planned" and not flown:
        rules.report(("status",), f"expected 'planned' for a mission without a flown launch; got '{m.status}'")


# --- Across mission files --------------------------------------------------------------------------


def across(
    docs: dict[str, Document], missions: list[Mission], known_ids: set[str], problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """Aliases, COSPAR ids and comparisons between missions; returns both directions of each pair."""
    by_id = {m.id: m for m in missions}
    _other_names(docs, missions, known_ids | set(by_id), problems)
    _firsts_once(docs, missions, problems)
    pairs: dict[frozenset[str], str] = {}
    compared: dict[str, list[str]] = {m.id: [] for m in missions}
    for m in missions:
        rules = Rules(docs[m.file], problems)
        for i, other_id in enumerate(m.compare_with):
            path = ("compare_with", i)
            other = by_id.get(other_id)
            if other is None:
                if other_id not in known_ids:  # a mission whose file has a problem is reported there
                    close = difflib.get_close_matches(other_id, sorted(known_ids | set(by_id)), n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    rules.report(path, f"expected the id of a mission; got unknown '{other_id}'{hint}")
                continue
            if other.country == m.country:
                rules.report(path, f"expected a mission of another country; '{other_id}' is also {m.country}")
                continue
            pair = frozenset((m.id, other_id))
            if pair in pairs:
                rules.report(
                    path,
                    f"this comparison is already given in {pairs[pair]}; "
                    "write each pair once, it is shown on both pages",
                )
                continue
            pairs[pair] = m.file
            compared[m.id].append(other_id)
            compared[other_id].append(m.id)
    return {k: tuple(v) for k, v in compared.items()}


def _firsts_once(docs: dict[str, Document], missions: list[Mission], problems: list[Problem]) -> None:
    """A country's first of a kind is one mission: a second claim is a mistake in one of them."""
    claimed: dict[tuple[str, str], str] = {}
    for m in missions:
        for i, first in enumerate(m.firsts):
            if not first.kind:
                continue
            other = claimed.setdefault((m.country, first.kind), m.id)
            if other != m.id:
                Rules(docs[m.file], problems).report(
                    ("firsts", i, "kind"),
                    f"'{first.kind}' is already {other}'s; a country's first of a kind is one mission",
                )


def _other_names(docs: dict[str, Document], missions: list[Mission], known_ids: set[str], problems) -> None:
    """Aliases and COSPAR ids lead to one mission each: no alias may be a mission's id or another's alias."""
    alias_of: dict[str, str] = {}
    cospar_of: dict[str, str] = {}
    for m in missions:
        rules = Rules(docs[m.file], problems)
        for i, alias in enumerate(m.aliases):
            if alias == m.id:
                continue  # reported with the mission's own rules
            if alias in known_ids:
                rules.report(
                    ("aliases", i), f"expected an id no mission has; '{alias}' is the id of data/missions/{alias}.yml"
                )
            elif alias in alias_of:
                if alias_of[alias] != m.file:
                    rules.report(("aliases", i), f"duplicate alias '{alias}'; {alias_of[alias]} lists it too")
            else:
                alias_of[alias] = m.file
        if m.cospar_id in cospar_of:
            rules.report(("cospar_id",), f"duplicate COSPAR id; {cospar_of[m.cospar_id]} has it too")
        elif m.cospar_id:
            cospar_of[m.cospar_id] = m.file
