"""Keeps cached reference data (the geo arrays) in step with edits made one row at a time.

Bulk writes send no signals: `reference_data_load` bumps the version itself.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Commune, DatasetVersion
from .services import dataset_mark_changed


@receiver(post_save, sender=Commune, dispatch_uid="reference_commune_saved")
@receiver(post_delete, sender=Commune, dispatch_uid="reference_commune_deleted")
def commune_changed(sender, **kwargs):
    dataset_mark_changed(name=DatasetVersion.COMMUNES)
