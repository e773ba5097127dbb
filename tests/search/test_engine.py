"""The CVthèque search end to end on the real Xapian engine: profiles -> index -> query -> results."""

from datetime import date, timedelta

import pytest
import xapian
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import with_details
from portal.candidates.services import candidate_consent_set, candidate_profile_update
from portal.candidates.signals import profile_changed
from search.backends.xapian import BIGRAM_PREFIX, TITLE_PREFIX, DocumentWriter
from search.documents import document_from_rows, load_rows, profile_document
from search.query import FIELD_POSITION_GAP, bigrams
from search.text import normalize_text, normalize_title
from tests.factories import RecruiterFactory

from .conftest import refs, reindex, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(index, make_profile):
    profiles = {
        "tech-interim": make_profile(headline="Technicienne de maintenance", cv_text="Missions en intérim chez Michelin."),
        "tech-cdi": make_profile(headline="Technicien", cv_text="Technicien maintenance en CDI, 5 ans d'expérience."),
        "controleuse": make_profile(headline="Contrôleuse de gestion", cv_text="Bac+5, tableaux de bord."),
        "controle": make_profile(headline="Agent qualité", cv_text="Contrôle qualité : contrôler les pièces."),
        "infirmieres": make_profile(headline="Infirmière", cv_text="Infirmières diplômées d'État ; cheffe d'équipe."),
        "boulangerie": make_profile(headline="Vendeuse", cv_text="Vendeuse en boulangerie, boulangère de formation."),
        "directrice": make_profile(headline="Directrice commerciale", cv_text="Directrices commerciales."),
        "serveuse": make_profile(headline="Serveuse", cv_text="Maintenance maintenance des machines à café."),
        "scaphandriere": make_profile(headline="Scaphandrière", cv_text="Travaux sous-marins, plongée."),
        "developpeur": make_profile(headline="Développeur", skills=["C++", "C#"], cv_text="Embarqué."),
    }
    reindex()
    return profiles


def found(recruiter, **options):
    return refs(search(recruiter.user, per_page=50, **options))


def test_all_words_required(corpus, recruiter):
    assert found(recruiter, q="technicien maintenance") == {"Technicienne de maintenance", "Technicien"}


def test_phrase_needs_the_words_side_by_side(corpus, recruiter):
    assert found(recruiter, q='"technicien de maintenance"') == {"Technicienne de maintenance"}
    assert found(recruiter, q='"maintenance technicien"') == set()


def test_exclusion_of_a_word_and_of_a_phrase(corpus, recruiter):
    assert found(recruiter, q="technicien -intérim") == {"Technicien"}
    assert found(recruiter, q='technicien -"en CDI"') == {"Technicienne de maintenance"}


def test_exclusion_only_shows_every_other_profile(corpus, recruiter):
    page = search(recruiter.user, q="-intérim", per_page=50)
    assert page.total == len(corpus) - 1
    assert "Aucun mot à rechercher" in page.warnings[0]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("technicien", {"Technicienne de maintenance", "Technicien"}),
        ("techniciennes", {"Technicienne de maintenance", "Technicien"}),
        ("TECHNICIENS", {"Technicienne de maintenance", "Technicien"}),
        ("contrôleur", {"Contrôleuse de gestion"}),
        ("controleuses", {"Contrôleuse de gestion"}),
        ("directeur", {"Directrice commerciale"}),
        ("directeurs", {"Directrice commerciale"}),
        ("vendeur", {"Vendeuse"}),
        ("vendeurs", {"Vendeuse"}),
        ("infirmier", {"Infirmière"}),
        ("Infirmière", {"Infirmière"}),
        ("infirmiere", {"Infirmière"}),
        ("boulanger", {"Vendeuse"}),
        ("serveur", {"Serveuse"}),
        ("chef", {"Infirmière"}),
        ("cheffes", {"Infirmière"}),
    ],
)
def test_feminine_plural_capitals_and_accents_through_the_index(corpus, recruiter, query, expected):
    assert found(recruiter, q=query) == expected


def test_controleuse_does_not_match_every_control_word(corpus, recruiter):
    assert "Agent qualité" not in found(recruiter, q="contrôleuse")
    assert found(recruiter, q="contrôle") == {"Agent qualité"}


def test_title_suffix_rules_find_a_feminine_title_missing_from_the_lexicon(corpus, recruiter):
    assert found(recruiter, q="scaphandrier") == {"Scaphandrière"}
    assert found(recruiter, q="scaphandrières") == {"Scaphandrière"}


def test_programming_languages(corpus, recruiter):
    assert found(recruiter, q="c++") == {"Développeur"}
    assert found(recruiter, q="C#") == {"Développeur"}
    # A phrase holding "c++" has no indexed word pair: it is matched word by word.
    assert found(recruiter, q='"c++ c#"') == {"Développeur"}
    assert found(recruiter, q='"c# c++"') == set()


def test_phrases_of_two_three_and_more_words(corpus, recruiter):
    assert found(recruiter, q='"missions en intérim"') == {"Technicienne de maintenance"}
    assert found(recruiter, q='"missions intérim"') == set()
    assert found(recruiter, q='"technicien maintenance en cdi 5 ans"') == {"Technicien"}
    assert found(recruiter, q='"maintenance des machines"') == {"Serveuse"}
    # Not across two fields: the headline "Technicien" ends where the CV text starts.
    assert found(recruiter, q='"technicien technicien"') == set()


def test_any_mode_ranks_profiles_with_every_word_first(corpus, recruiter):
    page = search(recruiter.user, q="technicien maintenance", mode="any")
    headlines = [card.profile.headline for card in page.cards]
    assert set(headlines) == {"Technicienne de maintenance", "Technicien", "Serveuse"}
    assert set(headlines[:2]) == {"Technicienne de maintenance", "Technicien"}
    assert page.cards[0].score > page.cards[2].score
    # Mode "all" keeps only the profiles with both words.
    assert search(recruiter.user, q="technicien maintenance").total == 2


@pytest.mark.parametrize(
    "raw",
    ['technicien "de maintenance', '""', "- +", "!!!", "de", "a" * 2000, "technicien -technicienne", '"' * 7,
     "\x00\x01", "-", "((()))", "technicien AND OR NOT", "*", "é" * 61],
)
def test_bad_queries_never_fail(corpus, recruiter, raw):
    page = search(recruiter.user, q=raw)
    assert page.total >= 0
    assert isinstance(page.parsed.describe(), str)


def test_unbalanced_quote_is_repaired_and_explained(corpus, recruiter):
    page = search(recruiter.user, q='technicien "de maintenance')
    assert "Guillemet fermant ajouté." in page.warnings
    assert refs(page) == {"Technicienne de maintenance"}


def test_highlight_marks_the_matched_words_in_the_cards(corpus, recruiter):
    page = search(recruiter.user, q="technicien maintenance")
    card = next(c for c in page.cards if c.profile.headline == "Technicien")
    assert "<mark>Technicien</mark>" in card.headline
    assert "<mark>Technicien maintenance</mark>" in card.extract or "<mark>maintenance</mark>" in card.extract


# --- Sorting and pagination -----------------------------------------------------------------------------


@pytest.fixture
def dated(index, make_profile):
    now = timezone.now()
    profiles = []
    for i in range(7):
        profiles.append(
            make_profile(
                headline=f"Soudeur {i}",
                cv_text="soudeur soudure " * (i + 1),
                last_active_at=now - timedelta(days=10 * i),
                created_at=now - timedelta(days=100 - i),
                updated_at=now - timedelta(days=(i * 3) % 7),
            )
        )
    reindex()
    return profiles


@pytest.mark.parametrize(
    "sort, field",
    [("last_login", "last_active_at"), ("created", "created_at"), ("updated", "updated_at")],
)
def test_sorts_by_date_newest_first(dated, recruiter, sort, field):
    page = search(recruiter.user, q="soudeur", sort=sort)
    expected = sorted(dated, key=lambda p: (getattr(p, field), p.pk), reverse=True)
    assert [card.profile.pk for card in page.cards] == [p.pk for p in expected]


def test_relevance_is_the_default_sort(dated, recruiter):
    page = search(recruiter.user, q="soudure")
    scores = [card.score for card in page.cards]
    assert scores == sorted(scores, reverse=True)
    # BM25 favours the profile that repeats the word most here.
    assert page.cards[0].profile.headline == "Soudeur 6"


def test_browsing_without_words_shows_the_most_recently_active_first(dated, recruiter):
    page = search(recruiter.user)
    assert [card.profile.pk for card in page.cards] == [p.pk for p in dated]


@pytest.mark.parametrize("sort", ["relevance", "last_login", "created", "updated"])
def test_pages_split_the_results_without_overlap(dated, recruiter, sort):
    full = [c.profile.pk for c in search(recruiter.user, q="soudeur", sort=sort, per_page=50).cards]
    pages = []
    for number in (1, 2):
        page = search(recruiter.user, q="soudeur", sort=sort, per_page=10, page=number)
        pages.append([c.profile.pk for c in page.cards])
        assert page.total == 7
    assert pages[0] == full and pages[1] == []


def test_page_sizes_and_page_beyond_the_last(index, make_profile, recruiter):
    for i in range(35):
        make_profile(headline=f"Cariste {i}")
    reindex()
    assert len(search(recruiter.user, q="cariste", per_page=10).cards) == 10
    assert len(search(recruiter.user, q="cariste").cards) == 30
    page2 = search(recruiter.user, q="cariste", page=2)
    assert len(page2.cards) == 5 and page2.num_pages == 2 and not page2.has_next
    all_ids = {c.profile.pk for c in search(recruiter.user, q="cariste", per_page=50).cards}
    assert {c.profile.pk for c in search(recruiter.user, q="cariste").cards} | {c.profile.pk for c in page2.cards} == all_ids
    assert search(recruiter.user, q="cariste", page=9).cards == []


# --- Who is in the index -----------------------------------------------------------------------------


def test_two_year_rule_at_indexing_and_at_query_time(index, make_profile, recruiter, monkeypatch):
    now = timezone.now()
    old = make_profile(headline="Menuisier ancien", last_active_at=now - timedelta(days=731))
    edge = make_profile(headline="Menuisier limite", last_active_at=now - timedelta(days=729, hours=23))
    recent = make_profile(headline="Menuisier récent", last_active_at=now - timedelta(days=3))
    reindex()
    assert found(recruiter, q="menuisier") == {"Menuisier limite", "Menuisier récent"}
    # Nobody reindexes: two days later the edge profile has aged out by itself.
    later = now + timedelta(days=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert found(recruiter, q="menuisier") == {"Menuisier récent"}
    assert old.pk and edge.pk and recent.pk


def test_profiles_without_consent_or_with_a_closed_account_are_not_indexed(index, make_profile, recruiter):
    make_profile(headline="Plombier visible")
    make_profile(headline="Plombier caché", visible_in_cvtheque=False, consent_at=None)
    closed = make_profile(headline="Plombier parti")
    closed.user.is_active = False
    closed.user.save()
    reindex()
    assert found(recruiter, q="plombier") == {"Plombier visible"}
    assert index.document_count() == 1


def test_consent_withdrawn_leaves_the_index_through_the_task(index, make_profile, recruiter,
                                                              django_capture_on_commit_callbacks):
    profile = make_profile(headline="Électricien")
    reindex()
    assert found(recruiter, q="électricien") == {"Électricien"}
    with django_capture_on_commit_callbacks(execute=True):
        candidate_consent_set(profile=profile, visible=False)
    assert found(recruiter, q="électricien") == set()
    assert index.document_count() == 0


def test_profile_edit_reaches_the_index_through_signal_and_task(index, make_profile, recruiter,
                                                                 django_capture_on_commit_callbacks):
    profile = make_profile(headline="Cuisinier")
    reindex()
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_update(profile=profile, data={"headline": "Pâtissière"})
    assert found(recruiter, q="pâtissier") == {"Pâtissière"}
    assert found(recruiter, q="cuisinier") == set()


def test_deleted_profile_leaves_the_index(index, make_profile, recruiter):
    profile = make_profile(headline="Maçon")
    reindex()
    pk = profile.pk
    profile.delete()
    profile_changed.send(sender=None, profile_ids=[pk])
    assert found(recruiter, q="maçon") == set()


def test_a_profile_hidden_after_indexing_is_not_shown(index, make_profile, recruiter):
    profile = make_profile(headline="Couvreur")
    reindex()
    # Consent withdrawn directly in the database, index not updated yet: the page re-checks.
    type(profile).objects.filter(pk=profile.pk).update(visible_in_cvtheque=False)
    assert found(recruiter, q="couvreur") == set()


def test_recruiters_without_a_validated_company_get_nothing(corpus):
    pending = RecruiterFactory(pending=True)
    page = search(pending.user, q="technicien")
    assert page.total == 0 and page.cards == []


# --- Index layout -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Technicienne de maintenance, 5 ans d'expérience en C++ et C# (Bac+5).",
        "L'infirmière aide-soignante ; Saint-Étienne — 2019/2020 : 3D, 4×4, n°12, œuvre, Ærø.",
        "Ελληνικά Русский 中文 العربية ﬁnance ²³ ½ e\u0301te\u0301",
        "x" * 59 + " " + "é" * 59 + " " + "y" * 70,
    ],
)
def test_the_term_generator_keeps_our_tokens_and_positions(db, text):
    """The TermGenerator only splits our normalised tokens on spaces: same terms, positions 1..n."""
    xdoc = xapian.Document()
    writer = DocumentWriter.__new__(DocumentWriter)
    writer.generator = xapian.TermGenerator()
    writer.generator.set_stemming_strategy(xapian.TermGenerator.STEM_NONE)
    writer.generator.set_max_word_length(240)
    writer.generator.set_document(xdoc)
    tokens = normalize_text(text)
    writer._index_field(tokens, pairs=True)
    writer._index_field(normalize_title(text), TITLE_PREFIX)
    terms = {item.term.decode() for item in xdoc.termlist()}
    assert {t for t in terms if not t.startswith((TITLE_PREFIX, BIGRAM_PREFIX))} == set(tokens)
    # Word pairs sit at the position of their first word (pairs with "c++" are left out).
    pairs = {}
    for position, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False), start=1):
        if bigrams((a, b)):
            pairs.setdefault(f"{BIGRAM_PREFIX}{a}_{b}", []).append(position)
    for item in xdoc.termlist():
        term = item.term.decode()
        if term.startswith(BIGRAM_PREFIX):
            assert list(item.positer) == pairs.pop(term), term
    assert pairs == {}
    assert {t[len(TITLE_PREFIX):] for t in terms if t.startswith(TITLE_PREFIX)} == set(normalize_title(text))
    expected = {}
    for position, token in enumerate(tokens, start=1):
        expected.setdefault(token, []).append(position)
    for item in xdoc.termlist():
        term = item.term.decode()
        if not term.startswith((TITLE_PREFIX, BIGRAM_PREFIX)):
            assert list(item.positer) == expected[term], term
    assert FIELD_POSITION_GAP > 12


def test_document_holds_every_field_once(db, make_profile):
    profile = make_profile(
        headline="Soudeuse TIG",
        desired_jobs=["Chaudronnière"],
        skills=["Soudure TIG", "Lecture de plans"],
        experiences=[("Soudeuse", date(2019, 1, 1), None, "Soudure inox")],
        education=[(5, "BTS Chaudronnerie")],
        languages=[("en", "anglais")],
        cv_text="CV complet",
    )
    document = profile_document(type(profile).objects.get(pk=profile.pk))
    assert document.titles == ["Soudeuse TIG", "Chaudronnière", "Soudeuse"]
    assert "CV complet" in document.texts and "Soudure TIG, Lecture de plans" in document.texts
    assert document.facets["skill"] == ["soudure tig", "lecture de plan"]
    assert document.labels["skill"]["soudure tig"] == "Soudure TIG"
    assert document.experience_ongoing is True


def test_relevance_pages_stay_exact_when_filters_keep_few_of_many_matches(index, make_profile, recruiter):
    """The ranked page is read as deep as needed: few matches pass the filters, deep in the ranking."""
    for i in range(60):
        make_profile(headline=f"Soudeur {i}", cv_text="soudeur " * (60 - i),
                     contract_types=["CDD"] if i % 5 == 4 else ["CDI"])
    make_profile(headline="Soudeur en intérim", cv_text="soudeur intérim " * 80, contract_types=["CDD"])
    reindex()
    options = {"q": "soudeur -intérim", "filters": ["contract_type=CDD"], "per_page": 10}
    first = search(recruiter.user, **options)
    second = search(recruiter.user, page=2, **options)
    assert first.total == 12
    # The same order as ranking everything, then keeping the CDD profiles.
    everything = [c.profile for number in (1, 2)
                  for c in search(recruiter.user, q="soudeur -intérim", per_page=50, page=number).cards]
    assert len(everything) == 60
    expected = [p.headline for p in everything if p.contract_types == ["CDD"]]
    assert [c.profile.headline for c in first.cards + second.cards] == expected


def test_documents_from_rows_equal_documents_from_models(db, make_profile):
    """Indexing reads plain rows; haystack's update() passes model instances: same documents."""
    make_profile(
        headline="Soudeuse TIG", desired_jobs=["Chaudronnière"], skills=["Soudure TIG"], cv_text="CV",
        experiences=[("Soudeuse", date(2019, 1, 1), None, "Inox"), ("Apprentie", date(2015, 9, 1), date(2018, 6, 1))],
        education=[(5, "BTS"), (None, "Stage")], languages=[("en", "anglais")],
        desired=[("riom", 10), "69"], sectors=[("22.11Z", "C", "Industrie")],
    )
    make_profile(headline="Sans rien", home=None)
    profiles = with_details(CandidateProfile.objects.order_by("pk"))
    from_models = [profile_document(p) for p in profiles]
    from_rows = sorted((document_from_rows(r) for r in load_rows(CandidateProfile.objects.all())), key=lambda d: d.pk)
    assert from_rows == from_models
