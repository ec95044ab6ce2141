"""Quotes that must stand on their own (testers' folders of step-family and neighbour pages):
a sentence pointing back by a phrase or an opening clause, "the following ..." without a
colon, a line of speech, a numbered point's headline, an article's scene-setting. Each rule is
read in general language and checked on a tiny corpus with the fake embedder, with the rule
on and (to show it is what does it) off."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import pytest

from tests.conftest import assistant_over


def quoted(answer) -> list[str]:
    return [q.text for q in answer.quotes]


@contextlib.contextmanager
def without(qa, **flags):
    """``qa`` answering with ``flags`` set (the rule switched off) for the block."""
    st = qa._state
    saved = st.selector
    st.selector = saved.with_config(replace(saved.config, **flags))
    try:
        yield qa
    finally:
        st.selector = saved


# ---- pointing back by a phrase or an opening clause ----------------------------------------

@pytest.mark.parametrize(
    "sentence, refers",
    [
        ("The same is true for the question of pocket money, especially with teens.", True),
        ("The same goes for borrowing the car.", True),
        ("Similarly, keep the receipts for a year.", True),
        ("You may find there is some truth to what was said.", True),
        ("Think about what has been said before you reply.", True),
        ("Easier said than done—but a calm tone helps.", True),
        ("Not always, but often enough to matter.", True),
        ("Even if it is noticed, it may not change anything.", True),
        ("If you haven't already kept these, ask the bank for copies.", True),
        ("When this happens, step outside for a minute.", True),
        # not pointing back
        ("The same rules apply in both homes.", False),
        ("Say what you mean calmly.", False),
        ("Even if you disagree, listen to the end.", False),
        ("If you keep a diary, note the times.", False),
        ("When it comes to money, agree on a limit.", False),
        ("Ask those who know the area.", False),
        ("If you moved in these days, check the lease.", False),
        ("Not always easy to admit, a mistake is still a mistake.", False),
    ],
)
def test_pointing_back_by_a_phrase_is_read_in_general_language(sentence, refers):
    from assistant.evidence import _REFERS_BACK

    assert bool(_REFERS_BACK.search(sentence)) is refers


GARDEN = """Sharing a garden wall

Repairs

Ask your neighbour before you repaint the shared wall and agree on the colour together. The same is true for the thorny matter of climbing plants on the top bricks.

Records

Photograph the wall before any work begins. If you have not already taken these, do it on a dry morning with good light.
"""


@pytest.fixture(scope="module")
def garden_qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("garden"), {"wall.txt": GARDEN})


@pytest.mark.parametrize("question, leaning, before", [
    ("the thorny matter of climbing plants on the top bricks",
     "The same is true for the thorny matter", "Ask your neighbour before you repaint"),
    ("already taken these, do it on a dry morning with good light",
     "If you have not already taken these", "Photograph the wall before any work begins."),
])
def test_a_sentence_pointing_back_by_a_phrase_comes_with_what_it_follows(
        garden_qa, question, leaning, before):
    texts = quoted(garden_qa.ask(question))
    with_it = [t for t in texts if leaning in t]
    assert with_it, texts  # the rule was exercised
    assert all(before in t and t.index(before) < t.index(leaning) for t in with_it), texts
    with without(garden_qa, refers_back=False):
        assert any(t.startswith(leaning) for t in quoted(garden_qa.ask(question)))


def test_a_sentence_pointing_back_at_a_quoted_line_joins_that_quote(garden_qa):
    """What it points back to already quoted in this answer: it goes on at the end of that
    quote rather than stand alone after it; after a line an earlier answer showed, it goes on
    from that line and is quoted alone."""
    import numpy as np

    from assistant.evidence import Scored

    sel = garden_qa._state.selector
    sents = sel.data.sentences
    lean = next(i for i, s in enumerate(sents) if s.text.startswith("The same is true"))
    before = lean - 1
    assert sents[before].text.startswith("Ask your neighbour")
    scored = Scored(None, np.zeros(len(sents)), {before: (0, 0), lean: (0, 0)},
                    {before: 1.0, lean: 0.6}, np.zeros(0))
    assert [e.rows for e in sel.select(scored)] == [[before, lean]]
    old = sel.with_config(replace(sel.config, lean_back_never_alone=False))
    assert [e.rows for e in old.select(scored)] == [[before], [lean]]
    assert [e.rows for e in sel.select(scored, exclude_rows={before})] == [[lean]]


# ---- "the following ..." announces what follows ---------------------------------------------

HOUSE = """Mornings with three children

There is no perfect routine, but sticking to the following house habits will make school mornings calmer for everyone.

1. Lay out school clothes and packed bags the night before. Children who choose their clothes at night argue less in the morning.

2. Keep breakfast simple. A short menu of two choices ends the bargaining at the table.
"""
FOLLOWING = ("There is no perfect routine, but sticking to the following house habits will make "
             "school mornings calmer for everyone.")


def test_the_following_announces_what_follows_without_a_colon(tmp_path):
    from assistant.evidence import _follows_on

    assert _follows_on(FOLLOWING)
    assert not _follows_on("We met again the following week.")
    assert not _follows_on("Bring the following: a towel, a hat and water.")
    qa = assistant_over(tmp_path, {"mornings.txt": HOUSE})
    question = "will sticking to house habits make school mornings calmer for everyone"
    texts = quoted(qa.ask(question))
    assert any(FOLLOWING in t for t in texts), texts  # the rule was exercised
    assert FOLLOWING not in texts, texts  # never alone
    # (its numbered points follow it directly: `run_introduced` reads it as their introduction
    # too)
    with without(qa, following_announces=False, run_introduced=False):
        assert FOLLOWING in quoted(qa.ask(question))


# ---- a numbered point's headline comes with its body ----------------------------------------

def test_a_numbered_headline_comes_with_its_body(tmp_path):
    qa = assistant_over(tmp_path, {"mornings.txt": HOUSE})
    question = "lay out school clothes and packed bags the night before"
    texts = quoted(qa.ask(question))
    with_it = [t for t in texts if "the night before." in t]
    assert with_it, texts  # the rule was exercised
    assert all("argue less in the morning" in t for t in with_it), texts
    with without(qa, headline_body=False):
        assert ("1. Lay out school clothes and packed bags the night before."
                in quoted(qa.ask(question)))


# ---- a line of speech is an example, with what frames it ------------------------------------

SPEECH = """When a teenager pushes back

Hearing it

You're never home, you don't even care about us." But a parent can answer calmly and stay in the room without raising their voice.

Scripts

A few parents keep a card in their wallet for hard evenings.

"I will listen now, and we will talk about the rules tomorrow."
"""
SAID = "You're never home, you don't even care about us."
SCRIPT = '"I will listen now, and we will talk about the rules tomorrow."'


@pytest.fixture(scope="module")
def speech_qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("speech"), {"teen.txt": SPEECH})


def test_a_line_of_speech_comes_with_the_sentence_that_frames_it(speech_qa):
    question = "you're never home, you don't even care about us"
    texts = quoted(speech_qa.ask(question))
    with_it = [t for t in texts if SAID in t]
    assert with_it, texts  # the rule was exercised
    assert all("But a parent can answer calmly" in t for t in with_it), texts
    with without(speech_qa, speech_framed=False):
        assert SAID in quoted(speech_qa.ask(question))


def test_a_line_of_speech_with_nothing_to_frame_it_is_not_quoted_alone(speech_qa):
    question = "I will listen now and we will talk about the rules tomorrow"
    for t in quoted(speech_qa.ask(question)):
        assert t.strip('"“”') != SCRIPT.strip('"'), t
    with without(speech_qa, speech_framed=False):
        assert any(t.strip('"“”') == SCRIPT.strip('"') for t in quoted(speech_qa.ask(question)))


# ---- an article's scene-setting ------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, frames",
    [
        ('As the saying goes, "a stitch in time saves nine."', True),
        ("As they say, practice makes perfect.", True),
        ("There's an old proverb about patience.", True),
        ("The question came up when a reader asked if she could keep the deposit.", True),
        ("It comes as one tenant queried whether the rent could rise.", True),
        ("Ask the landlord if the rent can rise.", False),
        ("If your child asked why, tell the truth.", False),
        ("The saying is wrong about money.", False),
    ],
)
def test_scene_setting_is_read_in_general_language(sentence, frames):
    from assistant.evidence import _FRAMES

    assert bool(_FRAMES.search(sentence)) is frames


FRAMED = """Keeping a deposit

As the saying goes, "a clean flat is a returned deposit."

The question came up when a reader asked if a landlord can keep the whole deposit for a scuffed wall.

Photograph every room on the day you move in and send the pictures to your landlord by email.
"""


def test_a_proverb_and_a_reported_question_are_never_quoted_alone(tmp_path):
    qa = assistant_over(tmp_path, {"deposit.txt": FRAMED})
    for question, line in [
        ("a clean flat is a returned deposit", 'As the saying goes, "a clean flat is a returned deposit."'),
        ("can a landlord keep the whole deposit for a scuffed wall",
         "The question came up when a reader asked if a landlord can keep the whole deposit "
         "for a scuffed wall."),
    ]:
        texts = quoted(qa.ask(question))
        assert line not in texts, texts
        with without(qa, framing=False):
            assert line in quoted(qa.ask(question))


HOOKED = """Quiet evenings at home

Living next to a loud household can be exhausting and upsetting. This post will explore what you can do about it.

Talk first

Knock on the door at a calm moment and describe the noise and the hours it happens.
"""


def test_an_articles_hook_before_it_says_what_it_is_about_is_damped(tmp_path):
    qa = assistant_over(tmp_path, {"quiet.txt": HOOKED})
    sel = qa._state.selector
    hooks = [s.text for s, h in zip(sel.data.sentences, sel.hook) if h]
    assert hooks == ["Living next to a loud household can be exhausting and upsetting."]
    assert not sel.with_config(replace(sel.config, framing=False)).hook.any()


def test_a_paragraph_full_of_article_talk_is_read_in_linear_time(tmp_path):
    """Every index load reads each sentence's kind: an introduction's sentences before "Read on"
    are the article's scene, and "the following" announces unless a colon follows. A paragraph
    of thousands of such sentences walked back to its start from each one, and each "the
    following" scanned to the sentence's end for a colon: quadratic, at every load of an index
    holding such an upload."""
    from assistant.evidence import EvidenceSelector, _follows_on
    from tests.timing import assert_linear, cpu_seconds

    assert_linear(_follows_on, "keep the following in mind ", suffix=".")
    small = assistant_over(tmp_path / "small", {"intro.txt": "Tips\n\n" + "Read on. " * 500 + "\n"})
    large = assistant_over(tmp_path / "large", {"intro.txt": "Tips\n\n" + "Read on. " * 2000 + "\n"})
    quarter = cpu_seconds(lambda: EvidenceSelector(small._state.data), repeats=2)
    whole = cpu_seconds(lambda: EvidenceSelector(large._state.data))
    assert whole < 8 * quarter + 0.05, (quarter, whole)
