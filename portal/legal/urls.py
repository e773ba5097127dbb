from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("mentions-legales/", views.LegalPage.as_view(template_name="legal/notice.html"), name="notice"),
    path("conditions-generales/", views.LegalPage.as_view(template_name="legal/terms.html"), name="terms"),
    path("donnees-personnelles/", views.PrivacyPage.as_view(), name="privacy"),
    path("accessibilite/", views.LegalPage.as_view(template_name="legal/accessibility.html"), name="accessibility"),
    path("contact/", views.LegalPage.as_view(template_name="legal/contact.html"), name="contact"),
]
