"""Hostile data in the shared files, built for real: text from data/ never scripts a page or adds a
link it did not declare, wherever it is written (plan sources, the license, field names, bodies,
the glossary, the vocabulary). One build with every attack at once, then every page is read back."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build

pytestmark = pytest.mark.filterwarnings("ignore")

MARK = "alert(1337)"  # every attack calls this, so that its trace is found wherever it lands
# (file, text in it, what to write instead): each attack at a place where Markdown or HTML would act on it.
ATTACKS = [
    # a source URL of the plan, written into a link: its end must not close the link
    (
        "data/plan.yml",
        "url: https://global.chinadaily.com.cn/china/2016-05/27/content_25486034.htm",
        f"url: https://global.chinadaily.com.cn/china/2016-05/27/content_25486034.htm){{:onmouseover={MARK}}}",
    ),
    # a plan source URL holding link syntax: Markdown reads it even inside a raw tag
    (
        "data/plan.yml",
        "url: http://english.csu.cas.cn/News_Event/Events/201803/t20180313_190680.html",
        f"url: http://english.csu.cas.cn/x/[x](javascript:{MARK})",
    ),
    # the license: its name must not add a link, its URL not an attribute
    ("data/site.yml", "name: CC BY 4.0", 'name: "CC BY 4.0](https://evil.example/) and [x"'),
    (
        "data/site.yml",
        "url: https://creativecommons.org/licenses/by/4.0/",
        f'url: "https://creativecommons.org/licenses/by/4.0/\\"onmouseover=\\"{MARK}"',
    ),
    # a field's type and meaning, written in a table on the Data page
    (
        "data/fields.yml",
        '{name: name_zh, required: false, type: text, description: "',
        f'{{name: name_zh, required: false, type: "text`<img src=x onerror={MARK}>`", description: "| [x](javascript:{MARK}) ',
    ),
    # a body: an attribute list on a line of its own, encoded script links, raw HTML
    (
        "data/missions/dawn.yml",
        "body: |\n",
        f'body: |\n  {{: onclick="{MARK}" }}\n\n  [a](javascript&#58;{MARK}) [b](&#106;avascript:{MARK}) '
        f"[c](data:text/html,{MARK}) <script>{MARK}</script> <b onclick={MARK}>bold</b>\n\n",
    ),
    # a destination's narrative, which links to missions by design
    ("data/destinations.yml", "  body: |\n", f"  body: |\n    [x](https://example.org/){{: onclick={MARK} }}\n\n"),
    # a glossary definition, written into tooltips
    ("data/glossary.yml", "definition: >-\n", f'definition: >-\n    "><img src=x onerror={MARK}> '),
    # plain text fields of a mission, written as Markdown and as HTML
    ("data/missions/juno.yml", "\nsummary: >-\n", f"\nsummary: >-\n  {{: onclick={MARK} }} <svg onload={MARK}>\n"),
    ("data/missions/juno.yml", "\nname: Juno", "\nname: 'Juno](https://evil.example/) [x'"),
]


class Traces(HTMLParser):
    """What an attack would leave in a page: a script, an event handler or a link from the data."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # JSON-LD is data, not script; if its text could end the script element early, what follows
        # would be parsed as tags and found by the checks on attributes.
        self._in_script = tag == "script" and ("type", "application/ld+json") not in attrs
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href") and (
                value.strip().lower().startswith(("javascript:", "vbscript:", "data:")) or "evil.example" in value
            ):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._in_script and MARK in data:
            self.found.append(f"<script>{data}</script>")

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import copy_site

    site = copy_site(tmp_path_factory.mktemp("hostile"))
    for file, text, attack in ATTACKS:
        path = site / file
        original = path.read_text(encoding="utf-8")
        assert text in original, (file, text)
        path.write_text(original.replace(text, attack, 1), encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site / "site"


def test_no_attack_from_the_data_reaches_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        traces = Traces()
        traces.feed(text)
        # Markup that broke into an attribute: every < in a value is escaped, so one there means the data's
        # text was read as markup. A browser would parse what follows as attributes (an event handler),
        # which Python's parser does not always see.
        traces.found += [f"markup inside {m.group()}" for m in re.finditer(r'(?:href|title)="[^"]*<[^"]*"', text)]
        if traces.found:
            found[page.relative_to(hostile_site).as_posix()] = traces.found
    assert not found, found


def test_the_attacks_show_as_text_where_they_were_written(hostile_site):
    """Escaped, not dropped: a reader sees what the data says, and a reviewer sees the attack."""
    about = (hostile_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0](https://evil.example/) and [x</a>" in about
    data_page = (hostile_site / "data" / "index.html").read_text(encoding="utf-8")
    assert f"text`&lt;img src=x onerror={MARK}&gt;`" in data_page
    dawn = (hostile_site / "missions" / "dawn" / "index.html").read_text(encoding="utf-8")
    assert f"&lt;script&gt;{MARK}&lt;/script&gt;" in dawn
    assert f'{{: onclick="{MARK}" }}' in dawn.replace("&quot;", '"')
