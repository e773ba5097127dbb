"""Relevance of matching and of the CVthèque, measured on the judged set of `tests/data/relevance/`.

`manage.py relevance_report` runs it; docs/matching.md ("Relevance") says what each figure means.
"""

from .dataset import RelevanceSet, RelevanceSetError, load_holdout, load_set
from .evaluate import RelevanceRunError, evaluate
from .render import render_text

DEFAULT_SET = "tests/data/relevance"

__all__ = ["DEFAULT_SET", "RelevanceRunError", "RelevanceSet", "RelevanceSetError", "evaluate", "load_holdout", "load_set",
           "render_text"]
