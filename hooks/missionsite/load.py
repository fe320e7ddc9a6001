"""Read YAML files into plain values plus an index from each field to its line.

Walking PyYAML's node tree ourselves (instead of `yaml.safe_load`) gives three things a person fixing
the data needs: the line of every field, an error for a duplicated key (PyYAML keeps the last one
silently), and dates kept as the text that was written, so `2019-01-03` and `2019` mean what they say.
Anchors and aliases are refused: no mission needs them, and they are how a "YAML bomb" explodes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from .parsed import Parsed
from .parsed import digest as parsed_digest
from .problems import Path, Problem, field_name

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
# No data file nests more than four levels (milestones[0].date); deeper means a mistake or an attack,
# and refusing it early keeps the walk below Python's recursion limit.
MAX_DEPTH = 16

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


@dataclass
class Document:
    file: str  # as shown to people: relative to the project folder
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    # A document an earlier build read (parsed.py) comes without its lines, which only a problem
    # needs: its text is kept instead, and read again for them the first time one is asked for.
    text: str | None = field(default=None, repr=False, compare=False)
    digest: str | None = None  # its text's hash, when the build keeps what it read (parsed.py)

    @property
    def stem(self) -> str:
        """'data/missions/chang-e-4.yml' -> 'chang-e-4': the id a mission file must have."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".yml")

    def line(self, path: Path) -> int | None:
        """The line of a field, or of the nearest enclosing one that has a line."""
        if self.text is not None:
            again, _ = read_text(self.text, self.file)  # the same text an earlier build read without a problem
            self.lines, self.text = again.lines, None
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: Path, message: str) -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message)


class _Walker:
    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()
        self.loader = _Loader("")

    def value(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            raise _Refused(node, "anchors and aliases (& and *) are not allowed; write the value out")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Refused(node, f"the file has more than {MAX_NODES:,} values; split it up")
        if len(path) > MAX_DEPTH:
            raise _Refused(node, f"values are nested more than {MAX_DEPTH} levels deep")
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag in (_TIMESTAMP, _STR):
            return node.value  # most values: the constructor would return the same, much slower
        return self.construct(node)

    def construct(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:  # a tag like !agency: a typo for a plain value
            raise _Refused(node, f"unknown tag {node.tag}; write the value without a leading !") from None

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, "keys must be plain names")
            key = key_node.value if key_node.tag == _STR else self.construct(key_node)
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(
                    Problem(
                        self.doc.file, line, field_name((*path, key)),
                        f"duplicate key; first given on line {first_line[key]}, and only one may stand",
                    )
                )
                continue
            first_line[key] = line
            self.doc.lines[(*path, key)] = line
            result[key] = self.value(value_node, (*path, key))
        return result


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.line = node.start_mark.line + 1
        self.message = message


def read_text(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML text; return the document (None if unreadable) and the problems found."""
    doc = Document(file, None)
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        reason = " ".join(str(part) for part in (err.context, err.problem) if part)
        problems.append(Problem(file, line, "(syntax)", f"not valid YAML: {reason}"))
        return None, problems
    except yaml.YAMLError as err:
        problems.append(Problem(file, None, "(syntax)", f"not valid YAML: {err}"))
        return None, problems
    except RecursionError:  # PyYAML's pure-Python composer recurses once per nesting level
        problems.append(Problem(file, None, "(syntax)", "values are nested too deeply to read"))
        return None, problems
    if node is None:
        problems.append(Problem(file, 1, "(file)", "the file is empty"))
        return None, problems
    try:
        doc.data = _Walker(doc, problems).value(node, ())
    except _Refused as err:
        problems.append(Problem(file, err.line, "(file)", err.message))
        return None, problems
    return doc, problems


def read_file(path: FsPath, root: FsPath, parsed: Parsed | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file, or take it from `parsed` when an earlier build read the same text."""
    return _read(str(path), path.relative_to(root).as_posix(), parsed)


def _read(path: str, file: str, parsed: Parsed | None) -> tuple[Document | None, list[Problem]]:
    """read_file, given the file's name as shown to people."""
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        message = f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
        return None, [Problem(file, None, "(file)", message)]
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except UnicodeDecodeError as err:
        return None, [Problem(file, None, "(file)", f"not UTF-8 text ({err.reason} at byte {err.start})")]
    if parsed is None:
        return read_text(text, file)
    digest = parsed_digest(text)
    earlier = parsed.get(file, digest)
    if earlier is not None:
        return Document(file, earlier, text=text, digest=digest), []
    doc, problems = read_text(text, file)
    if doc is not None and not problems:
        doc.digest = digest
        parsed.keep(file, digest, doc.data)
    return doc, problems


@dataclass
class DataFiles:
    """Everything under data/, parsed but not yet checked."""

    vocab: Document | None
    fields: Document | None
    site: Document | None
    destinations: Document | None
    plan: Document | None
    glossary: Document | None
    changelog: Document | None
    missions: list[Document]


def read_all(data_dir: FsPath, root: FsPath, parsed: Parsed | None = None) -> tuple[DataFiles, list[Problem]]:
    """Every file under data/; with `parsed`, files read by an earlier build are not parsed again."""
    problems: list[Problem] = []

    def one(name: str) -> Document | None:
        path = data_dir / name
        if not path.is_file():
            problems.append(Problem(path.relative_to(root).as_posix(), None, "(file)", "missing"))
            return None
        doc, found = read_file(path, root, parsed)
        problems.extend(found)
        return doc

    files = DataFiles(
        one("vocab.yml"), one("fields.yml"), one("site.yml"), one("destinations.yml"), one("plan.yml"),
        one("glossary.yml"), one("changelog.yml"), [],
    )
    folder = data_dir / "missions"
    shown = folder.relative_to(root).as_posix()
    # Names, not Path objects: a catalogue has thousands of files, and a Path made, compared and made
    # relative for each was a quarter of the time loading them took.
    for name in sorted(os.listdir(folder)) if folder.is_dir() else ():
        if name.startswith("."):
            continue  # editors' swap and lock files
        if not name.endswith(".yml"):
            problems.append(Problem(f"{shown}/{name}", None, "(file)", "expected a .yml file"))
            continue
        doc, found = _read(os.path.join(folder, name), f"{shown}/{name}", parsed)
        problems.extend(found)
        if doc is not None:
            files.missions.append(doc)
    if parsed is not None:
        parsed.save()
    return files, problems
