"""`mkdocs serve`: edits to data and templates show up, and broken data does not stop the server."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import BIN


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"waited {timeout:.0f} s for {what}")


@pytest.fixture
def server(site_copy):
    port = free_port()
    log = (site_copy / "serve.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-f", str(site_copy / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site_copy,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/missions/juno/"
    try:
        wait_for(lambda: fetch(url) is not None, "the server to start")
        yield site_copy, url, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_edits_rebuild_and_broken_data_keeps_the_server_up(server):
    site, url, process = server
    juno = site / "data" / "missions" / "juno.yml"
    original = juno.read_text(encoding="utf-8")

    juno.write_text(original.replace("summary: >-\n", "summary: >-\n  Edited while serving.\n", 1), encoding="utf-8")
    wait_for(lambda: "Edited while serving." in (fetch(url) or ""), "the data edit to show")

    template = site / "hooks" / "templates" / "mission.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nTemplate edited while serving.\n", encoding="utf-8")
    wait_for(lambda: "Template edited while serving." in (fetch(url) or ""), "the template edit to show")

    theme = site / "overrides" / "main.html"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace(
            "{{ super() }}", '{{ super() }}<meta name="edited" content="while serving">', 1
        ),
        encoding="utf-8",
    )
    wait_for(lambda: 'content="while serving"' in (fetch(url) or ""), "the theme template edit to show")

    juno.write_text(original.replace("destination: jupiter", "destination: saturn"), encoding="utf-8")
    log = site / "serve.log"
    wait_for(lambda: "juno.yml" in log.read_text(encoding="utf-8"), "the error to be reported")
    assert process.poll() is None, "the server stopped on bad data"
    assert "destination: expected a destination id" in log.read_text(encoding="utf-8")

    juno.write_text(original.replace("summary: >-\n", "summary: >-\n  Fixed again.\n", 1), encoding="utf-8")
    wait_for(lambda: "Fixed again." in (fetch(url) or ""), "the fixed data to show")

    # The same mistake again: reported again, not only as "Aborted with a BuildError!".
    mistake = "destination: expected a destination id"
    juno.write_text(original.replace("destination: jupiter", "destination: saturn"), encoding="utf-8")
    wait_for(lambda: log.read_text(encoding="utf-8").count(mistake) == 2, "the same mistake to be reported again")
