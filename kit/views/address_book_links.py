"""The organisers' side of the shared address book: every participant's personal link, mailed in
one batch (with its summary) or printed on a handout, and revoked when needed."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import login_required

from kit.models import AddressBookLink
from kit.services import address_book, address_book_mail, mail
from kit.services.links import public_url_for
from kit.views.common import EDIT, RESULTS, workshop_or_404
from printables.address_book_handout import HandoutTexts, Slip, handout_pdf

bp = Blueprint("address_book_links", __name__)
PREFIX = "/ateliers/<code>/resultats/carnet-partage"


@bp.get(f"{PREFIX}/")
@login_required
def links(code: str):
    workshop = workshop_or_404(code, RESULTS)
    people = address_book.recipients(workshop)
    return render_template("address_book/links.html", workshop=workshop, people=people,
                           latest=address_book.latest_links(workshop),
                           shared_count=len(address_book.shared_people(workshop)),
                           mail_configured=mail.is_configured(current_app.config),
                           days=address_book_mail.link_days())


@bp.post(f"{PREFIX}/envoyer")
@login_required
def send(code: str):
    """Mail every participant with an e-mail a new link; the page then sums it up."""
    workshop = workshop_or_404(code, EDIT)
    summary = address_book_mail.send_links(workshop, address_book.recipients(workshop))
    if summary.not_configured:
        flash(_("Aucun serveur d’envoi d’e-mails n’est configuré : imprimez plutôt les fiches."),
              "error")
    else:
        flash(_("Envoi terminé : %(sent)s sur %(total)s, %(failed)s, %(none)s sans adresse "
                "e-mail.",
                sent=ngettext("%(num)s e-mail envoyé", "%(num)s e-mails envoyés",
                              len(summary.sent)),
                total=ngettext("%(num)s personne", "%(num)s personnes", summary.total),
                failed=ngettext("%(num)s échec", "%(num)s échecs", len(summary.failed)),
                none=len(summary.no_email)),
              "success" if not summary.failed else "error")
        if summary.failed:
            flash(_("Non envoyés : %(names)s", names=", ".join(summary.failed)), "error")
    return redirect(url_for("address_book_links.links", code=code))


def expiry_text(link: AddressBookLink) -> str:
    if link.expires_at is None:
        return ""
    return _("Valable jusqu’au %(day)s", day=format_date(link.expires_at.date(), "long"))


@bp.post(f"{PREFIX}/fiches.pdf")
@login_required
def handout(code: str):
    """A new printed link per participant (their previous printed one stops working)."""
    workshop = workshop_or_404(code, EDIT)
    made = address_book.issue_links(address_book.recipients(workshop), "handout",
                                    address_book_mail.link_days())
    slips = [Slip(slip_name(new.link.participant),
                  public_url_for("address_book.book", token=new.secret), expiry_text(new.link))
             for new in made]
    texts = HandoutTexts(
        heading=_("Le carnet d’adresses de l’atelier"),
        scan_hint=_("Scannez avec l’appareil photo du téléphone, ou tapez l’adresse :"),
        body=_("Vous y trouverez les personnes qui ont accepté de partager leurs coordonnées "
               "avec les participants. Vous pouvez corriger votre fiche ou vous retirer du "
               "carnet. Ce lien est personnel : ne le transmettez pas."))
    data = handout_pdf(workshop.title, slips, texts)
    filename = f"{workshop.code}-carnet-fiches.pdf"
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def slip_name(person) -> str:
    number = _("n° %(number)s", number=person.number) if person.number else ""
    return " · ".join(part for part in (number, person.full_name) if part)


@bp.post(f"{PREFIX}/revoquer")
@login_required
def revoke(code: str):
    """Revoke one participant's links (``pid``), or everyone's (no ``pid``)."""
    workshop = workshop_or_404(code, EDIT)
    person_id = request.form.get("pid", type=int) or 0
    count = address_book.revoke_person(workshop, person_id)
    if not count:
        flash(_("Aucun lien à révoquer."), "info")
    else:
        flash(ngettext("%(num)s lien révoqué : il n’ouvre plus le carnet.",
                       "%(num)s liens révoqués : ils n’ouvrent plus le carnet.", count), "success")
    return redirect(url_for("address_book_links.links", code=code))
