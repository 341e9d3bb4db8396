"""Page imposition: cards on A4 with printable margins, cut marks outside every card."""
from __future__ import annotations

import pytest

from printables.imposition import IDENTITY, PAGE_MARGIN_MM, POSTER, SHEET, SMALL, cut_marks
from printables.layout import MARKER_INSET_MM, Box

IMPOSITIONS = [SMALL, IDENTITY, SHEET, POSTER]


def mark_box(mark: tuple[float, float, float, float]) -> Box:
    x1, y1, x2, y2 = mark
    return Box(x1, y1, x2 - x1, y2 - y1)


@pytest.mark.parametrize(
    "imposition, per_page",
    [(SMALL, 4), (IDENTITY, 2), (SHEET, 1), (POSTER, 1)],
    ids=lambda v: getattr(v, "name", v),
)
def test_imposition_cards_per_page(imposition, per_page):
    assert imposition.per_page == per_page


@pytest.mark.parametrize("imposition", IMPOSITIONS, ids=lambda i: i.name)
def test_imposition_cards_on_page_apart_ink_in_margin(imposition):
    page = Box(0, 0, *imposition.page_mm)
    boxes = imposition.boxes()
    assert all(page.contains(b) for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    printable = page.grown(-PAGE_MARGIN_MM)
    assert all(printable.contains(b.grown(-MARKER_INSET_MM)) for b in boxes)


@pytest.mark.parametrize("imposition", [SMALL, IDENTITY], ids=lambda i: i.name)
def test_imposition_cut_marks_outside_cards_inside_margin(imposition):
    printable = Box(0, 0, *imposition.page_mm).grown(-PAGE_MARGIN_MM)
    marks = cut_marks(imposition, imposition.per_page)
    assert marks
    assert [m for m in marks if any(mark_box(m).overlaps(b) for b in imposition.boxes())] == []
    assert [m for m in marks if not printable.contains(mark_box(m))] == []


@pytest.mark.parametrize("imposition", [SMALL, IDENTITY], ids=lambda i: i.name)
def test_imposition_every_cut_line_marked(imposition):
    marks = cut_marks(imposition, imposition.per_page)
    vertical = {m[0] for m in marks if m[0] == m[2]}
    horizontal = {m[1] for m in marks if m[1] == m[3]}
    for box in imposition.boxes():
        assert {box.x_mm, box.right_mm} <= vertical
        assert {box.y_mm, box.bottom_mm} <= horizontal


def test_imposition_partial_page_marks_only_its_cards():
    marks = cut_marks(SMALL, 1)
    first = SMALL.boxes()[0]
    assert marks
    assert all(
        m[0] in (first.x_mm, first.right_mm) or m[1] in (first.y_mm, first.bottom_mm) for m in marks
    )


def test_imposition_full_pages_have_no_marks():
    assert cut_marks(SHEET, 1) == () and cut_marks(POSTER, 1) == ()
