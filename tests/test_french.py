"""The site reads as French: elision before names, French plurals, amounts and phone numbers, no English
left, Wagtail's own French corrected. The helpers themselves are tested in tests/reference/test_french.py;
the admin walk in Chromium is tests/test_french_admin.py."""

import gettext
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from haystack import connections
from wagtail.models import Collection, Page

from cms.services import site_ensure
from matching.services import profile_transfer
from recruiters.services_offers import application_submit_spontaneous, job_offer_publish
from search.offers.indexes import CONNECTION as OFFER_INDEX
from tests.cms.conftest import publish_company_page
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    CommuneFactory,
    CompanyFactory,
    ExperienceFactory,
    JobOfferFactory,
    ModeratorFactory,
    RecruiterFactory,
)
from tests.factories.candidates import pdf_bytes
from tests.french_text import problems, read_labels, visible_text

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale" / "fr" / "LC_MESSAGES"
NBSP = "\xa0"

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer_index(db):
    backend = connections[OFFER_INDEX].get_backend()
    backend.clear()
    yield
    backend.clear()


@pytest.fixture
def world(offer_index, django_capture_on_commit_callbacks):
    """A company whose name starts with a vowel, with a published page and an offer; a candidate Élodie."""
    site_ensure()
    company = CompanyFactory(name="Ateliers des Volcans")
    recruiter = RecruiterFactory(company=company)
    with django_capture_on_commit_callbacks(execute=True):
        commune = CommuneFactory()
        offer = job_offer_publish(offer=JobOfferFactory(company=company, commune=commune,
                                                        salary_min=47000, salary_max=52000))
        other = job_offer_publish(offer=JobOfferFactory(company=company, commune=commune, title="Soudeur TIG"))
    page = publish_company_page(company, spontaneous_applications_enabled=True,
                                spontaneous_applications_email="rh@ateliers-volcans.example")
    user = CandidateUserFactory(first_name="Élodie", last_name="Martin", email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=user, phone="+33612345678")
    ExperienceFactory(profile=profile)
    application = ApplicationFactory(offer=offer, candidate=profile)
    return {"company": company, "recruiter": recruiter, "offer": offer, "other": other, "page": page, "candidate": user,
            "profile": profile, "application": application}


def page_text(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return visible_text(response.content.decode())


def page_problems(client, url, status=200) -> list[str]:
    """What reads wrong on a page: in its text and in the labels read out to screen-reader users."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    markup = response.content.decode()
    return problems(visible_text(markup)) + [f"label {issue}" for issue in problems(read_labels(markup))]


# --- Names after "de" ---------------------------------------------------------------------------------

def test_pages_elide_before_the_company_and_the_candidate(client, world):
    client.force_login(world["candidate"])
    apply = page_text(client, world["page"].url + "postuler/")
    assert "les recruteurs d'Ateliers des Volcans recevront votre candidature" in apply
    client.force_login(world["recruiter"].user)
    assert "Bienvenue dans l'espace recruteur d'Ateliers des Volcans" in page_text(client, "/admin/")
    detail = client.get(f"/admin/recruteur/candidatures/{world['application'].pk}/").content.decode()
    assert 'title="CV d&#x27;Élodie Martin"' in detail
    listing = client.get("/admin/recruteur/candidatures/").content.decode()
    assert 'aria-label="Sélectionner la candidature d&#x27;Élodie Martin"' in listing


def test_mails_elide_before_names(world, django_capture_on_commit_callbacks):
    recruiter = world["recruiter"].user
    cv = ContentFile(pdf_bytes("Élodie Martin", "Soudeuse TIG"), name="cv.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        profile_transfer(user=recruiter, profile=world["profile"], recipient="collegue@ateliers-volcans.example",
                         profile_url=f"{settings.SITE_URL}/admin/matching/profil/{world['profile'].pk}/")
        application_submit_spontaneous(company=world["company"], candidate=world["profile"], message="Bonjour",
                                       cv_file=cv, forward_to="rh@ateliers-volcans.example")
    transfer = next(message for message in mail.outbox if message.to == ["collegue@ateliers-volcans.example"])
    assert "recruteurs validés d'Ateliers des Volcans" in transfer.body
    assert "recruteurs validés d'Ateliers des Volcans" in transfer.alternatives[0][0].replace("&#x27;", "'")
    forward = next(message for message in mail.outbox if message.to == ["rh@ateliers-volcans.example"])
    assert forward.subject == "Candidature spontanée d'Élodie Martin"


def test_every_template_names_follow_the_elision_helper():
    """No template writes "de {{ …name }}" by hand: the |de filter (or |elision) decides."""
    by_hand = re.compile(r"\b(?:[dD]e|[qQ]ue) (?:<[^>]+>)*\{\{ *[\w.]*(?:name|title|get_full_name)\b[^}]*\}\}")
    found = [f"{path.relative_to(ROOT)}: {match.group(0)}" for path in template_files()
             for match in by_hand.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def template_files():
    folders = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("portal/*/templates")]
    return [path for folder in folders for path in folder.rglob("*") if path.suffix in {".html", ".txt"}]


# --- Plurals, amounts, phone numbers -----------------------------------------------------------------

def test_no_template_counts_with_the_english_plural_rule():
    """Django's |pluralize says "0 étapes": templates use |plural (0 and 1 are singular in French)."""
    assert [str(path.relative_to(ROOT)) for path in template_files() if "|pluralize" in path.read_text("utf-8")] == []


def test_a_new_profile_counts_its_steps_in_french(client, world):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    client.force_login(user)
    overview = page_text(client, "/espace-candidat/")
    count = re.search(r"complet à (\d+) (étapes?) sur", overview)
    assert count and count.group(2) == ("étape" if int(count.group(1)) < 2 else "étapes"), count


def test_salaries_and_phone_numbers_read_the_french_way(client, world):
    offer = page_text(client, f"/offres/{world['offer'].slug}/")
    assert f"47{NBSP}000{NBSP}€ à 52{NBSP}000{NBSP}€" in offer
    client.force_login(world["recruiter"].user)
    detail = page_text(client, f"/admin/recruteur/candidatures/{world['application'].pk}/")
    assert "06 12 34 56 78" in detail and "+33612345678" not in detail
    client.force_login(world["candidate"])
    identity = client.get("/espace-candidat/profil/identite/").content.decode()
    assert re.search(r'name="phone"[^>]*value="06 12 34 56 78"|value="06 12 34 56 78"[^>]*name="phone"', identity)


# --- No English, no missing elision, on the pages people read ------------------------------------------

def test_public_and_candidate_pages_read_as_french(client, world):
    visitor = ["/", "/offres/", f"/offres/{world['offer'].slug}/", "/entreprises/", world["page"].url,
               "/compte/connexion/", "/compte/mot-de-passe/", "/espace-candidat/", "/espace-candidat/inscription/",
               "/espace-recruteur/", "/espace-recruteur/connexion/", "/espace-recruteur/inscription/",
               "/mentions-legales/", "/conditions-generales/", "/donnees-personnelles/", "/accessibilite/",
               "/contact/", "/espace-candidat/donnees-personnelles/"]
    found = {url: page_problems(client, url) for url in visitor}
    found["404"] = page_problems(client, "/cette-page-n-existe-pas/", 404)
    client.force_login(world["candidate"])
    candidate = ["/espace-candidat/", "/espace-candidat/profil/identite/", "/espace-candidat/profil/recherche/",
                 "/espace-candidat/profil/experiences/", "/espace-candidat/profil/formation/",
                 "/espace-candidat/profil/competences/", "/espace-candidat/profil/cv/",
                 "/espace-candidat/profil/visibilite/", "/offres/mes-candidatures/",
                 f"/offres/{world['other'].slug}/postuler/", world["page"].url + "postuler/"]
    found |= {url: page_problems(client, url) for url in candidate}
    assert {url: issues for url, issues in found.items() if issues} == {}


def test_the_checks_catch_what_they_look_for():
    """The page checks above would fail on the mistakes the portal used to make."""
    assert problems("L'équipe de Ateliers des Volcans")
    assert problems("Le CV de Élodie Martin")
    assert problems("Votre profil est complet à 0 étapes sur 7")
    assert problems("STATUS ACTUEL DE LA PAGE")
    assert problems("e.g http://domain.com/blog/[my-slug]/")
    assert problems("(2 nouvel élément dans ce menu)") and problems("3 Pages crées dans Vivier")
    assert problems("L'équipe d'Ateliers des Volcans, 0 étape, 2 étapes, 0 mois, de Vivier, de Yannick") == []


# --- Wagtail's own French ------------------------------------------------------------------------------

def catalog_from_po(path: Path) -> dict:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for index, text in enumerate(message.string):
                entries[(message.id[0], index)] = text
        else:
            entries[message.id] = message.string
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogs_match_their_sources(domain):
    """The .mo files are committed beside their .po: an edited .po without a new msgfmt fails here."""
    with (LOCALE / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled = {key: value for key, value in compiled.items() if key != ""}
    assert compiled == catalog_from_po(LOCALE / f"{domain}.po")


PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_corrections_use_only_the_placeholders_their_message_fills(domain):
    """A translation naming a value its message does not pass would fail when rendered."""
    for key, text in catalog_from_po(LOCALE / f"{domain}.po").items():
        source = key[0] if isinstance(key, tuple) else key
        assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)), (key, text)


def test_wagtail_french_corrections_are_in_force():
    with translation.override("fr"):
        summary = "%(total)s Page <span class=\"w-sr-only\">created in %(site_name)s</span>"
        plural = "%(total)s Pages <span class=\"w-sr-only\">created in %(site_name)s</span>"
        assert ngettext(summary, plural, 1) % {"total": 1, "site_name": "Vivier"} == (
            '1 page <span class="w-sr-only">créée dans Vivier</span>')
        assert ngettext(summary, plural, 3) % {"total": 3, "site_name": "Vivier"} == (
            '3 pages <span class="w-sr-only">créées dans Vivier</span>')
        assert _("Current page status:") == "Statut actuel de la page :"
        assert _("Workflows") == "Circuits de validation"
        help_text = str(Page._meta.get_field("slug").help_text)
        assert "e.g" not in help_text and "domain.com" not in help_text and "/entreprises/" in help_text
        # Wagtail's own translations still answer for everything else.
        assert _("Publish") == "Publier"


@pytest.fixture
def moderator_client(client):
    site_ensure()
    client.force_login(ModeratorFactory())
    return client


def test_the_moderator_dashboard_counts_in_french(moderator_client):
    publish_company_page(CompanyFactory(name="Ateliers des Volcans"))
    dashboard = page_text(moderator_client, "/admin/")
    assert re.search(r"\d+ pages créées dans Vivier", dashboard), dashboard
    assert "Pages" not in re.findall(r"\d+ (\w+) créées", dashboard)
    assert "crées" not in dashboard


def test_the_sidebar_badge_and_help_menu_say_no_english(moderator_client):
    html = moderator_client.get("/admin/").content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    assert props, "the sidebar props moved"
    sidebar = json.loads(props.group(1))
    assert "guide.wagtail.org" not in json.dumps(sidebar)
    # Nor the dashboard's account summary, nor the page editor's content checks.
    assert "guide.wagtail.org" not in html and "editor guide" not in html.lower()
    page = publish_company_page(CompanyFactory(name="Ateliers des Volcans"))
    editor = moderator_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "wagtail.org" not in editor
    catalog = moderator_client.get("/admin/jsi18n/").content.decode()
    assert "(%(number)s nouveaux \\u00e9l\\u00e9ments dans ce menu)" in catalog or (
        "(%(number)s nouveaux éléments dans ce menu)" in catalog)


def test_admin_lists_count_zero_in_the_singular(moderator_client):
    listing = page_text(moderator_client, "/admin/recruiters/contactrequest/")
    assert "0 demande de contact" in listing and "0 demandes" not in listing


def test_an_unknown_admin_address_answers_in_french(moderator_client):
    response = moderator_client.get("/admin/cette-page-n-existe-pas/")
    assert response.status_code == 404
    text = visible_text(response.content.decode())
    assert "Page introuvable" in text and "Wagtail" not in text and "Retour au tableau de bord" in text


def test_the_tree_roots_and_the_account_page_are_french(moderator_client):
    assert Page.get_first_root_node().title == "Racine"
    assert Collection.get_first_root_node().name == "Racine"
    account = moderator_client.get("/admin/account/").content.decode()
    assert "Iakoutsk" not in account and "Asia/" not in account


def test_a_page_published_by_nobody_shows_a_dash(moderator_client):
    publish_company_page(CompanyFactory(name="Ateliers des Volcans"))
    html = render_to_string("wagtailadmin/shared/user_avatar.html", {"user": None, "username": ""})
    assert "None" not in html and "—" in html
    assert "None" not in page_text(moderator_client, "/admin/reports/aging-pages/")
