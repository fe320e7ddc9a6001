"""Cut Noto Sans CJK SC down to the characters the site's preview images and pages can need.

    make font                                   # from Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)
    python scripts/subset_font.py --source-dir DIR   # DIR holds NotoSansCJK-Regular.ttc and -Bold.ttc

For the preview images, keeps printable ASCII, Latin-1, Latin Extended-A and common punctuation, plus
every character written anywhere under data/ and in mkdocs.yml; writes
hooks/fonts/NotoSansCJKsc-{Regular,Bold}-subset.otf.
For the pages, keeps only the Chinese characters they show (from data/, docs/ and the templates), so
that readers without a Chinese font see them: writes docs/assets/fonts/ (the WOFF2 font, the
@font-face rule whose unicode-range makes a browser fetch it only for those characters, and the
license). Run it again when a mission brings a character the subsets lack: tests/test_previews.py
and tests/test_webfont.py say so.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hooks" / "fonts"
DEBIAN = "/usr/share/fonts/opentype/noto"  # where Debian's fonts-noto-cjk puts the collections
SIMPLIFIED_CHINESE = 2  # index of "Noto Sans CJK SC" in the .ttc collections
BASE = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), 0x2030, 0x2032, 0x2033, 0x20AC]

WEB = ROOT / "docs" / "assets" / "fonts"
WEB_FONT = "NotoSansCJKsc-Regular-chinese.woff2"
WEB_FAMILY = "Noto Sans CJK SC subset"  # docs/assets/site.css puts it first in the text font
# The pages' words come from these; mkdocs.yml's Chinese punctuation is the search's, never shown.
PAGE_SOURCES = [("data", "*.yml"), ("docs", "*.md"), ("hooks/templates", "*.j2"), ("overrides", "*.html")]
# Chinese text: CJK punctuation, ideographs (extension A, unified, compatibility, extensions B and
# on) and fullwidth forms. Latin (pinyin with its tone marks) is left to the reader's own fonts.
CHINESE = [(0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF)]


def wanted_characters() -> set[int]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").rglob("*.yml"))]
    texts.append((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return set(BASE) | {ord(c) for text in texts for c in text if c.isprintable()}


def chinese_characters() -> set[int]:
    """The Chinese characters the site's pages show."""
    paths = sorted(path for folder, pattern in PAGE_SOURCES for path in (ROOT / folder).rglob(pattern))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return {ord(c) for text in texts for c in text if any(low <= ord(c) <= high for low, high in CHINESE)}


def subset_one(collection: Path, target: Path, characters: set[int]) -> None:
    font = TTCollection(str(collection)).fonts[SIMPLIFIED_CHINESE]
    options = subset.Options()
    options.layout_features = ["kern", "liga", "locl", "palt"]
    options.name_IDs = ["*"]  # keep the copyright and license notices
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {len(characters)} characters, {target.stat().st_size:,} bytes")


def unicode_range(characters: set[int]) -> str:
    """'U+4E00-4E03, U+4E8C': the characters as runs of consecutive code points."""
    runs: list[list[int]] = []
    for code in sorted(characters):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ", ".join(f"U+{low:X}" if low == high else f"U+{low:X}-{high:X}" for low, high in runs)


def web_font(collection: Path, characters: set[int]) -> None:
    """The pages' Chinese font: WOFF2, only `characters`, declared for only them, with its license."""
    font = TTCollection(str(collection)).fonts[SIMPLIFIED_CHINESE]
    options = subset.Options()
    # Chinese written across the page needs none of the layout features; the default ones (locl,
    # vert...) bring other forms of the same characters (Japanese, Korean, vertical): twice the size.
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the copyright and license notices
    options.notdef_outline = True
    options.desubroutinize = True  # brotli compresses plain outlines better: about 4 % smaller
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.recalcTimestamp = False  # the source's date: the same data makes the same bytes, and no diff
    WEB.mkdir(parents=True, exist_ok=True)
    target = WEB / WEB_FONT
    font.save(str(target))
    shutil.copyfile(OUT / "OFL.txt", WEB / "OFL.txt")
    (WEB / "chinese.css").write_text(
        "/* Written by scripts/subset_font.py (make font): do not edit. Noto Sans CJK SC, cut down to the\n"
        "   Chinese characters the pages show, under the SIL Open Font License 1.1 (OFL.txt). The\n"
        "   unicode-range holds only those characters, so a browser fetches the font only for a page\n"
        "   that shows one; swap: the words show at once in another font until it arrives. */\n"
        "@font-face {\n"
        f'  font-family: "{WEB_FAMILY}";\n'
        f'  src: url("{WEB_FONT}") format("woff2");\n'
        "  font-display: swap;\n"
        f"  unicode-range: {unicode_range(characters)};\n"
        "}\n",
        encoding="utf-8",
    )
    print(f"{target.relative_to(ROOT)}: {len(characters)} characters, {target.stat().st_size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=Path(DEBIAN))
    args = parser.parse_args()
    sources = [args.source_dir / f"NotoSansCJK-{weight}.ttc" for weight in ("Regular", "Bold")]
    absent = [str(path) for path in sources if not path.is_file()]
    if absent:
        raise SystemExit(
            f"No Noto Sans CJK collection at {', '.join(absent)}.\n"
            "Install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk), or give the folder that "
            "holds NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc with --source-dir DIR."
        )
    try:
        import brotli  # noqa: F401  (fontTools compresses WOFF2 with it)
    except ImportError:
        raise SystemExit(
            "The web font is WOFF2, which fontTools compresses with the brotli module: run `make font`, "
            "which installs requirements.txt, brotli included."
        ) from None
    characters = wanted_characters()
    for weight in ("Regular", "Bold"):
        subset_one(
            args.source_dir / f"NotoSansCJK-{weight}.ttc", OUT / f"NotoSansCJKsc-{weight}-subset.otf", characters
        )
    web_font(args.source_dir / "NotoSansCJK-Regular.ttc", chinese_characters())


if __name__ == "__main__":
    main()
