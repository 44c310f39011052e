"""A notice's bytes as fetched, stored deflated (migration 052): the one home of that encoding."""

from __future__ import annotations

import zlib


def pack(raw: bytes | None) -> bytes | None:
    """The stored form of `raw` (`notices.raw_deflated`). Level 1: half the CPU of the default at
    about a tenth more bytes, and the writer compresses every notice it stores."""
    return zlib.compress(raw, 1) if raw is not None else None


def unpack(plain: bytes | None, deflated: bytes | None) -> bytes | None:
    """The bytes as fetched, from a row's `raw` (written before migration 052) or `raw_deflated`."""
    if deflated is not None:
        return zlib.decompress(bytes(deflated))
    return bytes(plain) if plain is not None else None
