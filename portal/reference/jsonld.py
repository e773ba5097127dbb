"""JSON written inside a ``<script type="application/ld+json">`` element (search engines' structured data)."""

import json

from django.utils.html import _json_script_escapes


def script_json(data) -> str:
    """JSON that cannot end its script element nor open an HTML comment in it: ``<``, ``>`` and ``&`` are
    written as ``\\u003C``-style escapes, as Django's json_script does. The result is safe to mark safe."""
    return json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
