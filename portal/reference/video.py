"""Video links pasted by recruiters (company pages, augmented offers) turned into embeddable player URLs.

Only YouTube and Dailymotion are accepted: both offer an embed player without a third-party script on
our pages. YouTube videos are embedded from youtube-nocookie.com, which sets no cookie before playback.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_EMBED = "https://www.youtube-nocookie.com/embed/{id}"
DAILYMOTION_EMBED = "https://www.dailymotion.com/embed/video/{id}"

_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
_DAILYMOTION_HOSTS = {"dailymotion.com", "www.dailymotion.com", "geo.dailymotion.com"}
_DAILYMOTION_SHORT_HOSTS = {"dai.ly", "www.dai.ly"}

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_DAILYMOTION_ID = re.compile(r"^[a-z][a-z0-9]{4,19}$", re.IGNORECASE)
# /watch?v=, /embed/ID, /shorts/ID, /live/ID, /v/ID, /e/ID
_YOUTUBE_PATH = re.compile(r"^/(?:embed|shorts|live|v|e)/([^/?#]+)/?$")
_DAILYMOTION_PATH = re.compile(r"^/(?:embed/)?video/([^/?#_]+)")
_TIMESTAMP = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")

ACCEPTED_HOSTS_MESSAGE = "Seules les vidéos YouTube et Dailymotion sont acceptées"


def _start_seconds(value: str) -> int | None:
    """YouTube's start time: "90", "90s", "1m30s" or "1h2m3s"."""
    match = _TIMESTAMP.match(value.strip().lower())
    if not value or match is None or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total or None


def _youtube(video_id: str, query: dict[str, list[str]]) -> str:
    if not _YOUTUBE_ID.match(video_id):
        raise ValueError(
            "Ce lien YouTube ne désigne pas une vidéo : ouvrez la vidéo sur YouTube, cliquez sur "
            "« Partager » et copiez le lien proposé."
        )
    url = YOUTUBE_EMBED.format(id=video_id)
    start = _start_seconds((query.get("t") or query.get("start") or [""])[0])
    return f"{url}?start={start}" if start else url


def _dailymotion(video_id: str) -> str:
    if not _DAILYMOTION_ID.match(video_id):
        raise ValueError(
            "Ce lien Dailymotion ne désigne pas une vidéo : ouvrez la vidéo sur Dailymotion, cliquez sur "
            "« Partager » et copiez le lien proposé."
        )
    return DAILYMOTION_EMBED.format(id=video_id)


def embed_url(url: str) -> str:
    """The player URL of a YouTube or Dailymotion video link, in any of its usual forms.

    Accepts watch, short (youtu.be, dai.ly), Shorts, live, embed and player links, with or without
    ``https://`` or ``www.``; an embed URL gives itself back. Raises ValueError with a French message
    for anything else.
    """
    text = (url or "").strip()
    if not text:
        raise ValueError("Indiquez le lien de la vidéo.")
    if "://" not in text:
        if text.startswith("//"):
            text = "https:" + text
        elif re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not re.match(r"^[^/]+:\d", text):
            raise ValueError(f"« {text[:80]} » n'est pas un lien web : il doit commencer par https://.")
        else:
            text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError as exc:
        raise ValueError(f"« {text[:80]} » n'est pas un lien web valide.") from exc
    if parts.scheme.lower() not in {"http", "https"} or not host or " " in text:
        raise ValueError(f"« {text[:80]} » n'est pas un lien web valide.")
    query = parse_qs(parts.query)
    path = parts.path or "/"

    if host in _YOUTUBE_SHORT_HOSTS:
        return _youtube(path.strip("/"), query)
    if host in _YOUTUBE_HOSTS:
        if path.rstrip("/") == "/watch":
            return _youtube((query.get("v") or [""])[0], query)
        match = _YOUTUBE_PATH.match(path)
        return _youtube(match.group(1) if match else "", query)
    if host in _DAILYMOTION_SHORT_HOSTS:
        return _dailymotion(path.strip("/"))
    if host in _DAILYMOTION_HOSTS:
        if path.rstrip("/") == "/player.html" or path.startswith("/player/"):
            return _dailymotion((query.get("video") or [""])[0])
        match = _DAILYMOTION_PATH.match(path)
        return _dailymotion(match.group(1) if match else "")
    raise ValueError(f"{ACCEPTED_HOSTS_MESSAGE} (lien reçu : {host}).")
