"""Saved-search kinds other than the CVthèque's. A higher app (matching) registers how its saved
searches find their matching profiles and reopen, in its AppConfig.ready: search may not import it.
The alert mechanism itself (due searches, profiles never announced twice, the e-mail after commit)
stays in search.services, shared by every kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import SavedSearch


@dataclass(frozen=True)
class SavedSearchRunner:
    # Visible profiles the saved search matches now and that were listed or changed after `since`,
    # best first; what the recruiter may see (the runner scopes to the search's creator).
    matches_since: Callable[[SavedSearch, datetime], list[int]]
    # The path that reopens the search with its criteria.
    search_path: Callable[[SavedSearch], str]
    # The path of one profile seen from the search.
    profile_path: Callable[[SavedSearch, int], str]
    # The alert e-mail (subject / txt / html), given search, profiles (with their url), more, search_url.
    email_template: str


_runners: dict[str, SavedSearchRunner] = {}


def register(kind: str, runner: SavedSearchRunner) -> None:
    _runners[kind] = runner


def runner_for(kind: str) -> SavedSearchRunner:
    try:
        return _runners[kind]
    except KeyError:
        raise LookupError(f"no saved-search runner registered for kind {kind!r}") from None
