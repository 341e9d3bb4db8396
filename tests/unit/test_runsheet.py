"""The run-sheet's content: programme from the workshop times, counts, materials, photo guide."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from printables.demo import demo_request
from printables.kitdata import KitWorkshop
from printables.programme import format_date, format_time, materials, printed_counts, programme
from printables.runsheet import runsheet_pdf
from tests.support.pdf import pdf_page_texts


def workshop(**times) -> KitWorkshop:
    return KitWorkshop("MOB26", "Mobilité douce", **times)


def test_programme_follows_workshop_times():
    rows = programme(workshop(start=dt.time(9), lunch=dt.time(12), end=dt.time(16))).rows
    times = [t for t, _ in rows]
    assert times[0] == "9 h" and times[-1] == "16 h"
    assert ("12 h", "Déjeuner.") in rows
    assert times[rows.index(("12 h", "Déjeuner.")) + 1] == "13 h"
    assert rows[-2][1].startswith("Photos des murs")


def test_programme_shifted_day_keeps_order():
    rows = programme(workshop(start=dt.time(9, 30), lunch=dt.time(12, 30), end=dt.time(17))).rows
    minutes = [int(t.split(" h")[0]) * 60 + int(t.split(" h")[1] or 0) for t, _ in rows]
    assert rows[0][0] == "9 h 30" and rows[-1][0] == "17 h"
    assert minutes == sorted(minutes)


def test_programme_inconsistent_times_fall_back_to_usual_day():
    rows = programme(workshop(start=dt.time(14), lunch=dt.time(12), end=dt.time(10))).rows
    assert (rows[0][0], rows[-1][0]) == ("9 h", "16 h")


@pytest.mark.parametrize("value, text", [(dt.time(9), "9 h"), (dt.time(13, 5), "13 h 05")])
def test_format_time_french(value, text):
    assert format_time(value) == text


@pytest.mark.parametrize("value, text", [(dt.date(2026, 4, 14), "mardi 14 avril 2026"),
                                         (dt.date(2026, 8, 1), "samedi 1er août 2026")])
def test_format_date_french(value, text):
    assert format_date(value) == text


def test_printed_counts_match_request():
    request = demo_request("MOB26", 3, 2)
    rows = dict((label, int(count)) for count, label in printed_counts(request).rows)
    assert rows["pochettes personnelles, n° 1 à 5"] == 5
    assert rows["cartes Frein"] == 10 and rows["cartes « Qui fait quoi ? »"] == 5
    assert rows["affiches de zone"] == 5 and rows["feuilles « Graine de projet »"] == 3


def test_materials_scale_with_packs():
    checklist = materials(demo_request("MOB26", 30, 0)).checklist
    assert any(item.startswith("30 feutres noirs") for item in checklist)
    assert any(item.startswith("150 gommettes") for item in checklist)


def test_runsheet_pdf_prints_summary_lines():
    request = dataclasses.replace(
        demo_request("MOB26", 2, 0),
        prediagnostic_summary=("12 inscrits citent le manque de pistes cyclables",),
    )
    text = " ".join(pdf_page_texts(runsheet_pdf(request)))
    assert "Mobilité douce dans le Grand Briançonnais" in text
    assert "12 inscrits citent le manque de pistes cyclables" in text
    assert "Chevauchement" in text and "Matériel à prévoir" in text
