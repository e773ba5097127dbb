"""The public "Espace recruteur": entry page, sign-up in two steps, status screens, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.generic import FormView, TemplateView
from wagtail.models import Site

from portal.accounts.throttle import CONFIRMATION_RESEND, SIGNUP, throttle_refusal
from portal.accounts.validators import password_rule_labels
from portal.accounts.views import LoginView
from portal.reference.french import de

from ..choices import RecruiterState
from ..forms import (
    InvitationSignupForm,
    JoinRequestForm,
    SignupAccountForm,
    SignupCompanyForm,
    add_service_errors,
)
from ..models import RecruiterHomeSettings, SignupDraft
from ..selectors import company_for, pending_join_request_for, recruiter_for, recruiter_state, user_by_email
from ..services import (
    confirmation_resend,
    invitation_accept,
    invitation_from_token,
    join_request_submit,
    recruiter_signup,
    signup_draft_save,
    signup_draft_start,
)

DRAFT_SESSION_KEY = "recruiters_signup_draft"
SENT_SESSION_KEY = "recruiters_signup_sent_to"


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


class EntryView(TemplateView):
    template_name = "recruiters/public/entry.html"


class RecruiterHomeView(TemplateView):
    """"Accueil recruteur": the four reasons to sign up, edited by staff (Paramètres > Accueil recruteur)."""

    template_name = "recruiters/public/home.html"

    def get_context_data(self, **kwargs):
        site = Site.find_for_request(self.request)
        content = RecruiterHomeSettings.for_site(site) if site else RecruiterHomeSettings()
        return super().get_context_data(content=content, **kwargs)


class RecruiterLoginView(LoginView):
    template_name = "recruiters/public/login.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(self._router_url())
        return super().get(request, *args, **kwargs)

    def _router_url(self) -> str:
        next_url = _safe_next(self.request, self.get_redirect_url())
        url = reverse("recruiters:after_login")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def get_success_url(self):
        return self._router_url()


@login_required(login_url="recruiters:login")
def after_login(request):
    """Send each user where they belong: the admin when they may use it, their status screen otherwise."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(_safe_next(request, request.GET.get("next", "")) or "wagtailadmin_home")
    return redirect("recruiters:status")


@method_decorator(login_required(login_url="recruiters:login"), name="dispatch")
class StatusView(TemplateView):
    template_name = "recruiters/public/status.html"

    def get(self, request, *args, **kwargs):
        if recruiter_state(request.user) == RecruiterState.ACTIVE and request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = throttle_refusal(request, CONFIRMATION_RESEND, email=request.user.email)
        if refusal:
            messages.error(request, refusal)
            return self.render_to_response(self.get_context_data(), status=429)
        if confirmation_resend(user=request.user):
            messages.success(request, f"Un nouveau lien de confirmation a été envoyé à {request.user.email}.")
        return redirect("recruiters:status")

    def get_context_data(self, **kwargs):
        user = self.request.user
        recruiter = recruiter_for(user)
        decision = None
        if recruiter is not None:
            decision = recruiter.company.decisions.filter(Q(user=user) | Q(user__isnull=True)).first()
        return super().get_context_data(
            state=recruiter_state(user),
            states=RecruiterState,
            recruiter=recruiter,
            company=company_for(user),
            join_request=pending_join_request_for(user),
            decision=decision,
            **kwargs,
        )


class SignupAccountView(FormView):
    """Step 1: e-mail and password; the rules are shown before the user types."""

    template_name = "recruiters/public/signup_account.html"
    form_class = SignupAccountForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, "Vous êtes déjà connecté.")
            return redirect("recruiters:after_login")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(password_rules=password_rule_labels(), **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = throttle_refusal(request, SIGNUP, email=request.POST.get("email", ""))
        if refusal:
            form = self.get_form()
            form.add_error(None, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            draft = signup_draft_start(email=form.cleaned_data["email"], password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        self.request.session[DRAFT_SESSION_KEY] = str(draft.pk)
        return redirect("recruiters:signup_company")


class SignupCompanyView(TemplateView):
    """Step 2: everything typed is saved in the draft, valid or not, so nothing is lost."""

    template_name = "recruiters/public/signup_company.html"

    def dispatch(self, request, *args, **kwargs):
        draft_id = request.session.get(DRAFT_SESSION_KEY)
        self.draft = SignupDraft.objects.filter(pk=draft_id).first() if draft_id else None
        if self.draft is None:
            messages.info(request, "Commencez par indiquer votre adresse électronique et choisir un mot de passe.")
            return redirect("recruiters:signup")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        initial = dict(self.draft.data)
        # The commune picker posts the chosen INSEE code, or only the typed text without JavaScript.
        initial["commune"] = initial.get("commune") or initial.get("commune_label", "")
        form = SignupCompanyForm(initial=initial)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        data = {key: value for key, value in request.POST.items() if key not in {"csrfmiddlewaretoken", "action"}}
        signup_draft_save(draft=self.draft, data=data)
        form = SignupCompanyForm(request.POST)
        if request.POST.get("action") == "join":
            return self._join(form)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            recruiter_signup(
                draft=self.draft,
                communications_consent=form.cleaned_data["communications_consent"],
                cgu_accepted=form.cleaned_data["cgu_accepted"],
                **{
                    field: form.cleaned_data[field]
                    for field in ("first_name", "last_name", "company_name", "head_office_address", "commune",
                                  "phone", "siren", "naf_sector", "company_type")
                },
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        return self._sent()

    def _join(self, form):
        join_form = JoinRequestForm(self.request.POST)
        if not join_form.is_valid():
            form.is_valid()
            for field, errors in join_form.errors.items():
                if field != "__all__" and not form.has_error(field):
                    form.add_error(field, errors)
            return self.render_to_response(self.get_context_data(form=form, join_errors=join_form.errors))
        try:
            join_request_submit(draft=self.draft, **join_form.cleaned_data)
        except ValidationError as exc:
            form.is_valid()
            add_service_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        return self._sent()

    def _sent(self):
        self.request.session.pop(DRAFT_SESSION_KEY, None)
        self.request.session[SENT_SESSION_KEY] = self.draft.email
        return redirect("recruiters:signup_sent")

    def get_context_data(self, **kwargs):
        form = kwargs.get("form")
        existing = getattr(form, "existing_company", None) if form is not None and form.is_bound else None
        return super().get_context_data(draft=self.draft, existing_company=existing, **kwargs)


class SignupSentView(TemplateView):
    template_name = "recruiters/public/signup_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.request.session.get(SENT_SESSION_KEY, ""), **kwargs)


class InvitationAcceptView(TemplateView):
    template_name = "recruiters/public/invitation.html"
    invalid_template_name = "recruiters/public/invitation_invalid.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_from_token(kwargs["token"])
        if self.invitation is None:
            return self.response_class(request=request, template=[self.invalid_template_name], status=400)
        return super().dispatch(request, *args, **kwargs)

    def _mode(self) -> str:
        user = self.request.user
        if user.is_authenticated:
            return "join" if user.email.lower() == self.invitation.email.lower() else "other_user"
        return "login" if user_by_email(self.invitation.email) else "signup"

    def get_context_data(self, **kwargs):
        mode = self._mode()
        kwargs.setdefault("form", InvitationSignupForm(email=self.invitation.email) if mode == "signup" else None)
        login_url = f"{reverse('recruiters:login')}?{urlencode({'next': self.request.get_full_path()})}"
        return super().get_context_data(
            invitation=self.invitation, mode=mode, password_rules=password_rule_labels(), login_url=login_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        mode = self._mode()
        form = None
        try:
            if mode == "join":
                invitation_accept(invitation=self.invitation, user=request.user)
            elif mode == "signup":
                form = InvitationSignupForm(request.POST, email=self.invitation.email)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                recruiter = invitation_accept(invitation=self.invitation, **form.cleaned_data)
                login(request, recruiter.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                return self.render_to_response(self.get_context_data(), status=400)
        except ValidationError as exc:
            if form is not None:
                add_service_errors(form, exc)
                return self.render_to_response(self.get_context_data(form=form))
            return self.render_to_response(self.get_context_data(errors=exc.messages), status=400)
        messages.success(request, f"Bienvenue dans l'équipe {de(self.invitation.company.name)} !")
        return redirect("wagtailadmin_home")
