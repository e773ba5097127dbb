import pytest

from tests.factories import CommuneFactory, DepartmentFactory, LanguageFactory, NafSectorFactory


@pytest.fixture
def reference(db):
    """The reference rows the import tests and docs/samples/profiles-sample.jsonl use."""
    departments = {
        code: DepartmentFactory(code=code, name=name)
        for code, name in [
            ("63", "Puy-de-Dôme"),
            ("69", "Rhône"),
            ("03", "Allier"),
            ("42", "Loire"),
            ("15", "Cantal"),
        ]
    }
    for insee, name, department, lat, lon in [
        ("63113", "Clermont-Ferrand", "63", 45.7797, 3.0863),
        ("69123", "Lyon", "69", 45.7578, 4.8320),
        ("03185", "Montluçon", "03", 46.3401, 2.6036),
        ("42218", "Saint-Étienne", "42", 45.4397, 4.3872),
        ("15014", "Aurillac", "15", 44.9264, 2.4397),
    ]:
        CommuneFactory(
            insee=insee, name=name, department=departments[department], latitude=lat, longitude=lon
        )
    for code, label in [
        ("22.11Z", "Fabrication et rechapage de pneumatiques"),
        ("86.10Z", "Activités hospitalières"),
        ("10.71C", "Boulangerie et boulangerie-pâtisserie"),
        ("70.22Z", "Conseil pour les affaires et autres conseils de gestion"),
        ("47.11F", "Hypermarchés"),
    ]:
        NafSectorFactory(code=code, label=label)
    for code, name in [("en", "anglais"), ("es", "espagnol"), ("ar", "arabe"), ("de", "allemand")]:
        LanguageFactory(code=code, name=name)
