import re
import unicodedata

_SPACES = re.compile(r"[\s\-'’]+")
# C0 and C1 controls and DEL, except tab and line breaks (handled apart).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TABS_AND_LINE_BREAKS = re.compile(r"[\t\n\r]")


def fold(text: str) -> str:
    """Lower-case, accent-free form used for look-ups ("Saint-Étienne" -> "saint etienne")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.replace("œ", "oe").replace("æ", "ae")).strip()


def strip_control_characters(text: str, *, keep_line_breaks: bool = False) -> str:
    """`text` without control characters (NUL above all, which PostgreSQL refuses in a text value).

    Tabs and line breaks are kept with `keep_line_breaks` (the lines of a textarea); otherwise they
    become spaces, so that the words they separated stay apart.
    """
    text = _CONTROL_CHARACTERS.sub("", text)
    return text if keep_line_breaks else _TABS_AND_LINE_BREAKS.sub(" ", text)
