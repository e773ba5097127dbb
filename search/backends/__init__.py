"""CVthèque backends behind haystack's connections: `cvtheque_backend()` is the only way in.

``HAYSTACK_CONNECTIONS["default"]`` names one of our engines (`SEARCH_URL` chooses it): the embedded
Xapian one (`search.backends.xapian`) or Elasticsearch 7 (`search.backends.elasticsearch`).
"""

from django.core.exceptions import ImproperlyConfigured
from haystack import connections

CONNECTION = "default"


def cvtheque_backend(using: str = CONNECTION):
    backend = connections[using].get_backend()
    if not hasattr(backend, "cvtheque_search"):
        raise ImproperlyConfigured(
            f"HAYSTACK_CONNECTIONS[{using!r}] uses {type(backend).__name__}, which cannot serve the CVthèque: "
            "use search.backends.xapian.CvthequeXapianEngine or search.backends.elasticsearch.CvthequeElasticsearch7SearchEngine."
        )
    return backend
