"""French normalisation shared by indexing and querying, identical on every search backend.

A text becomes a list of tokens: words split on anything that is not a letter or a digit
("c++", "c#" kept whole), elisions dropped ("l'infirmière" -> "infirmiere"), lower case,
accents folded, then each token goes through, in order:

1. the lexicon of job nouns: a feminine or plural form becomes its masculine singular
   ("contrôleuses" -> "controleur", "cheffe" -> "chef");
2. a conservative plural rule for ordinary words ("entreprises" -> "entreprise",
   "bureaux" -> "bureau", "journaux" -> "journal"), with lists of words that only look plural
   ("cours", "permis", "temps");
3. for job-title fields only (`normalize_title`), suffix rules as a fallback for feminine
   nouns missing from the lexicon ("-euse" -> "-eur", "-trice" -> "-teur", ...). On ordinary
   text these rules would merge unrelated words (matrice, année, adresse), so never there.

There is no stemming: a token is a whole word, so "contrôleuse" matches "contrôleur" and not
"contrôle". docs/search.md has the design and the measured conflation figures.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from django.db import DatabaseError

from portal.reference.job_titles import JOB_TITLES
from portal.reference.models import JobTitle
from portal.reference.title_vocabulary import RelatedTitle, TitleThesaurus
from search.job_nouns import JOB_NOUN_PAIRS

logger = logging.getLogger(__name__)

# Longer "words" are hashes, base64 or URLs glued together; Xapian also caps terms at 245 bytes.
MAX_TOKEN_LENGTH = 60

_APOSTROPHES = "'’ʼ‘`´"
# A word keeps its trailing apostrophe so that elided articles ("l'", "qu'") can be told from
# the letters C, D, L... and dropped; "c++", "c#" stay whole. No lookbehind, no IGNORECASE:
# both would halve the speed of the whole indexer.
_TOKEN_RE = re.compile(r"[^\W\d_](?:\+\+|\#)(?![^\W_])|[^\W_]+[" + _APOSTROPHES + "]?")
_ELISIONS = frozenset(
    ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]
)

# Words of 4+ letters that end in -s or -x in the singular: the plural rule leaves them alone.
_SINGULAR_S_OR_X_WORDS = """
    abces acces aloes alors apres aupres autrefois avis bras cadenas canevas chaos chaux
    compas congres corps cosmos cypres dans deces dehors desormais divers dos
    envers exces expres fois fonds fracas gens gros heros hors jadis lilas lors mars
    matelas moins neanmoins ours pathos pays plusieurs poids printemps proces progres
    propos puits rebours remords repas repos revers sans secours sens succes temps
    thermos tiers toujours tracas travers univers velours verglas vers volontiers
    ailleurs atlas ananas alentours pervers fils pouls tandis mois
    embarras debarras entremets mets damas emaux bestiaux
"""
_SINGULAR_S_OR_X = frozenset(_SINGULAR_S_OR_X_WORDS.split())
# Plurals the rule cannot derive: -aux of -ail/-au nouns, -eux/-oux plurals, -is plurals.
_IRREGULAR_PLURALS = {
    "travaux": "travail",
    "vitraux": "vitrail",
    "coraux": "corail",
    "etaux": "etau",
    "soupiraux": "soupirail",
    "vantaux": "vantail",
    "baux": "bail",
    "noyaux": "noyau",
    "tuyaux": "tuyau",
    "boyaux": "boyau",
    "joyaux": "joyau",
    "yeux": "oeil",
    "cieux": "ciel",
    "jeux": "jeu",
    "enjeux": "enjeu",
    "feux": "feu",
    "lieux": "lieu",
    "milieux": "milieu",
    "neveux": "neveu",
    "cheveux": "cheveu",
    "voeux": "voeu",
    "aveux": "aveu",
    "essieux": "essieu",
    "bijoux": "bijou",
    "cailloux": "caillou",
    "choux": "chou",
    "genoux": "genou",
    "hiboux": "hibou",
    "joujoux": "joujou",
    "emplois": "emploi",
    "apprentis": "apprenti",
    "defis": "defi",
    "soucis": "souci",
    "abris": "abri",
    "amis": "ami",
    "menus": "menu",
    "pneus": "pneu",
}
_VOWELS = frozenset("aeiouy")


def fold_word(word: str) -> str:
    """Lower-case, accent-free form of one word, the same letters as portal.reference.text.fold."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("œ", "oe").replace("æ", "ae")


def _raw_words(text: str) -> list[str]:
    # Decomposed accents (common in PDF extraction) would otherwise split words.
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _TOKEN_RE.findall(text)


def _raw_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(raw word, start, end) with offsets in the NFC form of `text`, apostrophe excluded."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    for match in _TOKEN_RE.finditer(text):
        raw, end = match.group(), match.end()
        yield raw, match.start(), end - 1 if raw[-1] in _APOSTROPHES else end


def singular(token: str) -> str:
    """Conservative singular of a folded token; leaves short words and look-alikes intact."""
    irregular = _IRREGULAR_PLURALS.get(token)
    if irregular is not None:
        return irregular
    if len(token) < 4 or token in _SINGULAR_S_OR_X:
        return token
    last, before = token[-1], token[-2]
    if last == "x":
        if len(token) < 5:
            return token
        if token.endswith("eaux"):
            return token[:-1]
        if token.endswith("aux"):
            return token[:-3] + "al"
        return token
    if last != "s" or not before.isalpha() or before == "s":
        return token
    if len(token) == 4 and before in _VOWELS:
        # "amis" and "fois" look alike; 4-letter words only lose -s after a consonant ("jobs").
        return token
    if before == "u" and token[-3] != "e":
        return token  # campus, virus, bonus, cursus (but "bleus")
    if before == "i":
        return token  # permis, anglais, devis, jamais, chinois
    if token.endswith("cours"):
        return token
    return token[:-1]


def _plural_forms(word: str) -> set[str]:
    if word.endswith(("s", "x", "z")):
        return set()
    forms = {word + "s"}
    if word.endswith("al"):
        forms.add(word[:-2] + "aux")
    if word.endswith(("eau", "eu", "au")):
        forms.add(word + "x")
    return forms


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _related(masculine: str, feminine: str) -> bool:
    # "homme/femme" or "steward/hôtesse" are pairs of titles, not of word forms.
    prefix = _common_prefix_length(masculine, feminine)
    return prefix >= 3 and prefix * 2 >= len(masculine)


# Title-field fallback: (feminine ending, masculine ending), tried in order.
_TITLE_SUFFIXES = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("eure", "eur"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("iere", "ier"),
    ("ere", "er"),
    ("ffe", "f"),
    ("ante", "ant"),
    ("ente", "ent"),
    ("inte", "int"),
    ("ee", "e"),
    ("ale", "al"),
    ("aine", "ain"),
)
_MIN_TITLE_STEM = 3


def title_suffix_rule(token: str) -> str:
    """Masculine guess for a feminine job noun missing from the lexicon (title fields only)."""
    for feminine, masculine in _TITLE_SUFFIXES:
        if token.endswith(feminine) and len(token) - len(feminine) >= _MIN_TITLE_STEM:
            return token[: -len(feminine)] + masculine
    return token


@dataclass
class Lexicon:
    """Word forms (folded) mapped to their masculine singular, built from title pairs."""

    forms: Mapping[str, str]
    skipped: tuple[tuple[str, str], ...] = ()
    conflicts: tuple[tuple[str, str, str], ...] = ()
    _text_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _title_cache: dict[str, str] = field(default_factory=dict, repr=False)

    _CACHE_LIMIT = 300_000

    @property
    def fingerprint(self) -> str:
        """Changes whenever the mapping does: an index built with another one must be rebuilt."""
        digest = hashlib.sha1(usedforsecurity=False)
        for form in sorted(self.forms):
            digest.update(f"{form}={self.forms[form]};".encode())
        return digest.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.forms)

    def token(self, raw: str) -> str:
        """Normalised form of one raw word (any case, any accents); "" when it is dropped."""
        cached = self._text_cache.get(raw)
        if cached is None:
            cached = self._word(raw, title=False)
            if len(self._text_cache) >= self._CACHE_LIMIT:
                self._text_cache.clear()
            self._text_cache[raw] = cached
        return cached

    def title_token(self, raw: str) -> str:
        cached = self._title_cache.get(raw)
        if cached is None:
            cached = self._word(raw, title=True)
            if len(self._title_cache) >= self._CACHE_LIMIT:
                self._title_cache.clear()
            self._title_cache[raw] = cached
        return cached

    def _word(self, raw: str, *, title: bool) -> str:
        if raw[-1] in _APOSTROPHES:
            raw = raw[:-1]
            if raw.casefold() in _ELISIONS:
                return ""
        folded = fold_word(raw)
        if len(folded) > MAX_TOKEN_LENGTH:
            return ""
        known = self.forms.get(folded)
        if known is not None:
            return known
        one = singular(folded)
        known = self.forms.get(one)
        if known is not None:
            return known
        return title_suffix_rule(one) if title else one


def _words(text: str) -> list[str]:
    words = []
    for raw in _raw_words(text):
        if raw[-1] in _APOSTROPHES:
            raw = raw[:-1]
            if raw.casefold() in _ELISIONS:
                continue
        words.append(fold_word(raw))
    return words


def build_lexicon(pairs: Iterable[tuple[str, str]]) -> Lexicon:
    """Word-level lexicon from (masculine, feminine) titles, aligned word by word.

    "contrôleuse de gestion"/"contrôleur de gestion" gives controleuse -> controleur. Pairs whose
    word counts differ, or whose differing words do not share a stem ("homme"/"femme"), add
    nothing. A feminine form that is another title's masculine form is never remapped.
    """
    aligned: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    masculine_words: set[str] = set()
    for masculine, feminine in pairs:
        m_words, f_words = _words(masculine or ""), _words(feminine or "")
        if len(m_words) != len(f_words):
            skipped.append((masculine, feminine))
            continue
        for m_word, f_word in zip(m_words, f_words, strict=True):
            if m_word == f_word:
                continue
            if _related(m_word, f_word):
                aligned.append((m_word, f_word))
                masculine_words.add(m_word)
            else:
                skipped.append((masculine, feminine))

    forms: dict[str, str] = {word: word for word in masculine_words}
    conflicts: list[tuple[str, str, str]] = []
    for m_word, f_word in aligned:
        if f_word in masculine_words:
            continue
        current = forms.get(f_word)
        if current is not None and current != m_word:
            conflicts.append((f_word, current, m_word))
            continue
        forms[f_word] = m_word
    # Plurals after every singular is in place, so a plural never shadows a real form.
    for m_word, f_word in aligned:
        for word in (m_word, f_word):
            if forms.get(word) != m_word:
                continue
            for plural in _plural_forms(word):
                forms.setdefault(plural, m_word)
    return Lexicon(forms=forms, skipped=tuple(skipped), conflicts=tuple(conflicts))


def vocabulary_pairs() -> list[tuple[str, str]]:
    """Built-in job nouns plus the seed vocabulary of portal.reference (the table may add more)."""
    pairs = list(JOB_NOUN_PAIRS)
    for titles in JOB_TITLES.values():
        pairs.extend(titles)
    return pairs


def load_default_lexicon() -> Lexicon:
    """Vocabulary pairs merged with the JobTitle table (when it is reachable and has rows)."""
    pairs = vocabulary_pairs()
    try:
        pairs.extend(JobTitle.objects.values_list("masculine", "feminine"))
    except DatabaseError:
        logger.warning("JobTitle table unavailable; search lexicon built from built-in pairs only")
    return build_lexicon(pairs)


_default_lexicon: Lexicon | None = None
_default_lock = threading.Lock()


def default_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded once on first use."""
    global _default_lexicon
    if _default_lexicon is None:
        with _default_lock:
            if _default_lexicon is None:
                _default_lexicon = load_default_lexicon()
    return _default_lexicon


def set_default_lexicon(lexicon: Lexicon | None) -> None:
    """Replace (or, with None, forget so it reloads) the process-wide lexicon."""
    global _default_lexicon
    with _default_lock:
        _default_lexicon = lexicon


def token_spans(text: str, lexicon: Lexicon | None = None) -> list[tuple[str, int, int]]:
    """`iter_tokens` as a list, in one loop (highlighting calls it for every result card)."""
    if not text:
        return []
    lexicon = default_lexicon() if lexicon is None else lexicon
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    cache, normalise = lexicon._text_cache, lexicon.token
    spans = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        token = cache.get(raw)
        if token is None:
            token = normalise(raw)
        if token:
            end = match.end()
            spans.append((token, match.start(), end - 1 if raw[-1] in _APOSTROPHES else end))
    return spans


_MATCHED_TEXT = re.Match.group


def token_matches(text: str, lexicon: Lexicon | None = None) -> tuple[list[str], list[re.Match]]:
    """Every word of `text` (already NFC) and its token ("" when dropped), side by side, without building a
    span per word: highlighting only needs the spans of the few words it marks (`match_span`)."""
    if not text:
        return [], []
    lexicon = default_lexicon() if lexicon is None else lexicon
    matches = list(_TOKEN_RE.finditer(text))
    tokens = list(map(lexicon._text_cache.get, map(_MATCHED_TEXT, matches)))
    if None in tokens:
        tokens = [lexicon.token(match.group()) if token is None else token
                  for token, match in zip(tokens, matches, strict=True)]
    return tokens, matches


def match_span(match: re.Match) -> tuple[int, int]:
    """Where the word of a `token_matches` match is, without its trailing apostrophe."""
    end = match.end()
    return match.start(), end - 1 if match.group()[-1] in _APOSTROPHES else end


def iter_tokens(text: str, lexicon: Lexicon | None = None, *, title: bool = False):
    """(token, start, end) for each kept word; offsets refer to the NFC form of `text`."""
    if not text:
        return
    lexicon = default_lexicon() if lexicon is None else lexicon
    normalise = lexicon.title_token if title else lexicon.token
    for raw, start, end in _raw_spans(text):
        token = normalise(raw)
        if token:
            yield token, start, end


def _normalize(text: str, cache: dict[str, str], normalise) -> list[str]:
    # The hot loop of indexing: one regex pass, then mostly cache hits.
    tokens = []
    append = tokens.append
    get = cache.get
    for raw in _raw_words(text):
        token = get(raw)
        if token is None:
            token = normalise(raw)
        if token:
            append(token)
    return tokens


def normalize_text(text: str | None, lexicon: Lexicon | None = None) -> list[str]:
    """Tokens of any text (CV, profile field, query term), the same at indexing and query time."""
    if not text:
        return []
    lexicon = default_lexicon() if lexicon is None else lexicon
    return _normalize(text, lexicon._text_cache, lexicon.token)


def normalize_title(text: str | None, lexicon: Lexicon | None = None) -> list[str]:
    """Tokens of a job-title field: `normalize_text` plus the feminine suffix rules as fallback."""
    if not text:
        return []
    lexicon = default_lexicon() if lexicon is None else lexicon
    return _normalize(text, lexicon._title_cache, lexicon.title_token)


_thesaurus: tuple[Lexicon, TitleThesaurus] | None = None


def title_thesaurus(lexicon: Lexicon | None = None) -> TitleThesaurus:
    """The shared job-title vocabulary read through this normaliser (built once per lexicon), the one
    matching compares titles with."""
    global _thesaurus
    lexicon = default_lexicon() if lexicon is None else lexicon
    cached = _thesaurus
    if cached is None or cached[0] is not lexicon:
        cached = (lexicon, TitleThesaurus(lambda text: " ".join(normalize_title(text, lexicon))))
        _thesaurus = cached
    return cached[1]


def related_titles(query: str, lexicon: Lexicon | None = None) -> list[RelatedTitle]:
    """Titles that widen a CVthèque job-title query ("métiers proches"): `TitleThesaurus.related_titles`
    under the search normaliser. "DRH" gives "directeur des ressources humaines", "responsable des
    ressources humaines" and "RRH" (synonyme); "comptable" gives "comptabilité", "aide-comptable"
    (synonyme), then "contrôleur de gestion"... (proche). Empty for a query of no known trade."""
    return title_thesaurus(lexicon).related_titles(query)
