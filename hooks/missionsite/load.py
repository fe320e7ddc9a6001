"""Read YAML files into plain values plus an index from each field to its line.

Walking PyYAML's node tree ourselves (instead of `yaml.safe_load`) gives three things a person fixing
the data needs: the line of every field, an error for a duplicated key (PyYAML keeps the last one
silently), and dates kept as the text that was written, so `2019-01-03` and `2019` mean what they say.
Anchors and aliases are refused: no mission needs them, and they are how a "YAML bomb" explodes.
Only regular files are read, and never more of one than the size limit: a FIFO would stop the build for
good, and /dev/zero would fill the memory.
"""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from .problems import Path, Problem, field_name, shorten

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
# No data file nests more than four levels (milestones[0].date); deeper means a mistake or an attack,
# and refusing it early keeps the walk below Python's recursion limit.
MAX_DEPTH = 16
# Whole numbers up to 15 digits: JavaScript, which reads the export, rounds any longer one.
MAX_DIGITS = 15
# Longer text is refused before it is read as a whole number: Python refuses more than 4,300 digits,
# and PyYAML takes seconds over a long base-60 one (1:20:30...). 128 characters hold any number within
# MAX_DIGITS however it is written, in binary and with underscores too.
MAX_INT_TEXT = 128

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
# Opened without waiting: should a FIFO take the file's place after it was checked, opening it does not
# wait for a writer. O_BINARY only exists on Windows, where it stops \r\n being changed on the way in.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass
class Document:
    file: str  # as shown to people: relative to the project folder
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        """'data/missions/chang-e-4.yml' -> 'chang-e-4': the id a mission file must have."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".yml")

    def line(self, path: Path) -> int | None:
        """The line of a field, or of the nearest enclosing one that has a line."""
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
        return self.construct(node, path)

    def construct(self, node: yaml.Node, path: Path) -> Any:
        """A value that is not text: a number, true or false, null."""
        if node.tag == _INT and len(node.value) > MAX_INT_TEXT:
            raise _Refused(node, _too_long(node), path)
        try:
            value = self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:  # a tag like !agency: a typo for a plain value
            raise _Refused(node, f"unknown tag {node.tag}; write the value without a leading !") from None
        except (ValueError, KeyError, IndexError, AttributeError, TypeError):  # !!int abc, !!bool maybe
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(node, f"not a valid {tag} value: {shorten(node.value)}", path) from None
        # In binary, hexadecimal or base 60 a short text can still be a long number, too long to show.
        if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
            raise _Refused(node, _too_long(node), path)
        # .inf and .nan, or 1e+400, which reads as infinity: no count or measure is either.
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refused(node, f"expected a finite number; got {shorten(node.value)}", path)
        return value

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, "keys must be plain names")
            key = key_node.value if key_node.tag == _STR else self.construct(key_node, path)
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        field_name((*path, key)),
                        f"duplicate key; first given on line {first_line[key]}, and only one may stand",
                    )
                )
                continue
            first_line[key] = line
            self.doc.lines[(*path, key)] = line
            result[key] = self.value(value_node, (*path, key))
        return result


def _too_long(node: yaml.ScalarNode) -> str:
    return f"expected a number of at most {MAX_DIGITS} digits; got {shorten(node.value)} (quote it if it is text)"


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str, path: Path | None = None):
        self.line = node.start_mark.line + 1
        self.message = message
        self.field = "(file)" if path is None else field_name(path)


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
    except yaml.reader.ReaderError as err:  # a NUL byte or another character YAML refuses
        character = chr(err.character) if isinstance(err.character, int) else str(err.character)
        message = f"not valid YAML: unacceptable character U+{ord(character):04X}: {err.reason}"
        problems.append(Problem(file, _line_of_first(text, character), "(syntax)", message))
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
        problems.append(Problem(file, err.line, err.field, err.message))
        return None, problems
    return doc, problems


def _line_of_first(text: str, character: str) -> int | None:
    """The line where `character` first appears. PyYAML says where it refused a character in bytes with
    libyaml and in characters without, but either way it is the character's first appearance: reading
    stops there."""
    index = text.find(character)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def read_file(path: FsPath, root: FsPath) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file."""
    return _read(str(path), path.relative_to(root).as_posix())


def _read(path: str, file: str) -> tuple[Document | None, list[Problem]]:
    """read_file, given the file's name as shown to people."""
    try:
        text = _file_text(path)
    except _Unreadable as err:
        return None, [Problem(file, err.line, "(file)", err.message)]
    return read_text(text, file)


class _Unreadable(Exception):
    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line


def _file_text(path: str) -> str:
    """The text of a regular file of at most MAX_FILE_BYTES, or _Unreadable saying why not."""
    try:
        _refuse_unless_regular(os.stat(path), path)  # before opening it: opening a device can do things
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            status = os.fstat(descriptor)
            _refuse_unless_regular(status, path)  # what was opened may have taken the place of what was checked
            if status.st_size > MAX_FILE_BYTES:
                raise _Unreadable(f"the file is {status.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            data = _read_at_most(descriptor, MAX_FILE_BYTES + 1, status.st_size)
        finally:
            os.close(descriptor)
    except OSError as err:  # no permission, a symbolic link to nowhere or in a loop
        raise _Unreadable(f"cannot be read: {err.strerror or err}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew after the check
        raise _Unreadable(f"the file is more than {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise _Unreadable(f"not UTF-8 text ({err.reason} at byte {err.start})", line) from None
    # As open() reads text: \r\n and \r become \n, so that lines and the caches' hashes are as before.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _refuse_unless_regular(status: os.stat_result, path: str) -> None:
    if stat.S_ISREG(status.st_mode):
        return
    kind = next((name for test, name in _NOT_REGULAR if test(status.st_mode)), "something else")
    through = " through a symbolic link" if os.path.islink(path) else ""
    raise _Unreadable(f"expected a regular file; got {kind}{through}")


def _read_at_most(descriptor: int, limit: int, expected: int) -> bytes:
    """Up to `limit` bytes, however much the file grew since its size was taken."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(descriptor, min(limit - total, max(expected + 1, 64 * 1024)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


@dataclass
class DataFiles:
    """Everything under data/, parsed but not yet checked."""

    vocab: Document | None
    fields: Document | None
    site: Document | None
    destinations: Document | None
    publishers: Document | None
    plan: Document | None
    glossary: Document | None
    changelog: Document | None
    missions: list[Document]
    # The id of every mission file, read or not: a file that could not be read is reported once, for
    # itself, and not again by every file that refers to its mission.
    mission_files: set[str] = field(default_factory=set)


def read_all(data_dir: FsPath, root: FsPath) -> tuple[DataFiles, list[Problem]]:
    """Every file under data/, parsed but not yet checked."""
    problems: list[Problem] = []

    def one(name: str) -> Document | None:
        path = data_dir / name
        if not os.path.lexists(path):  # anything else there is read, or refused with what it is
            problems.append(Problem(path.relative_to(root).as_posix(), None, "(file)", "missing"))
            return None
        doc, found = read_file(path, root)
        problems.extend(found)
        return doc

    files = DataFiles(
        one("vocab.yml"),
        one("fields.yml"),
        one("site.yml"),
        one("destinations.yml"),
        one("publishers.yml"),
        one("plan.yml"),
        one("glossary.yml"),
        one("changelog.yml"),
        [],
    )
    folder = data_dir / "missions"
    shown = folder.relative_to(root).as_posix()
    # Names, not Path objects: a catalogue has thousands of files, and making, comparing and making
    # relative a Path for each was a large part of loading them.
    try:
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
    except OSError as err:
        problems.append(Problem(shown, None, "(file)", f"cannot be read: {err.strerror or err}"))
        names = []
    for name in names:
        if name.startswith("."):
            continue  # editors' swap and lock files
        if not name.endswith(".yml"):
            problems.append(Problem(f"{shown}/{name}", None, "(file)", "expected a .yml file"))
            continue
        files.mission_files.add(name.removesuffix(".yml"))
        doc, found = _read(os.path.join(folder, name), f"{shown}/{name}")
        problems.extend(found)
        if doc is not None:
            files.missions.append(doc)
    return files, problems
