"""Helpers of the recruiter-space browser tests: log in, type like a person, find a field's errors, screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.cms.test_accessibility import log_in

SHOTS = Path("/tmp/shots/recruiter-offers")  # noqa: S108

__all__ = ["editor", "expect_error_next_to", "log_in", "shot", "type_date", "wrapper"]


def shot(page, name: str) -> None:
    """The whole page: Wagtail's admin scrolls inside its own frame, so full_page alone stops at the viewport."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("Math.max(...[...document.querySelectorAll('body *')].map(e => e.scrollHeight))")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 80, size["height"]), 8000)})
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(size)


def type_date(field, iso: str) -> None:
    """Type a date into an <input type=date> with the keyboard, in whichever day/month order Chromium shows."""
    year, month, day = iso.split("-")
    for order in ((month, day, year), (day, month, year), (year, month, day)):
        field.click(position={"x": 12, "y": 12})
        field.page.keyboard.type("".join(order), delay=15)
        if field.input_value() == iso:
            return
    raise AssertionError(f"could not type {iso} into {field}")


def editor(page, name: str):
    """The editable area of the Draftail editor that stands for the form field `name`."""
    return page.locator(f"#id_{name}").locator("xpath=..").locator("[contenteditable=true]").first


_WRAPPER = (
    "xpath=ancestor::*[contains(concat(' ', @class, ' '), ' w-field__wrapper ')"
    " or contains(concat(' ', @class, ' '), ' recruiter-filters__field ')][1]"
)


def wrapper(page, control):
    """The field wrapper around `control` (Wagtail's, or a filter's): label, help text, errors, the control."""
    return control.locator(_WRAPPER)


def expect_error_next_to(page, control, text) -> None:
    """The French error is inside the field's wrapper or in an element the control names in
    aria-describedby, and the control says it is invalid."""
    expect(control).to_have_attribute("aria-invalid", "true")
    near = wrapper(page, control)
    described = (control.get_attribute("aria-describedby") or "").split()
    if described:
        near = near.or_(page.locator(", ".join(f'[id="{name}"]' for name in described)))
    expect(near.get_by_text(text).first).to_be_visible()
