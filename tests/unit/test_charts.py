"""kit.services.charts: the SVG bar chart and its rows, accessible and safe to insert."""
import xml.etree.ElementTree as ET

from kit.services.charts import LINE_CHARS, WIDTH, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg()))


def test_bar_chart_draws_one_bar_per_row_scaled_to_the_largest():
    chart = bar_chart("besoins", "Besoins", [("Transport", 8), ("Logement", 4), ("Rien", 0)],
                      label_header="Besoin", value_header="Votes")
    bars = parse(chart).findall(f"{SVG}rect")
    widths = [float(bar.get("width")) for bar in bars]
    assert len(bars) == 3
    assert widths[0] > widths[1] > widths[2] > 0
    assert abs(widths[1] - widths[0] / 2) < 1
    assert widths[0] < WIDTH
    assert [text.text for text in parse(chart).findall(f"{SVG}text")] == [
        "Transport", "8", "Logement", "4", "Rien", "0"]


def test_bar_chart_is_an_image_named_by_its_title_and_description():
    chart = bar_chart("terr", "Par territoire", [("Briançonnais", 3), ("Hors territoire", 1)],
                      label_header="Territoire", value_header="Personnes")
    svg = parse(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "terr-titre terr-desc"
    assert svg.find(f"{SVG}title").text == "Par territoire"
    assert svg.find(f"{SVG}title").get("id") == "terr-titre"
    assert svg.find(f"{SVG}desc").text == "Briançonnais\u00a0: 3 ; Hors territoire\u00a0: 1"
    assert "style=" not in str(chart.svg())


def test_bar_chart_escapes_labels_and_keeps_the_rows_whole():
    label = "<script>alert(1)</script> & " + "très long besoin " * 10
    chart = bar_chart("x", "T & <b>", [(label, 2)], label_header="L", value_header="V")
    markup = str(chart.svg())
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<b>" not in markup
    assert chart.rows == ((label, 2),)
    lines = [t.text for t in parse(chart).findall(f"{SVG}text")][:-1]
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(len(line) <= LINE_CHARS for line in lines)


def test_bar_chart_totals_and_clamps_negative_values():
    chart = bar_chart("x", "T", [("a", 3), ("b", -2)], label_header="L", value_header="V")
    assert chart.rows == (("a", 3), ("b", 0))
    assert chart.total == 3 and chart.maximum == 3


def test_bar_chart_of_nothing_is_still_valid_svg():
    chart = bar_chart("vide", "Rien", [], label_header="L", value_header="V")
    assert parse(chart).findall(f"{SVG}rect") == []
    assert chart.total == 0
