"""axe-core in Chromium on every page type and the 404 page, light and dark: no WCAG 2.1 A or AA
violation and no failed best practice, with search results open too, a result resting, hovered and
focused from the keyboard. The search results' text contrast is also measured directly, in each of
those states.

Fixes go into overrides/ and docs/assets/site.css; no rule is switched off. Every check runs once
the page's transitions have ended, so that it sees the state a reader sees, however slow the machine."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser import PAGE_TYPES, search

WCAG_21_A_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# ... and axe's best practices besides: unique landmarks, named dialogs, heading order, and more.
WCAG_AND_BEST_PRACTICE = {
    "runOnly": {"type": "tag", "values": [*WCAG_21_A_AA["runOnly"]["values"], "best-practice"]},
    "resultTypes": ["violations"],
}
# Every page type, and the page for a missing address (served at the root here, its links absolute).
PAGES = (*PAGE_TYPES, "404.html")
# WCAG 1.4.3 for text under 18.66 px bold or 24 px, which is all the text of a search result.
MIN_TEXT_CONTRAST = 4.5

# Settled: every transition and animation has run to its end. Material fades the search results in
# and tints a hovered or focused result over a quarter of a second; a loaded machine stretches that,
# and a colour read half-way is neither the resting nor the final one. Polled each frame, so one that
# starts meanwhile is waited for too; an endless animation never settles and is left out.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(animation =>
    animation.playState !== "running" || animation.effect?.getComputedTiming().endTime === Infinity)"""


def settle(page) -> None:
    page.wait_for_function(ANIMATIONS_SETTLED, polling="raf")


# What a search shows that takes Material's tint when hovered or focused: a result, and the line
# under one that opens the page's other matching sections ("2 more on this page").
SEARCH_RESULT = ".md-search-result__item > .md-search-result__link"
MORE_ON_THIS_PAGE = ".md-search-result__more > summary"


def show_search_results(page, state: str, target: str = SEARCH_RESULT):
    """Search, leave the first `target` resting, hovered, or focused from the keyboard as a reader
    reaches it (arrow keys from the search field), and let the page settle; that element."""
    search(page, "Chang'e")
    element = page.locator(target).first
    if state == "hovered":
        element.hover()
    elif state == "keyboard-focused":
        for _ in range(20):
            page.keyboard.press("ArrowDown")
            if element.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail(f"the arrow keys never reached the first {target}")
    settle(page)
    return element


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations_or_failed_best_practices(open_page, path, color_scheme):
    page = open_page(path, color_scheme=color_scheme)
    settle(page)
    results = Axe().run(page, options=WCAG_AND_BEST_PRACTICE)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["resting", "hovered", "keyboard-focused"])
def test_no_wcag_violations_or_failed_best_practices_with_search_results_open(open_page, color_scheme, state):
    """With the search dialog open: its name too (axe's aria-dialog-name, a best practice), which
    Material leaves out and overrides/partials/search.html puts in."""
    page = open_page("missions/", color_scheme=color_scheme)
    show_search_results(page, state)
    results = Axe().run(page, options=WCAG_AND_BEST_PRACTICE)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("path", ["", "404.html"])
def test_every_search_landmark_has_a_name_of_its_own(open_page, path):
    """The header's search (overrides/partials/search.html) and the 404 page's: a reader's list of
    landmarks tells them apart by name. axe's landmark-unique only asks that no two share one."""
    page = open_page(path)
    names = page.get_by_role("search").evaluate_all("found => found.map(e => e.getAttribute('aria-label'))")
    assert len(names) == (2 if path == "404.html" else 1), names
    assert all(names) and len(set(names)) == len(names), names


# Each piece of text under `root`: its colour and its background as seen, the ratio between them.
# Colours with alpha are laid over what is behind them, background layers from the first opaque
# one up, as axe does; the scheme's own page colour is always opaque, so there is one.
TEXT_CONTRASTS = """root => {
  function parse(css) {
    let m = css.match(/^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/);
    if (m) return {r: m[1] / 255, g: m[2] / 255, b: m[3] / 255, a: m[4] === undefined ? 1 : +m[4]};
    m = css.match(/^color\\(srgb ([\\d.e-]+) ([\\d.e-]+) ([\\d.e-]+)(?: \\/ ([\\d.e-]+))?\\)$/);
    if (m) return {r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4]};
    throw new Error("a colour this test cannot read: " + css);
  }
  const over = (top, below) => ({r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1});
  function background(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a >= 1) break;
    }
    if (!layers.length || layers.at(-1).a < 1) throw new Error("no opaque background behind " + element.className);
    return layers.reverse().reduce((below, layer) => over(layer, below));
  }
  const channel = v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const byte = v => Math.round(v * 255).toString(16).padStart(2, "0");
  const hex = c => "#" + byte(c.r) + byte(c.g) + byte(c.b);
  const measured = new Map();
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    const element = text.parentElement;
    const shown = element.checkVisibility({visibilityProperty: true});
    if (!text.textContent.trim() || measured.has(element) || !shown) continue;
    const behind = background(element), colour = over(parse(getComputedStyle(element).color), behind);
    const [lighter, darker] = [luminance(colour), luminance(behind)].sort((a, b) => b - a);
    measured.set(element, {text: text.textContent.trim().slice(0, 40), colour: hex(colour),
                           background: hex(behind), ratio: (lighter + 0.05) / (darker + 0.05)});
  }
  return [...measured.values()];
}"""


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["resting", "hovered", "keyboard-focused"])
@pytest.mark.parametrize("target", [SEARCH_RESULT, MORE_ON_THIS_PAGE], ids=["result", "more-on-this-page"])
def test_search_result_text_keeps_its_contrast_when_hovered_or_focused(open_page, color_scheme, state, target):
    """Measured here as well as by axe: the hover and focus tint is translucent, and the result's
    text too, so the ratio depends on the two laid over each other."""
    page = open_page("missions/", color_scheme=color_scheme)
    measured = show_search_results(page, state, target).evaluate(TEXT_CONTRASTS)
    assert measured, f"no text in the first {target}"
    too_faint = [
        f"{m['ratio']:.2f}:1 {m['colour']} on {m['background']}: {m['text']!r}"
        for m in measured
        if m["ratio"] < MIN_TEXT_CONTRAST
    ]
    assert not too_faint, "\n".join(too_faint)
