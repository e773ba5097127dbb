"""The relevance report: its measures on hand-computed rankings, its run on rolled-back data, and the
floors the engine must keep on a slice of the judged set (tests/data/relevance/)."""

import importlib
import io
import json
import math
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.relevance import evaluate, load_set
from matching.relevance import metrics as m
from matching.relevance.dataset import RelevanceSetError
from matching.relevance.evaluate import ensure_reference_rows, offer_mapping
from matching.selectors import offer_to_criteria
from portal.candidates.models import CandidateProfile
from portal.reference.models import Commune, Language, NafSector
from recruiters.models import JobOffer, JobOfferLanguage
from search.backends import cvtheque_backend
from tests.factories import CompanyFactory
from tests.factories.offers import JobOfferFactory

# The package exports `evaluate`, the function, under the module's name.
evaluate_module = importlib.import_module("matching.relevance.evaluate")
SAMPLE = Path(__file__).parent / "relevance_sample"
FULL_SET = Path(__file__).parents[1] / "data" / "relevance"

# --- measures --------------------------------------------------------------------------------------


def test_dcg_sums_gains_discounted_by_rank():
    # (2^3 − 1)/log2(2) + (2^2 − 1)/log2(3) + 0 + (2^1 − 1)/log2(5)
    assert m.dcg([3, 2, 0, 1]) == pytest.approx(7 + 3 / math.log2(3) + 1 / math.log2(5))
    assert m.dcg([1] * 12) == pytest.approx(sum(1 / math.log2(r + 1) for r in range(1, 11)))


def test_ndcg_takes_its_ideal_from_every_judgment_of_the_offer():
    judgments = {"a": 3, "b": 2, "c": 0, "d": 1}
    assert m.ndcg(["a", "b", "d"], judgments) == pytest.approx(1.0)
    swapped = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3) + 1 / math.log2(4))
    assert m.ndcg(["b", "a"], judgments) == pytest.approx(swapped)
    # The ideal profile missing from the ranking costs its whole gain.
    assert m.ndcg(["b", "d"], judgments) == pytest.approx(
        (3 + 1 / math.log2(3)) / (7 + 3 / math.log2(3) + 1 / math.log2(4))
    )


def test_ndcg_counts_an_unlisted_profile_as_unrelated_and_is_none_without_relevant_ones():
    assert m.ndcg(["x", "a"], {"a": 3}) == pytest.approx((7 / math.log2(3)) / 7)
    assert m.ndcg(["a"], {"a": 0, "b": 0}) is None


def test_precision_counts_good_and_ideal_over_k_places():
    judgments = {"a": 3, "b": 2, "c": 1, "d": 0}
    assert m.precision_at(["a", "b", "c", "d"], judgments) == pytest.approx(0.2)
    assert m.precision_at(["c", "a"], judgments, k=2) == pytest.approx(0.5)
    assert m.precision_at([], judgments) == 0


def test_best_precision_is_what_the_judgments_allow():
    assert m.best_precision_at({"a": 3, "b": 2, "c": 1, "d": 0}) == pytest.approx(0.2)
    assert m.best_precision_at(dict.fromkeys("abcdefghijkl", 2)) == pytest.approx(1.0)


def test_recall_at_k_is_over_what_could_be_in_the_first_places():
    judgments = {"a": 3, "b": 2, "c": 2, "d": 1}
    assert m.recall_at(["a", "d"], judgments) == pytest.approx(1 / 3)
    assert m.recall_at(["a", "b"], judgments, k=2) == pytest.approx(1.0)
    assert m.recall_at(["a"], {"a": 1}) is None


def test_unrelated_reached_counts_explicit_and_unlisted_zeros_of_the_pool():
    pool = ["a", "b", "c", "d", "e"]
    judgments = {"a": 3, "b": 0, "c": 1}
    # Zeros: b (explicit), d and e (unlisted).
    assert m.unrelated_reached(["a", "b", "d"], judgments, pool) == (2, 3)
    assert m.unrelated_reached([], judgments, pool) == (0, 3)


def test_classification_recall_and_precision():
    summary = m.classification([True, True, False, True, False], [True, False, True, True, False])
    assert summary["recall"] == pytest.approx(2 / 3)
    assert summary["precision"] == pytest.approx(2 / 3)
    assert (summary["positives"], summary["true_positives"], summary["false_positives"]) == (3, 2, 1)
    assert m.classification([False], [False])["recall"] is None


def test_mean_leaves_out_undefined_values():
    assert m.mean([1.0, None, 0.5]) == pytest.approx(0.75)
    assert m.mean([None]) is None


# --- the set ---------------------------------------------------------------------------------------


def test_a_judgment_of_a_profile_outside_the_pool_is_refused(tmp_path):
    for name in ("profiles.jsonl", "offers.jsonl", "title_pairs.jsonl", "skill_variants.jsonl"):
        (tmp_path / name).write_text((SAMPLE / name).read_text())
    (tmp_path / "judgments.jsonl").write_text(json.dumps({"offer": "s01", "grades": {"rel-zzz": 3}}) + "\n")
    with pytest.raises(RelevanceSetError, match="rel-zzz"):
        load_set(tmp_path)


def test_a_slice_keeps_the_whole_pool():
    rel_set = load_set(SAMPLE, offers=["s03"])
    assert [offer.ref for offer in rel_set.offers] == ["s03"]
    assert len(rel_set.pool) == 14
    with pytest.raises(RelevanceSetError, match="s99"):
        load_set(SAMPLE, offers=["s99"])


@pytest.mark.django_db
def test_offer_criteria_are_those_matching_from_an_offer_builds():
    rel_set = load_set(SAMPLE)
    ensure_reference_rows(rel_set)
    for offer in rel_set.offers:
        job_offer = JobOfferFactory(
            company=CompanyFactory(), title=offer.title, job_titles=list(offer.job_titles),
            min_years=offer.min_years, diploma_level=offer.diploma_level, skills=list(offer.skills),
            contract_type=offer.contract_type, working_time=offer.working_time,
            commune=Commune.objects.get(pk=offer.commune), radius_km=offer.radius_km,
            sectors=list(NafSector.objects.filter(code__in=offer.sectors)),
        )
        for item in offer.languages:
            JobOfferLanguage.objects.create(offer=job_offer, language=Language.objects.get(pk=item["code"]),
                                            level=item["level"] or "")
        built = offer_to_criteria(JobOffer.objects.prefetch_related("sectors", "languages").get(pk=job_offer.pk))
        assert built == offer_mapping(offer)


# --- a run on rolled-back data ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sample_run_ranks_the_ideal_profiles_and_leaves_no_trace():
    backend = cvtheque_backend()
    indexed = backend.document_count()
    report = evaluate(load_set(SAMPLE))

    assert CandidateProfile.objects.count() == 0
    assert cvtheque_backend().document_count() == indexed
    matching = {offer["offer"]: offer for offer in report["matching"]["offers"]}
    cvtheque = {offer["offer"]: offer for offer in report["cvtheque"]["offers"]}
    assert matching["s03"]["top"][0]["ref"] == "rel-s09"
    assert cvtheque["s03"]["top"][0]["ref"] == "rel-s09"
    # Saint-Étienne is outside the 30 km around Clermont-Ferrand: the CVthèque does not return her.
    assert "rel-s14" not in [row["ref"] for row in cvtheque["s01"]["top"]]
    assert report["titles"]["pairs"] == 9
    assert report["skills_variants"]["variants"] == 7
    assert report["matching"]["zeros"] == sum(offer["zeros"] for offer in matching.values())


@pytest.mark.django_db
def test_the_close_titles_run_searches_again_with_the_switch_on(monkeypatch):
    monkeypatch.setattr(evaluate_module, "close_titles_available", lambda: True)
    switched = []
    search = evaluate_module.cvtheque_search

    def recording_search(*, user, criteria, **options):
        switched.append(getattr(criteria, evaluate_module.CLOSE_TITLES_FIELD, False))
        return search(user=user, criteria=criteria, **options)

    monkeypatch.setattr(evaluate_module, "cvtheque_search", recording_search)
    report = evaluate(load_set(SAMPLE, offers=["s01", "s03"]))
    assert switched == [False, False, True, True]
    # Widening never loses a profile the words alone found.
    plain = {offer["offer"]: offer for offer in report["cvtheque"]["offers"]}
    for offer in report["cvtheque_close_titles"]["offers"]:
        assert offer["selected"] >= plain[offer["offer"]]["selected"]
        assert {top["ref"] for top in plain[offer["offer"]]["top"]} <= {top["ref"] for top in offer["top"]}


@pytest.mark.django_db
def test_the_command_prints_the_table_and_json():
    out = io.StringIO()
    call_command("relevance_report", "--set", str(SAMPLE), "--offers", "s03", stdout=out)
    text = out.getvalue()
    assert "nDCG@10" in text and "Worst 5 offers, matching" in text and "s03" in text
    out = io.StringIO()
    call_command("relevance_report", "--set", str(SAMPLE), "--offers", "s03", "--json", stdout=out)
    assert json.loads(out.getvalue())["matching"]["offers"][0]["offer"] == "s03"


# --- floors on a slice of the judged set ----------------------------------------------------------

# Offers of the slice: the trades whose titles share words with others (control, human resources,
# maintenance, care, reception, logistics, IT, security, cleaning, sales administration).
FLOOR_OFFERS = ("o01", "o02", "o04", "o05", "o09", "o10", "o12", "o13", "o18", "o20", "o28", "o29", "o37",
                "o38", "o43")
# The targets (docs/matching.md, "Relevance"): matching nDCG@10 >= 0.90 and no profile graded 0
# at or above the default threshold; approximate-title recall and precision >= 0.90; skill-variant
# recall >= 0.95; the CVthèque with "métiers proches" nDCG@10 >= 0.85. A target the engine meets is its
# floor; below a target, the floor is the figure measured on this slice, rounded down, so that a
# regression fails. Raise them as the engine improves.
FLOORS = {
    "matching_ndcg": 0.90,
    "matching_precision": 0.34,
    "matching_recall": 0.94,
    "cvtheque_ndcg": 0.76,
    "cvtheque_precision": 0.26,
    "title_recall": 0.90,
    "title_precision": 0.90,
    "skill_recall": 0.95,
}
# Counts that may not grow: (offer, profile graded 0) pairs shown, look-alike skills credited.
CEILINGS = {
    "matching_zero_reached": 1,
    "cvtheque_zero_reached": 3,
    "skill_false_credits": 0,
}


# The CVthèque with "métiers proches": the target, met; and the judged-0 profiles it may return.
CLOSE_TITLES_NDCG_FLOOR = 0.85
CLOSE_TITLES_ZERO_CEILING = 7


@pytest.fixture(scope="module")
def slice_report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluate(load_set(FULL_SET, offers=FLOOR_OFFERS))


@pytest.mark.django_db
def test_the_engine_keeps_its_relevance_floors_on_the_slice(slice_report):
    report = slice_report
    measured = {
        "matching_ndcg": report["matching"]["ndcg"],
        "matching_precision": report["matching"]["precision"],
        "matching_recall": report["matching"]["recall"],
        "cvtheque_ndcg": report["cvtheque"]["ndcg"],
        "cvtheque_precision": report["cvtheque"]["precision"],
        "title_recall": report["titles"]["recall"],
        "title_precision": report["titles"]["precision"],
        "skill_recall": report["skills_variants"]["recall"],
    }
    below = {name: round(value, 4) for name, value in measured.items() if value < FLOORS[name]}
    assert not below, f"below the floors {FLOORS}: {below}"
    counts = {
        "matching_zero_reached": report["matching"]["zero_reached"],
        "cvtheque_zero_reached": report["cvtheque"]["zero_reached"],
        "skill_false_credits": report["skills_variants"]["false_credits"],
    }
    above = {name: value for name, value in counts.items() if value > CEILINGS[name]}
    assert not above, f"above the ceilings {CEILINGS}: {above}"


@pytest.mark.django_db
def test_close_titles_widen_the_cvtheque_without_losing_relevance(slice_report):
    widened = slice_report["cvtheque_close_titles"]
    assert widened is not None, "the CVthèque search criteria lost their 'close_titles' switch"
    # Measured on the slice: 0.891 with the switch (0.767 without); unrelated profiles returned: 7 (3).
    assert widened["ndcg"] >= CLOSE_TITLES_NDCG_FLOOR
    assert widened["ndcg"] > slice_report["cvtheque"]["ndcg"]
    assert widened["zero_reached"] <= CLOSE_TITLES_ZERO_CEILING


# --- held-out pairs and skills --------------------------------------------------------------------

# Measured on the vocabularies as they stand (title recall 83 %, precision 98 %; skill recall 90 %, 1
# look-alike credited of 6). Floors against regressions only: never tune on these.
HOLDOUT_FLOORS = {"title_recall": 0.80, "title_precision": 0.95, "skill_recall": 0.85}
HOLDOUT_FALSE_CREDITS_CEILING = 1


@pytest.mark.django_db
def test_the_held_out_pairs_and_skills_are_reported_and_keep_their_floors():
    from matching.relevance import load_holdout

    holdout = load_holdout(FULL_SET)
    assert holdout is not None and len(holdout.title_pairs) >= 90 and len(holdout.skills) >= 15
    assert not holdout.offers and not holdout.profiles
    report = evaluate(holdout)
    measured = {
        "title_recall": report["titles"]["recall"],
        "title_precision": report["titles"]["precision"],
        "skill_recall": report["skills_variants"]["recall"],
    }
    below = {name: round(value, 4) for name, value in measured.items() if value < HOLDOUT_FLOORS[name]}
    assert not below, f"below the held-out floors {HOLDOUT_FLOORS}: {below}"
    assert report["skills_variants"]["false_credits"] <= HOLDOUT_FALSE_CREDITS_CEILING


@pytest.mark.django_db
def test_a_slice_of_offers_prints_no_held_out_line():
    out = io.StringIO()
    call_command("relevance_report", "--set", str(SAMPLE), "--offers", "s03", stdout=out)
    assert "Held-out" not in out.getvalue()
