"""The live wall for a projector: the page, the JSON it polls (static/js/wall.js) and the
images of the cards. Organiser members only (VIEW); the JSON holds confirmed text only."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, render_template, url_for
from flask_login import login_required
from werkzeug.security import safe_join

from kit.models import Card, Workshop
from kit.services import wall, wall_images
from kit.views.common import VIEW, owned_or_404, workshop_or_404
from kit.views.labels import section_label
from kit.views.review import images_dir
from printables.payload import spec_of

bp = Blueprint("wall", __name__, url_prefix="/ateliers/<code>/mur")
POLL_SECONDS = 4  # the page asks again this often; a photo takes seconds to digitise anyway


@bp.get("")
@login_required
def index(code: str):
    workshop = workshop_or_404(code, VIEW)
    return render_template("wall/index.html", workshop=workshop, poll_seconds=POLL_SECONDS,
                           wall=wall.read_wall(workshop))


@bp.get("/etat.json")
@login_required
def state(code: str):
    workshop = workshop_or_404(code, VIEW)
    response = wall_json(workshop, wall.read_wall(workshop))
    return response, 200, {"Cache-Control": "no-store"}


def wall_json(workshop: Workshop, found: wall.Wall) -> dict:
    """The shape README documents ("Le mur en direct"); names are a contract."""
    return {"workshop": workshop.code,
            "counts": {"photos_waiting": found.photos_waiting, "cards_shown": found.cards_shown},
            "columns": [{"zone": column.zone, "title": section_label(column.type_key),
                         "clusters": [cluster_json(workshop, c) for c in column.clusters]}
                        for column in found.columns]}


def cluster_json(workshop: Workshop, cluster: wall.WallCluster) -> dict:
    return {"key": cluster.key, "name": cluster.name or None, "votes": cluster.votes,
            "cards": [card_json(workshop, card) for card in cluster.cards]}


def card_json(workshop: Workshop, card: wall.WallCard) -> dict:
    text = card.shown_text
    image = None
    if not text and card.image_name:
        # the name changes with a better view: a new address, so the browser fetches it again
        image = url_for("wall.card_image", code=workshop.code, wall_card_id=card.card_id,
                        v=card.image_name.rsplit("/", 1)[-1])
    return {"code": card.code, "text": text or None, "image": image, "votes": card.votes,
            "votes_pending": card.votes_pending, "votes_unreadable": card.votes_unreadable}


@bp.get("/cartes/<int:wall_card_id>/image")
@login_required
def card_image(code: str, wall_card_id: int):
    """What is written on one wall card, never the rest of it (a contact's name, a number)."""
    workshop = workshop_or_404(code, VIEW)
    shown = wall.shown_card(workshop, owned_or_404(Card, wall_card_id, workshop).id)
    if shown is None or not shown.image_name:
        abort(404)
    path = safe_join(str(images_dir(workshop)), shown.image_name)
    if path is None or not Path(path).is_file():
        abort(404)
    if shown.image_is_writing:
        data = wall_images.writing_png(Path(path))
    else:  # no crop of the text box: cut it out of the rectified card
        data = wall_images.text_box_png(Path(path), spec_of(shown.code))
    return Response(data, mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})
