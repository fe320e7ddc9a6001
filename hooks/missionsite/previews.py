"""The 1200×630 preview image of every page, drawn from the data with Pillow when the site is built.

Link previews in chats and social posts show this image. Pillow's wheels carry their own FreeType,
so nothing from the system is needed: not Cairo (which Material's social plugin needs), not a system
font. The font is a subset of Noto Sans CJK SC shipped in hooks/fonts/; `scripts/subset_font.py`
makes it from the characters `texts` returns, and a test fails when the data needs one it lacks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

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
    dates = [f"{label}: {_when(m)}" for label, m in key_dates(catalogue, mission)[:2]]
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


def all_images(catalogue: Catalogue, site_name: str) -> dict[str, bytes]:
    return {path: draw(card) for path, card in all_cards(catalogue, site_name).items()}


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
    image.save(out, "PNG")
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


def _when(milestone) -> str:
    date = milestone.date.human().split(",")[0]  # the day; the minute is for the page
    window = f"{milestone.window} " if milestone.window else ""
    return f"{window}{date}{' (planned)' if milestone.planned else ''}"
