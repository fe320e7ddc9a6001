"""Small tools for writing inline SVG by hand: elements, numbers, text measure and label placement.

Built on xml.etree, which escapes every text and attribute value, so a mission name with `<`, `&`
or quotes stays text. Numbers are rounded to a tenth of a pixel and attributes keep the order they
are written in, so the same data gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SVG_NS = "http://www.w3.org/2000/svg"

# Rough advance widths in em for a sans-serif font: the reader's font is unknown (the site loads no
# web font), so labels are placed with some room to spare rather than measured.
_NARROW = set("il.,:;'|!()[]ı ’")
_WIDE = set("mwMW@%")


def num(value: float) -> str:
    """12.0 -> '12', 3.14159 -> '3.1', -0.04 -> '0': short and stable."""
    text = f"{round(value, 1) + 0.0:.1f}"  # + 0.0 turns -0.0 into 0.0
    return text.removesuffix(".0")


def text_width(text: str, size: float) -> float:
    """An estimate, slightly generous, of the width of `text` at font size `size`."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.3
        elif char in _WIDE:
            em += 0.86
        elif char.isupper():
            em += 0.68
        else:
            em += 0.56
    return em * size * 1.05


def wrap(text: str, width: float, size: float) -> list[str]:
    """Words of `text` in lines no wider than `width` (a single long word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def el(parent: ET.Element | None, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    """A child element; `class_` is written `class`, other underscores become dashes; floats are rounded."""
    values = {}
    for key, value in attrs.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        values[name] = num(value) if isinstance(value, float) else str(value)
    element = ET.Element(tag, values) if parent is None else ET.SubElement(parent, tag, values)
    if text is not None:
        element.text = text
    return element


def document(key: str, width: float, height: float, title: str, desc: str, css_class: str) -> ET.Element:
    """The <svg> element: scales to its container, named by its <title> and described by its <desc>.

    role="group", not "img": an image hides its children, and the marks inside are links."""
    svg = el(
        None,
        "svg",
        xmlns=SVG_NS,
        viewBox=f"0 0 {num(width)} {num(height)}",
        width="100%",
        class_=f"fig {css_class}",
        role="group",
        aria_labelledby=f"{key}-title",
        aria_describedby=f"{key}-desc",
    )
    el(svg, "title", title, id=f"{key}-title")
    el(svg, "desc", desc, id=f"{key}-desc")
    return svg


def link(parent: ET.Element, href: str, label: str, css_class: str | None = None) -> ET.Element:
    """A keyboard-reachable link with an accessible name (and the same words as a hover tooltip).

    A plain href, which crawlers follow (SVG 2; xlink:href is deprecated). Material's instant
    navigation makes every [href] of a page absolute by assigning `element.href` to itself, which an
    SVG link has only as a getter: docs/assets/svg-links.js gives it a setter, before the theme's
    script runs (overrides/main.html)."""
    anchor = el(parent, "a", href=href, aria_label=label, class_=css_class)
    el(anchor, "title", label)
    return anchor


def to_string(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


# --- Labels that do not overlap ------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left or other.right <= self.left or self.bottom <= other.top or other.bottom <= self.top
        )

    def inside(self, other: Box) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )


@dataclass(frozen=True)
class Placement:
    x: float  # where the text is anchored
    y: float  # its baseline
    anchor: str  # start, middle or end
    box: Box


@dataclass
class LabelPlacer:
    """Puts each label beside its mark, on the first side where it fits the drawing and overlaps
    nothing placed before it: right, left, above, below. Order in, order out: deterministic."""

    bounds: Box
    taken: list[Box] = field(default_factory=list)

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def place(self, x: float, y: float, text: str, size: float, gap: float) -> Placement:
        width = text_width(text, size)
        ascent, descent = size * 0.8, size * 0.25
        candidates = [
            Placement(
                x + gap,
                y + size * 0.35,
                "start",
                Box(x + gap, y - ascent / 2 - 2, x + gap + width, y + ascent / 2 + descent),
            ),
            Placement(
                x - gap,
                y + size * 0.35,
                "end",
                Box(x - gap - width, y - ascent / 2 - 2, x - gap, y + ascent / 2 + descent),
            ),
            Placement(
                x, y - gap - descent, "middle", Box(x - width / 2, y - gap - descent - ascent, x + width / 2, y - gap)
            ),
            Placement(
                x, y + gap + ascent, "middle", Box(x - width / 2, y + gap, x + width / 2, y + gap + ascent + descent)
            ),
        ]

        def clashes(candidate: Placement) -> int:
            return sum(candidate.box.overlaps(box) for box in self.taken) + (
                0 if candidate.box.inside(self.bounds) else 100
            )

        best = min(candidates, key=clashes)  # min keeps the first of equals: right wins ties
        self.taken.append(best.box)
        return best
