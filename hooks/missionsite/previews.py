"""The 1200×630 preview image of every page, drawn from the data with Pillow when the site is built.

Link previews in chats and social posts show this image. Pillow's wheels carry their own FreeType,
so nothing from the system is needed: not Cairo (which Material's social plugin needs), not a system
font. The font is a subset of Noto Sans CJK SC shipped in hooks/fonts/; `scripts/subset_font.py`
makes it from the characters `texts` returns, and a test fails when the data needs one it lacks.

Drawing is most of the hook's time on a large catalogue, so an image is drawn only when its card
changed: each is kept in a cache folder under a name made from its card, the font and this drawing
code (see `Drawer`). `mkdocs serve` then redraws one image when one mission file is saved.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from .dates import PartialDate
from .meta import PREVIEW_SIZE, SITE_PREVIEW, destination_preview, mission_preview
from .model import Catalogue, Destination, Mission
from .render import key_dates

WIDTH, HEIGHT = PREVIEW_SIZE
FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = FONTS / "NotoSansCJKsc-Regular-subset.otf"
BOLD = FONTS / "NotoSansCJKsc-Bold-subset.otf"

BACKGROUND = (16, 24, 40)
ACCENT = (229, 57, 53)  # the theme's red
TEXT = (255, 255, 255)
MUTED = (176, 186, 204)
MARGIN = 80
INKS = (ACCENT, TEXT, MUTED)
# An image is its background and text in three inks, so 16 shades of each ink over the background
# hold every pixel the anti-aliasing makes: a palette PNG is a third of the size of an RGB one and
# quicker to compress.
SHADES = 16
# Where a build keeps drawn images, beside mkdocs.yml; MkDocs and Material keep their caches there too.
CACHE_FOLDER = Path(".cache") / "previews"


@dataclass(frozen=True)
class Card:
    """What a preview says, top to bottom: a small kicker line, the title, and a few lines below."""

    kicker: str
    title: str
    title_zh: str | None
    lines: tuple[str, ...]
    footer: str


def mission_card(catalogue: Catalogue, mission: Mission, site_name: str) -> Card:
    destination = catalogue.destination(mission.destination)
    country = catalogue.vocab.countries[mission.country]
    status = catalogue.vocab.statuses[mission.status]
    windows = catalogue.vocab.date_windows
    dates = [f"{label}: {m.when(windows, _day)}" for label, m in key_dates(catalogue, mission)[:2]]
    return Card(
        kicker=f"{destination.name} · {country} · {mission.agency}",
        title=mission.name,
        title_zh=mission.name_zh,
        lines=(status, *dates),
        footer=site_name,
    )


def destination_card(catalogue: Catalogue, destination: Destination, site_name: str) -> Card:
    counts = [
        f"{len(catalogue.missions_to(destination.id, code))} {country}"
        for code, country in catalogue.vocab.countries.items()
    ]
    return Card(
        kicker="Destination",
        title=destination.name,
        title_zh=None,
        lines=(f"Missions: {', '.join(counts)}",),
        footer=site_name,
    )


def site_card(catalogue: Catalogue, site_name: str) -> Card:
    names = ", ".join(d.name for d in catalogue.destinations)
    return Card(kicker="", title=site_name, title_zh=None, lines=(names,), footer=f"Data as of {catalogue.site.as_of.human()}")


def all_cards(catalogue: Catalogue, site_name: str) -> dict[str, Card]:
    """docs-relative image path -> the card drawn there."""
    cards = {SITE_PREVIEW: site_card(catalogue, site_name)}
    for dest in catalogue.destinations:
        cards[destination_preview(dest.id)] = destination_card(catalogue, dest, site_name)
    for mission in catalogue.missions:
        cards[mission_preview(mission.id)] = mission_card(catalogue, mission, site_name)
    return cards


def texts(catalogue: Catalogue, site_name: str) -> set[str]:
    """Every piece of text any preview draws: the font subset must hold all their characters."""
    found = set()
    for card in all_cards(catalogue, site_name).values():
        found.update((card.kicker, card.title, card.title_zh or "", card.footer, *card.lines))
    return found


def all_images(catalogue: Catalogue, site_name: str, cache_folder: Path | None = None) -> dict[str, bytes]:
    """docs-relative image path -> PNG; drawn again only when not in `cache_folder` already."""
    drawer = Drawer(cache_folder)
    images = {path: drawer.image(card) for path, card in all_cards(catalogue, site_name).items()}
    drawer.forget_the_rest()
    return images


class Drawer:
    """Draws cards, or reads them from the cache folder where an earlier build left them.

    A file's name is a hash of the card, the fonts, this module's code and Pillow's version, so a
    change to any of them draws afresh. Files no card of this build needs are removed, so the folder does not grow
    with every edit. A folder that cannot be written is no error: the images are then drawn."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def image(self, card: Card) -> bytes:
        if self.folder is None:
            return draw(card)
        name = hashlib.sha256(f"{_style()}{card!r}".encode()).hexdigest() + ".png"
        self.used.add(name)
        path = self.folder / name
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = draw(card)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(path)  # atomic: a build never reads half a file
        except OSError:
            pass
        return data

    def forget_the_rest(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)


@cache
def _style() -> str:
    """A hash of everything besides the card that decides an image's pixels: this code, the fonts
    and Pillow, whose text rendering may change between versions."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


@cache
def _palette() -> Image.Image:
    colours = list(BACKGROUND)
    for ink in INKS:
        for shade in range(1, SHADES + 1):
            colours += [round(back + (front - back) * shade / SHADES) for back, front in zip(BACKGROUND, ink)]
    palette = Image.new("P", (1, 1))
    palette.putpalette(colours)
    return palette


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)  # the shipped file never changes during a build


def draw(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    y = 70
    if card.kicker:
        pen.text((MARGIN, y), card.kicker.upper(), font=_font(BOLD, 30), fill=ACCENT)
        y += 60
    title_font = _font(BOLD, 76 if len(card.title) <= 26 else 60)
    for line in wrap(card.title, title_font, WIDTH - 2 * MARGIN)[:2]:
        pen.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(title_font.size * 1.25)
    if card.title_zh:
        pen.text((MARGIN, y), card.title_zh, font=_font(BOLD, 64), fill=TEXT)
        y += 90
    y += 20
    body = _font(REGULAR, 36)
    for text in card.lines:
        for line in wrap(text, body, WIDTH - 2 * MARGIN)[:3]:
            pen.text((MARGIN, y), line, font=body, fill=MUTED)
            y += 50
    pen.text((MARGIN, HEIGHT - 80), card.footer, font=_font(REGULAR, 28), fill=MUTED)
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by measured width."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _day(date: PartialDate) -> str:
    return date.human().split(",")[0]  # the day; the minute is for the page
