"""Plain-word explanations for the glossary page, which every badge links to.

Verdicts, flags and conflict kinds are explained in vocabulary.py (the badges' titles use
the same words); this module adds evidence relations, populations, study designs and the
brain terms the articles use without explaining them.
"""

from __future__ import annotations

RELATION_MEANINGS = {
    "supports": "The study backs the claim as the catalog states it.",
    "qualifies": "The study bears on the claim but limits it: it holds only in part, only in "
                 "animals, only under some conditions, or less strongly than the article says.",
    "contradicts": "The study found the opposite of what the claim says.",
}

POPULATION_MEANINGS = {
    "human": "The study was done in people.",
    "animal": "The study was done in animals (mostly rats or mice), not in people.",
    "in-vitro": "The study was done on cells or brain tissue in a dish, not in a living body.",
}

DESIGN_MEANINGS = {
    "randomized-trial": "People are assigned by chance to the treatment or to a comparison "
                        "(often a placebo), the strongest test of whether a treatment works.",
    "meta-analysis": "The results of several studies pooled into one estimate.",
    "systematic-review": "A review that searches for every study on a question by a stated method.",
    "review": "An expert's summary of other studies; it reports no new data of its own.",
    "open-label": "Everyone knows who gets the treatment and there may be no comparison group, "
                  "so expectations can colour the results.",
    "post-hoc-analysis": "A new look at data collected for another question; it suggests "
                         "rather than tests.",
    "observational": "Researchers record what happens without assigning the treatment, so "
                     "cause and effect are hard to separate.",
    "case-report": "A description of one or a few patients.",
    "imaging-study": "Brain scans (such as PET or MRI) taken before and after a treatment or "
                     "compared between groups.",
    "post-mortem": "Brain tissue studied after death.",
    "animal-experiment": "An experiment in animals, usually rats or mice.",
    "in-vitro": "An experiment on cells or tissue in a dish.",
    "drug-label": "The official prescribing information that comes with a medicine.",
    "regulatory-record": "A record of a medicines agency, such as an FDA approval.",
    "historical-account": "An account of a drug's history.",
}

CITATION_MEANINGS = {
    "none": "The article gives no source at all for the claim.",
    "vague": "The article points at \"researchers\", \"studies\", a university or a journal, "
             "but names no study a reader could find.",
    "specific": "The article names a study or record that can be found.",
}

# (anchor, term, explanation). Definitions kept to what textbooks agree on.
TERMS = [
    ("lateral-habenula", "Lateral habenula",
     "A small cluster of nerve cells on each side of the brain, in the epithalamus near the "
     "thalamus. It is active after disappointments and unpleasant events and holds back the "
     "brain's dopamine and serotonin cells. Most of what links it to depression and to "
     "ketamine comes from studies in rats and mice."),
    ("epithalamic-nucleus", "Epithalamic nucleus",
     "A nucleus is a cluster of nerve cells; an epithalamic one lies in the epithalamus, a "
     "small region at the top and back of the thalamus. The habenula is one."),
    ("burst-firing", "Burst firing",
     "Nerve cells firing in quick clusters of signals rather than one signal at a time."),
    ("nmda-receptor", "NMDA receptor",
     "A receptor for glutamate on nerve cells, named after the chemical (N-methyl-D-aspartate) "
     "used to study it. Ketamine blocks its channel."),
    ("glutamate", "Glutamate",
     "The brain's main excitatory messenger: it makes the nerve cells it reaches more likely "
     "to fire."),
    ("gaba", "GABA",
     "Gamma-aminobutyric acid, the brain's main inhibitory messenger: it makes the nerve "
     "cells it reaches less likely to fire."),
    ("bdnf", "BDNF",
     "Brain-derived neurotrophic factor, a protein that helps nerve cells survive, grow and "
     "form connections."),
    ("synapse", "Synapse and synaptogenesis",
     "A synapse is a connection through which one nerve cell signals to another; "
     "synaptogenesis is the forming of new synapses."),
    ("neuroplasticity", "Neuroplasticity",
     "The brain's ability to change its connections and activity with experience or "
     "treatment."),
    ("dissociation", "Dissociation",
     "Feeling detached from one's body, thoughts or surroundings; a common, short-lived "
     "effect of ketamine."),
    ("esketamine", "Esketamine",
     "One of the two mirror-image forms that make up ketamine, given as a nasal spray "
     "(Spravato) for depression."),
    ("treatment-resistant-depression", "Treatment-resistant depression",
     "Depression that has not improved enough after trying antidepressant treatments, "
     "usually at least two."),
    ("placebo", "Placebo",
     "A dummy treatment given to a comparison group, so that the real treatment's effect "
     "can be told apart from expectation and chance."),
    ("sample-size", "Sample size (n)",
     "How many people or animals a study included; small studies can mislead by chance."),
]


def terms_in(text: str) -> list[tuple[str, str, str]]:
    """The glossary terms a piece of text uses (by the term's words, case ignored), so a
    page can explain them; "Synapse and synaptogenesis" matches either word."""
    low = text.lower()
    found = []
    for anchor, term, meaning in TERMS:
        words = [w.strip() for w in term.lower().replace("(n)", "").split(" and ")]
        if any(w and w in low for w in words):
            found.append((anchor, term, meaning))
    return found
