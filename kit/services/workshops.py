"""Workshops: create, edit, look up."""
from __future__ import annotations

from sqlalchemy import func, select

from kit.extensions import db
from kit.i18n import N_, TranslatableError
from kit.models import Membership, Participant, User, Workshop
from kit.models.base import utc_now
from printables.kitdata import pack_slots
from printables.payload import WORKSHOP_CODE_RE

EDITABLE_FIELDS = ("code", "theme", "title", "date", "place", "start_time", "lunch_time",
                   "end_time", "organiser", "contact", "notes", "pack_counts", "blank_packs",
                   "group_sheets", "registration_opens_on", "registration_closes_on", "capacity")


class WorkshopError(TranslatableError):
    """A workshop refused as given; worded in French, translated by the view."""


def get_workshop(code: str) -> Workshop | None:
    return db.session.scalars(select(Workshop).where(Workshop.code == code.upper())).first()


def list_workshops() -> list[Workshop]:
    query = select(Workshop).order_by(Workshop.date.desc().nulls_last(), Workshop.code)
    return list(db.session.scalars(query))


def participant_counts() -> dict[int, int]:
    query = select(Participant.workshop_id, func.count()).group_by(Participant.workshop_id)
    return {workshop_id: count for workshop_id, count in db.session.execute(query)}


def check_values(values: dict, workshop: Workshop | None) -> None:
    code = values.get("code", workshop.code if workshop else "")
    if not WORKSHOP_CODE_RE.match(code):
        raise WorkshopError(N_("Le code doit compter de 2 à 8 lettres majuscules ou chiffres."))
    other = get_workshop(code)
    if other is not None and other is not workshop:
        raise WorkshopError(N_("Le code %(code)s est déjà pris."), code=code)
    if workshop is not None and code != workshop.code and workshop.has_cards:
        raise WorkshopError(N_("Le code ne peut plus changer : des cartes ont déjà été "
                               "imprimées."))
    pack_slots(values.get("pack_counts", {}))  # raises ValueError on an unknown card type


def create_workshop(values: dict, created_by: User | None = None) -> Workshop:
    values = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    values["code"] = values.get("code", "").strip().upper()
    check_values(values, None)
    workshop = Workshop(**values, created_by=created_by)
    db.session.add(workshop)
    if created_by is not None:  # the creator is the first owner
        db.session.add(Membership(workshop=workshop, user=created_by, role="owner"))
    db.session.commit()
    return workshop


def update_workshop(workshop: Workshop, values: dict) -> Workshop:
    values = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if "code" in values:
        values["code"] = values["code"].strip().upper()
    check_values(values, workshop)
    for key, value in values.items():
        setattr(workshop, key, value)
    db.session.commit()
    return workshop


def may_publish(workshop: Workshop, user: User) -> bool:
    """Publishing the restitution is an owner's decision (kit.services.members)."""
    from kit.services.members import MANAGE, can  # members imports this module's models only

    return can(user, workshop, MANAGE)


def set_published(workshop: Workshop, user: User, published: bool) -> None:
    """Publish (or withdraw) the public restitution; an ``PermissionError`` for a non-owner."""
    if not may_publish(workshop, user):
        raise PermissionError(user.id)
    workshop.restitution_published_at = utc_now() if published else None
    workshop.restitution_published_by_id = user.id if published else None
    db.session.commit()
