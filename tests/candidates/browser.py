"""Helpers shared by the browser tests of the candidate space and of the accounts pages."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CandidateProfileFactory, CandidateUserFactory, CommuneFactory, DepartmentFactory

SHOTS = Path("/tmp/shots/candidates")  # noqa: S108


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def confirmed_candidate(*, first_name="Élodie", last_name="Fayolle", email="elodie@example.org", **profile):
    """A candidate whose address is confirmed, with a profile (hidden from the CVthèque unless told)."""
    user = CandidateUserFactory(first_name=first_name, last_name=last_name, email=email,
                                email_confirmed_at=timezone.now())
    profile.setdefault("hidden", True)
    return CandidateProfileFactory(user=user, **profile)


def log_in(page, live_server, user) -> None:
    """Open a session for ``user`` in the page's browser context (the login form has its own test)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def auvergne_communes():
    """A few communes of the region, for the commune picker."""
    puy_de_dome = DepartmentFactory(code="63", name="Puy-de-Dôme")
    rhone = DepartmentFactory(code="69", name="Rhône")
    return {
        "clermont": CommuneFactory(insee="63113", name="Clermont-Ferrand", department=puy_de_dome),
        "riom": CommuneFactory(insee="63300", name="Riom", department=puy_de_dome, population=19000,
                               latitude=45.8936, longitude=3.1126),
        "lyon": CommuneFactory(insee="69123", name="Lyon", department=rhone, population=522000,
                               latitude=45.7578, longitude=4.8320),
    }


def pick_commune(page, box, typed: str, suggestion: str) -> None:
    """Type into a commune picker and choose a suggestion with the keyboard, as a person would."""
    box.click()
    box.press_sequentially(typed, delay=30)
    page.get_by_role("option", name=re.compile(suggestion)).first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(re.compile(suggestion))


def submit(page, name: str = "Enregistrer") -> None:
    """Click the submit button and wait for the next page to load."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def expect_error_at(page, field_id: str, message: str) -> None:
    """The French ``message`` is shown inside the field's wrapper and tied to it by aria-describedby
    (or aria-invalid and a wrapper that holds it, for the crispy layouts)."""
    field = page.locator(f"#{field_id}")
    wrapper = page.locator(f"#div_{field_id}")
    if wrapper.count():
        expect(wrapper.get_by_text(message, exact=False).first).to_be_visible()
    else:
        described = (field.get_attribute("aria-describedby") or "").split()
        assert described, f"{field_id} has no aria-describedby"
        shown = page.locator(", ".join(f"#{ident}" for ident in described)).filter(has_text=message)
        expect(shown.first).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
