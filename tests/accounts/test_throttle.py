"""Sign-up, password reset and new confirmation links are limited per client address and per e-mail
address, with a French message and a 429; Wagtail's own login and reset forms do not get around them."""

import importlib
from unittest.mock import patch

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.accounts import throttle
from portal.accounts.network import client_ip
from portal.accounts.throttle import EMAIL_REFUSAL, IP_REFUSAL
from portal.settings.env import cache_settings, read_env
from recruiters.models import SignupDraft
from tests.factories import CandidateUserFactory, UserFactory
from tests.recruiters.conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

CANDIDATE_SIGNUP = "/espace-candidat/inscription/"
RECRUITER_SIGNUP = "/espace-recruteur/inscription/"
RESET = "/compte/mot-de-passe/"


def candidate(email):
    return {"first_name": "Inès", "last_name": "Morel", "email": email, "password": "Volcans-Auvergne-2026!",
            "privacy_read": "on"}


def french(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def from_ip(ip):
    return Client(REMOTE_ADDR=ip)


def test_password_reset_is_limited_per_address_then_per_ip():
    UserFactory(email="camille@example.org")
    client = from_ip("203.0.113.5")
    for _ in range(throttle.PASSWORD_RESET.per_email):
        assert client.post(RESET, {"email": "Camille@Example.org"}).status_code == 302
    refused = client.post(RESET, {"email": "camille@example.org"})
    assert refused.status_code == 429 and EMAIL_REFUSAL in french(refused)
    assert len(mail.outbox) == throttle.PASSWORD_RESET.per_email
    # Same answer for an address without an account: the limit reveals nobody.
    for _ in range(throttle.PASSWORD_RESET.per_email):
        client.post(RESET, {"email": "personne@example.org"})
    assert client.post(RESET, {"email": "personne@example.org"}).status_code == 429
    # The address limit holds from any client address.
    assert from_ip("198.51.100.7").post(RESET, {"email": "camille@example.org"}).status_code == 429
    # Eight posts so far from 203.0.113.5; fresh addresses pass until the client address is over its limit.
    for number in range(throttle.PASSWORD_RESET.per_ip - 8):
        assert client.post(RESET, {"email": f"autre{number}@example.org"}).status_code == 302
    response = client.post(RESET, {"email": "encore@example.org"})
    assert response.status_code == 429 and IP_REFUSAL in french(response)
    # Someone else, elsewhere, is not affected.
    assert from_ip("198.51.100.7").post(RESET, {"email": "dominique@example.org"}).status_code == 302


def test_candidate_signup_is_limited_and_the_refusal_stores_nothing():
    client = from_ip("203.0.113.5")
    for number in range(throttle.SIGNUP.per_ip):
        assert client.post(CANDIDATE_SIGNUP, candidate(f"personne{number}@exemple.fr")).status_code == 302
    users = get_user_model().objects.count()
    sent = len(mail.outbox)
    response = client.post(CANDIDATE_SIGNUP, candidate("encore@exemple.fr"))
    assert response.status_code == 429 and IP_REFUSAL in french(response)
    assert 'value="encore@exemple.fr"' in response.content.decode()
    assert get_user_model().objects.count() == users and len(mail.outbox) == sent


def test_candidate_signup_is_limited_per_email_across_addresses():
    for number in range(throttle.SIGNUP.per_email):
        from_ip(f"203.0.113.{number}").post(CANDIDATE_SIGNUP, candidate("ines@exemple.fr"))
    response = from_ip("198.51.100.7").post(CANDIDATE_SIGNUP, candidate(" INES@exemple.fr "))
    assert response.status_code == 429 and EMAIL_REFUSAL in french(response)
    assert len(mail.outbox) == throttle.SIGNUP.per_email


def test_recruiter_signup_first_step_is_limited():
    for number in range(throttle.SIGNUP.per_ip):
        from_ip("203.0.113.5").post(RECRUITER_SIGNUP, {"email": f"rh{number}@volcans.example",
                                                       "password": STRONG_PASSWORD})
    assert SignupDraft.objects.count() == throttle.SIGNUP.per_ip
    client = from_ip("203.0.113.5")
    response = client.post(RECRUITER_SIGNUP, {"email": "encore@volcans.example", "password": STRONG_PASSWORD})
    assert response.status_code == 429 and IP_REFUSAL in french(response)
    assert "recruiters_signup_draft" not in client.session
    assert SignupDraft.objects.count() == throttle.SIGNUP.per_ip
    for number in range(throttle.SIGNUP.per_email):
        from_ip(f"198.51.100.{number}").post(RECRUITER_SIGNUP, {"email": "rh@volcans.example",
                                                                 "password": STRONG_PASSWORD})
    response = from_ip("192.0.2.1").post(RECRUITER_SIGNUP, {"email": "rh@volcans.example", "password": STRONG_PASSWORD})
    assert response.status_code == 429 and EMAIL_REFUSAL in french(response)


def test_new_confirmation_links_are_limited():
    user = CandidateUserFactory()
    client = from_ip("203.0.113.5")
    client.force_login(user)
    for _ in range(throttle.CONFIRMATION_RESEND.per_email):
        assert client.post("/espace-candidat/confirmation/").status_code == 302
    response = client.post("/espace-candidat/confirmation/")
    assert response.status_code == 429 and EMAIL_REFUSAL in french(response)
    assert len(mail.outbox) == throttle.CONFIRMATION_RESEND.per_email


def test_recruiters_new_confirmation_links_are_limited():
    user = UserFactory(email="rh@volcans.example", email_confirmed_at=None)
    client = from_ip("203.0.113.5")
    client.force_login(user)
    for _ in range(throttle.CONFIRMATION_RESEND.per_email):
        assert client.post("/espace-recruteur/mon-compte/").status_code == 302
    response = client.post("/espace-recruteur/mon-compte/")
    assert response.status_code == 429 and EMAIL_REFUSAL in french(response)


def test_the_limit_starts_again_with_the_next_window(monkeypatch):
    UserFactory(email="camille@example.org", email_confirmed_at=timezone.now())
    client = from_ip("203.0.113.5")
    now = 1_800_000_000
    monkeypatch.setattr(throttle.time, "time", lambda: now)
    for _ in range(throttle.PASSWORD_RESET.per_email):
        client.post(RESET, {"email": "camille@example.org"})
    assert client.post(RESET, {"email": "camille@example.org"}).status_code == 429
    monkeypatch.setattr(throttle.time, "time", lambda: now + throttle.PASSWORD_RESET.window_seconds)
    assert client.post(RESET, {"email": "camille@example.org"}).status_code == 302


def test_wagtail_password_reset_leads_to_the_throttled_form():
    client = Client()
    assert client.get("/admin/password_reset/")["Location"] == RESET
    response = client.post("/admin/password_reset/", {"email": "camille@example.org"})
    assert response.status_code == 302 and response["Location"] == RESET
    assert not mail.outbox


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No trusted proxy (the default): the header is anyone's to write, even behind production's SSL header.
        ([], "10.0.0.2", "198.51.100.7", "10.0.0.2"),
        # A client that is not a trusted proxy cannot choose its address.
        (["10.0.0.0/8"], "203.0.113.9", "198.51.100.7", "203.0.113.9"),
        (["10.0.0.2"], "10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Read from the right, our own proxies skipped: the first other address is the client.
        (["10.0.0.0/8"], "10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.5", "198.51.100.7"),
        (["10.0.0.0/8"], "10.0.0.2", "", "10.0.0.2"),
        (["10.0.0.0/8"], "10.0.0.2", "pas-une-adresse", "10.0.0.2"),
        (["10.0.0.0/8"], "10.0.0.2", "pas-une-adresse, 10.0.0.5", "10.0.0.5"),
        (["10.0.0.0/8", "::1"], "::1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(rf, settings, trusted, remote, forwarded, expected):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = trusted
    request = rf.post(RESET, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_trusted_proxy_each_visitor_has_their_own_count(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for number in range(throttle.PASSWORD_RESET.per_ip):
        assert proxy.post(RESET, {"email": f"a{number}@example.org"}).status_code == 302
    assert proxy.post(RESET, {"email": "b@example.org"}).status_code == 429
    # A forged first entry does not help: the proxy appended the real address last.
    forged = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert forged.post(RESET, {"email": "c@example.org"}).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.post(RESET, {"email": "d@example.org"}).status_code == 302


def test_a_client_writing_x_forwarded_for_itself_shares_its_real_address_count(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for number in range(throttle.PASSWORD_RESET.per_ip):
        Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").post(
            RESET, {"email": f"a{number}@example.org"}
        )
    response = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.1").post(RESET, {"email": "b@example.org"})
    assert response.status_code == 429 and IP_REFUSAL in french(response)


def test_the_default_cache_is_the_database_shared_by_every_worker():
    # Production and development read CACHES from CACHE_URL, by default the database cache (the test
    # settings alone swap in a per-process cache that conftest empties between tests).
    assert cache_settings(read_env().cache_url) == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vivier_cache",
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_the_cache_table_and_two_workers_count_together(settings):
    table = "vivier_cache_check"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}}
    migration = importlib.import_module("portal.accounts.migrations.0002_shared_cache_table")
    with connection.schema_editor() as editor:
        migration.create_cache_tables(None, editor)
    try:
        assert table in connection.introspection.table_names()
        # Two cache objects on one table, as two worker processes hold: the limit is reached across them.
        workers = [DatabaseCache(table, {}), DatabaseCache(table, {})]
        client = from_ip("203.0.113.5")
        for number in range(throttle.PASSWORD_RESET.per_ip):
            with patch.object(throttle, "cache", workers[number % 2]):
                assert client.post(RESET, {"email": f"a{number}@example.org"}).status_code == 302
        with patch.object(throttle, "cache", workers[1]):
            assert client.post(RESET, {"email": "b@example.org"}).status_code == 429
    finally:
        with connection.schema_editor() as editor:
            editor.execute(f"DROP TABLE {editor.quote_name(table)}")
