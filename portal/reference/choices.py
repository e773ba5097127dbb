"""Small fixed nomenclatures. Large ones (communes, NAF, languages, job titles) are tables."""

from django.db import models


class DiplomaLevel(models.IntegerChoices):
    # Nomenclature nationale des niveaux de diplôme (décret du 8 janvier 2019).
    CAP_BEP = 3, "CAP / BEP"
    BAC = 4, "BAC"
    BAC_2 = 5, "BAC+2"
    BAC_3_4 = 6, "BAC+3 / BAC+4"
    BAC_5 = 7, "BAC+5"
    DOCTORAT = 8, "Doctorat"


class ContractType(models.TextChoices):
    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    INTERIM = "INTERIM", "Intérim"
    ALTERNANCE = "ALTERNANCE", "Alternance / Apprentissage"
    STAGE = "STAGE", "Stage"
    INDEPENDANT = "INDEPENDANT", "Indépendant"


class WorkingTime(models.TextChoices):
    FULL_TIME = "FULL_TIME", "Temps plein"
    PART_TIME = "PART_TIME", "Temps partiel"


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1 – Débutant"
    A2 = "A2", "A2 – Élémentaire"
    B1 = "B1", "B1 – Intermédiaire"
    B2 = "B2", "B2 – Intermédiaire avancé"
    C1 = "C1", "C1 – Avancé"
    C2 = "C2", "C2 – Maîtrise"
