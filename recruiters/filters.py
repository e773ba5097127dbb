"""django-filter filter sets of the recruiter space."""

import re

import django_filters
from django import forms

from portal.reference.choices import ContractType
from portal.reference.text import fold

from .choices import ApplicationStatus, OfferStatus
from .models import Application, JobOffer

_PLACE_LABEL = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<department>[0-9]{2,3}|2[AaBb])\)\s*$")
# A date input only shows (and posts back) an ISO value.
ISO_DATE = "%Y-%m-%d"


def _date_filter(label, lookup_expr):
    return django_filters.DateFilter(
        label=label, field_name="created_at", lookup_expr=lookup_expr,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"invalid": "Saisissez une date complète (jour, mois et année)."},
    )


class DateRangeForm(forms.Form):
    """The filter form of a list with a "from" and an "until" date: the range must not be reversed."""

    date_range = ("", "")

    def clean(self):
        data = super().clean()
        start_name, end_name = self.date_range
        start, end = data.get(start_name), data.get(end_name)
        if start and end and start > end:
            self.add_error(end_name, "Cette date précède la date de début : inversez-les ou corrigez-en une.")
        return data


class OfferFilterForm(DateRangeForm):
    date_range = ("created_after", "created_before")


class ApplicationFilterForm(DateRangeForm):
    date_range = ("received_after", "received_before")


class OfferFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="Statut", choices=OfferStatus.choices, empty_label="Tous")
    contract_type = django_filters.ChoiceFilter(label="Contrat", choices=ContractType.choices, empty_label="Tous")
    place = django_filters.CharFilter(label="Lieu", field_name="commune__search_name", method="filter_place")
    created_after = _date_filter("Créée depuis le", "date__gte")
    created_before = _date_filter("Créée jusqu'au", "date__lte")

    class Meta:
        model = JobOffer
        fields = []
        form = OfferFilterForm

    def filter_place(self, queryset, name, value):
        # "Clermont-Ferrand (63)", as the commune picker writes it, is a name and a department.
        labelled = _PLACE_LABEL.match(value)
        if labelled:
            queryset = queryset.filter(commune__department_id=labelled["department"].upper())
            value = labelled["name"]
        return queryset.filter(**{f"{name}__startswith": fold(value)})


class ApplicationFilter(django_filters.FilterSet):
    offer = django_filters.ModelChoiceFilter(label="Offre", queryset=JobOffer.objects.none(), empty_label="Toutes")
    status = django_filters.ChoiceFilter(label="Statut", choices=ApplicationStatus.choices, empty_label="Tous")
    received_after = _date_filter("Reçue depuis le", "date__gte")
    received_before = _date_filter("Reçue jusqu'au", "date__lte")
    has_video = django_filters.BooleanFilter(label="Réponse vidéo", field_name="has_video",
                                             widget=forms.Select(choices=[("", "Toutes"), ("true", "Avec"), ("false", "Sans")]))
    seen = django_filters.BooleanFilter(label="Vue", field_name="seen_at", lookup_expr="isnull", exclude=True,
                                        widget=forms.Select(choices=[("", "Toutes"), ("true", "Vues"), ("false", "Non vues")]))
    spontaneous = django_filters.BooleanFilter(label="Spontanée", field_name="offer", lookup_expr="isnull",
                                               widget=forms.Select(choices=[("", "Toutes"), ("true", "Spontanées"), ("false", "Sur offre")]))

    class Meta:
        model = Application
        fields = []
        form = ApplicationFilterForm

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offers is not None:
            self.filters["offer"].queryset = offers
