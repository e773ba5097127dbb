"""Candidate sign-up, address confirmation and the gate of the candidate space."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from portal.accounts.choices import Role
from portal.accounts.services import email_confirmation_url
from portal.candidates.models import CandidateProfile
from tests.factories import CandidateUserFactory, JobOfferFactory, RecruiterFactory
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = "/espace-candidat/inscription/"
GOOD = {
    "first_name": "Inès",
    "last_name": "Morel",
    "email": "Ines.Morel@Exemple.fr",
    "password": "Volcans-Auvergne-2026!",
    "privacy_read": "on",
}


def nothing_stored():
    return not get_user_model().objects.exists() and not CandidateProfile.objects.exists()


def test_signup_creates_an_unconfirmed_candidate_and_mails_the_link(client):
    response = client.post(SIGNUP, GOOD)
    assert response.status_code == 302 and response["Location"] == "/espace-candidat/inscription/envoyee/"
    user = get_user_model().objects.get()
    assert user.email == "ines.morel@exemple.fr" and user.role == Role.CANDIDATE
    assert user.email_confirmed_at is None and user.check_password(GOOD["password"])
    assert CandidateProfile.objects.filter(user=user, visible_in_cvtheque=False).exists()
    assert "ines.morel@exemple.fr" in client.get(response["Location"]).content.decode()
    assert [message.to for message in mail.outbox] == [["ines.morel@exemple.fr"]]
    link = re.search(r"http://\S+/compte/confirmer/\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/espace-candidat/"
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"first_name": ""}, "Indiquez votre prénom."),
        ({"last_name": "   "}, "Indiquez votre nom."),
        ({"email": ""}, "Indiquez votre adresse électronique."),
        ({"email": "ines@"}, "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."),
        ({"password": ""}, "Indiquez un mot de passe."),
        ({"password": "court1!A"}, "Ce mot de passe est trop court."),
        ({"password": "toutenminusculeslongues"}, "Le mot de passe doit contenir au moins une lettre majuscule."),
        ({"password": "Ines.Morel@Exemple.fr1"}, "trop semblable"),
        ({"privacy_read": ""}, "Cochez cette case après avoir lu la page « Données personnelles »."),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_stored(client, changes, field_message):
    response = client.post(SIGNUP, {**GOOD, **changes})
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert field_message in html
    assert nothing_stored()
    assert not mail.outbox


def test_a_known_address_gets_the_same_screen_and_a_mail_to_its_owner(client):
    CandidateUserFactory(email="ines.morel@exemple.fr")
    response = client.post(SIGNUP, GOOD)
    assert response.status_code == 302 and response["Location"] == "/espace-candidat/inscription/envoyee/"
    assert get_user_model().objects.count() == 1
    assert len(mail.outbox) == 1 and "déjà un compte" in mail.outbox[0].subject


def test_signed_in_users_are_sent_to_their_space(client):
    client.force_login(CandidateUserFactory(email_confirmed_at=timezone.now()))
    assert client.get(SIGNUP)["Location"] == "/espace-candidat/"


def test_unconfirmed_candidates_are_asked_to_confirm_and_may_get_a_new_link(client):
    user = CandidateUserFactory()
    client.force_login(user)
    response = client.get("/espace-candidat/profil/identite/")
    assert response.status_code == 302 and response["Location"] == "/espace-candidat/confirmation/"
    assert user.email in client.get("/espace-candidat/confirmation/").content.decode()
    client.post("/espace-candidat/confirmation/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]


def test_anonymous_visitors_go_to_the_shared_login(client):
    response = client.get("/espace-candidat/profil/cv/")
    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=/espace-candidat/profil/cv/"


def test_the_shared_login_brings_the_candidate_back(client):
    user = CandidateUserFactory(email="lea@exemple.fr", email_confirmed_at=timezone.now())
    response = client.post(
        "/compte/connexion/", {"username": user.email, "password": DEFAULT_PASSWORD, "next": "/espace-candidat/"}
    )
    assert response.status_code == 302 and response["Location"] == "/espace-candidat/"
    assert "Bonjour" in client.get("/espace-candidat/").content.decode()


def test_recruiters_have_no_candidate_space(client, db):
    client.force_login(RecruiterFactory().user)
    assert client.get("/espace-candidat/profil/identite/").status_code == 403
    assert client.post("/espace-candidat/donnees-personnelles/export/").status_code == 403


def test_landing_page_for_visitors(client):
    html = client.get("/espace-candidat/").content.decode()
    assert "Créer mon compte candidat" in html and "/compte/connexion/?next=/espace-candidat/" in html


def test_the_confirmation_link_leads_back_to_where_the_candidate_was_going(client):
    client.post(SIGNUP + "?next=/entreprises/ateliers/postuler/", {**GOOD, "next": "/entreprises/ateliers/postuler/"})
    link = re.search(r"http://\S+/compte/confirmer/\S+", mail.outbox[0].body).group(0)
    assert "next=%2Fentreprises%2Fateliers%2Fpostuler%2F" in link


def test_an_outside_next_is_ignored(client):
    client.post(SIGNUP, {**GOOD, "next": "https://evil.example/"})
    link = re.search(r"http://\S+/compte/confirmer/\S+", mail.outbox[0].body).group(0)
    assert "evil" not in link and "next=%2Fespace-candidat%2F" in link


def _confirmation_path(message) -> str:
    link = re.search(r"http://\S+/compte/confirmer/\S+", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_a_visitor_signing_up_while_applying_lands_on_the_apply_form(client):
    apply_path = f"/offres/{JobOfferFactory(published=True).slug}/postuler/"
    login_page = client.get(apply_path, follow=True)
    assert login_page.redirect_chain[-1][0] == f"/compte/connexion/?next={apply_path}"
    signup_link = f"/espace-candidat/inscription/?next={apply_path}"
    assert f'href="{signup_link}"' in login_page.content.decode()
    form = client.get(signup_link).content.decode()
    assert f'name="next" value="{apply_path}"' in form and f"/compte/connexion/?next={apply_path}" in form
    client.post(signup_link, {**GOOD, "next": apply_path})
    confirm = _confirmation_path(mail.outbox[0])
    # Opened in the browser that signed up: confirmed, signed in, straight to the apply form.
    response = client.post(confirm, {"next": apply_path})
    assert response.status_code == 302 and response["Location"] == apply_path
    page = client.get(apply_path)
    assert page.status_code == 200 and "Envoyer ma candidature" in page.content.decode()
    assert page.wsgi_request.user.email == "ines.morel@exemple.fr"


def test_confirmed_from_another_browser_the_login_leads_to_the_apply_form(client, django_user_model):
    apply_path = f"/offres/{JobOfferFactory(published=True).slug}/postuler/"
    client.post(f"{SIGNUP}?next={apply_path}", {**GOOD, "next": apply_path})
    phone = Client()
    response = phone.post(_confirmation_path(mail.outbox[0]), {"next": apply_path})
    assert response["Location"] == apply_path
    assert phone.get(apply_path)["Location"] == f"/compte/connexion/?next={apply_path}"
    logged = phone.post("/compte/connexion/", {"username": GOOD["email"], "password": GOOD["password"],
                                               "next": apply_path})
    assert logged["Location"] == apply_path
    assert "Envoyer ma candidature" in phone.get(apply_path).content.decode()
    assert django_user_model.objects.get().email_confirmed_at is not None


def test_the_signup_mark_signs_in_once_and_only_its_own_account(client):
    apply_path = f"/offres/{JobOfferFactory(published=True).slug}/postuler/"
    other = CandidateUserFactory(email="autre@exemple.fr")
    client.post(SIGNUP, {**GOOD, "next": apply_path})
    # Another account's valid link opened in this browser confirms it but signs nobody in.
    other_link = email_confirmation_url(user=other, next_url=apply_path).split("://", 1)[1].split("/", 1)[1]
    client.post("/" + other_link, {"next": apply_path})
    assert "_auth_user_id" not in client.session
    client.post(_confirmation_path(mail.outbox[0]), {"next": apply_path})
    assert client.session["_auth_user_id"] != str(other.pk)
    client.post("/compte/deconnexion/")
    client.post(_confirmation_path(mail.outbox[0]), {"next": apply_path})
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "hostile",
    ["https://evil.example/offres/", "//evil.example/offres/", "/\\evil.example", "javascript:alert(1)",
     "http:///evil.example"],
)
def test_a_hostile_next_is_refused_everywhere(client, hostile):
    client.post(f"{SIGNUP}?next={hostile}", {**GOOD, "next": hostile})
    confirm = _confirmation_path(mail.outbox[0])
    assert "evil" not in confirm and "javascript" not in confirm
    confirm_page = client.get(f"{confirm.split('?')[0]}?next={hostile}").content.decode()
    assert "evil" not in confirm_page and "javascript" not in confirm_page
    response = client.post(confirm.split("?")[0], {"next": hostile})
    assert response["Location"] == "/compte/confirmee/"
    client.post("/compte/deconnexion/")
    login = client.post("/compte/connexion/", {"username": GOOD["email"], "password": GOOD["password"],
                                               "next": hostile})
    assert login["Location"] == "/"
    assert "evil" not in client.get(f"/compte/connexion/?next={hostile}").content.decode()


def test_a_new_confirmation_link_keeps_the_offer(client):
    apply_path = f"/offres/{JobOfferFactory(published=True).slug}/postuler/"
    client.post(SIGNUP, {**GOOD, "next": apply_path})
    client.post("/compte/connexion/", {"username": GOOD["email"], "password": GOOD["password"]})
    client.post("/espace-candidat/confirmation/")
    assert len(mail.outbox) == 2
    assert "next=%2Foffres%2F" in re.search(r"http://\S+/compte/confirmer/\S+", mail.outbox[1].body).group(0)


def test_an_existing_account_is_mailed_a_login_link_back_to_the_offer(client):
    apply_path = f"/offres/{JobOfferFactory(published=True).slug}/postuler/"
    CandidateUserFactory(email="ines.morel@exemple.fr")
    client.post(SIGNUP, {**GOOD, "next": apply_path})
    assert f"/compte/connexion/?next={apply_path.replace('/', '%2F')}" in mail.outbox[0].body
    assert "_auth_user_id" not in client.session
