"""Helpers of the sector picker's browser tests: pick with the keyboard, look at the chips, screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.cms.test_accessibility import AXE_JS

SHOTS = Path("/tmp/shots/sector-picker")  # noqa: S108
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def shot(page, name: str, *, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def suggestions(page):
    return page.get_by_role("listbox", name="Secteurs proposés")


def pick(page, box, typed: str, name: str) -> None:
    """Type into a sector picker, then reach the suggestion `name` with Down and pick it with Enter."""
    box.click()
    page.keyboard.press("Control+A")  # typing replaces what the box holds
    box.press_sequentially(typed, delay=20)
    target = suggestions(page).get_by_role("option", name=re.compile(re.escape(name)))
    target.wait_for()
    target_id = target.get_attribute("id")
    for _ in range(suggestions(page).get_by_role("option").count()):
        page.keyboard.press("ArrowDown")
        if box.get_attribute("aria-activedescendant") == target_id:
            break
    else:
        raise AssertionError(f"{name!r} cannot be reached with the keyboard")
    page.keyboard.press("Enter")


def expect_chips(page, names: list[str]) -> None:
    chips = page.get_by_role("list", name="Secteurs choisis").get_by_role("listitem")
    expect(chips).to_have_text([f"{name}×" for name in names])
    for name in names:
        expect(page.get_by_role("button", name=f"Retirer {name}")).to_be_visible()


def axe_violations(page, context: str = "document") -> list:
    """axe-core's WCAG A/AA violations in `context` (a CSS selector, or the whole document)."""
    if AXE_JS is None or not AXE_JS.exists():
        raise AssertionError("axe-playwright-python is not installed")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async ([context, tags]) => await axe.run(context === 'document' ? document : document.querySelector(context),
               {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        [context, WCAG_TAGS],
    )
    return [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in result["violations"]]
