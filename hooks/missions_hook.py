"""MkDocs hook: mission pages, destination pages, macros and exports from the YAML in data/.

Only dispatches; the work is done by the modules of `missionsite` beside this file.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from missionsite import compiled, dataset, drawing, export, freshness, glyphs, load, pages, previews
from missionsite.problems import DataError
from missionsite.render import MacroError, Renderer
from missionsite.timings import Timings

log = get_plugin_logger(__name__)
# What to look up again is said as a warning, but outside MkDocs' loggers: MkDocs counts its own
# warnings, and --strict would fail the build over data that is only getting old.
_to_check = logging.getLogger("missionsite.to_check")
if not _to_check.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  To check: %(message)s"))
    _to_check.addHandler(_handler)
    _to_check.propagate = False

# Per build, set in on_config: `mkdocs serve` re-runs every event on each rebuild.
_renderer: Renderer | None = None
_drawing: drawing.Drawing | None = None
_search_boosts: dict[str, float] = {}  # page path -> its weight in search, where not 1
_timings = Timings()
# Whether the person building set SOURCE_DATE_EPOCH; if not, each build sets it from the data.
_EPOCH_GIVEN = "SOURCE_DATE_EPOCH" in os.environ


def on_config(config):
    global _renderer, _drawing, _timings, _search_boosts
    _timings = Timings()
    _drawing = None
    root = Path(config.config_file_path).parent
    compiled.TEMPLATES.keep_in(root / compiled.FOLDER)
    try:
        with _timings.step("load"):
            files, problems = load.read_all(root / "data", root)
        with _timings.step("validate"):
            catalogue = dataset.check(files, problems)
        with _timings.step("navigation"):
            config.nav = pages.expand_nav(config.nav, catalogue)
    except (DataError, pages.PageClash) as err:
        raise _stop(str(err)) from None
    for item in freshness.to_check(catalogue):
        _to_check.warning(item.warning())
    lacking = glyphs.missing(previews.texts(catalogue, config.site_name), (drawing.REGULAR, drawing.BOLD))
    if lacking:
        raise _stop(glyphs.problem(lacking))
    _renderer = Renderer.for_catalogue(catalogue, config.use_directory_urls, pages.hand_written(config.docs_dir))
    _search_boosts = pages.search_boosts(catalogue)
    # Reproducible builds: MkDocs dates the sitemap (and sitemap.xml.gz's header) from
    # SOURCE_DATE_EPOCH when it is set, else from the clock; default it to the data's "as of" date.
    # Set on every build, not once: during `serve` an edited as_of date must count too.
    if not _EPOCH_GIVEN:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(catalogue.site.as_of.start().timestamp()))
    return config


def on_files(files, *, config):
    global _drawing
    catalogue = _rendering().catalogue
    with _timings.step("render"):
        try:
            generated: dict[str, str | bytes | Path] = {**_rendering().all_pages()}
        except DataError as err:  # a body's link to no page of the site
            raise _stop(str(err)) from None
    with _timings.step("export"):
        generated |= export.all_files(catalogue, config.site_url, config.use_directory_urls)
    with _previews_step():
        cache_folder = Path(config.config_file_path).parent / previews.CACHE_FOLDER
        images = previews.Images.of(catalogue, config.site_name, cache_folder)
        generated |= images.kept  # MkDocs copies these from the cache
        _drawing = drawing.Drawing(images.to_draw, Path(config.site_dir))  # the rest are drawn meanwhile
    try:
        with _timings.step("register"):
            files = pages.register(files, config, generated, catalogue)
            return pages.register(files, config, pages.linked_files(files, config, catalogue), catalogue)
    except pages.PageClash as err:
        raise _stop(str(err)) from None


def on_env(env, *, config, files):
    env.bytecode_cache = compiled.TEMPLATES  # the theme's templates, compiled once
    with _timings.step("theme"):
        env.globals.update(pages.theme_globals(files, config, _rendering().catalogue))
    return env


def on_page_markdown(markdown, *, page, config, files):
    with _timings.step("render"):
        if page.file.generated_by is None:  # our own pages are rendered already
            try:
                markdown = _rendering().render_page(markdown, page.file.src_uri, _front_matter_lines(page, markdown))
            except (MacroError, DataError) as err:
                raise _stop(str(err)) from None
        pages.boost_in_search(page, _search_boosts)
        return markdown + _rendering().tooltips(markdown)  # glossary terms explained on hover


@event_priority(-100)  # last: after the search plugin has read the page without the parts set aside
def on_page_context(context, *, page, config, nav):
    with _timings.step("render"):
        page.content = _rendering().finish_page(page.content)
    return context


def on_template_context(context, *, template_name, config):
    return pages.not_found_context(context, template_name, config)  # the offline edition's 404 page


def on_post_build(*, config):
    if _drawing is None:
        return  # no drawing started: the build stopped before on_files
    with _previews_step():
        _drawing.finish()
    _timings.elsewhere("previews, other processes", _drawing.other_cpu)
    _timings.save()  # only when MISSIONSITE_TIMINGS names a file: see bench/run.py


def on_build_error(*, error):
    if _drawing is not None:
        _drawing.cancel()


def _front_matter_lines(page, markdown: str) -> int:
    """The lines MkDocs took off the top of the page's file (its front matter) before handing over
    `markdown`, so that a mistake is reported at its line in the file."""
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def _rendering() -> Renderer:
    """This build's renderer: on_config makes it before any other event runs."""
    assert _renderer is not None
    return _renderer


def _stop(message: str) -> PluginError:
    """The error that stops the build, its message logged here first: MkDocs logs a BuildError's
    message through a filter that drops any message it has logged before, so during `serve` the same
    mistake made twice would show only "Aborted with a BuildError!" the second time."""
    log.error(message)
    return PluginError("The build stopped; the reason is above.")


@contextmanager
def _previews_step():
    with _timings.step("previews"):
        try:
            yield
        except OSError as err:  # the site folder cannot be written: say which file, without a traceback
            raise _stop(f"A preview image could not be written: {err}") from None
