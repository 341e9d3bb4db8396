"""The public registration form and the pre-diagnostic questionnaire (issue 5).

Every message says what is wrong in plain, polite French; the field's label says where.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, FieldList, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from kit.forms.participants import (
    ACTOR_CHOICES,
    CONSENT_CHOICES,
    TERRITORY_CHOICES,
    check_email,
    check_phone,
    select,
)
from kit.models.participants import CONSENT_KEYS
from kit.services.prediagnostic import CATEGORY_INFO, MAX_ENTRIES_PER_CATEGORY, MAX_ENTRY_CHARS

MIN_ROWS = 3  # empty inputs shown per category: "add another" works without JavaScript
TEXT_LIMITS = {"first_name": 100, "last_name": 100, "structure": 200, "role": 200,
               "commune": 100, "what_i_do": 300, "stakes": 300}


def too_long(limit: int) -> Length:
    return Length(max=limit, message=_l("Trop long : %(max)d caractères au plus."))


def text(label, limit: int, required: bool = False, **kwargs) -> StringField:
    validators = [too_long(limit)]
    if required:
        validators.insert(0, DataRequired(_l("Ce champ est obligatoire.")))
    return StringField(label, validators=validators, **kwargs)


def check_consent(form, field) -> None:
    # one message only (WTForms' own choice check would add "Not a valid choice")
    if field.data not in CONSENT_KEYS:
        raise ValidationError(_l("Choisissez une des trois réponses."))


def contact_fields() -> tuple:
    """The contact fields a person fills in about themself (registration, own address-book
    entry), in their order: phone, structure, role, commune, territory, actor type. Created at
    the call, so a form's field order follows where it calls this."""
    return (StringField(_l("Téléphone"), validators=[Optional(), check_phone],
                        render_kw={"autocomplete": "tel"}),
            text(_l("Structure"), 200, render_kw={"autocomplete": "organization"}),
            text(_l("Rôle / fonction"), 200, render_kw={"autocomplete": "organization-title"}),
            text(_l("Commune"), 100),
            select(_l("Territoire"), TERRITORY_CHOICES),
            select(_l("Vous êtes"), ACTOR_CHOICES))


def consent_field() -> RadioField:
    """The person's own consent choice, as radio buttons (one message when none is chosen)."""
    return RadioField(_l("Mes coordonnées peuvent figurer dans"),
                      choices=[SelectChoice(v, t) for v, t in CONSENT_CHOICES if v],
                      validate_choice=False, validators=[check_consent])


class RegistrationForm(FlaskForm):
    first_name = text(_l("Prénom"), 100, required=True, render_kw={"autocomplete": "given-name"})
    last_name = text(_l("Nom"), 100, required=True, render_kw={"autocomplete": "family-name"})
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(
                _l("Indiquez votre adresse e-mail : elle vous identifie pour cette inscription.")
            ),
            Length(max=254, message=_l("Adresse e-mail trop longue.")),
            check_email,
        ],
        render_kw={"autocomplete": "email"},
    )
    phone, structure, role, commune, territory, actor_type = contact_fields()
    what_i_do = text(_l("Ce que je fais"), 300,
                     description=_l("Imprimé sur votre carte « Qui fait quoi ? »."))
    stakes = text(_l("Mes enjeux sur la thématique"), 300)
    consent = consent_field()
    newsletter = BooleanField(_l("Je souhaite recevoir la lettre d’information"))
    journal_volunteer = BooleanField(_l("Je veux bien aider à écrire le journal de l’atelier"))
    # a field people never see: a bot that fills every input fills it (kit.views.register)
    website = StringField(_l("Ne pas remplir ce champ"),
                          render_kw={"autocomplete": "off", "tabindex": "-1"})
    nonce = HiddenField()

    def values(self) -> dict:
        values = {name: self[name].data for name in (
            "first_name", "last_name", "email", "phone", "structure", "role", "commune",
            "territory", "actor_type", "what_i_do", "stakes", "consent", "newsletter",
            "journal_volunteer")}
        for name in TEXT_LIMITS:
            values[name] = " ".join((values[name] or "").split())
        for name in ("territory", "actor_type"):
            values[name] = values[name] or None
        values["phone"] = values["phone"] or ""
        return values


def check_entry(form, field) -> None:
    length = len(" ".join((field.data or "").split()))
    if length > MAX_ENTRY_CHARS:
        raise ValidationError(_l("Réponse trop longue : %(length)s caractères, %(max)s au plus. "
                                 "Raccourcissez-la ou coupez-la en deux lignes.",
                                 length=length, max=MAX_ENTRY_CHARS))


class QuestionnaireForm(FlaskForm):
    """One list of short entries per category of the diagnostic (fields added below)."""

    def category_fields(self):
        return [(CATEGORY_INFO[key], self[key]) for key in CATEGORY_INFO]

    def entries(self) -> dict[str, list[str]]:
        return {key: [entry.data or "" for entry in self[key]] for key in CATEGORY_INFO}

    def pad(self, extra_for: str | None = None) -> None:
        """At least MIN_ROWS inputs, one empty one after the answers, one more where asked."""
        for key in CATEGORY_INFO:
            rows = self[key]
            filled = sum(1 for entry in rows if (entry.data or "").strip())
            wanted = max(MIN_ROWS, filled + 1) + (1 if key == extra_for else 0)
            while len(rows) < min(wanted, MAX_ENTRIES_PER_CATEGORY):
                rows.append_entry()


for _key, _category in CATEGORY_INFO.items():
    setattr(QuestionnaireForm, _key, FieldList(
        StringField(validators=[check_entry]), label=_l(_category.label),
        max_entries=MAX_ENTRIES_PER_CATEGORY))
