"""Signed, expiring links proving that a user owns their e-mail address."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing

EMAIL_CONFIRMATION_SALT = "portal.accounts.email-confirmation"
EMAIL_CONFIRMATION_MAX_AGE = timedelta(days=7)


def make_email_confirmation_token(user) -> str:
    # The address is part of the payload: changing it invalidates links sent to the old one.
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT, compress=True)


def read_email_confirmation_token(token: str):
    """The user the token was made for, or None when it is forged, expired or outdated."""
    try:
        payload = signing.loads(token, salt=EMAIL_CONFIRMATION_SALT, max_age=EMAIL_CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or user.email != payload.get("e"):
        return None
    return user
