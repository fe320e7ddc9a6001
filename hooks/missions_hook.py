"""MkDocs hook: mission pages, destination pages, macros and exports from the YAML in data/.

Only dispatches; the work is done by the modules of `missionsite` beside this file.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from missionsite import export, load, model, pages
from missionsite.problems import DataError
from missionsite.render import MacroError, Renderer

# Per build, set in on_config: `mkdocs serve` re-runs every event on each rebuild.
_renderer: Renderer | None = None


def on_config(config):
    global _renderer
    root = Path(config.config_file_path).parent
    try:
        files, problems = load.read_all(root / "data", root)
        catalogue = model.build_catalogue(files, problems)
        config.nav = pages.expand_nav(config.nav, catalogue)
    except (DataError, pages.PageClash) as err:
        raise PluginError(str(err)) from None
    _renderer = Renderer.for_catalogue(catalogue)
    # Reproducible builds: MkDocs dates the sitemap (and sitemap.xml.gz's header) from
    # SOURCE_DATE_EPOCH when it is set, else from the clock; default it to the data's "as of" date.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(catalogue.site.as_of.start().timestamp())))
    return config


def on_files(files, *, config):
    generated = _renderer.all_pages() | export.all_files(_renderer.catalogue, config.site_url)
    try:
        return pages.register(files, config, generated)
    except pages.PageClash as err:
        raise PluginError(str(err)) from None


def on_page_markdown(markdown, *, page, config, files):
    if page.file.generated_by is not None:
        return markdown  # our own pages are rendered already
    try:
        return _renderer.render_page(markdown, page.file.src_uri)
    except MacroError as err:
        raise PluginError(str(err)) from None
