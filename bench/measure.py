"""Build a site in a child process and read what it produced: time, memory, hook timings, sizes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))  # conftest imports the hook's package, as pytest's pythonpath sets it
import conftest  # noqa: E402  (the tests' copy of the site: the same files as the tests build)

TIMINGS_ENV = "MISSIONSITE_TIMINGS"  # read by hooks/missionsite/timings.py


@dataclass
class Build:
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds of the build: steadier on a busy machine
    peak_mb: float
    hook: dict[str, float] = field(default_factory=dict)  # the hook's own steps, in CPU seconds
    hook_wall: dict[str, float] = field(default_factory=dict)  # ... and in seconds the build waited for them

    @property
    def hook_seconds(self) -> float:
        return sum(self.hook.values())

    @property
    def hook_wall_seconds(self) -> float:
        return sum(self.hook_wall.values())

    def hook_share(self) -> str:
        """The hook's part of the build: of its CPU time, and of its wall-clock time."""
        return f"{self.hook_seconds / self.cpu:.0%} CPU, {self.hook_wall_seconds / self.seconds:.0%} wall"


def copy_site(target: Path) -> Path:
    """The real site (config, pages, data, hooks) in `target`, to add missions to or to serve."""
    target.mkdir(parents=True, exist_ok=True)
    return conftest.copy_site(target)


def build(site: Path, *, strict: bool = True) -> Build:
    """`mkdocs build` of `site/mkdocs.yml` into `site/site`, as `make build` runs it.

    Peak memory is the child's own maximum resident set size, from wait4's rusage."""
    timings = site / "timings.jsonl"
    timings.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", TIMINGS_ENV: str(timings)}
    env.pop("SITE_URL", None)
    with (site / "build.log").open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command(site, strict), cwd=site, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"build of {site} failed:\n{(site / 'build.log').read_text()[-3000:]}")
    hook = json.loads(timings.read_text().splitlines()[-1]) if timings.exists() else {}
    # CPU time from wait4 counts the child's own children too: the processes drawing preview images.
    return Build(
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
        hook.get("cpu", {}),
        hook.get("wall", {}),
    )


def command(site: Path, strict: bool = True) -> list[str]:
    """The build's command line, as `make build` has it."""
    strict_flag = ["--strict"] if strict else []
    return [
        str(BIN / "mkdocs"),
        "build",
        *strict_flag,
        "--clean",
        "-f",
        str(site / "mkdocs.yml"),
        "-d",
        str(site / "site"),
    ]


def size(site_dir: Path, path: str) -> int:
    """Bytes of a built file; a page path like 'missions/x/' means its index.html."""
    file = site_dir / path
    return (file / "index.html" if path.endswith("/") else file).stat().st_size
