from django.db import models


class Region(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments", null=True)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    insee = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    # Lower-case, accent-free name for the commune picker ("saint etienne" finds Saint-Étienne).
    search_name = models.CharField(max_length=100, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField("population", default=0)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.department_id})"


class PostalCode(models.Model):
    code = models.CharField("code postal", max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postal_codes")

    class Meta:
        verbose_name = "code postal"
        constraints = [models.UniqueConstraint(fields=["code", "commune"], name="unique_postal_code_commune")]

    def __str__(self):
        return self.code


class NafSector(models.Model):
    """A NAF rev. 2 sub-class ("22.11Z") with its section for coarse grouping."""

    code = models.CharField("code NAF", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    section = models.CharField("section", max_length=1, db_index=True)
    section_label = models.CharField("libellé de la section", max_length=255)
    division = models.CharField("division", max_length=2)

    class Meta:
        verbose_name = "secteur NAF"
        verbose_name_plural = "secteurs NAF"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class Language(models.Model):
    code = models.CharField("code ISO 639-1", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "langue"
        ordering = ["name"]

    def __str__(self):
        return self.name


class JobTitle(models.Model):
    """A job title of the vocabulary, in its masculine and feminine forms."""

    masculine = models.CharField("intitulé au masculin", max_length=150)
    feminine = models.CharField("intitulé au féminin", max_length=150)
    # Normalised masculine form (lower case, no accents): the identity of the title.
    key = models.CharField(max_length=150, unique=True)
    family = models.CharField("famille de métiers", max_length=100, blank=True, db_index=True)

    class Meta:
        verbose_name = "intitulé de poste"
        verbose_name_plural = "intitulés de poste"
        ordering = ["masculine"]

    def __str__(self):
        if self.feminine and self.feminine != self.masculine:
            return f"{self.masculine} / {self.feminine}"
        return self.masculine


class DatasetVersion(models.Model):
    """A token that changes whenever a reference dataset changes.

    In-process caches (the geo arrays) compare it with the token they were built from. It lives in
    the database so that it follows transactions: a rolled-back change rolls the token back too.
    """

    COMMUNES = "communes"

    name = models.CharField(max_length=50, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "version de données de référence"
        verbose_name_plural = "versions de données de référence"

    def __str__(self):
        return f"{self.name} ({self.changed_at:%Y-%m-%d %H:%M})"
