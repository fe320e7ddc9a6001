"""Compiled Jinja templates, kept in memory between the builds of one `mkdocs serve`.

Each build makes new Jinja environments (MkDocs one for the theme, the hook one for its own
templates), so every rebuild compiled every template again: about a fifth of a rebuild of the real
site. This module stays imported while `serve` runs. Jinja checks the checksum of a template's source
before it uses cached code, so an edited template is compiled afresh.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
