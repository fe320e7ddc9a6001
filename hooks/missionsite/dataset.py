"""Everything in data/, read and checked as one: the missions first, then the plan that refers to them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import load, model, plan
from .checked import Checked
from .load import DataFiles
from .problems import DataError, Problem


def check(files: DataFiles, problems: list[Problem], checked: Checked | None = None) -> model.Catalogue:
    """The checked catalogue, or DataError listing every problem in every file. With `checked`,
    missions an earlier build checked are not checked again, and this build's are kept."""
    catalogue = model.build_catalogue(files, problems, checked)
    if checked is not None:
        checked.save()
    if catalogue is not None and files.plan is not None:
        ids_in_files = files.mission_files | {doc.stem for doc in files.missions}
        goals = plan.read_goals(files.plan, catalogue, ids_in_files, problems)
        catalogue = dataclasses.replace(catalogue, goals=goals)
    if problems or catalogue is None:
        raise DataError(problems)
    return catalogue


def load_all(data_dir: Path, root: Path) -> model.Catalogue:
    files, problems = load.read_all(data_dir, root)
    return check(files, problems)
