from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from .forms import LoginForm, PasswordResetForm, SetPasswordForm
from .services import login_failures_forget, user_confirm_email
from .signup import signup_login_if_same_browser
from .throttle import PASSWORD_RESET, throttle_refusal
from .tokens import read_email_confirmation_token
from .validators import password_rule_labels


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm


class LogoutView(auth_views.LogoutView):
    next_page = "/"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Vous êtes déconnecté.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        refusal = throttle_refusal(request, PASSWORD_RESET, email=request.POST.get("email", ""))
        if refusal:
            form = self.get_form()
            form.add_error(None, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_context_data(self, **kwargs):
        return super().get_context_data(password_rules=password_rule_labels(), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        login_failures_forget(email=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class EmailConfirmView(TemplateView):
    """GET shows a button, POST confirms: mail scanners that open links must not confirm for the user."""

    template_name = "accounts/email_confirm.html"
    invalid_template_name = "accounts/email_confirm_invalid.html"

    def dispatch(self, request, *args, **kwargs):
        self.user = read_email_confirmation_token(kwargs["token"])
        if self.user is None:
            return self.response_class(request=request, template=[self.invalid_template_name], status=400)
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()},
                                           require_https=self.request.is_secure()):
            return candidate
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(confirm_user=self.user, next=self.next_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        user_confirm_email(user=self.user)
        next_url = self.next_url()
        if signup_login_if_same_browser(request, self.user):
            messages.success(request, "Votre adresse électronique est confirmée : vous êtes connecté.")
        elif next_url and not request.user.is_authenticated:
            messages.success(request, "Votre adresse électronique est confirmée : connectez-vous pour continuer.")
        else:
            messages.success(request, "Votre adresse électronique est confirmée.")
        return redirect(next_url or "accounts:email_confirmed")


class EmailConfirmedView(TemplateView):
    template_name = "accounts/email_confirmed.html"
