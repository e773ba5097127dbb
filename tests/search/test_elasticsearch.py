"""Elasticsearch 7: the request bodies (always), and the same search tests as on Xapian against a real
server when SEARCH_URL points to one (``SEARCH_URL=elasticsearch://localhost:9200/vivier-test``);
otherwise those are skipped, with the reason."""

import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from haystack import connections

from portal.settings.env import haystack_connections
from search.backends.base import EngineQuery, PlaceClause
from search.backends.elasticsearch import MAPPING, es_document, read_facets, search_body
from search.choices import Sort
from search.documents import ProfileDocument
from search.query import parse_query

# The shared suites: collected here again, they run on the Elasticsearch `index` fixture below.
from .test_close_titles import (  # noqa: F401
    care,
    test_close_titles_keep_the_exclusions,
    test_close_titles_rank_the_query_s_own_matches_then_synonyms_then_neighbouring_trades,
    test_without_the_switch_or_without_a_known_trade_the_results_are_exactly_unchanged,
)
from .test_engine import (  # noqa: F401
    corpus,
    dated,
    test_all_words_required,
    test_any_mode_ranks_profiles_with_every_word_first,
    test_bad_queries_never_fail,
    test_browsing_without_words_shows_the_most_recently_active_first,
    test_consent_withdrawn_leaves_the_index_through_the_task,
    test_controleuse_does_not_match_every_control_word,
    test_exclusion_of_a_word_and_of_a_phrase,
    test_exclusion_only_shows_every_other_profile,
    test_feminine_plural_capitals_and_accents_through_the_index,
    test_page_sizes_and_page_beyond_the_last,
    test_pages_split_the_results_without_overlap,
    test_phrase_needs_the_words_side_by_side,
    test_profiles_without_consent_or_with_a_closed_account_are_not_indexed,
    test_programming_languages,
    test_sorts_by_date_newest_first,
    test_title_suffix_rules_find_a_feminine_title_missing_from_the_lexicon,
    test_two_year_rule_at_indexing_and_at_query_time,
)
from .test_facets import (  # noqa: F401
    test_every_facet_counts_exactly_over_the_whole_result_set,
    test_facet_counts_with_words,
    test_facet_counts_within_a_radius,
    test_ticked_values_narrow_and_other_facets_count_exactly,
    world,
)
from .test_places import (  # noqa: F401
    located,
    test_a_wanted_department_matches_circles_that_touch_it,
    test_departments_without_radius,
    test_desired_places_count_like_home,
    test_hundred_km,
    test_radius_follows_the_distance_between_communes,
    test_several_places_at_once,
    test_zero_km_is_the_commune_itself,
)

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

SERVER = os.environ.get("SEARCH_URL", "")


def _server_connections():
    if not SERVER.startswith(("elasticsearch://", "elasticsearchs://")):
        pytest.skip("no Elasticsearch 7 server: set SEARCH_URL=elasticsearch://host:9200/index to run these tests")
    config = haystack_connections(SERVER)["default"]
    config["INDEX_NAME"] = f"{config['INDEX_NAME']}-test-{uuid.uuid4().hex[:8]}"
    return {"default": config}


@pytest.fixture
def index(db, settings):
    """The same fixture name as the Xapian suites use: an empty index, here on the server."""
    conns = _server_connections()
    original = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {**settings.HAYSTACK_CONNECTIONS, **conns}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    backend = connections["default"].get_backend()
    try:
        backend.conn.info()
    except Exception as error:  # noqa: BLE001 - any failure means no usable server
        connections.connections_info = original
        connections.reload("default")
        pytest.skip(f"Elasticsearch at {SERVER} does not answer: {error}")
    backend.clear()
    yield backend
    backend.clear()
    connections.connections_info = original
    connections.reload("default")


# --- Request bodies (no server needed) -----------------------------------------------------------------------


def make_query(**kwargs):
    now = datetime(2026, 11, 27, 10, tzinfo=UTC)
    defaults = {"parsed": parse_query("technicien -intérim"), "now": now, "today": date(2026, 11, 27),
                    "active_since": now - timedelta(days=730)}
    defaults.update(kwargs)
    return EngineQuery(**defaults)


def test_bodies_are_built_without_a_server():
    body = search_body(make_query(
        places=[PlaceClause("63113", 30, 45.78, 3.09, frozenset({"63113", "63300"}), frozenset({"63"})),
                PlaceClause("69123", 0, 45.76, 4.83, frozenset({"69123"}), frozenset({"69"}))],
        departments=["03"],
        filters={"contract_type": ["CDI", "CDD"], "last_login": ["m3"], "historique": ["non_vus"],
                 "experience": ["1-3"], "availability": ["nc"]},
        company_sets={"historique": {"vus": frozenset({5, 3})}},
        sort=Sort.LAST_LOGIN, offset=30, limit=30,
    ))
    places = body["query"]["bool"]["filter"][1]["bool"]["should"]
    assert places[0] == {"geo_distance": {"distance": "30km", "places": {"lat": 45.78, "lon": 3.09}}}
    assert places[1] == {"terms": {"communes": ["69123"]}}
    assert {"terms": {"desired_departments": ["63", "69"]}} in places and {"terms": {"departments": ["03"]}} in places
    # Words are matched in the text (titles included); the title field only adds to the score.
    assert body["query"]["bool"]["must"][0]["bool"]["must_not"] == [{"match": {"text": {"query": "interim"}}}]
    assert body["query"]["bool"]["should"][0]["bool"]["must"] == [{"match": {"title": {"query": "technicien"}}}]
    # Each facet's aggregation applies the other facets' selections, not its own.
    contract_filters = body["aggs"]["contract_type"]["filter"]["bool"]["filter"]
    assert len(contract_filters) == 4 and len(body["post_filter"]["bool"]["filter"]) == 5
    assert body["aggs"]["skill"]["filter"]["bool"]["filter"]
    assert body["sort"] == [{"last_active_at": "desc"}, {"pk": "desc"}]
    assert (body["from"], body["size"], body["track_total_hits"]) == (30, 30, True)
    experience = body["post_filter"]["bool"]["filter"][3]["bool"]["should"][0]["bool"]["should"]
    assert experience[0] == {"range": {"experience_months": {"gte": 12, "lt": 36}}}
    month = 2026 * 12 + 10
    assert experience[1] == {"range": {"experience_anchor": {"lte": month - 12, "gt": month - 36}}}


def test_documents_fit_the_strict_mapping():
    document = ProfileDocument(
        pk=7, external_ref="x", texts=["Technicienne de maintenance", "CV"], titles=["Technicienne"],
        last_active_at=datetime(2026, 1, 1, tzinfo=UTC), created_at=datetime(2025, 1, 1, tzinfo=UTC),
        updated_at=datetime(2026, 1, 1, tzinfo=UTC), listed_at=datetime(2025, 1, 1, tzinfo=UTC),
        available_on=None, experience_months=30, experience_ongoing=True, indexed_on=date(2026, 1, 15),
        facets={"contract_type": ["CDI"], "skill": ["gmao"]}, labels={"skill": {"gmao": "GMAO"}},
        communes=["63113"], points=[(45.78, 3.09)], desired_departments=["69"], departments=["63", "69"],
    )
    source = es_document(document)
    assert set(source) <= set(MAPPING["properties"])
    assert source["text"] == ["technicien", "technicien de maintenance", "cv"] and source["title"] == ["technicien"]
    assert source["experience_anchor"] == 2026 * 12 + 0 - 30 and source["experience_months"] is None
    assert source["skill_labels"] == ["gmao\tGMAO"]


def test_facet_counts_are_read_from_aggregations():
    query = make_query(company_sets={"historique": {"vus": frozenset({1})}})
    aggregations = {
        "skill": {"doc_count": 3, "values": {"buckets": [
            {"key": "gmao", "doc_count": 2, "label": {"hits": {"hits": [{"_source": {"skill_labels": ["excel\tExcel", "gmao\tGMAO"]}}]}}}
        ]}},
        "historique": {"doc_count": 10, "values": {"buckets": {"vus": {"doc_count": 4}}}},
    }
    counts = read_facets(aggregations, query)
    assert counts["skill"].counts == {"gmao": 2} and counts["skill"].labels == {"gmao": "GMAO"}
    assert counts["historique"].counts == {"vus": 4, "non_vus": 6}
