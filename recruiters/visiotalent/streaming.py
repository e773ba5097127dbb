"""HTTP range responses for private videos (players seek with ``Range: bytes=...``)."""

from __future__ import annotations

import re

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(start, end) inclusive for a single byte range; None when it cannot be satisfied or is malformed."""
    match = _RANGE.match(header.strip())
    if not match or size <= 0:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # suffix: the last N bytes
        length = int(last)
        if length == 0:
            return None
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


def _chunks(handle, start: int, length: int):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def _private_headers(response, content_type: str) -> None:
    response["Accept-Ranges"] = "bytes"
    # Candidate videos: browsers may keep them for the session, shared caches never.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    response["Content-Type"] = content_type


def ranged_file_response(request, *, storage, name: str, content_type: str):
    size = storage.size(name)
    header = request.headers.get("Range", "")
    if header:
        byte_range = parse_range(header, size)
        if byte_range is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            _private_headers(response, content_type)
            return response
        start, end = byte_range
        status, length = 206, end - start + 1
    else:
        start, end, status, length = 0, size - 1, 200, size
    if request.method == "HEAD":
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(_chunks(storage.open(name, "rb"), start, length), status=status)
    _private_headers(response, content_type)
    response["Content-Length"] = str(length)
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response
