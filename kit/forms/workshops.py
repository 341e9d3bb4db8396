from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from printables.kitdata import DEFAULT_PACK

PACK_LABELS = {"identite": _l("Cartes « Qui fait quoi ? »"), "frein": _l("Cartes Frein"),
               "levier": _l("Cartes Levier"), "ressource": _l("Cartes Ressource"),
               "besoin": _l("Cartes Besoin"), "contact": _l("Cartes Contact utile")}
MAX_PER_PACK = 10  # more than that per person is a typo, and a heavy pack to hand out


def pack_field(key: str) -> IntegerField:
    top = 1 if key == "identite" else MAX_PER_PACK  # one identity per person
    return IntegerField(PACK_LABELS[key], default=DEFAULT_PACK[key],
                        validators=[NumberRange(0, top)])


class WorkshopForm(FlaskForm):
    code = StringField(_l("Code court"), validators=[
        DataRequired(), Regexp(r"^[A-Za-z0-9]{2,8}$",
                               message=_l("2 à 8 lettres ou chiffres, sans espace."))],
        description=_l("Imprimé dans chaque QR code, par exemple MOB26."))
    title = StringField(_l("Titre"), validators=[DataRequired(), Length(max=200)])
    theme = StringField(_l("Thématique"), validators=[Length(max=200)])
    date = DateField(_l("Date"), validators=[Optional()])
    place = StringField(_l("Lieu"), validators=[Length(max=200)])
    start_time = TimeField(_l("Début"), validators=[Optional()])
    lunch_time = TimeField(_l("Déjeuner"), validators=[Optional()])
    end_time = TimeField(_l("Fin"), validators=[Optional()])
    organiser = StringField(_l("Organisateur"), validators=[Length(max=200)])
    contact = StringField(_l("Contact"), validators=[Length(max=200)])
    notes = TextAreaField(_l("Notes"))
    registration_opens_on = DateField(_l("Ouverture des inscriptions"), validators=[Optional()],
                                      description=_l("Vide : pas d’inscription en ligne."))
    registration_closes_on = DateField(
        _l("Clôture des inscriptions"),
        validators=[Optional()],
        description=_l("Dernier jour inclus. Vide : la veille de l’atelier."),
    )
    capacity = IntegerField(_l("Nombre de places"), validators=[Optional(), NumberRange(1, 2000)],
                            description=_l("Vide : sans limite. Au-delà : liste d’attente."))
    pack_identite = pack_field("identite")
    pack_frein = pack_field("frein")
    pack_levier = pack_field("levier")
    pack_ressource = pack_field("ressource")
    pack_besoin = pack_field("besoin")
    pack_contact = pack_field("contact")
    blank_packs = IntegerField(_l("Paquets vierges (arrivées sur place)"), default=5,
                               validators=[NumberRange(0, 200)])
    retention_months = IntegerField(
        _l("Conservation des données personnelles (mois après l’atelier)"), default=12,
        validators=[DataRequired(), NumberRange(1, 120)],
        description=_l("Ensuite, « flask purge » efface les personnes, les photos et les images."))
    group_sheets = IntegerField(_l("Fiches « Graine de projet »"), validators=[
        Optional(), NumberRange(0, 100)],
        description=_l("Vide : une pour cinq participants, au moins quatre."))

    def validate_registration_closes_on(self, field) -> None:
        opens = self.registration_opens_on.data
        if field.data and opens and field.data < opens:
            raise ValidationError(_l("La clôture doit venir après l’ouverture des inscriptions."))

    def pack_fields(self):
        return [getattr(self, f"pack_{key}") for key in DEFAULT_PACK]

    def values(self) -> dict:
        skip = {"csrf_token"} | {f"pack_{key}" for key in DEFAULT_PACK}
        values = {name: field.data for name, field in self._fields.items() if name not in skip}
        values["pack_counts"] = {key: getattr(self, f"pack_{key}").data for key in DEFAULT_PACK}
        for name in ("theme", "place", "organiser", "contact", "notes"):
            values[name] = (values[name] or "").strip()
        return values

    def fill_packs(self, pack_counts: dict[str, int]) -> None:
        for key in DEFAULT_PACK:
            getattr(self, f"pack_{key}").data = pack_counts.get(key, 0)
