"""The figures in Debian's Chromium, at desktop and phone widths, light and dark: each is drawn
(its screenshot is not blank), fits the screen (only the timeline may scroll, inside its box), and
its links are reachable with the keyboard.

Self-contained: serves the built site on 127.0.0.1 itself. Skipped, with one line saying why,
where Chromium is missing."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 390}
PAGES = ("", "moon/", "mars/", "station/", "plan/")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "figures"


@pytest.fixture(scope="module")
def site_url(built_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def chromium(browser):
    """The session's Chromium from conftest: Playwright's sync API allows one instance per process."""
    return browser


def screenshot_if_drawn(figure, path: Path) -> bool:
    """Save the figure's screenshot (for a person to look at); False when it looks the same with
    its drawings hidden, that is, when nothing was drawn."""
    # The sticky header would be drawn across a figure taller than the window, hiding part of it.
    figure.evaluate("f => document.querySelector('.md-header')?.style.setProperty('visibility', 'hidden')")
    drawn = figure.screenshot(animations="disabled")
    figure.evaluate("f => f.querySelectorAll('svg').forEach(s => s.style.visibility = 'hidden')")
    empty = figure.screenshot(animations="disabled")
    figure.evaluate("f => f.querySelectorAll('svg').forEach(s => s.style.visibility = '')")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(drawn)
    return drawn != empty


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(WIDTHS))
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_figures_are_drawn_and_fit_the_screen(chromium, site_url, path, device, scheme):
    width = WIDTHS[device]
    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    figures = page.locator("figure.site-figure")
    assert figures.count() > 0
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        assert box["width"] > 100 and box["height"] > 100, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"figure {i} leaves the screen: {box}"
        for svg in figure.locator("svg.fig").all():
            drawn = svg.bounding_box()
            assert drawn["width"] > 100 and drawn["height"] > 100, drawn
            if "fig-timeline" not in svg.get_attribute("class"):  # only the timeline may scroll in its box
                assert drawn["x"] + drawn["width"] <= box["x"] + box["width"] + 0.5, drawn
        shot = SCREENSHOTS / f"{path.strip('/') or 'home'}-{i}-{device}-{scheme}.png"
        assert screenshot_if_drawn(figure, shot), f"figure {i} on /{path} looks blank"
    context.close()


def test_figure_links_are_reachable_with_the_keyboard(chromium, site_url):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "mars/")
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; return e && e.closest('svg.fig') ? "
            "[e.tagName, e.getAttribute('aria-label'), e.getAttribute('href')] : null })()"
        )
        if focused:
            break
    assert focused, "no link inside a figure takes the keyboard focus"
    tag, label, href = focused
    # Absolute by now: the theme's instant navigation resolves every link of the page (svg-links.js)
    assert tag == "a" and label and href.startswith(site_url + "missions/"), href
    # The focus ring, for a person to look at (tests/test_contrast.py measures it).
    ring = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SCREENSHOTS / "mars-focused-link.png",
        clip={"x": ring["x"] - 40, "y": ring["y"] - 40, "width": ring["width"] + 80, "height": ring["height"] + 80},
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}missions/**")
    page.close()
