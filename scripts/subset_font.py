"""Cut Noto Sans CJK SC down to the characters the site's preview images can need.

    make font                                   # from Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)
    python scripts/subset_font.py --source-dir DIR   # DIR holds NotoSansCJK-Regular.ttc and -Bold.ttc

Keeps printable ASCII, Latin-1, Latin Extended-A and common punctuation, plus every character
written anywhere under data/ and in mkdocs.yml; writes hooks/fonts/NotoSansCJKsc-{Regular,Bold}-subset.otf.
Run it again when a mission brings a character the subset lacks: tests/test_previews.py says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hooks" / "fonts"
DEBIAN = "/usr/share/fonts/opentype/noto"  # where Debian's fonts-noto-cjk puts the collections
SIMPLIFIED_CHINESE = 2  # index of "Noto Sans CJK SC" in the .ttc collections
BASE = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), 0x2030, 0x2032, 0x2033, 0x20AC]


def wanted_characters() -> set[int]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").rglob("*.yml"))]
    texts.append((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return set(BASE) | {ord(c) for text in texts for c in text if c.isprintable()}


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
    characters = wanted_characters()
    for weight in ("Regular", "Bold"):
        subset_one(
            args.source_dir / f"NotoSansCJK-{weight}.ttc", OUT / f"NotoSansCJKsc-{weight}-subset.otf", characters
        )


if __name__ == "__main__":
    main()
