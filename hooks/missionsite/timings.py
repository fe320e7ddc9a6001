"""How long the hook's own steps take, for the benchmark (bench/run.py).

Always measured, since a few clock readings per step cost nothing; written out only when the
environment variable MISSIONSITE_TIMINGS names a file, as one JSON line per build. Each step counts
CPU seconds, like the benchmark's build time, so that other work on the machine does not count,
and wall-clock seconds, the time the build waited for it: work done in other processes (the
preview images) costs CPU time but, on a spare CPU, no waiting.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "MISSIONSITE_TIMINGS"
# For bench/instructions.py, which has valgrind count instructions from the start of each step to its
# end. It tells valgrind to note the count whenever one of two calls is made that nothing else in a
# build makes: time.clock_getres when a step starts, os.getpgrp when it ends. Only when it asks.
MARK_STEPS_ENV = "MISSIONSITE_MARK_STEPS"
_MARK_STEPS = bool(os.environ.get(MARK_STEPS_ENV))


class Timings:
    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        cpu, wall = time.process_time(), time.perf_counter()
        if _MARK_STEPS:
            time.clock_getres(time.CLOCK_MONOTONIC)
        try:
            yield
        finally:
            if _MARK_STEPS:
                os.getpgrp()
            self.cpu[name] += time.process_time() - cpu
            self.wall[name] += time.perf_counter() - wall

    def elsewhere(self, name: str, cpu_seconds: float) -> None:
        """CPU time a step spent in other processes, which the build did not wait for as such."""
        self.cpu[name] += cpu_seconds

    def save(self) -> None:
        path = os.environ.get(ENV)
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps({"cpu": self.cpu, "wall": self.wall}) + "\n")
