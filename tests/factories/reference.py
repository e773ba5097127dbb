import factory

from portal.reference.models import Commune, Department, JobTitle, Language, NafSector, Region
from portal.reference.text import fold


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "84"
    name = "Auvergne-Rhône-Alpes"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "63"
    name = "Puy-de-Dôme"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    """Defaults to Clermont-Ferrand; pass insee/name/latitude/longitude for others."""

    class Meta:
        model = Commune
        django_get_or_create = ("insee",)

    insee = "63113"
    name = "Clermont-Ferrand"
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
    department = factory.SubFactory(DepartmentFactory)
    population = 147284
    latitude = 45.7797
    longitude = 3.0863


class NafSectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NafSector
        django_get_or_create = ("code",)

    code = "22.11Z"
    label = "Fabrication et rechapage de pneumatiques"
    section = "C"
    section_label = "Industrie manufacturière"
    division = factory.LazyAttribute(lambda o: o.code[:2])


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"
    name = "anglais"


class JobTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobTitle
        django_get_or_create = ("key",)

    masculine = "Technicien de maintenance"
    feminine = "Technicienne de maintenance"
    key = factory.LazyAttribute(lambda o: fold(o.masculine))
    family = "Maintenance"
