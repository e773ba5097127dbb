"""django-tables2 tables of the recruiter space."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.reference.french import de

from .models import Application, JobOffer


class RecruiterTable(tables.Table):
    """The shared base: Wagtail's listing look, French empty text."""

    class Meta:
        template_name = "django_tables2/table.html"
        attrs = {"class": "listing"}
        empty_text = "Aucun résultat."


class OfferTable(RecruiterTable):
    title = tables.Column(verbose_name="Offre", linkify=lambda record: reverse("recruiters_admin:offer_edit", args=[record.pk]))
    status = tables.Column(verbose_name="Statut")
    contract_type = tables.Column(verbose_name="Contrat")
    commune = tables.Column(verbose_name="Lieu", accessor="commune__name", default="—", order_by=("commune__name",))
    created_at = tables.DateColumn(verbose_name="Créée le", format="d/m/Y")
    expires_at = tables.DateColumn(verbose_name="Expire le", format="d/m/Y", default="—")
    applications_new = tables.Column(verbose_name="Nouvelles", attrs={"td": {"class": "count-new"}})
    applications_total = tables.Column(verbose_name="Candidatures", attrs={"td": {"class": "count-total"}})
    # The header is read aloud by screen readers even when it shows nothing.
    online = tables.Column(verbose_name=mark_safe('<span class="w-sr-only">Lien public</span>'),  # noqa: S308 (constant markup)
                           empty_values=(), orderable=False, exclude_from_export=True)

    class Meta(RecruiterTable.Meta):
        model = JobOffer
        fields = ()
        sequence = ("title", "status", "contract_type", "commune", "created_at", "expires_at",
                    "applications_new", "applications_total", "online")

    def render_online(self, record):
        if record.is_open:
            return format_html('<a class="button button-small button-secondary" href="{}" target="_blank">'
                               "Voir l'offre en ligne</a>", reverse("offers:detail", args=[record.slug]))
        return ""

    def value_online(self, record):
        return ""


def _candidate_name(application) -> str:
    user = application.candidate.user
    return user.get_full_name() or user.email


class ApplicationTable(RecruiterTable):
    select = tables.CheckBoxColumn(accessor="pk", exclude_from_export=True, attrs={
        "th__input": {"aria-label": "Tout sélectionner"},
        "td__input": {"aria-label": lambda record: f"Sélectionner la candidature {de(_candidate_name(record))}"},
    })
    candidate = tables.Column(
        "Candidat", accessor="candidate__user__last_name", order_by=("candidate__user__last_name",),
        linkify=lambda record: reverse("recruiters_admin:application_detail", args=[record.pk]),
    )
    offer = tables.Column(verbose_name="Offre", accessor="offer__title", default="Candidature spontanée",
                          order_by=("offer__title",))
    status = tables.Column(verbose_name="Statut")
    created_at = tables.DateTimeColumn(verbose_name="Reçue le", format="d/m/Y H:i")
    seen_at = tables.Column(verbose_name="Vue", empty_values=(), order_by=("seen_at",))
    has_video = tables.BooleanColumn(verbose_name="Vidéo", orderable=False, yesno="Oui,Non")

    class Meta(RecruiterTable.Meta):
        model = Application
        fields = ()
        sequence = ("select", "candidate", "offer", "status", "created_at", "seen_at", "has_video")
        row_attrs = {"class": lambda record: "application-unseen" if record.seen_at is None else ""}

    def render_candidate(self, record):
        return _candidate_name(record)

    def render_seen_at(self, record):
        return "Oui" if record.seen_at else mark_safe('<strong class="status-tag primary">Non vue</strong>')  # noqa: S308 (constant markup)
