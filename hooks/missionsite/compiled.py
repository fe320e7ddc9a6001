"""Compiled Jinja templates, kept between builds: in memory for the whole of `mkdocs serve`, and in
`.cache/jinja/` for the next `mkdocs build`.

Each build makes new Jinja environments (MkDocs one for the theme, the hook one for its own
templates), so every build compiled every template again, a large part of a rebuild (figures in
BENCHMARKS.md). Jinja checks the checksum of a template's source before it uses cached code, so an edited
template is compiled afresh; the code is also keyed by Jinja's and Python's versions.

A file in `.cache/jinja/` is used only if it is whole: it starts with the SHA-256 of the rest, which
is Jinja's own bytecode format. Jinja reads that format with pickle and marshal, neither of them
meant for damaged data: a file cut short by a crash or a full disk raised an exception that stopped
every build until `.cache` was deleted. A file that does not check out is compiled again and
replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import jinja2

from .files import write_atomically

FOLDER = Path(".cache") / "jinja"  # beside mkdocs.yml, like the preview images
DIGEST = hashlib.sha256().digest_size


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}  # checked already, or compiled by this process
        self._folder: Path | None = None

    def keep_in(self, folder: Path) -> None:
        """Also keep compiled code in `folder`; a folder that cannot be made is no error."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._folder = folder
        except OSError:
            self._folder = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self._folder is not None:
            code = _read_checked(self._file(bucket))
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # whatever went wrong, compiling again is the remedy
            bucket.reset()
        if bucket.code is not None:
            self._code[bucket.key] = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._code[bucket.key] = code
        if self._folder is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk only costs a compile next time
                write_atomically(self._file(bucket), hashlib.sha256(code).digest() + code)

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        # The name Jinja's FileSystemBytecodeCache gave it, so a file in its format is replaced, not left behind.
        assert self._folder is not None  # only asked for when there is one
        return self._folder / f"__jinja2_{bucket.key}.cache"


def _read_checked(path: Path) -> bytes | None:
    """The code kept in `path`, if the file can be read and its digest matches; otherwise None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, code = data[:DIGEST], data[DIGEST:]
    return code if hashlib.sha256(code).digest() == digest else None


TEMPLATES = CompiledTemplates()
