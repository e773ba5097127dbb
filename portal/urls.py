from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.legal.views import favicon

urlpatterns = [
    # Wagtail's own reset form would send mail past the site's throttle (portal.accounts.throttle).
    path("admin/password_reset/", RedirectView.as_view(pattern_name="accounts:password_reset")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("portal.accounts.urls")),
    path("espace-recruteur/", include("recruiters.urls")),
    path("espace-candidat/", include("portal.candidates.urls")),
    path("reference/", include("portal.reference.urls")),
    path("offres/", include("search.offers.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("portal.legal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree answers everything not matched above; it must stay last.
urlpatterns += [path("", include(wagtail_urls))]
