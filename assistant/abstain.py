"""When Quotewise says the articles don't cover a question.

A logistic model over coverage features gives the probability that the articles answer the
question; below ``min_probability`` it abstains. Its numbers are data: the defaults below are
the generic fit (model cosines and vocabulary only, for an index without example questions),
and a corpus's own fit comes from its ``quotewise.tuning.json`` (`assistant.tuning`), written
by bench/calibrate_abstention.py. Without ``coef``, plain thresholds apply instead (for an
embedder whose cosines no model was fitted on, such as the test embedder).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Features of how well the articles cover a question, in the order a fit lists them:
# the best blended evidence score, the best single-sentence cosine, the best chunk cosine, the
# IDF-weighted share of the question's words the articles use at all (near-topic questions
# such as "best anniversary gift ideas" match sentences by cosine, but their topic words are
# nowhere in the articles), the cosine with the closest example question (how people ask what
# the articles answer), and with the closest out-of-scope question (what they ask that the
# articles don't).
COVERAGE_FEATURES = ("evidence", "sentence", "chunk", "vocabulary", "example", "outside")


@dataclass(frozen=True)
class AbstainConfig:
    """The abstention model. Defaults: the generic fit of docs/BENCHMARKS.md (features
    evidence, sentence, chunk, vocabulary on the project's calibration and dev questions,
    without example questions); a corpus's fit replaces them."""

    features: tuple[str, ...] = COVERAGE_FEATURES[:4]
    coef: tuple[float, ...] | None = (3.6289, 5.6411, 6.8668, 4.8541)
    intercept: float = -8.0559
    min_probability: float = 0.40
    partial_probability: float | None = None  # answered below this: coverage "partial"
    #                                          (fitted per corpus; off by default)
    min_evidence: float = 0.40  # threshold mode (no ``coef``): best evidence score...
    min_sentence: float = 0.30  # ...and best sentence cosine needed to answer
    closest: int = 2  # passages shown beside an abstention
    min_closest: float = 0.30  # threshold mode: below this evidence the closest passages are
    #                            unrelated, so none are shown
    min_closest_probability: float = 0.02  # model mode: the same for the probability ("how
    #                            many calories in an avocado" gets no passages, "anniversary
    #                            gift ideas" gets the nearest ones; on the shipped articles,
    #                            2026-12-01, far-off questions read 0.001-0.013 and near-topic
    #                            ones 0.03-0.16: 0.05 sat among the near-topic ones)

    def probability(self, features: dict[str, float]) -> float:
        """Probability that the articles answer the question (1.0/0.0 in threshold mode)."""
        if self.coef is None:
            return float(features["evidence"] >= self.min_evidence
                         and features["sentence"] >= self.min_sentence)
        z = self.intercept + sum(w * features[n] for w, n in zip(self.coef, self.features))
        return 1.0 / (1.0 + math.exp(-z))

    def covered(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= (self.min_probability if self.coef else 0.5)

    def near_miss(self, features: dict[str, float]) -> bool:
        """Whether an abstention should still show the closest passages."""
        if self.coef is None:
            return features["evidence"] >= self.min_closest
        return self.probability(features) >= self.min_closest_probability
