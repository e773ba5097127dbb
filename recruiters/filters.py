"""django-filter filter sets of the recruiter space."""

import django_filters
from django import forms

from portal.reference.choices import ContractType
from portal.reference.text import fold

from .choices import ApplicationStatus, OfferStatus
from .models import Application, JobOffer


class OfferFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="Statut", choices=OfferStatus.choices, empty_label="Tous")
    contract_type = django_filters.ChoiceFilter(label="Contrat", choices=ContractType.choices, empty_label="Tous")
    place = django_filters.CharFilter(label="Lieu", field_name="commune__search_name", method="filter_place")
    created_after = django_filters.DateFilter(
        label="Créée depuis le", field_name="created_at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_before = django_filters.DateFilter(
        label="Créée jusqu'au", field_name="created_at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = JobOffer
        fields = []

    def filter_place(self, queryset, name, value):
        return queryset.filter(**{f"{name}__startswith": fold(value)})


class ApplicationFilter(django_filters.FilterSet):
    offer = django_filters.ModelChoiceFilter(label="Offre", queryset=JobOffer.objects.none(), empty_label="Toutes")
    status = django_filters.ChoiceFilter(label="Statut", choices=ApplicationStatus.choices, empty_label="Tous")
    received_after = django_filters.DateFilter(
        label="Reçue depuis le", field_name="created_at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    has_video = django_filters.BooleanFilter(label="Réponse vidéo", field_name="has_video",
                                             widget=forms.Select(choices=[("", "Toutes"), ("true", "Avec"), ("false", "Sans")]))
    seen = django_filters.BooleanFilter(label="Vue", field_name="seen_at", lookup_expr="isnull", exclude=True,
                                        widget=forms.Select(choices=[("", "Toutes"), ("true", "Vues"), ("false", "Non vues")]))
    spontaneous = django_filters.BooleanFilter(label="Spontanée", field_name="offer", lookup_expr="isnull",
                                               widget=forms.Select(choices=[("", "Toutes"), ("true", "Spontanées"), ("false", "Sur offre")]))

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offers is not None:
            self.filters["offer"].queryset = offers
