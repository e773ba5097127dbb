"""Helpers of the cms browser tests: screenshots, the Wagtail editor's tabs, choosers and save button."""

from __future__ import annotations

import re
from pathlib import Path

SHOTS = Path("/tmp/shots/cms")  # noqa: S108 - screenshots for a person to look at


def shot(page, name: str, *, full_page: bool = True) -> None:
    """A screenshot; Wagtail's admin scrolls inside its own frame, so take it with ``full_page=False``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def without_editing_sessions(page) -> None:
    """Keep Wagtail's "editing session released" beacon off the test server.

    The editor sends it (navigator.sendBeacon, which Playwright cannot route) when the page closes,
    that is while the test database is being emptied, where it fails on a locked table. Nothing here
    tests that feature; the server forgets the session by itself.
    """
    page.add_init_script(
        """(() => {
            const send = navigator.sendBeacon.bind(navigator);
            navigator.sendBeacon = (url, data) =>
                String(url).includes("/editing-sessions/release/") ? true : send(url, data);
        })();"""
    )


def type_rich_text(page, field_id: str, text: str, *, replace: bool = False) -> None:
    """Type in a Draftail editor, and wait until it has written its hidden input (as before a save)."""
    page.locator(f"[data-field-wrapper]:has(#{field_id}) [contenteditable='true']").click()
    if replace:
        page.keyboard.press("Control+A")
    page.keyboard.type(text)
    ending = " ".join(text.split()[-3:])
    page.wait_for_function(
        "([id, ending]) => document.getElementById(id).value.includes(ending)", arg=[field_id, ending]
    )


def open_tab(page, name: str):
    # A tab holding errors is named with their count ("Nous découvrir 2 (2 erreurs)").
    label = re.compile(rf"^\s*{re.escape(name)}(\s|$)")
    page.get_by_role("tab", name=label).click()
    panel = page.get_by_role("tabpanel", name=label)
    panel.wait_for()
    return panel


def field(page, field_id: str):
    """The wrapper of a Wagtail form field (label, input and the errors shown next to it)."""
    return page.locator(f"[data-field-wrapper]:has(#{field_id})").last


def add_inline_row(panel):
    panel.get_by_role("button", name=re.compile(r"^Ajouter", re.I)).last.click()


def save_draft(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le brouillon").click()


def open_action_menu(page) -> None:
    """The arrow next to the main button of the editor's footer, which lists the other actions."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def submit_for_moderation(page) -> None:
    """« Soumettre à … » (or « Resoumettre à … » after changes were asked for), from the action menu."""
    open_action_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^(Soumettre|Resoumettre) à")).click()


def upload_in_chooser(page, chooser_button: str, path: Path):
    """Open an image chooser, go to its upload tab and send ``path``; returns the modal."""
    page.get_by_role("button", name=chooser_button).click()
    modal = page.get_by_role("dialog")
    modal.get_by_role("tab", name="Transférer").click()
    modal.locator("input[type=file]").set_input_files(str(path))
    # Wagtail fills the title from the file name, as a person would see before sending.
    title = modal.get_by_label("Titre")
    page.wait_for_function("(input) => input.value !== ''", arg=title.element_handle())
    modal.get_by_role("button", name="Transférer").click()
    return modal
