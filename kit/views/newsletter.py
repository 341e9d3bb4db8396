"""Newsletter and journal: who ticked the newsletter and the journal, as CSV for mailing tools
(owners and co-organisers: the lists hold people whatever their address-book consent), and a
draft article for the journal from the published restitution (no one's name: results role)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import login_required

from kit.models import Workshop
from kit.services import journal, newsletter
from kit.views.common import EDIT, RESULTS, workshop_or_404
from kit.views.results import seed_joins, send_export

bp = Blueprint("newsletter", __name__)
PREFIX = "/ateliers/<code>/resultats"


@bp.get(f"{PREFIX}/lettre-et-journal")
@login_required
def lists(code: str):
    workshop = workshop_or_404(code, EDIT)
    return render_template("newsletter/lists.html", workshop=workshop,
                           readers=newsletter.subscribers(workshop, "newsletter"),
                           volunteers=newsletter.subscribers(workshop, "journal"),
                           columns=newsletter.NEWSLETTER_COLUMNS)


@bp.get(f"{PREFIX}/lettre-information.csv")
@login_required
def newsletter_csv(code: str):
    return send_export(newsletter.export_list_csv(workshop_or_404(code, EDIT), "newsletter"))


@bp.get(f"{PREFIX}/benevoles-journal.csv")
@login_required
def journal_csv(code: str):
    return send_export(newsletter.export_list_csv(workshop_or_404(code, EDIT), "journal"))


@bp.get(f"{PREFIX}/article-journal")
@login_required
def article(code: str):
    """The draft, shown as HTML with its Markdown beside; only once the restitution is out."""
    workshop = workshop_or_404(code, RESULTS)
    if not workshop.is_published:
        return render_template("newsletter/article_page.html", workshop=workshop, article=None)
    draft = build_article(workshop)
    return render_template("newsletter/article_page.html", workshop=workshop, article=draft,
                           markdown=journal.article_markdown(draft),
                           figures=journal.figure_texts(draft.figures))


def build_article(workshop: Workshop) -> journal.Article:
    """The draft, with each open action group's join link (kit.views.results.seed_joins)."""
    joins = {card_id: join.url for card_id, join in seed_joins(workshop).items()}
    return journal.build_article(workshop, joins)


def unpublished(workshop):
    """No draft before the restitution is out: back to the page that says so."""
    return redirect(url_for("newsletter.article", code=workshop.code))


@bp.get(f"{PREFIX}/article-journal.md")
@login_required
def article_markdown(code: str):
    workshop = workshop_or_404(code, RESULTS)
    if not workshop.is_published:
        return unpublished(workshop)
    text = journal.article_markdown(build_article(workshop))
    return send_export((f"{workshop.code}-article-brouillon.md",
                        "text/markdown; charset=utf-8", text.encode("utf-8")))


@bp.get(f"{PREFIX}/article-journal.html")
@login_required
def article_html(code: str):
    workshop = workshop_or_404(code, RESULTS)
    if not workshop.is_published:
        return unpublished(workshop)
    draft = build_article(workshop)
    page = render_template("newsletter/article.html", workshop=workshop, article=draft,
                           figures=journal.figure_texts(draft.figures))
    return send_export((f"{workshop.code}-article-brouillon.html", "text/html; charset=utf-8",
                        page.encode("utf-8")))
