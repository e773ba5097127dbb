"""Checks that a page reads as French: no English word left, no missing elision before a name.

Shared by tests/test_french.py (pages through the test client, e-mails) and
tests/test_french_admin.py (the admin a recruiter and a moderator walk through, in Chromium).
"""

import html
import re

# Words that are English and not French (so "Pages", "Type", "Date", "Documents", "Images", "Actions",
# "Sort" are not listed: they are French too).
ENGLISH_WORDS = [
    "Account", "Add", "Cancel", "Choose", "Close", "Copy", "Created", "Dashboard", "Delete", "Draft", "Edit",
    "Editor", "Filter", "Groups", "Guide", "Help", "Hide", "History", "Live", "Loading", "Locked", "Log out",
    "Move", "Name", "Next", "None", "Owner", "Preview", "Previous", "Publish", "Redirects", "Results", "Save",
    "Search", "Select", "Settings", "Shortcuts", "Show", "Sign out", "Snippets", "Status", "Submit", "Tasks",
    "Title", "Unpublish", "Updated", "Upload", "Users", "View", "Workflows", "Yes", "What's new", "e.g",
    "the", "and", "your", "this", "with", "items", "new", "of the", "in this", "Root",
]
# "Guide" alone is French; the English editor's guide is what is looked for ("Editor Guide").
ENGLISH = re.compile(
    r"(?<![\w@./-])(" + "|".join(re.escape(word) for word in ENGLISH_WORDS if word != "Guide") + r")(?![\w@/-])",
    re.IGNORECASE,
)
# "de"/"que" then a capitalised word starting with a vowel sound: "de Ateliers", "de Élodie".
MISSING_ELISION = re.compile(r"\b(?:[dD]e|[qQ]ue|[lL][ea]) ([AEIOUÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ][\w'’-]*)")
# Django's English plural rule in French: "0 étapes", "0 offres".
ZERO_PLURAL = re.compile(r"(?<![\d,.])0 ([a-zéèêàâîôûç]+s)\b")
# Mistakes of Wagtail's own French translations, and English capitals after a count ("3 Pages").
MISTRANSLATIONS = re.compile(r"\bcrées\b|\b(?:[2-9]|\d{2,}) nouvel élément|\b\d+ (?:Pages|Images|Documents)\b")
FRENCH_PLURAL_EXCEPTIONS = {"mois", "fois", "cas", "pas", "plus", "sous", "dans", "temps", "prix", "avis", "vous", "nous"}


INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|mark|small|span|strong)\b[^>]*>", re.IGNORECASE)


def visible_text(markup: str) -> str:
    """The words of an HTML page a person reads (scripts, styles and tags dropped; no-break spaces kept)."""
    markup = re.sub(r"(?is)<(script|style|template|svg)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    # Inline tags sit inside words and phrases ("d'<strong>Ateliers</strong>"); the others separate them.
    markup = re.sub(r"<[^>]+>", " ", INLINE_TAG.sub("", markup))
    return re.sub(r"[ \t\n\r\f\v]+", " ", html.unescape(markup))


LABEL_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')


def read_labels(markup: str) -> str:
    """The labels assistive technologies read out (aria-label, title, placeholder, alt), one per line."""
    return "\n".join(html.unescape(label) for label in LABEL_ATTRIBUTE.findall(markup))


def problems(text: str) -> list[str]:
    """What reads wrong in ``text``: English words, missing elisions, "0 …s" plurals."""
    found = [f"English: {match.group(0)!r} in …{context(text, match)}…" for match in ENGLISH.finditer(text)]
    found += [f"elision: {match.group(0)!r} in …{context(text, match)}…" for match in MISSING_ELISION.finditer(text)]
    found += [f"mistranslation: {match.group(0)!r} in …{context(text, match)}…" for match in MISTRANSLATIONS.finditer(text)]
    found += [
        f"plural: {match.group(0)!r} in …{context(text, match)}…"
        for match in ZERO_PLURAL.finditer(text)
        if match.group(1) not in FRENCH_PLURAL_EXCEPTIONS
    ]
    return found


def context(text: str, match: re.Match, width: int = 40) -> str:
    return text[max(0, match.start() - width):match.end() + width]
