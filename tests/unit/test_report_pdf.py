"""printables.report draws the report from plain data; kit's copy of the programme's steps
(for the catalogue) stays equal to printables.programme's."""
from kit.services.report import PROGRAMME_TEXTS
from printables import programme
from printables import report as pdf
from tests.support.pdf import pdf_page_texts

WORDS = pdf.Words(document="Compte rendu", audience="Version publique", programme="Programme",
                  people="Qui était là", people_note="Note", nobody="Personne",
                  diagnostic="État des lieux", needs="Besoins", seeds="Graines",
                  contacts="Contacts du groupe", join="Rejoindre", nothing="Rien", votes="Votes")


def sample(seeds=()) -> pdf.Report:
    chart = pdf.Chart("Par territoire", (("Briançonnais", 4), ("Hors territoire", 0)))
    return pdf.Report(
        title="Mobilité douce", details=("Briançon",), figures=(("5", "personnes venues"),),
        programme=(("9 h", "Accueil"),), people=("Marc Public — Mairie",), charts=(chart,),
        zones=(pdf.Zone("Freins", (pdf.Cluster("Transports", ("Pas de bus",)),)),),
        needs_chart=pdf.Chart("Besoins les plus votés", (("Navette", 7),)),
        needs=((7, "Navette"),), seeds=seeds, contact="Contact : a@b.org", words=WORDS)


def test_programme_texts_match_the_run_sheet():
    steps = [text for _, text in programme.MORNING + programme.AFTERNOON]
    assert set(steps) | {"Déjeuner.", "Fin de l'atelier."} == set(PROGRAMME_TEXTS)


def test_report_pdf_has_every_part_in_order_and_a_join_block_when_given():
    seed = pdf.Seed("Vélo-bus", (("Premier pas", "Réunion"),), ("Sophie · s@x.org",),
                    ("Rejoindre : https://exemple.org/g/1",))
    pages = pdf_page_texts(pdf.report_pdf(sample((seed,))))
    text = "\n".join(pages)
    order = ["Compte rendu", "Mobilité douce", "Programme", "Qui était là", "Marc Public",
             "État des lieux", "Par territoire", "Transports", "Pas de bus", "Besoins",
             "Navette", "Graines", "Vélo-bus", "Contacts du groupe", "Sophie",
             "https://exemple.org/g/1"]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)
    assert "Version publique" in pages[0] and len(pages) >= 3


def test_report_pdf_without_seeds_says_so():
    text = "\n".join(pdf_page_texts(pdf.report_pdf(sample())))
    assert "Rejoindre" not in text and text.rstrip().endswith("Rien")
