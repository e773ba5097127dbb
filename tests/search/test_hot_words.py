"""Words found in most CVs are read from per-document bits instead of Xapian: same results, kept up to
date by every index change."""

import pytest

from portal.candidates.models import CandidateProfile
from search.backends import cvtheque_backend
from search.backends import xapian as xapian_backend
from search.indexing import index_profiles, index_rebuild

from .conftest import search

pytestmark = pytest.mark.django_db

TEXTS = [
    "Gestion des stocks, suivi client. Comptable.",
    "Gestion de projet, suivi de chantier.",
    "Gestion administrative ; technicienne de maintenance.",
    "Suivi des commandes, gestion de la paie.",
    "Gestion : relation client. Vendeuse.",
    "Technicien de maintenance, suivi qualité.",
    "Cariste, gestion des flux, l'entrepôt.",
    "Comptable, gestion de la paie.",
    "Infirmière de nuit.",
    "Soudeur TIG.",
]
QUERIES = [
    ("gestion", "all"), ("gestion suivi", "all"), ("gestion suivi", "any"), ("gestion comptable", "any"),
    ("gestion comptable", "all"), ("technicien -gestion", "all"), ("-gestion", "all"), ("gestion -suivi", "all"),
    ('"gestion de la paie" suivi', "any"), ('gestion -"relation client"', "all"), ("comptable soudeur", "any"),
    ("gestions", "all"), ("GESTION infirmière", "any"),
]


@pytest.fixture
def rebuilt(index, make_profile):
    for number, text in enumerate(TEXTS):
        make_profile(headline=f"Profil {number}", cv_text=text)
    index_rebuild()
    return index


def _results(user, q, mode):
    page = search(user, q=q, mode=mode, per_page=50)
    return page.total, {card.profile.pk for card in page.cards}, {k: v.counts for k, v in page.result.facets.items()}


def test_a_rebuild_chooses_the_frequent_words(rebuilt):
    backend = cvtheque_backend()
    arrays = backend._arrays(backend._reader())
    assert set(arrays.hot_words) >= {"gestion", "suivi"}
    assert "soudeur" not in arrays.hot_words and "de" not in arrays.hot_words


@pytest.mark.parametrize("q, mode", QUERIES)
def test_hot_words_give_the_results_of_xapian(rebuilt, recruiter, monkeypatch, q, mode):
    with_bits = _results(recruiter.user, q, mode)
    monkeypatch.setattr(xapian_backend, "_hot_forms", lambda term, arrays: ())
    assert with_bits == _results(recruiter.user, q, mode)
    assert with_bits[0] > 0 or q == "-gestion"


def test_updates_and_deletions_keep_the_bits(rebuilt, recruiter):
    soudeur = CandidateProfile.objects.get(headline="Profil 9")
    assert soudeur.pk not in _results(recruiter.user, "gestion", "all")[1]
    soudeur.cv_text = "Soudeur TIG, gestion des consommables."
    soudeur.save()
    index_profiles(profile_ids=[soudeur.pk])
    assert soudeur.pk in _results(recruiter.user, "gestion", "all")[1]
    first = CandidateProfile.objects.get(headline="Profil 0")
    first.cv_text = "Plus rien de fréquent."
    first.save()
    index_profiles(profile_ids=[first.pk])
    assert first.pk not in _results(recruiter.user, "gestion", "all")[1]
    count = _results(recruiter.user, "gestion", "all")[0]
    deleted = CandidateProfile.objects.get(headline="Profil 1")
    deleted_pk = deleted.pk
    deleted.delete()
    hidden = CandidateProfile.objects.get(headline="Profil 2")
    hidden.visible_in_cvtheque = False
    hidden.save()
    index_profiles(profile_ids=[deleted_pk, hidden.pk])
    assert _results(recruiter.user, "gestion", "all")[0] == count - 2
