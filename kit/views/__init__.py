"""One blueprint per feature, each named ``bp``; views parse, call a service, render or redirect."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from kit.views import (
        actors,
        address_book,
        address_book_links,
        admin,
        afternoon,
        archives,
        auth,
        group_pages,
        groups,
        imports,
        kits,
        main,
        members,
        network,
        newsletter,
        participants,
        personal_data,
        prediagnostic,
        register,
        registrations,
        results,
        review,
        territory,
        uploads,
        wall,
        workshops,
    )
    from kit.views.display import register_template_helpers
    from kit.views.errors import register_error_handlers

    for module in (main, auth, workshops, members, participants, imports, kits, review, results,
                   uploads):
        app.register_blueprint(module.bp)
    for module in (register, registrations, prediagnostic):  # online registration (issue 5)
        app.register_blueprint(module.bp)
    app.register_blueprint(personal_data.bp)  # one person's data: export and erase (RGPD)
    app.register_blueprint(archives.bp)  # the whole workshop as one ZIP
    app.register_blueprint(admin.bp)  # the instance administrator's accounts page
    app.register_blueprint(afternoon.bp)  # the afternoon groups, printed at lunch (issue 11)
    # after the day (issue 10): the address book shared by personal links, newsletter, journal
    for module in (address_book, address_book_links, newsletter):
        app.register_blueprint(module.bp)
    app.register_blueprint(groups.bp)  # action groups, the organisers' side (issue 10)
    app.register_blueprint(group_pages.bp)  # their public and referent pages (no account)
    app.register_blueprint(wall.bp)  # the live wall, for a projector (issue 11)
    for module in (actors, network, territory):  # across workshops (issue 12)
        app.register_blueprint(module.bp)
    register_template_helpers(app)
    register_error_handlers(app)
