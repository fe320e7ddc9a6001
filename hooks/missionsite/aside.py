"""Finished HTML kept out of Markdown's way: set aside while MkDocs converts a page, put back after.

The templates write a page's largest parts as finished HTML: the fact box, the milestones, the
mission tables and the figures. Left in the Markdown, every tag of them would be read three times
for nothing: by Markdown's HTML block parser, by MkDocs' search for anchors, and by the search
plugin. Set aside, each is a short marker in the Markdown, and the hook puts the HTML back once
the search plugin has read the page.

So only parts that search leaves out anyway (data-search-exclude) may be set aside, and only as
blocks of their own (blank lines around them). A marker is an empty <div> holding an empty <a> for
each id in its part: MkDocs learns a page's anchors from the raw HTML in its Markdown, and a
hand-written page may link to a milestone (missions/chang-e-4.md#landing). MkDocs never checked the
links within raw HTML; tests/test_links.py checks every link of the built site.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r'<div data-set-aside="(\d+)">(?:<a id="[^"<>]*"></a>)*</div>')
# Our templates write one space before each attribute; a pattern that starts with that literal text is
# searched for quickly, where one that starts with \s is tried at every character of the part.
_ID = re.compile(r' id="([^"<>]*)"')


def _ids(part: str) -> list[str]:
    """The id of each tag in `part`. Text may read like an id (a milestone saying 'id="x"'), but
    text is escaped, so holds no < or >: an id is in a tag when the nearest of them before it is <."""
    return [
        found[1]
        for found in _ID.finditer(part)
        if part.rfind("<", 0, found.start()) > part.rfind(">", 0, found.start())
    ]


class SetAside:
    """The parts set aside during one build, each behind a numbered marker."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def __call__(self, html: object) -> str:
        """The marker to write in the Markdown instead of `html`; a Jinja filter."""
        part = str(html)
        self._parts.append(part)
        anchors = "".join(f'<a id="{anchor}"></a>' for anchor in _ids(part))
        return f'<div data-set-aside="{len(self._parts) - 1}">{anchors}</div>'

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self._parts)

    def put_back(self, content: str) -> str:
        """The page's HTML (or Markdown) with every part back in place of its marker."""
        return _MARKER.sub(self._part, content) if "<div data-set-aside=" in content else content

    def _part(self, marker: re.Match[str]) -> str:
        number = int(marker[1])
        # A marker this build did not write (typed into a page by hand) stays as it is.
        return self._parts[number] if number < len(self._parts) else marker[0]
