"""A lost code read as the nearest of the workshop's own codes (issue 8, point 4).

Soft focus of 2.1-2.3 px on 3 px modules leaves 6-35 of a code's 238 data and format modules
wrong even on the best sampled grid (scan/recover.py ``decode_grid``): beyond what Reed-Solomon
level M corrects (5 codewords) and what RECOVER_MAX_MODULE_ERRORS lets through. But the scanner
knows which codes can be there: the kit's manifest lists every card printed for the workshop,
and each card's code is printed as ``printables.qr.qr_matrix`` draws it. So the sampled modules
are compared with each of those symbols, and a code is named only if

- its symbol differs from the sample in at most CODEBOOK_MAX_MODULE_ERRORS modules: below half
  the distance between any two codes of our format (>= 30 modules measured), so no other code,
  printed or not, in the manifest or not, is as near; and
- every other code of the manifest is at least CODEBOOK_MIN_MARGIN_MODULES further away.

Nothing is guessed: without a manifest, or with the sample nearer no code than that, the code
stays lost. A card read this way is as blurred as its code: scan.pipeline caps its readings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from printables.payload import PayloadError, parse
from printables.qr import QrCapacityError, qr_matrix
from scan.recover import KNOWN
from scan.thresholds import CODEBOOK_MAX_MODULE_ERRORS, CODEBOOK_MIN_MARGIN_MODULES

FREE = ~KNOWN  # the data and format modules, where two codes differ
FREE_BYTES = (int(FREE.sum()) + 7) // 8


@functools.lru_cache(maxsize=4096)
def printed_symbol(text: str) -> np.ndarray | None:
    """The 21 x 21 symbol of ``text`` as the kit prints it (best mask), None unless it is a
    valid code of ours that fits version 1. Cached: a workshop's codes are met photo after
    photo."""
    try:
        parse(text)
        return qr_matrix(text)
    except (PayloadError, QrCapacityError):
        return None


class Codebook:
    """The codes that may be in a photo (the manifest's) and their printed symbols, drawn on
    first use (0.4 ms a code): a sharp photo never needs them."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = tuple(dict.fromkeys(texts))

    @functools.cached_property
    def symbols(self) -> tuple[tuple[str, ...], np.ndarray]:
        """The valid codes and their data and format modules (238 of 441), packed in bytes."""
        drawn = [(text, printed_symbol(text)) for text in self.texts]
        kept = [(text, symbol) for text, symbol in drawn if symbol is not None]
        if not kept:
            return (), np.zeros((0, FREE_BYTES), np.uint8)
        return tuple(t for t, _ in kept), np.packbits([s[FREE] for _, s in kept], axis=1)

    def nearest(self, bits: np.ndarray) -> tuple[str, int, int] | None:
        """The code whose symbol is nearest ``bits`` (21 x 21, True = dark): its text, how many
        data and format modules differ, and how many more differ for the next nearest code (all
        of them when it is alone). None for an empty codebook."""
        texts, symbols = self.symbols
        if not texts:
            return None
        errors = np.bitwise_count(symbols ^ np.packbits(bits[FREE])).sum(axis=1, dtype=np.int64)
        best = int(np.argmin(errors))
        if len(texts) == 1:
            return texts[0], int(errors[0]), int(FREE.sum()) - int(errors[0])
        second = int(np.partition(errors, 1)[1])
        return texts[best], int(errors[best]), second - int(errors[best])

    def match(self, bits: np.ndarray) -> tuple[str, int] | None:
        """(text, module errors) of the code ``bits`` can only be, or None (see the module's
        doc for the two conditions)."""
        near = self.nearest(bits)
        if near is None:
            return None
        text, errors, margin = near
        if errors > CODEBOOK_MAX_MODULE_ERRORS or margin < CODEBOOK_MIN_MARGIN_MODULES:
            return None
        return text, errors


def codebook_of(manifest: dict | None) -> Codebook | None:
    """The codebook of a kit printer's manifest (None without one)."""
    if manifest is None:
        return None
    return Codebook(item["code"] for item in manifest.get("items", []) if "code" in item)
