"""Forms of the matching views. The criteria form reads GET parameters (so a search is a shareable,
bookmarkable URL, and the JSON endpoint takes the very same parameters)."""

from __future__ import annotations

import re

from django import forms

from portal.candidates.cv import ACCEPT_ATTRIBUTE
from portal.reference.choices import ContractType, DiplomaLevel, WorkingTime
from portal.reference.forms import CommuneField
from portal.reference.forms_sectors import SectorMultipleField
from portal.reference.models import Language
from portal.reference.text import fold
from search.forms import RetainForm, SavedSearchForm

from .choices import MAX_OFFER_TEXT_CHARS, MAX_TRANSFER_MESSAGE
from .engine import (
    CRITERIA,
    CRITERION_LABELS,
    DEFAULT_RADIUS_KM,
    DEFAULT_THRESHOLD,
    SORT_KEYS,
    weights_from_importance,
)
from .extraction import ACCEPTED_FORMATS

SORT_LABELS = {
    "score": "Compatibilité",
    "last_login": "Dernière connexion",
    "updated": "Dernière mise à jour",
    "experience": "Expérience",
}
IMPORTANCE_CHOICES = [(0, "Ignoré"), (1, "Normale"), (2, "Importante"), (3, "Très importante")]
# "anglais B2", "en B2", "Anglais : C1", "allemand": a language (name or ISO code), then an optional CEFR level.
_LANGUAGE = re.compile(r"^(.+?)(?:\s*[:\s]\s*([abc][12]))?$")


def _language_codes() -> dict[str, str]:
    """Folded name or ISO code -> code, for the languages of the reference data."""
    codes = {}
    for code, name in Language.objects.values_list("code", "name"):
        codes[fold(name)] = code
        codes[code.lower()] = code
    return codes


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value or "") if part.strip()]


class CriteriaForm(forms.Form):
    job_titles = forms.CharField(label="Intitulés de poste", required=False, max_length=1000,
                                 help_text="Séparés par des virgules.")
    min_years = forms.IntegerField(label="Années d'expérience (minimum)", required=False, min_value=0, max_value=50)
    diploma_level = forms.TypedChoiceField(
        label="Niveau de diplôme minimal", required=False, coerce=int, empty_value=None,
        choices=[("", "—"), *DiplomaLevel.choices],
    )
    sectors = SectorMultipleField(label="Secteurs", required=False)
    commune = CommuneField(label="Lieu", required=False)
    radius_km = forms.IntegerField(label="Rayon (km)", required=False, min_value=0, max_value=200,
                                   help_text=f"Vide : {DEFAULT_RADIUS_KM:g} km autour du lieu.")
    contract_types = forms.MultipleChoiceField(label="Types de contrat", required=False,
                                               choices=ContractType.choices, widget=forms.CheckboxSelectMultiple)
    working_time = forms.ChoiceField(label="Temps de travail", required=False,
                                     choices=[("", "—"), *WorkingTime.choices])
    skills = forms.CharField(label="Compétences", required=False, max_length=1000, help_text="Séparées par des virgules.")
    languages = forms.CharField(label="Langues", required=False, max_length=200,
                                help_text="Langue et niveau (A1 à C2) facultatif, par exemple « anglais B2, allemand ».")
    required = forms.MultipleChoiceField(label="Critères indispensables", required=False,
                                         choices=[(name, CRITERION_LABELS[name]) for name in CRITERIA])
    threshold = forms.IntegerField(label="Compatibilité minimale (%)", required=False, min_value=0, max_value=100)
    sort = forms.ChoiceField(label="Trier par", required=False, choices=[(key, SORT_LABELS[key]) for key in SORT_KEYS])
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    page = forms.IntegerField(required=False, min_value=1, max_value=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[f"importance_{name}"] = forms.TypedChoiceField(
                label=f"Importance : {CRITERION_LABELS[name]}", required=False, coerce=int, empty_value=1,
                choices=IMPORTANCE_CHOICES, initial=1,
                widget=forms.Select(attrs={"aria-label": f"Importance : {CRITERION_LABELS[name]}"}),
            )

    def clean_sectors(self):
        return [sector.code for sector in self.cleaned_data.get("sectors") or []]

    def clean_languages(self):
        parts = _split(self.cleaned_data.get("languages"))
        if not parts:
            return []
        codes = _language_codes()
        pairs = []
        for part in parts:
            match = _LANGUAGE.match(fold(part))
            code = codes.get(match.group(1).strip()) if match else None
            if code is None:
                raise forms.ValidationError(
                    f"Langue illisible : « {part} » (écrivez par exemple « anglais B2 » ou « allemand »)."
                )
            pairs.append({"code": code, "level": match.group(2).upper() if match.group(2) else None})
        return pairs

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            "job_titles": _split(data.get("job_titles")),
            "min_years": data.get("min_years"),
            "diploma_level": data.get("diploma_level"),
            "sectors": data.get("sectors") or [],
            "commune": data["commune"].pk if data.get("commune") else None,
            "radius_km": data.get("radius_km"),
            "contract_types": data.get("contract_types") or [],
            "working_time": data.get("working_time") or None,
            "skills": _split(data.get("skills")),
            "languages": data.get("languages") or [],
        }

    def weights(self) -> dict:
        return weights_from_importance({name: self.cleaned_data.get(f"importance_{name}", 1) for name in CRITERIA})

    @property
    def threshold_value(self) -> int:
        value = self.cleaned_data.get("threshold")
        return DEFAULT_THRESHOLD if value is None else value

    @staticmethod
    def initial_from_criteria(criteria: dict) -> dict:
        """GET parameters that fill the form with a criteria mapping (an offer's, an extraction's)."""
        names = dict(Language.objects.values_list("code", "name")) if criteria.get("languages") else {}
        languages = ", ".join(
            " ".join(filter(None, (names.get(item["code"], item["code"]), item.get("level"))))
            for item in criteria.get("languages", [])
        )
        return {
            "job_titles": ", ".join(criteria.get("job_titles", [])),
            "min_years": criteria.get("min_years"),
            "diploma_level": criteria.get("diploma_level"),
            "sectors": list(criteria.get("sectors", [])),
            "commune": criteria.get("commune") or "",
            "radius_km": criteria.get("radius_km"),
            "contract_types": criteria.get("contract_types", []),
            "working_time": criteria.get("working_time") or "",
            "skills": ", ".join(criteria.get("skills", [])),
            "languages": languages,
        }


class OfferUploadForm(forms.Form):
    file = forms.FileField(label="Fichier de l'offre", required=False,
                           help_text=f"Formats acceptés : {ACCEPTED_FORMATS}.",
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE + ",.txt,text/plain"}))
    text = forms.CharField(label="Ou rédigez l'offre", required=False, max_length=MAX_OFFER_TEXT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 12}))

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Choisissez un fichier ou rédigez le texte de l'offre.")
        return data


class TransferForm(forms.Form):
    recipient = forms.EmailField(
        label="Adresse du destinataire",
        error_messages={"required": "Indiquez l'adresse e-mail du destinataire.",
                        "invalid": "Adresse e-mail du destinataire invalide : écrivez-la comme nom@exemple.fr."},
    )
    message = forms.CharField(
        label="Message", required=False, max_length=MAX_TRANSFER_MESSAGE, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Le message est trop long : {MAX_TRANSFER_MESSAGE} caractères au plus."},
    )


class SaveMatchingSearchForm(SavedSearchForm, RetainForm):
    """Save the page's search into a CVthèque folder (existing or new), with an optional alert."""
