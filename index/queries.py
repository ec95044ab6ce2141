"""How a question is turned into text for the model: the same at query time and for the example
questions embedded at ingest, so the two are compared like with like.

Texting shorthand people type into a chat box is spelled out (the model and BM25 know
"girlfriend", not "gf"), then the text is normalised as for matching (`normalize_text`).
"""

from __future__ import annotations

import re

from index.lexical import normalize_text

# Only unambiguous tokens (no "2", "4", "u r" digits).
SHORTHAND = {
    "gf": "girlfriend", "bf": "boyfriend", "hubby": "husband", "wifey": "wife",
    "u": "you", "ur": "your", "r": "are", "y": "why", "hw": "how", "wat": "what", "wht": "what",
    "abt": "about", "b4": "before", "pls": "please", "plz": "please", "cuz": "because",
    "coz": "because", "bc": "because", "bcoz": "because", "tho": "though", "rn": "right now",
    "idk": "I don't know", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "cant": "can't", "wont": "won't", "isnt": "isn't", "im": "I'm", "ive": "I've",
    "thats": "that's", "whats": "what's", "shes": "she's", "hes": "he's",
}
_TOKEN = re.compile(r"(?<![\w.'’])[A-Za-z0-9]+(?![\w.'’])")  # not inside "U.S." or "I'm"


def expand_shorthand(query: str) -> str:
    """``"hw do i get my gf to trust me"`` -> ``"how do i get my girlfriend to trust me"``."""
    return _TOKEN.sub(lambda m: SHORTHAND.get(m.group(0).lower(), m.group(0)), query)


def embedding_text(question: str) -> str:
    """The text the model embeds for a question (shorthand already spelled out)."""
    return normalize_text(question)
