"""Text from data/ made safe where it meets a page: escaped as plain text, or, for the fields that are
Markdown by design (bodies), converted by a restricted Markdown and cleaned by an allowlist sanitizer.

Data is untrusted input (a mission file in a pull request is how the site grows), so safety comes
from how each value is written, not from a list of forbidden patterns: plain text can only ever read
as text, a URL can only ever be an http(s) address inside its attribute, and a body can only ever
hold the few tags listed here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote, urlsplit

import markdown
import nh3

from .urls import linked_page

# Python-Markdown's escapable characters (with `|` for tables); HTML's specials become entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def md(value: object) -> str:
    """Plain text -> Markdown that renders as exactly that text: no character can start markup,
    an attribute list ({: onclick=...}) or a link."""
    html_safe = html.escape(str(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", html_safe)


class UnsafeUrl(ValueError):
    """A URL that is not an http(s) address: the model refuses these, so this is a bug, not bad data."""


# What a URL may hold as it is: RFC 3986's unreserved and reserved characters, and % for escapes.
# Anything else (quotes, <, >, spaces, backslashes, braces, backticks) is percent-encoded, so it can
# end neither an attribute nor a Markdown link.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def href(url: str) -> str:
    """An http(s) URL from the data, ready for an href attribute in double quotes. Brackets, which a
    URL may hold, are written as character references: Markdown reads link syntax even inside a raw
    tag, and `[x](javascript:...)` within an address would become a link of its own."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UnsafeUrl(f"not an http(s) URL: {url!r}")
    return html.escape(quote(url, safe=_URL_SAFE)).replace("[", "&#91;").replace("]", "&#93;")


def external_link(title: str, url: str) -> str:
    """A link to another site, as HTML that Markdown passes through: the title is text, the URL an
    http(s) address, and neither can add an attribute or another link."""
    return f'<a href="{href(url)}">{md(title)}</a>'


# --- Markdown by design: bodies ---------------------------------------------------------------------

BODY_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "abbr", "br"}
BODY_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}}


class BodyLinkError(ValueError):
    """A body links to a page of the site that does not exist."""


class BodyRenderer:
    """Bodies to HTML: Markdown without raw HTML, attribute lists or any extension but abbreviations
    (the glossary's tooltips), then cleaned by nh3 (the Ammonia sanitizer) with an allowlist of tags,
    attributes and http(s) links. A relative link to a page of the site (../missions/juno.md) is
    made the page's address by `address`, as MkDocs makes its own links."""

    def __init__(self, address: Callable[[str, str], str], pages: Callable[[str], bool]):
        self._address = address
        self._is_page = pages
        self._markdown = markdown.Markdown(extensions=["abbr"])
        # Raw HTML is read as text: '<b>' shows as <b>, it never becomes a tag.
        self._markdown.preprocessors.deregister("html_block")
        self._markdown.inlinePatterns.deregister("html")

    def __call__(self, body: str, here: str, tooltips: str = "") -> str:
        converted = self._markdown.reset().convert(body + tooltips)
        broken: list[str] = []

        def attribute(tag: str, name: str, value: str) -> str | None:
            if tag == "a" and name == "href":
                return self._link(value, here, broken)
            return value

        cleaned = nh3.clean(
            converted,
            tags=BODY_TAGS,
            attributes=BODY_ATTRIBUTES,
            url_schemes={"http", "https"},
            link_rel=None,
            attribute_filter=attribute,
        )
        if broken:
            raise BodyLinkError(f"a link to {broken[0]}, which is no page of the site")
        return cleaned

    def _link(self, value: str, here: str, broken: list[str]) -> str | None:
        if urlsplit(value).scheme in ("http", "https"):
            return value
        path, _, anchor = value.partition("#")
        if not path.endswith(".md") or "://" in value or value.startswith("/"):
            return None  # neither another site nor a page of this one: the link is dropped
        target = linked_page(path, here)
        if not self._is_page(target):
            broken.append(value)
            return None
        return self._address(f"{target}#{anchor}" if anchor else target, here)
