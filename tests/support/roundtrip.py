"""Run the scanner on a synthetic photo and keep everything needed to judge it or debug it."""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from scan import scan_image
from scan.results import PhotoReading
from tests.support.photos import Photo
from tests.support.scoring import Score, score_photo

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"  # gitignored


@dataclass
class RoundTrip:
    photo: Photo
    reading: dict  # PhotoReading.to_dict()
    score: Score
    seconds: float  # scan_image alone, on the decoded photo
    debug_dir: Path | None = None
    result: PhotoReading | None = None  # the object itself, for merge_readings

    @property
    def name(self) -> str:
        return self.photo.truth.name


def run_roundtrip(photo: Photo, manifest: dict | None, debug_dir: Path | None = None) -> RoundTrip:
    start = time.perf_counter()
    reading = scan_image(photo.image, photo.truth.name, manifest=manifest, debug_dir=debug_dir)
    seconds = time.perf_counter() - start
    data = reading.to_dict()
    return RoundTrip(photo, data, score_photo(photo.truth, data), seconds, debug_dir, reading)


def save_artifacts(trip: RoundTrip, directory: Path) -> Path:
    """The photo, the scanner's debug overlay, its reading and the truth, side by side."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = Path(trip.name).stem
    (directory / f"{stem}.jpg").write_bytes(trip.photo.jpeg)
    (directory / f"{stem}.truth.json").write_text(
        json.dumps(trip.photo.truth.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    (directory / f"{stem}.reading.json").write_text(
        json.dumps(trip.reading, ensure_ascii=False, indent=1), encoding="utf-8")
    (directory / f"{stem}.problems.txt").write_text(
        "\n".join(trip.score.problems(allow_unsure=False)) + "\n", encoding="utf-8")
    if trip.debug_dir is not None:
        for overlay in trip.debug_dir.glob(f"{stem}*"):
            shutil.copy(overlay, directory / f"{stem}.debug{overlay.suffix}")
    return directory
