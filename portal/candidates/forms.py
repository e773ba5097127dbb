"""Candidate-facing forms. They clean input only; views hand ``cleaned_data`` to the services."""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from portal.reference import french
from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel, WorkingTime
from portal.reference.forms import CommuneField
from portal.reference.forms_sectors import SectorField, SectorMultipleField
from portal.reference.models import Department, Language

from .choices import MAX_LIST_ITEMS, MAX_SHORT_TEXT, RADIUS_KM_MAX, RADIUS_KM_MIN
from .cv import CvFileField
from .models import CandidateProfile
from .validators import clean_string_list, normalize_phone, validate_started_month

_LIST_SEPARATORS = re.compile(r"[\n;]+")


def _helper() -> FormHelper:
    helper = FormHelper()
    # Views wrap one or more forms (profile + formsets) in a single <form>.
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class StringListField(forms.CharField):
    """A list typed one item per line (or separated by semicolons), e.g. skills or desired jobs."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, max_items: int = MAX_LIST_ITEMS, max_length_item: int = MAX_SHORT_TEXT, **kwargs):
        self.max_items = max_items
        self.max_length_item = max_length_item
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return clean_string_list(_LIST_SEPARATORS.split(text)) if text else []

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_items:
            raise ValidationError(
                "%(max)s éléments au plus.", code="too_many", params={"max": self.max_items}
            )
        for item in value:
            if len(item) > self.max_length_item:
                raise ValidationError(
                    "« %(item)s… » dépasse %(max)s caractères.",
                    code="item_too_long",
                    params={"item": item[:30], "max": self.max_length_item},
                )


class _YesNoNotStated(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Non précisé"), ("true", "Oui"), ("false", "Non")]


class MonthField(forms.DateField):
    """A month (``<input type="month">``, "2018-03" or "03/2018"), stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": "Indiquez un mois, par exemple 2018-03."}

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class CandidateProfileForm(forms.ModelForm):
    home_commune = CommuneField(label="Commune de résidence", required=False)
    desired_jobs = StringListField(
        label="Postes recherchés",
        help_text="Un poste par ligne, par exemple « Technicienne de maintenance ».",
    )
    contract_types = forms.MultipleChoiceField(
        label="Types de contrat",
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_time = forms.MultipleChoiceField(
        label="Temps de travail",
        choices=WorkingTime.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    driving_licence = forms.NullBooleanField(
        label="Permis de conduire (B)", required=False, widget=_YesNoNotStated
    )
    sectors = SectorMultipleField(label="Secteurs d'activité", required=False)
    skills = StringListField(label="Compétences", help_text="Une compétence par ligne.")

    class Meta:
        model = CandidateProfile
        fields = [
            "headline",
            "phone",
            "home_commune",
            "desired_jobs",
            "contract_types",
            "working_time",
            "available_from",
            "driving_licence",
            "salary_min",
            "sectors",
            "skills",
        ]
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"salary_min": "Brut annuel, en euros."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        # The stored number is E.164 (+33612345678); the field shows it as people write it.
        if "phone" in self.fields and self.instance.phone:
            self.initial["phone"] = french.phone(self.instance.phone)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        return normalize_phone(phone) if phone else ""

    def profile_data(self) -> dict:
        """The cleaned values for ``candidate_profile_update(data=...)`` (sectors apart)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "sectors"}


class CvthequeConsentForm(forms.Form):
    visible_in_cvtheque = forms.BooleanField(
        label="J'accepte que mon profil et mon CV soient consultables par les recruteurs dans la CVthèque",
        help_text=(
            "Vous pouvez retirer votre accord à tout moment : votre profil disparaît alors aussitôt de "
            "la CVthèque. Sans connexion pendant deux ans, il n'y est plus affiché."
        ),
        required=False,
    )


class CvUploadForm(forms.Form):
    cv = CvFileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class _RowForm(forms.Form):
    """One row of a profile list (experiences, education, languages, places). The rows are rendered
    inside the section's single <form>: crispy must not wrap each of them in a <form> of its own.
    ``layout`` pairs short fields side by side; the formset's "Supprimer" box comes last."""

    layout: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        if self.layout:
            self.helper.layout = Layout(*(
                Row(*(Column(name, css_class="col-md") for name in item)) if isinstance(item, tuple) else item
                for item in self.layout
            ))
            self.helper.render_unmentioned_fields = True


class ExperienceForm(_RowForm):
    title = forms.CharField(label="Poste", max_length=MAX_SHORT_TEXT)
    employer = forms.CharField(label="Employeur", max_length=MAX_SHORT_TEXT, required=False)
    sector = SectorField(label="Secteur", required=False, empty_label="Non précisé")
    start = MonthField(label="Début")
    end = MonthField(label="Fin", required=False, help_text="Laissez vide pour votre poste actuel.")
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    layout = (("title", "employer"), "sector", ("start", "end"), "description")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "La fin précède le début.")
        if start:
            try:
                validate_started_month(start)
            except ValidationError as error:
                self.add_error("start", error)
        return cleaned


class EducationForm(_RowForm):
    level = forms.TypedChoiceField(
        label="Niveau",
        choices=[("", "Non classé"), *DiplomaLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    title = forms.CharField(label="Diplôme", max_length=200,
                            error_messages={"required": "Indiquez l'intitulé du diplôme ou de la formation."})
    school = forms.CharField(label="Établissement", max_length=200, required=False)
    year = forms.IntegerField(
        label="Année d'obtention", min_value=1940, max_value=2100, required=False,
        error_messages={"min_value": "Indiquez une année à partir de 1940.",
                        "max_value": "Indiquez une année avant 2100.",
                        "invalid": "Indiquez une année en chiffres, par exemple 2017."},
    )

    layout = ("title", ("level", "year"), "school")


class LanguageForm(_RowForm):
    language = forms.ModelChoiceField(label="Langue", queryset=Language.objects.all(),
                                      empty_label="Choisissez une langue")
    level = forms.ChoiceField(
        label="Niveau", choices=[("", "Non précisé"), *CefrLevel.choices], required=False
    )

    layout = (("language", "level"),)


class DesiredPlaceForm(_RowForm):
    commune = CommuneField(label="Commune", required=False)
    radius_km = forms.IntegerField(
        label="Rayon (km)", min_value=RADIUS_KM_MIN, max_value=RADIUS_KM_MAX, required=False, initial=30
    )
    department = forms.ModelChoiceField(
        label="ou département", queryset=Department.objects.all(), required=False, empty_label="Aucun"
    )

    layout = (("commune", "radius_km"), "department")

    def clean(self):
        cleaned = super().clean()
        commune, department = cleaned.get("commune"), cleaned.get("department")
        if commune and department:
            self.add_error("department", ValidationError(
                "Indiquez soit une commune et un rayon, soit un département.", code="ambiguous"))
        elif not commune and not department and not self.errors:
            self.add_error("commune", ValidationError("Indiquez une commune ou un département.", code="empty"))
        if department:
            cleaned["radius_km"] = None
        elif cleaned.get("radius_km") is None:
            cleaned["radius_km"] = 0
        return cleaned


class _RowFormSet(forms.BaseFormSet):
    """The rows of a profile list; ``item`` names one row in the French labels ("une expérience")."""

    item = "cette ligne"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = f"Supprimer {self.item}"


class _UniqueLanguageFormSet(_RowFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not form.is_valid():
                continue
            language = form.cleaned_data["language"]
            if language.pk in seen:
                # Said on the repeated row, next to its language.
                form.add_error("language", ValidationError(
                    "La langue « %(name)s » figure deux fois.", code="duplicate", params={"name": language}))
            seen.add(language.pk)


def _formset(form, *, item: str, formset=_RowFormSet):
    formset_class = forms.formset_factory(
        form, formset=formset, extra=1, can_delete=True, max_num=50, validate_max=True
    )
    formset_class.item = item
    return formset_class


ExperienceFormSet = _formset(ExperienceForm, item="cette expérience")
EducationFormSet = _formset(EducationForm, item="cette formation")
LanguageFormSet = _formset(LanguageForm, item="cette langue", formset=_UniqueLanguageFormSet)
DesiredPlaceFormSet = _formset(DesiredPlaceForm, item="ce lieu")


def formset_items(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset, for the ``candidate_*_replace`` services."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.has_changed() and not formset._should_delete_form(form)
    ]


# --- Candidate space: sign-up, the profile editor's sections, erasure -----------------------------------

class CandidateSignupForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Nom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."},
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy_read = forms.BooleanField(
        label="J'ai lu comment mes données personnelles sont utilisées",
        error_messages={"required": "Cochez cette case après avoir lu la page « Données personnelles »."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("first_name", "votre prénom"), ("last_name", "votre nom"),
                            ("email", "votre adresse électronique"), ("password", "un mot de passe")):
            self.fields[name].error_messages["required"] = f"Indiquez {label}."
        self.helper = _helper()


class _ProfileSectionForm(CandidateProfileForm):
    """One part of the profile editor: the profile form limited to the fields of ``Meta.fields``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CandidateProfileForm.Meta.fields:
            if name not in self._meta.fields:
                self.fields.pop(name, None)

    @property
    def has_sectors(self) -> bool:
        return "sectors" in self.fields


class IdentitySectionForm(_ProfileSectionForm):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)

    class Meta(CandidateProfileForm.Meta):
        fields = ["headline", "phone", "home_commune"]
        labels = {"headline": "Titre de votre profil"}
        help_texts = {"headline": "Par exemple « Technicienne de maintenance, 8 ans d'expérience ».",
                      "phone": "Visible des recruteurs seulement si votre profil est dans la CVthèque."}

    field_order = ["first_name", "last_name", "headline", "phone", "home_commune"]


class SearchSectionForm(_ProfileSectionForm):
    class Meta(CandidateProfileForm.Meta):
        fields = ["desired_jobs", "contract_types", "working_time", "available_from", "salary_min",
                  "driving_licence", "sectors"]


class SkillsSectionForm(_ProfileSectionForm):
    class Meta(CandidateProfileForm.Meta):
        fields = ["skills"]


class AccountEraseForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Indiquez votre mot de passe pour confirmer."},
    )
    confirm = forms.BooleanField(
        label="Je comprends que mon compte, mon profil, mon CV et mes candidatures seront supprimés définitivement",
        error_messages={"required": "Cochez cette case pour confirmer la suppression."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
