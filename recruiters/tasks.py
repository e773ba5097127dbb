"""Periodic work of the recruiter space, as django-tasks (thin wrappers around services)."""

from django_tasks import task

from .services_offers import application_digests_send, job_offers_expire


@task()
def close_expired_offers() -> int:
    return job_offers_expire()


@task()
def send_application_digests() -> int:
    return application_digests_send()
