"""Helpers shared by the browser tests of recruiter onboarding, team, contact, moderation and Visiotalent."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from playwright.sync_api import expect

SHOTS = Path("/tmp/shots/recruiters")  # noqa: S108
STRONG_PASSWORD = "Recrute-Volcans-2026!"


def shot(page, name: str) -> None:
    """A screenshot of the whole page for a person to look at (the admin scrolls inside its own frame,
    so the viewport is stretched to the content first)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(document.documentElement.scrollHeight,"
        " ...Array.from(document.querySelectorAll('main, .content-wrapper, .content')).map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 4000)})
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def log_in(page, live_server, user) -> None:
    """Open a session for ``user`` in the page's browser context (the login form has its own tests)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def submit(page, name: str, *, exact: bool = True, form: str | None = None) -> None:
    """Click a submit button (of the form whose data-form is ``form``, when given) and wait for the
    answer page; a server error fails the test."""
    scope = page.locator(f'form[data-form="{form}"]') if form else page
    with page.expect_navigation() as navigation:
        scope.get_by_role("button", name=name, exact=exact).click()
    response = navigation.value
    assert response is None or response.status < 500, f"HTTP {response.status} on {response.url}"


def expect_error_at(page, field_id: str, message: str) -> None:
    """The French ``message`` is shown inside the field's own wrapper (crispy's ``div_<id>``, Wagtail's
    ``w-field__wrapper``) or in an element the field's aria-describedby names."""
    field = page.locator(f"#{field_id}")
    expect(field).to_have_count(1)
    wrapper = page.locator(f"#div_{field_id}")
    if not wrapper.count():
        wrapper = page.locator(".w-field__wrapper", has=field).last
    if wrapper.count():
        expect(wrapper).to_contain_text(message)
        return
    described = (field.get_attribute("aria-describedby") or "").split()
    texts = " ".join(page.locator(f"#{ident}").inner_text() for ident in described)
    assert message in texts, f"{message!r} not next to #{field_id}: {texts!r}"


def pick_commune(page, box, typed: str, suggestion: str) -> None:
    """Type into a commune picker and choose the suggestion with the keyboard."""
    box.click()
    box.press_sequentially(typed, delay=20)
    page.get_by_role("option", name=re.compile(suggestion)).first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(re.compile(suggestion))


def pick_sector(page, label: str, typed: str, sector: str, code: str) -> None:
    """Type part of a sector's name in the sector picker and choose it with the keyboard."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(typed, delay=20)
    page.get_by_role("option", name=re.compile(re.escape(sector))).first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(f"{sector} ({code})")


def link_in_mail(fragment: str, to: str | None = None) -> str:
    """The path of the latest e-mailed link containing ``fragment`` (to ``to`` when given)."""
    for message in reversed(mail.outbox):
        if to and to not in message.to:
            continue
        match = re.search(r"https?://[^/\s]+(\S*" + re.escape(fragment) + r"\S*)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail with a link to {fragment}")


def flash(page) -> str:
    """The text of the page's messages (public site or Wagtail admin)."""
    messages = page.locator(".messages, .alert, [role=status], [role=alert]")
    return " ".join(messages.all_inner_texts())
