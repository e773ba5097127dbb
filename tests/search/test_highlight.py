import html
import random
import re
import unicodedata

import pytest
from django.utils.safestring import SafeString

from portal.demo.generators import Place, ProfileGenerator, cv_text
from search.query import _matches, highlight, parse_query
from search.text import token_matches, token_spans


def _marked(snippet):
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_marks_feminine_and_plural_forms_of_the_query_words():
    text = "Techniciennes de maintenance et contrôleuses de gestion ; l'infirmière de nuit."
    snippet = highlight(text, parse_query("technicien contrôleur infirmier"))
    assert isinstance(snippet, SafeString)
    assert _marked(snippet) == ["Techniciennes", "contrôleuses", "infirmière"]
    assert "l'<mark>" in snippet.replace("&#x27;", "'")  # the elided article stays outside


def test_phrase_is_marked_only_where_its_words_follow_each_other():
    text = "Technicien de maintenance. Maintenance des machines, technicien de laboratoire."
    snippet = highlight(text, parse_query('"technicienne de maintenance"'))
    assert _marked(snippet) == ["Technicien de maintenance"]


def test_excluded_words_are_not_marked():
    snippet = highlight("Technicien en intérim", parse_query("technicien -intérim"))
    assert _marked(snippet) == ["Technicien"]


def test_html_is_escaped_and_never_broken():
    text = '<script>alert("x")</script> Technicien <b>C++</b> & C# R&D'
    snippet = highlight(text, parse_query("c++ c# technicien script"))
    assert "<script>" not in snippet and "<b>" not in snippet
    assert _marked(snippet) == ["script", "script", "Technicien", "C++", "C#"]
    assert "&lt;/b&gt; &amp; <mark>C#</mark> R&amp;D" in snippet


def test_extract_is_cut_between_words_around_the_matches():
    words = [f"mot{i}" for i in range(200)]
    words[120] = "soudeuse"
    text = " ".join(words)
    snippet = highlight(text, parse_query("soudeur"), max_len=80)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    inner = snippet[2:-2].replace("<mark>", "").replace("</mark>", "")
    assert len(inner) <= 80
    assert all(re.fullmatch(r"mot\d+|soudeuse", word) for word in inner.split()), inner
    assert _marked(snippet) == ["soudeuse"]


def test_extract_prefers_the_window_with_most_distinct_terms():
    text = "Soudeur débutant. " + "remplissage " * 40 + "Soudeur et chaudronnier confirmé. " + "fin " * 40
    snippet = highlight(text, parse_query("soudeur chaudronnier"), max_len=100)
    assert _marked(snippet) == ["Soudeur", "chaudronnier"]


def test_whitespace_is_collapsed_and_no_match_gives_the_beginning():
    text = "Première ligne\n\n\tdeuxième   ligne " + "suite " * 100
    snippet = highlight(text, parse_query("plombier"), max_len=40)
    assert snippet.startswith("Première ligne deuxième ligne")
    assert "<mark>" not in snippet and snippet.endswith(" …")


def test_empty_inputs():
    assert highlight("", parse_query("technicien")) == ""
    assert highlight(None, parse_query("technicien")) == ""
    assert highlight("Technicien", parse_query("")) == "Technicien"


def _matches_word_by_word(text, parsed):
    """The marks as first written: every word's span, then each phrase tried at every position."""
    spans = token_spans(text)
    marks = [(start, end, index) for token, start, end in spans for index, term in enumerate(parsed.terms)
             if not term.is_phrase and term.tokens[0] == token]
    tokens = [span[0] for span in spans]
    for index, term in enumerate(parsed.terms):
        size = len(term.tokens)
        if size < 2:
            continue
        for i in range(len(tokens) - size + 1):
            if tuple(tokens[i : i + size]) == term.tokens:
                marks.append((spans[i][1], spans[i + size - 1][2], index))
    marks.sort()
    merged = []
    for mark in marks:
        if merged and mark[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], mark[1]), merged[-1][2])
        else:
            merged.append(mark)
    return merged


@pytest.mark.parametrize("query", [
    "technicien maintenance", '"technicien de maintenance"', '"aide soignante" infirmier', "comptable gestion",
    "l'entreprise", '"gestion de projet" -sap', "vendeur caissier serveur", '"relation client" client',
])
def test_marks_equal_those_found_word_by_word_on_generated_cvs(query):
    generator = ProfileGenerator(seed=3, places=[Place("63113", "Clermont-Ferrand", "63", 140_000)])
    parsed = parse_query(query)
    rng = random.Random(5)
    texts = [cv_text(generator.profile(i)) for i in range(40)]
    texts += ["L'aide-soignante d'équipe : aide soignante, aide  soignante l'aide soignante.",
              "Technicien de l'maintenance ; technicien de maintenance' et gestion de projets"]
    texts += [" ".join(rng.sample(text.split(), len(text.split()))) for text in texts[:10]]
    for text in texts:
        assert _matches(*token_matches(text), parsed) == _matches_word_by_word(text, parsed), text


def _highlight_as_first_written(text, parsed, max_len):
    """The extract as first written: a window scored mark by mark, every piece escaped on its own."""
    text = unicodedata.normalize("NFC", text)
    marks = _matches_word_by_word(text, parsed) if parsed.terms else []
    start, end = 0, len(text)
    if len(text) > max_len:
        if marks:
            best, anchor = -1, 0
            for mark_start, _end, _index in marks:
                candidate = max(0, mark_start - max_len // 4)
                covered = {i for s, e, i in marks if s >= candidate and e <= candidate + max_len}
                if len(covered) > best:
                    best, start, anchor = len(covered), candidate, mark_start
            if start > 0:
                space = re.compile(r"\s+").search(text, start, anchor)
                start = space.end() if space else anchor
        end = min(len(text), start + max_len)
        if end < len(text):
            spaces = list(re.compile(r"\s+").finditer(text, start, end))
            if spaces:
                end = spaces[-1].start()
    spaces = re.compile(r"\s+")
    parts = ["… "] if start > 0 else []
    cursor = start
    for mark_start, mark_end, _index in marks:
        if mark_start < start or mark_end > end:
            continue
        parts.append(html.escape(spaces.sub(" ", text[cursor:mark_start])))
        parts.append(f"<mark>{html.escape(spaces.sub(' ', text[mark_start:mark_end]))}</mark>")
        cursor = mark_end
    parts.append(html.escape(spaces.sub(" ", text[cursor:end])))
    if end < len(text):
        parts.append(" …")
    return "".join(parts).strip()


@pytest.mark.parametrize("query", ["technicien maintenance", '"gestion de projet" client', "comptable gestion suivi",
                                   '"aide soignante"', "vendeur -caissier", ""])
def test_extracts_equal_those_built_piece_by_piece(query):
    generator = ProfileGenerator(seed=4, places=[Place("63113", "Clermont-Ferrand", "63", 140_000)])
    parsed = parse_query(query)
    texts = [cv_text(generator.profile(i)) for i in range(30)]
    texts += ["Gestion  de\n projet <b>&</b> \ue000 gestion de projet", "  Technicien\t\tmaintenance  ", "x"]
    for text in texts:
        for max_len in (40, 120, 260, 5000):
            assert highlight(text, parsed, max_len=max_len) == _highlight_as_first_written(text, parsed, max_len)
