"""Helpers for the browser tests of the CVthèque, the offer search and matching: signing in, the
commune picker as a person uses it, the error said next to a field, screenshots."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

SHOTS = Path("/tmp/shots/search")


def log_in(page, live_server, user):
    """Sign `user` in by a session cookie (the login form has its own browser tests)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def pick_commune(page, box, typed: str, label: str):
    """Type in a commune picker and choose `label` among the suggestions with the keyboard."""
    box.fill("")
    box.press_sequentially(typed)
    # An option reads "Clermont-Ferrand (63) 63000, 63100": the label, then the postcodes.
    option = page.get_by_role("option", name=re.compile("^" + re.escape(label)))
    option.wait_for()
    while box.get_attribute("aria-activedescendant") != option.get_attribute("id"):
        box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(label)


def type_place(box, typed: str):
    """Type a place and leave the suggestions unchosen: once they are announced, Escape closes them
    (pressed again on a closed list, it would clear the box)."""
    box.fill("")
    status = box.locator("xpath=ancestor::*[@data-commune-picker][1]//*[@data-commune-status]")
    status.evaluate("element => { element.textContent = ''; }")
    box.press_sequentially(typed)
    expect(status).not_to_have_text("")
    if box.get_attribute("aria-expanded") == "true":
        box.press("Escape")
    expect(box).to_have_value(typed)


# The wrappers a field and its error share: Wagtail's w-field, a Bootstrap column, a CVthèque place row.
_WRAPPER = ("ancestor::*[contains(@class, 'w-field ') or @class='w-field' or contains(@class, 'col-') "
            "or contains(@class, 'cvtheque-place__') or @data-department-row][1]")


def error_of(page, control) -> str:
    """What is said next to a control: the elements its aria-describedby names, and its field wrapper."""
    ids = (control.get_attribute("aria-describedby") or "").split()
    texts = [page.locator(f"[id='{ref}']").inner_text() for ref in ids if page.locator(f"[id='{ref}']").count()]
    wrapper = control.locator(f"xpath={_WRAPPER}")
    if wrapper.count():
        texts.append(wrapper.first.inner_text())
    return " ".join(texts)


def expect_error(page, control, message: str):
    """`message` is said next to `control` (tied to it or inside its field), and the control is marked invalid."""
    expect(control).to_have_attribute("aria-invalid", "true")
    assert message in error_of(page, control), error_of(page, control)


def shot(page, name: str):
    """A screenshot of the whole page; Wagtail's admin scrolls inside its layout, so the window is
    stretched to the tallest scrolling element for the time of the picture."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('body, body *')].map((e) => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def reload_keeps_url(page):
    """Reload the page and check the address did not change (GET searches live in their URL)."""
    url = page.url
    page.reload()
    assert page.url == url
    return url


def query_of(url: str) -> str:
    return re.sub(r"^[^?]*\??", "", url)
