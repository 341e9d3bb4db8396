from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from kit.labels import ORIGINS
from kit.services.values import ValueProblem, parse_email, parse_phone
from printables.labels import ACTOR_TYPES, CONSENTS, TERRITORIES


def lazy_choices(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, LazyString]]:
    """(key, French label) pairs of kit.labels as choices translated when the form is shown."""
    return [(key, _l(label)) for key, label in pairs]


TERRITORY_CHOICES = [("", _l("Non renseigné")), *lazy_choices(TERRITORIES)]
ACTOR_CHOICES = [("", _l("Non renseigné")), *lazy_choices(ACTOR_TYPES)]
CONSENT_CHOICES = [("", _l("Pas encore demandé (rien n'est partagé)")), *lazy_choices(CONSENTS)]
ORIGIN_CHOICES = lazy_choices(ORIGINS)


def select(label, choices) -> SelectField:
    return SelectField(label, choices=[SelectChoice(value, text) for value, text in choices])


def check_email(form, field) -> None:
    try:
        field.data = parse_email(field.data or "")
    except ValueProblem:
        raise ValidationError(_l("Adresse e-mail invalide.")) from None


def check_phone(form, field) -> None:
    try:
        field.data = parse_phone(" ".join((field.data or "").split()))
    except ValueProblem:
        raise ValidationError(_l("Numéro de téléphone invalide.")) from None


class ParticipantForm(FlaskForm):
    first_name = StringField(_l("Prénom"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Nom"), validators=[DataRequired(), Length(max=100)])
    structure = StringField(_l("Structure"), validators=[Length(max=200)])
    role = StringField(_l("Rôle / fonction"), validators=[Length(max=200)])
    commune = StringField(_l("Commune"), validators=[Length(max=100)])
    territory = select(_l("Territoire"), TERRITORY_CHOICES)
    actor_type = select(_l("Type d'acteur"), ACTOR_CHOICES)
    email = EmailField(_l("E-mail"), validators=[Optional(), check_email])
    phone = StringField(_l("Téléphone"), validators=[Optional(), check_phone])
    consent = select(_l("Consentement"), CONSENT_CHOICES)
    newsletter = BooleanField(_l("Recevoir la lettre d'information"))
    journal_volunteer = BooleanField(_l("Bénévole pour le journal"))
    origin = select(_l("Origine"), ORIGIN_CHOICES)

    def values(self) -> dict:
        values = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        for name in ("territory", "actor_type", "consent", "email"):
            values[name] = values[name] or None
        for name in ("first_name", "last_name", "structure", "role", "commune", "phone"):
            values[name] = " ".join((values[name] or "").split())
        return values


class ImportUploadForm(FlaskForm):
    file = FileField(_l("Fichier CSV"), validators=[FileRequired(_l("Choisissez un fichier."))])


class ImportConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
