"""The address book shared with participants through personal links (issue 10, point 3): who
appears at each consent level, vCard and CSV, one's own entry, withdrawal, expiry, revocation,
the handout and the organisers' page."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from kit.extensions import db

PEOPLE = {  # last name -> consent; only the first two share with participants
    "Partage": "participants", "Public": "public", "Aucun": "aucun", "Muet": None,
    "Attente": "participants",  # consent read from paper, not yet confirmed
}
SHARED = ("PARTAGE", "PUBLIC")
HIDDEN = ("AUCUN", "MUET", "ATTENTE")


@pytest.fixture
def book_world(app, make_workshop, make_participant, make_card, make_field_value):
    """A workshop with a person of each consent level, a useful contact and a pending consent."""
    workshop = make_workshop(contact="contact@collectif.example")
    people = {name: make_participant(workshop, first_name=f"P{name}", last_name=name,
                                     consent=consent, phone="06 12 34 56 78",
                                     structure=f"Structure {name}")
              for name, consent in PEOPLE.items()}
    card = make_card(workshop, "identite", participant=people["Attente"])
    make_field_value(card, "consentement_participants", proposal="1", review="pending",
                     source="checkbox", crop=False)
    make_participant(workshop, first_name="Léa", last_name="Contact", consent="participants",
                     origin="useful_contact", email="lea@example.org")
    return workshop, people


def issue(app, person, channel: str = "handout", days: int | None = 30) -> str:
    from kit.models import Participant
    from kit.services import address_book

    with app.app_context():
        live = db.session.get(Participant, person.id)
        return address_book.issue_links([live], channel, days)[0].secret


def test_link_shows_only_people_who_share_with_participants(app, client, book_world):
    workshop, people = book_world
    secret = issue(app, people["Aucun"])
    html = client.get(f"/carnet/{secret}/").get_data(as_text=True)
    listed = html.split('id="personnes"')[1].split('id="ma-fiche"')[0]
    for name in SHARED + ("CONTACT",):
        assert name in listed
    for name in HIDDEN:
        assert name not in listed
    assert "Vous ne figurez pas dans ce carnet" in html
    assert 'name="robots" content="noindex"' in html


def test_vcard_and_csv_of_the_link_hold_consenting_people_only(app, client, book_world):
    _, people = book_world
    secret = issue(app, people["Partage"])
    vcf = client.get(f"/carnet/{secret}/carnet.vcf")
    assert vcf.headers["Content-Type"] == "text/vcard; charset=utf-8"
    cards = vcf.get_data(as_text=True)
    assert cards.count("BEGIN:VCARD") == 3
    assert "N:Partage;PPartage;;;" in cards and "N:Public;PPublic;;;" in cards
    assert "N:Contact;Léa;;;" in cards
    csv_text = client.get(f"/carnet/{secret}/carnet.csv").get_data(as_text=True)
    rows = csv_text.lstrip("\ufeff").splitlines()
    assert len(rows) == 4  # header + 3
    for name in ("Aucun", "Muet", "Attente"):
        assert name not in cards and name not in csv_text
    assert "Consentement" not in rows[0]  # the internal columns stay internal


def test_pending_consent_person_is_told_they_are_not_in_yet(app, client, book_world):
    _, people = book_world
    html = client.get(f"/carnet/{issue(app, people['Attente'])}/").get_data(as_text=True)
    assert "attend la vérification de l’équipe" in html


def test_own_entry_correction_shows_at_once(app, client, book_world):
    _, people = book_world
    secret = issue(app, people["Partage"])
    response = client.post(f"/carnet/{secret}/ma-fiche", data={
        "first_name": "Sophie", "last_name": "Partage", "email": "sophie@example.org",
        "phone": "", "structure": "Vélo Club", "role": "Présidente", "commune": "Névache",
        "territory": "brianconnais", "actor_type": "association", "consent": "participants"})
    assert response.status_code == 302
    html = client.get(f"/carnet/{secret}/").get_data(as_text=True)
    assert "Présidente · Vélo Club" in html and "sophie@example.org" in html
    assert "Votre fiche est enregistrée." in html


def test_own_entry_refuses_someone_elses_email(app, client, book_world):
    _, people = book_world
    secret = issue(app, people["Partage"])
    response = client.post(f"/carnet/{secret}/ma-fiche", data={
        "first_name": "X", "last_name": "Partage", "email": people["Public"].email,
        "territory": "", "actor_type": "", "consent": "participants"})
    assert response.status_code == 422
    assert "déjà celle d’une autre personne" in response.get_data(as_text=True)


def test_withdrawal_removes_the_person_from_every_shared_output_at_once(app, client, book_world):
    _, people = book_world
    mine, other = issue(app, people["Public"]), issue(app, people["Partage"])
    assert "PUBLIC" in client.get(f"/carnet/{other}/").get_data(as_text=True)
    assert client.post(f"/carnet/{mine}/retrait").status_code == 302
    html = client.get(f"/carnet/{other}/").get_data(as_text=True)
    assert "PUBLIC" not in html.split('id="personnes"')[1].split('id="ma-fiche"')[0]
    assert "Public" not in client.get(f"/carnet/{other}/carnet.vcf").get_data(as_text=True)
    assert "Public" not in client.get(f"/carnet/{other}/carnet.csv").get_data(as_text=True)
    from kit.models import Participant
    with app.app_context():
        assert db.session.get(Participant, people["Public"].id).consent == "aucun"
    assert "Vous ne figurez pas" in client.get(f"/carnet/{mine}/").get_data(as_text=True)


def test_withdrawal_also_updates_the_registration(app, client, make_workshop):
    from kit.models import Participant, Registration
    from kit.services import registrations

    workshop = make_workshop(registration_opens_on=dt.date.today())
    with app.app_context():
        from kit.models import Workshop
        live = db.session.get(Workshop, workshop.id)
        person = registrations.register(live, {
            "email": "inscrite@example.org", "first_name": "Iris", "last_name": "Inscrite",
            "consent": "participants"}).registration.participant
        person_id = person.id
    secret = issue(app, type("P", (), {"id": person_id}))
    client.post(f"/carnet/{secret}/retrait")
    with app.app_context():
        assert db.session.get(Participant, person_id).consent == "aucun"
        registration = db.session.scalars(db.select(Registration)).one()
        assert registration.consent == "aucun"


def test_expired_revoked_and_unknown_links_open_nothing(app, client, book_world):
    from kit.models import AddressBookLink
    from kit.models.base import utc_now

    _, people = book_world
    expired = issue(app, people["Partage"], channel="mail")
    with app.app_context():
        link = db.session.scalars(db.select(AddressBookLink)
                                  .where(AddressBookLink.channel == "mail")).one()
        link.expires_at = utc_now() - dt.timedelta(minutes=1)
        db.session.commit()
    for path in ("", "carnet.vcf", "carnet.csv"):
        response = client.get(f"/carnet/{expired}/{path}")
        assert response.status_code == 410
        assert "PUBLIC" not in response.get_data(as_text=True)
    assert "Il a expiré." in client.get(f"/carnet/{expired}/").get_data(as_text=True)
    assert client.post(f"/carnet/{expired}/retrait").status_code == 410
    replaced = issue(app, people["Public"])
    issue(app, people["Public"])  # a new handout: the older printed link stops working
    assert client.get(f"/carnet/{replaced}/").status_code == 410
    assert client.get("/carnet/" + "x" * 32 + "/").status_code == 404


def test_only_the_hash_of_the_secret_is_stored(app, book_world):
    from kit.models import AddressBookLink
    from kit.services.upload_links import hash_token

    _, people = book_world
    secret = issue(app, people["Partage"])
    with app.app_context():
        link = db.session.scalars(db.select(AddressBookLink)).one()
        assert link.token == hash_token(secret) and secret not in link.token


def test_erased_person_link_opens_nothing(app, client, book_world):
    from kit.models import Participant
    from kit.models.base import utc_now

    _, people = book_world
    secret = issue(app, people["Partage"])
    with app.app_context():
        db.session.get(Participant, people["Partage"].id).erased_at = utc_now()
        db.session.commit()
    assert client.get(f"/carnet/{secret}/").status_code == 410


# --- organisers -----------------------------------------------------------------------------

def test_organiser_page_lists_participants_and_link_states(app, client, login, book_world):
    workshop, people = book_world
    login()
    issue(app, people["Muet"])
    html = client.get(f"/ateliers/{workshop.code}/resultats/carnet-partage/").get_data(
        as_text=True)
    assert "les 3 personnes qui ont accepté" in html  # two participants and a useful contact
    assert "Contact" not in html.split('id="etat-liens"')[1]  # contacts get no link
    assert html.count("<td>imprimée</td>") == 1
    assert "Aucun serveur d’envoi d’e-mails" in html


def test_handout_pdf_has_each_participants_link_as_text_and_qr(app, client, login, book_world):
    import pypdfium2
    from pyzbar.pyzbar import decode

    workshop, people = book_world
    login()
    response = client.post(f"/ateliers/{workshop.code}/resultats/carnet-partage/fiches.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.data)
    assert len(pdf) == 2  # 5 participants, four slips a page
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    joined = re.sub(r"\s*\n\s*", "", text)  # an address is cut over two lines on the slip
    urls = re.findall(r"http://localhost/carnet/[A-Za-z0-9_-]+/", joined)
    assert len(urls) == 5
    decoded = set()
    for page in pdf:
        image = page.render(scale=3).to_pil().convert("L")
        decoded |= {code.data.decode() for code in decode(image)}
    assert decoded == set(urls)
    assert "n° " in text and "PPartage Partage" in text
    pdf.close()
    html = client.get(urls[0].removeprefix("http://localhost")).get_data(as_text=True)
    assert "Ma fiche" in html


def test_revoking_a_persons_links_and_everyones(app, client, login, book_world):
    workshop, people = book_world
    login()
    first, second = issue(app, people["Partage"]), issue(app, people["Public"])
    base = f"/ateliers/{workshop.code}/resultats/carnet-partage/revoquer"

    def revoke(**data):  # the page's message, in the singular or the plural, never « lien(s) »
        html = client.post(base, data=data, follow_redirects=True).get_data(as_text=True)
        return re.findall(r"(\d+ liens? révoqués? : \w+ n’ouvren?t? plus le carnet\.|"
                          r"Aucun lien à révoquer\.)", html)

    assert revoke(pid=people["Partage"].id) == ["1 lien révoqué : il n’ouvre plus le carnet."]
    assert client.get(f"/carnet/{first}/").status_code == 410
    assert client.get(f"/carnet/{second}/").status_code == 200
    issue(app, people["Partage"])
    assert revoke() == ["2 liens révoqués : ils n’ouvrent plus le carnet."]
    assert client.get(f"/carnet/{second}/").status_code == 410
    assert revoke() == ["Aucun lien à révoquer."]


def test_reviewer_may_see_the_page_but_not_send_print_or_revoke(app, make_user, add_member,
                                                                 book_world):
    from tests.conftest import TEST_PASSWORD

    workshop, _ = book_world
    reviewer = make_user()
    add_member(workshop, reviewer, "reviewer")
    client = app.test_client()
    client.post("/connexion", data={"email": reviewer.email, "password": TEST_PASSWORD})
    base = f"/ateliers/{workshop.code}/resultats/carnet-partage/"
    assert client.get(base).status_code == 200
    for action in ("envoyer", "fiches.pdf", "revoquer"):
        assert client.post(base + action).status_code == 403


def test_link_exports_guard_formulas_and_vcard_syntax(app, client, make_workshop,
                                                      make_participant):
    workshop = make_workshop()
    viewer = make_participant(workshop, consent="aucun")
    make_participant(workshop, first_name="=HYPERLINK(\"http://x\")", last_name="Nom;Piège",
                     structure="@SUM(A1)", role="+cmd|' /C calc'!A0", consent="participants",
                     phone="+41 22 555 01 02")
    secret = issue(app, viewer)
    text = client.get(f"/carnet/{secret}/carnet.csv").get_data(as_text=True)
    row = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))[1]
    assert "'=HYPERLINK" in row[1] and row[3] == "'@SUM(A1)" and row[4].startswith("'+cmd")
    assert row[9] == "+41 22 555 01 02"  # a phone number is no formula: left readable
    vcf = client.get(f"/carnet/{secret}/carnet.vcf").get_data(as_text=True)
    assert "N:Nom\\;Piège;=HYPERLINK(\"http://x\")" in vcf
