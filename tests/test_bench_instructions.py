"""The benchmark's count of instructions within the hook's steps: only those parts, and none by mistake."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from instructions import STEP_ENDS, STEP_STARTS, tally  # noqa: E402  (bench/instructions.py)

STARTS, ENDS, END_OF_RUN = f"--dump-before={STEP_STARTS}", f"--dump-before={STEP_ENDS}", "Program termination"


def test_only_the_parts_within_a_step_count_as_the_hook():
    # (part number, what ended the part, its instructions), in the order the files happen to be listed
    parts = [(5, END_OF_RUN, 10), (2, ENDS, 30), (1, STARTS, 100), (4, ENDS, 20), (3, STARTS, 50)]
    count = tally(parts)
    assert (count.hook, count.total) == (50, 210)
    assert count.share == pytest.approx(50 / 210)


@pytest.mark.parametrize(
    "parts, says",
    [
        ([(1, STARTS, 100), (2, STARTS, 30), (3, END_OF_RUN, 10)], "part 2 ended at"),  # a start within a step
        ([(1, STARTS, 100), (2, END_OF_RUN, 10)], "ended within a step"),
        ([(1, END_OF_RUN, 10)], "no step of the hook was marked"),  # valgrind never saw the calls
    ],
)
def test_a_count_that_cannot_be_right_is_an_error_not_a_figure(parts, says):
    with pytest.raises(RuntimeError, match=says):
        tally(parts)
