"""Moderation of a company page in Chromium: the recruiter submits and lands back on the editor with a
French message, the moderator gets one French mail and follows its link, asks for changes with a
comment, then approves; the recruiters get one mail each time, whose links open the real pages."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from PIL import Image as PILImage

from cms.models import CompanyPage
from cms.services import company_page_get_or_create, site_ensure
from tests.cms.browser import open_action_menu, shot, submit_for_moderation, without_editing_sessions
from tests.cms.conftest import make_image, words
from tests.cms.test_accessibility import log_in
from tests.factories import ModeratorFactory, RecruiterFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def links_of(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def in_browser(live_server, url: str) -> str:
    """A link of a mail (built on SITE_URL) opened on the test server."""
    assert url.startswith(settings.SITE_URL + "/"), url
    return live_server.url + url[len(settings.SITE_URL):]


def test_submit_review_request_changes_resubmit_and_approve(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans", user__email="claire@volcans.example")
    moderator = ModeratorFactory(email="morgane@vivier.example", first_name="Morgane")
    moderator.is_superuser = True  # as the demo's editorial account: Wagtail mailed it twice
    moderator.save()
    company_page = company_page_get_or_create(company=recruiter.company, user=recruiter.user)
    collection = recruiter.company.page_access.collection
    company_page.banner = make_image(4000, 2500, "JPEG", photo=True, collection=collection)
    company_page.logo = make_image(600, 600, "PNG", photo=True, collection=collection)
    company_page.description = f"<p>{words(160)}</p>"
    company_page.tagline = "Mécanique de précision"
    company_page.save_revision(user=recruiter.user)
    mail.outbox.clear()
    without_editing_sessions(page)

    # The recruiter submits and stays on the editor, told what happens next.
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/pages/{company_page.pk}/edit/")
    submit_for_moderation(page)
    assert page.url.endswith(f"/admin/pages/{company_page.pk}/edit/")
    message = page.get_by_text("Votre page a été envoyée en modération.")
    message.wait_for()
    assert "L'équipe éditoriale de Vivier va la relire et vous écrira à claire@volcans.example" in message.inner_text()
    assert page.get_by_text("0 page").count() == 0
    shot(page, "moderation-1-envoyee", full_page=False)
    assert [m.to for m in mail.outbox] == [["morgane@vivier.example"]]
    submitted = mail.outbox[0]
    assert submitted.subject == "Page entreprise à relire : Ateliers des Volcans"

    # The moderator follows the mail's link and asks for changes, with a comment.
    page.context.clear_cookies()
    log_in(page, live_server, moderator)
    page.goto(in_browser(live_server, links_of(submitted)[0]))
    assert page.url.endswith(f"/admin/pages/{company_page.pk}/edit/")
    open_action_menu(page)
    page.get_by_role("button", name="Demander des modifications").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("#id_comment").fill("Ajoutez vos horaires d'ouverture, s'il vous plaît.")
    shot(page, "moderation-2-demande", full_page=False)
    mail.outbox.clear()
    with page.expect_navigation():
        dialog.get_by_role("button", name=re.compile("Demander des modifications", re.I)).click()
    assert [sorted(m.to) for m in mail.outbox] == [["claire@volcans.example"]]
    changes = mail.outbox[0]
    assert "« Ajoutez vos horaires d'ouverture, s'il vous plaît. »" in changes.body

    # The recruiter opens that mail's link, changes the page and sends it again: one more mail.
    page.context.clear_cookies()
    log_in(page, live_server, recruiter.user)
    page.goto(in_browser(live_server, links_of(changes)[0]))
    # Wagtail keeps the comment in the page's status panel.
    assert page.get_by_text("Ajoutez vos horaires d'ouverture").count() >= 1
    shot(page, "moderation-3-modifications", full_page=False)
    page.get_by_role("textbox", name="Accroche", exact=True).fill("Ouvert du lundi au vendredi, 8 h – 17 h")
    mail.outbox.clear()
    submit_for_moderation(page)
    page.get_by_text("Votre page a été envoyée en modération.").wait_for()
    assert [m.to for m in mail.outbox] == [["morgane@vivier.example"]]
    resubmitted = mail.outbox[0]

    # The moderator approves; the recruiters get the public address, which shows the page.
    page.context.clear_cookies()
    log_in(page, live_server, moderator)
    page.goto(in_browser(live_server, links_of(resubmitted)[0]))
    open_action_menu(page)
    mail.outbox.clear()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Approuver")).first.click()
    shot(page, "moderation-4-approuvee", full_page=False)
    company_page = CompanyPage.objects.get(pk=company_page.pk)
    assert company_page.live and company_page.tagline == "Ouvert du lundi au vendredi, 8 h – 17 h"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["claire@volcans.example"]
    approved = mail.outbox[0]
    public_url = settings.SITE_URL + company_page.url
    assert public_url in links_of(approved)
    page.context.clear_cookies()
    page.goto(in_browser(live_server, public_url))
    page.get_by_role("heading", name="Ateliers des Volcans", level=1).wait_for()
    assert page.get_by_text("Ouvert du lundi au vendredi, 8 h – 17 h").is_visible()
    banner = page.locator(".company-hero__banner img")
    assert banner.evaluate("img => img.complete && img.naturalWidth > 0")
    published = page.request.get(live_server.url + banner.get_attribute("src")).body()
    assert PILImage.open(io.BytesIO(published)).size == (1900, 1000) and len(published) <= 100 * 1024
    shot(page, "moderation-5-page-publique")
