"""Drawing the preview images: Pillow, a shipped font, and other processes when there are many.

Pillow's wheels carry their own FreeType, so nothing from the system is needed: not Cairo (which
Material's social plugin needs), not a system font. The font is a subset of Noto Sans CJK SC shipped
in hooks/fonts/. This module imports nothing else of the hook's but files.py, so that a drawing
process starts quickly: it is what such a process imports.

The same card gives the same bytes wherever it is drawn with the same libraries (previews.py keys
the cache by their versions): each text is laid out in a language given here, never the locale's.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .files import write_atomically

SIZE = WIDTH, HEIGHT = (1200, 630)  # what Open Graph and Twitter's large card expect
HOOKS = Path(__file__).resolve().parent.parent
FONTS = HOOKS / "fonts"
REGULAR = FONTS / "NotoSansCJKsc-Regular-subset.otf"
BOLD = FONTS / "NotoSansCJKsc-Bold-subset.otf"

Colour = tuple[int, int, int]
BACKGROUND = (16, 24, 40)
RED = (229, 57, 53)  # the theme's red, China's colour in the figures
BLUE = (140, 158, 255)  # the figures' colour of the United States on a dark background (#8c9eff)
TEXT = (255, 255, 255)
MUTED = (176, 186, 204)
MARGIN = 80
INKS = (RED, BLUE, TEXT, MUTED)
# An image is its background and text in four inks, so 16 shades of each ink over the background
# hold every pixel the anti-aliasing makes. Text is drawn straight into that palette (see _text):
# a palette PNG is much smaller than an RGB one and quicker to compress, and nothing needs
# quantizing.
SHADES = 16
# The language of each text, for the text layout (HarfBuzz, through Pillow's raqm). Without one it
# takes the locale's: under LC_ALL=zh_CN.UTF-8 the font's rules for Chinese spaced and shaped some
# Latin text differently ("Chang'e" a pixel wider), so every image changed with the builder's locale.
ENGLISH, CHINESE = "en", "zh-Hans"


@dataclass(frozen=True)
class Card:
    """What a preview says, top to bottom: a small kicker line, the title, and a few lines below."""

    kicker: str
    title: str
    title_zh: str | None
    lines: tuple[str, ...]
    footer: str
    accent: Colour = RED  # the bar on the left and the kicker: a mission's country, else the theme's


class Drawing:
    """Draws images into the built site (and the cache folder) while MkDocs builds the pages.

    Many images are drawn by other processes, as many as there are spare CPUs, since MkDocs builds
    pages in one; `finish` waits for them, drawing in this process whatever no process has started.
    A few, as when `mkdocs serve` rebuilds after one edit, are drawn at once: starting a process
    costs more."""

    def __init__(self, to_draw: dict[str, tuple[Card, Path | None]], site_dir: Path) -> None:
        jobs = [(card, site_dir / path, cached) for path, (card, cached) in to_draw.items()]
        self.batches = [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
        self.other_cpu = 0.0  # seconds other processes spent drawing
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[float]] = []
        spare = _spare_cpus()
        if len(jobs) >= PARALLEL_FROM and spare >= 1:
            try:
                # "spawn", not fork: `mkdocs serve` has threads running, which a forked child would
                # not. See WORKER_START for what each process does first.
                self.pool = ProcessPoolExecutor(
                    spare,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=exec,
                    initargs=(WORKER_START, {}),
                )
                self.futures = [self.pool.submit(draw_batch, batch) for batch in self.batches]
            except OSError:  # no processes here (a sandbox without semaphores, say): draw them below
                self.cancel()
        if self.pool is None:
            for batch in self.batches:
                draw_batch(batch)

    def finish(self) -> None:
        try:
            # No futures when this process drew every batch itself (see __init__).
            for future, batch in zip(self.futures, self.batches, strict=False):
                if future.cancel():  # not started yet: this process is free now
                    draw_batch(batch)
                    continue
                try:
                    self.other_cpu += future.result()
                except BrokenProcessPool:  # a drawing process died: draw its batch here
                    draw_batch(batch)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stops the other processes, once each has drawn the batch it is on; for a failed build too."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.futures = []


# Other processes pay only when there are many images: each takes far longer to start than an image
# takes to draw (BENCHMARKS.md has the figures).
PARALLEL_FROM = 100
BATCH = 25  # images per task: few enough tasks to pass between processes, enough to share out


# What a drawing process runs first: it imports this package from where MkDocs found the hook,
# then follows its parent. Given as source, since until then the process cannot import this package
# to find a function in it: MkDocs keeps hooks/ on sys.path only while it loads the hook.
WORKER_START = f"import site; site.addsitedir({str(HOOKS)!r}); from missionsite import drawing; drawing.follow_parent()"


def follow_parent() -> None:
    """Ends this drawing process as soon as the build that started it is gone, however it went.

    A build killed with kill -9 cleans up nothing: its drawing processes waited for work for ever,
    holding the build's stdout and stderr open, so whatever read them (a CI step, a pipe) waited
    too. multiprocessing gives each process it starts a sentinel of its parent: a pipe whose other
    end only the parent holds (on Windows, the parent's handle), which ends when the parent does.
    One thread waits on it. No polling, and nothing Linux-only such as prctl(PR_SET_PDEATHSIG),
    which besides fires when the thread that started the process ends, not the process.
    multiprocessing's resource tracker, which holds that output too, ends once these have."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), name="end with the build", daemon=True).start()


def _end_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)  # at once, from this thread: there is no build left to clean up for


def _spare_cpus() -> int:
    """CPUs this process may use, besides the one building pages."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1  # not on macOS
    return usable - 1


def draw_batch(batch: list[tuple[Card, Path, Path | None]]) -> float:
    """Draws each card into the site and, if it can, into the cache; returns the CPU seconds it took."""
    start = time.process_time()
    for card, target, cached in batch:
        data = draw(card)
        write_atomically(target, data)
        if cached is not None:
            with contextlib.suppress(OSError):  # an unwritable cache only means drawing again next time
                write_atomically(kept_file(cached, data), data)
    return time.process_time() - start


def kept_file(cached: Path, data: bytes) -> Path:
    """Where the image `data` is kept: `cached` (the folder and its card's key, see previews.py),
    then the SHA-256 of its bytes, by which a later build tells a whole file from a damaged one."""
    return cached.with_name(f"{cached.name}-{hashlib.sha256(data).hexdigest()}.png")


@cache
def _palette() -> list[int]:
    """RGB of the background, then of each ink's shades over it from faintest to full."""
    colours = list(BACKGROUND)
    for ink in INKS:
        for shade in range(1, SHADES + 1):
            colours += [
                round(back + (front - back) * shade / SHADES) for back, front in zip(BACKGROUND, ink, strict=True)
            ]
    return colours


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)  # the shipped file never changes during a build


def draw(card: Card) -> bytes:
    image = Image.new("P", (WIDTH, HEIGHT), 0)  # palette index 0 is the background
    image.putpalette(_palette())
    image.paste(_full(card.accent), (0, 0, 17, HEIGHT))
    y = 70
    if card.kicker:
        _text(image, (MARGIN, y), card.kicker.upper(), _font(BOLD, 30), card.accent, ENGLISH)
        y += 60
    title_font = _font(BOLD, 76 if len(card.title) <= 26 else 60)
    for line in wrap(card.title, title_font, WIDTH - 2 * MARGIN, ENGLISH)[:2]:
        _text(image, (MARGIN, y), line, title_font, TEXT, ENGLISH)
        y += int(title_font.size * 1.25)
    if card.title_zh:
        _text(image, (MARGIN, y), card.title_zh, _font(BOLD, 64), TEXT, CHINESE)
        y += 90
    y += 20
    body = _font(REGULAR, 36)
    for text in card.lines:
        for line in wrap(text, body, WIDTH - 2 * MARGIN, ENGLISH)[:3]:
            _text(image, (MARGIN, y), line, body, MUTED, ENGLISH)
            y += 50
    _text(image, (MARGIN, HEIGHT - 80), card.footer, _font(REGULAR, 28), MUTED, ENGLISH)
    out = io.BytesIO()
    # A quicker zlib level than the default, for somewhat larger files: an image is fetched only by
    # link previews, and every page of the catalogue has one to draw.
    image.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _text(
    image: Image.Image, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont, ink: Colour, language: str
) -> None:
    """Draws one line of text in one ink, as ImageDraw.text would on an RGB image, into the palette."""
    shades, where, offset = _line(text, font, ink, language)
    image.paste(shades, (xy[0] + offset[0], xy[1] + offset[1]), where)


@lru_cache(maxsize=64)  # the same kickers, statuses and footer come back card after card
def _line(
    text: str, font: ImageFont.FreeTypeFont, ink: Colour, language: str
) -> tuple[Image.Image, Image.Image, tuple[int, int]]:
    """The palette indices of a line's pixels, where it has ink, and where it starts."""
    layout = _layout_language(font, language)
    # Whole pixels: a FreeType font's box is in pixels, though Pillow types it as float.
    left, top, right, bottom = (int(edge) for edge in font.getbbox(text, language=layout))
    coverage = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(coverage).text((-left, -top), text, font=font, fill=255, language=layout)
    # The nearest of the ink's shades to each level of coverage, as quantizing an RGB drawing would pick.
    nearest = [round(level * SHADES / 255) for level in range(256)]
    first = INKS.index(ink) * SHADES  # the index before this ink's faintest shade; see _palette
    shades = coverage.point([first + shade if shade else 0 for shade in nearest])
    return shades, coverage.point([255 if shade else 0 for shade in nearest]), (left, top)


@cache
def _full(ink: Colour) -> int:
    return INKS.index(ink) * SHADES + SHADES  # the last of the ink's shades is the ink itself


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, language: str) -> list[str]:
    """Greedy word wrap by measured width."""
    layout = _layout_language(font, language)
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}", language=layout) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _layout_language(font: ImageFont.FreeTypeFont, language: str) -> str | None:
    """`language`, or None where Pillow lays text out without raqm (it has no libfribidi to load),
    which takes no language and looks up no locale."""
    return language if font.layout_engine == ImageFont.Layout.RAQM else None
