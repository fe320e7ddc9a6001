"""The 1200×630 preview image of every page: what each says, from the data, and which to draw.

Link previews in chats and social posts show this image; `drawing.py` draws it. The font is a
subset of Noto Sans CJK SC that `scripts/subset_font.py` cuts to the characters of data/ and
mkdocs.yml, and the build stops when a card needs one it lacks (see `texts` and glyphs.py).

Drawing is most of the hook's work on a large catalogue, so an image is drawn only when its card
changed: each is kept in a cache folder under a name made from its card, the font, the drawing code
and the libraries that draw (see `Images`), and `mkdocs serve` redraws one image when one mission
file is saved. A first build draws them all, in other processes while MkDocs builds the pages (see
`drawing.Drawing`).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import features

from . import drawing, plan
from .dates import PartialDate
from .drawing import BLUE, BOLD, MUTED, RED, REGULAR, Card, Colour
from .model import Catalogue, Destination, Mission
from .render import key_dates
from .urls import PLAN_PREVIEW, SITE_PREVIEW, destination_preview, mission_preview

# Where a build keeps drawn images, beside mkdocs.yml; MkDocs and Material keep their caches there too.
CACHE_FOLDER = Path(".cache") / "previews"

# Each country's colour, as in the figures (docs/assets/site.css: China the theme's red, the United
# States its blue): a US mission's card in China's red would say the opposite of its page. The
# site's own cards (home, plan, destinations) keep the theme's red; another country is grey.
COUNTRY_ACCENTS: dict[str, Colour] = {"CN": RED, "US": BLUE}
NEUTRAL = MUTED


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
        accent=COUNTRY_ACCENTS.get(mission.country, NEUTRAL),
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
    return Card(
        kicker="", title=site_name, title_zh=None, lines=(names,), footer=f"Data as of {catalogue.site.as_of.human()}"
    )


def plan_card(catalogue: Catalogue, site_name: str) -> Card:
    """/plan/'s card: per white paper, how many of its goals were kept, late, or not yet delivered."""
    lines = tuple(
        f"{paper.id}: {plan.scorecard(goals).words()}"
        for paper in catalogue.site.white_papers
        if (goals := plan.of_paper(catalogue.goals, paper.id))
    )
    return Card(
        kicker="China's space white papers",
        title="The white papers' plans, goal by goal",
        title_zh=None,
        lines=(*lines, f"As of {catalogue.site.as_of.human()}"),
        footer=site_name,
    )


def describe(card: Card) -> str:
    """The card in words, for the image's alt text: what it shows, in the order it shows it."""
    title = f"{card.title} ({card.title_zh})" if card.title_zh else card.title
    parts = [title, card.kicker.replace(" · ", ", "), *card.lines, card.footer]
    return "Preview card: " + ". ".join(part.rstrip(".") for part in parts if part) + "."


def all_cards(catalogue: Catalogue, site_name: str) -> dict[str, Card]:
    """docs-relative image path -> the card drawn there."""
    cards = {SITE_PREVIEW: site_card(catalogue, site_name), PLAN_PREVIEW: plan_card(catalogue, site_name)}
    for dest in catalogue.destinations:
        cards[destination_preview(dest.id)] = destination_card(catalogue, dest, site_name)
    for mission in catalogue.missions:
        cards[mission_preview(mission.id)] = mission_card(catalogue, mission, site_name)
    return cards


def texts(catalogue: Catalogue, site_name: str) -> set[str]:
    """Every piece of text any preview draws: the font subset must hold all their characters."""
    found: set[str] = set()
    for card in all_cards(catalogue, site_name).values():
        found.update((card.kicker, card.title, card.title_zh or "", card.footer, *card.lines))
    return found


@dataclass
class Images:
    """The preview images of one build: those an earlier build drew, and those to draw now.

    An image is kept in the cache folder under its key, a hash of its card and of everything else
    its bytes depend on (`_style`), so a change to any of them draws it afresh; the name then holds
    the SHA-256 of the image's bytes (`drawing.kept_file`). A kept file is used only if it can be
    read and its bytes match that hash: one emptied, cut short, overwritten or unreadable is drawn
    again and replaced, rather than published. Files no card of this build needs are removed, so
    the folder does not grow with every edit. A folder that cannot be read or written is no error:
    the images are then drawn on every build."""

    kept: dict[str, Path]  # docs-relative path -> the file an earlier build drew, checked whole
    to_draw: dict[str, tuple[Card, Path | None]]  # docs-relative path -> its card, and its key in the cache folder

    @classmethod
    def of(cls, catalogue: Catalogue, site_name: str, cache_folder: Path | None = None) -> Images:
        kept, to_draw = {}, {}
        in_folder = _names_in(cache_folder)
        by_key = {name.split("-")[0]: name for name in in_folder if name.endswith(".png")}
        for path, card in all_cards(catalogue, site_name).items():
            cached = None if cache_folder is None else cache_folder / _key(card)
            name = by_key.get(cached.name) if cached else None
            if cache_folder and cached and name and _is_whole(cache_folder / name, cached):
                kept[path] = cache_folder / name
            else:
                to_draw[path] = (card, cached)
        # The damaged files go too: what replaces them is written under the hash of its own bytes.
        for name in in_folder - {file.name for file in kept.values()}:
            with contextlib.suppress(OSError):
                if cache_folder:
                    (cache_folder / name).unlink(missing_ok=True)
        return cls(kept, to_draw)


def _names_in(folder: Path | None) -> set[str]:
    """The files in the cache folder, read once rather than asked about each image (a catalogue has
    thousands); none if there is no such folder or it cannot be read."""
    try:
        return {file.name for file in folder.iterdir()} if folder else set()
    except OSError:
        return set()


def _is_whole(file: Path, cached: Path) -> bool:
    """Whether `file` holds the bytes its name promises: reading and hashing a kept image costs a
    small fraction of drawing it again."""
    try:
        return drawing.kept_file(cached, file.read_bytes()) == file
    except OSError:
        return False


def _key(card: Card) -> str:
    return hashlib.sha256(f"{_style()}{card!r}".encode()).hexdigest()


# The libraries that turn a card into bytes, besides Pillow: glyphs (FreeType), text layout (raqm,
# FriBiDi and HarfBuzz; without FriBiDi on the system Pillow lays text out without them) and the
# PNG's compression (zlib), whose output may change between versions.
LIBRARIES = ("freetype2", "raqm", "fribidi", "harfbuzz", "zlib")


@cache
def _style() -> str:
    """A hash of everything besides the card that decides an image's bytes: the drawing code, the
    fonts, and Pillow and the libraries it draws with, whose output may change between versions.
    Not the locale: the drawing gives every text its language (see drawing.py)."""
    digest = hashlib.sha256(Path(drawing.__file__).read_bytes() + PIL.__version__.encode())
    digest.update(repr([features.version(library) for library in LIBRARIES]).encode())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def _day(date: PartialDate) -> str:
    return date.human().split(",")[0]  # the day; the minute is for the page
