"""The address-book handout's layout helpers (issue 10, point 3)."""
from __future__ import annotations

from printables.address_book_handout import url_lines
from printables.render import text_width_mm

URL = "https://ateliers.collectif-dirigeable.example/carnet/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z/"


def test_url_lines_cut_a_long_address_after_a_slash_and_keep_every_character():
    lines = url_lines(URL, 87.0, 8.0)
    assert "".join(lines) == URL
    assert lines[0] == "https://ateliers.collectif-dirigeable.example/carnet/"
    assert all(text_width_mm(line, 8.0, True) <= 87.0 for line in lines)


def test_url_lines_leave_a_short_address_whole():
    assert url_lines("http://localhost/carnet/abc/", 87.0, 8.0) == [
        "http://localhost/carnet/abc/"]


def test_url_lines_never_end_a_line_with_a_hyphen_a_reader_would_drop():
    # a secret is token_urlsafe: it may hold "-" right where a line is full
    for at in range(40):
        url = "http://localhost/carnet/" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zQr7sTu0v"[:at] + "-x9/"
        lines = url_lines(url, 40.0, 8.0)
        assert "".join(lines) == url
        assert not any(line.endswith("-") for line in lines[:-1]), (at, lines)
