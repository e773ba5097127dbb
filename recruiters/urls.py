"""Public URLs of the "Espace recruteur" (the recruiter space itself is in the Wagtail admin)."""

from django.urls import path
from django.views.generic import RedirectView, TemplateView

from .views import public, visiotalent_public

app_name = "recruiters"

urlpatterns = [
    path("", public.EntryView.as_view(), name="entry"),
    path("accueil/", public.RecruiterHomeView.as_view(), name="home"),
    path("connexion/", public.RecruiterLoginView.as_view(), name="login"),
    path("aiguillage/", public.after_login, name="after_login"),
    path("mon-compte/", public.StatusView.as_view(), name="status"),
    path("inscription/", public.SignupAccountView.as_view(), name="signup"),
    path("inscription/entreprise/", public.SignupCompanyView.as_view(), name="signup_company"),
    path("inscription/envoyee/", public.SignupSentView.as_view(), name="signup_sent"),
    path(
        "inscription/confirmee/",
        TemplateView.as_view(template_name="recruiters/public/signup_confirmed.html"),
        name="signup_confirmed",
    ),
    path(
        "rattachement/confirme/",
        TemplateView.as_view(template_name="recruiters/public/join_confirmed.html"),
        name="join_confirmed",
    ),
    path("invitation/<str:token>/", public.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("entretien-video/<str:token>/", visiotalent_public.RecordView.as_view(), name="visiotalent_record"),
    path("entretien-video/<str:token>/questions/<int:question_id>/", visiotalent_public.AnswerUploadView.as_view(),
         name="visiotalent_upload"),
    path("entretien-video/<str:token>/terminer/", visiotalent_public.CompleteView.as_view(),
         name="visiotalent_complete"),
    # One set of terms for the whole site (portal.legal); this address is the one signed-up recruiters accepted.
    path("conditions-generales/", RedirectView.as_view(pattern_name="legal:terms", permanent=True), name="cgu"),
    path(
        "donnees-personnelles/",
        TemplateView.as_view(template_name="recruiters/public/personal_data.html"),
        name="personal_data",
    ),
]
