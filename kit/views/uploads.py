"""Photo upload: the organiser's page under the workshop, the volunteers' page at /u/<token>
(no account), the links organisers create and revoke, and the status each page polls.

Files come one per request from kit/static/js/upload.js (progress bars), or all at once from
the plain form without JavaScript; either way each one is stored, queued and answered for.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.extensions import db
from kit.models import Photo, UploadLink, Workshop
from kit.services import kits, link_qr, photo_check, photos, upload_links
from kit.services.links import public_url_for
from kit.tasks import enqueue_photo
from kit.views.common import owned_or_404, workshop_or_404
from printables.photo_card import PhotoCardInfo, photo_card_pdf
from printables.runsheet import runsheet_with_link_pdf

bp = Blueprint("uploads", __name__)
MAX_STATUS_IDS = 200  # one poll never asks for more than a volunteer's batch


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def receive_files(workshop: Workshop, link: UploadLink | None) -> list[dict]:
    """Store and queue every file of the request; one result per file, in order."""
    results: list[dict[str, Any]] = []
    for upload in request.files.getlist("photos"):
        if not upload or not upload.filename:
            continue
        data = upload.read()
        upload.close()  # a large file is spooled to disk: free it now, not at garbage collection
        try:
            stored = photos.store_upload(
                current_app.config["PHOTOS_DIR"],
                workshop,
                upload.filename,
                data,
                link=link,
                user=current_user if current_user.is_authenticated else None,
                quota=link_quota() if link is not None else None,
            )
        except photos.UploadError as error:
            results.append(
                {"filename": upload.filename, "status": "error", "message": error.translated(_)}
            )
            continue
        if stored.is_new:
            enqueue_photo(stored.photo.id)
        photo = db.session.get(Photo, stored.photo.id)
        assert photo is not None  # stored above
        results.append(upload_result(photo, link, upload.filename, stored.is_new))
    return results


def link_quota() -> photos.LinkQuota:
    config = current_app.config
    return photos.LinkQuota(int(config["UPLOAD_LINK_MAX_PHOTOS"]),
                            int(config["UPLOAD_LINK_MAX_MB"]))


def upload_result(photo: Photo, link: UploadLink | None, sent_name: str, is_new: bool) -> dict:
    """One file's answer; a volunteer never learns anything of a photo sent by someone else."""
    if link is not None and photo.upload_link_id != link.id:
        return {"filename": sent_name, "status": "done", "message": "", "cards": 0,
                "duplicate": True}
    return {**photos.photo_status(photo, _), "duplicate": not is_new}


def answer_upload(results: list[dict], back: str):
    if wants_json():
        return jsonify({"photos": results}), (200 if results else 400)
    if not results:
        flash(_("Aucun fichier reçu : choisissez une ou plusieurs photos."), "error")
        return redirect(back)
    for item in results:
        if item.get("duplicate"):
            flash(
                _(
                    "%(name)s : déjà reçue, elle n’est pas traitée une seconde fois.",
                    name=item["filename"],
                ),
                "info",
            )
        elif "id" not in item:  # refused before storage: its message says why
            flash(item["message"], "error")
    received = sum(1 for item in results if "id" in item or item.get("duplicate"))
    flash(ngettext("%(num)s photo reçue.", "%(num)s photos reçues.", received),
          "success" if received else "error")
    ids = ",".join(str(item["id"]) for item in results if "id" in item)
    return redirect(f"{back}?ids={ids}" if ids else back)


def requested_ids() -> list[int]:
    raw = request.args.get("ids", "")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()][:MAX_STATUS_IDS]


def status_json(workshop: Workshop, link: UploadLink | None = None):
    chosen = photos.photos_by_ids(workshop, requested_ids(), link)
    return jsonify(
        {"photos": [photos.photo_status(p, _) for p in chosen],
         "counts": photos.status_counts(chosen)}
    )


# --- organisers ------------------------------------------------------------------------------


@bp.route("/ateliers/<code>/photos/", methods=["GET", "POST"])
@login_required
def index(code: str):
    workshop = workshop_or_404(code)
    if request.method == "POST":
        return answer_upload(receive_files(workshop, None), url_for("uploads.index", code=code))
    listed = photos.list_photos(workshop)
    return render_template(
        "uploads/index.html",
        workshop=workshop,
        photos=listed,
        counts=photos.status_counts(listed),
        status_url=url_for("uploads.status", code=workshop.code),
    )


@bp.get("/ateliers/<code>/photos/statut")
@login_required
def status(code: str):
    return status_json(workshop_or_404(code))


@bp.post("/ateliers/<code>/photos/<int:photo_id>/relancer")
@login_required
def rescan(code: str, photo_id: int):
    photo = photo_or_404(workshop_or_404(code), photo_id)
    photos.requeue(photo)
    enqueue_photo(photo.id)
    flash(
        _(
            "%(name)s remise dans la file : les corrections déjà faites sont gardées.",
            name=photo.filename,
        ),
        "success",
    )
    return redirect(url_for("uploads.index", code=code))


@bp.get("/ateliers/<code>/photos/<int:photo_id>/fichier")
@login_required
def original(code: str, photo_id: int):
    photo = photo_or_404(workshop_or_404(code), photo_id)
    path = photos.photo_path(current_app.config["PHOTOS_DIR"], photo)
    if not path.is_file():  # deleted by the retention purge
        abort(404)
    # always a download, with the type of what was decoded at upload: never rendered inline
    response = send_file(
        path,
        mimetype=photo_check.served_type(photo.stored_name),
        as_attachment=True,
        download_name=photo_check.download_name(photo.filename, photo.stored_name),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def photo_or_404(workshop: Workshop, photo_id: int) -> Photo:
    return owned_or_404(Photo, photo_id, workshop)


@bp.post("/ateliers/<code>/liens")
@login_required
def create_link(code: str):
    workshop = workshop_or_404(code)
    created = upload_links.create_link(workshop, request.form.get("label", ""),
                                       current_app.config["UPLOAD_LINK_DAYS"])
    link = created.link
    # only its hash is stored: this browser keeps the address to show it (kit.views.uploads
    # link_page) until it logs out
    remember_secret(link, created.secret)
    if request.form.get("fiche"):  # one click: a new link, and the sheet that prints it
        return redirect(url_for("uploads.link_runsheet", code=code, link_id=link.id))
    return redirect(url_for("uploads.link_page", code=code, link_id=link.id))


SECRETS_KEY = "upload_link_secrets"  # link id -> its secret, in this organiser's session only
MAX_REMEMBERED = 5


def remember_secret(link: UploadLink, secret: str) -> None:
    """The link's address is known once, at creation: this browser keeps it to show it again
    (the QR code, the A6 card) until it logs out; the database keeps no copy of it."""
    known = dict(session.get(SECRETS_KEY, {}))
    known[str(link.id)] = secret
    session[SECRETS_KEY] = dict(list(known.items())[-MAX_REMEMBERED:])


def remembered_secret(link: UploadLink) -> str | None:
    secret = session.get(SECRETS_KEY, {}).get(str(link.id))
    found = upload_links.find_link(secret) if secret else None
    return secret if found is not None and found.id == link.id else None


def link_of_workshop(workshop: Workshop, link_id: int) -> UploadLink:
    link = upload_links.get_link(workshop, link_id)
    if link is None:
        abort(404)
    return link


@bp.get("/ateliers/<code>/liens/<int:link_id>")
@login_required
def link_page(code: str, link_id: int):
    """The volunteer link in one gesture: the full address with a copy button, a large QR
    code for the projector, its expiry, and the A6 card to print."""
    workshop = workshop_or_404(code)
    link = link_of_workshop(workshop, link_id)
    secret = remembered_secret(link) if link.is_active else None
    url = public_url_for("uploads.volunteer", token=secret) if secret else None
    return render_template("uploads/link.html", workshop=workshop, link=link, url=url,
                           qr=link_qr.qr_path(url) if url else None,
                           usage=photos.link_usage(link), quota=link_quota())


@bp.get("/ateliers/<code>/liens/<int:link_id>/carte-a6.pdf")
@login_required
def link_card(code: str, link_id: int):
    workshop = workshop_or_404(code)
    link = link_of_workshop(workshop, link_id)
    card = link_card_info(workshop, link)
    if card is None:  # another browser, or a revoked link: the link page says why
        return redirect(url_for("uploads.link_page", code=code, link_id=link.id))
    return pdf_download(photo_card_pdf(card), f"{workshop.code}-photographiez-les-murs.pdf")


@bp.get("/ateliers/<code>/liens/<int:link_id>/fiche.pdf")
@login_required
def link_runsheet(code: str, link_id: int):
    """The run-sheet with the link's QR code, then four A6 cards with it: printable only here,
    where the secret is known (the kit, drawn in the background, leaves a square for it)."""
    workshop = workshop_or_404(code)
    link = link_of_workshop(workshop, link_id)
    card = link_card_info(workshop, link)
    if card is None:
        return redirect(url_for("uploads.link_page", code=code, link_id=link.id))
    data = runsheet_with_link_pdf(kits.runsheet_request(workshop), card)
    return pdf_download(data, f"{workshop.code}-deroule-et-lien-photos.pdf")


def link_card_info(workshop: Workshop, link: UploadLink) -> PhotoCardInfo | None:
    """What the A6 card prints, if this browser knows the link's address."""
    secret = remembered_secret(link) if link.is_active else None
    if secret is None:
        return None
    return PhotoCardInfo(
        workshop.title, public_url_for("uploads.volunteer", token=secret),
        expiry_text(link), heading=_("Photographiez les murs"),
        scan_hint=_("Scannez avec l’appareil photo du téléphone, puis envoyez vos photos."))


def pdf_download(data: bytes, filename: str):
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def expiry_text(link: UploadLink) -> str:
    if link.expires_at is None:
        return ""
    return _("Valable jusqu’au %(day)s", day=format_date(link.expires_at.date(), "long"))


@bp.post("/ateliers/<code>/liens/<int:link_id>/revoquer")
@login_required
def revoke_link(code: str, link_id: int):
    workshop = workshop_or_404(code)
    link = upload_links.get_link(workshop, link_id)
    if link is None:
        abort(404)
    upload_links.revoke_link(link)
    flash(_("Lien révoqué : il ne permet plus d’envoyer de photos."), "success")
    return redirect(url_for("workshops.show", code=code))


@bp.errorhandler(413)
def too_large(error):
    message = _(
        "Fichier trop gros : au plus %(size)s Mo par envoi.",
        size=current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024),
    )
    if wants_json():
        return jsonify({"photos": [], "error": message}), 413
    flash(message, "error")
    return redirect(request.path)


# --- volunteers (no account: the secret link is the key) --------------------------------------


def link_or_abort(token: str) -> UploadLink:
    link = upload_links.find_link(token)
    if link is None:
        abort(render_link_error("unknown", 404))
    if not link.is_active:
        abort(render_link_error("expired" if link.revoked_at is None else "revoked", 403))
    return link


def render_link_error(reason: str, status_code: int):
    page = render_template("uploads/link_error.html", reason=reason)
    return current_app.response_class(page, status=status_code)


@bp.route("/u/<token>", methods=["GET", "POST"])
def volunteer(token: str):
    link = link_or_abort(token)
    back = url_for("uploads.volunteer", token=token)
    if request.method == "POST":
        return answer_upload(receive_files(link.workshop, link), back)
    shown = photos.photos_by_ids(link.workshop, requested_ids(), link)
    return render_template(
        "uploads/volunteer.html",
        workshop=link.workshop,
        link=link,
        token=token,
        photos=shown,
        status_url=url_for("uploads.volunteer_status", token=token),
    )


@bp.get("/u/<token>/statut")
def volunteer_status(token: str):
    link = link_or_abort(token)
    return status_json(link.workshop, link)  # a volunteer sees only what this link sent
