"""QR decoders on the real photo set: `python -m benchmarks.bench_decoders [--opencv-mosaic]`.

Per decoder: recall on the camera photos (kind=photo, 138 codes) and on every code (205) at full,
half and quarter scale, median and total time; then recall and time on a mosaic of the 240 px
photos (the README's stand-in for a wall). "ours" is scan.locate.find_codes, the decoder layer
of the scanner. Times are single-threaded (OpenCV limited to 1 thread). A script, not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

import cv2
import zxingcpp
from pyzbar import pyzbar

from scan.locate import decode_bytes, find_codes
from tests.support.qr_dataset import DATASET_DIR, load_samples, mosaic

SCALES = (1.0, 0.5, 0.25)


Found = list[tuple[str, tuple[float, float]]]  # text and centre (px) of every code read


def centre(points) -> tuple[float, float]:
    xs, ys = zip(*points)
    return sum(xs) / len(xs), sum(ys) / len(ys)


def zxing_plain(gray) -> Found:
    found = zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain
    )
    return [
        (b.text, centre([(p.x, p.y) for p in (b.position.top_left, b.position.bottom_right)]))
        for b in found
    ]


def zxing_upscale_retry(gray) -> Found:
    found = zxing_plain(gray)
    if found:
        return found
    bigger = zxing_plain(cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))
    return [(text, (x / 2, y / 2)) for text, (x, y) in bigger]


def pyzbar_gray(gray) -> Found:
    return [(decode_bytes(d.data), centre([(p.x, p.y) for p in d.polygon]))
            for d in pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])]


def opencv_multi(gray) -> Found:
    try:
        ok, texts, points, _ = cv2.QRCodeDetector().detectAndDecodeMulti(gray)
    except (UnicodeDecodeError, cv2.error):  # UTF-8 assumed; some modes (Kanji) unimplemented
        return []
    return [(t, centre(p)) for t, p in zip(texts, points) if t] if ok else []


def ours(gray) -> Found:
    return [(h.text, tuple(h.centre_px)) for h in find_codes(gray)]


DECODERS = {
    "zxing-cpp": zxing_plain,
    "zxing-cpp + 2x retry": zxing_upscale_retry,
    "pyzbar (gray)": pyzbar_gray,
    "OpenCV detectAndDecodeMulti": opencv_multi,
    "ours (scan.locate)": ours,
}


def timed(decoder, gray) -> tuple[Found, float]:
    start = time.perf_counter()
    found = decoder(gray)
    return found, time.perf_counter() - start


def measure(samples, decoder, scale: float) -> tuple[int, int, float, float, int]:
    """(photo codes read, all codes read, median ms, total s, wrong texts)."""
    photo_hits = all_hits = wrong = 0
    times = []
    for sample in samples:
        found, seconds = timed(decoder, sample.gray(scale))
        texts = {text for text, _ in found}
        times.append(seconds)
        right = texts & set(sample.expected)
        all_hits += len(right)
        photo_hits += len(right) if sample.kind == "photo" else 0
        wrong += len(texts - set(sample.expected))
    return photo_hits, all_hits, statistics.median(times) * 1000, sum(times), wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_decoders")
    parser.add_argument(
        "--opencv-mosaic", action="store_true", help="also run OpenCV on the mosaic (minutes)"
    )
    args = parser.parse_args(argv)
    if not (DATASET_DIR / "manifest.csv").is_file():
        print(f"QR photo set absent: {DATASET_DIR}", file=sys.stderr)
        return 2
    cv2.setNumThreads(1)
    samples = load_samples()
    photo_codes = sum(len(s.expected) for s in samples if s.kind == "photo")
    all_codes = sum(len(s.expected) for s in samples)
    print(
        f"{len(samples)} images, {all_codes} codes ({photo_codes} in camera photos); "
        "'wrong' = texts not "
        "expected (qrcode-2/16 holds a genuine extra inner code)\n"
    )
    print(
        f"{'decoder':30} {'scale':>5} {'photo recall':>13} {'all recall':>11} {'median ms':>10} "
        f"{'total s':>8} {'wrong':>6}"
    )
    for name, decoder in DECODERS.items():
        for scale in SCALES:
            photo, everything, median_ms, total_s, wrong = measure(samples, decoder, scale)
            print(
                f"{name:30} {scale:>5} {100 * photo / photo_codes:>12.1f}% "
                f"{100 * everything / all_codes:>10.1f}% "
                f"{median_ms:>10.2f} {total_s:>8.2f} {wrong:>6}"
            )
    print_mosaic(samples, args.opencv_mosaic)
    return 0


def print_mosaic(samples, with_opencv: bool) -> None:
    """Many photos share a text (t-shirt series): a cell counts as read only by a code found in
    it."""
    canvas, cells = mosaic(samples)
    print(
        f"\nmosaic of {len(cells)} camera photos of 240 px, {canvas.shape[1]}x{canvas.shape[0]} px"
    )
    print(f"{'decoder':30} {'recall':>8} {'ms':>8} {'wrong':>6}")
    for name, decoder in DECODERS.items():
        if name.startswith("OpenCV") and not with_opencv:
            print(f"{name:30} skipped (about a minute per call; --opencv-mosaic)")
            continue
        found, seconds = timed(decoder, canvas)
        read = sum(
            1 for cell in cells if any(t == cell.expected and cell.holds(p) for t, p in found)
        )
        wrong = sum(1 for t, p in found for cell in cells if cell.holds(p) and t != cell.expected)
        print(f"{name:30} {100 * read / len(cells):>7.1f}% {seconds * 1000:>8.0f} {wrong:>6}")


if __name__ == "__main__":
    sys.exit(main())
