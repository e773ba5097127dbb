"""A form post missing one of its fields answers 400 in the admin, not 500.

Wagtail reads some keys of a posted form without a default: StreamField's ``<name>-count`` (and the
``-count``, ``-type``, ``-order`` keys of nested blocks) raises ``MultiValueDictKeyError`` when a
hand-made or truncated request leaves it out. Such a request is the client's mistake, so in the
admin it is answered 400, and logged as one. Only this exception is turned, and only for admin
POSTs: anywhere else it is a bug of ours and stays a 500.
"""

from __future__ import annotations

import logging

from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.html import escape

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
MESSAGE = (
    "Le formulaire envoyé est incomplet (il y manque « {key} ») : rien n'a été enregistré. "
    "Rechargez la page, puis recommencez."
)


class IncompleteAdminPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MultiValueDictKeyError):
            return None
        if request.method != "POST" or not request.path.startswith(ADMIN_PREFIX):
            return None
        key = exception.args[0] if exception.args else "?"
        logger.warning("Admin POST %s without the field %r: answered 400", request.path, key)
        body = f'<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Formulaire incomplet</title><p>{escape(MESSAGE.format(key=key))}</p></html>'
        return HttpResponseBadRequest(body)
