"""Forms of the action groups: the group itself (organiser and referent), news, a join request."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from kit.forms.participants import check_email
from kit.forms.registration import text, too_long
from kit.services.groups import MAX_MESSAGE_CHARS, MAX_NEWS_CHARS, TEXT_LIMITS

STATUS_CHOICES = [("idee", _l("Idée")), ("en_cours", _l("En cours")),
                  ("en_pause", _l("En pause")), ("realise", _l("Réalisé"))]


class GroupForm(FlaskForm):
    title = text(_l("Titre du groupe"), TEXT_LIMITS["title"], required=True)
    needs = TextAreaField(_l("Besoins auxquels il répond"), validators=[too_long(4000)])
    plan = TextAreaField(_l("Ce que le groupe veut faire"), validators=[too_long(4000)])
    first_step = TextAreaField(_l("Premier pas"), validators=[too_long(2000)])
    next_meeting = text(_l("Prochaine rencontre (date, lieu)"), TEXT_LIMITS["next_meeting"])
    status = RadioField(_l("Où en est le groupe"),
                        choices=[SelectChoice(v, t) for v, t in STATUS_CHOICES])
    is_open = BooleanField(_l("Ouvert à de nouveaux membres"))

    def values(self) -> dict:
        return {name: self[name].data for name in (
            "title", "needs", "plan", "first_step", "next_meeting", "status", "is_open")}


class NewsForm(FlaskForm):
    body = TextAreaField(_l("Votre nouvelle"), validators=[
        DataRequired(_l("Écrivez quelques mots.")), too_long(MAX_NEWS_CHARS)])


class JoinForm(FlaskForm):
    name = text(_l("Votre nom"), 200, required=True, render_kw={"autocomplete": "name"})
    email = EmailField(_l("Votre e-mail"), validators=[
        DataRequired(_l("Indiquez votre adresse e-mail : le groupe vous répondra à cette "
                        "adresse.")),
        Length(max=254, message=_l("Adresse e-mail trop longue.")), check_email],
        render_kw={"autocomplete": "email"})
    message = TextAreaField(_l("Un message pour le groupe (facultatif)"),
                            validators=[too_long(MAX_MESSAGE_CHARS)])
    consent = BooleanField(
        _l("J’accepte que la personne référente du groupe me contacte à cette adresse et que "
           "le groupe m’envoie ses nouvelles."),
        validators=[DataRequired(_l("Sans cet accord, le groupe ne peut pas vous répondre."))])
    # a field people never see: a bot that fills every input fills it
    website = StringField(_l("Ne pas remplir ce champ"),
                          render_kw={"autocomplete": "off", "tabindex": "-1"})
