"""Command line: ``python -m scan PHOTO_OR_DIR... --json OUT.json [--crops DIR] [--debug DIR]
[--manifest manifest.json]``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from printables.labels import french_plural
from scan import io
from scan.pipeline import scan_paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scan", description="Lit les photos du kit Atelier Kit."
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, help="photos (JPEG, PNG, HEIC) ou dossiers de photos"
    )
    parser.add_argument(
        "--json", required=True, type=Path, help="fichier JSON des lectures à écrire"
    )
    parser.add_argument(
        "--crops", type=Path, help="dossier où enregistrer les champs manuscrits (PNG)"
    )
    parser.add_argument(
        "--debug", type=Path, help="dossier où enregistrer une image de contrôle par photo"
    )
    parser.add_argument("--manifest", type=Path, help="manifest.json écrit par l'impression du kit")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        manifest = io.read_manifest(args.manifest) if args.manifest else None
    except io.PhotoError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    result = scan_paths(args.paths, manifest=manifest, crops_dir=args.crops, debug_dir=args.debug)
    io.write_json(args.json, result)
    photos = result["photos"]
    print(f"{summary(photos)} -> {args.json}")
    return 1 if photos and unreadable_files(photos) == len(photos) else 0


def unreadable_files(photos: list[dict]) -> int:
    """How many of the photos' files could not be read at all."""
    return sum(1 for p in photos if any(e["kind"] == "unreadable_file" for e in p["errors"]))


def summary(photos: list[dict]) -> str:
    """What the command read, said in French: « 2 photos, 3 cartes lues, 0 fichier illisible »."""
    cards = sum(len(p["cards"]) for p in photos)
    failed = unreadable_files(photos)
    return ", ".join((french_plural("%(num)s photo", "%(num)s photos", len(photos)),
                      french_plural("%(num)s carte lue", "%(num)s cartes lues", cards),
                      french_plural("%(num)s fichier illisible", "%(num)s fichiers illisibles",
                                    failed)))


if __name__ == "__main__":
    sys.exit(main())
