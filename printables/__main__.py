"""Command line: ``python -m printables layout [--version V]`` prints the card-layout spec as
JSON (the current layout, or a released older one)."""
from __future__ import annotations

import argparse
import json
import sys

from printables.layout import LAYOUT_VERSION, LAYOUTS, layout_dict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m printables")
    sub = parser.add_subparsers(dest="command", required=True)
    layout = sub.add_parser(
        "layout", help="print the card-layout spec (mm, origin top-left, y down) as JSON"
    )
    layout.add_argument("--version", choices=sorted(LAYOUTS), default=LAYOUT_VERSION,
                        help="a released layout version (default: the current one)")
    args = parser.parse_args(argv)
    if args.command == "layout":
        json.dump(layout_dict(args.version), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
