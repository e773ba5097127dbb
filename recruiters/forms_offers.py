"""Forms of the recruiter space for offers, applications and augmented offers (issue 6)."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.rich_text import get_rich_text_editor_widget

from portal.ops.uploads import ProjectImageField
from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel
from portal.reference.forms import CommuneField
from portal.reference.forms_sectors import SectorMultipleField
from portal.reference.models import Language
from portal.reference.selectors import commune_label, commune_list
from portal.reference.text import fold
from portal.reference.video import embed_url

from .choices import ApplicationStatus, AugmentedMediaType, EmailTemplateKind, NotificationFrequency
from .models import (
    Application,
    AugmentedOfferImage,
    AugmentedOfferRule,
    EmailTemplate,
    JobOffer,
    JobOfferLanguage,
    email_template_variables,
)

MAX_LIST_ITEMS = 30


class CommaListField(forms.CharField):
    """A list of short texts typed one per line or separated by commas."""

    def __init__(self, *, max_items=MAX_LIST_ITEMS, **kwargs):
        self.max_items = max_items
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items, seen = [], set()
        for raw in text.replace("\n", ",").split(","):
            item = " ".join(raw.split())
            if item and item.lower() not in seen:
                seen.add(item.lower())
                items.append(item)
        if len(items) > self.max_items:
            raise ValidationError(f"{self.max_items} éléments au plus.")
        for item in items:
            if len(item) > 150:
                raise ValidationError(f"« {item[:30]}… » dépasse 150 caractères.")
        return items


# Date inputs only accept ISO values: a localised "13/01/2027" shows an empty box and is posted back empty.
ISO_DATE = "%Y-%m-%d"


def iso_date_input(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format=ISO_DATE)


class EndOfDayField(forms.DateField):
    """A day picked in a date input for a datetime column: the offer stays open until that day's end (Paris time)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", iso_date_input())
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date()
        return value

    def to_python(self, value):
        day = super().to_python(value)
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))

    def has_changed(self, initial, data):
        # Compared by day: an expiry set at publication (a time of day) is unchanged when its day is posted back.
        if self.disabled:
            return False
        try:
            picked = self.to_python(data)
        except ValidationError:
            return True
        return self.prepare_value(initial) != self.prepare_value(picked)


class JobOfferForm(forms.ModelForm):
    job_titles = CommaListField(
        label="Intitulés de poste", max_items=10,
        help_text="Un ou plusieurs métiers, séparés par des virgules (par exemple « Technicien de maintenance »).",
    )
    skills = CommaListField(label="Compétences", help_text="Séparées par des virgules.")
    commune = CommuneField(label="Lieu de travail", required=False)
    sectors = SectorMultipleField(label="Secteurs d'activité", required=False)
    expires_at = EndOfDayField(
        label="Date d'expiration", required=False,
        help_text="L'offre reste en ligne jusqu'à ce jour inclus. Sans date, elle expire 60 jours après sa publication.",
    )
    # Plain fields: a RichTextField's own form field would build the editor widget at import time.
    description = forms.CharField(label="Description du poste", required=False)
    missions = forms.CharField(label="Missions", required=False)
    profile_sought = forms.CharField(label="Profil recherché", required=False)
    start_date = forms.DateField(label="Date de prise de poste", required=False, widget=iso_date_input())

    class Meta:
        model = JobOffer
        fields = [
            "title", "description", "missions", "profile_sought", "job_titles", "min_years", "diploma_level",
            "diploma_field", "sectors", "skills", "contract_type", "working_time", "commune", "radius_km", "remote_possible",
            "salary_min", "salary_max", "start_date", "positions", "expires_at", "campaign",
        ]

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import: the editor widget looks up Wagtail hooks, which import this app's hooks.
        self.unreadable = set()
        for name in ("description", "missions", "profile_sought"):
            self.fields[name].widget = self._tolerant(
                get_rich_text_editor_widget(features=["bold", "italic", "ol", "ul", "link"]), name
            )
            # Draftail's editable area is not the <textarea> the label points at; name it after the label Wagtail renders.
            widget = self.fields[name].widget
            widget.options = {**widget.options, "ariaLabelledBy": f"{self[name].id_for_label}-label"}

        self.fields["diploma_level"].choices = [("", "Non précisé"), *DiplomaLevel.choices]
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].empty_label = "Aucune campagne"
        self.fields["campaign"].label_from_instance = lambda c: (
            f"{c.name} (catalogue de la plateforme)" if c.company_id is None else c.name
        )

    def _tolerant(self, widget, name):
        # The editor posts JSON; anything else is a tampered or broken post, reported, never a 500.
        read = widget.value_from_datadict

        def value_from_datadict(data, files, field_name):
            try:
                return read(data, files, field_name)
            except (ValueError, TypeError, KeyError, AttributeError):
                self.unreadable.add(name)
                return ""

        widget.value_from_datadict = value_from_datadict
        return widget

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if "expires_at" not in self.changed_data:
            return self.instance.expires_at if self.instance.pk else value
        if value is not None and value < timezone.now():
            raise ValidationError("Cette date est passée : choisissez aujourd'hui ou une date à venir.")
        return value

    def clean(self):
        data = super().clean()
        for name in self.unreadable:
            self.add_error(name, "Ce texte mis en forme est illisible : rechargez la page et saisissez-le à nouveau.")
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "Le salaire maximum doit être supérieur ou égal au salaire minimum.")
        return data


class OfferLanguageForm(forms.ModelForm):
    language = forms.ModelChoiceField(label="Langue", queryset=Language.objects.all(),
                                      empty_label="Choisissez une langue")
    level = forms.ChoiceField(label="Niveau minimal", choices=[("", "Choisissez un niveau"), *CefrLevel.choices],
                              error_messages={"required": "Choisissez le niveau attendu dans cette langue."})

    class Meta:
        model = JobOfferLanguage
        fields = ["language", "level"]


OfferLanguageFormSet = forms.inlineformset_factory(
    JobOffer, JobOfferLanguage, form=OfferLanguageForm, extra=2, max_num=8, can_delete=True
)


class BulkStatusForm(forms.Form):
    """The bar above "Mes candidatures": a new status for the rows ticked in the table (named "select")."""

    status = forms.ChoiceField(
        label="Pour la sélection", choices=[("", "Choisissez un statut"), *ApplicationStatus.choices],
        error_messages={"required": "Choisissez le nouveau statut des candidatures cochées."},
    )
    select = forms.ModelMultipleChoiceField(
        label="Candidatures", queryset=Application.objects.none(),
        error_messages={
            "required": "Cochez au moins une candidature dans la liste ci-dessous.",
            "invalid_choice": "Une des candidatures cochées ne vous est pas accessible : rechargez la page.",
            "invalid_pk_value": "Une des candidatures cochées ne vous est pas accessible : rechargez la page.",
        },
    )

    def __init__(self, *args, applications=None, **kwargs):
        # Its own ids: the filter form above the list also has a "status" field.
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        if applications is not None:
            self.fields["select"].queryset = applications


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Statut", choices=ApplicationStatus.choices)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == self.current:
            raise ValidationError(
                f"La candidature est déjà au statut « {ApplicationStatus(status).label} » : choisissez-en un autre."
            )
        return status


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Commentaire privé", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Visible par les recruteurs de votre entreprise seulement.",
        error_messages={"required": "Écrivez le commentaire avant de l'ajouter."},
    )


_LEFT_PLACEHOLDER = re.compile(r"\{[^{}\s]{1,40}\}")


class CandidateEmailForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=200,
                              error_messages={"required": "Indiquez l'objet de l'e-mail."})
    body = forms.CharField(label="Message", max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={"required": "Écrivez le message avant de l'envoyer."})

    def _no_placeholder_left(self, name):
        text = self.cleaned_data[name]
        left = _LEFT_PLACEHOLDER.search(text)
        if left:
            raise ValidationError(f"Remplacez « {left.group(0)} » par le texte voulu avant l'envoi.")
        return text

    def clean_subject(self):
        return self._no_placeholder_left("subject")

    def clean_body(self):
        return self._no_placeholder_left("body")


class EmailPrepareForm(forms.Form):
    """Which template fills the e-mail to the candidate, and the refusal reason it quotes."""

    modele = forms.ChoiceField(label="Modèle", choices=EmailTemplateKind.choices)
    motif = forms.CharField(label="Motif du refus", max_length=300, required=False,
                            help_text="Repris dans le modèle « Refus avec motif » à la place de {motif}.")

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = templates or {}

    def clean(self):
        data = super().clean()
        template = self.templates.get(data.get("modele"))
        uses_reason = False
        if template is not None:
            try:
                uses_reason = "motif" in email_template_variables(template.subject + template.body)
            except ValidationError:
                uses_reason = "{motif}" in template.subject + template.body
        if uses_reason and not data.get("motif"):
            self.add_error("motif", "Indiquez le motif du refus : le modèle le reprend dans le message.")
        return data


class NotificationForm(forms.Form):
    application_frequency = forms.ChoiceField(label="Nouvelles candidatures", choices=NotificationFrequency.choices)


class EmailTemplateForm(forms.ModelForm):
    """A company's wording of one e-mail to candidates (one form per kind on the settings page)."""

    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]
        labels = {"subject": "Objet", "body": "Texte"}
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": "Remplacés à l'envoi : {prenom} et {nom} du candidat, {offre} (intitulé du poste), "
                    "{entreprise}, {recruteur} (votre nom), {motif} (saisi au moment du refus).",
        }
        error_messages = {
            "subject": {"required": "Indiquez l'objet de l'e-mail."},
            "body": {"required": "Écrivez le texte du modèle."},
        }


_NAME_AND_INSEE = re.compile(r"^(?P<name>.+?)\s*\((?P<insee>[0-9][0-9AB][0-9]{3})\)$")


def _commune_text(commune) -> str:
    """How a chosen commune is written back in the list: "Clermont-Ferrand (63)", or with its INSEE
    code when another commune of the department has the same name."""
    namesakes = commune_list().filter(department_id=commune.department_id, search_name=commune.search_name)
    return commune_label(commune) if namesakes.count() == 1 else f"{commune.name} ({commune.insee})"


def _commune_by_name_and_insee(text: str):
    match = _NAME_AND_INSEE.match(text)
    if match is None:
        return None
    commune = commune_list().filter(insee=match["insee"].upper()).first()
    return commune if commune is not None and fold(commune.name) == fold(match["name"]) else None


class AugmentedRuleForm(forms.ModelForm):
    commune_codes = forms.CharField(
        label="Lieux (noms de communes ou codes INSEE)", required=False,
        help_text="Par exemple « Clermont-Ferrand (63) ; Riom (63) », séparés par des points-virgules.",
    )
    contract_types = forms.MultipleChoiceField(
        label="Types de contrat", choices=ContractType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    keywords = CommaListField(label="Intitulés ou mots-clés",
                              help_text="Séparés par des virgules : l'offre doit contenir l'un d'eux.")
    video_url = forms.CharField(
        label="Lien de la vidéo YouTube ou Dailymotion", required=False, max_length=500,
        help_text="Collez le lien tel quel (watch?v=…, youtu.be, dai.ly…) : il est converti automatiquement.",
    )

    class Meta:
        model = AugmentedOfferRule
        fields = ["name", "placement", "media_type", "contract_types", "keywords", "offers", "video_url", "active"]
        widgets = {"offers": forms.CheckboxSelectMultiple}
        labels = {"active": "Active (décochez pour la suspendre sans la supprimer)"}

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["media_type"].choices = [("", "Choisissez le type de média"), *AugmentedMediaType.choices]
        self.fields["media_type"].widget.attrs["data-augmented-type"] = ""
        self.fields["offers"].queryset = offers
        self.fields["offers"].label = "Offres précises"
        if self.instance.pk:
            self.initial["commune_codes"] = "; ".join(_commune_text(c) for c in self.instance.communes.all())

    def clean_commune_codes(self):
        field = CommuneField(required=True)
        communes = []
        for raw in (self.cleaned_data.get("commune_codes") or "").split(";"):
            raw = raw.strip()
            if raw:
                communes.append(_commune_by_name_and_insee(raw) or field.clean(raw))
        return communes

    def clean(self):
        data = super().clean()
        media_type = data.get("media_type")
        if media_type == AugmentedMediaType.VIDEO:
            try:
                data["video_url"] = embed_url(data.get("video_url") or "")
            except ValueError as exc:
                self.add_error("video_url", str(exc))
        else:
            data["video_url"] = ""
        return data


class AugmentedImageForm(forms.ModelForm):
    """One image of an augmented offer, uploaded here: the recruiter needs no access to the image library."""

    upload = ProjectImageField(
        label="Image", required=False,
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"}),
        error_messages={
            "invalid_image": "Ce fichier n'est pas une image (ou il est abîmé) : choisissez une photo JPEG, PNG ou WebP.",
        },
    )

    class Meta:
        model = AugmentedOfferImage
        fields = ["caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["upload"].label = "Remplacer l'image"
        self.fields["upload"].help_text = "JPEG, PNG ou WebP, 10 Mo et 40 millions de pixels au plus."

    @property
    def has_image(self) -> bool:
        return bool(self.instance.image_id or (self.cleaned_data or {}).get("upload"))

    def clean(self):
        data = super().clean()
        if data.get("caption") and not data.get("DELETE") and not self.instance.image_id and not data.get("upload") \
                and "upload" not in self.errors:
            self.add_error("upload", "Choisissez l'image de cette légende.")
        return data


AugmentedImageFormSet = forms.inlineformset_factory(
    AugmentedOfferRule,
    AugmentedOfferImage,
    form=AugmentedImageForm,
    extra=3,
    max_num=12,
    can_delete=True,
)
