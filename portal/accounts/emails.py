"""One way to send the platform's e-mails: a subject, a plain-text body and an HTML body from templates."""

import html

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_templated_email(*, to: str | list[str], template: str, context: dict | None = None,
                         reply_to: list[str] | None = None) -> None:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` and send them.

    HTML templates extend ``accounts/emails/base.html``; text ones ``accounts/emails/base.txt``.
    """
    # The footer follows the Reply-To: "reply to reach X" when there is one, "do not reply" otherwise.
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "site_url": settings.SITE_URL, "reply_to": reply_to or [],
               **(context or {})}
    # Subjects are plain text: undo the template's HTML escaping ("d'entretien", not "d&#x27;entretien").
    subject = html.unescape(" ".join(render_to_string(f"{template}_subject.txt", context).split()))
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=reply_to,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
