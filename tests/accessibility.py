"""What axe finds serious on a page of the real browser (for the e2e tests)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

__all__ = ["serious_accessibility_problems"]


def serious_accessibility_problems(page: Any) -> list[str]:
    """The serious and critical violations, each with the first elements it was found on."""
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]
