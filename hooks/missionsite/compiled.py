"""Compiled Jinja templates, kept between builds: in memory for the whole of `mkdocs serve`, and in
`.cache/jinja/` for the next `mkdocs build`.

Each build makes new Jinja environments (MkDocs one for the theme, the hook one for its own
templates), so every build compiled every template again: about a fifth of a rebuild of the real
site. Jinja checks the checksum of a template's source before it uses cached code, so an edited
template is compiled afresh; the code is also keyed by Jinja's and Python's versions.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

FOLDER = Path(".cache") / "jinja"  # beside mkdocs.yml, like the preview images


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path) -> None:
        """Also keep compiled code in `folder`; a folder that cannot be made is no error."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._disk = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            self._disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._disk is not None:
            self._disk.load_bytecode(bucket)
            if bucket.code is not None:
                self._code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                pass  # a full or read-only disk only costs a compile next time


TEMPLATES = CompiledTemplates()
