import uuid

from django.db import models
from django.utils import timezone


class SignupDraft(models.Model):
    """A sign-up in progress: step 1 done, step 2 maybe partly filled.

    Kept server-side so nothing typed is lost when step 2 fails validation or the visitor comes back
    later. No account exists yet, so looking up an address reveals nothing about registered users.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("adresse électronique", db_index=True)
    password_hash = models.CharField(max_length=128)
    data = models.JSONField("informations saisies", default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "inscription en cours"
        verbose_name_plural = "inscriptions en cours"

    def __str__(self):
        return self.email
