import pytest
from django.contrib.auth import get_user_model

from recruiters.models import Company, Recruiter
from tests.factories import CommuneFactory, NafSectorFactory
from tests.factories.accounts import DEFAULT_PASSWORD

STRONG_PASSWORD = "Recrute-Volcans-2026!"
VALID_SIREN = "732829320"


@pytest.fixture
def commune(db):
    return CommuneFactory()


@pytest.fixture
def naf(db):
    return NafSectorFactory()


@pytest.fixture
def step2_data(commune, naf):
    """A complete, valid step 2 as the browser posts it (commune picker with JavaScript)."""
    return {
        "first_name": "Claire",
        "last_name": "Martin",
        "company_name": "Ateliers des Volcans",
        "head_office_address": "4 place de Jaude",
        "commune": commune.insee,
        "commune_label": "Clermont-Ferrand (63)",
        "phone": "04 73 12 34 56",
        "siren": "732 829 320",
        "naf_sector": naf.code,
        "company_type": "pme",
        "cgu_accepted": "on",
        "action": "signup",
    }


@pytest.fixture
def start_signup(client, db):
    """Post step 1 and return the client, now on step 2."""

    def start(email="claire.martin@ateliers.example", password=STRONG_PASSWORD):
        response = client.post("/espace-recruteur/inscription/", {"email": email, "password": password})
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return start


def nothing_stored():
    return not get_user_model().objects.exists() and not Company.objects.exists() and not Recruiter.objects.exists()


__all__ = ["DEFAULT_PASSWORD", "STRONG_PASSWORD", "VALID_SIREN", "nothing_stored"]
