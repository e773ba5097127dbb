"""Small helpers shared by the matching engine tests (plain data, no database)."""

from matching.engine import OfferCriteria, score
from matching.features import FeatureMatrix
from portal.reference.text import fold

# Real places; distances from Clermont-Ferrand: Riom 13 km, Vichy 47 km, Lyon 136 km.
CLERMONT = (45.7772, 3.0870)
RIOM = (45.8936, 3.1126)
VICHY = (46.1277, 3.4260)
LYON = (45.7640, 4.8357)

# Stand-in for the search app's French normaliser: genders and plurals fold onto one key.
_VARIANTS = {
    "controleuse": "controleur",
    "controleurs": "controleur",
    "controleuses": "controleur",
    "comptables": "comptable",
    "assistante": "assistant",
    "assistantes": "assistant",
}


def stub_normaliser(title: str) -> str:
    return " ".join(_VARIANTS.get(word, word) for word in fold(title).split())


def place(coordinates, radius_km, label=""):
    return {"latitude": coordinates[0], "longitude": coordinates[1], "radius_km": radius_km, "label": label}


def home(coordinates, department=None, label=""):
    return {
        "home_latitude": coordinates[0],
        "home_longitude": coordinates[1],
        "home_department": department,
        "home_label": label,
    }


def clermont_offer(**criteria) -> OfferCriteria:
    return OfferCriteria(
        latitude=CLERMONT[0], longitude=CLERMONT[1], location_label="Clermont-Ferrand (63)", **criteria
    )


def states_of(records, criteria: OfferCriteria, criterion: str, **matrix_options) -> dict[int, int]:
    """Profile id -> state code of one criterion."""
    result = score(FeatureMatrix.build(records, **matrix_options), criteria)
    return {
        int(pid): int(state) for pid, state in zip(result.arrays.ids, result.states[criterion], strict=True)
    }


def scores_by_id(result) -> dict[int, tuple]:
    """Profile id -> (score, states) for the live rows of a result."""
    a = result.arrays
    return {
        int(a.ids[row]): (float(result.scores[row]), tuple(int(result.states[c][row]) for c in result.used))
        for row in range(a.n_rows)
        if a.alive[row]
    }
