"""Forms that take an e-mail address do the same work whether or not it is registered, so that their
response time does not tell (a password hash costs far more than anything else in a request). Proven by
watching the work done, never by timing it."""

from unittest.mock import patch

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client, override_settings
from django_tasks import default_task_backend

from tests.factories import UserFactory
from tests.recruiters.conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

CANDIDATE_SIGNUP = "/espace-candidat/inscription/"
RECRUITER_SIGNUP = "/espace-recruteur/inscription/"
RESET = "/compte/mot-de-passe/"
PASSWORD = "Volcans-Auvergne-2026!"


def hashed_passwords(post):
    """The passwords the hasher encoded while ``post`` ran (the test settings use MD5, hashing is real)."""
    with patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode) as encode:
        response = post()
    return response, [call.args[1] for call in encode.call_args_list]


def test_candidate_signup_hashes_the_password_whether_or_not_the_address_is_registered():
    UserFactory(email="camille@exemple.fr")

    def signup(email):
        def post():
            return Client().post(CANDIDATE_SIGNUP, {"first_name": "Inès", "last_name": "Morel", "email": email,
                                                    "password": PASSWORD, "privacy_read": "on"}, follow=True)
        return post

    registered, registered_hashes = hashed_passwords(signup("camille@exemple.fr"))
    new, new_hashes = hashed_passwords(signup("ines@exemple.fr"))
    assert registered_hashes == new_hashes == [PASSWORD]
    assert registered.redirect_chain == new.redirect_chain
    assert registered.status_code == new.status_code == 200
    assert registered.content.decode().replace("camille@exemple.fr", "ines@exemple.fr") == new.content.decode()
    # One message each: "you already have an account" or the confirmation link.
    assert sorted(message.to[0] for message in mail.outbox) == ["camille@exemple.fr", "ines@exemple.fr"]


def test_recruiter_signup_hashes_the_password_whether_or_not_the_address_is_registered():
    UserFactory(email="rh@volcans.example")

    def start(email):
        return lambda: Client().post(RECRUITER_SIGNUP, {"email": email, "password": STRONG_PASSWORD})

    registered, registered_hashes = hashed_passwords(start("rh@volcans.example"))
    new, new_hashes = hashed_passwords(start("contact@volcans.example"))
    assert registered_hashes == new_hashes == [STRONG_PASSWORD]
    assert registered.status_code == new.status_code == 302
    assert registered["Location"] == new["Location"]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_password_reset_request_queues_the_same_task_whether_or_not_the_address_is_registered():
    UserFactory(email="camille@exemple.fr")
    registered = Client().post(RESET, {"email": "camille@exemple.fr"})
    unknown = Client().post(RESET, {"email": "personne@exemple.fr"})
    assert registered.status_code == unknown.status_code == 302
    assert registered["Location"] == unknown["Location"]
    # Nothing is looked up for sending nor sent during the request: the worker does it, for both.
    assert not mail.outbox
    queued = default_task_backend.results
    assert [(result.task.name, result.kwargs) for result in queued] == [
        ("send_password_reset_email", {"email": "camille@exemple.fr"}),
        ("send_password_reset_email", {"email": "personne@exemple.fr"}),
    ]
    for result in queued:
        result.task.call(**result.kwargs)
    assert [message.to for message in mail.outbox] == [["camille@exemple.fr"]]
