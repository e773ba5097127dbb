from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import forms as auth_forms

from .tasks import send_password_reset_email


def _helper() -> FormHelper:
    helper = FormHelper()
    # Templates write the <form> and its CSRF token.
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class LoginForm(auth_forms.AuthenticationForm):
    # One message whatever went wrong, so the form never tells whether an address is registered.
    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect.",
        "inactive": "Adresse électronique ou mot de passe incorrect.",
    }

    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        error_messages={"required": "Indiquez votre adresse électronique.",
                        "invalid": "Saisissez une adresse électronique valide, par exemple nom@entreprise.fr."},
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Indiquez votre mot de passe."},
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.helper = _helper()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"required": "Indiquez votre adresse électronique.",
                        "invalid": "Saisissez une adresse électronique valide, par exemple nom@entreprise.fr."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def save(self, **kwargs):
        # The request does the same work whether or not the address has an account (its response time
        # must not tell): it queues a task, and the worker looks the address up and sends the link.
        send_password_reset_email.enqueue(email=self.cleaned_data["email"])


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = ""
        self.helper = _helper()

    def clean(self):
        # The rules judge the password chosen, so they are said under the first box; the
        # confirmation box only hears that it differs (Django says both under the second).
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)
