"""The query adapter learns how questions map onto the sentences that answer them."""

from __future__ import annotations

import numpy as np

from index.adapter import AdapterSettings, adapt, fit_adapter


def _normalise(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _problem(seed=0, m=60, d=32, n=400):
    """Sentences, and questions that point at their answer only through a fixed distortion
    (a rotation mixed with the identity): plain cosine often ranks the wrong sentence first."""
    rng = np.random.default_rng(seed)
    sentences = _normalise(rng.normal(size=(m, d)))
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    answers = rng.integers(0, m, size=n)
    questions = _normalise(sentences[answers] @ (0.3 * np.eye(d) + 0.7 * rotation)
                           + 0.1 * rng.normal(size=(n, d)))
    return sentences, questions.astype(np.float32), answers


def _top1(questions, sentences, answers, adapter=None):
    scores = adapt(questions, adapter) @ sentences.T
    return float(np.mean(scores.argmax(axis=1) == answers))


def test_adapter_ranks_unseen_questions_better():
    sentences, questions, answers = _problem()
    train, test = slice(0, 270), slice(270, None)
    a = fit_adapter(questions[train], [[int(x)] for x in answers[train]], sentences)
    before = _top1(questions[test], sentences, answers[test])
    after = _top1(questions[test], sentences, answers[test], a)
    assert a.shape == (32, 32) and a.dtype == np.float32
    assert before < 0.3 and after > 0.9, (before, after)


def test_adapted_vectors_stay_unit_length_and_none_is_identity():
    sentences, questions, answers = _problem()
    a = fit_adapter(questions, [[int(x)] for x in answers], sentences)
    assert np.allclose(np.linalg.norm(adapt(questions, a), axis=1), 1.0, atol=1e-5)
    assert np.allclose(np.linalg.norm(adapt(questions[0], a)), 1.0, atol=1e-5)
    assert adapt(questions, None) is questions


def test_fit_is_deterministic():
    sentences, questions, answers = _problem(seed=3)
    positives = [[int(x)] for x in answers]
    np.testing.assert_array_equal(fit_adapter(questions, positives, sentences),
                                  fit_adapter(questions, positives, sentences))


def test_too_few_examples_give_no_adapter():
    sentences, questions, answers = _problem(n=40)
    positives = [[int(x)] for x in answers]
    assert fit_adapter(questions, positives, sentences, AdapterSettings(min_examples=50)) is None
    # questions without any answering sentence do not count
    assert fit_adapter(questions, [[]] * 40, sentences, AdapterSettings(min_examples=10)) is None
    assert fit_adapter(questions, positives, sentences, AdapterSettings(min_examples=10)) is not None


def test_large_corpora_sample_their_negatives():
    sentences, questions, answers = _problem(m=400)
    positives = [[int(x)] for x in answers]
    full = fit_adapter(questions, positives, sentences)
    sampled = fit_adapter(questions, positives, sentences, AdapterSettings(max_negatives=250))
    assert sampled is not None and not np.array_equal(full, sampled)
    assert _top1(questions, sentences, answers, sampled) > _top1(questions, sentences, answers)
