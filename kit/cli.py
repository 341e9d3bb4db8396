"""Flask commands (kebab-case), thin: they parse arguments and call services."""
from __future__ import annotations

import logging
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from kit.extensions import db
from kit.i18n import french_plural
from kit.models.members import ROLES
from kit.services import demo, kits, members, users
from kit.services.workshops import get_workshop

EXIT_USAGE = 2  # like click's own usage errors: the caller named something that does not exist


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", default="", help="Nom affiché de l'organisateur·rice.")
@click.option("--password", prompt="Mot de passe", hide_input=True, confirmation_prompt=True,
              help="À éviter en interactif : le mot de passe est alors demandé.")
@click.option("--admin", is_flag=True,
              help="Administrateur·rice de l'instance (crée des comptes ; aucun accès aux "
                   "ateliers dont il ou elle n'est pas membre).")
def create_user_command(email: str, name: str, password: str, admin: bool) -> None:
    """Create an organiser account."""
    try:
        user = users.create_user(email, name, password, is_admin=admin)
    except users.UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Compte créé : {user.email}" + (" (administrateur·rice)" if admin else ""))


@click.command("set-password")
@with_appcontext
@click.argument("email")
@click.option("--password", prompt="Nouveau mot de passe", hide_input=True,
              confirmation_prompt=True, help="À éviter : le mot de passe est alors demandé.")
def set_password_command(email: str, password: str) -> None:
    """Set the password of the account EMAIL (when no e-mail server can send a reset link)."""
    user = users.find_user(email)
    if user is None:
        raise click.ClickException(f"aucun compte pour {email}")
    try:
        users.set_password(user, password)
    except users.UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Mot de passe changé : {user.email}")


@click.command("add-member")
@with_appcontext
@click.argument("code")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="owner", show_default=True)
def add_member_command(code: str, email: str, role: str) -> None:
    """Give the account EMAIL a ROLE in workshop CODE (e.g. an owner for a workshop without)."""
    workshop = get_workshop(code)
    user = users.find_user(email)
    if workshop is None or user is None:
        raise click.ClickException(f"atelier {code!r} ou compte {email!r} introuvable")
    try:
        members.add_member(workshop, user, role)
    except members.MemberError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{user.email} : {role} de l'atelier {workshop.code}")


@click.command("print-kit")
@with_appcontext
@click.argument("code")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Dossier où écrire les PDF et manifest.json.")
def print_kit_command(code: str, out_dir: Path) -> None:
    """Print the kit of workshop CODE: PDFs and manifest.json in --out."""
    workshop = get_workshop(code)
    if workshop is None:
        click.echo(f"Erreur : aucun atelier n'a le code {code!r}.", err=True)
        raise click.exceptions.Exit(EXIT_USAGE)
    from printables.kit import write_kit  # reportlab loads only when printing

    try:
        output = kits.generate_kit(workshop, current_app.config["KIT_DIR"])
    except kits.KitError as error:
        raise click.ClickException(str(error)) from None
    write_kit(output, out_dir)
    click.echo(f"Kit {workshop.code} : {len(output.files)} fichiers et manifest.json "
               f"dans {out_dir}")


@click.command("load-demo")
@with_appcontext
def load_demo_command() -> None:
    """Load the demo workshop and organiser account (does nothing if already there)."""
    report = demo.load_demo(current_app.config["KIT_DIR"])
    for line in report:
        click.echo(line)


@click.command("worker")
@with_appcontext
@click.option("--workers", type=int, default=None,
              help="Fils de traitement (défaut : HUEY_WORKERS, 1).")
def worker_command(workers: int | None) -> None:
    """Background worker: digitises uploaded photos and draws kits (the Huey consumer)."""
    from kit import tasks
    from kit.services import kit_jobs, photos

    if tasks.get_huey().immediate:  # tests, or HUEY_IMMEDIATE: uploads are digitised at once
        click.echo("File en mode immédiat : les photos sont traitées dès l'envoi, "
                   "aucun travailleur n'est nécessaire.")
        return
    for photo in photos.requeue_stalled():  # left queued or mid-photo by a stopped worker
        tasks.enqueue_photo(photo.id)
        click.echo(f"Photo {photo.filename} remise dans la file.")
    for workshop in kit_jobs.stalled_kits():  # a copy still queued runs once: see kit_jobs
        kit_jobs.requeue_kit(workshop.id)
        tasks.enqueue_kit(workshop.id)
        click.echo(f"Kit de l'atelier {workshop.code} remis dans la file.")
    if not logging.getLogger().handlers:  # one line per photo (kit.tasks.log_photo)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    tasks.run_consumer(workers or current_app.config["HUEY_WORKERS"])


@click.command("purge")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Dire ce qui serait supprimé, sans rien supprimer.")
def purge_command(dry_run: bool) -> None:
    """RGPD: erase what is past each workshop's retention, cancelled registrations, old CSVs."""
    from kit.services import registrations, retention

    done = retention.purge(current_app.config, registrations.local_today(), dry_run)
    for line in done.lines:
        click.echo(line)
    if not done.lines:
        click.echo("Rien à supprimer.")


@click.command("remind-groups")
@with_appcontext
@click.option("--days", type=int, default=None,
              help="Jours de silence avant une relance (défaut : GROUP_REMINDER_DAYS).")
@click.option("--workshop", "code", default=None, help="Seulement les groupes de cet atelier.")
@click.option("--dry-run", is_flag=True, help="Dire qui serait relancé, sans rien envoyer.")
def remind_groups_command(days: int | None, code: str | None, dry_run: bool) -> None:
    """Mail a follow-up (with a fresh edit link) to the referent of every quiet action group.
    Meant for cron, once a day: a group is reminded at most once per period."""
    from kit.services import group_mail, group_pages, mail

    workshop = get_workshop(code) if code else None
    if code and workshop is None:
        click.echo(f"Atelier inconnu : {code}", err=True)
        raise SystemExit(EXIT_USAGE)
    due = group_pages.due_reminders(days or current_app.config["GROUP_REMINDER_DAYS"], workshop)
    if not due:
        click.echo("Aucun groupe à relancer.")
        return
    if not dry_run and not mail.is_configured(current_app.config):
        click.echo("Aucun serveur d'e-mail configuré (MAIL_SERVER) : rien n'est parti.", err=True)
        raise SystemExit(1)
    # the e-mails' links are built with url_for, which needs a request (from PUBLIC_URL)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        for group in due:
            status = "à relancer" if dry_run else group_mail.send_reminder(group)
            click.echo(f"{group.workshop.code} · {group.title or group.public_id} : {status}")


@click.command("archive")
@with_appcontext
@click.argument("code")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier ZIP à écrire (défaut : <CODE>-archive.zip ici).")
def archive_command(code: str, out_path: Path | None) -> None:
    """Archive one whole workshop as a ZIP: data (JSON, CSV), photos, card images, kit."""
    from kit.services import archive, workshops

    workshop = workshops.get_workshop(code.upper())
    if workshop is None:
        raise click.ClickException(f"Atelier {code} introuvable.")
    target = archive.write_archive(workshop, current_app.config,
                                   out_path or Path(f"{workshop.code}-archive.zip"))
    click.echo(f"Atelier {workshop.code} archivé dans {target}.")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", default=None, help="E-mail du compte qui en devient responsable.")
def restore_command(source: Path, owner: str | None) -> None:
    """Restore a workshop archived by `flask archive` (on this or another instance)."""
    from kit.models import User
    from kit.services import archive

    user = None
    if owner:
        user = db.session.scalars(select(User).where(User.email == owner.lower())).first()
        if user is None:
            raise click.ClickException(f"Aucun compte {owner} : créez-le d'abord (create-user).")
    try:
        done = archive.restore_archive(source, current_app.config, user)
    except archive.ArchiveError as error:
        raise click.ClickException(str(error)) from None
    rows = french_plural("%(num)s ligne", "%(num)s lignes", done.rows)
    files = french_plural("%(num)s fichier", "%(num)s fichiers", done.files)
    click.echo(f"Atelier {done.code} restauré : {rows}, {files}.")


@click.command("backup")
@with_appcontext
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def backup_command(out_dir: Path) -> None:
    """Back up the database and the instance folder into OUT_DIR (README, "En production")."""
    from kit.services import backup

    try:
        done = backup.backup(out_dir, Path(current_app.instance_path))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Base : {done.database}\nFichiers : {done.files}")


@click.command("restore-backup")
@with_appcontext
@click.argument("database", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("files", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_backup_command(database: Path, files: Path) -> None:
    """Put back a backup made by `flask backup` (server and worker stopped first)."""
    from kit.services import backup

    try:
        backup.restore(database, files, Path(current_app.instance_path))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Base et fichiers restaurés depuis {database.name} et {files.name}.")


@click.command("strip-photo-metadata")
@with_appcontext
def strip_photo_metadata_command() -> None:
    """Remove GPS, device and dates from photos stored before they were removed on arrival."""
    from kit.services import photos

    changed = photos.strip_stored_metadata(current_app.config["PHOTOS_DIR"])
    click.echo(french_plural("%(num)s photo nettoyée de ses métadonnées.",
                             "%(num)s photos nettoyées de leurs métadonnées.", changed))


def register_commands(app: Flask) -> None:
    for command in (create_user_command, set_password_command, add_member_command,
                    print_kit_command, load_demo_command, worker_command, purge_command,
                    remind_groups_command, archive_command, restore_command, backup_command,
                    restore_backup_command, strip_photo_metadata_command):
        app.cli.add_command(command)
