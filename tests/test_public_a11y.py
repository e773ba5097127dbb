"""Every page a visitor or a candidate sees, in headless Chromium: axe-core (WCAG 2.0/2.1 A and AA,
every impact), landmarks, one h1, a visible keyboard focus, and no horizontal scroll at 375 px.

tests/cms/test_accessibility.py covers the home and company pages with best-practice rules too; this
file adds the offer search, offer, closed-offer, login, password-reset, apply and Visiotalent pages and
holds every page to zero WCAG violation. Screenshots land in $A11Y_SCREENSHOTS (default
/tmp/vivier-a11y) for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from haystack import connections

from cms.services import site_ensure
from recruiters.services_offers import job_offer_close, job_offer_publish
from recruiters.visiotalent.services import interview_invite
from search.offers.indexes import CONNECTION as OFFER_INDEX
from tests.cms.conftest import publish_company_page
from tests.cms.test_accessibility import AXE_JS, log_in
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    CommuneFactory,
    CompanyFactory,
    ExperienceFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
)

SCREENSHOTS = Path(os.environ.get("A11Y_SCREENSHOTS", "/tmp/vivier-a11y"))  # noqa: S108
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MOBILE = 375
REFLOW = 320

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(AXE_JS is None or not AXE_JS.exists(), reason="axe-playwright-python is not installed"),
    pytest.mark.django_db(transaction=True),
]


def wcag_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": violation["id"], "impact": violation["impact"], "targets": [node["target"] for node in violation["nodes"]][:5]}
        for violation in result["violations"]
    ]


def structure_problems(page) -> list[str]:
    """Landmarks, a single h1, and (at 375 px) nothing wider than the screen."""
    found = page.evaluate(
        """() => ({
            banner: document.querySelectorAll('header[role=banner], body > header').length,
            nav: document.querySelectorAll('nav').length,
            main: document.querySelectorAll('main').length,
            contentinfo: document.querySelectorAll('footer[role=contentinfo], body > footer').length,
            h1: document.querySelectorAll('h1').length,
            positiveTabindex: [...document.querySelectorAll('[tabindex]')].filter((el) => el.tabIndex > 0).length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            wide: [...document.body.querySelectorAll('*')]
                .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                .slice(0, 3).map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')),
        })"""
    )
    problems = [f"{name}: {found[name]}" for name in ("banner", "main", "contentinfo", "h1") if found[name] != 1]
    if found["positiveTabindex"]:
        problems.append("positive tabindex breaks the reading order")
    if not found["nav"]:
        problems.append("no nav")
    if found["overflow"] > 0:
        problems.append(f"horizontal scroll of {found['overflow']} px from {found['wide']}")
    return problems


def focus_problems(page, stops: int = 12) -> list[str]:
    """Tab from the top: the skip link comes first, and each focused control shows an outline or a ring."""
    # Autofocus (login, password reset) moves the starting point: put it back at the top of the document.
    page.evaluate(
        "() => { const root = document.documentElement; root.tabIndex = -1; root.focus(); root.removeAttribute('tabindex'); }"
    )
    bare = []
    for stop in range(stops):
        page.keyboard.press("Tab")
        shown = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
                return {ring, name: el.tagName + ' ' + (el.textContent || el.name || el.id || '').trim().slice(0, 30)};
            }"""
        )
        if shown is None:
            break
        if stop == 0 and shown["name"] != "A Aller au contenu":
            bare.append(f"first Tab reaches {shown['name']}, not the skip link")
        if not shown["ring"]:
            bare.append(f"no visible focus on {shown['name']}")
    return bare


def open_page(page, url, status):
    response = page.goto(url)
    assert response.status == status, (url, response.status)


def audit(page, name, reach, failures):
    """Reach a page state at desktop then phone width, record axe, structure and focus problems; then reflow at 320 px."""
    for width in (1280, MOBILE):
        page.set_viewport_size({"width": width, "height": 900})
        reach()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        problems = wcag_violations(page) + structure_problems(page)
        if width == 1280:
            problems += focus_problems(page)
        if problems:
            failures[f"{name} ({width}px)"] = problems
    # WCAG 1.4.10 (reflow) is stated at 320 CSS px: nothing may scroll sideways there either.
    page.set_viewport_size({"width": REFLOW, "height": 900})
    reach()
    overflow = [problem for problem in structure_problems(page) if problem.startswith("horizontal scroll")]
    if overflow:
        failures[f"{name} ({REFLOW}px)"] = overflow


@pytest.fixture
def offer_index(db):
    """The offer index is a real Xapian database that outlives each test's rows: start and end empty."""
    backend = connections[OFFER_INDEX].get_backend()
    backend.clear()
    yield
    backend.clear()


@pytest.fixture
def world(offer_index, django_capture_on_commit_callbacks):
    """An open offer, a closed one, a candidate with a profile, an application and a video invitation."""
    site_ensure()
    clermont = CommuneFactory()
    company = CompanyFactory(name="Ateliers des Volcans")
    with django_capture_on_commit_callbacks(execute=True):
        offer = job_offer_publish(offer=JobOfferFactory(company=company, commune=clermont))
        welder = job_offer_publish(offer=JobOfferFactory(company=company, commune=clermont, title="Soudeur TIG"))
        closed = job_offer_publish(offer=JobOfferFactory(company=company, commune=clermont, title="Tourneur"))
        job_offer_close(offer=closed)
    candidate = CandidateUserFactory(first_name="Inès", email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=candidate)
    ExperienceFactory(profile=profile)
    campaign = InterviewCampaignFactory(company=company, name="Entretien maintenance")
    InterviewQuestionFactory(campaign=campaign, order=1, text="Présentez-vous en quelques mots.")
    application = ApplicationFactory(offer=offer, candidate=CandidateProfileFactory())
    invitation = interview_invite(application=application, campaign=campaign)
    interview_invite(application=ApplicationFactory(offer=welder, candidate=profile), campaign=campaign)
    return {"offer": offer, "closed": closed, "candidate": candidate, "clermont": clermont, "invitation": invitation}


def test_public_and_candidate_pages_meet_wcag_aa(live_server, page, world):
    clermont = world["clermont"]
    visitor_pages = {
        "accueil": ("/", 200),
        "offres": ("/offres/", 200),
        "offres-resultats": (f"/offres/?q=technicien&commune={clermont.insee}&radius=0", 200),
        "offres-aucun-resultat": ("/offres/?q=astronaute", 200),
        "offres-erreur": ("/offres/?commune=Atlantide&radius=7", 400),
        "offre": (f"/offres/{world['offer'].slug}/", 200),
        "offre-cloturee": (f"/offres/{world['closed'].slug}/", 410),
        "entreprises": ("/entreprises/", 200),
        "inscription": ("/espace-candidat/inscription/", 200),
        "connexion": ("/compte/connexion/", 200),
        "mot-de-passe": ("/compte/mot-de-passe/", 200),
        "entretien-video": (f"/espace-recruteur/entretien-video/{world['invitation'].token}/", 200),
        "mentions-legales": ("/mentions-legales/", 200),
        "conditions-generales": ("/conditions-generales/", 200),
        "donnees-personnelles-site": ("/donnees-personnelles/", 200),
        "accessibilite": ("/accessibilite/", 200),
        "contact": ("/contact/", 200),
    }
    candidate_pages = {
        "profil": ("/espace-candidat/", 200),
        "profil-identite": ("/espace-candidat/profil/identite/", 200),
        "profil-cv": ("/espace-candidat/profil/cv/", 200),
        "profil-visibilite": ("/espace-candidat/profil/visibilite/", 200),
        "donnees-personnelles": ("/espace-candidat/donnees-personnelles/", 200),
        "postuler": (f"/offres/{world['offer'].slug}/postuler/", 200),
        "mes-candidatures": ("/offres/mes-candidatures/", 200),
    }
    failures = {}
    for name, (path, status) in visitor_pages.items():
        audit(page, name, lambda path=path, status=status: open_page(page, live_server.url + path, status), failures)
    log_in(page, live_server, world["candidate"])
    for name, (path, status) in candidate_pages.items():
        audit(page, name, lambda path=path, status=status: open_page(page, live_server.url + path, status), failures)
    assert not failures, failures


SELECT_CUT = """(select) => {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const widest = Math.max(...[...select.options].map((option) => context.measureText(option.text).width));
    return widest - room;
}"""


@pytest.mark.parametrize("width", [1400, 1280, 992, 768, 576, MOBILE])
def test_offer_search_selects_show_their_longest_choice(live_server, page, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/offres/")
    for name in ("radius", "contract_type", "working_time"):
        cut = page.locator(f"select[name={name}]").evaluate(SELECT_CUT)
        assert cut <= 0, f"{name} cuts {cut:.0f} px of its text at {width} px"


def test_offer_search_errors_are_tied_to_their_fields(live_server, page, world):
    response = page.goto(live_server.url + "/offres/?commune=Atlantide&radius=7")
    assert response.status == 400
    for name in ("commune_label", "radius"):
        field = page.locator(f"[name={name}]")
        assert field.get_attribute("aria-invalid") == "true"
        described = [page.locator(f"#{ref}") for ref in field.get_attribute("aria-describedby").split()]
        assert all(element.count() == 1 for element in described), name
    assert "Commune inconnue" in page.locator("#id_commune_error").inner_text()
    assert page.title().startswith("Erreur dans la recherche")


@pytest.mark.parametrize("width", [1280, 900])
def test_header_email_and_logout_share_a_line(live_server, page, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, world["candidate"])
    page.goto(live_server.url + "/offres/")
    email = page.locator("header").get_by_text(world["candidate"].email).bounding_box()
    logout = page.locator("header").get_by_role("button", name="Se déconnecter").bounding_box()
    centre = lambda box: box["y"] + box["height"] / 2  # noqa: E731
    assert abs(centre(email) - centre(logout)) <= 1, (email, logout)
    assert email["x"] + email["width"] < logout["x"]


def test_candidate_menu_folds_on_a_phone_and_opens_with_the_keyboard(live_server, page, world):
    page.set_viewport_size({"width": MOBILE, "height": 800})
    log_in(page, live_server, world["candidate"])
    page.goto(live_server.url + "/espace-candidat/profil/cv/")
    link = page.get_by_role("navigation", name="Mon espace candidat").get_by_role("link", name="Identité et coordonnées")
    assert not link.is_visible()
    toggle = page.get_by_role("button", name="Menu de mon espace : Mon CV")
    toggle.focus()
    page.keyboard.press("Enter")
    link.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not toggle.is_visible()


def submit(page, url, fields, button, status):
    """Open a form, fill it as a person would and send it: the answer is the page with its errors."""
    open_page(page, url, 200)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    with page.expect_navigation() as navigation:
        page.get_by_role("main").get_by_role("button", name=button).click()
    assert navigation.value.status == status, (url, navigation.value.status)


def test_form_errors_company_pages_and_the_other_candidate_pages_meet_wcag_aa(live_server, page, world):
    base = live_server.url
    company_page = publish_company_page(
        CompanyFactory(name="Fonderie du Puy"), tagline="Fonderie d'aluminium",
        benefits=[("teletravail", "2 jours par semaine"), ("mutuelle", "")],
        spontaneous_applications_enabled=True, spontaneous_applications_email="rh@fonderie-du-puy.example",
    )
    candidate = world["candidate"]
    reset = f"/compte/mot-de-passe/{urlsafe_base64_encode(force_bytes(candidate.pk))}/{default_token_generator.make_token(candidate)}/"
    failures = {}
    states = {
        "page-entreprise": lambda: open_page(page, base + company_page.url, 200),
        "candidature-spontanee": lambda: open_page(page, base + company_page.url + "postuler/", 200),
        "espace-candidat-accueil": lambda: open_page(page, base + "/espace-candidat/", 200),
        "donnees-personnelles-visiteur": lambda: open_page(page, base + "/espace-candidat/donnees-personnelles/", 200),
        "entreprises-filtre": lambda: open_page(page, base + "/entreprises/?avantages=teletravail&q=fonderie", 200),
        "mot-de-passe-envoye": lambda: open_page(page, base + "/compte/mot-de-passe/envoye/", 200),
        "mot-de-passe-nouveau": lambda: open_page(page, base + reset, 200),
        "connexion-erreur": lambda: submit(page, base + "/compte/connexion/",
                                           {"Adresse électronique": candidate.email, "Mot de passe": "pas le bon"},
                                           "Se connecter", 200),
        "inscription-erreur": lambda: submit(page, base + "/espace-candidat/inscription/",
                                             {"Adresse électronique": "pas-une-adresse"}, "Créer mon compte", 400),
        "page-introuvable": lambda: open_page(page, base + "/offres/cette-offre-n-existe-pas/", 404),
        "espace-recruteur": lambda: open_page(page, base + "/espace-recruteur/", 200),
        "recruteur-connexion": lambda: open_page(page, base + "/espace-recruteur/connexion/", 200),
        "recruteur-inscription": lambda: open_page(page, base + "/espace-recruteur/inscription/", 200),
        "recruteur-cgu": lambda: open_page(page, base + "/espace-recruteur/conditions-generales/", 200),
        "entretien-video-camera": lambda: (
            open_page(page, base + f"/espace-recruteur/entretien-video/{world['invitation'].token}/", 200),
            page.get_by_role("button", name="Activer la caméra et le micro").click(),
            page.wait_for_function("document.getElementById('vt-preview').videoWidth > 0"),
        ),
    }
    for name, reach in states.items():
        audit(page, name, reach, failures)
    log_in(page, live_server, candidate)
    candidate_states = {
        "profil-recherche": "/espace-candidat/profil/recherche/",
        "profil-experiences": "/espace-candidat/profil/experiences/",
        "profil-formation": "/espace-candidat/profil/formation/",
        "profil-competences": "/espace-candidat/profil/competences/",
        "suppression": "/espace-candidat/donnees-personnelles/supprimer/",
    }
    for name, path in candidate_states.items():
        audit(page, name, lambda path=path: open_page(page, base + path, 200), failures)
    audit(page, "postuler-erreur",
          lambda: submit(page, base + f"/offres/{world['offer'].slug}/postuler/", {}, "Envoyer ma candidature", 400),
          failures)
    assert not failures, failures


def test_a_form_error_is_said_once_and_tied_to_its_field(live_server, page, world):
    submit(page, live_server.url + "/compte/connexion/",
           {"Adresse électronique": world["candidate"].email, "Mot de passe": "pas le bon"}, "Se connecter", 200)
    assert page.get_by_text("Adresse électronique ou mot de passe incorrect.").count() == 1
    log_in(page, live_server, world["candidate"])
    submit(page, live_server.url + f"/offres/{world['offer'].slug}/postuler/", {}, "Envoyer ma candidature", 400)
    cv = page.get_by_label("Votre CV")
    assert cv.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_cv_error").inner_text() in cv.evaluate(
        "(el) => el.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).innerText).join(' ')"
    )


def test_a_missing_page_answers_in_french_inside_the_site(live_server, page, world):
    response = page.goto(live_server.url + "/offres/cette-offre-n-existe-pas/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert page.get_by_role("navigation", name="Navigation principale").is_visible()


def test_phone_menu_opens_and_a_long_address_wraps(live_server, page, world):
    candidate = world["candidate"]
    candidate.email = "ines.charrier-de-la-montagne.maintenance@ateliers-des-volcans.example"
    candidate.save(update_fields=["email"])
    page.set_viewport_size({"width": MOBILE, "height": 800})
    log_in(page, live_server, candidate)
    page.goto(live_server.url + "/offres/")
    toggler = page.get_by_role("button", name="Ouvrir le menu")
    toggler.focus()
    page.keyboard.press("Enter")
    logout = page.locator("header").get_by_role("button", name="Se déconnecter")
    logout.wait_for(state="visible")
    page.wait_for_timeout(400)  # Bootstrap's collapse transition
    page.screenshot(path=str(SCREENSHOTS / "menu-telephone-375.png"), full_page=True)
    assert toggler.get_attribute("aria-expanded") == "true"
    assert page.locator("header").get_by_text(candidate.email).is_visible()
    assert structure_problems(page) == []


def test_the_header_marks_the_current_section_visibly(live_server, page, world):
    page.goto(live_server.url + "/offres/")
    header = page.get_by_role("navigation", name="Navigation principale")
    current, other = header.get_by_role("link", name="Offres"), header.get_by_role("link", name="Entreprises")
    assert current.get_attribute("aria-current") == "page"
    look = "(el) => [getComputedStyle(el).color, getComputedStyle(el).fontWeight, getComputedStyle(el).textDecorationLine]"
    assert current.evaluate(look) != other.evaluate(look)


def test_offer_search_place_is_chosen_from_the_suggestions_with_the_keyboard(live_server, page, world):
    page.goto(live_server.url + "/offres/")
    place = page.get_by_role("combobox", name="Lieu")
    place.fill("clermo")
    page.get_by_role("option", name="Clermont-Ferrand (63)").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert place.input_value() == "Clermont-Ferrand (63)"
    page.get_by_label("Métier, mots-clés").fill("soudeur")
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher").click()
    assert f"commune={world['clermont'].insee}" in page.url
    assert page.get_by_role("status").inner_text() == "1 offre dans un rayon de 30 km autour de Clermont-Ferrand (63)"


def test_apply_is_within_the_first_screen_of_an_offer_on_a_phone(live_server, page, world):
    page.set_viewport_size({"width": MOBILE, "height": 700})
    page.goto(live_server.url + f"/offres/{world['offer'].slug}/")
    apply = page.get_by_role("link", name="Postuler").first
    assert apply.bounding_box()["y"] + apply.bounding_box()["height"] <= 700
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.get_by_role("link", name="Postuler").count() == 1


def test_my_applications_belong_to_the_candidate_space_in_the_header(live_server, page, world):
    log_in(page, live_server, world["candidate"])
    page.goto(live_server.url + "/offres/mes-candidatures/")
    header = page.get_by_role("navigation", name="Navigation principale")
    assert header.get_by_role("link", name="Espace candidat").get_attribute("aria-current") == "page"
    assert header.get_by_role("link", name="Offres").get_attribute("aria-current") is None
    # The page sits in the candidate space, whose menu marks it.
    menu = page.get_by_role("navigation", name="Mon espace candidat")
    assert menu.get_by_role("link", name="Mes candidatures").get_attribute("aria-current") == "page"
    page.screenshot(path="/tmp/vivier-my-applications.png", full_page=True)
