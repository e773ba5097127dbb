"""Sign-up in two steps: every required field and rule, drafts, no enumeration, join requests."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal.accounts.choices import Role
from recruiters.choices import CompanyStatus, JoinRequestStatus, RecruiterStatus
from recruiters.models import Company, JoinRequest, Recruiter, SignupDraft
from tests.factories import CompanyFactory, RecruiterFactory, UserFactory

from .conftest import STRONG_PASSWORD, nothing_stored
from .mail import assert_text_and_html, link_in, messages_to

STEP1 = "/espace-recruteur/inscription/"
STEP2 = "/espace-recruteur/inscription/entreprise/"
pytestmark = pytest.mark.django_db


# --- Step 1 --------------------------------------------------------------------------------------------

def test_step1_shows_the_password_rules_before_typing_and_the_useful_links(client):
    page = client.get(STEP1).content.decode()
    for rule in ["au moins 12 caractères", "une lettre minuscule", "une lettre majuscule", "un chiffre",
                 "un caractère spécial"]:
        assert rule in page
    assert "/espace-recruteur/donnees-personnelles/" in page
    assert "Déjà membre" in page and "/espace-recruteur/connexion/" in page


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-1!", "au minimum 12 caractères"),
        ("motdepasse-solide-42!", "une lettre majuscule"),
        ("MOTDEPASSE-SOLIDE-42!", "une lettre minuscule"),
        ("Motdepasse-solide-quarante!", "un chiffre"),
        ("Motdepassesolide42xx", "un caractère spécial"),
        ("", "Choisissez un mot de passe."),
    ],
)
def test_step1_names_the_failed_password_rule_in_french_and_stores_nothing(client, password, message):
    response = client.post(STEP1, {"email": "claire@ateliers.example", "password": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SignupDraft.objects.exists()


@pytest.mark.parametrize(("email", "message"), [("", "Indiquez votre adresse électronique."),
                                                ("claire@", "Saisissez une adresse électronique valide")])
def test_step1_refuses_a_bad_email_in_french(client, email, message):
    response = client.post(STEP1, {"email": email, "password": STRONG_PASSWORD})
    assert message in response.content.decode()
    assert not SignupDraft.objects.exists()


def test_step1_password_similar_to_the_email_is_refused(client):
    response = client.post(STEP1, {"email": "volcans2026@ateliers.example", "password": "Volcans2026@ateliers"})
    assert response.status_code == 200
    assert not SignupDraft.objects.exists()


def test_step1_opens_a_draft_but_creates_no_account(client, start_signup):
    response = start_signup()
    assert response["Location"] == STEP2
    draft = SignupDraft.objects.get()
    assert draft.email == "claire.martin@ateliers.example"
    assert draft.password_hash != STRONG_PASSWORD and draft.password_hash.startswith("md5$")
    assert not get_user_model().objects.exists()


def test_step2_without_step1_goes_back_to_step1(client):
    response = client.get(STEP2)
    assert response.status_code == 302 and response["Location"] == STEP1


# --- Step 2: every required field and rule ---------------------------------------------------------------

def test_step2_communications_consent_is_optional_and_unticked(client, start_signup):
    start_signup()
    page = client.get(STEP2).content.decode()
    consent = page[page.index('name="communications_consent"') - 200: page.index('name="communications_consent"') + 200]
    assert "checked" not in consent
    assert "Informations générales" in page and "/espace-recruteur/conditions-generales/" in page


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("first_name", "Indiquez votre prénom."),
        ("last_name", "Indiquez votre nom."),
        ("company_name", "Indiquez le nom de l'entreprise."),
        ("head_office_address", "Indiquez l'adresse du siège social."),
        ("commune", "Indiquez la ville du siège social."),
        ("phone", "Indiquez un numéro de téléphone."),
        ("siren", "Indiquez le numéro SIREN de l'entreprise."),
        ("naf_sector", "Choisissez le secteur d'activité de l'entreprise."),
        ("company_type", "Choisissez le type d'entreprise."),
        ("cgu_accepted", "Vous devez accepter les conditions générales d'utilisation"),
    ],
)
def test_step2_each_required_field_missing_gives_a_french_message_and_stores_nothing(
    client, start_signup, step2_data, field, message
):
    start_signup()
    data = {**step2_data, field: ""}
    if field == "commune":
        data["commune_label"] = ""
    response = client.post(STEP2, data)
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert nothing_stored()
    # What was typed is kept in the draft for the next visit.
    draft = SignupDraft.objects.get()
    assert draft.data["company_name"] == data["company_name"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siren", "732 829 321", "clé de contrôle ne correspond pas"),
        ("siren", "12345", "vous en avez saisi 5"),
        ("siren", "ABC DEF GHI", "que des chiffres"),
        ("phone", "04 73", "numéro de téléphone n&#x27;est pas"),
        ("naf_sector", "99.99Z", "Secteur inconnu"),
        ("company_type", "multinationale", "Choisissez un type d&#x27;entreprise dans la liste."),
        ("commune", "", "Commune inconnue"),
    ],
)
def test_step2_bad_values_are_refused_in_french(client, start_signup, step2_data, field, value, message):
    start_signup()
    data = {**step2_data, field: value}
    if field == "commune":
        data["commune_label"] = "Atlantide"
    response = client.post(STEP2, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert nothing_stored()


def test_step2_keeps_what_was_typed_when_the_visitor_comes_back_in_the_same_session(client, start_signup,
                                                                                    step2_data):
    start_signup()
    client.post(STEP2, {**step2_data, "siren": "732 829 321"})
    page = client.get(STEP2).content.decode()
    assert 'value="Ateliers des Volcans"' in page
    assert 'value="732 829 321"' in page
    assert "Clermont-Ferrand (63)" in page


def test_step2_draft_is_found_again_later_with_the_same_email_and_password(client, start_signup, step2_data):
    start_signup()
    client.post(STEP2, {**step2_data, "phone": ""})
    client.cookies.clear()  # another day, another browser
    start_signup()
    assert SignupDraft.objects.count() == 1
    assert 'value="Ateliers des Volcans"' in client.get(STEP2).content.decode()


def test_another_password_does_not_open_someone_elses_draft(client, start_signup, step2_data):
    start_signup()
    client.post(STEP2, {**step2_data, "phone": ""})
    client.cookies.clear()
    start_signup(password="Autre-Mot-De-Passe-99!")
    assert SignupDraft.objects.count() == 2
    assert "Ateliers des Volcans" not in client.get(STEP2).content.decode()


def test_complete_signup_creates_a_pending_account_and_sends_the_confirmation_link(client, start_signup,
                                                                                   step2_data, commune, naf):
    start_signup()
    response = client.post(STEP2, step2_data)
    assert response.status_code == 302 and response["Location"] == "/espace-recruteur/inscription/envoyee/"
    assert "claire.martin@ateliers.example" in client.get(response["Location"]).content.decode()

    user = get_user_model().objects.get()
    assert user.email == "claire.martin@ateliers.example" and user.check_password(STRONG_PASSWORD)
    assert user.email_confirmed_at is None and user.role == Role.CANDIDATE
    assert not user.groups.exists()
    company = Company.objects.get()
    assert (company.name, company.siren, company.phone) == ("Ateliers des Volcans", "732829320", "+33473123456")
    assert (company.commune, company.naf_sector, company.company_type) == (commune, naf, "pme")
    assert company.status == CompanyStatus.PENDING
    recruiter = Recruiter.objects.get()
    assert recruiter.status == RecruiterStatus.PENDING and recruiter.is_founder
    assert recruiter.cgu_accepted_at is not None and recruiter.communications_consent is False
    assert not SignupDraft.objects.exists()

    [message] = mail.outbox
    assert message.to == ["claire.martin@ateliers.example"]
    assert "Confirmez votre adresse" in message.subject
    assert_text_and_html(message)
    assert "/compte/confirmer/" in link_in(message, "/compte/confirmer/")


def test_commune_typed_without_javascript_is_resolved(client, start_signup, step2_data, commune):
    start_signup()
    data = {**step2_data, "commune_label": "Clermont-Ferrand"}
    del data["commune"]
    assert client.post(STEP2, data).status_code == 302
    assert Company.objects.get().commune == commune


def test_communications_consent_is_recorded_when_ticked(client, start_signup, step2_data):
    start_signup()
    client.post(STEP2, {**step2_data, "communications_consent": "on"})
    assert Recruiter.objects.get().communications_consent is True


# --- No enumeration --------------------------------------------------------------------------------------

def test_signup_with_a_registered_email_looks_the_same_and_mails_the_owner(client, start_signup, step2_data):
    UserFactory(email="claire.martin@ateliers.example")
    start_signup()
    response = client.post(STEP2, step2_data)
    assert response.status_code == 302 and response["Location"] == "/espace-recruteur/inscription/envoyee/"
    assert get_user_model().objects.count() == 1
    assert not Company.objects.exists()
    [message] = mail.outbox
    assert message.to == ["claire.martin@ateliers.example"]
    assert "Un compte existe déjà" in message.body
    assert_text_and_html(message)


def test_step1_answers_the_same_for_a_registered_email(client, start_signup):
    UserFactory(email="deja@ateliers.example")
    known = client.post(STEP1, {"email": "deja@ateliers.example", "password": STRONG_PASSWORD})
    client.cookies.clear()
    unknown = client.post(STEP1, {"email": "nouveau@ateliers.example", "password": STRONG_PASSWORD})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert not mail.outbox


# --- Already registered SIREN and join requests ----------------------------------------------------------

def test_registered_siren_gets_a_clear_message_and_a_way_to_ask_to_join(client, start_signup, step2_data):
    company = CompanyFactory(siren="732829320", name="Volcans SA")
    start_signup()
    response = client.post(STEP2, step2_data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Une entreprise avec ce numéro SIREN est déjà inscrite" in page
    assert "Demander à rejoindre Volcans SA" in page and 'name="action" value="join"' in page
    assert Company.objects.get() == company and not get_user_model().objects.exists()


def test_a_refused_company_does_not_lock_its_siren(client, start_signup, step2_data):
    CompanyFactory(siren="732829320", status=CompanyStatus.REJECTED)
    start_signup()
    assert client.post(STEP2, step2_data).status_code == 302
    assert Company.objects.filter(status=CompanyStatus.PENDING, siren="732829320").exists()


def test_join_request_is_created_and_the_company_told_after_confirmation(client, start_signup, step2_data):
    colleague = RecruiterFactory(company=CompanyFactory(siren="732829320"))
    start_signup()
    response = client.post(STEP2, {**step2_data, "action": "join", "company_name": "", "phone": ""})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.company == colleague.company and join_request.status == JoinRequestStatus.PENDING
    assert join_request.user.email == "claire.martin@ateliers.example"
    assert not Recruiter.objects.filter(user=join_request.user).exists()
    [confirmation] = mail.outbox
    assert "rejoindre" in confirmation.body

    link = link_in(confirmation, "/compte/confirmer/")
    response = client.post(link.split("?")[0], {"next": "/espace-recruteur/rattachement/confirme/"})
    assert response["Location"] == "/espace-recruteur/rattachement/confirme/"
    [notification] = messages_to(colleague.user.email)
    assert "demande à rejoindre" in notification.subject


def test_join_request_needs_the_cgu_and_a_name(client, start_signup, step2_data):
    CompanyFactory(siren="732829320")
    start_signup()
    response = client.post(STEP2, {**step2_data, "action": "join", "cgu_accepted": "", "first_name": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez votre prénom." in page and "conditions générales" in page
    assert not JoinRequest.objects.exists() and not get_user_model().objects.exists()


def test_join_request_for_an_unknown_siren_is_refused(client, start_signup, step2_data):
    start_signup()
    response = client.post(STEP2, {**step2_data, "action": "join"})
    assert "Aucune entreprise n&#x27;est inscrite avec ce numéro SIREN." in response.content.decode()
    assert not JoinRequest.objects.exists()
