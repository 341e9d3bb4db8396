"""The questionnaire: Enter saves (it never adds a line to another section), and a page that
says nothing was saved has saved nothing."""
from __future__ import annotations

from tests.support.registrations import open_workshop, register  # noqa: F401 (fixtures)


def test_error_that_says_nothing_was_saved_saved_nothing(client, open_workshop, register):  # noqa: F811
    workshop = open_workshop()
    location = register(workshop)
    data = {"leviers-0": "Covoiturage organisé", "freins-0": "x " * 400}
    for extra in ({}, {"ajouter": "leviers"}):
        response = client.post(location + "questionnaire", data={**data, **extra})
        html = response.get_data(as_text=True)
        assert "Rien n’a été enregistré" in html and "trop longue" in html
        assert "Covoiturage" not in client.get(location).get_data(as_text=True)


def test_enter_in_a_line_saves_instead_of_adding_a_line(client, open_workshop, register):  # noqa: F811
    workshop = open_workshop()
    location = register(workshop)
    html = client.get(location + "questionnaire").get_data(as_text=True)
    form = html.split('class="form questionnaire"')[1]
    first_submit = form.split("<button")[1]
    # the browser presses the form's first submit button on Enter
    assert 'name="ajouter"' not in first_submit.split(">")[0]
    assert 'type="submit"' in first_submit.split(">")[0]


def test_registration_page_without_smtp_promises_no_email(client, open_workshop):  # noqa: F811
    from tests.support.registrations import FORM

    workshop = open_workshop()
    url = f"/inscription/{workshop.code}/"
    html = client.get(url).get_data(as_text=True)
    assert "Ce site n’envoie pas d’e-mail" in html
    html = client.post(url, data={**FORM, "email": ""}).get_data(as_text=True)
    assert "elle vous identifie pour cette inscription" in html
    assert "confirmation" not in html.lower()
