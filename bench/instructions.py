"""The hook's share of a rebuild in instructions, counted by valgrind: a figure a busy machine leaves alone.

On a shared machine the seconds of two runs of the same code differ by a tenth, as much as the hook's
whole share; the count of instructions does not change. Valgrind's callgrind runs one rebuild, about
fifty times slower, and writes out its count each time a step of the hook starts or ends: the hook
makes two calls for it that nothing else in a build makes (see hooks/missionsite/timings.py). Within
the hook's steps or not, every instruction of the build is counted once, imports and start-up included,
as the build's CPU time includes them. Instructions stand in for time: the hook's code and MkDocs' are
both mostly Python, run by the same interpreter.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from measure import command

MARK_STEPS_ENV = "MISSIONSITE_MARK_STEPS"  # read by hooks/missionsite/timings.py
# CPython's C functions behind time.clock_getres and os.getpgrp, which timings.py calls when a step
# starts and when it ends.
STEP_STARTS = "time_clock_getres"
STEP_ENDS = "os_getpgrp"
_PART = re.compile(r"^part: (\d+)$", re.M)
_TRIGGER = re.compile(r"^desc: Trigger: (.*)$", re.M)
_SUMMARY = re.compile(r"^summary: (\d+)$", re.M)


@dataclass(frozen=True)
class Count:
    hook: int  # instructions within the hook's steps
    total: int  # instructions of the whole build

    @property
    def share(self) -> float:
        return self.hook / self.total


def available() -> bool:
    return shutil.which("valgrind") is not None


def count(site: Path) -> Count:
    """Counts a rebuild of `site`, whose .cache/ an earlier build has filled: the published case."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", MARK_STEPS_ENV: "1", "PYTHONHASHSEED": "0"}
    env.pop("SITE_URL", None)
    with tempfile.TemporaryDirectory(prefix="callgrind-") as out, tempfile.TemporaryFile("w+") as log:
        valgrind = [
            "valgrind",
            "--tool=callgrind",
            f"--dump-before={STEP_STARTS}",
            f"--dump-before={STEP_ENDS}",
            "--dump-instr=no",
            "--dump-line=no",
            f"--callgrind-out-file={out}/part",
        ]
        process = subprocess.Popen(valgrind + command(site), cwd=site, env=env, stdout=log, stderr=log)
        parts = []
        while process.poll() is None:
            parts += _take_parts(Path(out), finished=False)
            time.sleep(1)
        parts += _take_parts(Path(out), finished=True)
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"build of {site} under valgrind failed:\n{log.read()[-3000:]}")
        return tally(parts)


def _take_parts(folder: Path, finished: bool) -> list[tuple[int, str, int]]:
    """Reads and removes the parts valgrind has written: a part is a file of some 200 KB, and a
    1,000-mission build writes some 4,000, so they are not left to pile up. Until the build has
    finished, the newest part may still be being written, and the last (`part`, without a number)
    is an empty file."""
    numbered = sorted((path for path in folder.iterdir() if path.suffix[1:].isdigit()), key=lambda p: int(p.suffix[1:]))
    ready = [*numbered, folder / "part"] if finished else numbered[:-1]
    taken = []
    for path in ready:
        taken.append(_read_part(path))
        path.unlink()
    return taken


def tally(parts) -> Count:
    """(part number, what ended it, instructions) for each part of a run -> the count within steps.

    A part ended by a step's end ran within that step; any other ran outside the steps. Steps do not
    nest, so the parts must take turns: anything else means something else made one of the calls."""
    hook = total = steps = 0
    expected = STEP_STARTS
    for number, trigger, instructions in sorted(parts):
        total += instructions
        if trigger == "Program termination":
            if expected != STEP_STARTS:
                raise RuntimeError(f"the build ended within a step of the hook (part {number})")
            continue
        if not trigger.endswith(f"={expected}"):
            raise RuntimeError(
                f"part {number} ended at {trigger}, not at --dump-before={expected}: "
                "something besides timings.py made one of the calls that mark the steps"
            )
        if expected == STEP_ENDS:
            hook += instructions
            steps += 1
        expected = STEP_ENDS if expected == STEP_STARTS else STEP_STARTS
    if not steps:  # say so rather than report 0 %: a Python whose C functions have other names, say
        raise RuntimeError(f"no step of the hook was marked: valgrind never saw {STEP_STARTS} or {STEP_ENDS}")
    return Count(hook, total)


def _read_part(path: Path) -> tuple[int, str, int]:
    with path.open(encoding="utf-8", errors="replace") as file:
        head = file.read(4096)  # the part's number, trigger and summary come before its costs
    return int(_PART.search(head)[1]), _TRIGGER.search(head)[1], int(_SUMMARY.search(head)[1])
