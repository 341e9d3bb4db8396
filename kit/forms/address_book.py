"""The form of a participant's own entry in the shared address book (issue 10, point 3)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import Length, Optional

from kit.forms.participants import check_email
from kit.forms.registration import TEXT_LIMITS, consent_field, contact_fields, text

ENTRY_FIELDS = ("first_name", "last_name", "structure", "role", "commune", "territory",
                "actor_type", "email", "phone", "consent")


class OwnEntryForm(FlaskForm):
    first_name = text(_l("Prénom"), 100, required=True, render_kw={"autocomplete": "given-name"})
    last_name = text(_l("Nom"), 100, required=True, render_kw={"autocomplete": "family-name"})
    email = EmailField(_l("E-mail"), validators=[
        Optional(), Length(max=254, message=_l("Adresse e-mail trop longue.")), check_email],
        render_kw={"autocomplete": "email"})
    phone, structure, role, commune, territory, actor_type = contact_fields()
    consent = consent_field()

    def values(self) -> dict:
        values = {name: self[name].data for name in ENTRY_FIELDS}
        for name in TEXT_LIMITS:
            if name in values:
                values[name] = " ".join((values[name] or "").split())
        for name in ("territory", "actor_type"):
            values[name] = values[name] or None
        values["phone"] = values["phone"] or ""
        return values
