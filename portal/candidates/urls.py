"""URLs of the "Espace candidat". Login, logout and password reset are the shared ones of portal.accounts."""

from django.urls import path

from .views import profile, public

app_name = "candidates"

urlpatterns = [
    path("", public.home, name="home"),
    path("inscription/", public.signup, name="signup"),
    path("inscription/envoyee/", public.signup_sent, name="signup_sent"),
    path("confirmation/", public.confirm_pending, name="confirm_pending"),
    path("profil/identite/", profile.identity, name="identity"),
    path("profil/recherche/", profile.search, name="search"),
    path("profil/experiences/", profile.experiences, name="experiences"),
    path("profil/formation/", profile.education, name="education"),
    path("profil/competences/", profile.skills, name="skills"),
    path("profil/cv/", profile.cv, name="cv"),
    path("profil/cv/telecharger/", profile.cv_download, name="cv_download"),
    path("profil/visibilite/", profile.visibility, name="visibility"),
    path("donnees-personnelles/", public.personal_data, name="personal_data"),
    path("donnees-personnelles/export/", profile.export, name="export"),
    path("donnees-personnelles/supprimer/", profile.erase, name="erase"),
]
