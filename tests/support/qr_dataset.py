"""The third-party QR photo set ``../shared/datasets/qr-photos`` (see its README): loading only.

One ``Sample`` per image, with every code it is expected to hold (read from the exact-content
files, not the manifest's inline copy, which is empty for multi-line contents).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
DATASET_DIR = REPO_ROOT.parent / "shared" / "datasets" / "qr-photos"


@dataclass
class Sample:
    path: Path
    kind: str  # photo, binarized, synthetic, screenshot, composite
    expected: list[str] = field(default_factory=list)

    def gray(self, scale: float = 1.0) -> np.ndarray:
        image = cv2.imread(str(self.path), cv2.IMREAD_GRAYSCALE)
        if image is None:
            raise OSError(f"{self.path}: OpenCV cannot read it")
        if scale != 1.0:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return image


def load_samples(root: Path = DATASET_DIR) -> list[Sample]:
    samples: dict[str, Sample] = {}
    with open(root / "manifest.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sample = samples.setdefault(
                row["image_path"], Sample(root / row["image_path"], row["kind"])
            )
            sample.expected.append((root / row["expected_text_path"]).read_bytes().decode("utf-8"))
    return list(samples.values())


@dataclass
class Cell:
    x0: int
    y0: int
    x1: int
    y1: int
    expected: str

    def holds(self, point) -> bool:
        return self.x0 <= point[0] < self.x1 and self.y0 <= point[1] < self.y1


def mosaic(samples: list[Sample], columns: int = 13, cell_px: int = 240,
           gap_px: int = 48) -> tuple[np.ndarray, list[Cell]]:
    """The 240 x 240 camera photos tiled, unscaled, into one big frame (the README's stand-in
    for a wall photo: 105 photos on 13 x 9 cells, 3744 x 2592 px). A white gap between cells
    stands for the wall between cards; without it a code at a cell's edge loses its quiet zone."""
    photos = [s for s in samples if s.kind == "photo" and len(s.expected) == 1]
    photos = [s for s in photos if s.gray().shape == (cell_px, cell_px)]
    pitch = cell_px + gap_px
    rows = (len(photos) + columns - 1) // columns
    canvas = np.full((rows * pitch, columns * pitch), 255, np.uint8)
    cells = []
    for i, sample in enumerate(photos):
        r, c = divmod(i, columns)
        y, x = r * pitch + gap_px // 2, c * pitch + gap_px // 2
        canvas[y:y + cell_px, x:x + cell_px] = sample.gray()
        cells.append(Cell(x, y, x + cell_px, y + cell_px, sample.expected[0]))
    return canvas, cells
