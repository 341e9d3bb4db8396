"""The demo workshop: a realistic Hautes-Alpes workshop to try the app (``flask load-demo``)."""
from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from kit.models import User
from kit.services import kits, members, participants, users, workshops
from kit.services.csv_import import parse_participants_csv

DEMO_CSV = Path(__file__).resolve().parent.parent / "demo" / "mob26_participants.csv"
DEMO_USER = {"email": "demo@atelier.local", "name": "Organisatrice démo"}
# the demo password is drawn when the account is created and printed that once (a fixed,
# published password would open any instance that kept the demo account)
DEMO_PASSWORD_BYTES = 9  # 12 URL-safe characters
DEMO_WORKSHOP: dict[str, Any] = {
    "code": "MOB26", "title": "Mobilité douce dans le Grand Briançonnais",
    "theme": "Mobilité douce",
    "place": "Centre des congrès, Briançon",
    "start_time": dt.time(9, 0), "lunch_time": dt.time(12, 30), "end_time": dt.time(17, 0),
    "organiser": "Pôle d'équilibre territorial et rural du Briançonnais, des Écrins, "
                 "du Guillestrois et du Queyras",
    "contact": "mobilite@example.org · 04 92 00 00 00", "blank_packs": 6,
}


# The demo is always "three weeks before": registration is open and the kit is ready to print.
DEMO_WEEKS_AHEAD = 3


def demo_workshop_values(today: dt.date) -> dict:
    day = today + dt.timedelta(weeks=DEMO_WEEKS_AHEAD)
    return {**DEMO_WORKSHOP, "date": day, "registration_opens_on": today - dt.timedelta(days=7),
            "capacity": 40}


def ensure_demo_user() -> tuple[User, str | None]:
    """The demo account, and its new password if it was just created (else None)."""
    user = users.find_user(DEMO_USER["email"])
    if user is not None:
        return user, None
    password = secrets.token_urlsafe(DEMO_PASSWORD_BYTES)
    return users.create_user(DEMO_USER["email"], DEMO_USER["name"], password), password


def account_line(password: str | None) -> str:
    if password is not None:
        return (f"Compte de démonstration : {DEMO_USER['email']} / mot de passe : {password} "
                "(affiché cette seule fois : notez-le)")
    return (f"Compte de démonstration : {DEMO_USER['email']} (déjà présent ; son mot de passe a "
            "été affiché à sa création. Pour en choisir un autre : "
            f".venv/bin/flask --app kit.app set-password {DEMO_USER['email']})")


def load_demo_participants(workshop) -> int:
    result = parse_participants_csv(DEMO_CSV.read_bytes(),
                                    participants.existing_emails(workshop))
    if not result.ok:  # the shipped file is tested; this guards hand edits of it
        raise ValueError("; ".join(issue.message() for issue in result.errors))
    return len(participants.import_rows(workshop, result.rows))


def load_demo(kits_root: str) -> list[str]:
    """Create what is missing and say what was done; a second run changes nothing."""
    user, password = ensure_demo_user()
    lines = [account_line(password)]
    workshop = workshops.get_workshop(DEMO_WORKSHOP["code"])
    if workshop is not None:
        if members.role_of(user, workshop) != "owner":  # a database from before the roles
            members.add_member(workshop, user, "owner")
        lines.append(f"Atelier de démonstration {workshop.code} déjà présent : rien à faire.")
        return lines
    workshop = workshops.create_workshop(demo_workshop_values(dt.date.today()), created_by=user)
    count = load_demo_participants(workshop)
    lines.append(f"Atelier {workshop.code} « {workshop.title} » créé avec {count} participants.")
    lines.append(print_demo_kit(workshop, kits_root))
    return lines


def print_demo_kit(workshop, kits_root: str) -> str:
    try:
        kits.generate_kit(workshop, kits_root)
    except ImportError:  # the renderer is optional for the demo: the page offers the button
        return "Kit non généré : le module d'impression n'est pas disponible."
    return f"Kit imprimé : {len(workshop.cards)} cartes, à télécharger sur la page de l'atelier."
