"""A response body read within the size cap counted after decoding, with bounded memory.

httpx decodes each network chunk whole before the caller sees it, so a cap on `iter_bytes()` comes
too late: 10 KB of `Content-Encoding: gzip, gzip` decoded to gigabytes inside one chunk. Here the
raw bytes are read and inflated by hand with zlib's `max_length`, never more than the bytes left
under the cap at a time. One content-coding layer (gzip or deflate) is accepted; a chain of
several, or any other coding, is refused: no server needs it, and our requests never ask for it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx

from flows.sources.budget import FetchRefused

ACCEPT_ENCODING = "gzip, deflate"
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
_RAW_CHUNK = 64 * 1024


def content_codings(response: httpx.Response) -> list[str]:
    """The codings applied to the body, in order, `identity` left out."""
    codings: list[str] = []
    for value in response.headers.get_list("content-encoding"):
        codings.extend(c.strip().lower() for c in value.split(","))
    return [c for c in codings if c and c != "identity"]


def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, refused (FetchRefused) once it passes `max_bytes`, raw or decoded."""
    codings = content_codings(response)
    if len(codings) > 1:  # the header is the server's: shown short
        shown = ", ".join(codings[:3]) + (", ..." if len(codings) > 3 else "")
        raise FetchRefused("unreadable", f"refused content-coding chain {shown[:80]}: one layer at most")
    if codings and codings[0] not in _WBITS:
        raise FetchRefused(
            "unreadable", f"refused content-coding {codings[0][:40]!r} (gzip and deflate are read)"
        )
    raw = _raw_capped(response, max_bytes)
    pieces = _inflate(raw, codings[0], max_bytes) if codings else raw
    chunks: list[bytes] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > max_bytes:
            raise FetchRefused("too_large", f"body passed the {max_bytes} byte limit")
        chunks.append(piece)
    return b"".join(chunks)


def _raw_capped(response: httpx.Response, max_bytes: int) -> Iterator[bytes]:
    size = 0
    for chunk in response.iter_raw(_RAW_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefused("too_large", f"body passed the {max_bytes} byte limit")
        yield chunk


def _inflate(raw: Iterator[bytes], coding: str, max_bytes: int) -> Iterator[bytes]:
    """Decoded pieces, each at most the room left under the cap plus one byte. A deflate body
    without its zlib header (as some servers send) is read as raw deflate."""
    wbits = _WBITS[coding]
    inflater = zlib.decompressobj(wbits)
    room = max_bytes + 1
    started = False
    try:
        for chunk in raw:
            data = chunk
            while data and room > 0:
                try:
                    piece = inflater.decompress(data, room)
                except zlib.error:
                    if coding != "deflate" or started:
                        raise
                    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    piece = inflater.decompress(data, room)
                started = True
                room -= len(piece)
                data = inflater.unconsumed_tail
                yield piece
            if room <= 0 or inflater.eof:
                break
        if room > 0:
            yield inflater.flush()
    except zlib.error as exc:
        raise FetchRefused("unreadable", f"bad {coding} body: {exc}") from None
