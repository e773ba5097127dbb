"""The CVthèque "Métiers proches" switch: a criterion kept by links and saved searches, a job-title
query widened with the vocabulary's synonyms on both engines, the added titles ranked after the query's
own matches and highlighted apart; off, nothing changes."""

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from search.backends.base import EngineQuery
from search.backends.elasticsearch import search_body
from search.choices import AlertFrequency
from search.criteria import criteria_from_json, criteria_from_options, criteria_from_params
from search.query import QUERY_ITSELF_BONUS, SYNONYM_BONUS, WIDENED_MARK, highlight, parse_query, widen_query
from search.selectors import cvtheque_search
from search.services import saved_search_alerts_send
from search.text import normalize_title
from tests.factories import FolderFactory, SavedSearchFactory

from .conftest import reindex, search

# --- the criterion ------------------------------------------------------------------------------------------


def test_the_switch_is_off_by_default_and_leaves_links_and_saved_searches_as_they_were():
    criteria = criteria_from_params(QueryDict("q=aide-soignant"))
    assert criteria.close_titles is False
    assert criteria.querystring() == "q=aide-soignant"
    assert "close_titles" not in criteria.to_json()
    assert criteria_from_json(criteria.to_json()).close_titles is False


@pytest.mark.django_db
def test_the_switch_travels_in_links_facet_toggles_and_saved_searches():
    criteria = criteria_from_params(QueryDict("q=aide-soignant&proches=1&contract_type=CDI"))
    assert criteria.close_titles is True and not criteria.errors
    assert criteria.querystring() == "q=aide-soignant&proches=1&contract_type=CDI"
    assert "proches=1" in criteria.toggled("contract_type", "CDD")
    assert "proches=1" in criteria.querystring(page=2, sort="created")
    saved = criteria.to_json()
    assert saved["close_titles"] is True
    assert criteria_from_json(saved).close_titles is True
    assert criteria_from_params(QueryDict(criteria.querystring())).close_titles is True
    # The checkbox posts "1"; anything else leaves the switch off.
    assert criteria_from_params(QueryDict("q=x&proches=0")).close_titles is False
    assert criteria_from_options(q="x", close_titles=True).close_titles is True


# --- the widened query ----------------------------------------------------------------------------------


def test_a_trade_query_gets_its_synonyms_and_abbreviations():
    parsed = widen_query(parse_query("aide-soignant"))
    assert "AS" in parsed.added_titles and "aide à domicile" in parsed.added_titles
    relations = [term.relation for term in parsed.widened]
    # The same trade's names first, then neighbouring trades'.
    assert relations == sorted(relations, key=lambda relation: relation != "synonyme") and "proche" in relations
    assert "aide à domicile" not in widen_query(parse_query("aide-soignant"), relations=("synonyme",)).added_titles
    assert widen_query(parse_query("DRH")).added_titles[:2] == [
        "directeur des ressources humaines", "responsable des ressources humaines",
    ]


def test_a_query_naming_no_trade_is_not_widened():
    assert widen_query(parse_query("levain")).widened == []
    assert widen_query(parse_query("")).widened == []
    assert widen_query(parse_query("-intérim")).widened == []


def test_the_words_of_an_added_title_are_highlighted_apart_from_the_query_words():
    parsed = widen_query(parse_query("DRH"))
    extract = highlight("DRH puis responsable des ressources humaines chez Michelin.", parsed)
    assert "<mark>DRH</mark>" in extract
    assert f"{WIDENED_MARK}responsable des ressources humaines</mark>" in extract
    # Without the switch, the same words are plain text.
    plain = highlight("DRH puis responsable des ressources humaines chez Michelin.", parse_query("DRH"))
    assert "mark-proche" not in plain and "<mark>DRH</mark>" in plain


# --- Elasticsearch request bodies ------------------------------------------------------------------------


def _engine_query(parsed):
    now = datetime(2026, 11, 27, 10, tzinfo=UTC)
    return EngineQuery(parsed=parsed, now=now, today=date(2026, 11, 27), active_since=now - timedelta(days=730))


def test_elasticsearch_body_without_an_added_title_is_unchanged():
    # A query naming no trade, switch on: the very body of the plain search.
    assert search_body(_engine_query(widen_query(parse_query("levain -intérim")))) == search_body(
        _engine_query(parse_query("levain -intérim")))
    body = search_body(_engine_query(parse_query("DRH -intérim")))
    assert "constant_score" not in str(body["query"]["bool"]["must"])


def test_elasticsearch_body_with_the_switch_adds_title_phrases_after_the_query():
    parsed = widen_query(parse_query("DRH -intérim"))
    body = search_body(_engine_query(parsed))
    plain = search_body(_engine_query(parse_query("DRH -intérim")))
    itself = plain["query"]["bool"]["must"][0]
    matching = body["query"]["bool"]["must"][0]["bool"]
    assert matching["minimum_should_match"] == 1
    first, again, titles = matching["should"]
    # The query's own matches first, by a constant larger than any score.
    assert first == {"constant_score": {"filter": itself, "boost": QUERY_ITSELF_BONUS}}
    assert again == itself
    phrases = titles["bool"]["must"][0]["bool"]["should"]
    # Phrases of title words, as the title field holds them.
    director = " ".join(normalize_title("directeur des ressources humaines"))
    assert {"match_phrase": {"title": {"query": director}}} in phrases
    assert {"match": {"title": {"query": "rrh"}}} in phrases
    # Synonyms of the title before neighbouring trades, by a smaller constant.
    synonyms_first = titles["bool"]["should"][0]["constant_score"]
    assert synonyms_first["boost"] == SYNONYM_BONUS < QUERY_ITSELF_BONUS
    assert synonyms_first["filter"]["bool"]["should"] == phrases
    # The added titles score only profiles the query does not match; excluded words stay excluded.
    assert titles["bool"]["must_not"] == [itself, {"match": {"text": {"query": "interim"}}}]
    # The title boost and the filters are those of the plain search.
    assert body["query"]["bool"]["should"] == plain["query"]["bool"]["should"]
    assert body["query"]["bool"]["filter"] == plain["query"]["bool"]["filter"]


# --- the search (Xapian here; tests/search/test_elasticsearch.py runs it on a server) ----------------------


@pytest.fixture
def care(index, make_profile):
    made = {
        "own": make_profile(headline="Aide-soignante", cv_text="Toilettes, transmissions en EHPAD."),
        "abbreviated": make_profile(headline="AS en EHPAD", cv_text="Soins d'hygiène et de confort.",
                                    experiences=[("AS", date(2019, 1, 1), None)]),
        "neighbour": make_profile(headline="Aide à domicile", cv_text="Courses, repas, entretien du logement.",
                                  experiences=[("Aide à domicile", date(2018, 1, 1), None)]),
        "cv_only": make_profile(headline="Serveuse", cv_text="Serveuse en brasserie. Permis AS.",
                                experiences=[("Serveuse", date(2020, 1, 1), None)]),
        "excluded": make_profile(headline="AS intérim", cv_text="Missions en intérim.",
                                 experiences=[("AS", date(2021, 1, 1), None)]),
    }
    reindex()
    return made


def test_close_titles_rank_the_query_s_own_matches_then_synonyms_then_neighbouring_trades(care, recruiter):
    plain = search(recruiter.user, q="aide-soignant")
    assert [card.profile.pk for card in plain.cards] == [care["own"].pk]
    widened = search(recruiter.user, q="aide-soignant", close_titles=True)
    ranked = [card.profile.pk for card in widened.cards]
    assert ranked[0] == care["own"].pk
    assert set(ranked[1:3]) == {care["abbreviated"].pk, care["excluded"].pk}
    assert ranked[3:] == [care["neighbour"].pk]
    # "AS" written outside a job title does not count.
    assert care["cv_only"].pk not in ranked and widened.total == 4
    cards = {card.profile.pk: card for card in widened.cards}
    assert "mark-proche" in cards[care["abbreviated"].pk].headline
    assert "mark-proche" in cards[care["neighbour"].pk].headline
    assert "mark-proche" not in cards[care["own"].pk].headline


def test_the_query_s_own_matches_keep_the_order_they_have_without_the_switch(index, make_profile, recruiter):
    make_profile(headline="Aide-soignante", cv_text="Aide-soignante en EHPAD, aide-soignante de nuit.")
    make_profile(headline="Agent de service", cv_text="Remplacements d'aide-soignant.",
                 experiences=[("AS", date(2015, 1, 1), date(2016, 1, 1)), ("ASH", date(2016, 1, 1), None)])
    make_profile(headline="Aide-soignant diplômé", experiences=[("AS", date(2018, 1, 1), None)])
    make_profile(headline="AS", experiences=[("Aide médico-psychologique", date(2018, 1, 1), None)])
    reindex()
    plain = [card.profile.pk for card in search(recruiter.user, q="aide-soignant").cards]
    widened = [card.profile.pk for card in search(recruiter.user, q="aide-soignant", close_titles=True).cards]
    assert len(plain) == 3 and len(widened) == 4
    # The added titles ("AS", "ASH"...) do not reorder the profiles the words found.
    assert widened[:3] == plain


def test_close_titles_keep_the_exclusions(care, recruiter):
    widened = search(recruiter.user, q="aide-soignant -intérim", close_titles=True)
    assert {card.profile.pk for card in widened.cards} == {care["own"].pk, care["abbreviated"].pk,
                                                           care["neighbour"].pk}


def test_without_the_switch_or_without_a_known_trade_the_results_are_exactly_unchanged(care, recruiter):
    for q in ("aide-soignant", "EHPAD", "serveuse", "intérim -AS", ""):
        before = search(recruiter.user, q=q)
        off = cvtheque_search(user=recruiter.user, criteria=criteria_from_options(q=q, close_titles=False))
        assert [(c.profile.pk, c.score, c.headline) for c in off.cards] == [
            (c.profile.pk, c.score, c.headline) for c in before.cards]
        assert off.total == before.total and off.parsed.widened == []
    # "EHPAD" names no trade: the switch adds nothing and changes nothing.
    before = search(recruiter.user, q="EHPAD")
    on = search(recruiter.user, q="EHPAD", close_titles=True)
    assert on.parsed.widened == []
    assert [(c.profile.pk, c.score) for c in on.cards] == [(c.profile.pk, c.score) for c in before.cards]


# --- saved searches and alerts ------------------------------------------------------------------------------


def test_an_alert_keeps_the_switch_and_announces_a_profile_found_through_a_synonym(
        index, recruiter, make_profile, django_capture_on_commit_callbacks):
    make_profile(headline="Aide-soignante déjà là", consent_at=timezone.now() - timedelta(days=3))
    reindex()
    widened = {"q": "aide-soignant", "close_titles": True}
    plain = {"q": "aide-soignant"}
    folder = FolderFactory(recruiter=recruiter, name="Soins")
    for name, criteria in (("Élargie", widened), ("Mots seuls", plain)):
        SavedSearchFactory(folder=folder, name=name, criteria=criteria, alert_frequency=AlertFrequency.DAILY,
                           last_alert_at=timezone.now() - timedelta(days=1))
    arrived = make_profile(headline="AS de nuit", consent_at=timezone.now(), experiences=[("AS", date(2019, 1, 1), None)])
    reindex(arrived)
    with django_capture_on_commit_callbacks(execute=True):
        report = saved_search_alerts_send(frequency=AlertFrequency.DAILY)
    # Only the widened search finds the "AS": one e-mail, whose link reopens the search switch on.
    assert (report.searches, report.emails, report.profiles) == (2, 1, 1)
    [message] = mail.outbox
    assert "Élargie" in message.subject and "AS de nuit" in message.body
    assert "proches=1" in message.body


def test_the_command_line_has_the_switch(care, recruiter):
    out = io.StringIO()
    call_command("cvtheque_search", "--json", "--as", recruiter.user.email, "--q", "aide-soignant",
                 "--metiers-proches", stdout=out)
    data = json.loads(out.getvalue())
    assert data["count"] == 4 and "AS" in data["added_titles"]
    assert data["results"][0]["id"] == care["own"].pk
    out = io.StringIO()
    call_command("cvtheque_search", "--json", "--as", recruiter.user.email, "--q", "aide-soignant", stdout=out)
    data = json.loads(out.getvalue())
    assert data["count"] == 1 and data["added_titles"] == []
