"""`cvtheque_search`, `rebuild_cvtheque`, and the criteria every entry point shares."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from search import indexing
from search.backends.xapian import forget_readers
from search.criteria import criteria_from_json, criteria_from_options, criteria_from_params
from search.indexing import index_profiles, index_rebuild
from search.models import IndexBacklog, IndexRebuild
from search.text import build_lexicon, set_default_lexicon
from tests.factories import RecruiterFactory

from .conftest import reindex, search

pytestmark = pytest.mark.django_db


def run_cli(*args):
    out = io.StringIO()
    call_command("cvtheque_search", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def corpus(index, make_profile):
    make_profile(headline="Technicienne de maintenance", contract_types=["CDI"], external_ref="t1")
    make_profile(headline="Technicien", contract_types=["CDD", "CDI"], home="riom", external_ref="t2")
    make_profile(headline="Boulangère", contract_types=["CDD"], home="lyon", external_ref="b1")
    reindex()


def test_cli_prints_count_results_and_facets_like_the_page(corpus, recruiter):
    data = run_cli("--json", "--as", recruiter.user.email, "--q", "technicien", "--sort", "relevance")
    page = search(recruiter.user, q="technicien")
    assert data["count"] == page.total == 2
    assert [r["external_ref"] for r in data["results"]] == [c.profile.external_ref for c in page.cards]
    assert all(isinstance(r["score"], float) for r in data["results"])
    assert data["facets"]["contract_type"] == {"CDI": 2, "CDD": 1}
    assert set(data["facets"]) >= {"contract_type", "last_login", "historique", "skill"}


def test_cli_places_filters_sort_and_pages(corpus, recruiter):
    data = run_cli("--json", "--as", recruiter.user.email, "--place", "63113:20", "--filter", "contract_type=CDD",
                   "--sort", "last_login", "--per-page", "10", "--page", "1")
    assert [r["external_ref"] for r in data["results"]] == ["t2"]
    assert data["results"][0]["score"] is None
    data = run_cli("--json", "--as", recruiter.user.email, "--department", "69", "--mode", "any", "--q", "boulanger pâtissier")
    assert data["count"] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--place", "99999:10"], "Commune inconnue"),
        (["--place", "63113:101"], "Rayon invalide"),
        (["--place", "63113:abc"], "Rayon invalide"),
        (["--department", "ZZ"], "Département inconnu"),
        (["--filter", "contract_type=CDII"], "Valeur inconnue pour le filtre « Type de contrat »"),
        (["--filter", "couleur=bleu"], "Filtre inconnu"),
        (["--filter", "contract_type"], "Filtre mal écrit"),
        (["--sort", "salary"], "Tri inconnu"),
        (["--mode", "some"], "Mode de recherche inconnu"),
        (["--page", "0"], "Numéro de page invalide"),
        (["--per-page", "31"], "Nombre de profils par page invalide"),
    ],
)
def test_cli_bad_options_are_explained_in_french(corpus, recruiter, args, message):
    with pytest.raises(CommandError, match=message):
        run_cli("--json", "--as", recruiter.user.email, *args)


def test_cli_refuses_anyone_but_a_validated_recruiter(corpus):
    pending = RecruiterFactory(pending=True)
    with pytest.raises(CommandError, match="n'est pas un recruteur validé"):
        run_cli("--json", "--as", pending.user.email)
    with pytest.raises(CommandError, match="n'est pas un recruteur validé"):
        run_cli("--json", "--as", "personne@nulle-part.example")


def test_bad_words_are_warnings_not_errors(corpus, recruiter):
    data = run_cli("--json", "--as", recruiter.user.email, "--q", 'technicien "de maintenance')
    assert data["warnings"] == ["Guillemet fermant ajouté."]
    assert data["count"] == 1


def test_criteria_round_trip_between_page_links_and_saved_searches(places):
    params = QueryDict(mutable=True)
    params.update({"q": "technicien -intérim", "mode": "any", "tri": "created", "par_page": "10", "page": "2"})
    params.setlist("lieu", ["63113:20", "69123:0"])
    params.setlist("departement", ["63"])
    params.setlist("contract_type", ["CDI", "CDD"])
    params.setlist("inconnu", ["x"])
    criteria = criteria_from_params(params)
    assert criteria.errors == []
    assert [p.param for p in criteria.places] == ["63113:20", "69123:0"]
    again = criteria_from_params(QueryDict(criteria.querystring()))
    assert again.to_json() == criteria.to_json() and again.page == 2
    saved = criteria_from_json(criteria.to_json())
    assert saved.to_json() == criteria.to_json() and saved.page == 1


def test_form_rows_resolve_typed_communes(places):
    params = QueryDict(mutable=True)
    params.setlist("commune_label", ["Riom", "Clermont-Ferrand (63)", ""])
    params.setlist("commune", ["", "", ""])
    params.setlist("rayon", ["10", "0", "30"])
    criteria = criteria_from_params(params)
    assert criteria.errors == []
    assert [p.param for p in criteria.places] == ["63300:10", "63113:0"]
    params.setlist("commune_label", ["Atlantide"])
    params.setlist("rayon", ["10"])
    assert "Commune inconnue" in criteria_from_params(params).errors[0]


def test_too_many_places(places):
    criteria = criteria_from_options(places=[f"63113:{k}" for k in range(11)])
    assert any("Trop de lieux" in e for e in criteria.errors)


# --- Rebuild --------------------------------------------------------------------------------------


def test_rebuild_builds_aside_and_swaps(corpus, recruiter, index):
    before = index.current_directory()
    out = io.StringIO()
    call_command("rebuild_cvtheque", stdout=out)
    assert "CVthèque index rebuilt: 3 profiles" in out.getvalue()
    after = index.current_directory()
    assert after != before and after.parent == before.parent
    assert index.current_link.is_symlink()
    assert search(recruiter.user, q="technicien").total == 2
    rebuild = IndexRebuild.objects.get()
    assert rebuild.finished_at is not None and rebuild.documents == 3


def test_updates_during_a_rebuild_reach_the_new_index(corpus, recruiter, index, make_profile, monkeypatch):
    """A profile changed while the rebuild reads the others is replayed from the backlog before the swap."""
    late = make_profile(headline="Charpentière", external_ref="late")
    original = indexing.documents_for
    state = {"first": True}

    def documents_for(ids):
        if state["first"]:
            state["first"] = False
            # The rebuild read this chunk before the change; meanwhile a task indexes the profile
            # into the current index and, a rebuild running, queues it.
            index_profiles(profile_ids=[late.pk])
            assert IndexBacklog.objects.count() == 1
            return original([pk for pk in ids if pk != late.pk])
        return original(ids)

    monkeypatch.setattr(indexing, "documents_for", documents_for)
    index_rebuild()
    assert search(recruiter.user, q="charpentier").total == 1
    assert IndexBacklog.objects.count() == 0


def test_search_answers_from_the_current_index_until_the_swap(corpus, recruiter, index, make_profile):
    build = index.start_build()
    extra = make_profile(headline="Technicien de laboratoire")
    documents, _ = indexing.documents_for([extra.pk])
    build.write(documents)
    assert search(recruiter.user, q="technicien").total == 2
    with index.write_lock():
        build.swap()
    assert search(recruiter.user, q="technicien").total == 1


def test_a_failed_rebuild_leaves_the_current_index(corpus, recruiter, index, monkeypatch):
    current = index.current_directory()

    def broken(ids):
        raise RuntimeError("database gone")

    monkeypatch.setattr(indexing, "documents_for", broken)
    with pytest.raises(RuntimeError):
        index_rebuild()
    assert index.current_directory() == current
    assert not list(current.parent.glob("*.new"))
    assert IndexRebuild.objects.count() == 0
    assert search(recruiter.user, q="technicien").total == 2


def test_an_index_built_with_another_lexicon_asks_for_a_rebuild(corpus, recruiter, caplog):
    set_default_lexicon(build_lexicon([("plombier", "plombière")]))
    forget_readers()
    with caplog.at_level("WARNING", logger="search.backends.xapian"):
        search(recruiter.user, q="technicien")
    assert "run `manage.py rebuild_cvtheque`" in caplog.text
