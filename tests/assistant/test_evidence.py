"""Evidence selection keeps quotes honest: warnings travel with what they warn against,
rhetorical questions hand over to their answers, shorthand is understood."""

from __future__ import annotations

import pytest

from assistant.retriever import expand_shorthand

APPROACH = "Let him see your phone, let him know where you are at all times"
WARNING = "I will not recommend this approach - ever!"
PASSWORDS = "so you provide them with your passwords and access to your accounts."
NONE_WORK = "But none of these actions actually lead to a more trusting relationship"


def _quoted(answer) -> str:
    return "\n".join(q.text for q in answer.quotes)


APPROACH_QUESTIONS = [
    "let him see your phone and know where you are at all times",
    "my gf keeps checking my phone",
    "should I be open and let him see my phone whenever he wants?",
    "should i just give him all my passwords so he stops asking",
    "should I hand over my passwords and access to my accounts?",
]
REJECTION_QUESTIONS = [
    "should I just give him my passwords so he stops worrying?",
    "is being totally transparent the way to fix his trust issues",
    "will checking in all the time make his insecurity go away",
    "i will not recommend this approach",
]


@pytest.mark.parametrize(
    "assistant_fixture",
    ["fake_assistant", pytest.param("real_assistant", marks=pytest.mark.slow)],
)
def test_an_approach_the_article_rejects_is_never_quoted_without_the_rejection(
    request, assistant_fixture
):
    qa = request.getfixturevalue(assistant_fixture)
    texts = [_quoted(qa.ask(q)) for q in APPROACH_QUESTIONS]
    with_approach = [t for t in texts if APPROACH in t]
    assert with_approach, "no question quoted the approach: the rule went untested"
    for text in with_approach:
        assert WARNING in text and text.index(WARNING) > text.index(APPROACH), text
    for text in (t for t in texts if PASSWORDS in t):
        assert NONE_WORK in text, text


@pytest.mark.parametrize(
    "assistant_fixture",
    ["fake_assistant", pytest.param("real_assistant", marks=pytest.mark.slow)],
)
def test_a_rejection_is_never_quoted_without_what_it_rejects(request, assistant_fixture):
    # "I will not recommend this approach - ever!" on its own leaves a reader guessing which
    # approach; the sentence it answers comes first.
    qa = request.getfixturevalue(assistant_fixture)
    texts = [_quoted(qa.ask(q)) for q in REJECTION_QUESTIONS]
    with_warning = [t for t in texts if WARNING in t]
    assert with_warning, "no question quoted the rejection: the rule went untested"
    for text in with_warning:
        assert APPROACH in text and text.index(APPROACH) < text.index(WARNING), text


def test_carried_warning_does_not_cost_a_quote(fake_assistant):
    answer = fake_assistant.ask("let him see your phone and know where you are at all times",
                                max_quotes=1)
    texts = [q.text for q in answer.quotes]
    assert any(APPROACH in t for t in texts)
    assert any(WARNING in t for t in texts)
    assert len(texts) == 2


@pytest.mark.slow
def test_rhetorical_question_hands_over_to_its_answer(real_assistant):
    # The article asks "...why do they have a hard time trusting you?" and answers under the
    # next heading; the answer, not the question restated, is what a worried reader needs.
    answer = real_assistant.ask("why doesn't my wife trust me when i've never given her a reason")
    sections = [q.section for q in answer.quotes]
    assert any(s.startswith("Your Partner’s Life Experiences") for s in sections), sections


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("hw do i get my gf to trust me", "how do i get my girlfriend to trust me"),
        ("my bf thinks im cheating", "my boyfriend thinks I'm cheating"),
        ("y doesnt he trust me", "why doesn't he trust me"),
        ("I have 2 kids and a BF", "I have 2 kids and a boyfriend"),
        ("Gfx card budget", "Gfx card budget"),
        ("we moved to the U.S. and she doesn't trust me", "we moved to the U.S. and she doesn't trust me"),
    ],
)
def test_texting_shorthand_is_spelled_out(typed, meant):
    assert expand_shorthand(typed) == meant


def test_answer_keeps_the_question_as_typed(fake_assistant):
    assert fake_assistant.ask("my gf checks my phone").question == "my gf checks my phone"


# Questions written after the abstention model was fitted (not in any labelled set).
NEAR_TOPIC_OUT_OF_SCOPE = [
    "what flowers should i buy for my wife",
    "what are good restaurants for a first date",
    "how do i budget for a vacation with my boyfriend",
]
IN_SCOPE = [
    "my boyfriend looks through my bag when i'm out",
    "why can't she believe me when i tell the truth",
    "he asks who i'm texting every five minutes",
    "we keep arguing because he thinks i still like my ex",
]


@pytest.mark.slow
@pytest.mark.parametrize("question", NEAR_TOPIC_OUT_OF_SCOPE)
def test_relationship_questions_the_articles_do_not_cover_abstain(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.abstained and not answer.quotes, answer.markdown


@pytest.mark.slow
@pytest.mark.parametrize("question", IN_SCOPE)
def test_trust_worries_in_new_words_are_answered(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.abstained and answer.quotes, answer.markdown


def test_vocabulary_coverage_tells_article_words_from_foreign_ones(fake_assistant):
    sel = fake_assistant.selector
    assert sel.coverage("my partner doesn't trust me") == 1.0
    assert sel.coverage("split chores with my roommate") < 0.2
    assert sel.coverage("???") == 0.0


def test_abstention_probability_rises_with_evidence():
    import json

    from assistant.tuning import from_dict
    from ingest.profile import TUNING_FILE
    from tests.conftest import ARTICLES

    raw = json.loads((ARTICLES / TUNING_FILE).read_text(encoding="utf-8"))
    cfg = from_dict(raw, raw["model"]).abstain  # the shipped articles' fit
    assert cfg.features[-2:] == ("example", "outside")
    weak = {"evidence": 0.3, "sentence": 0.2, "chunk": 0.2, "vocabulary": 0.3, "example": 0.3,
            "outside": 0.8}
    strong = {"evidence": 0.7, "sentence": 0.6, "chunk": 0.5, "vocabulary": 1.0, "example": 0.8,
              "outside": 0.3}
    assert cfg.probability(weak) < cfg.min_probability <= cfg.probability(strong)
    assert not cfg.covered(weak) and cfg.covered(strong)
    # the same evidence, but nothing like any example question people ask: less likely covered
    assert cfg.probability({**strong, "example": 0.3}) < cfg.probability(strong)
    # ...or very like a question the articles are known not to answer
    assert cfg.probability({**strong, "outside": 0.9}) < cfg.probability(strong)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["how many calories are in an avocado", "asdfgh jkl qwerty uiop", "what's the recipe for banana bread"],
)
def test_far_off_topic_abstains_without_unrelated_passages(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.abstained and not answer.closest
    assert "Closest passages" not in answer.markdown


@pytest.mark.slow
def test_near_topic_abstention_shows_labelled_closest_passages(real_assistant):
    answer = real_assistant.ask("best anniversary gift ideas for him")
    assert answer.abstained and not answer.quotes
    assert answer.closest
    assert "Closest passages — shown for context, not an answer" in answer.markdown


def test_sentences_that_only_announce_a_list_are_damped(fake_assistant):
    import dataclasses

    from assistant.evidence import EvidenceSelector

    data, sel = fake_assistant.data, fake_assistant.selector
    flagged = [s.text for s, a in zip(data.sentences, sel.announces) if a]
    assert any(t.startswith("Below are a few important steps") for t in flagged)
    assert any(t.startswith("However, here are a few ways") for t in flagged)
    assert not any(t.startswith("Earning a person's trust") for t in flagged)  # "the following day"
    q = "what important steps can we take personally and together"
    qa = fake_assistant
    found = qa.retriever.retrieve(qa.retriever.prepare(q), k=6)
    everything = list(range(len(data.chunks)))
    off = EvidenceSelector(data, dataclasses.replace(sel.config, announce_penalty=0.0))
    on_scores = sel.score(found.query, found.sentences, everything).scores
    off_scores = off.score(found.query, found.sentences, everything).scores
    assert any(sel.announces[r] for r in on_scores)
    for r in on_scores:
        # (an article's hook, and a line pointing back at a promise or a hook, are damped too)
        damped = sel.announces[r] or sel.hook[r] or sel.echoes[r]
        drop = sel.config.announce_penalty if damped else 0.0
        assert on_scores[r] == pytest.approx(off_scores[r] - drop)


def test_many_questions_too_short_to_quote_are_read_in_linear_time(tmp_path):
    """Each question looks for the quotable lines after it: it walked every row to its
    article's end, past lines too short to quote (130 s for 80 KB of "a?" lines, each a
    question; an upload of 50,000 of them, some 15 minutes every time the index loads)."""
    import time

    from assistant.evidence import EvidenceSelector
    from tests.conftest import assistant_over

    qa = assistant_over(tmp_path, {"asks.txt": (
        "Keep calm and talk to them.\n\n" + "a?\n\n" * 4000
        + "Is it late? Go to bed. Sleep well. Wake up.\n")})
    data = qa._state.data
    start = time.process_time()
    selector = EvidenceSelector(data)
    assert time.process_time() - start < 2
    texts = [s.text for s in data.sentences]
    asked = texts.index("Is it late?")
    assert [texts[r] for r in selector.follow[asked]] == ["Go to bed.", "Sleep well."]
