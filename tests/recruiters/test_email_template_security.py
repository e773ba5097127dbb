"""E-mail templates are plain text with {variables}, never Python format strings: what the mail cannot
fill is refused at save with a French message, and a template stored before that check still renders
every application page (the text stays as written, no Python internals, no blown-up page)."""

import html

import pytest

from recruiters.forms_offers import EmailTemplateForm
from recruiters.models import EmailTemplate
from recruiters.services_offers import email_template_for, render_email_template
from tests.factories import ApplicationFactory, CandidateProfileFactory, JobOfferFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

SETTINGS = "/admin/recruteur/candidatures/reglages/"
VARIABLES = "Variables possibles : {prenom}, {nom}, {offre}, {entreprise}, {recruteur}, {motif}."

# What format_map made of these: a 500, a 3 MB page, Python's class hierarchy, an index error...
BAD_TEMPLATES = [
    ("Entretien {prenom", "Une accolade est ouverte ou fermée seule (« {prenom »)"),
    ("Entretien prenom} demain", "Une accolade est ouverte ou fermée seule (« prenom} »)"),
    ("Bonjour {{prenom}}", "Une accolade est ouverte ou fermée seule"),
    ("Bonjour {0}", "Variable inconnue : {0}. " + VARIABLES),
    ("Bonjour {}", "« {} » n'est pas une variable"),
    ("Bonjour {prenomm}", "Variable inconnue : {prenomm}. " + VARIABLES),
    ("Bonjour {prenom:>3000000}", "« {prenom:>3000000} » n'est pas une variable"),
    ("Bonjour {prenom!r}", "« {prenom!r} » n'est pas une variable"),
    ("Bonjour {prenom.__class__.__mro__}", "« {prenom.__class__.__mro__} » n'est pas une variable"),
    ("Bonjour {prenom[99]}", "« {prenom[99]} » n'est pas une variable"),
    ("Motif : {motif.upper}", "« {motif.upper} » n'est pas une variable"),
]


@pytest.fixture
def recruiter():
    return RecruiterFactory()


@pytest.fixture
def application(recruiter):
    candidate = CandidateProfileFactory(user__first_name="Lina", user__last_name="Bernard")
    return ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True, title="Soudeur"),
                              candidate=candidate)


@pytest.mark.parametrize(("text", "message"), BAD_TEMPLATES)
@pytest.mark.parametrize("field", ["subject", "body"])
def test_the_form_refuses_what_the_mail_cannot_fill_next_to_the_field(recruiter, text, message, field):
    data = {"subject": "Entretien", "body": "Bonjour {prenom},", field: text}
    form = EmailTemplateForm(data, instance=email_template_for(company=recruiter.company, kind="interview"))
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in " ".join(form.errors[field])


@pytest.mark.parametrize(("text", "message"), BAD_TEMPLATES[:1] + BAD_TEMPLATES[3:4] + BAD_TEMPLATES[6:])
def test_the_settings_page_answers_the_refusal_and_stores_nothing(client, recruiter, text, message):
    client.force_login(recruiter.user)
    response = client.post(SETTINGS, {"action": "interview", "interview-subject": "Entretien",
                                      "interview-body": text})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not EmailTemplate.objects.exists()


def test_a_valid_template_is_still_saved_and_filled(client, recruiter, application):
    client.force_login(recruiter.user)
    response = client.post(SETTINGS, {"action": "refusal", "refusal-subject": "{entreprise} : votre candidature",
                                      "refusal-body": "Bonjour {prenom} {nom}, poste « {offre} » : {motif}\n{recruteur}"})
    assert response.status_code == 302
    template = EmailTemplate.objects.get(company=recruiter.company, kind="refusal")
    subject, body = render_email_template(template, application, recruiter.user, reason="poste pourvu")
    assert subject == f"{recruiter.company.name} : votre candidature"
    assert body == f"Bonjour Lina Bernard, poste « Soudeur » : poste pourvu\n{recruiter.user.get_full_name()}"


def test_what_the_candidate_typed_is_never_read_as_a_variable(recruiter, application):
    application.candidate.user.first_name = "{recruteur}"
    application.candidate.user.save()
    template = email_template_for(company=recruiter.company, kind="interview")
    _, body = render_email_template(template, application, recruiter.user)
    assert body.startswith("Bonjour {recruteur},")


@pytest.mark.parametrize("text", [text for text, _ in BAD_TEMPLATES if "{{" not in text])
def test_a_bad_template_stored_before_the_check_renders_every_application_page(client, recruiter, application,
                                                                              text):
    # Saved as it was possible before templates were checked: straight into the table.
    for kind in ("interview", "refusal"):
        EmailTemplate.objects.create(company=recruiter.company, kind=kind, subject=f"Objet {text}",
                                     body=f"Bonjour {{prenom}}, {text}")
    template = EmailTemplate.objects.get(kind="interview")
    subject, body = render_email_template(template, application, recruiter.user)
    # Known variables are filled, everything else stays as written.
    assert subject == f"Objet {text}"
    assert body == f"Bonjour Lina, {text}"

    client.force_login(recruiter.user)
    url = f"/admin/recruteur/candidatures/{application.pk}/"
    for params in ({}, {"modele": "interview"}, {"modele": "refusal", "motif": "poste pourvu"},
                   {"modele": "refusal", "motif": ""}):
        response = client.get(url, params)
        assert response.status_code == 200, params
        page = html.unescape(response.content.decode())
        assert len(page) < 200_000, params
        assert "<class '" not in page and "built-in" not in page
        assert f"Bonjour Lina, {text}" in page
    for listing in ("/admin/recruteur/candidatures/", SETTINGS):
        assert client.get(listing).status_code == 200
