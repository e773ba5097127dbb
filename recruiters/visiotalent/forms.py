"""Admin forms of Visiotalent campaigns: the campaign itself and its ordered questions."""

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from ..models import InterviewCampaign, InterviewQuestion


class CampaignForm(forms.ModelForm):
    class Meta:
        model = InterviewCampaign
        fields = ["name", "introduction", "deadline_days", "deadline_date", "retries_allowed", "active"]
        widgets = {
            "deadline_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "deadline_days": "Le candidat dispose de ce nombre de jours à partir de l'invitation.",
            "deadline_date": "Facultatif : au-delà de cette date, plus personne ne peut répondre.",
            "retries_allowed": "Nombre de nouveaux essais permis pour chaque question (0 à 5).",
        }

    def clean_deadline_date(self):
        deadline = self.cleaned_data["deadline_date"]
        # A campaign whose date has passed may still be edited; a new past date would shut it at once.
        if deadline and "deadline_date" in self.changed_data and deadline < timezone.localdate():
            raise forms.ValidationError("Cette date est déjà passée : choisissez une date à venir, ou aucune.")
        return deadline


class QuestionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Question", max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    preparation_seconds = forms.IntegerField(
        label="Préparation (s)", min_value=0, max_value=600, initial=30, required=False,
    )
    max_answer_seconds = forms.IntegerField(
        label="Réponse max. (s)", min_value=10, max_value=600, initial=120, required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip():
            data["text"] = data["text"].strip()
            if data.get("preparation_seconds") is None:
                data["preparation_seconds"] = InterviewQuestion._meta.get_field("preparation_seconds").default
            if data.get("max_answer_seconds") is None:
                data["max_answer_seconds"] = InterviewQuestion._meta.get_field("max_answer_seconds").default
        return data


QuestionFormSet = formset_factory(QuestionForm, extra=2, can_delete=True, max_num=30, validate_max=True)


def questions_from(formset) -> list[dict]:
    """Filled, non-deleted rows in the order shown."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("text"):
            continue
        rows.append({key: data[key] for key in ("id", "text", "preparation_seconds", "max_answer_seconds")})
    return rows


class InviteForm(forms.Form):
    campaign = forms.ModelChoiceField(label="Campagne", queryset=InterviewCampaign.objects.none(),
                                      empty_label="Choisissez une campagne")

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
