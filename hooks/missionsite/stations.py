"""How the stations were put together: each module's launch and the completion of the whole, taken
from the stations' own milestones, so the table and the timeline cannot disagree."""

from __future__ import annotations

from .model import Catalogue, Milestone, Mission

ASSEMBLY_KINDS = ("module_launch", "completion")


def assembly(catalogue: Catalogue, destination_id: str) -> list[tuple[Mission, list[Milestone]]]:
    """Per station assembled from modules (one with a module launch), its assembly steps in order."""
    found = []
    for mission in catalogue.missions_to(destination_id):
        if any(m.kind == "module_launch" for m in mission.milestones):
            found.append((mission, [m for m in mission.milestones if m.kind in ASSEMBLY_KINDS]))
    return found
