"""The CVthèque profile page names a candidate's languages and sectors as a recruiter says them
("Anglais B2", "Activités comptables"), never by their codes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CandidateLanguageFactory, LanguageFactory, NafSectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter.user)
    return client


def test_profile_page_names_languages_with_their_level_and_sectors(signed_in, make_profile):
    accounting = NafSectorFactory(code="69.20Z", label="Activités comptables", section="M",
                                  section_label="Activités spécialisées, scientifiques et techniques")
    profile = make_profile(headline="Comptable")
    profile.sectors.set([accounting])
    CandidateLanguageFactory(profile=profile, language=LanguageFactory(code="en", name="anglais"), level="B2")
    CandidateLanguageFactory(profile=profile, language=LanguageFactory(code="de", name="allemand"), level="")
    with CaptureQueriesContext(connection) as queries:
        content = signed_in.get(f"/admin/cvtheque/profils/{profile.pk}/").content.decode()
    # The languages' names come with the page's prefetch, not one query per language.
    assert sum('"reference_language"' in query["sql"] for query in queries.captured_queries) == 1
    facts = content[content.index("<dt>Langues</dt>"):]
    facts = facts[:facts.index("</dl>")]
    assert "<dd>Anglais B2, Allemand</dd>" in facts or "<dd>Allemand, Anglais B2</dd>" in facts
    assert "Activités comptables" in facts and "69.20Z" not in facts and "(B2)" not in facts
