"""The token that may write issues reaches only the steps that run gh."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_only_gh_steps_get_the_token() -> None:
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "GH_TOKEN" not in (data.get("env") or {}), path.name
        for name, job in data["jobs"].items():
            assert "GH_TOKEN" not in (job.get("env") or {}), f"{path.name}: job {name}"
            for step in job.get("steps", []):
                runs_gh = any(
                    line.lstrip().startswith("gh ") for line in step.get("run", "").splitlines()
                )
                runs_gh = runs_gh or "$(gh " in step.get("run", "")
                has_token = "GH_TOKEN" in (step.get("env") or {})
                assert has_token == runs_gh, f"{path.name}: {step.get('name')}"
