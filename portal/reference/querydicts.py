"""Query dictionaries cleaned of what a view must never read (kept apart from `text`, which the
Django-free matching engine imports)."""

from django.http import QueryDict

from portal.reference.text import strip_control_characters


def querydict_without_control_characters(params: QueryDict, *, keep_line_breaks: bool = False) -> QueryDict:
    """A copy of `params` whose names and values went through `strip_control_characters`, or
    `params` itself when it holds none (the common case costs no copy)."""
    cleaned = [
        (strip_control_characters(key, keep_line_breaks=keep_line_breaks),
         [strip_control_characters(value, keep_line_breaks=keep_line_breaks) for value in values])
        for key, values in params.lists()
    ]
    if all(key == old_key and values == old_values
           for (key, values), (old_key, old_values) in zip(cleaned, params.lists(), strict=True)):
        return params
    result = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in cleaned:
        for value in values:
            result.appendlist(key, value)
    result._mutable = False
    return result
