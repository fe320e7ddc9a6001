"""The publishing workflow: valid YAML, the expected jobs, official actions pinned to versions."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def test_runs_on_main_by_hand_and_for_pull_requests():
    on = workflow()["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on and "pull_request" in on


def test_build_tests_then_builds_strictly_with_the_pages_address():
    runs = [step.get("run", "") for step in steps("build")]
    assert runs.index("make test") < runs.index("make build")  # make build is mkdocs build --strict
    assert "mkdocs build -f mkdocs.yml --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    build = next(step for step in steps("build") if step.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    pages = next(step for step in steps("build") if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")


def test_offline_edition_is_attached():
    runs = [step.get("run", "") for step in steps("build")]
    assert "make offline" in runs
    upload = next(step for step in steps("build") if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "china-in-space-offline.zip"


def test_only_main_deploys_and_pull_requests_do_not():
    jobs = workflow()["jobs"]
    assert set(jobs) == {"build", "deploy"}
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert "github.event_name != 'pull_request'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and "pull_request" in upload["if"]
    assert workflow()["permissions"] == {"contents": "read"}  # write access only where it deploys


def test_actions_are_githubs_own_and_pinned_to_versions():
    used = [step["uses"] for job in workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert used
    for action in used:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+(\.\d+){0,2}", action), action


def test_the_build_keeps_its_cache_between_runs():
    runs = [step.get("run", "") for step in steps("build")]
    cache = next(step for step in steps("build") if step.get("uses", "").startswith("actions/cache@"))
    assert steps("build").index(cache) < runs.index("make build")
    assert cache["with"]["path"] == ".cache"
    assert "hashFiles('data/**', 'hooks/**'" in cache["with"]["key"]  # a new cache when the inputs change
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])  # and the last one to start from
