"""Forms of the cms: the company page editor form (publish-time rules), its banner and logo choosers,
and the public listing filters."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images.widgets import AdminImageChooser

from .choices import BANNER_RULE, IMAGE_RULES, LOGO_RULE, Benefit, ImageRule
from .icons import benefit_icon
from .images import published_image, read_image_source, source_problem
from .validators import publication_errors

RULE_KEYS = {rule: key for key, rule in IMAGE_RULES.items()}


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


# --- Banner and logo -----------------------------------------------------------------------------------

def published_image_state(image, rule: ImageRule) -> dict:
    """What the editor shows under a banner or logo chooser: the published image, or why there is none."""
    state = {"rule": rule, "image": image, "published": None, "problem": None, "edit_url": ""}
    if image is None:
        return state
    state["edit_url"] = reverse("wagtailimages:edit", args=[image.pk])
    state["problem"] = source_problem(read_image_source(image), rule)
    if state["problem"] is None:
        try:
            state["published"] = published_image(image, rule)
        except (OSError, ValueError):
            state["problem"] = f"{rule.label} n'a pas pu être {rule.agreed('préparé')} : envoyez {rule.expected_source}."
    return state


def render_published_image(image, rule: ImageRule) -> str:
    return render_to_string("cms/widgets/published_image.html", published_image_state(image, rule))


class CompanyImageChooser(AdminImageChooser):
    """The image chooser of the banner or the logo: its modal lists and accepts only images that can
    become the published one, and the published crop is shown under it, with its size and weight."""

    rule: ImageRule = BANNER_RULE
    link_to_chosen_text = "Modifier l'image (point focal)"

    def get_chooser_modal_url(self):
        return reverse(f"cms_{RULE_KEYS[self.rule]}_chooser:choose")

    def render_html(self, name, value_data, attrs):
        chooser = super().render_html(name, value_data, attrs)
        image = self.get_instance((value_data or {}).get("id"))
        preview_url = reverse("cms:published_image", args=[RULE_KEYS[self.rule]])
        return render_to_string(
            "cms/widgets/company_image_chooser.html",
            {
                "chooser": chooser,
                "input_id": attrs["id"],
                "preview_url": preview_url,
                "published_html": render_published_image(image, self.rule),
                "rule": self.rule,
            },
        )


class BannerChooser(CompanyImageChooser):
    rule = BANNER_RULE
    choose_one_text = "Choisir ou envoyer une bannière"
    choose_another_text = "Changer de bannière"


class LogoChooser(CompanyImageChooser):
    rule = LOGO_RULE
    choose_one_text = "Choisir ou envoyer un logo"
    choose_another_text = "Changer de logo"


# --- The company page editor ----------------------------------------------------------------------------

class CompanyPageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; submitting for moderation, publishing or approving checks everything.

    Wagtail (7+) calls ``defer_required_fields()`` on the form only for a plain "save draft", so
    ``is_deferred_validation`` tells a draft from every other action (submit, publish, workflow
    approval, restart of the workflow).
    """

    def clean(self):
        cleaned = super().clean()
        # An image that can never be published is refused even in a draft, next to its chooser.
        for field, rule in (("banner", BANNER_RULE), ("logo", LOGO_RULE)):
            image = cleaned.get(field)
            problem = image is not None and source_problem(read_image_source(image), rule)
            if problem and field not in self.errors:
                self.add_error(field, problem)
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

    # Choices are the sectors and departments of published pages: a saved link may name one that has
    # none any more.
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    secteur = forms.ChoiceField(
        label="Secteur d'activité",
        required=False,
        error_messages={"invalid_choice": "Aucune entreprise publiée n'est de ce secteur : choisissez-en un dans la liste."},
    )
    departement = forms.ChoiceField(
        label="Département",
        required=False,
        error_messages={
            "invalid_choice": "Aucune entreprise publiée n'est dans ce département : choisissez-en un dans la liste."
        },
    )
    avantages = forms.MultipleChoiceField(
        label="Avantages proposés",
        required=False,
        choices=Benefit.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Cet avantage n'existe pas : cochez-en un dans la liste."},
    )

    def __init__(self, *args, sectors=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secteur"].choices = [("", "Tous les secteurs"), *sectors]
        self.fields["departement"].choices = [("", "Tous les départements"), *departments]
        self.fields["q"].widget.attrs.update({"placeholder": "Nom, activité, ville…", "type": "search"})
