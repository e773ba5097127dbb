"""The pages editorial staff edit in Chromium (home page and "Entreprises" listing), and the public
company search form: typed, saved or submitted, reloaded and read back; bad input answered in French
next to the field with nothing stored."""

import re

import pytest
from wagtail.models import Revision

from cms.models import CompanyIndexPage, HomePage
from cms.services import site_ensure
from tests.cms.browser import (
    field,
    open_action_menu,
    save_draft,
    shot,
    type_rich_text,
    without_editing_sessions,
)
from tests.cms.conftest import publish_company_page
from tests.cms.test_accessibility import log_in
from tests.factories import CommuneFactory, CompanyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def revisions(page) -> int:
    return Revision.objects.filter(object_id=str(page.pk), base_content_type__model="page").count()


def rich_text_editor(page, field_id: str):
    return page.locator(f"[data-field-wrapper]:has(#{field_id}) [contenteditable='true']")


def publish(page) -> None:
    open_action_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Publier", exact=True).click()


@pytest.fixture
def staff(db):
    user = UserFactory(email="morgane@vivier.example", first_name="Morgane", is_staff=True, is_superuser=True)
    return user


@pytest.mark.forms("wagtail-page-cms.homepage", "wagtail-page-cms.companyindexpage")
@pytest.mark.forms_bad_input("wagtail-page-cms.homepage", "wagtail-page-cms.companyindexpage")
def test_staff_edit_the_home_page_and_the_company_listing(live_server, page, staff):
    home = site_ensure()
    index = CompanyIndexPage.objects.get()
    without_editing_sessions(page)
    log_in(page, live_server, staff)

    # Home page: a negative count is refused next to its field, and nothing is saved.
    page.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    before = revisions(home)
    count = page.get_by_role("spinbutton", name="Nombre d'entreprises récentes affichées")
    count.fill("-2")
    save_draft(page)
    assert field(page, "id_latest_companies_count").get_by_text(
        "Assurez-vous que cette valeur est supérieure ou égale à 0."
    ).is_visible()
    shot(page, "accueil-erreur", full_page=False)
    assert revisions(home) == before

    count.fill("3")
    page.get_by_role("textbox", name="Texte de l'encart candidat").fill("Déposez votre CV en deux minutes.")
    page.get_by_role("textbox", name="Texte de l'encart recruteur").fill("Publiez vos offres gratuitement.")
    type_rich_text(page, "id_intro", "Des emplois près de chez vous, en Auvergne-Rhône-Alpes.", replace=True)
    save_draft(page)
    page.reload()
    assert page.get_by_role("spinbutton", name="Nombre d'entreprises récentes affichées").input_value() == "3"
    assert page.get_by_role("textbox", name="Texte de l'encart candidat").input_value() == (
        "Déposez votre CV en deux minutes."
    )
    assert "Des emplois près de chez vous" in rich_text_editor(page, "id_intro").inner_text()
    draft = HomePage.objects.get(pk=home.pk).get_latest_revision_as_object()
    assert draft.latest_companies_count == 3
    assert draft.recruiter_text == "Publiez vos offres gratuitement."
    assert "Des emplois près de chez vous, en Auvergne-Rhône-Alpes." in draft.intro
    assert revisions(home) == before + 1

    # "Entreprises": drafts may lack a title (Wagtail defers required fields), publishing may not.
    page.goto(f"{live_server.url}/admin/pages/{index.pk}/edit/")
    before = revisions(index)
    title = page.get_by_role("textbox", name=re.compile(r"^Titre"))
    title.fill("")
    publish(page)
    assert field(page, "id_title").get_by_text("Champ requis.").is_visible()
    shot(page, "entreprises-erreur", full_page=False)
    assert revisions(index) == before
    assert CompanyIndexPage.objects.get(pk=index.pk).title == "Entreprises"
    title.fill("Entreprises qui recrutent")
    type_rich_text(page, "id_intro", "Elles recrutent près de chez vous.", replace=True)
    publish(page)
    page.goto(f"{live_server.url}/admin/pages/{index.pk}/edit/")
    assert page.get_by_role("textbox", name=re.compile(r"^Titre")).input_value() == "Entreprises qui recrutent"
    assert "Elles recrutent près de chez vous." in rich_text_editor(page, "id_intro").inner_text()
    published = CompanyIndexPage.objects.get(pk=index.pk)
    assert published.title == "Entreprises qui recrutent" and "Elles recrutent près de chez vous." in published.intro
    page.goto(live_server.url + published.url)
    assert page.get_by_role("heading", name="Entreprises qui recrutent", level=1).is_visible()


@pytest.mark.forms("company-index-search")
@pytest.mark.forms_bad_input("company-index-search")
def test_a_visitor_searches_and_filters_the_companies(live_server, page):
    site_ensure()
    clermont = CommuneFactory(name="Clermont-Ferrand", department__code="63", department__name="Puy-de-Dôme")
    volcans = publish_company_page(
        CompanyFactory(name="Ateliers des Volcans", commune=clermont),
        tagline="Mécanique de précision",
        benefits=[("teletravail", "2 jours"), ("mutuelle", "")],
    )
    annecy = CommuneFactory(insee="74010", name="Annecy", department__code="74", department__name="Haute-Savoie")
    publish_company_page(CompanyFactory(name="Boulangerie du Lac", commune=annecy), benefits=[("teletravail", "")])
    publish_company_page(CompanyFactory(name="Clinique des Monts", commune=clermont), benefits=[("creche", "")])
    index = CompanyIndexPage.objects.get()

    # A saved link naming a department that has no company any more: said next to the field.
    page.goto(f"{live_server.url}{index.url}?departement=2A")
    select = page.get_by_label("Département")
    assert select.get_attribute("aria-describedby") == "departement-error"
    assert page.locator("#departement-error").inner_text() == (
        "Aucune entreprise publiée n'est dans ce département : choisissez-en un dans la liste."
    )
    assert page.get_by_role("status").inner_text().startswith("Aucune entreprise ne correspond")
    shot(page, "entreprises-filtre-invalide")

    # Typed, picked and ticked as a visitor would.
    page.get_by_role("searchbox", name="Rechercher").fill("volcans")
    page.get_by_label("Département").select_option(label="Puy-de-Dôme (63)")
    page.get_by_role("checkbox", name="Télétravail").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrer").click()
    assert page.get_by_role("status").inner_text() == "1 entreprise correspond à votre recherche"
    assert page.get_by_role("heading", name="Ateliers des Volcans").is_visible()
    assert page.get_by_text("Boulangerie du Lac").count() == 0
    page.reload()
    assert page.get_by_role("searchbox", name="Rechercher").input_value() == "volcans"
    assert page.get_by_label("Département").input_value() == "63"
    assert page.get_by_role("checkbox", name="Télétravail").is_checked()
    assert page.get_by_role("status").inner_text() == "1 entreprise correspond à votre recherche"
    shot(page, "entreprises-filtrees")
    page.get_by_role("link", name="Ateliers des Volcans").click()
    page.wait_for_url(f"**{volcans.url}")
