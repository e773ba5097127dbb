from django.db import models


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidat"
    RECRUITER = "recruiter", "Recruteur"
    EDITOR = "editor", "Équipe éditoriale"
