"""Tiny but valid WebM videos for the demo's Visiotalent answers, written without any codec library.

Each frame is a VP8 key frame whose compressed data is all zero bits. VP8's boolean decoder reads a
zero bit as "the most likely branch" whatever the probability, and every tree the decoder walks for
a key frame (header flags, probability updates, intra modes, coefficient tokens) starts with the
branch that means "nothing more": no loop filter, no probability update, DC prediction, end of
block. The picture is therefore the decoder's neutral grey, at the requested size and duration: a
placeholder that browsers play, seek and time like a real recording (RFC 6386, Matroska/WebM specs).
"""

from __future__ import annotations

import math
import struct

# Matroska element IDs (their bytes already carry the length marker).
EBML = b"\x1a\x45\xdf\xa3"
EBML_VERSION = b"\x42\x86"
EBML_READ_VERSION = b"\x42\xf7"
EBML_MAX_ID_LENGTH = b"\x42\xf2"
EBML_MAX_SIZE_LENGTH = b"\x42\xf3"
DOC_TYPE = b"\x42\x82"
DOC_TYPE_VERSION = b"\x42\x87"
DOC_TYPE_READ_VERSION = b"\x42\x85"
SEGMENT = b"\x18\x53\x80\x67"
INFO = b"\x15\x49\xa9\x66"
TIMECODE_SCALE = b"\x2a\xd7\xb1"
DURATION = b"\x44\x89"
MUXING_APP = b"\x4d\x80"
WRITING_APP = b"\x57\x41"
TRACKS = b"\x16\x54\xae\x6b"
TRACK_ENTRY = b"\xae"
TRACK_NUMBER = b"\xd7"
TRACK_UID = b"\x73\xc5"
TRACK_TYPE = b"\x83"
FLAG_LACING = b"\x9c"
CODEC_ID = b"\x86"
VIDEO = b"\xe0"
PIXEL_WIDTH = b"\xb0"
PIXEL_HEIGHT = b"\xba"
CLUSTER = b"\x1f\x43\xb6\x75"
TIMECODE = b"\xe7"
SIMPLE_BLOCK = b"\xa3"

VIDEO_TRACK = 1
CLUSTER_SECONDS = 10
MACROBLOCK = 16
# Upper bounds of the bits one VP8 symbol can use (a byte each), for the zero padding.
HEADER_SYMBOLS = 40
COEFFICIENT_PROBABILITIES = 4 * 8 * 3 * 11
MODE_SYMBOLS_PER_MACROBLOCK = 1 + 16 + 1  # luma mode, 16 sub-block modes, chroma mode
BLOCKS_PER_MACROBLOCK = 16 + 4 + 4


def _size(n: int) -> bytes:
    """An EBML data size in its shortest form (content sniffers look for the DocType as 42 82 84 "webm")."""
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:  # all ones is reserved for "unknown size"
            return ((1 << (7 * length)) | n).to_bytes(length, "big")
    raise ValueError("EBML element too large")


def _element(element_id: bytes, payload: bytes) -> bytes:
    return element_id + _size(len(payload)) + payload


def _uint(element_id: bytes, value: int) -> bytes:
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def vp8_grey_key_frame(width: int, height: int) -> bytes:
    """One VP8 key frame of the given size whose two partitions are all zero bytes (see module doc)."""
    if not (0 < width < 16384 and 0 < height < 16384):
        raise ValueError("VP8 frames are 1 to 16383 pixels wide and high")
    macroblocks = -(-width // MACROBLOCK) * -(-height // MACROBLOCK)
    first_partition = bytes(HEADER_SYMBOLS + COEFFICIENT_PROBABILITIES + MODE_SYMBOLS_PER_MACROBLOCK * macroblocks)
    tokens = bytes(BLOCKS_PER_MACROBLOCK * macroblocks + 2)
    # Frame tag: key frame (bit 0 = 0), version 0, shown, then the first partition's size.
    tag = (1 << 4) | (len(first_partition) << 5)
    header = tag.to_bytes(3, "little") + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    return header + first_partition + tokens


def grey_webm(*, seconds: float, width: int = 320, height: int = 180, fps: int = 1) -> bytes:
    """A WebM file (VP8, no audio) of ``seconds`` of neutral grey, with its duration in the header."""
    if seconds <= 0 or fps <= 0:
        raise ValueError("seconds and fps must be positive")
    frame = vp8_grey_key_frame(width, height)
    frame_count = max(1, math.ceil(seconds * fps))
    # Block timecodes are 16-bit offsets from their cluster's: one cluster every few seconds.
    clusters = b""
    for start in range(0, frame_count, CLUSTER_SECONDS * fps):
        cluster_ms = round(start * 1000 / fps)
        blocks = b"".join(
            _element(
                SIMPLE_BLOCK,
                bytes([0x80 | VIDEO_TRACK]) + struct.pack(">hB", round(i * 1000 / fps) - cluster_ms, 0x80) + frame,
            )
            for i in range(start, min(frame_count, start + CLUSTER_SECONDS * fps))
        )
        clusters += _element(CLUSTER, _uint(TIMECODE, cluster_ms) + blocks)
    header = _element(
        EBML,
        _uint(EBML_VERSION, 1) + _uint(EBML_READ_VERSION, 1) + _uint(EBML_MAX_ID_LENGTH, 4)
        + _uint(EBML_MAX_SIZE_LENGTH, 8) + _element(DOC_TYPE, b"webm") + _uint(DOC_TYPE_VERSION, 2)
        + _uint(DOC_TYPE_READ_VERSION, 2),
    )
    info = _element(
        INFO,
        _uint(TIMECODE_SCALE, 1_000_000)  # timecodes in milliseconds
        + _element(DURATION, struct.pack(">d", seconds * 1000))
        + _element(MUXING_APP, b"vivier-demo") + _element(WRITING_APP, b"vivier-demo"),
    )
    tracks = _element(
        TRACKS,
        _element(
            TRACK_ENTRY,
            _uint(TRACK_NUMBER, VIDEO_TRACK) + _uint(TRACK_UID, VIDEO_TRACK) + _uint(TRACK_TYPE, 1)
            + _uint(FLAG_LACING, 0) + _element(CODEC_ID, b"V_VP8")
            + _element(VIDEO, _uint(PIXEL_WIDTH, width) + _uint(PIXEL_HEIGHT, height)),
        ),
    )
    return header + _element(SEGMENT, info + tracks + clusters)
