"""Recorded videos leave the disk with their answer (connected in ``RecruitersConfig.ready``)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ..models import InterviewAnswer


@receiver(post_delete, sender=InterviewAnswer, dispatch_uid="visiotalent_answer_file_delete")
def delete_answer_file(sender, instance: InterviewAnswer, **kwargs) -> None:
    # Answers go with their application (cascade: erasure, retention purge, deletion by recruiters);
    # the file goes once that deletion is committed, never before (a rollback keeps it).
    name, storage = instance.video.name, instance.video.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
