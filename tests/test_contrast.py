"""Contrast that axe cannot judge, measured in Chromium, light and dark.

axe-core marks text inside SVG "needs review" and passes it by, so the figures' text is measured
here: every visible <text> and <tspan> of every figure, on every page type that has figures. Its
colour is the computed `fill`, weakened by `fill-opacity` and the `opacity` of it and its
ancestors. Its background is built up from below, as the browser paints it:

1. the page under the figure: the background colours of the <svg>'s ancestors, laid over each
   other from the first opaque one up (the scheme's page colour is always opaque);
2. over that, every filled shape of the figure that is painted before the text (earlier in the
   document) and covers the text, as its own fill, fill-opacity and opacity: the tinted lane of a
   country, the globe of a map, a bar. "Covers" is tested with `isPointInFill` at three points
   across the middle of the text (its centre and near each end); the worst of the three counts.

The halo some labels carry (a stroke in the page colour under the glyphs) is left out: it only
helps, and not every label has one. A text is large (3:1 is enough) at 24 px, or 18.66 px bold, as
drawn on the screen: its font size times the figure's scale.

Figure links are also measured focused from the keyboard (the ring round each, 3:1) and hovered.
The 404 page, which no other test visits, gets axe, its search landmarks' names, and its search
field and button measured (resting, hovered, focused) here too."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_accessibility import TEXT_CONTRASTS, WCAG_21_A_AA, settle

# Every page type with figures: the home page (timeline and plan chart), /plan/, and each destination
# (its timeline, bar charts, and the maps of the Moon and Mars).
FIGURE_PAGES = ("", "plan/", "moon/", "mars/", "station/", "asteroids/", "jupiter/")
MIN_TEXT, MIN_LARGE_TEXT, MIN_NON_TEXT = 4.5, 3.0, 3.0

# Shared by the figure and 404 measurements: CSS colours read, laid over each other, compared.
COLOUR_MATHS = """
  function parse(css) {
    let m = css.match(/^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/);
    if (m) return {r: m[1] / 255, g: m[2] / 255, b: m[3] / 255, a: m[4] === undefined ? 1 : +m[4]};
    m = css.match(/^color\\(srgb ([\\d.e-]+) ([\\d.e-]+) ([\\d.e-]+)(?: \\/ ([\\d.e-]+))?\\)$/);
    if (m) return {r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4]};
    throw new Error("a colour this test cannot read: " + css);
  }
  const over = (top, below) => ({r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1});
  const channel = v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  function ratio(one, other) {
    const [lighter, darker] = [luminance(one), luminance(other)].sort((a, b) => b - a);
    return (lighter + 0.05) / (darker + 0.05);
  }
  const byte = v => Math.round(v * 255).toString(16).padStart(2, "0");
  const hex = c => "#" + byte(c.r) + byte(c.g) + byte(c.b);
  // The colours of the HTML boxes behind an element, from the first opaque one up.
  function pageBackground(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a >= 1) break;
    }
    if (!layers.length || layers.at(-1).a < 1) throw new Error("no opaque background behind " + element.tagName);
    return layers.reverse().reduce((below, layer) => over(layer, below));
  }
  // An SVG element's fill as painted: its colour, times fill-opacity and every opacity up to the <svg>.
  function fillOf(element) {
    const style = getComputedStyle(element);
    if (!/^(rgb|color)/.test(style.fill)) return null;  // none, or a pattern
    const colour = parse(style.fill);
    colour.a *= +style.fillOpacity;
    for (let e = element; e && !(e instanceof SVGSVGElement); e = e.parentElement) colour.a *= +getComputedStyle(e).opacity;
    return colour;
  }
"""

# What is behind a point of a figure, seen from `element` of it: the page, then each filled shape
# painted before `element` (and not part of it) that covers the point (x, y on the screen).
BEHIND = """
  function behind(element, x, y) {
    const svg = element.closest("svg.fig");
    let colour = pageBackground(svg);
    for (const shape of svg.querySelectorAll("rect, circle, ellipse, path, polygon")) {
      const fill = fillOf(shape);
      if (!fill?.a || shape.contains(element) || element.contains(shape)) continue;
      if (!(shape.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;  // painted after
      if (shape.isPointInFill(new DOMPoint(x, y).matrixTransform(shape.getScreenCTM().inverse()))) colour = over(fill, colour);
    }
    return colour;
  }
"""

# Each visible text of the figures under `root` (an element holding figures, or a link in one): its
# class, words, colour, background, size as drawn, and its ratio where that is lowest.
FIGURE_TEXT_CONTRASTS = f"""root => {{
  {COLOUR_MATHS}
  {BEHIND}
  const measured = [];
  const texts = root.matches("svg.fig *") ? root.querySelectorAll("text, tspan") : root.querySelectorAll("svg.fig :is(text, tspan)");
  for (const text of texts) {{
    const words = [...text.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join("").trim();
    const box = text.getBoundingClientRect();
    const shown = text.checkVisibility({{visibilityProperty: true, opacityProperty: true}});
    if (!words || !shown || !box.width || !fillOf(text)?.a) continue;
    const style = getComputedStyle(text);
    const px = parseFloat(style.fontSize) * text.closest("text").getScreenCTM().a;
    const large = px >= 24 || (px >= 18.66 && +style.fontWeight >= 700);
    const inset = Math.min(2, box.width / 4), y = box.top + box.height / 2;
    let worst = null;
    for (const x of [box.left + inset, box.left + box.width / 2, box.right - inset]) {{
      const under = behind(text, x, y), colour = over(fillOf(text), under), r = ratio(colour, under);
      if (!worst || r < worst.ratio) worst = {{ratio: r, colour: hex(colour), background: hex(under)}};
    }}
    measured.push({{...worst, text: words.slice(0, 40), class: text.closest("text").getAttribute("class") || "",
                    figure: text.closest("svg.fig").classList[1], px: Math.round(px * 10) / 10, large,
                    // a <tspan> shows the underline of its <text>, which is not inherited as a computed value
                    underlined: getComputedStyle(text.closest("text")).textDecorationLine.includes("underline")}});
  }}
  return measured;
}}"""

# A focused figure link's ring (its CSS outline): how wide, and its lowest ratio against what is
# around it, at the middle of each of its four sides.
FOCUS_RING = f"""mark => {{
  {COLOUR_MATHS}
  {BEHIND}
  const style = getComputedStyle(mark), width = parseFloat(style.outlineWidth) || 0;
  if (style.outlineStyle === "none" || !width) return {{width: 0, ratio: 1, colour: "none", background: ""}};
  const box = mark.getBoundingClientRect(), out = parseFloat(style.outlineOffset) + width / 2;
  const [left, top, right, bottom] = [box.left - out, box.top - out, box.right + out, box.bottom + out];
  const [middle, centre] = [(top + bottom) / 2, (left + right) / 2];
  let worst = null;
  for (const [x, y] of [[left, middle], [right, middle], [centre, top], [centre, bottom]]) {{
    const under = behind(mark, x, y), colour = over(parse(style.outlineColor), under), r = ratio(colour, under);
    if (!worst || r < worst.ratio) worst = {{width, ratio: r, colour: hex(colour), background: hex(under)}};
  }}
  return worst;
}}"""


def too_faint(measured: list[dict]) -> list[str]:
    return [
        f"{m['ratio']:.2f}:1 {m['colour']} on {m['background']} ({m['figure']}, .{m['class']}, {m['px']}px): "
        f"{m['text']!r}"
        for m in measured
        if m["ratio"] < (MIN_LARGE_TEXT if m["large"] else MIN_TEXT)
    ]


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", FIGURE_PAGES, ids=lambda p: p.strip("/") or "home")
def test_figure_text_is_readable_in_both_schemes(open_page, path, color_scheme):
    page = open_page(path, color_scheme=color_scheme)
    settle(page)
    measured = page.locator("article").evaluate(FIGURE_TEXT_CONTRASTS)
    assert len(measured) > 5, f"too few figure texts found on /{path}: {measured}"
    lowest = min(measured, key=lambda m: m["ratio"])
    failing = too_faint(measured)
    assert not failing, (
        f"/{path} in {color_scheme}: lowest {lowest['ratio']:.2f}:1 over {len(measured)} figure texts; "
        f"{len(failing)} below AA:\n" + "\n".join(failing)
    )


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ("", "moon/"), ids=["home", "moon"])  # timeline, plan, maps and bars
def test_figure_links_show_focus_and_hover_and_stay_readable(open_page, path, color_scheme):
    """Every figure link, reached with Tab, is ringed at 3:1 or more against what is around it (WCAG
    1.4.11), whatever the colour of the mark, and its words stay at 4.5:1; the first link of each
    figure is underlined when the pointer is on it, and only then, and stays readable."""
    page = open_page(path, color_scheme=color_scheme)
    settle(page)
    marks = page.locator("svg.fig a.fig-mark")
    problems, reached = [], set()
    for _ in range(marks.count() + 300):  # the header, navigation and tables come before and between
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        index = focused.evaluate("e => [...document.querySelectorAll('svg.fig a.fig-mark')].indexOf(e)")
        if index < 0:
            continue
        reached.add(index)
        label = focused.evaluate("e => e.getAttribute('aria-label')")
        ring = focused.evaluate(FOCUS_RING)
        if ring["width"] < 2 or ring["ratio"] < MIN_NON_TEXT:
            problems.append(
                f"focus ring {ring['width']}px, {ring['ratio']:.2f}:1 {ring['colour']} on {ring['background']}: {label}"
            )
        problems += [f"focused: {line}" for line in too_faint(focused.evaluate(FIGURE_TEXT_CONTRASTS))]
        if len(reached) == marks.count():
            break
    assert len(reached) == marks.count(), f"Tab reached {len(reached)} of the {marks.count()} figure links on /{path}"

    page.evaluate("document.activeElement.blur()")  # the pointer's state alone from here
    for figure in page.locator("svg.fig:has(a.fig-mark)").all():
        mark = figure.locator("a.fig-mark").first
        label = mark.get_attribute("aria-label")
        if "underline" in mark.evaluate("m => getComputedStyle(m).textDecorationLine"):
            problems.append(f"underlined before the pointer is on it, so hovering shows nothing new: {label}")
        mark.locator("tspan, text:not(:has(tspan))").first.hover()  # on the words: a link is only where it paints
        texts = mark.evaluate(FIGURE_TEXT_CONTRASTS)
        problems += [f"hovered: {line}" for line in too_faint(texts)]
        problems += [f"hovered, not underlined: {t['text']!r}" for t in texts if not t["underlined"]]
    assert not problems, f"/{path} in {color_scheme}:\n" + "\n".join(problems)


# --- The 404 page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_not_found_page_has_no_wcag_violations(open_page, color_scheme):
    page = open_page("404.html", color_scheme=color_scheme)
    settle(page)
    results = Axe().run(page, options=WCAG_21_A_AA)
    assert results.violations_count == 0, results.generate_report()
    # Best practices outside the WCAG tags: landmarks told apart, and all content within one.
    unique = Axe().run(
        page,
        options={"runOnly": {"type": "rule", "values": ["landmark-unique", "region"]}, "resultTypes": ["violations"]},
    )
    assert unique.violations_count == 0, unique.generate_report()


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
def test_not_found_page_search_landmarks_have_distinct_names(open_page):
    """The header's search and the page's own are both search landmarks; a screen reader's list of
    landmarks must tell them apart. Read from Chromium's accessibility tree: axe's landmark-unique
    counts a <form role=search> as a landmark only once it has a name, so it passes an unnamed one by."""
    page = open_page("404.html")
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    names = [
        node.get("name", {}).get("value", "")
        for node in tree
        if node.get("role", {}).get("value") == "search" and not node.get("ignored")
    ]
    assert len(names) == 2, f"expected the header's search and the page's own: {names}"
    assert len(set(names)) == len(names), f"search landmarks with the same name: {names}"


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["resting", "hovered", "keyboard-focused"])
def test_not_found_search_button_is_readable(open_page, color_scheme, state):
    page = open_page("404.html", color_scheme=color_scheme)
    button = page.locator(".not-found-search button")
    if state == "hovered":
        button.hover()
    elif state == "keyboard-focused":
        page.locator(".not-found-search input").focus()
        page.keyboard.press("Tab")
        assert button.evaluate("b => b === document.activeElement")
    settle(page)
    measured = button.evaluate(TEXT_CONTRASTS)
    assert measured, "the Search button has no text"
    assert all(m["ratio"] >= MIN_TEXT for m in measured), (
        f"the Search button, {state}, in {color_scheme}: "
        + "; ".join(f"{m['ratio']:.2f}:1 {m['colour']} on {m['background']}" for m in measured)
    )


# The search field's placeholder (text, 4.5:1) and edge (a field's boundary, 3:1), on the field's colour.
FIELD_CONTRASTS = f"""field => {{
  {COLOUR_MATHS}
  const inside = pageBackground(field), style = getComputedStyle(field), placeholder = getComputedStyle(field, "::placeholder");
  const words = parse(placeholder.color);
  words.a *= +placeholder.opacity;
  const edge = over(parse(style.borderTopColor), pageBackground(field.parentElement));
  return {{placeholder: ratio(over(words, inside), inside), edge: ratio(edge, pageBackground(field.parentElement))}};
}}"""


@pytest.mark.parametrize("served_site", ["/"], indirect=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_not_found_search_field_is_readable(open_page, color_scheme):
    page = open_page("404.html", color_scheme=color_scheme)
    measured = page.locator(".not-found-search input").evaluate(FIELD_CONTRASTS)
    assert measured["placeholder"] >= MIN_TEXT and measured["edge"] >= MIN_NON_TEXT, (
        f"the search field in {color_scheme}: placeholder {measured['placeholder']:.2f}:1, edge {measured['edge']:.2f}:1"
    )
