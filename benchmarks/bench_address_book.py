"""The shared address book after the day (issue 10, point 3): seconds to build the handout PDF
(a link and a QR code per participant) and to mail every participant their link through a
local SMTP server (aiosmtpd, one connection per message, as the app sends), for 40 and 300
participants, on an in-memory SQLite database. Run: `make bench-address-book`.
"""
from __future__ import annotations

import socket
import tempfile
import time

from aiosmtpd.controller import Controller

from kit.app import create_app
from kit.extensions import db
from kit.models import Workshop
from kit.services import address_book, address_book_mail
from kit.services.participants import save_participant
from kit.services.workshops import create_workshop
from printables.address_book_handout import Slip, handout_pdf

SIZES = (40, 300)


class Sink:
    """Accepts every message and counts them."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_workshop(size: int) -> Workshop:
    workshop = create_workshop({"code": f"BENCH{size}", "title": "Mobilité douce"})
    for n in range(size):
        save_participant(workshop, {"first_name": f"Prénom{n}", "last_name": f"Nom{n}",
                                    "email": f"p{n}@example.org", "consent": "participants",
                                    "origin": "preregistered"})
    return workshop


def time_handout(workshop: Workshop) -> tuple[float, int]:
    start = time.perf_counter()
    made = address_book.issue_links(address_book.recipients(workshop), "handout", 180)
    slips = [Slip(new.link.participant.full_name, f"https://ateliers.example.org/carnet/"
                  f"{new.secret}/", "Valable jusqu’au 30 mai 2027") for new in made]
    data = handout_pdf(workshop.title, slips)
    return time.perf_counter() - start, len(data)


def time_mail(workshop: Workshop, sink: Sink) -> tuple[float, int]:
    start = time.perf_counter()
    summary = address_book_mail.send_links(workshop, address_book.recipients(workshop))
    return time.perf_counter() - start, len(summary.sent)


def main() -> None:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    instance = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench",
                      "INSTANCE_PATH": instance, "MAIL_SERVER": "127.0.0.1",
                      "MAIL_PORT": port, "PUBLIC_URL": "https://ateliers.example.org"})
    print("| participants | fiches PDF (s) | taille du PDF (ko) | e-mails (s) | e-mails reçus |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    try:
        with app.test_request_context():
            db.create_all()
            for size in SIZES:
                workshop = make_workshop(size)
                handout_s, pdf_bytes = time_handout(workshop)
                before = sink.count
                mail_s, sent = time_mail(workshop, sink)
                assert sent == size == sink.count - before
                print(f"| {size} | {handout_s:.2f} | {pdf_bytes // 1024} | {mail_s:.2f} "
                      f"| {sink.count - before} |")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
