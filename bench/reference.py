"""The reference: the same pages as plain Markdown files in a stock Material site, flat navigation.

The Markdown is what the hook hands MkDocs (rendered here by the same Renderer), with the parts the
hook sets aside put back in place, so the reference turns the whole of every page into HTML, as a
stock site would. It has no hook, lists every page in its navigation, the way a stock MkDocs +
Material site does, and indexes everything for search (our search exclusions are taken out).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from measure import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from missionsite import dataset, load  # noqa: E402  (the hook's package, as MkDocs loads it)
from missionsite.render import Renderer  # noqa: E402

OUR_SEARCH_EXCLUSIONS = re.compile(r" \{ data-search-exclude \}| data-search-exclude|\nsearch:\n  exclude: true.*")
CONFIG = """\
site_name: Reference
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false  # nothing from another host; has no effect on build time
extra_css: [assets/site.css]
markdown_extensions: [abbr, attr_list, def_list, md_in_html, tables, admonition, {{toc: {{permalink: true}}}}]
plugins: [search]
nav: {nav}
"""


def write(site: Path, target: Path) -> Path:
    """A stock Material site in `target` with every page of `site` (a copy of ours) as Markdown."""
    catalogue = dataset.check(*load.read_all(site / "data", site))
    renderer = Renderer.for_catalogue(catalogue)
    docs = target / "docs"
    pages = renderer.all_pages()
    for source in sorted((site / "docs").rglob("*.md")):
        here = source.relative_to(site / "docs").as_posix()
        pages[here] = renderer.render_page(source.read_text(encoding="utf-8"), here)
    for here, markdown in pages.items():
        (docs / here).parent.mkdir(parents=True, exist_ok=True)
        whole = renderer.aside.put_back(markdown)
        (docs / here).write_text(OUR_SEARCH_EXCLUSIONS.sub("", whole), encoding="utf-8")
    shutil.copytree(site / "docs" / "assets", docs / "assets")
    flat = sorted(pages, key=lambda here: (here != "index.md", here))
    (target / "mkdocs.yml").write_text(CONFIG.format(nav=json.dumps(flat)), encoding="utf-8")
    return target
