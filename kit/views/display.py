"""Every template helper, registered here and nowhere else: the translated label of a stored
key, a file size, the labels of the review and results pages, the languages offered.

Helpers are pure: a page's data (from the database) is passed by its view, never fetched by a
helper or a context processor."""
from __future__ import annotations

from flask import Flask, request
from flask_babel import get_locale, gettext
from flask_login import current_user

from kit.extensions import db
from kit.forms.groups import STATUS_CHOICES
from kit.forms.workshops import PACK_LABELS
from kit.labels import translated_label
from kit.models import Card, CardReading, Photo, Workshop
from kit.services import kit_jobs, link_qr, members, photos
from kit.services.afternoon_print import table_name, votes_summary
from kit.services.csv_import import Issue
from kit.services.links import public_url_for
from kit.services.results import author_number, named_members
from kit.views.labels import TEMPLATE_GLOBALS


def choice_label(kind: str, key: str | None) -> str:
    return translated_label(kind, key, gettext)


def file_size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return gettext("%(size)s ko", size=max(1, round(size_bytes / 1024)))
    return gettext("%(size)s Mo", size=round(size_bytes / (1024 * 1024), 1))


def group_status_label(status: str) -> str:
    """An action group's status in words (idée, en cours, en pause, réalisé)."""
    return str(dict(STATUS_CHOICES).get(status, status))


def qr_for(url: str) -> link_qr.QrPath:
    """A link's QR code as one SVG path (kit.services.link_qr), e.g. a group's join link."""
    return link_qr.qr_path(url)


def issue_message(issue: Issue) -> str:
    return issue.message(gettext)


# Blueprints whose pages belong to no tab of the main navigation: the home page, signing in, the
# public registration pages, a participant's address book, the action groups' public and
# referent pages. Every other blueprint's pages are a workshop's: the "Ateliers" tab.
UNTABBED_BLUEPRINTS = ("main", "auth", "register", "address_book", "group_pages")


# Blueprints of the pages across workshops (issue 12) -> their tab
CROSS_WORKSHOP_TABS = {"actors": "actors", "network": "network", "territory": "network"}


def current_tab() -> str | None:
    """The main navigation's tab of the page being shown: "new", "workshops", "actors",
    "network" or None."""
    if request.endpoint == "workshops.create":
        return "new"
    if request.blueprint in CROSS_WORKSHOP_TABS:
        return CROSS_WORKSHOP_TABS[request.blueprint]
    if request.blueprint is None or request.blueprint in UNTABBED_BLUEPRINTS:
        return None
    return "workshops"


def can(workshop, need: str) -> bool:
    """In a template: may the logged-in user do ``need`` in ``workshop`` (to hide a link)?"""
    return members.can(current_user, workshop, need)


def photo_message(photo: Photo) -> str:
    return photos.photo_message(photo, gettext)


def kit_message(workshop: Workshop) -> str:
    return kit_jobs.kit_message(workshop, gettext)


def sheet_scanned(card: Card) -> bool:
    """Has a photo of this printed sheet been read (the afternoon groups page)?"""
    return db.session.scalar(db.select(db.func.count()).select_from(CardReading).where(
        CardReading.card_id == card.id)) > 0


def register_template_helpers(app: Flask) -> None:
    for helper in (choice_label, issue_message, group_status_label, qr_for, current_tab, can,
                   public_url_for, photo_message, kit_message, table_name, sheet_scanned,
                   votes_summary, named_members, author_number, *TEMPLATE_GLOBALS):
        app.add_template_global(helper)
    app.jinja_env.globals["pack_labels"] = PACK_LABELS
    app.jinja_env.globals["languages"] = app.config["LANGUAGES"]
    app.jinja_env.globals["role_labels"] = members.ROLE_LABELS
    app.add_template_filter(file_size)
    app.context_processor(lambda: {"current_language": str(get_locale() or "fr")})
