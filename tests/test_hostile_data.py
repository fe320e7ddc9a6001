"""Property tests: mutated, broken and hostile mission files end in a valid model or in the clear
error report, never in another exception; and no HTML or script from the data reaches a page."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, fixture_missions, write_data
from missionsite import dataset, load, model
from missionsite.problems import DataError, Problem
from missionsite.render import Renderer

MISSION_FILE = "data/missions/probe-one.yml"
ORIGINAL = yaml.safe_load((FIXTURES / "missions" / "probe-one.yml").read_text(encoding="utf-8"))
# The Markdown extensions of mkdocs.yml, so pages are turned into HTML as the build does.
EXTENSIONS = ["abbr", "attr_list", "def_list", "md_in_html", "tables", "admonition", "toc"]
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><x-evil>',
    "< script>",
    "</p><x-evil>",
    "[click](javascript:alert(1))",
    "<!-- hidden -->",
    "&lt;x-evil&gt;",
    "`<x-evil>`",
    "{: onclick=alert(1) }",
    "*a* | b | _c_",
    "\\<x-evil>",
    "\u202eevil",
    "嫦娥\u200b四号",
    "\x00",
    "\ud7ff\ufeff",
]
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=HEALTH)
# `make quick`: a fifth of the examples, for the edit loop; `make test` runs them all.
settings.register_profile("quick", max_examples=30, deadline=None, suppress_health_check=HEALTH)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _shared_files() -> tuple[load.DataFiles, list[Problem]]:
    """The real shared data files, the fixture plan, and probe-two, read once."""
    folder = Path(tempfile.mkdtemp())
    try:
        write_data(folder, {"probe-two.yml": fixture_missions()["probe-two.yml"]})
        return load.read_all(folder / "data", folder)
    finally:
        shutil.rmtree(folder)


SHARED, SHARED_PROBLEMS = _shared_files()
assert not SHARED_PROBLEMS, SHARED_PROBLEMS


def outcome(text: str) -> model.Catalogue | None:
    """Load and check one mission file beside the shared data: the catalogue, or None after a DataError.
    Any other exception fails the test: it would be a traceback for the person fixing the data."""
    doc, problems = load.read_text(text, MISSION_FILE)
    files = dataclasses.replace(SHARED, missions=[*SHARED.missions, *([doc] if doc else [])])
    try:
        catalogue = dataset.check(files, problems)
    except DataError as err:
        assert err.problems and all(isinstance(p, Problem) for p in err.problems)
        assert str(err).count("\n") == len(err.problems)  # one line per problem, after the heading
        event("refused with problems")
        return None
    event("valid")
    return catalogue


# --- Mutations of the parsed file -------------------------------------------------------------------


def paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from paths(child, (*path, i))


PATHS = [p for p in paths(ORIGINAL) if p]
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.tuples(st.text(max_size=10), st.sampled_from(PAYLOADS), st.text(max_size=10)).map("".join),
    st.integers(1_000, 100_000).map(lambda n: "x" * n),  # huge strings
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["2019", "2019-13", "2019-02-30"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
deep = st.integers(2, 200).map(lambda depth: json.loads("[" * depth + "]" * depth))


def set_at(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def drop_at(data, path):
    for key in path[:-1]:
        data = data[key]
    del data[path[-1]]


mutation = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(PATHS), st.one_of(values, deep, hostile_text)),
    st.tuples(st.just("drop"), st.sampled_from(PATHS), st.none()),
    st.tuples(st.just("add"), st.just(()), st.tuples(st.text(min_size=1, max_size=10), values)),
)


def mutated(changes) -> str:
    data = json.loads(json.dumps(ORIGINAL, default=str))  # a deep copy, dates as the text written
    for kind, path, value in changes:
        try:
            if kind == "set":
                set_at(data, path, value)
            elif kind == "drop":
                drop_at(data, path)
            else:
                data[value[0]] = value[1]
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed or retyped this path
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_files_end_in_a_model_or_the_error_report(changes):
    catalogue = outcome(mutated(changes))
    if catalogue is not None:
        assert_pages_carry_no_markup_from_data(catalogue)


@given(
    st.sampled_from(sorted({"name", "summary", "agency", "vehicle", "body"} & set(ORIGINAL))),
    st.sampled_from(PAYLOADS),
    st.text(max_size=20),
)
def test_html_and_script_in_text_never_reach_a_page_unescaped(field, payload, filler):
    catalogue = outcome(mutated([("set", (field,), f"{filler} {payload} {filler}")]))
    if catalogue is not None:
        assert_pages_carry_no_markup_from_data(catalogue)


# --- Corruption of the text itself ---------------------------------------------------------------

ORIGINAL_TEXT = (FIXTURES / "missions" / "probe-one.yml").read_text(encoding="utf-8")


@given(
    st.integers(0, len(ORIGINAL_TEXT)),
    st.integers(0, 40),
    st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \n\t\\") + ["\u3000", "é", "\ufeff"]), max_size=20),
)
def test_corrupted_text_ends_in_a_model_or_the_error_report(position, cut, insert):
    outcome(ORIGINAL_TEXT[:position] + insert + ORIGINAL_TEXT[position + cut :])


# --- What reaches the page -----------------------------------------------------------------------


class Markup(HTMLParser):
    """Tags and attributes of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


# Every tag our own templates and Markdown may write; anything else came from the data.
OWN_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "a",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
    "sup",
    "time",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "abbr",
    "hr",
    "br",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "details",
    "summary",
}
# ...and the all-missions page's filters (macros.md.j2's all_missions_table)
OWN_TAGS |= {"label", "select", "option", "input", "button"}
# ...and the figures' inline SVG (hooks/missionsite/figures.py)
OWN_TAGS |= {
    "svg",
    "g",
    "title",
    "desc",
    "rect",
    "circle",
    "line",
    "path",
    "text",
    "tspan",
    "polyline",
    "polygon",
    "ellipse",
    "clippath",
    "defs",
    "use",
    "pattern",
    "mask",
}


def assert_pages_carry_no_markup_from_data(catalogue, declared: bool = False) -> None:
    """No tag, event handler or script link from the data; and no link to a host the data did not
    declare as a URL (`declared`: the attack was put into a URL field, whose host it may name)."""
    renderer = Renderer.for_catalogue(catalogue)
    for path, text in renderer.all_pages().items():
        text = renderer.aside.put_back(text)  # the fact box, milestones and figures too
        front, _, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
        for key, value in (yaml.safe_load(front.removeprefix("---\n")) or {}).items():
            if isinstance(value, str):  # titles and descriptions, HTML-escaped
                assert "<" not in value and ">" not in value, (path, key, value)
        markup = Markup(markdown.markdown(body, extensions=EXTENSIONS))
        assert markup.tags <= OWN_TAGS, (path, markup.tags - OWN_TAGS)
        for name, value in markup.attributes:
            assert not name.startswith("on"), (path, name, value)
            assert not value.strip().lower().startswith(("javascript:", "vbscript:", "data:")), (path, name, value)
            assert declared or not (name == "href" and "evil.example" in value), (path, name, value)


# Attacks on Markdown rather than HTML: an attribute list at the start of a line, a link's end, an
# encoded script scheme, a link the data never declared.
ATTACKS = [
    '{: onclick="alert(document.domain)" }',
    "){:onmouseover=alert(1)}",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "](https://evil.example/) and [x",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*[x]: y",
    "\\{: onclick=alert(1) }",
]


def value_at(path):
    value = ORIGINAL
    for key in path:
        value = value[key]
    return value


TEXT_PATHS = sorted((p for p in PATHS if isinstance(value_at(p), str)), key=str)


@given(st.sampled_from(TEXT_PATHS), st.sampled_from(ATTACKS), st.sampled_from(["start", "line", "end", "in a link"]))
def test_attacks_at_line_starts_and_in_link_syntax_never_reach_a_page(path, attack, where):
    """In every text field of a mission, each attack where Markdown would act on it: at the start of the
    text or of a line of its own, at its end (a URL's end), or as a link's address."""
    text = value_at(path)
    value = {
        "start": f"{attack} {text}",
        "line": f"{text}\n\n{attack}",
        "end": f"{text}{attack}",
        "in a link": f"[{text}]({attack})",
    }[where]
    catalogue = outcome(mutated([("set", path, value)]))
    if catalogue is not None:
        assert_pages_carry_no_markup_from_data(catalogue, declared=path[-1] == "url")


@given(
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", ""]),
    st.text(alphabet=st.sampled_from(list("[]:@/?#%.-_~ a9") + ["é", "\u3000"]), max_size=20),
)
def test_any_source_url_ends_in_a_model_or_the_error_report(scheme, rest):
    """URLs have a grammar of their own, which the random text above seldom reaches: an unclosed [
    once made urlsplit raise."""
    outcome(mutated([("set", ("sources", 0, "url"), scheme + rest)]))
