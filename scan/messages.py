"""The scanner's words for a person: one French template per kind of hint and of error.

A Hint or a ScanError carries the ``key`` of its template (most often its kind; a kind may have
several wordings) and its ``params``; its ``message`` is the template filled in, in French (the
JSON contract). An app shows the same template translated, filled with the
same params: kit extracts this file for its catalogue (``N_`` marks, see kit/babel.cfg).
"""
from __future__ import annotations

import numpy as np

from scan.results import Hint, ScanError


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it stays French here and is translated where it is shown."""
    return text


HINT_TEMPLATES = {
    "no_card": N_("Aucune carte Atelier Kit n'a été trouvée sur cette photo."),
    "too_dark": N_("Photo trop sombre : allumez la lumière ou rapprochez-vous d'une fenêtre."),
    "too_blurred": N_("Photo floue : tenez le téléphone immobile et touchez l'écran pour faire "
                      "la mise au point."),
    "too_blurred_codes": N_("Photo floue (bougé ou mise au point) : vérifiez les cases et les "
                            "votes lus, ou reprenez la photo en tenant le téléphone immobile."),
    # one card or several: the count picks the key (counted_key), as "photo.card_read" does
    "lost_codes_one": N_("%(count)s code QR repéré mais illisible : cette carte n'a pas été "
                         "lue. Reprenez la photo de plus près ou plus nette."),
    "lost_codes": N_("%(count)s codes QR repérés mais illisibles : ces cartes n'ont pas été "
                     "lues. Reprenez la photo de plus près ou plus nette."),
    "lost_codes_at_one": N_("%(count)s carte perdue : code QR repéré mais illisible à "
                            "%(places)s de la largeur / de la hauteur de la photo (depuis le "
                            "coin en haut à gauche). Reprenez la photo de plus près ou plus "
                            "nette."),
    "lost_codes_at": N_("%(count)s cartes perdues : codes QR repérés mais illisibles à "
                        "%(places)s de la largeur / de la hauteur de la photo (depuis le coin "
                        "en haut à gauche). Reprenez la photo de plus près ou plus nette."),
    "fit_unconfirmed_one": N_("%(count)s carte déformée ou mal repérée (%(codes)s) : trop peu "
                              "de cases et de repères imprimés retrouvés à leur place. Ses cases "
                              "et ses votes sont proposés, à vérifier ; reprenez la photo de "
                              "face, carte bien à plat, coins visibles."),
    "fit_unconfirmed": N_("%(count)s cartes déformées ou mal repérées (%(codes)s) : trop peu de "
                          "cases et de repères imprimés retrouvés à leur place. Leurs cases et "
                          "leurs votes sont proposés, à vérifier ; reprenez la photo de face, "
                          "cartes bien à plat, coins visibles."),
    "too_far": N_("Codes trop petits sur la photo : rapprochez-vous (un mur de 1,5 m de large "
                  "au plus par photo)."),
    # the photo's time ran out: the search stopped early (cards may be missing), or cards found
    # were not read in full (their codes named); the steps left out stay in params["left_out"]
    "time_budget": N_("Temps maximal de lecture par photo atteint : la recherche des cartes "
                      "s'est arrêtée avant la fin, des cartes peuvent manquer. Reprenez la photo "
                      "plus près, sur un fond moins chargé."),
    # one card or several (the count picks the key: counted_key)
    "time_budget_unread_one": N_("Temps maximal de lecture par photo atteint : %(count)s carte "
                                 "pas lue en entier (%(codes)s), ses cases et ses votes à "
                                 "vérifier ; d'autres cartes peuvent manquer. Reprenez la photo "
                                 "plus près, sur un fond moins chargé."),
    "time_budget_unread": N_("Temps maximal de lecture par photo atteint : %(count)s cartes "
                             "pas lues en entier (%(codes)s), leurs cases et leurs votes à "
                             "vérifier ; d'autres cartes peuvent manquer. Reprenez la photo plus "
                             "près, sur un fond moins chargé."),
}
ERROR_TEMPLATES = {
    "duplicate": N_("%(code)s : la même carte apparaît deux fois sur la photo (seule la "
                    "première est lue)"),
    "mirrored": N_("%(code)s : carte vue en miroir (reflet ou photo inversée par la caméra "
                   "frontale) : non lue. Photographiez la carte elle-même, avec la caméra arrière"),
    "not_in_manifest": N_("%(code)s : carte absente du manifeste (autre atelier ou autre "
                          "impression ?)"),
    "bad_check": N_("%(code)s : caractère de contrôle faux : code abîmé, mal lu ou falsifié "
                    "(%(detail)s)"),
    "unknown_layout": N_("%(code)s : version de mise en page inconnue : carte d'un autre kit "
                         "(%(detail)s)"),
    "unknown_type": N_("%(code)s : type de carte inconnu (%(detail)s)"),
    "malformed": N_("%(code)s : code Atelier Kit mal formé (%(detail)s)"),
}


def counted_key(key: str, count: int) -> str:
    """The key of a template said of ``count`` cards: ``key`` + "_one" for one card (« 1 carte
    perdue »), ``key`` for several (« 3 cartes perdues »), never « carte(s) »."""
    return f"{key}_one" if count == 1 else key


def fill(template: str, params: dict) -> str:
    return template % params if params else template


def make_hint(kind: str, value: float | None = None, threshold: float | None = None,
              key: str | None = None, **params) -> Hint:
    key = key or kind
    return Hint(kind, fill(HINT_TEMPLATES[key], params), value, threshold, params, key)


def make_error(kind: str, code: str, corners_px: np.ndarray | None = None,
               **details) -> ScanError:
    params = {"code": code, **details}
    return ScanError(fill(ERROR_TEMPLATES[kind], params), kind, code, corners_px, params, kind)
