from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from portal.reference.forms import CommuneField
from portal.reference.forms_sectors import SectorField

from .choices import CompanyType, RejectionReason, SuspensionReason
from .selectors import live_company_with_siren
from .services import SIREN_TAKEN
from .validators import SIREN_HELP, normalize_phone, normalize_siren

EMAIL_ERRORS = {
    "required": "Indiquez votre adresse électronique.",
    "invalid": "Saisissez une adresse électronique valide, par exemple nom@entreprise.fr.",
}


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _required(message: str) -> dict:
    return {"required": message}


class SignupAccountForm(forms.Form):
    """Step 1: the login the recruiter will use."""

    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages=EMAIL_ERRORS,
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "new-password", "aria-describedby": "regles-mot-de-passe"}
        ),
        error_messages=_required("Choisissez un mot de passe."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        # The password rules are checked even when the address is wrong: every error shows at once.
        data = super().clean()
        if data.get("password"):
            _check_password(self, data["password"], email=data.get("email", ""))
        return data


def _check_password(form, password: str, **user_fields) -> None:
    try:
        validate_password(password, user=get_user_model()(**user_fields))
    except ValidationError as exc:
        form.add_error("password", exc.messages)


def _cgu_label() -> str:
    return format_html(
        'J\'accepte les <a href="{}" target="_blank" rel="noopener">conditions générales d\'utilisation</a> '
        "de la plateforme (lien ouvert dans un nouvel onglet)",
        reverse("recruiters:cgu"),
    )


class SignupCompanyForm(forms.Form):
    """Step 2, "Informations générales"."""

    first_name = forms.CharField(
        label="Votre prénom", max_length=150, error_messages=_required("Indiquez votre prénom."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Votre nom", max_length=150, error_messages=_required("Indiquez votre nom."),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    company_name = forms.CharField(
        label="Nom de l'entreprise", max_length=255, error_messages=_required("Indiquez le nom de l'entreprise."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    head_office_address = forms.CharField(
        label="Adresse du siège social", max_length=255,
        error_messages=_required("Indiquez l'adresse du siège social."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    commune = CommuneField(
        label="Ville",
        error_messages={"required": "Indiquez la ville du siège social."},
        help_text="Tapez le nom de la commune ou son code postal, puis choisissez-la dans la liste.",
    )
    phone = forms.CharField(
        label="Téléphone", max_length=30, error_messages=_required("Indiquez un numéro de téléphone."),
        help_text="Par exemple 04 73 12 34 56.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    siren = forms.CharField(
        label="Numéro de SIREN", max_length=20, error_messages=_required("Indiquez le numéro SIREN de l'entreprise."),
        help_text=SIREN_HELP,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    naf_sector = SectorField(
        label="Secteur", empty_label="Choisissez le secteur d'activité", error_messages={
            "required": "Choisissez le secteur d'activité de l'entreprise.",
        },
    )
    company_type = forms.ChoiceField(
        label="Type d'entreprise",
        choices=[("", "Choisissez le type d'entreprise"), *CompanyType.choices],
        error_messages={
            "required": "Choisissez le type d'entreprise.",
            "invalid_choice": "Choisissez un type d'entreprise dans la liste.",
        },
    )
    communications_consent = forms.BooleanField(
        label="J'accepte de recevoir les communications de la plateforme (actualités, événements emploi). "
              "Facultatif, vous pourrez changer d'avis à tout moment.",
        required=False,
    )
    cgu_accepted = forms.BooleanField(
        label="J'accepte les conditions générales d'utilisation de la plateforme",
        error_messages=_required("Vous devez accepter les conditions générales d'utilisation pour créer votre compte."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cgu_accepted"].label = _cgu_label()
        self.existing_company = None
        self.helper = _helper()

    def clean_siren(self):
        siren = normalize_siren(self.cleaned_data["siren"])
        self.existing_company = live_company_with_siren(siren)
        if self.existing_company is not None:
            raise ValidationError(SIREN_TAKEN, code="siren_taken")
        return siren

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


class JoinRequestForm(forms.Form):
    """What a join request needs from step 2 when the SIREN is already registered."""

    first_name = SignupCompanyForm.base_fields["first_name"]
    last_name = SignupCompanyForm.base_fields["last_name"]
    siren = SignupCompanyForm.base_fields["siren"]
    communications_consent = SignupCompanyForm.base_fields["communications_consent"]
    cgu_accepted = SignupCompanyForm.base_fields["cgu_accepted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cgu_accepted"].label = _cgu_label()

    def clean_siren(self):
        siren = normalize_siren(self.cleaned_data["siren"])
        if live_company_with_siren(siren) is None:
            raise ValidationError("Aucune entreprise n'est inscrite avec ce numéro SIREN.", code="siren_unknown")
        return siren


class InvitationSignupForm(forms.Form):
    """A new colleague's account, created from the invitation link."""

    first_name = SignupCompanyForm.base_fields["first_name"]
    last_name = SignupCompanyForm.base_fields["last_name"]
    password = SignupAccountForm.base_fields["password"]

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper()

    def clean(self):
        # The password rules are checked here too, so a missing name and a weak password show at once.
        data = super().clean()
        if data.get("password"):
            _check_password(self, data["password"], email=self.email, first_name=data.get("first_name", ""),
                            last_name=data.get("last_name", ""))
        return data


# --- Admin forms (rendered with Wagtail's field templates) -------------------------------------------------

class InviteColleagueForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de votre collègue", max_length=254, error_messages={
            "required": "Indiquez l'adresse électronique de votre collègue.",
            "invalid": EMAIL_ERRORS["invalid"],
        },
    )


class ContactForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=200, error_messages=_required("Indiquez l'objet de votre demande."))
    message = forms.CharField(
        label="Message", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
        error_messages=_required("Écrivez votre message."),
    )
    callback_phone = forms.CharField(
        label="Téléphone pour être rappelé", max_length=30, required=False,
        help_text="Facultatif. Laissez vide pour être recontacté par courriel.",
    )

    def clean_callback_phone(self):
        value = self.cleaned_data["callback_phone"]
        return normalize_phone(value) if value else ""


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif du refus", choices=[("", "Choisissez un motif"), *RejectionReason.choices],
        error_messages={"required": "Choisissez un motif dans la liste."},
    )
    details = forms.CharField(
        label="Précisions (communiquées au recruteur)", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000,
    )


class SuspendForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif de la suspension", choices=[("", "Choisissez un motif"), *SuspensionReason.choices],
        error_messages={"required": "Choisissez un motif dans la liste."},
    )
    details = forms.CharField(
        label="Précisions (communiquées aux recruteurs concernés)", widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000,
    )
