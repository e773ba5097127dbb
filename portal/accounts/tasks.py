"""Tasks (django-tasks): thin wrappers around the account services."""

from django_tasks import task

from .services import password_reset_email_send


@task()
def send_password_reset_email(email: str) -> int:
    return password_reset_email_send(email=email)
