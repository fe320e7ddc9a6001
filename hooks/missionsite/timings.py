"""How long the hook's own steps take, for the benchmark (bench/run.py).

Always measured, since two clock readings per step cost nothing; written out only when the
environment variable MISSIONSITE_TIMINGS names a file, as one JSON line per build. CPU seconds of
this process, like the benchmark's build time, so that other work on the machine does not count.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator

ENV = "MISSIONSITE_TIMINGS"


class Timings:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] += time.process_time() - start

    def save(self) -> None:
        path = os.environ.get(ENV)
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps(self.seconds) + "\n")
