"""The candidate space seen from outside: landing, sign-up, address confirmation, personal data page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from portal.accounts.signup import signup_remember
from portal.accounts.throttle import CONFIRMATION_RESEND, SIGNUP, throttle_refusal
from portal.accounts.validators import password_rule_labels

from ..forms import CandidateSignupForm
from ..selectors import candidate_profile_for_user
from ..services import candidate_confirmation_resend, candidate_signup
from .access import DENIED_MESSAGE, posted
from .profile import profile_overview


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields when it names them."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _safe_next(request) -> str:
    """A local path to come back to after confirming the address (e.g. the page one was applying on)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(candidate, allowed_hosts=set(), require_https=False)
    return candidate if allowed and candidate.startswith("/") else ""


def home(request):
    """ "Espace candidat": the profile overview for a candidate, a landing page for everyone else."""
    user = request.user
    if user.is_authenticated and user.is_candidate and user.email_confirmed_at is not None:
        return profile_overview(request)
    return render(request, "candidates/landing.html", {"login_url": f"{reverse('accounts:login')}?next={request.path}"})


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        messages.info(request, "Vous êtes déjà connecté.")
        return redirect("candidates:home")
    form = CandidateSignupForm(posted(request))
    refusal = throttle_refusal(request, SIGNUP, email=request.POST.get("email", "")) if request.method == "POST" else ""
    if refusal:
        form.add_error(None, refusal)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = candidate_signup(
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                next_url=_safe_next(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session["candidate_signup_email"] = data["email"].strip().lower()
            request.session["candidate_signup_next"] = _safe_next(request)
            if candidate is not None:
                signup_remember(request, candidate)
            return redirect("candidates:signup_sent")
    status = 429 if refusal else 400 if request.method == "POST" else 200
    context = {"form": form, "password_rules": password_rule_labels(), "next": _safe_next(request)}
    return render(request, "candidates/signup.html", context, status=status)


def signup_sent(request):
    return render(request, "candidates/signup_sent.html", {"email": request.session.get("candidate_signup_email", "")})


@require_http_methods(["GET", "POST"])
def confirm_pending(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:login"))
    if not user.is_candidate:
        raise PermissionDenied(DENIED_MESSAGE)
    if user.email_confirmed_at is not None:
        return redirect("candidates:home")
    if request.method == "POST":
        refusal = throttle_refusal(request, CONFIRMATION_RESEND, email=user.email)
        if refusal:
            messages.error(request, refusal)
            return render(request, "candidates/confirm_pending.html", status=429)
        candidate_confirmation_resend(user=user, next_url=request.session.get("candidate_signup_next", ""))
        messages.success(request, f"Un nouveau lien de confirmation a été envoyé à {user.email}.")
        return redirect("candidates:confirm_pending")
    return render(request, "candidates/confirm_pending.html")


def personal_data(request):
    user = request.user
    is_candidate = bool(user.is_authenticated and user.is_candidate)
    profile = candidate_profile_for_user(user=user) if is_candidate else None
    return render(request, "candidates/personal_data.html", {"is_candidate": is_candidate, "profile": profile})
