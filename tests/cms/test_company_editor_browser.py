"""The company page editor in Chromium, filled as a recruiter would: every tab the project adds, images
sent through the banner and logo choosers, then saved, reloaded and read back (page and database)."""

import re

import pytest
from wagtail.images import get_image_model
from wagtail.models import Revision

from cms.choices import BANNER_RULE, LOGO_RULE
from cms.images import published_image
from cms.models import CompanyPage
from cms.services import site_ensure
from tests.cms.browser import (
    add_inline_row,
    field,
    open_tab,
    save_draft,
    shot,
    submit_for_moderation,
    type_rich_text,
    upload_in_chooser,
    without_editing_sessions,
)
from tests.cms.conftest import image_bytes, photo_bytes, words
from tests.cms.test_accessibility import log_in
from tests.factories import RecruiterFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

def draft_of(page_pk):
    return CompanyPage.objects.get(pk=page_pk).get_latest_revision_as_object()


@pytest.mark.forms("wagtail-page-cms.companypage")
@pytest.mark.forms_bad_input("wagtail-page-cms.companypage")
def test_a_recruiter_fills_every_tab_of_the_company_page(live_server, page, tmp_path):
    site_ensure()
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans")
    small = tmp_path / "petite.jpg"
    small.write_bytes(image_bytes(1000, 500, "JPEG"))
    cut = tmp_path / "coupee.png"
    cut.write_bytes(image_bytes(2000, 1100, "PNG", noise=(200, 200))[:30_000])
    photo = tmp_path / "atelier.jpg"
    photo.write_bytes(photo_bytes(4000, 2500))
    logo_file = tmp_path / "logo.png"
    logo_file.write_bytes(photo_bytes(600, 600, "PNG"))
    without_editing_sessions(page)
    log_in(page, live_server, recruiter.user)
    page.goto(live_server.url + "/admin/pages-entreprise/ma-page-entreprise/")
    company_page = CompanyPage.objects.get(company=recruiter.company)
    assert page.url.endswith(f"/admin/pages/{company_page.pk}/edit/")

    # Bad input 1: a picture too small for a banner is refused in the upload tab, next to the file.
    modal = upload_in_chooser(page, "Choisir ou envoyer une bannière", small)
    error = modal.locator("[data-field-wrapper]:has(input[type=file]) [data-field-errors]")
    error.get_by_text("Image trop petite").wait_for()
    assert "Image trop petite pour une bannière : 1000×500 px reçus, il faut au moins 1900×1000 px." in error.inner_text()
    shot(page, "editeur-banniere-trop-petite", full_page=False)
    assert not get_image_model().objects.filter(title__startswith="petite").exists()
    # Bad input 1b: a large picture cut short (an interrupted copy) is refused there too, not a 500.
    modal.locator("input[type=file]").set_input_files(str(cut))
    modal.get_by_role("button", name="Transférer").click()
    error.get_by_text("Cette image est incomplète ou endommagée.").wait_for()
    shot(page, "editeur-banniere-coupee", full_page=False)
    assert not get_image_model().objects.exists()
    modal.get_by_role("button", name="Fermer").click()

    # Bad input 2: a video from another host and a "LinkedIn" link to Facebook, saved as a draft.
    panel = open_tab(page, "Nous découvrir")
    page.get_by_role("textbox", name="LinkedIn", exact=True).fill("https://www.facebook.com/ateliers-volcans")
    add_inline_row(panel)
    page.locator("#id_videos-0-title").fill("Visite de l'atelier")
    page.locator("#id_videos-0-url").fill("https://vimeo.com/76979871")
    save_draft(page)
    open_tab(page, "Nous découvrir")
    assert field(page, "id_videos-0-url").get_by_text(
        "Seules les vidéos YouTube et Dailymotion sont acceptées (lien reçu : vimeo.com)."
    ).is_visible()
    assert field(page, "id_linkedin_url").get_by_text("Ce lien mène à www.facebook.com, pas à LinkedIn.").is_visible()
    shot(page, "editeur-erreurs", full_page=False)
    assert Revision.objects.filter(object_id=str(company_page.pk)).count() == 1  # the first, empty draft

    # Bad input 3: sent to moderation too short, without images, and spontaneous applications with no
    # address: each rule of publication is said next to its field, and no moderation starts.
    open_tab(page, "Nous découvrir")
    page.locator("#id_videos-0-url").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.get_by_role("textbox", name="LinkedIn", exact=True).fill("https://www.linkedin.com/company/ateliers-volcans")
    type_rich_text(page, "id_description", words(40))
    open_tab(page, "Candidatures spontanées")
    page.get_by_role("checkbox", name="Accepter les candidatures spontanées").check()
    submit_for_moderation(page)
    open_tab(page, "Nous découvrir")
    assert field(page, "id_description").get_by_text(
        "La présentation « Nous découvrir » compte 40 mots : 150 mots minimum pour publier la page."
    ).is_visible()
    open_tab(page, "Identité")
    assert field(page, "id_banner").get_by_text(
        "Ajoutez une bannière (JPG ou PNG d'au moins 1900×1000 px) pour publier la page."
    ).is_visible()
    assert field(page, "id_logo").get_by_text("Ajoutez un logo").is_visible()
    open_tab(page, "Candidatures spontanées")
    assert field(page, "id_spontaneous_applications_email").get_by_text(
        "Indiquez l'adresse électronique qui recevra les candidatures spontanées, ou désactivez-les."
    ).is_visible()
    shot(page, "editeur-regles-de-publication", full_page=False)
    # Wagtail's autosave may have kept the draft meanwhile (drafts may be incomplete); nothing went
    # to moderation and nothing is published.
    stored = CompanyPage.objects.get(pk=company_page.pk)
    assert stored.current_workflow_state is None and not stored.live

    # Good input, every tab.
    open_tab(page, "Nous découvrir")
    page.get_by_role("textbox", name="Instagram", exact=True).fill("https://www.instagram.com/ateliersvolcans/")
    type_rich_text(page, "id_description", words(152), replace=True)
    page.wait_for_function("document.querySelector('.cms-word-count').textContent.startsWith('152 mots')")

    open_tab(page, "Identité")
    page.get_by_role("textbox", name="Accroche", exact=True).fill("Mécanique de précision au pied des volcans")
    page.get_by_role("textbox", name="Site internet", exact=True).fill("https://ateliers-volcans.example")
    upload_in_chooser(page, "Choisir ou envoyer une bannière", photo)
    published_banner = page.locator("#id_banner-published")
    published_banner.get_by_text(re.compile(r"Bannière publiée : 1900×1000 px, JPG, \d+ Ko")).wait_for(timeout=30_000)
    upload_in_chooser(page, "Choisir ou envoyer un logo", logo_file)
    page.locator("#id_logo-published").get_by_text(re.compile(r"Logo publié : 190×190 px")).wait_for(timeout=30_000)
    shot(page, "editeur-identite", full_page=False)

    panel = open_tab(page, "Avantages")
    add_inline_row(panel)
    panel.locator(".cms-benefit-option", has_text="Télétravail").first.click()
    page.locator("#id_benefits-0-detail").fill("2 jours par semaine")
    add_inline_row(panel)
    panel.locator("#id_benefits-1-kind").locator(".cms-benefit-option", has_text="Mutuelle").click()
    page.locator("#id_benefits-1-detail").fill("prise en charge à 80 %")

    open_tab(page, "Candidatures spontanées")
    page.get_by_role("textbox", name="Adresse qui reçoit les candidatures spontanées").fill("rh@ateliers-volcans.example")

    panel = open_tab(page, "Actualité")
    add_inline_row(panel)
    page.locator("#id_news-0-date").fill("2026-09-01")
    page.locator("#id_news-0-title").fill("Portes ouvertes")
    page.locator("#id_news-0-text").fill("Venez découvrir nos ateliers le 12 septembre.")
    shot(page, "editeur-actualite", full_page=False)

    save_draft(page)
    page.reload()

    # Read back in the editor...
    assert page.get_by_role("textbox", name="Accroche", exact=True).input_value() == "Mécanique de précision au pied des volcans"
    page.locator("#id_banner-published").get_by_text("Bannière publiée : 1900×1000 px, JPG").wait_for()
    assert page.locator("#id_banner-chooser [data-chooser-title]").inner_text() == "atelier"
    panel = open_tab(page, "Nous découvrir")
    assert page.get_by_role("textbox", name="LinkedIn", exact=True).input_value() == "https://www.linkedin.com/company/ateliers-volcans"
    assert page.locator("#id_videos-0-url").input_value() == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert page.locator(".cms-word-count").inner_text().startswith("152 mots")
    open_tab(page, "Avantages")
    assert page.locator("#id_benefits-0-kind input[value=teletravail]").is_checked()
    assert page.locator("#id_benefits-1-detail").input_value() == "prise en charge à 80 %"
    open_tab(page, "Candidatures spontanées")
    assert page.get_by_role("checkbox", name="Accepter les candidatures spontanées").is_checked()
    open_tab(page, "Actualité")
    assert page.locator("#id_news-0-date").input_value() == "2026-09-01"
    assert page.locator("#id_news-0-title").input_value() == "Portes ouvertes"
    shot(page, "editeur-relu", full_page=False)

    # ... and in the database: the draft holds everything, the page is not published.
    draft = draft_of(company_page.pk)
    assert draft.tagline == "Mécanique de précision au pied des volcans"
    assert draft.website == "https://ateliers-volcans.example"
    assert draft.instagram_url == "https://www.instagram.com/ateliersvolcans/"
    assert [(v.title, v.url) for v in draft.videos.all()] == [
        ("Visite de l'atelier", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    ]
    assert [(b.kind, b.detail) for b in draft.benefits.all()] == [
        ("teletravail", "2 jours par semaine"), ("mutuelle", "prise en charge à 80 %")
    ]
    assert draft.spontaneous_applications_enabled and draft.spontaneous_applications_email == "rh@ateliers-volcans.example"
    assert [(str(n.date), n.title) for n in draft.news.all()] == [("2026-09-01", "Portes ouvertes")]
    assert draft.banner.width == 4000 and draft.logo.width == 600
    banner = published_image(draft.banner, BANNER_RULE)
    assert (banner.width, banner.height) == (1900, 1000) and banner.size <= 100 * 1024
    logo = published_image(draft.logo, LOGO_RULE)
    assert (logo.width, logo.height) == (190, 190) and logo.size <= 50 * 1024
    assert draft.banner.collection == recruiter.company.page_access.collection
    assert not CompanyPage.objects.get(pk=company_page.pk).live
