#!/usr/bin/env bash
# One set-up for everything: Debian packages, a virtual environment, the project and its test
# and redis extras.
# Idempotent and quick when nothing changed (stamp files). Used by `make run`, `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(libzbar0 fonts-dejavu-core chromium chromium-driver poppler-utils
                 fonts-dkg-handwriting fonts-comic-neue fonts-kristi fonts-sjfonts fonts-breip
                 postgresql   # tests/postgres starts a throwaway server
                 redis-server   # make bench-load: the production queue, started by the script
                 nginx)  # tests/security/test_nginx_served.py: the README's proxy, run for real
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        echo "setup: installation des paquets Debian : ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: il manque des paquets Debian. Lancez d'abord :" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: création de l'environnement virtuel $VENV"
    "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.atelier-kit-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installation des dépendances Python"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -e '.[test,redis]'
    touch "$stamp"
fi
