"""Login, throttling, password reset, e-mail confirmation, session and CSRF: nothing reveals who is registered."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from portal.accounts import tokens
from portal.accounts.services import email_confirmation_url
from tests.factories import UserFactory
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/compte/connexion/"
RECRUITER_LOGIN = "/espace-recruteur/connexion/"
RESET = "/compte/mot-de-passe/"


def test_login_with_email_and_password(client):
    user = UserFactory(email="camille@example.org")
    response = client.post(LOGIN, {"username": "Camille@Example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("login_url", [LOGIN, RECRUITER_LOGIN])
def test_wrong_password_and_unknown_address_get_the_same_french_message(client, login_url):
    UserFactory(email="camille@example.org")
    wrong = client.post(login_url, {"username": "camille@example.org", "password": "Pas-le-bon-123!"})
    unknown = client.post(login_url, {"username": "personne@example.org", "password": "Pas-le-bon-123!"})
    message = "Adresse électronique ou mot de passe incorrect."
    assert wrong.status_code == unknown.status_code == 200
    assert message in wrong.content.decode() and message in unknown.content.decode()


def test_inactive_account_gets_the_same_message(client):
    UserFactory(email="camille@example.org", is_active=False)
    response = client.post(LOGIN, {"username": "camille@example.org", "password": DEFAULT_PASSWORD})
    assert "Adresse électronique ou mot de passe incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_login_form_is_explained_in_french(client):
    page = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Indiquez votre adresse électronique." in page and "Indiquez votre mot de passe." in page


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
@pytest.mark.parametrize("email", ["camille@example.org", "personne@example.org"])
def test_login_is_throttled_after_repeated_failures_whether_or_not_the_account_exists(client, email):
    UserFactory(email="camille@example.org")
    for _ in range(3):
        client.post(LOGIN, {"username": email, "password": "Pas-le-bon-123!"})
    response = client.post(LOGIN, {"username": email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=email).exists()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_throttling_is_per_account_and_address(client):
    UserFactory(email="camille@example.org")
    other = UserFactory(email="dominique@example.org")
    for _ in range(3):
        client.post(LOGIN, {"username": "camille@example.org", "password": "Pas-le-bon-123!"})
    response = client.post(LOGIN, {"username": other.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="camille@example.org")
    known = client.post(RESET, {"email": "camille@example.org"})
    unknown = client.post(RESET, {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/compte/mot-de-passe/envoye/"
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert "Réinitialisation" in message.subject
    assert [m for _, m in message.alternatives] == ["text/html"]


def test_password_reset_link_sets_a_new_password_that_follows_the_rules(client):
    user = UserFactory(email="camille@example.org")
    client.post(RESET, {"email": "camille@example.org"})
    link = next(word for word in mail.outbox[0].body.split() if "/compte/mot-de-passe/" in word)
    path = link.split("8000", 1)[1]
    form_url = client.get(path)["Location"]  # Django swaps the token for a session marker
    weak = client.post(form_url, {"new_password1": "faible", "new_password2": "faible"})
    assert "une lettre majuscule" in weak.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)
    done = client.post(form_url, {"new_password1": "Nouveau-Secret-2026!", "new_password2": "Nouveau-Secret-2026!"})
    assert done["Location"] == "/compte/mot-de-passe/modifie/"
    user.refresh_from_db()
    assert user.check_password("Nouveau-Secret-2026!")


def test_invalid_reset_link_says_so_in_french(client):
    response = client.get("/compte/mot-de-passe/MQ/mauvais-jeton/")
    assert "Lien expiré ou déjà utilisé" in response.content.decode()


def test_email_confirmation_needs_a_post_and_is_idempotent(client):
    user = UserFactory(email_confirmed_at=None)
    path = email_confirmation_url(user=user).split("8000", 1)[1]
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert user.email_confirmed_at is None
    assert client.post(path)["Location"] == "/compte/confirmee/"
    user.refresh_from_db()
    confirmed_at = user.email_confirmed_at
    assert confirmed_at is not None
    client.post(path)
    user.refresh_from_db()
    assert user.email_confirmed_at == confirmed_at


def test_email_confirmation_ignores_an_outside_next_url(client):
    user = UserFactory(email_confirmed_at=None)
    path = email_confirmation_url(user=user).split("8000", 1)[1]
    assert client.post(path, {"next": "https://evil.example/"})["Location"] == "/compte/confirmee/"


@pytest.mark.parametrize("mangle", ["forged", "other_email", "expired"])
def test_bad_confirmation_links_answer_400_in_french(client, monkeypatch, mangle):
    user = UserFactory(email_confirmed_at=None)
    token = tokens.make_email_confirmation_token(user)
    if mangle == "forged":
        token = token[:-3] + "abc"
    elif mangle == "other_email":
        user.email = "nouvelle@example.org"
        user.save()
    else:
        monkeypatch.setattr(tokens, "EMAIL_CONFIRMATION_MAX_AGE", timedelta(seconds=-1))
    response = client.post(f"/compte/confirmer/{token}/")
    assert response.status_code == 400
    assert "Ce lien de confirmation n'est plus valable" in response.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_session_expires_after_the_configured_age(client):
    UserFactory(email="camille@example.org")
    client.post(LOGIN, {"username": "camille@example.org", "password": DEFAULT_PASSWORD})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_login_logout_and_signup_forms_require_the_csrf_token():
    UserFactory(email="camille@example.org")
    client = Client(enforce_csrf_checks=True)
    assert client.post(LOGIN, {"username": "camille@example.org", "password": DEFAULT_PASSWORD}).status_code == 403
    assert client.post("/espace-recruteur/inscription/", {"email": "a@b.fr", "password": "x"}).status_code == 403
    assert client.post("/compte/deconnexion/").status_code == 403


def test_logout_is_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/compte/deconnexion/").status_code == 405
    assert client.post("/compte/deconnexion/").status_code == 302
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_wagtail_admin_login_is_throttled_like_ours(client):
    user = UserFactory(email="camille@example.org", is_staff=True, is_superuser=True)
    for _ in range(2):
        client.post("/admin/login/", {"username": user.email, "password": "Pas-le-bon-123!"})
    # Failures add up across the two forms: they share axes' counter for this account and address.
    client.post(LOGIN, {"username": user.email, "password": "Pas-le-bon-123!"})
    response = client.post("/admin/login/", {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post(LOGIN, {"username": user.email, "password": DEFAULT_PASSWORD}).status_code == 429


# --- Login limits beyond one account from one address -----------------------------------------------------
# Each criterion counts the failures of the last AXES_COOLOFF_TIME: one account from one address
# (AXES_FAILURE_LIMIT), any accounts from one address (spraying), one account from any address.

WRONG_PASSWORD = "Pas-le-bon-123!"


def login_from(ip, email, password=WRONG_PASSWORD, **headers):
    return Client(REMOTE_ADDR=ip, **headers).post(LOGIN, {"username": email, "password": password})


def age_attempts(minutes):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


@override_settings(AXES_ENABLED=True)
def test_password_spraying_from_one_address_is_stopped():
    users = [UserFactory(email=f"salarie{number}@example.org") for number in range(12)]
    statuses = [
        login_from("203.0.113.5", user.email, password).status_code
        for password in ["Printemps-2026!", "Motdepasse-123!", "Azerty-123456!"]
        for user in users
    ]
    limit = settings.LOGIN_FAILURE_LIMIT_PER_IP
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1:]) == {429}
    # Even the right password of an untouched account is refused from there, in French; not elsewhere.
    locked = login_from("203.0.113.5", users[0].email, DEFAULT_PASSWORD)
    assert locked.status_code == 429 and "Connexion temporairement bloquée" in locked.content.decode()
    assert login_from("198.51.100.7", users[0].email, DEFAULT_PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_logging_in_to_ones_own_account_does_not_clear_the_address_count():
    own = UserFactory(email="attaquant@example.org")
    for number in range(settings.LOGIN_FAILURE_LIMIT_PER_IP - 1):
        assert login_from("203.0.113.5", f"cible{number}@example.org").status_code == 200
    assert login_from("203.0.113.5", own.email, DEFAULT_PASSWORD).status_code == 302
    assert login_from("203.0.113.5", "cible-de-plus@example.org").status_code == 429


@override_settings(AXES_ENABLED=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_a_client_changing_x_forwarded_for_is_locked_when_no_proxy_is_trusted():
    UserFactory(email="camille@example.org")
    for number in range(30):
        login_from("203.0.113.5", "camille@example.org", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response = login_from("203.0.113.5", "camille@example.org", DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_forwarded_client_is_locked_not_the_proxy():
    UserFactory(email="camille@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_from("10.0.0.2", "camille@example.org", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert login_from("10.0.0.2", "camille@example.org", DEFAULT_PASSWORD,
                      HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Another visitor through the same proxy is not the one who failed.
    assert login_from("10.0.0.2", "camille@example.org", DEFAULT_PASSWORD,
                      HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_failures_from_many_addresses_lock_the_account_for_the_cool_off_only():
    UserFactory(email="camille@example.org")
    other = UserFactory(email="dominique@example.org")
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
    statuses = [login_from(f"198.51.100.{number}", "camille@example.org").status_code for number in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    locked = login_from("192.0.2.1", "camille@example.org", DEFAULT_PASSWORD)
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert login_from("192.0.2.1", other.email, DEFAULT_PASSWORD).status_code == 302
    # Failures during the lock do not extend it: the attacker cannot keep the owner out for ever.
    last_failure = AccessAttempt.objects.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    for number in range(5):
        login_from(f"198.51.100.{number}", "camille@example.org")
    assert AccessAttempt.objects.order_by("-attempt_time").values_list("attempt_time", flat=True).first() == last_failure
    age_attempts(16)
    assert login_from("192.0.2.1", "camille@example.org", DEFAULT_PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_choosing_a_new_password_by_mail_lifts_the_account_lock(client):
    UserFactory(email="camille@example.org")
    for number in range(settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT):
        login_from(f"198.51.100.{number}", "camille@example.org")
    assert login_from("192.0.2.1", "camille@example.org", DEFAULT_PASSWORD).status_code == 429
    client.post(RESET, {"email": "camille@example.org"})
    link = next(word for word in mail.outbox[0].body.split() if "/compte/mot-de-passe/" in word)
    form_url = client.get(link.split("8000", 1)[1])["Location"]
    client.post(form_url, {"new_password1": "Nouveau-Secret-2026!", "new_password2": "Nouveau-Secret-2026!"})
    assert login_from("192.0.2.1", "camille@example.org", "Nouveau-Secret-2026!").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_changing_the_capitals_of_the_address_counts_as_the_same_account():
    UserFactory(email="camille@example.org")
    for email in ["Camille@example.org", "CAMILLE@example.org", "camille@EXAMPLE.org", " camille@example.org",
                  "cAmIlLe@example.org"]:
        login_from("203.0.113.5", email)
    assert login_from("203.0.113.5", "camille@example.org", DEFAULT_PASSWORD).status_code == 429
