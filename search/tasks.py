"""Tasks (django-tasks): thin wrappers around the indexing and alert services."""

from django_tasks import task

from .indexing import index_profiles
from .services import saved_search_alerts_send


@task()
def index_profiles_task(profile_ids: list[int]) -> dict:
    change = index_profiles(profile_ids=profile_ids)
    return {"indexed": change.indexed, "removed": change.removed}


@task()
def send_alerts_task(frequency: str) -> dict:
    report = saved_search_alerts_send(frequency=frequency)
    return {"searches": report.searches, "emails": report.emails, "profiles": report.profiles}
