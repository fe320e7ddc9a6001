"""A first visit to a built page in Chromium: what it transfers and how it reads (Lighthouse-style).

The site is served from its folder on 127.0.0.1 by Python's http.server; Debian's chromium, driven
by Playwright, loads the page in a fresh profile (empty cache) and waits until the network is idle.
Every response is then gzipped at level 6, as a web server compresses text, and summed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Sums every layout shift not caused by input, the way Cumulative Layout Shift counts them.
LAYOUT_SHIFT = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""

# Requests the browser must finish before it can paint: stylesheets and classic scripts in <head>.
READING = """() => ({
  blocking: [...document.querySelectorAll(
      'head link[rel=stylesheet], head script[src]:not([async]):not([defer]):not([type=module])')]
    .map((el) => el.href || el.src),
  images: document.querySelectorAll("img").length,
  unsized: [...document.querySelectorAll("img")]
    .filter((img) => !(img.getAttribute("width") && img.getAttribute("height"))).map((img) => img.src),
  layoutShift: window.__layoutShift,
})"""


@dataclass
class Visit:
    requests: int
    bytes: int  # as served, uncompressed
    gzipped: int  # every response gzipped, as a server would send it
    by_type: dict[str, int] = field(default_factory=dict)  # gzipped bytes per resource type
    third_party: list[str] = field(default_factory=list)
    render_blocking: list[str] = field(default_factory=list)
    images: int = 0
    unsized_images: list[str] = field(default_factory=list)
    layout_shift: float = 0.0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_visit(site_dir: Path, page: str) -> Visit:
    """Load `page` (a path like 'missions/x/') of the built site as a first-time reader would."""
    from playwright.sync_api import sync_playwright  # only the benchmark needs a browser

    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context()
            tab = context.new_page()
            tab.add_init_script(LAYOUT_SHIFT)
            requests = []
            tab.on("requestfinished", lambda request: requests.append(request))
            tab.goto(base + page, wait_until="networkidle")
            tab.wait_for_timeout(500)  # late shifts, lazy requests
            reading = tab.evaluate(READING)
            visit = Visit(
                0,
                0,
                0,
                images=reading["images"],
                unsized_images=reading["unsized"],
                layout_shift=round(reading["layoutShift"], 4),
            )
            host = urlsplit(base).netloc
            visit.render_blocking = reading["blocking"]
            for request in requests:
                if urlsplit(request.url).netloc != host:
                    visit.third_party.append(request.url)
                response = request.response()
                body = response.body() if response else b""
                packed = len(gzip.compress(body, 6))
                visit.requests += 1
                visit.bytes += len(body)
                visit.gzipped += packed
                visit.by_type[request.resource_type] = visit.by_type.get(request.resource_type, 0) + packed
            return visit
        finally:
            browser.close()
