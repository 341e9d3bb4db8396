"""The shared address book as a participant sees it, through their personal link (no account):
the people who agreed to share with participants, vCard and CSV, their own entry to correct,
and withdrawing from the book."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kit.forms.address_book import OwnEntryForm
from kit.forms.participants import ACTOR_CHOICES, TERRITORY_CHOICES
from kit.models import AddressBookLink
from kit.services import address_book, exports
from kit.views.address_book_links import expiry_text
from kit.views.display import choice_label
from kit.views.results import export_args, read_filters, send_export

bp = Blueprint("address_book", __name__)
PREFIX = "/carnet/<token>"
ENTRY_ERRORS = {"email_taken": _l("Cette adresse e-mail est déjà celle d’une autre personne de "
                                 "l’atelier.")}


def link_or_error(token: str) -> AddressBookLink:
    """The active link of ``token``; an unknown one is "not found", an old one says why."""
    link = address_book.find_link(token)
    if link is None:
        abort(404)
    if not link.is_active or link.participant.erased_at is not None:
        abort(make_response(render_template("address_book/inactive.html", link=link,
                                            workshop=link.workshop), 410))
    return link


def render_book(link: AddressBookLink, token: str, form: OwnEntryForm | None = None):
    person, workshop = link.participant, link.workshop
    form = form or OwnEntryForm(obj=person, formdata=None)
    filters = read_filters()
    return render_template("address_book/book.html", link=link, token=token, person=person,
                           workshop=workshop, form=form, filters=filters,
                           people=address_book.shared_people(workshop, filters),
                           shared=address_book.is_shared(person),
                           territories=TERRITORY_CHOICES, actors=ACTOR_CHOICES,
                           export_args=export_args(filters), expires=expiry_text(link))


@bp.get(f"{PREFIX}/")
def book(token: str):
    return render_book(link_or_error(token), token)


@bp.get(f"{PREFIX}/carnet.vcf")
def vcard(token: str):
    workshop = link_or_error(token).workshop
    people = address_book.shared_people(workshop, read_filters())
    return send_export(exports.export_vcards(workshop, people, choice_label))


@bp.get(f"{PREFIX}/carnet.csv")
def csv(token: str):
    workshop = link_or_error(token).workshop
    people = address_book.shared_people(workshop, read_filters())
    return send_export(exports.export_address_book_csv(workshop, people, "partage",
                                                       choice_label))


@bp.post(f"{PREFIX}/ma-fiche")
def edit_entry(token: str):
    link = link_or_error(token)
    form = OwnEntryForm()
    if not form.validate():
        return render_book(link, token, form), 422
    try:
        address_book.update_entry(link.participant, form.values())
    except address_book.EntryError as error:
        form.email.errors = [str(ENTRY_ERRORS[error.code])]
        return render_book(link, token, form), 422
    flash(_("Votre fiche est enregistrée."), "success")
    return redirect(url_for("address_book.book", token=token) + "#ma-fiche")


@bp.post(f"{PREFIX}/retrait")
def withdraw(token: str):
    link = link_or_error(token)
    address_book.withdraw(link.participant)
    flash(_("Vous êtes retiré·e du carnet : plus personne ne voit vos coordonnées."), "success")
    return redirect(url_for("address_book.book", token=token) + "#ma-fiche")
