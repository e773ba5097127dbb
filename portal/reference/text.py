import re
import unicodedata

_SPACES = re.compile(r"[\s\-'’]+")


def fold(text: str) -> str:
    """Lower-case, accent-free form used for look-ups ("Saint-Étienne" -> "saint etienne")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.replace("œ", "oe").replace("æ", "ae")).strip()
