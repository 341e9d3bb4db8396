"""Command line: ``python -m printables layout`` prints the card-layout spec as JSON."""
from __future__ import annotations

import argparse
import json
import sys

from printables.layout import layout_dict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m printables")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "layout", help="print the card-layout spec (mm, origin top-left, y down) as JSON"
    )
    args = parser.parse_args(argv)
    if args.command == "layout":
        json.dump(layout_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
