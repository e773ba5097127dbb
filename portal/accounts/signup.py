"""The browser that has just created an account may be signed in by the account's confirmation link:
it chose the password, and the link proves the address. Any other browser goes through the login form."""

from django.contrib.auth import login

SIGNUP_SESSION_KEY = "accounts_signup_user"


def signup_remember(request, user) -> None:
    request.session[SIGNUP_SESSION_KEY] = user.pk


def signup_login_if_same_browser(request, user) -> bool:
    """Log ``user`` in when this session created it; the mark is used once."""
    if request.user.is_authenticated or request.session.get(SIGNUP_SESSION_KEY) != user.pk:
        return False
    del request.session[SIGNUP_SESSION_KEY]
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return True
