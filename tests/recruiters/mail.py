"""Reading links out of the e-mails the tests receive (django.core.mail.outbox)."""

import re

from django.core import mail


def messages_to(address: str):
    return [m for m in mail.outbox if address in m.to]


def link_in(message, path_fragment: str) -> str:
    """The first link containing path_fragment, as a path usable with the test client."""
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(path_fragment) + r"\S*)", message.body)
    assert match, f"no link with {path_fragment!r} in:\n{message.body}"
    return match.group(1)


def assert_text_and_html(message):
    assert message.body.strip()
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert html and "<html" in html[0]
