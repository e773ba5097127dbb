from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from .emails import absolute_url, send_templated_email
from .signals import email_confirmed
from .tokens import make_email_confirmation_token


def email_confirmation_url(*, user, next_url: str = "") -> str:
    path = reverse("accounts:email_confirm", kwargs={"token": make_email_confirmation_token(user)})
    if next_url:
        path = f"{path}?{urlencode({'next': next_url})}"
    return absolute_url(path)


def user_confirm_email(*, user) -> bool:
    """Mark the address as confirmed; False when it already was (links may be opened twice)."""
    with transaction.atomic():
        if user.email_confirmed_at is not None:
            return False
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        email_confirmed.send(sender=type(user), user=user)
    return True


def password_set_url(*, user) -> str:
    """A one-time link to choose a password (the password-reset link, for accounts created by staff)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


def password_reset_email_send(*, email: str) -> int:
    """E-mail a link to choose a new password to the active account with this address, if any (accounts
    created by staff have no password yet: this is how their owner chooses one). Returns how many."""
    users = list(get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True))
    for user in users:
        send_templated_email(
            to=user.email, template="accounts/emails/password_reset",
            context={"user": user, "reset_url": password_set_url(user=user)},
        )
    return len(users)


def login_failures_forget(*, email: str) -> int:
    """Clear the failed logins recorded against this account (e.g. once its owner has chosen a new
    password by mail, which proves the mailbox): a lock that others caused no longer keeps them out."""
    count, _ = AccessAttempt.objects.filter(username=email.strip().lower()).delete()
    return count
