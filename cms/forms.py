"""Forms of the cms: the company page editor form (publish-time rules) and the public listing filters."""

from __future__ import annotations

from collections import Counter

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import Benefit
from .icons import benefit_icon
from .validators import publication_errors


class BenefitIconSelect(forms.RadioSelect):
    """The benefit list as a grid of icons to click, each with its label."""

    template_name = "cms/widgets/benefit_select.html"
    option_template_name = "cms/widgets/benefit_option.html"

    class Media:
        css = {"all": ["cms/admin.css"]}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["icon"] = benefit_icon(value, size=28) if value else ""
        return option


class CompanyPageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; submitting for moderation, publishing or approving checks everything.

    Wagtail (7+) calls ``defer_required_fields()`` on the form only for a plain "save draft", so
    ``is_deferred_validation`` tells a draft from every other action (submit, publish, workflow
    approval, restart of the workflow).
    """

    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            return cleaned
        errors = publication_errors(
            banner=cleaned.get("banner"),
            logo=cleaned.get("logo"),
            description=cleaned.get("description") or "",
            spontaneous_applications_enabled=bool(cleaned.get("spontaneous_applications_enabled")),
            spontaneous_applications_email=cleaned.get("spontaneous_applications_email") or "",
        )
        for field, messages in errors.items():
            if field not in self.errors:
                self.add_error(field, messages)
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        benefits = self.formsets.get("benefits")
        if benefits is None:
            return valid
        kept = [
            form
            for form in benefits.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("kind")
        ]
        counts = Counter(form.cleaned_data["kind"] for form in kept)
        seen = set()
        for form in kept:
            kind = form.cleaned_data["kind"]
            if counts[kind] > 1 and kind in seen:
                form.add_error("kind", f"« {Benefit(kind).label} » figure déjà plus haut : gardez-en un seul.")
                valid = False
            seen.add(kind)
        return valid


class CompanyFilterForm(forms.Form):
    """Search and filters of the "Entreprises" listing (GET; every field optional)."""

    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    secteur = forms.ChoiceField(label="Secteur d'activité", required=False)
    departement = forms.ChoiceField(label="Département", required=False)
    avantages = forms.MultipleChoiceField(
        label="Avantages proposés", required=False, choices=Benefit.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sectors=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secteur"].choices = [("", "Tous les secteurs"), *sectors]
        self.fields["departement"].choices = [("", "Tous les départements"), *departments]
        self.fields["q"].widget.attrs.update({"placeholder": "Nom, activité, ville…", "type": "search"})
