"""Action groups without an account: the public page of a group and its join form
(``/groupes/<public_id>``, once the restitution is published), and the referent's page behind
their personal link (``/groupe-referent/<secret>``): update the group, accept or decline the
people who asked to join, post news that is mailed to the members."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from kit.extensions import limiter
from kit.forms.groups import GroupForm, JoinForm, NewsForm
from kit.models import ActionGroup, ReferentLink
from kit.services import group_links, group_mail, group_pages, groups, link_qr, mail
from kit.services.links import public_url_for

bp = Blueprint("group_pages", __name__)
REFERENT = "/groupe-referent/<token>"


def join_limit() -> str:
    return current_app.config["JOIN_RATE_LIMIT"]


def public_group_or_404(public_id: str) -> ActionGroup:
    group = group_pages.find_public(public_id)
    if group is None:
        abort(404)
    return group


def join_url(group: ActionGroup) -> str:
    return public_url_for("group_pages.join", public_id=group.public_id)


@bp.get("/groupes/<public_id>")
def page(public_id: str):
    group = public_group_or_404(public_id)
    return render_template("group_pages/page.html", group=group, workshop=group.workshop,
                           view=group_pages.public_view(group), join_url=join_url(group),
                           qr=link_qr.qr_path(join_url(group)))


@bp.route("/groupes/<public_id>/rejoindre", methods=["GET", "POST"])
@limiter.limit(join_limit, methods=["POST"])
def join(public_id: str):
    group = public_group_or_404(public_id)
    form = JoinForm()
    if form.is_submitted() and form.website.data:  # a bot: nothing stored, nothing said
        return render_template("group_pages/joined.html", group=group, workshop=group.workshop)
    if group.is_open and form.validate_on_submit():
        member = groups.request_join(group, form.name.data, form.email.data, form.message.data)
        if member.state == "requested" and member.decided_at is None:
            group_mail.notify_request(group, member)
        return render_template("group_pages/joined.html", group=group, workshop=group.workshop)
    return render_template("group_pages/join.html", group=group, workshop=group.workshop,
                           form=form)


def referent_link_or_404(token: str) -> ReferentLink:
    """A live link (unknown, expired or revoked: the page says the link no longer works)."""
    link = group_links.find_active_link(token)
    if link is None:
        abort(make_response(render_template("group_pages/link_error.html"), 404))
    return link


@bp.get(REFERENT)
def referent(token: str):
    link = referent_link_or_404(token)
    group_links.touch(link)
    group = link.group
    return render_referent(group, token, GroupForm(data={
        name: getattr(group, name) for name in (
            "title", "needs", "plan", "first_step", "next_meeting", "status", "is_open")}),
        NewsForm(formdata=None))


def render_referent(group: ActionGroup, token: str, form: GroupForm, news_form: NewsForm):
    return render_template(
        "group_pages/referent.html", group=group, workshop=group.workshop, token=token,
        form=form, news_form=news_form, display_name=groups.display_name,
        requests=group_pages.members_in(group, "requested"),
        members=group_pages.members_in(group, "member"),
        recipients=len(group_pages.news_recipients(group)),
        mail_configured=mail.is_configured(current_app.config),
        public_url=public_url_for("group_pages.page", public_id=group.public_id))


@bp.post(REFERENT)
def referent_update(token: str):
    group = referent_link_or_404(token).group
    form = GroupForm()
    if not form.validate():
        return render_referent(group, token, form, NewsForm(formdata=None)), 400
    groups.update_group(group, form.values(), by_referent=True)
    flash(_("Groupe mis à jour."), "success")
    return redirect(url_for("group_pages.referent", token=token))


@bp.post(f"{REFERENT}/nouvelles")
def post_news(token: str):
    group = referent_link_or_404(token).group
    news_form = NewsForm()
    if not news_form.validate():
        form = GroupForm(formdata=None, data={"title": group.title, "status": group.status})
        return render_referent(group, token, form, news_form), 400
    news = groups.post_news(group, news_form.body.data)
    mailing = group_mail.mail_news(group, news)
    flash(news_message(mailing), "success" if mailing.failed == 0 else "error")
    return redirect(url_for("group_pages.referent", token=token, _anchor="nouvelles"))


def news_message(mailing: group_mail.Mailing) -> str:
    if mailing.status == "not_configured":
        return _("Nouvelle publiée. Aucun serveur d’e-mail n’est configuré : les membres ne "
                 "l’ont pas reçue par e-mail.")
    if mailing.status == "nobody":
        return _("Nouvelle publiée. Aucun membre n’a d’adresse e-mail.")
    if mailing.status == "queued":
        return _("Nouvelle publiée ; les e-mails aux membres partent dans quelques instants.")
    sent = ngettext("%(num)s membre", "%(num)s membres", mailing.sent)
    if not mailing.failed:
        return _("Nouvelle publiée et envoyée à %(sent)s.", sent=sent)
    return _("Nouvelle publiée et envoyée à %(sent)s ; %(failed)s.", sent=sent,
             failed=ngettext("%(num)s envoi en échec", "%(num)s envois en échec", mailing.failed))


@bp.post(f"{REFERENT}/demandes")
def decide(token: str):
    group = referent_link_or_404(token).group
    member = groups.member_of(group, request.form.get("member_id", type=int))
    if member is None or member.state != "requested":
        abort(404)
    accept = request.form.get("action") == "accept"
    groups.decide_request(member, accept)
    flash(_("%(name)s fait maintenant partie du groupe.", name=member.name) if accept
          else _("Demande de %(name)s refusée.", name=member.name), "success")
    return redirect(url_for("group_pages.referent", token=token, _anchor="demandes"))
