from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from kit.services.users import MIN_PASSWORD_CHARS


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Indiquez votre e-mail."))],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Mot de passe"),
                             validators=[DataRequired(_l("Indiquez votre mot de passe."))],
                             render_kw={"autocomplete": "current-password"})


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Indiquez votre e-mail."))],
                       render_kw={"autocomplete": "username"})


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("Nouveau mot de passe"), validators=[
        DataRequired(_l("Choisissez un mot de passe.")),
        Length(min=MIN_PASSWORD_CHARS, max=200,
               message=_l("Au moins %(num)s caractères.", num=MIN_PASSWORD_CHARS))],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Le même, une seconde fois"), validators=[
        EqualTo("password", _l("Les deux mots de passe diffèrent."))],
        render_kw={"autocomplete": "new-password"})


class NewAccountForm(NewPasswordForm):
    """Joining through an invitation without an account yet: a name and a password."""
    name = StringField(_l("Votre nom"), validators=[DataRequired(_l("Indiquez votre nom.")),
                                                     Length(max=120)],
                       render_kw={"autocomplete": "name"})


class NewUserForm(FlaskForm):
    """An administrator creates an account: its owner chooses the password from a mailed link."""
    name = StringField(_l("Nom"), validators=[DataRequired(_l("Indiquez un nom.")),
                                              Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Indiquez un e-mail.")),
                                                 Length(max=254)])


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail de la personne invitée"),
                       validators=[DataRequired(_l("Indiquez un e-mail.")), Length(max=254)])
    role = SelectField(_l("Rôle"), choices=[
        SelectChoice("coorganiser", _l("Co-organisateur·rice : prépare et anime l’atelier")),
        SelectChoice("reviewer", _l("Relecteur·rice : vérifie les lectures et voit les résultats")),
        SelectChoice("owner", _l("Propriétaire : tout, y compris les membres"))])
