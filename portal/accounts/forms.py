from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.urls import reverse

from .emails import absolute_url, send_templated_email


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

    def get_users(self, email):
        # Accounts created by staff have no password yet: this link is how their owner chooses one.
        return get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        send_templated_email(
            to=to_email,
            template="accounts/emails/password_reset",
            context={
                "user": context["user"],
                "reset_url": absolute_url(
                    reverse("accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
                ),
            },
        )


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
