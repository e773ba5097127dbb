import re

from django.utils.safestring import SafeString

from search.query import highlight, parse_query


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
