from django import forms

from portal.candidates.cv import CvFileField
from portal.reference.choices import ContractType, WorkingTime
from portal.reference.forms import CommuneField
from portal.reference.forms_sectors import SectorField

DEPARTMENT = "departement"
RADIUS_CHOICES = [
    ("0", "Dans la commune"),
    ("10", "10 km"),
    ("20", "20 km"),
    ("30", "30 km"),
    ("50", "50 km"),
    ("100", "100 km"),
    (DEPARTMENT, "Tout le département"),
]
# Around a place, a job seeker means nearby (the home page searches 30 km around too).
DEFAULT_RADIUS = "30"


class OfferSearchForm(forms.Form):
    q = forms.CharField(label="Métier, mots-clés", required=False, max_length=200,
                        error_messages={"max_length": "Recherche trop longue : 200 caractères au plus."})
    commune = CommuneField(label="Lieu", required=False)
    radius = forms.ChoiceField(
        label="Rayon", choices=RADIUS_CHOICES, required=False, initial=DEFAULT_RADIUS,
        error_messages={"invalid_choice": "Rayon inconnu : choisissez dans la commune, 10, 20, 30, 50 ou 100 km, "
                                          "ou tout le département."},
    )
    contract_type = forms.ChoiceField(
        label="Contrat", choices=[("", "Tous")] + ContractType.choices, required=False
    )
    working_time = forms.ChoiceField(
        label="Temps de travail", choices=[("", "Tous")] + WorkingTime.choices, required=False
    )
    sector = SectorField(label="Secteur", required=False, empty_label="Tous", help_text="Nom ou code NAF.")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("radius"):
            # A link with a place and no radius (or the radius left out) means the default radius.
            data = data.copy()
            data["radius"] = DEFAULT_RADIUS
        super().__init__(data, *args, **kwargs)
        for name, field in self.fields.items():
            if name != "commune":
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def clean_radius(self):
        return self.cleaned_data.get("radius") or DEFAULT_RADIUS


class ApplyForm(forms.Form):
    use_profile_cv = forms.BooleanField(label="Utiliser le CV de mon profil", required=False, initial=True)
    cv = CvFileField(label="Ou joindre un autre CV", required=False)
    message = forms.CharField(
        label="Message au recruteur",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if not (profile and profile.cv_file):
            del self.fields["use_profile_cv"]
            self.fields["cv"].label = "Votre CV"
            self.fields["cv"].required = True
            self.fields["cv"].error_messages["required"] = "Joignez votre CV : un fichier PDF, DOCX ou ODT."

    def clean(self):
        data = super().clean()
        if data.get("cv") is None and not data.get("use_profile_cv") and "cv" not in self.errors:
            self.add_error("cv", "Choisissez le CV de votre profil ou joignez un fichier.")
        return data
