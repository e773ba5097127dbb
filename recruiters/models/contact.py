from django.conf import settings
from django.db import models
from django.utils import timezone

from ..validators import format_phone, validate_e164_phone
from .companies import Company


class ContactRequest(models.Model):
    """A recruiter's message to the platform team, kept for staff follow-up."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="contact_requests"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject = models.CharField("objet", max_length=200)
    message = models.TextField("message")
    callback_phone = models.CharField(
        "téléphone pour être rappelé", max_length=20, blank=True, validators=[validate_e164_phone]
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now, db_index=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de contact"
        verbose_name_plural = "demandes de contact"
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def callback_phone_display(self) -> str:
        return format_phone(self.callback_phone)
