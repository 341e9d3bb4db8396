"""kit.services.csvfile: the one CSV rule of every export."""
from kit.services.csvfile import csv_bytes, safe_cell


def test_safe_cell_quotes_every_formula_start():
    for text in ("=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "+33 Asso", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text


def test_safe_cell_leaves_a_signed_number_readable():
    for text in ("+41 22 555 01 02", "-5", "+33 (0)6 12.34"):
        assert safe_cell(text) == text


def test_safe_cell_keeps_plain_text_and_converts_none_and_bools():
    assert [safe_cell(v) for v in ("Mairie", "06 12", 12, None, True, False)] == [
        "Mairie", "06 12", "12", "", "oui", "non"]


def test_csv_bytes_bom_semicolons_crlf():
    assert csv_bytes(["a", "b"], [["=x", "y;z"]]) == '\ufeffa;b\r\n\'=x;"y;z"\r\n'.encode()
