from datetime import timedelta

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from portal.reference.french import counted


class LegalPage(TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(team_email=settings.PLATFORM_TEAM_EMAIL, **kwargs)


def duration(delta: timedelta) -> str:
    """ "2 ans", "1 an", "30 jours": how the privacy notice says a retention period."""
    if delta.days >= 365 and delta.days % 365 == 0:
        return counted(delta.days // 365, "an")
    return counted(delta.days, "jour")


class PrivacyPage(LegalPage):
    template_name = "legal/privacy.html"

    def get_context_data(self, **kwargs):
        # The notice states the periods the periodic jobs apply, read from the same settings.
        return super().get_context_data(
            profile_hidden_after=duration(settings.INACTIVE_PROFILE_HIDE_AFTER),
            profile_erased_after=duration(settings.INACTIVE_PROFILE_ERASE_AFTER),
            erase_notice_before=duration(settings.INACTIVE_PROFILE_NOTICE_BEFORE),
            login_log_kept=duration(settings.LOGIN_LOG_RETENTION),
            session_hours=settings.SESSION_COOKIE_AGE // 3600,
            **kwargs,
        )


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """/favicon.ico, which browsers ask for on their own whatever the pages link to."""
    path = finders.find("favicon.ico")
    if path is None:
        raise Http404("favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 (FileResponse closes it)
