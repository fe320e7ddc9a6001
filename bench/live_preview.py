"""Live preview: seconds from saving a mission file during `mkdocs serve` to the new page being served.

The real site is copied to a temporary folder and served on 127.0.0.1; each run edits the summary of
one mission and polls its page every 20 ms until the edit shows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from measure import BIN, copy_site

MISSION = "chang-e-4"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(condition, timeout: float) -> float:
    """Seconds until condition() holds, polling every 20 ms."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"not served within {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def measure(runs: int = 5) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        site = copy_site(Path(tmp))
        port = _free_port()
        url = f"http://127.0.0.1:{port}/missions/{MISSION}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        with (site / "serve.log").open("w") as log:
            server = subprocess.Popen(
                [str(BIN / "mkdocs"), "serve", "-f", str(site / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                cwd=site,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
            try:
                _wait(lambda: bool(_fetch(url)), 120)
                mission = site / "data" / "missions" / f"{MISSION}.yml"
                original = mission.read_text(encoding="utf-8")
                seconds = []
                for run in range(runs):
                    marker = f"Edited for the live preview benchmark, run {run}."
                    time.sleep(1)  # let the previous rebuild settle
                    mission.write_text(
                        original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1), encoding="utf-8"
                    )
                    seconds.append(_wait(lambda marker=marker: marker in _fetch(url), 60))
                return seconds
            finally:
                server.terminate()
                server.wait(timeout=30)
