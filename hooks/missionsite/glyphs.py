"""Whether the preview font can draw every character the previews need: a Chinese name whose
characters the shipped subset lacks would be drawn as empty boxes, with a green build."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont


@cache  # the fonts do not change while `serve` runs
def _characters(font: Path) -> frozenset[int]:
    return frozenset(TTFont(str(font), lazy=True).getBestCmap())


def missing(texts: Iterable[str], fonts: Iterable[Path]) -> str:
    """The characters of `texts` that any of `fonts` lacks, in order, each once."""
    needed = sorted({c for text in texts for c in text if not c.isspace()})
    fonts = list(fonts)
    return "".join(c for c in needed if any(ord(c) not in _characters(font) for font in fonts))


def problem(characters: str) -> str:
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in characters)
    return (
        f"The preview images' font lacks {listed}, which the data uses: run `make font` (it needs "
        "Debian's fonts-noto-cjk; see hooks/fonts/README.md), then commit hooks/fonts/."
    )
