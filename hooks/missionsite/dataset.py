"""Everything in data/, read and checked as one: the missions first, then the plan that refers to them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import load, model, plan
from .load import DataFiles
from .problems import DataError, Problem


def check(files: DataFiles, problems: list[Problem]) -> model.Catalogue:
    """The checked catalogue, or DataError listing every problem in every file."""
    catalogue = model.build_catalogue(files, problems)
    if catalogue is not None and files.plan is not None:
        ids_in_files = {doc.stem for doc in files.missions}
        goals = plan.read_goals(files.plan, catalogue, ids_in_files, problems)
        catalogue = dataclasses.replace(catalogue, goals=goals)
    if problems or catalogue is None:
        raise DataError(problems)
    return catalogue


def load_all(data_dir: Path, root: Path) -> model.Catalogue:
    files, problems = load.read_all(data_dir, root)
    return check(files, problems)
