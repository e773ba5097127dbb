"""A form post missing one of its fields, or with a block counter that is no number, answers 400
in the admin, not 500.

Wagtail reads some keys of a posted form without a default: StreamField's ``<name>-count`` (and the
``-count``, ``-type``, ``-order`` keys of nested blocks) raises ``MultiValueDictKeyError`` when a
hand-made or truncated request leaves it out, and ``int()`` of a counter that is not a number raises
a ``ValueError``. Such a request is the client's mistake, so in the admin it is answered 400, and
logged as one. The missing key is caught as its exception, only for admin POSTs (anywhere else it is
a bug of ours and stays a 500); counters are checked before the view, since a ValueError could
come from anywhere.
"""

from __future__ import annotations

import logging
import re

from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.html import escape

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
MESSAGE = (
    "Le formulaire envoyé est incomplet (il y manque « {key} ») : rien n'a été enregistré. "
    "Rechargez la page, puis recommencez."
)
BAD_COUNTER = (
    "Le formulaire envoyé n'est pas valide (« {key} » n'est pas un nombre) : rien n'a été enregistré. "
    "Rechargez la page, puis recommencez."
)
# StreamField and ListBlock counters, and a list item's position: Wagtail reads them with int().
COUNTER_KEY = re.compile(r"-count$|-\d+-order$")


class IncompleteAdminPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.path.startswith(ADMIN_PREFIX):
            return None
        for key, values in request.POST.lists():
            if COUNTER_KEY.search(key) and not all(value.isascii() and value.isdigit() for value in values):
                logger.warning("Admin POST %s with the counter %r not a number: answered 400", request.path, key)
                return _bad_request(BAD_COUNTER.format(key=key))
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, MultiValueDictKeyError):
            return None
        if request.method != "POST" or not request.path.startswith(ADMIN_PREFIX):
            return None
        key = exception.args[0] if exception.args else "?"
        logger.warning("Admin POST %s without the field %r: answered 400", request.path, key)
        return _bad_request(MESSAGE.format(key=key))


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        '<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Formulaire non valide</title>'
        f"<p>{escape(message)}</p></html>"
    )
