"""The CVthèque query language: the recruiter's box parsed into terms, then rendered per engine.

    technicien maintenance          both words (mode "all"), or either, best first (mode "any")
    "technicien de maintenance"     the words side by side
    -intérim   -"mot composé"       profiles containing it are left out

Parsing never fails: unbalanced quotes, stray signs, empty or oversized input are repaired and
each repair is explained in French in `ParsedQuery.warnings`. Every term goes through
`search.text.normalize_text`, the same function the indexer uses, so feminine, plural, capitals
and accents match on both sides. The renderers for Xapian and Elasticsearch live here too, next
to the AST they read; docs/search.md describes the index layout they expect.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

import xapian
from django.utils.safestring import SafeString, mark_safe

from search.text import Lexicon, match_span, normalize_text, normalize_title, related_titles, token_matches

MAX_QUERY_LENGTH = 500
MAX_TERMS = 20
MAX_PHRASE_WORDS = 12
# Positions left empty between two indexed fields, so a phrase never spans them.
FIELD_POSITION_GAP = 100
# In mode "any", profiles with every term get this fixed weight on top of their BM25 score,
# more than BM25 can give MAX_TERMS terms (each at most about 2 * ln(2N)), so they rank first.
ALL_TERMS_BONUS = 1_000_000.0
# With "métiers proches", profiles matching the query itself get this on top of everything else, so
# they all rank before those found only through an added title.
QUERY_ITSELF_BONUS = 4 * ALL_TERMS_BONUS
# ... and those found through a synonym of the title before those found through a neighbouring trade.
SYNONYM_BONUS = 2 * ALL_TERMS_BONUS
# Which related titles "métiers proches" adds: "synonyme" (the same trade under other names) and
# "proche" (neighbouring trades, ranked after the synonyms). On the judged set (tests/data/relevance,
# 43 title queries) the CVthèque's nDCG@10 is 0.718 without the switch, 0.835 with synonyms alone and
# 0.870 with both; profiles judged unrelated among the results: 5, 7 and 12 (docs/search.md).
WIDEN_RELATIONS = ("synonyme", "proche")
MAX_WIDENED_TITLES = 30


class Mode(StrEnum):
    ALL = "all"
    ANY = "any"


MODE_LABELS = {
    Mode.ALL: "Tous les mots",
    Mode.ANY: "Pertinence (au moins un mot)",
}

# Words so frequent that, searched alone and unquoted, they match nearly every CV.
_STOPWORDS = """
    a au aux avec ce ces cet cette d dans de des du elle elles en et il ils je l la le les leur
    leurs ma me mes mon n ne ni nos notre nous on ou par pour qu que qui s sa se ses son sur
    t ta te tes ton tu un une vos votre vous y and of the to
"""
STOPWORDS = frozenset(_STOPWORDS.split())

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Term:
    """One word or phrase of the query, as typed and as normalised."""

    text: str
    tokens: tuple[str, ...]
    title_tokens: tuple[str, ...]
    quoted: bool = False
    # For a title added by "métiers proches": "synonyme" or "proche" (`search.text.related_titles`).
    relation: str = ""

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1

    @property
    def label(self) -> str:
        return f"l'expression « {self.text} »" if self.is_phrase else f"« {self.text} »"

    @property
    def as_typed(self) -> str:
        return f'"{self.text}"' if self.quoted or " " in self.text else self.text


@dataclass
class ParsedQuery:
    raw: str
    mode: Mode = Mode.ALL
    terms: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # "Métiers proches": titles added to the query, matched in the profiles' job titles only.
    widened: list[Term] = field(default_factory=list)

    @property
    def added_titles(self) -> list[str]:
        return [term.text for term in self.widened]

    @property
    def synonym_titles(self) -> list[str]:
        return [term.text for term in self.widened if term.relation != "proche"]

    @property
    def neighbour_titles(self) -> list[str]:
        return [term.text for term in self.widened if term.relation == "proche"]

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.excluded

    @property
    def text(self) -> str:
        """The repaired query, to show back in the search box."""
        parts = [term.as_typed for term in self.terms]
        parts += [f"-{term.as_typed}" for term in self.excluded]
        return " ".join(parts)

    def describe(self) -> str:
        """French summary: CV contenant « technicien » et « maintenance », sans « intérim »."""
        if not self.terms:
            summary = "Tous les CV"
        elif self.mode == Mode.ANY and len(self.terms) > 1:
            labels = _french_list([term.label for term in self.terms], "ou")
            summary = f"CV contenant {labels} (ceux qui contiennent tous les termes en premier)"
        else:
            summary = f"CV contenant {_french_list([term.label for term in self.terms], 'et')}"
        if self.excluded:
            summary += f", sans {_french_list([term.label for term in self.excluded], 'ni')}"
        return summary


def _french_list(items: list[str], conjunction: str) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


@dataclass
class _Chunk:
    content: str
    quoted: bool
    negated: bool


def _split(text: str, warnings: list[str]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    stray_sign = False
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] in "-+":
            j = i
            while j < n and text[j] in "-+":
                j += 1
            if j == n or text[j].isspace():
                stray_sign = True
                i = j
                continue
            negated = "-" in text[i:j]
            i = j
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close == -1:
                content, i = text[i + 1 :], n
                warnings.append("Guillemet fermant ajouté.")
            else:
                content, i = text[i + 1 : close], close + 1
            if not content.strip():
                warnings.append("Guillemets vides ignorés.")
                continue
            chunks.append(_Chunk(" ".join(content.split()), quoted=True, negated=negated))
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] != '"':
                j += 1
            chunks.append(_Chunk(text[i:j], quoted=False, negated=negated))
            i = j
    if stray_sign:
        warnings.append("Signe « - » ou « + » isolé ignoré : collez-le au mot (-intérim).")
    return chunks


def _clean(raw: str, warnings: list[str]) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub(" ", text).translate(_QUOTES).translate(_DASHES).replace("\u00a0", " ")
    if len(text) > MAX_QUERY_LENGTH:
        cut = text.rfind(" ", 0, MAX_QUERY_LENGTH + 1)
        text = text[: cut if cut > 0 else MAX_QUERY_LENGTH]
        warnings.append(
            f"Recherche trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères sont pris en compte."
        )
    return text


def parse_query(raw: str | None, *, mode: str = Mode.ALL, lexicon: Lexicon | None = None) -> ParsedQuery:
    """Parse the search box; never raises, explains every repair in French."""
    warnings: list[str] = []
    try:
        mode = Mode(mode or Mode.ALL)
    except ValueError:
        warnings.append("Mode de recherche inconnu : recherche de tous les mots.")
        mode = Mode.ALL
    raw = raw if isinstance(raw, str) else ""
    parsed = ParsedQuery(raw=raw, mode=mode, warnings=warnings)

    seen: set[tuple[bool, tuple[str, ...]]] = set()
    too_many = False
    for chunk in _split(_clean(raw, warnings), warnings):
        tokens = normalize_text(chunk.content, lexicon)
        if not tokens:
            shown = chunk.content if len(chunk.content) <= 30 else chunk.content[:29] + "…"
            warnings.append(f"« {shown} » ne contient aucun mot : ignoré.")
            continue
        if not chunk.quoted and len(tokens) == 1 and tokens[0] in STOPWORDS:
            warnings.append(
                f"Mot trop courant ignoré : « {chunk.content} » (mettez l'expression entre guillemets pour l'exiger)."
            )
            continue
        text = chunk.content
        if len(tokens) > MAX_PHRASE_WORDS:
            tokens = tokens[:MAX_PHRASE_WORDS]
            text = " ".join(text.split()[:MAX_PHRASE_WORDS])
            warnings.append(
                f"Expression trop longue : seuls ses {MAX_PHRASE_WORDS} premiers mots sont pris en compte."
            )
        key = (chunk.negated, tuple(tokens))
        if key in seen:
            continue
        if len(parsed.terms) + len(parsed.excluded) >= MAX_TERMS:
            too_many = True
            break
        seen.add(key)
        title_tokens = tuple(normalize_title(chunk.content, lexicon)[: len(tokens)])
        term = Term(text=text, tokens=tuple(tokens), title_tokens=title_tokens, quoted=chunk.quoted)
        (parsed.excluded if chunk.negated else parsed.terms).append(term)
    if too_many:
        warnings.append(f"Trop de termes : seuls les {MAX_TERMS} premiers sont pris en compte.")

    wanted = {term.tokens for term in parsed.terms}
    for term in [term for term in parsed.excluded if term.tokens in wanted]:
        parsed.excluded.remove(term)
        warnings.append(
            f"{term.label[0].upper()}{term.label[1:]} est à la fois demandé et exclu : exclusion ignorée."
        )
    if parsed.excluded and not parsed.terms:
        warnings.append("Aucun mot à rechercher : tous les CV sont affichés, sauf les exclus.")
    return parsed


def widen_query(parsed: ParsedQuery, *, lexicon: Lexicon | None = None,
                relations: tuple[str, ...] = WIDEN_RELATIONS) -> ParsedQuery:
    """`parsed` with the related titles of its words (`search.text.related_titles`) in `widened`.

    The words asked for, read together, must name a known trade ("aide-soignant", "cariste CACES");
    a query of other words (a skill, a name) is left as it is. Excluded words stay excluded.
    """
    asked = " ".join(term.text for term in parsed.terms)
    if not asked:
        return parsed
    widened: list[Term] = []
    seen = {term.title_tokens for term in parsed.terms}
    for related in related_titles(asked, lexicon):
        if related.relation not in relations:
            continue
        tokens = tuple(normalize_text(related.title, lexicon)[:MAX_PHRASE_WORDS])
        title_tokens = tuple(normalize_title(related.title, lexicon)[: len(tokens)])
        if not tokens or title_tokens in seen:
            continue
        seen.add(title_tokens)
        widened.append(Term(text=related.title, tokens=tokens, title_tokens=title_tokens, quoted=True,
                            relation=related.relation))
        if len(widened) >= MAX_WIDENED_TITLES:
            break
    parsed.widened = widened
    return parsed


# --- Xapian -------------------------------------------------------------------------------------


# Word pairs ("gestion_de") indexed beside the words let phrases skip most position checks.
BIGRAM_JOINER = "_"
MAX_BIGRAM_BYTES = 230


def bigrams(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """The word pairs of a field, or of a phrase: one per position, as the indexer writes them.

    A pair holding a token that is not plain letters and digits ("c++") or that is too long is left
    out; a phrase with such a pair is matched word by word.
    """
    return [
        f"{a}{BIGRAM_JOINER}{b}"
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a.isalnum() and b.isalnum() and (len(a) + len(b) < MAX_BIGRAM_BYTES // 4
                                            or len(a.encode()) + len(b.encode()) < MAX_BIGRAM_BYTES)
    ]


def _xapian_tokens(prefix: str, tokens: tuple[str, ...], bigram_prefix: str | None = None) -> xapian.Query:
    if len(tokens) == 1:
        return xapian.Query(prefix + tokens[0])
    pairs = bigrams(tokens) if bigram_prefix is not None else []
    if len(pairs) == len(tokens) - 1:
        if len(pairs) == 1:
            return xapian.Query(bigram_prefix + pairs[0])
        return xapian.Query(xapian.Query.OP_PHRASE, [xapian.Query(bigram_prefix + p) for p in pairs], len(pairs))
    return xapian.Query(xapian.Query.OP_PHRASE, [xapian.Query(prefix + t) for t in tokens], len(tokens))


def _xapian_term(term: Term, prefix: str, title_prefix: str | None, bigram_prefix: str | None = None) -> xapian.Query:
    query = _xapian_tokens(prefix, term.tokens, bigram_prefix)
    if title_prefix is None or (title_prefix == prefix and term.title_tokens == term.tokens):
        return query
    title_bigrams = bigram_prefix if title_prefix == prefix else None
    return xapian.Query(xapian.Query.OP_OR, query, _xapian_tokens(title_prefix, term.title_tokens, title_bigrams))


# Module-level so it outlives every query that points to it; the matcher works on clones.
_ALL_TERMS_SOURCE = xapian.FixedWeightPostingSource(ALL_TERMS_BONUS)


def to_xapian(parsed: ParsedQuery, *, prefix: str = "", title_prefix: str | None = None,
              bigram_prefix: str | None = None) -> xapian.Query:
    """Xapian query over terms indexed by `xapian_index_text` (same prefixes).

    With `title_prefix`, each term also matches the title field indexed with title=True, where
    the suffix rules turned unknown feminine nouns into masculine ones. When titles are indexed
    with title=True in the text itself, pass `title_prefix=prefix`: a term then also looks for its
    title form in the text, and only when that form differs. With `bigram_prefix`, phrases are
    matched on the word pairs indexed under it (`bigrams`).
    """
    wanted = [_xapian_term(term, prefix, title_prefix, bigram_prefix) for term in parsed.terms]
    if not wanted:
        query = xapian.Query.MatchAll
    elif len(wanted) == 1:
        query = wanted[0]
    elif parsed.mode == Mode.ALL:
        query = xapian.Query(xapian.Query.OP_AND, wanted)
    else:
        all_terms = xapian.Query(
            xapian.Query.OP_FILTER, xapian.Query(_ALL_TERMS_SOURCE), xapian.Query(xapian.Query.OP_AND, wanted)
        )
        query = xapian.Query(xapian.Query.OP_OR, all_terms, xapian.Query(xapian.Query.OP_OR, wanted))
    if parsed.excluded:
        unwanted = [_xapian_term(term, prefix, title_prefix, bigram_prefix) for term in parsed.excluded]
        query = xapian.Query(xapian.Query.OP_AND_NOT, query, xapian.Query(xapian.Query.OP_OR, unwanted))
    return query


_QUERY_ITSELF_SOURCE = xapian.FixedWeightPostingSource(QUERY_ITSELF_BONUS)
_SYNONYM_SOURCE = xapian.FixedWeightPostingSource(SYNONYM_BONUS)


def _xapian_titles(terms: list[Term], title_prefix: str) -> xapian.Query | None:
    if not terms:
        return None
    return xapian.Query(xapian.Query.OP_OR, [_xapian_tokens(title_prefix, term.title_tokens) for term in terms])


def xapian_widened(parsed: ParsedQuery, *, title_prefix: str) -> xapian.Query | None:
    """The added titles of `parsed` ("métiers proches"), each as a phrase of the title field (None
    when nothing was added). Exclusions are not applied here."""
    return _xapian_titles(parsed.widened, title_prefix)


def xapian_query_first(query: xapian.Query, parsed: ParsedQuery, *, title_prefix: str) -> xapian.Query:
    """Ranking with "métiers proches": what `query` matches first (a fixed bonus), in the order of
    the search without the switch; then what a synonym of the title matches; then what only a
    neighbouring trade's title matches."""
    widened = []
    synonyms = _xapian_titles([term for term in parsed.widened if term.relation != "proche"], title_prefix)
    if synonyms is not None:
        widened.append(xapian.Query(xapian.Query.OP_FILTER, xapian.Query(_SYNONYM_SOURCE), synonyms))
    widened.append(xapian_widened(parsed, title_prefix=title_prefix))
    # The added titles weigh nothing on the query's own matches: measured, letting them reorder
    # those made some offers worse than without the switch (tests/data/relevance, docs/search.md).
    widened = [xapian.Query(xapian.Query.OP_AND_NOT, part, query) for part in widened]
    itself = xapian.Query(xapian.Query.OP_FILTER, xapian.Query(_QUERY_ITSELF_SOURCE), query)
    return xapian.Query(xapian.Query.OP_OR, [itself, query, *widened])


def xapian_index_text(
    document: xapian.Document,
    text: str | None,
    *,
    prefix: str = "",
    title: bool = False,
    start: int = 0,
    lexicon: Lexicon | None = None,
) -> int:
    """Add `text` to `document` with positions (for phrases); returns where the next field starts."""
    tokens = normalize_title(text, lexicon) if title else normalize_text(text, lexicon)
    for offset, token in enumerate(tokens, start=1):
        document.add_posting(prefix + token, start + offset)
    return start + len(tokens) + FIELD_POSITION_GAP


# --- Elasticsearch ------------------------------------------------------------------------------


def _es_tokens(field_name: str, tokens: tuple[str, ...]) -> dict:
    if len(tokens) == 1:
        return {"match": {field_name: {"query": tokens[0]}}}
    return {"match_phrase": {field_name: {"query": " ".join(tokens)}}}


def _es_term(term: Term, field_name: str, title_field: str | None) -> dict:
    clause = _es_tokens(field_name, term.tokens)
    if title_field is None or (title_field == field_name and term.title_tokens == term.tokens):
        return clause
    title_clause = _es_tokens(title_field, term.title_tokens)
    return {"bool": {"should": [clause, title_clause], "minimum_should_match": 1}}


def to_elasticsearch(parsed: ParsedQuery, *, field: str = "text", title_field: str | None = None) -> dict:
    """Elasticsearch 7 query over fields holding `normalize_text` tokens joined by spaces.

    The fields must be analysed with the `whitespace` analyser: the tokens are already final.
    """
    wanted = [_es_term(term, field, title_field) for term in parsed.terms]
    unwanted = [_es_term(term, field, title_field) for term in parsed.excluded]
    if not wanted and not unwanted:
        return {"match_all": {}}
    if not wanted:
        return {"bool": {"must": [{"match_all": {}}], "must_not": unwanted}}
    if parsed.mode == Mode.ALL or len(wanted) == 1:
        query: dict = {"must": wanted}
    else:
        all_terms = {"constant_score": {"filter": {"bool": {"must": wanted}}, "boost": ALL_TERMS_BONUS}}
        query = {"should": [all_terms, *wanted], "minimum_should_match": 1}
    if unwanted:
        query["must_not"] = unwanted
    return {"bool": query}


def elasticsearch_widened(parsed: ParsedQuery, *, title_field: str, text_field: str) -> dict | None:
    """`query` OR an added title in `title_field`: those matching the query first, in the order of
    the search without the switch, then those matching a synonym of the title, by constant bonuses;
    exclusions apply to all (words of `text_field`). None when nothing was added."""
    if not parsed.widened:
        return None
    itself = to_elasticsearch(parsed, field=text_field, title_field=text_field)
    titles = [_es_tokens(title_field, term.title_tokens) for term in parsed.widened]
    others: dict = {"bool": {"should": titles, "minimum_should_match": 1}}
    synonyms = [_es_tokens(title_field, term.title_tokens) for term in parsed.widened if term.relation != "proche"]
    if synonyms:
        synonyms_first = {"constant_score": {"filter": {"bool": {"should": synonyms, "minimum_should_match": 1}},
                                             "boost": SYNONYM_BONUS}}
        others = {"bool": {"must": [others], "should": [synonyms_first]}}
    # The added titles weigh nothing on the query's own matches (as on Xapian, `xapian_query_first`).
    others["bool"]["must_not"] = [itself, *(_es_term(term, text_field, text_field) for term in parsed.excluded)]
    return {"bool": {"should": [{"constant_score": {"filter": itself, "boost": QUERY_ITSELF_BONUS}}, itself, others],
                     "minimum_should_match": 1}}


# --- Highlighting -------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _matches(tokens: list[str], found: list[re.Match], parsed: ParsedQuery) -> list[tuple[int, int, int]]:
    """(start, end, term index) of each word or phrase of the query in a text (`token_matches`)."""
    marks: list[tuple[int, int, int]] = []
    # The query's own terms first: a word both asked and in an added title is marked as asked.
    terms = [*parsed.terms, *parsed.widened]
    singles: dict[str, int] = {}
    for index, term in enumerate(terms):
        if not term.is_phrase:
            singles.setdefault(term.tokens[0], index)
    if singles:
        for i in [i for i, token in enumerate(tokens) if token in singles]:
            marks.append((*match_span(found[i]), singles[tokens[i]]))
    phrases = [(index, term.tokens) for index, term in enumerate(terms) if term.is_phrase]
    if phrases:
        # A phrase's words follow each other among the kept words (dropped elisions do not count).
        kept = [i for i, token in enumerate(tokens) if token]
        words = [tokens[i] for i in kept]
        for index, phrase in phrases:
            size, first, rest = len(phrase), phrase[0], list(phrase[1:])
            for k in [k for k, word in enumerate(words) if word == first]:
                if words[k + 1 : k + size] == rest:
                    marks.append((match_span(found[kept[k]])[0], match_span(found[kept[k + size - 1]])[1], index))
    marks.sort()
    merged: list[tuple[int, int, int]] = []
    for mark in marks:
        if merged and mark[0] < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], mark[1]), last[2])
        else:
            merged.append(mark)
    return merged


def _window(text: str, marks: list[tuple[int, int, int]], max_len: int) -> tuple[int, int]:
    """The extract that shows the most distinct terms, cut between words."""
    if len(text) <= max_len:
        return 0, len(text)
    start = 0
    if marks:
        # Marks do not overlap and are in order: those inside a window are a run of them.
        starts = [mark[0] for mark in marks]
        ends = [mark[1] for mark in marks]
        terms = [mark[2] for mark in marks]
        best, anchor = -1, 0
        for mark_start in starts:
            candidate = max(0, mark_start - max_len // 4)
            covered = len(set(terms[bisect_left(starts, candidate) : bisect_right(ends, candidate + max_len)]))
            if covered > best:
                best, start, anchor = covered, candidate, mark_start
        if start > 0:
            space = _SPACES.search(text, start, anchor)
            start = space.end() if space else anchor
    end = min(len(text), start + max_len)
    if end < len(text):
        last_space = None
        for last_space in _SPACES.finditer(text, start, end):  # noqa: B007
            pass
        if last_space is not None:
            end = last_space.start()
    return start, end


def highlight(
    text: str | None, parsed: ParsedQuery, max_len: int = 300, lexicon: Lexicon | None = None
) -> SafeString:
    """An HTML-escaped extract of `text` around the matches, matched words in <mark>."""
    if not text:
        return mark_safe("")  # noqa: S308 - constant
    text = unicodedata.normalize("NFC", text)
    marks = _matches(*token_matches(text, lexicon), parsed) if parsed.terms else []
    start, end = _window(text, marks, max_len)
    shown = [mark for mark in marks if mark[0] >= start and mark[1] <= end]
    own = len(parsed.terms)
    if any(char in text for char in (_MARK_OPEN, _MARK_CLOSE, _WIDE_OPEN)):
        body = "".join(_escaped_pieces(text, shown, start, end, own))
    else:
        # One escape and one whitespace pass over the extract, the marks held by private-use
        # characters meanwhile (a mark starts and ends with a letter: no run of spaces spans one).
        pieces, cursor = [], start
        for mark_start, mark_end, index in shown:
            opening = _MARK_OPEN if index < own else _WIDE_OPEN
            pieces += [text[cursor:mark_start], opening, text[mark_start:mark_end], _MARK_CLOSE]
            cursor = mark_end
        pieces.append(text[cursor:end])
        body = (html.escape(_SPACES.sub(" ", "".join(pieces))).replace(_MARK_OPEN, "<mark>")
                .replace(_WIDE_OPEN, WIDENED_MARK).replace(_MARK_CLOSE, "</mark>"))
    snippet = f"{'… ' if start > 0 else ''}{body}{' …' if end < len(text) else ''}".strip()
    return mark_safe(snippet)  # noqa: S308 - every piece of text is escaped above


_MARK_OPEN, _MARK_CLOSE, _WIDE_OPEN = "\ue000", "\ue001", "\ue002"
# The words of a title added by "métiers proches": marked apart from the query's own words.
WIDENED_MARK = '<mark class="mark-proche" title="Métier proche">'


def _escaped_pieces(text: str, marks: list[tuple[int, int, int]], start: int, end: int, own: int):
    cursor = start
    for mark_start, mark_end, index in marks:
        yield html.escape(_SPACES.sub(" ", text[cursor:mark_start]))
        opening = "<mark>" if index < own else WIDENED_MARK
        yield f"{opening}{html.escape(_SPACES.sub(' ', text[mark_start:mark_end]))}</mark>"
        cursor = mark_end
    yield html.escape(_SPACES.sub(" ", text[cursor:end]))
