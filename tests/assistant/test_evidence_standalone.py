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
    # (joining neighbours would bring them together too: off as well, to show the rule)
    with without(garden_qa, refers_back=False, join_neighbours=False):
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
    old = sel.with_config(replace(sel.config, lean_back_never_alone=False,
                                  join_neighbours=False))
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
    with without(qa, headline_body=False, join_neighbours=False):
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


# ---- a numbered list written one item a line: each item is its own ---------------------------

ONE_A_LINE = """Getting back to sleep

Waking in the small hours is common. Here are some tips that can help you get back to sleep.

  1. Stop watching the clock. Marking off the minutes only raises your worry about being awake.
  2. Relax your body from your toes up. Tense each muscle group for five seconds, then let it go.
  3. Leave the bedroom after twenty minutes. Read something dull in another room until drowsy.
"""


def test_each_numbered_line_is_an_item_of_its_own(tmp_path):
    """A headline comes with its own body, and no quote runs from one item into the next
    item's headline ("...then let it go.\\n  3. Leave the bedroom...")."""
    qa = assistant_over(tmp_path, {"sleep.txt": ONE_A_LINE})
    questions = ["should i stop watching the clock when i wake up",
                 "how do i relax my body and tense each muscle group",
                 "leave the bedroom after twenty minutes awake"]
    texts = [t for q in questions for t in quoted(qa.ask(q))]
    headlines = ("Stop watching the clock.", "Relax your body from your toes up.",
                 "Leave the bedroom after twenty minutes.")
    assert any(h in t for h in headlines for t in texts), texts  # the rule was exercised
    for t in texts:
        # an item's headline with its body...
        for head, body in zip(headlines, ("Marking off the minutes", "Tense each muscle",
                                          "Read something dull")):
            assert head not in t or body in t, texts
        # ...and never the end of one item with the next item's number and headline
        assert "\n" not in t, texts
    with without(qa, item_per_line=False):  # the list read as one paragraph
        off = [t for q in questions for t in quoted(qa.ask(q))]
        assert any("\n" in t or t in headlines or t[3:] in headlines for t in off), off


KITCHEN = """Sharing a kitchen

Everyone has been there. Here is what helped our readers.

  1. Don't be passive: Talk about it early, before resentment builds.
  2. Try a chore schedule: Work together on a list of chores and when they are done.
  3. Consider the relationship: Are you friends? If this roommate is a friend, have an honest talk. Share why a clean home matters to you. Mutual respect goes a long way. If things don't change, bring in an RA to mediate.
"""


def test_a_numbered_headline_quoted_before_the_rest_of_its_item_brings_its_body(tmp_path):
    """"3. Consider the relationship: Are you friends?" alone names a point and asks the
    reader a question nobody answers: it comes with the sentence after it."""
    qa = assistant_over(tmp_path, {"kitchen.txt": KITCHEN})
    texts = [t for q in ("when should I bring in an RA to mediate",
                         "mutual respect and a clean home")
             for t in quoted(qa.ask(q))]
    with_it = [t for t in texts if "Are you friends?" in t]
    assert with_it, texts  # the rule was exercised
    assert all("If this roommate is a friend" in t for t in with_it), texts
    assert all("\n" not in t for t in texts), texts


# ---- a quote that goes straight on from another is shown with it ----------------------------

def test_two_chosen_quotes_one_going_on_from_the_other_are_one_quote(tmp_path):
    """"Find time to talk..." and "Next, be ready to suggest..." chosen apart (each at the
    length cap) read as one passage, not two quotes that each stop short."""
    import numpy as np

    from assistant.evidence import Scored

    qa = assistant_over(tmp_path, {"talk.txt": (
        "Talking it through\n\nFind some time to talk to your roommate in private. "
        "Talk about what clean means to each of you. "
        "Next, be ready to suggest some ways to tackle the mess.\n\n"
        "Another paragraph says something else entirely.\n")})
    sel = qa._state.selector
    sents = sel.data.sentences
    a = next(i for i, s in enumerate(sents) if s.text.startswith("Find some time"))
    rows = {a: (0, 0), a + 1: (0, 0), a + 2: (0, 0)}
    scored = Scored(None, np.zeros(len(sents)), rows, {a: 1.0, a + 1: 0.95, a + 2: 0.9},
                    np.zeros(0))
    capped = sel.with_config(replace(sel.config, max_sentences_per_quote=2))
    assert [e.rows for e in capped.select(scored)] == [[a, a + 1, a + 2]]
    quote = capped.select(scored)[0]
    text = sel.data.documents[quote.doc_id].text
    assert text[quote.start:quote.end].endswith("ways to tackle the mess.")
    apart = capped.with_config(replace(capped.config, join_neighbours=False))
    assert [e.rows for e in apart.select(scored)] == [[a, a + 1], [a + 2]]


def test_a_promise_of_the_tips_listed_comes_with_them_or_not_at_all(tmp_path):
    """"...hopefully the tips listed will help you get a better night's sleep." answers nothing
    alone (it matched every sleep question of a tester's folder): as "the tips below" does, it
    comes with what it announces."""
    qa = assistant_over(tmp_path, {"sleep.md": (
        "# Sleeping well\n\nSo, if you struggle to sleep, hopefully the tips listed will help "
        "you get a better night's sleep.\n\n"
        "  * Keep your bedroom dark and cool. Cover any glowing screens.\n"
        "  * Stop caffeine after noon. Even chocolate can keep you up.\n")})
    question = "will the tips listed help me get a better night's sleep"
    promise = "hopefully the tips listed will help you"
    # (a paragraph's last line right over bullets introduces them anyway, `run_introduced`:
    # off, to show this rule)
    with without(qa, run_introduced=False):
        texts = quoted(qa.ask(question))
        assert any(promise in t for t in texts), texts  # the rule was exercised
        assert all("Keep your bedroom dark" in t for t in texts if promise in t), texts
    with without(qa, run_introduced=False, below_announces=False, join_neighbours=False):
        assert any(t.startswith("So, if you struggle") and t.endswith("sleep.")
                   for t in quoted(qa.ask(question)))
