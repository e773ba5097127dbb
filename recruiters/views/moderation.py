"""Staff moderation in the Wagtail admin (wagtail-modeladmin): recruiter accounts, companies, join and
contact requests. Decisions go through the services, which record who decided what, when and why."""

from django.contrib import messages
from django.contrib.admin import DateFieldListFilter, SimpleListFilter
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdminGroup
from wagtail_modeladmin.views import InspectView, InstanceSpecificView

from portal.reference.french import de
from portal.reference.models import Department, NafSector

from ..admin_access import StaffModelAdmin
from ..choices import CompanyStatus, JoinRequestStatus, RecruiterStatus
from ..forms import RejectForm, SuspendForm, add_service_errors
from ..models import Company, ContactRequest, JoinRequest, Recruiter
from ..selectors import recruiters_for_moderation
from ..services import (
    company_reactivate,
    company_suspend,
    contact_request_mark_handled,
    join_request_accept,
    join_request_decline,
    recruiter_approve,
    recruiter_reactivate,
    recruiter_reject,
    recruiter_suspend,
)
from ..validators import siren_check

MODERATE = "recruiters.moderate_recruiter"


# --- Filters ---------------------------------------------------------------------------------------------

class SectorFilter(SimpleListFilter):
    title = "secteur"
    parameter_name = "secteur"
    path = "company__naf_sector__section"

    def lookups(self, request, model_admin):
        return list(NafSector.objects.values_list("section", "section_label").distinct().order_by("section"))

    def queryset(self, request, queryset):
        return queryset.filter(**{self.path: self.value()}) if self.value() else queryset


class DepartmentFilter(SimpleListFilter):
    title = "département"
    parameter_name = "departement"
    path = "company__commune__department"

    def lookups(self, request, model_admin):
        return [(d.code, str(d)) for d in Department.objects.order_by("code")]

    def queryset(self, request, queryset):
        return queryset.filter(**{f"{self.path}_id": self.value()}) if self.value() else queryset


def date_filter(title: str):
    """A date filter titled in French ("Par date d'inscription"): Django's would read "Par inscrit le"."""

    class TitledDateFilter(DateFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledDateFilter


class HandledFilter(SimpleListFilter):
    title = "suivi"
    parameter_name = "suivi"

    def lookups(self, request, model_admin):
        return [("en-cours", "En cours"), ("traitees", "Traitées")]

    def queryset(self, request, queryset):
        if self.value() == "en-cours":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "traitees":
            return queryset.filter(handled_at__isnull=False)
        return queryset


class CompanySectorFilter(SectorFilter):
    path = "naf_sector__section"


class CompanyDepartmentFilter(DepartmentFilter):
    path = "commune__department"


# --- Shared pieces ---------------------------------------------------------------------------------------

def _siren(company) -> str:
    # "732 829 320" stays on one line in the narrow list column.
    return format_html('<span class="recruiter-nowrap">{}</span>', company.siren_display)


def _button(url, label, classname="button button-small button-secondary", title=""):
    return {"url": url, "label": label, "classname": classname, "title": title or label}


class ActionView(InstanceSpecificView):
    """A decision on one object: GET shows a confirmation (and a form), POST applies it through a service."""

    template_name = "recruiters/admin/moderation/action.html"
    permission = MODERATE
    form_class = None
    # The data-form id of the page's form (listed in the template for the forms inventory).
    form_id = ""
    action_label = ""
    success_message = ""
    danger = False

    def check_action_permitted(self, user):
        return user.has_perm(self.permission)

    def get_page_title(self):
        return self.action_label

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST or None)

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()}):
            return candidate
        return self.url_helper.get_action_url("inspect", quote(self.instance.pk))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            action_label=self.action_label, danger=self.danger, next=self.next_url(),
            summary=self.summary(), **kwargs,
        )

    def summary(self) -> list[tuple[str, str]]:
        return []

    def message_names(self) -> dict[str, str]:
        """Names the success message puts after "de", elided ("d'Ateliers des Volcans")."""
        return {}

    def perform(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            self.perform(form)
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
                return self.render_to_response(self.get_context_data(form=form), status=400)
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.next_url())
        messages.success(request, self.success_message.format(obj=self.instance, **self.message_names()))
        return redirect(self.next_url())


# --- Recruiter accounts ----------------------------------------------------------------------------------

def _recruiter_summary(recruiter: Recruiter) -> list[tuple[str, str]]:
    company = recruiter.company
    return [
        ("Recruteur", f"{recruiter.user.get_full_name()} <{recruiter.user.email}>"),
        ("Entreprise", f"{company.name} (SIREN {company.siren_display})"),
        ("Statut", recruiter.get_status_display()),
    ]


class RecruiterActionView(ActionView):
    def message_names(self):
        return {"account": de(self.instance.user.email)}


class RecruiterApproveView(RecruiterActionView):
    form_id = "moderation-recruiter-approve"
    success_message = "Le compte {account} est validé ; un courriel l'en informe."

    @property
    def despite_refusal(self) -> bool:
        # Only the "Valider malgré tout" button of a refused account asks for it (in its URL): a page opened
        # while the account was pending does not approve it once a colleague has refused it.
        return "malgre_refus" in self.request.GET

    @property
    def action_label(self):
        return "Valider le compte malgré le refus" if self.despite_refusal else "Valider le compte"

    def summary(self):
        return _recruiter_summary(self.instance)

    def perform(self, form):
        recruiter_approve(recruiter=self.instance, decided_by=self.request.user,
                          despite_refusal=self.despite_refusal)


class RecruiterRejectView(RecruiterActionView):
    form_id = "moderation-recruiter-reject"
    action_label = "Refuser le compte"
    form_class = RejectForm
    danger = True
    success_message = "Le compte {account} est refusé ; un courriel lui indique le motif."

    def summary(self):
        return _recruiter_summary(self.instance)

    def perform(self, form):
        recruiter_reject(recruiter=self.instance, decided_by=self.request.user, **form.cleaned_data)


class RecruiterSuspendView(RecruiterActionView):
    form_id = "moderation-recruiter-suspend"
    action_label = "Suspendre le compte"
    form_class = SuspendForm
    danger = True
    success_message = "Le compte {account} est suspendu."

    def summary(self):
        return _recruiter_summary(self.instance)

    def perform(self, form):
        recruiter_suspend(recruiter=self.instance, decided_by=self.request.user, **form.cleaned_data)


class RecruiterReactivateView(RecruiterActionView):
    form_id = "moderation-recruiter-reactivate"
    action_label = "Réactiver le compte"
    success_message = "Le compte {account} est réactivé."

    def summary(self):
        return _recruiter_summary(self.instance)

    def perform(self, form):
        recruiter_reactivate(recruiter=self.instance, decided_by=self.request.user)


class RecruiterButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = exclude or []
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if not self.request.user.has_perm(MODERATE):
            return buttons
        pk = quote(obj.pk)
        url = self.url_helper.get_action_url
        if obj.status == RecruiterStatus.PENDING:
            if obj.user.email_confirmed_at:
                buttons.append(_button(url("approve", pk), "Valider", "button button-small"))
            buttons.append(_button(url("reject", pk), "Refuser", "button button-small no"))
        elif obj.status == RecruiterStatus.APPROVED:
            buttons.append(_button(url("suspend", pk), "Suspendre", "button button-small button-secondary no"))
        elif obj.status == RecruiterStatus.SUSPENDED:
            buttons.append(_button(url("reactivate", pk), "Réactiver"))
        elif obj.status == RecruiterStatus.REJECTED and obj.user.email_confirmed_at:
            buttons.append(_button(url("approve", pk) + "?malgre_refus=1", "Valider malgré tout"))
        return buttons


class RecruiterInspectView(InspectView):
    def get_context_data(self, **kwargs):
        recruiter = self.instance
        valid, explanation = siren_check(recruiter.company.siren)
        return super().get_context_data(
            recruiter=recruiter,
            company=recruiter.company,
            siren_valid=valid,
            siren_explanation=explanation,
            siren_duplicates=Company.objects.filter(siren=recruiter.company.siren).exclude(pk=recruiter.company_id),
            decisions=recruiter.company.decisions.filter(Q(user=recruiter.user) | Q(user__isnull=True))
            .select_related("decided_by", "user"),
            colleagues=recruiter.company.recruiters.exclude(pk=recruiter.pk).select_related("user"),
            **kwargs,
        )


class RecruiterModelAdmin(StaffModelAdmin):
    model = Recruiter
    menu_label = "Comptes recruteurs"
    menu_icon = "group"
    menu_order = 100
    list_display = ("account", "company_link", "siren", "status_tag", "email_confirmed", "created_at")
    list_filter = ("status", SectorFilter, DepartmentFilter, ("created_at", date_filter("date d'inscription")))
    search_fields = ("user__email", "user__first_name", "user__last_name", "company__name", "company__siren")
    ordering = ["status_rank", "-created_at"]
    inspect_view_enabled = True
    inspect_view_class = RecruiterInspectView
    inspect_template_name = "recruiters/admin/moderation/recruiter_inspect.html"
    button_helper_class = RecruiterButtonHelper
    list_per_page = 50

    def get_queryset(self, request):
        return recruiters_for_moderation()

    @staticmethod
    def _status_tag(label, status):
        colours = {"pending": "#b35c00", "approved": "#007d46", "active": "#007d46", "rejected": "#a4262c",
                   "suspended": "#5c5c5c"}
        return format_html(
            '<span class="w-status" style="color:#fff;background:{};border-color:{}">{}</span>',
            colours.get(status, "#5c5c5c"), colours.get(status, "#5c5c5c"), label,
        )

    def account(self, obj):
        return format_html("{}<br><small>{}</small>", obj.user.get_full_name() or "—", obj.user.email)

    account.short_description = "Recruteur"

    def company_link(self, obj):
        return obj.company.name

    company_link.short_description = "Entreprise"
    company_link.admin_order_field = "company__name"

    def siren(self, obj):
        return _siren(obj.company)

    siren.short_description = "SIREN"

    def status_tag(self, obj):
        return self._status_tag(obj.get_status_display(), obj.status)

    status_tag.short_description = "Statut"
    status_tag.admin_order_field = "status_rank"

    def email_confirmed(self, obj):
        return "Oui" if obj.user.email_confirmed_at else "Non"

    email_confirmed.short_description = "Adresse confirmée"

    action_views = {
        "approve": RecruiterApproveView,
        "reject": RecruiterRejectView,
        "suspend": RecruiterSuspendView,
        "reactivate": RecruiterReactivateView,
    }


# --- Companies -------------------------------------------------------------------------------------------

class CompanySuspendView(ActionView):
    form_id = "moderation-company-suspend"
    action_label = "Suspendre l'entreprise"
    form_class = SuspendForm
    danger = True
    success_message = "L'entreprise {obj.name} est suspendue ; ses recruteurs n'ont plus accès à leur espace."

    def summary(self):
        return [("Entreprise", f"{self.instance.name} (SIREN {self.instance.siren_display})"),
                ("Recruteurs", str(self.instance.recruiters.count()))]

    def perform(self, form):
        company_suspend(company=self.instance, decided_by=self.request.user, **form.cleaned_data)


class CompanyReactivateView(ActionView):
    form_id = "moderation-company-reactivate"
    action_label = "Réactiver l'entreprise"
    success_message = "L'entreprise {obj.name} est réactivée."

    def summary(self):
        return [("Entreprise", f"{self.instance.name} (SIREN {self.instance.siren_display})")]

    def perform(self, form):
        company_reactivate(company=self.instance, decided_by=self.request.user)


class CompanyButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude or [], classnames_add, classnames_exclude)
        if not self.request.user.has_perm(MODERATE):
            return buttons
        pk = quote(obj.pk)
        if obj.status == CompanyStatus.ACTIVE:
            buttons.append(_button(self.url_helper.get_action_url("suspend", pk), "Suspendre",
                                   "button button-small button-secondary no"))
        elif obj.status == CompanyStatus.SUSPENDED:
            buttons.append(_button(self.url_helper.get_action_url("reactivate", pk), "Réactiver"))
        return buttons


class CompanyInspectView(InspectView):
    def get_context_data(self, **kwargs):
        company = self.instance
        valid, explanation = siren_check(company.siren)
        return super().get_context_data(
            company=company,
            siren_valid=valid,
            siren_explanation=explanation,
            members=[
                (member, reverse("recruiters_recruiter_modeladmin_inspect", args=[quote(member.pk)]))
                for member in company.recruiters.select_related("user")
            ],
            decisions=company.decisions.select_related("decided_by", "user"),
            **kwargs,
        )


class CompanyModelAdmin(StaffModelAdmin):
    model = Company
    menu_label = "Entreprises"
    menu_icon = "home"
    menu_order = 200
    list_display = ("name", "siren_display", "status_tag", "commune", "recruiter_count", "created_at")
    list_filter = ("status", CompanySectorFilter, CompanyDepartmentFilter, "company_type",
                   ("created_at", date_filter("date d'inscription")))
    search_fields = ("name", "siren")
    inspect_view_enabled = True
    inspect_view_class = CompanyInspectView
    inspect_template_name = "recruiters/admin/moderation/company_inspect.html"
    button_helper_class = CompanyButtonHelper

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commune").annotate(members=Count("recruiters"))

    def siren_display(self, obj):
        return _siren(obj)

    siren_display.short_description = "SIREN"
    siren_display.admin_order_field = "siren"

    def status_tag(self, obj):
        return RecruiterModelAdmin._status_tag(obj.get_status_display(), obj.status)

    status_tag.short_description = "Statut"
    status_tag.admin_order_field = "status"

    def recruiter_count(self, obj):
        return obj.members

    recruiter_count.short_description = "Recruteurs"

    action_views = {"suspend": CompanySuspendView, "reactivate": CompanyReactivateView}


# --- Join requests ---------------------------------------------------------------------------------------

class JoinRequestAcceptView(ActionView):
    form_id = "moderation-join-request-accept"
    action_label = "Accepter la demande de rattachement"
    success_message = "{obj.user.email} fait maintenant partie de l'équipe {company_name}."

    def summary(self):
        return [("Demandeur", f"{self.instance.user.get_full_name()} <{self.instance.user.email}>"),
                ("Entreprise", f"{self.instance.company.name} (SIREN {self.instance.company.siren_display})")]

    def next_url(self):
        return self.url_helper.index_url

    def message_names(self):
        return {"company_name": de(self.instance.company.name), "requester": de(self.instance.user.email)}

    def perform(self, form):
        join_request_accept(join_request=self.instance, decided_by=self.request.user)


class JoinRequestDeclineView(JoinRequestAcceptView):
    form_id = "moderation-join-request-decline"
    action_label = "Refuser la demande de rattachement"
    danger = True
    success_message = "La demande {requester} est refusée."

    def perform(self, form):
        join_request_decline(join_request=self.instance, decided_by=self.request.user)


class JoinRequestButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude or [], classnames_add, classnames_exclude)
        if obj.status == JoinRequestStatus.PENDING and self.request.user.has_perm(MODERATE):
            pk = quote(obj.pk)
            if obj.user.email_confirmed_at:
                buttons.append(_button(self.url_helper.get_action_url("accept", pk), "Accepter", "button button-small"))
            buttons.append(_button(self.url_helper.get_action_url("decline", pk), "Refuser",
                                   "button button-small no"))
        return buttons


class JoinRequestModelAdmin(StaffModelAdmin):
    model = JoinRequest
    menu_label = "Demandes de rattachement"
    menu_icon = "user"
    menu_order = 300
    list_display = ("requester", "company", "status", "created_at", "decided_by")
    list_filter = ("status", ("created_at", date_filter("date de la demande")))
    search_fields = ("user__email", "user__last_name", "company__name", "company__siren")
    button_helper_class = JoinRequestButtonHelper

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "company", "decided_by")

    def requester(self, obj):
        return format_html("{}<br><small>{}</small>", obj.user.get_full_name() or "—", obj.user.email)

    requester.short_description = "Demandeur"

    action_views = {"accept": JoinRequestAcceptView, "decline": JoinRequestDeclineView}


# --- Contact requests ------------------------------------------------------------------------------------

class ContactHandledView(ActionView):
    form_id = "moderation-contact-handled"
    permission = "recruiters.change_contactrequest"
    action_label = "Marquer comme traitée"
    success_message = "La demande « {obj.subject} » est marquée comme traitée."

    def summary(self):
        return [("Objet", self.instance.subject), ("Entreprise", self.instance.company.name)]

    def perform(self, form):
        contact_request_mark_handled(contact=self.instance)


class ContactButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude or [], classnames_add, classnames_exclude)
        if obj.handled_at is None and self.request.user.has_perm(ContactHandledView.permission):
            buttons.append(_button(self.url_helper.get_action_url("handled", quote(obj.pk)), "Marquer comme traitée"))
        return buttons


class ContactRequestModelAdmin(StaffModelAdmin):
    model = ContactRequest
    menu_label = "Demandes de contact"
    menu_icon = "mail"
    menu_order = 400
    list_display = ("subject", "company", "author", "phone_for_callback", "created_at", "handled")
    list_filter = (HandledFilter, ("created_at", date_filter("date d'envoi")))
    search_fields = ("subject", "message", "company__name", "author__email")
    inspect_view_enabled = True
    inspect_template_name = "recruiters/admin/moderation/contact_inspect.html"
    button_helper_class = ContactButtonHelper

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "author")

    def phone_for_callback(self, obj):
        if not obj.callback_phone:
            return "—"
        return format_html('<span class="recruiter-nowrap">{}</span>', obj.callback_phone_display)

    phone_for_callback.short_description = "Téléphone pour être rappelé"

    def handled(self, obj):
        return "Oui" if obj.handled_at else "Non"

    handled.short_description = "Traitée"

    action_views = {"handled": ContactHandledView}


class ModerationGroup(ModelAdminGroup):
    menu_label = "Recruteurs"
    menu_icon = "group"
    menu_order = 250
    items = (RecruiterModelAdmin, CompanyModelAdmin, JoinRequestModelAdmin, ContactRequestModelAdmin)


class PendingAccountsPanel(Component):
    """Staff dashboard: recruiter accounts waiting for a decision."""

    name = "recruiters_pending_accounts"
    order = 50
    template_name = "recruiters/admin/moderation/pending_panel.html"

    def get_context_data(self, parent_context=None):
        pending = recruiters_for_moderation().filter(
            status=RecruiterStatus.PENDING, user__email_confirmed_at__isnull=False
        ).order_by("created_at")
        return {
            "pending": pending[:5],
            "pending_count": pending.count(),
            "index_url": reverse("recruiters_recruiter_modeladmin_index") + "?status=pending",
        }
