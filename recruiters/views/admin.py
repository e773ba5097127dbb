"""The recruiter space inside the Wagtail admin: dashboard panels, team, contact, features to come.

Every view goes through ``RecruiterRequiredMixin`` and reads its objects from ``recruiters.selectors``,
scoped to the recruiter's company: another company's object is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.reference.french import de

from ..forms import ContactForm, InviteColleagueForm, add_service_errors
from ..selectors import (
    active_company_for_request,
    applications_for,
    colleagues,
    contact_requests,
    offers_with_counts,
    open_invitations,
    pending_join_requests,
)
from ..services import (
    colleague_invite,
    contact_request_submit,
    invitation_revoke,
    join_request_accept,
    join_request_decline,
    recruiter_leave,
)
from .access import RecruiterRequiredMixin


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class RecruiterAdminView(RecruiterRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(company=self.company, **kwargs)


# --- Dashboard --------------------------------------------------------------------------------------------

class OffersPanel(Component):
    """Left of the dashboard: the company's offers and applications (filled by the offers feature)."""

    name = "recruiter_offers"
    order = 10
    template_name = "recruiters/admin/panel_offers.html"

    def __init__(self, company):
        self.company = company

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        return {
            "company": self.company,
            "offers": list(offers_with_counts(user=user).order_by("-created_at", "-pk")[:5]),
            "applications": list(applications_for(user=user).order_by("-created_at", "-pk")[:5]),
        }


class CvthequePanel(Component):
    """Right of the dashboard: search box, saved searches, new matching profiles (filled by search)."""

    name = "recruiter_cvtheque"
    order = 20
    template_name = "recruiters/admin/panel_cvtheque.html"

    def __init__(self, company):
        self.company = company

    def get_context_data(self, parent_context=None):
        return {"company": self.company}


def recruiter_dashboard_panels(request) -> list[Component] | None:
    company = active_company_for_request(request)
    if company is None:
        return None
    return [OffersPanel(company), CvthequePanel(company)]


# --- Team ------------------------------------------------------------------------------------------------

class TeamView(RecruiterAdminView):
    template_name = "recruiters/admin/team.html"
    page_title = "Équipe"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault("invite_form", InviteColleagueForm())
        return super().get_context_data(
            members=colleagues(user=user),
            invitations=open_invitations(user=user),
            join_requests=pending_join_requests(user=user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = InviteColleagueForm(request.POST)
        if form.is_valid():
            try:
                invitation = colleague_invite(invited_by=request.user, email=form.cleaned_data["email"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Invitation envoyée à {invitation.email}.")
                return redirect("recruiters_admin:team")
        return self.render_to_response(self.get_context_data(invite_form=form), status=400)


class InvitationRevokeView(RecruiterRequiredMixin, View):
    def post(self, request, pk):
        invitation = get_object_or_404(open_invitations(user=request.user), pk=pk)
        try:
            invitation_revoke(invitation=invitation, user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, f"L'invitation envoyée à {invitation.email} est annulée.")
        return redirect("recruiters_admin:team")


class JoinRequestDecisionView(RecruiterRequiredMixin, View):
    accept = True

    def post(self, request, pk):
        join_request = get_object_or_404(pending_join_requests(user=request.user), pk=pk)
        name = join_request.user.get_full_name() or join_request.user.email
        try:
            if self.accept:
                join_request_accept(join_request=join_request, decided_by=request.user)
            else:
                join_request_decline(join_request=join_request, decided_by=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(
                request, f"{name} fait maintenant partie de l'équipe." if self.accept else f"Demande {de(name)} refusée."
            )
        return redirect("recruiters_admin:team")


class LeaveView(RecruiterAdminView):
    template_name = "recruiters/admin/leave.html"
    page_title = "Quitter l'entreprise"

    def post(self, request, *args, **kwargs):
        try:
            company = recruiter_leave(user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
            return redirect("recruiters_admin:team")
        messages.success(request, f"Vous avez quitté l'équipe {de(company.name)}.")
        return redirect("recruiters:status")


# --- Contact ---------------------------------------------------------------------------------------------

class ContactView(RecruiterAdminView):
    template_name = "recruiters/admin/contact.html"
    page_title = "Contact"
    header_icon = "help"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ContactForm(initial={"callback_phone": self.company.phone_display}))
        return super().get_context_data(
            team_email=settings.PLATFORM_TEAM_EMAIL, requests=contact_requests(user=self.request.user)[:20], **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                contact_request_submit(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Votre message a été envoyé à l'équipe de la plateforme. Nous vous répondrons rapidement.")
                return redirect("recruiters_admin:contact")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ContactDetailView(RecruiterAdminView):
    template_name = "recruiters/admin/contact_detail.html"
    page_title = "Demande de contact"
    header_icon = "help"

    def get_context_data(self, **kwargs):
        contact = get_object_or_404(contact_requests(user=self.request.user), pk=self.kwargs["pk"])
        return super().get_context_data(contact=contact, **kwargs)


# --- Features still to come ------------------------------------------------------------------------------

class ComingSoonView(RecruiterAdminView):
    """Menu entries whose feature is not built yet say so plainly; no fake data."""

    template_name = "recruiters/admin/coming_soon.html"
    header_icon = "time"
    description = ""

    # Once the feature exists (a higher app registers it under this URL name), the placeholder's address
    # leads there instead, query string kept: old bookmarks and the dashboard's search form still work.
    feature_url_name = ""

    def get(self, request, *args, **kwargs):
        if self.feature_url_name:
            try:
                target = reverse(self.feature_url_name)
            except NoReverseMatch:
                target = ""
            if target:
                query = request.META.get("QUERY_STRING", "")
                return redirect(f"{target}?{query}" if query else target)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(description=self.description, **kwargs)


COMING_SOON = {
    "offers": (
        "Mes offres",
        "Vous pourrez bientôt créer vos offres d'emploi, les publier, les dupliquer et suivre les candidatures "
        "reçues pour chacune d'elles.",
    ),
    "applications": (
        "Mes candidatures",
        "Vous retrouverez bientôt ici toutes les candidatures reçues sur vos offres, avec leur statut et vos "
        "échanges avec les candidats.",
    ),
    "cvtheque": (
        "CVthèque",
        "La recherche de profils dans la CVthèque arrive bientôt : recherche par métier, compétences et "
        "localisation, recherches enregistrées et alertes sur les nouveaux profils.",
    ),
    "company_page": (
        "Ma page entreprise",
        "Vous pourrez bientôt présenter votre entreprise aux candidats : présentation, métiers, valeurs et "
        "offres en cours, sur une page publique validée par notre équipe.",
    ),
    "augmented_offers": (
        "Offres augmentées",
        "Les offres augmentées (offres enrichies de contenus et de questions pour les candidats) arrivent bientôt.",
    ),
    "visiotalent": (
        "Visiotalent",
        "Visiotalent, l'entretien vidéo différé (campagnes de questions et réponses filmées des candidats), "
        "arrive bientôt.",
    ),
}


def coming_soon_view(key: str, *, feature_url_name: str = ""):
    title, description = COMING_SOON[key]
    return ComingSoonView.as_view(page_title=title, description=description, feature_url_name=feature_url_name)
