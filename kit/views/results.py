"""Results: the address book, the diagnostic, the project seeds, their exports, and the
public restitution (no login: it only holds what people agreed to make public)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.extensions import config_limit, limiter
from kit.forms.participants import ACTOR_CHOICES, TERRITORY_CHOICES
from kit.models import Workshop
from kit.services import board, exports, group_pages, members, report, results, workshops
from kit.services import restitution as restitution_service
from kit.services.links import public_url_for
from kit.views.common import EDIT, MANAGE, RESULTS, public_workshop_or_404, workshop_or_404
from kit.views.display import choice_label
from kit.views.labels import section_label

bp = Blueprint("results", __name__)
PREFIX = "/ateliers/<code>/resultats"
# the page's "vue" parameter -> whose eyes the address book is shown for
VIEWS = {"organisateurs": "organisers", "partagee": "participants"}


def read_filters() -> results.Filters:
    territories = {key for key, _ in TERRITORY_CHOICES}
    actors = {key for key, _ in ACTOR_CHOICES}
    territory = request.args.get("territoire", "")
    actor_type = request.args.get("acteur", "")
    return results.Filters(text=request.args.get("q", "").strip(),
                           territory=territory if territory in territories else "",
                           actor_type=actor_type if actor_type in actors else "")


def send_export(export: exports.Export) -> Response:
    filename, content_type, data = export
    return Response(data, content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get(f"{PREFIX}/carnet")
@login_required
def address_book(code: str):
    workshop = workshop_or_404(code, RESULTS)
    everyone = members.can(current_user, workshop, EDIT)
    view = request.args.get("vue", "organisateurs" if everyone else "partagee")
    # a reviewer sees what participants see: people who consented, never everyone's details
    audience = VIEWS.get(view, "organisers") if everyone else "participants"
    filters = read_filters()
    people = results.address_book(workshop, audience, filters)
    return render_template("results/address_book.html", workshop=workshop, filters=filters,
                           audience=audience, people=people, territories=TERRITORY_CHOICES,
                           reasons=results.contact_reasons(workshop),
                           actors=ACTOR_CHOICES, export_args=export_args(filters),
                           everyone=everyone)


def export_args(filters: results.Filters) -> dict:
    args = {"q": filters.text, "territoire": filters.territory, "acteur": filters.actor_type}
    return {key: value for key, value in args.items() if value}


@bp.get(f"{PREFIX}/carnet.vcf")
@login_required
def address_book_vcard(code: str):
    """Shared with participants: only those whose consent allows it."""
    workshop = workshop_or_404(code, RESULTS)
    people = results.address_book(workshop, "participants", read_filters())
    return send_export(exports.export_vcards(workshop, people, choice_label))


@bp.get(f"{PREFIX}/carnet-partage.csv")
@login_required
def address_book_csv(code: str):
    workshop = workshop_or_404(code, RESULTS)
    people = results.address_book(workshop, "participants", read_filters())
    return send_export(exports.export_address_book_csv(workshop, people, "partage", choice_label))


@bp.get(f"{PREFIX}/carnet-interne.csv")
@login_required
def address_book_internal_csv(code: str):
    """Everyone, for the organisers' own follow-up: never to be passed on. Owners and
    co-organisers only: a reviewer gets no one's details beyond what they consented to share."""
    workshop = workshop_or_404(code, EDIT)
    people = results.address_book(workshop, "organisers", read_filters())
    return send_export(exports.export_address_book_csv(workshop, people, "interne", choice_label))


def results_audience(workshop: Workshop) -> str:
    """Whose eyes the diagnostic and the seeds are shown for: a reviewer sees what
    participants see (people named only when they consented), the organisers everyone."""
    return "organisers" if members.can(current_user, workshop, EDIT) else "participants"


@bp.get(f"{PREFIX}/etat-des-lieux")
@login_required
def diagnostic(code: str):
    workshop = workshop_or_404(code, RESULTS)
    needs = results.needs(workshop)
    return render_template("results/diagnostic.html", workshop=workshop,
                           sections=results.diagnostic(workshop), needs=needs,
                           named=results.consenting_numbers(workshop,
                                                            results_audience(workshop)),
                           needs_chart=board.needs_chart(needs, _),
                           confirmed_only=request.args.get("confirmes") == "1")


@bp.get(f"{PREFIX}/etat-des-lieux.csv")
@login_required
def diagnostic_csv(code: str):
    workshop = workshop_or_404(code, RESULTS)
    return send_export(exports.export_diagnostic_csv(workshop, section_label,
                                                     results_audience(workshop)))


@bp.get(f"{PREFIX}/etat-des-lieux.json")
@login_required
def diagnostic_json(code: str):
    workshop = workshop_or_404(code, RESULTS)
    return send_export(exports.export_diagnostic_json(workshop, results_audience(workshop)))


@bp.get(f"{PREFIX}/graines")
@login_required
def seeds(code: str):
    workshop = workshop_or_404(code, RESULTS)
    return render_template("results/seeds.html", workshop=workshop,
                           seeds=results.seeds(workshop),
                           named=results.consenting_numbers(workshop,
                                                            results_audience(workshop)))


def render_restitution(workshop: Workshop, preview: bool):
    """The public page, or its preview: exactly what the public sees (public consent only,
    confirmed values only), with the state and the owner's switch above it."""
    r = restitution_service.build_restitution(workshop, "public", _, section_label,
                                              seed_joins(workshop))
    return render_template("results/restitution.html", workshop=workshop, preview=preview,
                           may_publish=preview and workshops.may_publish(workshop, current_user),
                           r=r, joins=seed_joins(workshop))


def seed_joins(workshop: Workshop) -> dict[int, group_pages.Join]:
    """Each seed's "how to join" block: its action group's public link (issue 10, point 4)."""
    return group_pages.seed_joins(
        workshop, lambda pid: public_url_for("group_pages.join", public_id=pid),
        lambda pid: public_url_for("group_pages.page", public_id=pid))


@bp.get(f"{PREFIX}/tableau")
@login_required
def board_page(code: str):
    """The wall as people saw it, for the team: every card (values to check flagged)."""
    workshop = workshop_or_404(code, RESULTS)
    r = restitution_service.build_restitution(workshop, "organisers", _, section_label)
    return render_template("results/board.html", workshop=workshop, r=r)


@bp.post(f"{PREFIX}/tableau/regroupement")
@login_required
def name_cluster(code: str):
    workshop = workshop_or_404(code, EDIT)
    if not board.name_cluster(workshop, request.form.get("cluster", ""),
                              request.form.get("name", "")):
        abort(404)
    flash(_("Nom du regroupement enregistré."), "success")
    return redirect(url_for("results.board_page", code=code))


def send_report(workshop: Workshop, audience: str) -> Response:
    r = restitution_service.build_restitution(workshop, audience, _, section_label,
                                              seed_joins(workshop))
    return send_export(report.render_report(workshop, r, _, section_label))


@bp.get(f"{PREFIX}/compte-rendu.pdf")
@login_required
def report_pdf(code: str):
    """For the team to pass on to participants (shared consent), or with ?public=1 the
    public version, as the published restitution offers it."""
    workshop = workshop_or_404(code, RESULTS)
    return send_report(workshop, "public" if request.args.get("public") == "1" else "participants")


@bp.get("/restitution/<code>/compte-rendu.pdf")
@limiter.limit(config_limit("PUBLIC_REPORT_RATE_LIMIT"))
def public_report_pdf(code: str):
    """Public once published: public consent only, no contact details."""
    workshop: Workshop = public_workshop_or_404(code)
    if not workshop.is_published:
        abort(404)
    return send_report(workshop, "public")


@bp.get("/restitution/<code>")
def restitution(code: str):
    """Public, no login: only once an owner has published it (a draft is "not found")."""
    workshop: Workshop = public_workshop_or_404(code)
    if not workshop.is_published:
        abort(404)
    return render_restitution(workshop, preview=False)


@bp.get(f"{PREFIX}/restitution")
@login_required
def restitution_preview(code: str):
    """The members' preview: exactly the public page, with its state and the owner's switch."""
    return render_restitution(workshop_or_404(code, RESULTS), preview=True)


@bp.post(f"{PREFIX}/restitution")
@login_required
def publish_restitution(code: str):
    workshop = workshop_or_404(code, MANAGE)
    publish = request.form.get("action") == "publish"
    try:
        workshops.set_published(workshop, current_user, publish)
    except PermissionError:
        abort(403)
    flash(_("Restitution publiée : elle est visible par tous à son adresse.") if publish else
          _("Restitution retirée : son adresse publique ne montre plus rien."), "success")
    return redirect(url_for("results.restitution_preview", code=code))
