"""Honest scope: how well the articles address *this* asker's question, said plainly.

Three levels, in the Answer JSON as ``coverage``:

- ``"none"``: the abstention model says the articles don't answer it (the answer abstains);
- ``"partial"``: there are quotes, but the articles aren't written for this asker (the corpus
  profile's ``not_for`` groups), or they cover the question only weakly (a probability under
  the fitted ``partial_probability``), or a safety question gets the articles' safety
  guidance though they don't address the question itself;
- ``"direct"``: otherwise.

Whenever coverage isn't direct, ``scope_note`` is one plain sentence shown before the quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.abstain import AbstainConfig
from ingest.profile import Profile


@dataclass(frozen=True)
class Scope:
    coverage: str  # "direct" | "partial" | "none"
    note: str | None = None


def _articles(profile: Profile) -> str:
    text = profile.describe()
    return text[0].upper() + text[1:]


def uncovered(profile: Profile) -> Scope:
    """The scope of an abstention."""
    return Scope("none", f"{_articles(profile)} don't address this question.")


def judge_scope(question: str, features: dict[str, float], config: AbstainConfig,
                profile: Profile, *, safety: bool = False) -> Scope:
    """The `Scope` of an answer to ``question`` with coverage ``features``."""
    articles = _articles(profile)
    if not config.covered(features):
        if safety:
            return Scope("partial", f"{articles} don't address this question itself; what "
                                    "they say about staying safe comes first.")
        return uncovered(profile)
    other = profile.not_written_for(question)
    if other:
        written_for = f"written for {profile.audience}, not" if profile.audience else "not written"
        return Scope("partial", f"{articles} are {written_for} for {other}, so they don't "
                                "answer this directly; the closest passages follow.")
    p = config.probability(features)
    if config.partial_probability is not None and p < config.partial_probability:
        return Scope("partial", f"{articles} touch on this only in part; the closest passages "
                                "follow.")
    return Scope("direct")
