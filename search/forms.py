"""Forms of the CVthèque pages (Wagtail admin). They check the shape of the input; rules live in services."""

from django import forms

from recruiters.forms import add_service_errors

from .choices import (
    MAX_COMMENT_LENGTH,
    MAX_CONTACT_LENGTH,
    MAX_FOLDER_NAME,
    AlertFrequency,
    ProfileStatusValue,
)

__all__ = [
    "CommentForm",
    "ContactForm",
    "FolderForm",
    "RetainForm",
    "SaveSearchForm",
    "SavedSearchForm",
    "StatusForm",
    "add_service_errors",
]


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Commentaire (visible uniquement par votre entreprise)",
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Écrivez votre commentaire.",
            "max_length": f"Le commentaire est trop long : {MAX_COMMENT_LENGTH} caractères au plus.",
        },
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Statut",
        choices=[("", "— Choisir un statut —"), *ProfileStatusValue.choices],
        error_messages={
            "required": "Choisissez un statut : vu, retenu, écarté ou contacté.",
            "invalid_choice": "Statut inconnu : choisissez vu, retenu, écarté ou contacté.",
        },
    )


class RetainForm(forms.Form):
    """Retain into an existing folder, or into a new one named here."""

    folder = forms.TypedChoiceField(label="Dossier", coerce=int, required=False, empty_value=None)
    new_folder = forms.CharField(label="ou nouveau dossier", max_length=MAX_FOLDER_NAME, required=False)

    def __init__(self, *args, folders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].choices = [("", "— Choisir un dossier —")] + [(f.pk, f.name) for f in folders]
        self.fields["folder"].error_messages["invalid_choice"] = "Ce dossier n'existe pas ou ne vous est pas accessible."

    def clean(self):
        data = super().clean()
        if not data.get("folder") and not (data.get("new_folder") or "").strip() and "folder" not in self.errors:
            self.add_error("new_folder", "Choisissez un dossier ou donnez un nom au nouveau dossier.")
        return data


class ContactForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=200,
                              error_messages={"required": "Indiquez l'objet du message."})
    body = forms.CharField(
        label="Message",
        max_length=MAX_CONTACT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Le candidat recevra ce message par courriel ; sa réponse vous parviendra directement.",
        error_messages={
            "required": "Écrivez votre message.",
            "max_length": f"Le message est trop long : {MAX_CONTACT_LENGTH} caractères au plus.",
        },
    )


class FolderForm(forms.Form):
    name = forms.CharField(label="Nom du dossier", max_length=MAX_FOLDER_NAME,
                           error_messages={"required": "Donnez un nom au dossier."})
    shared = forms.BooleanField(label="Partager avec mes collègues de l'entreprise", required=False)


class SavedSearchForm(forms.Form):
    name = forms.CharField(label="Nom de la recherche", max_length=MAX_FOLDER_NAME,
                           error_messages={"required": "Donnez un nom à la recherche."})
    alert_frequency = forms.ChoiceField(
        label="Alerte par courriel",
        choices=AlertFrequency.choices,
        initial=AlertFrequency.NONE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Fréquence d'alerte inconnue : aucune, chaque jour ou chaque semaine."},
    )


class SaveSearchForm(SavedSearchForm, RetainForm):
    """Save the current criteria (a query string) into a folder, existing or new, or put them in place
    of an existing saved search's criteria."""

    criteria = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    replace = forms.TypedChoiceField(label="ou remplacer les critères de", coerce=int, required=False,
                                     empty_value=None)

    def __init__(self, *args, searches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replace"].choices = [("", "— Nouvelle recherche —")] + [
            (search.pk, f"{search.name} ({search.folder.name})") for search in searches
        ]
        self.fields["replace"].error_messages["invalid_choice"] = "Cette recherche n'existe pas ou ne vous est pas accessible."

    def clean(self):
        if self.data.get("replace"):
            # Replacing criteria needs no folder.
            return forms.Form.clean(self)
        return super().clean()
