"""The 1200×630 preview image of every page: what each says, from the data, and which to draw.

Link previews in chats and social posts show this image; `drawing.py` draws it. The font is a
subset of Noto Sans CJK SC that `scripts/subset_font.py` cuts to the characters of data/ and
mkdocs.yml, and a test fails when a card needs one it lacks (see `texts`).

Drawing is most of the hook's work on a large catalogue, so an image is drawn only when its card
changed: each is kept in a cache folder under a name made from its card, the font and the drawing
code (see `Images`), and `mkdocs serve` redraws one image when one mission file is saved. A first
build draws them all, in other processes while MkDocs builds the pages (see `drawing.Drawing`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL

from . import drawing
from .dates import PartialDate
from .drawing import BOLD, REGULAR, Card
from .meta import SITE_PREVIEW, destination_preview, mission_preview
from .model import Catalogue, Destination, Mission
from .render import key_dates

# Where a build keeps drawn images, beside mkdocs.yml; MkDocs and Material keep their caches there too.
CACHE_FOLDER = Path(".cache") / "previews"


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


@dataclass
class Images:
    """The preview images of one build: those an earlier build drew, and those to draw now.

    An image is kept in the cache folder under a hash of its card, the fonts, this module's code and
    Pillow's version, so a change to any of them draws it afresh. Files no card of this build needs
    are removed, so the folder does not grow with every edit. A folder that cannot be written is no
    error: the images are then drawn on every build."""

    kept: dict[str, Path]  # docs-relative path -> the file an earlier build drew
    to_draw: dict[str, tuple[Card, Path | None]]  # docs-relative path -> its card, and where to keep it

    @classmethod
    def of(cls, catalogue: Catalogue, site_name: str, cache_folder: Path | None = None) -> Images:
        kept, to_draw = {}, {}
        # The folder is read once, not asked about each image: a catalogue has thousands.
        in_folder = {file.name for file in cache_folder.iterdir()} if cache_folder and cache_folder.is_dir() else set()
        for path, card in all_cards(catalogue, site_name).items():
            name = _file_name(card)
            cached = None if cache_folder is None else cache_folder / name
            if cached is not None and name in in_folder:
                kept[path] = cached
            else:
                to_draw[path] = (card, cached)
        needed = {cached.name for cached in kept.values()} | {cached.name for _, cached in to_draw.values() if cached}
        for name in in_folder - needed:
            (cache_folder / name).unlink(missing_ok=True)
        return cls(kept, to_draw)


def _file_name(card: Card) -> str:
    return hashlib.sha256(f"{_style()}{card!r}".encode()).hexdigest() + ".png"


@cache
def _style() -> str:
    """A hash of everything besides the card that decides an image's pixels: the drawing code, the
    fonts and Pillow, whose text rendering may change between versions."""
    digest = hashlib.sha256(Path(drawing.__file__).read_bytes() + PIL.__version__.encode())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def _day(date: PartialDate) -> str:
    return date.human().split(",")[0]  # the day; the minute is for the page
