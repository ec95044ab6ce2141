"""Quotes that need what they complete (testers' folders of adult-children and sibling-rivalry
pages): a sentence wholly in brackets, the second half of a contrast, a list of options with no
verb, an opening condition about an unnamed "it", a speech in single marks split in two, a quip
after a rhetorical question, the writer's own story at a quote's edge; and a quote opening with
a quotation it closes before its end, as rendered. Each rule is read in general language and
checked on a tiny corpus with the fake embedder, with the rule on and (to show it is what does
it) off."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tests.conftest import assistant_over

HOME = """Sharing a home again

Chores

Grownups help each other in both large and small ways. (Take out the rubbish without being asked. Wash your own plates.) Grownups also respect each other's privacy.

Rough play

Teasing is one thing. Shoving and kicking is another. When play turns rough, parents need to step in.

Work

He needs to find work. At a garden centre, a bakery, the local depot, or wherever he can get hired.

Games

Wrestling is fun only if both children want it. If one child is enjoying it and the other isn't, it has to stop at once.

Replies

Begin with empathy:

‘It sounds like you feel left out of things at home sometimes. That must really hurt.’

Joining in

It is hard to know when to step in. Do I ignore the squabble or do I join in? Good question. Short quarrels between young children often settle themselves within a minute.

Parties

Some parents worry about birthdays and guest lists every year. Whenever my son invited a school friend, his sister wanted to come too. Agree on a simple rule for guests well before the party.
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("home"), {"home.txt": HOME})


def row(sel, start: str) -> int:
    return next(i for i, s in enumerate(sel.data.sentences) if s.text.startswith(start))


def chosen(sel, scores: dict[int, float], **flags) -> list[list[int]]:
    """The rows of the quotes ``sel`` chooses when only ``scores`` are candidates (with
    ``flags`` set on its config)."""
    from assistant.evidence import Scored

    if flags:
        sel = sel.with_config(replace(sel.config, **flags))
    n = len(sel.data.sentences)
    scored = Scored(None, np.zeros(n), {r: (0, 0) for r in scores}, dict(scores), np.zeros(0))
    return [e.rows for e in sel.select(scored)]


# ---- a sentence wholly in brackets is an aside on the sentence before it --------------------

@pytest.mark.parametrize("sentence, aside", [
    ("(Take out the garbage without being asked. Don't leave the bowl in the sink.)", True),
    ("(If it's not fun for both, it's got to stop.)", True),
    ("(Play fights are permitted.)", True),
    ("(Yes, really.)", True),
    ("(a) Keep receipts for a year.", False),
    ("(1) Ask first.", False),
    ("(Honestly) it is fine to say no.", False),
    ("(Ask first) and (wait for an answer).", False),
    ("Take out the garbage (without being asked).", False),
])
def test_a_sentence_wholly_in_brackets_is_told_apart(sentence, aside):
    from assistant.evidence import is_aside

    assert is_aside(sentence) is aside


def test_a_sentence_wholly_in_brackets_comes_with_the_sentence_before_it(home):
    sel = home._state.selector
    aside, before = row(sel, "(Take out the rubbish"), row(sel, "Grownups help each other")
    assert chosen(sel, {aside: 1.0}) == [[before, aside]]
    assert chosen(sel, {aside: 1.0}, aside_leans_back=False) == [[aside]]


# ---- a sentence that only completes the one before it ---------------------------------------

@pytest.mark.parametrize("sentence, completes", [
    ("Hitting, pushing, and hurting is another.", True),
    ("Saying it is one thing; doing it is quite another.", True),
    ("That’s another story.", True),
    ("At a fast-food drive-thru, a landscaping crew, the warehouse, or wherever he can get hired.",
     True),
    ("If one child is enjoying it and the other isn't, it's recreational assault.", True),
    ("When you can't do it alone, ask for help.", True),
    # not completing anything
    ("They love one another.", False),
    ("Ask one another for help.", False),
    ("If it rains, stay indoors.", False),
    ("When it comes to money, agree on a limit.", False),
    ("If you keep a diary, note the times.", False),
    ("In the end, the kids fought, and we laughed.", False),
    ("At home, kids fight, and parents shout.", False),
    ("At a party, a friend of mine told me this.", False),
])
def test_a_sentence_that_completes_another_is_read_in_general_language(sentence, completes):
    from assistant.evidence import _ELLIPTICAL

    assert bool(_ELLIPTICAL.search(sentence)) is completes


@pytest.mark.parametrize("start, before", [
    ("Shoving and kicking is another.", "Teasing is one thing."),
    ("At a garden centre", "He needs to find work."),
    ("If one child is enjoying it", "Wrestling is fun only if"),
])
def test_a_sentence_that_completes_another_comes_with_it(home, start, before):
    sel = home._state.selector
    r, b = row(sel, start), row(sel, before)
    with_it = chosen(sel, {r: 1.0})
    assert len(with_it) == 1 and with_it[0][:2] == [b, r], with_it
    assert b not in chosen(sel, {r: 1.0}, elliptical=False)[0]


# ---- single curly quotation marks pair up ---------------------------------------------------

@pytest.mark.parametrize("text, opens, closes", [
    ("‘It sounds like you feel I take your sibling’s side sometimes.", [0], []),
    ("That must really hurt you.’", [], [26]),
    ("‘It sounds like that. That must hurt.’", [], []),
    ("The parents’ rules and the kids’ games", [], []),
    ("the ‘fairness trap’ agonize over the parents’ guilt", [], []),
    ("back in the ’90s it was rock ’n’ roll", [], []),
    ("“He said ‘no’ to me,” she wrote.", [], []),
])
def test_single_marks_pair_up_apart_from_apostrophes(text, opens, closes):
    from assistant.evidence import unpaired_marks

    assert unpaired_marks(text, single=True) == (opens, closes)
    assert unpaired_marks(text) == ([], [])  # double marks only, as before


def test_a_speech_in_single_marks_is_not_split(home):
    sel = home._state.selector
    first, second = row(sel, "‘It sounds like"), row(sel, "That must really hurt.")
    assert [first, second] in chosen(sel, {first: 1.0})
    assert [first] in chosen(sel, {first: 1.0}, single_marks=False)


# ---- a quip after a question is no answer to it --------------------------------------------

@pytest.mark.parametrize("sentence, quip", [
    ("Good question.", True), ("That's a good question!", True), ("Fair enough.", True),
    ("A tough one.", True), ("Good questions lead to good answers.", False),
    ("Fair enough, but ask first.", False), ("Question everything.", False),
])
def test_a_quip_is_told_apart(sentence, quip):
    from assistant.evidence import _QUIP

    assert bool(_QUIP.match(sentence)) is quip


def test_a_question_and_its_quip_are_quoted_with_the_answer_after_them(home):
    sel = home._state.selector
    ask, quip = row(sel, "Do I ignore the squabble"), row(sel, "Good question.")
    answer = row(sel, "Short quarrels")
    assert sel.follow[ask][0] == answer  # its relevance goes past the quip to the answer
    assert chosen(sel, {ask: 1.0}) == [[ask, quip, answer]]
    assert chosen(sel, {ask: 1.0}, quip_not_answer=False) == [[ask, quip]]
    # the quip is chosen for nothing of its own; a quote never ends on it
    assert chosen(sel, {quip: 1.0}) == []
    assert chosen(sel, {quip: 1.0}, quip_not_answer=False) != []


# ---- the writer's own story is no quote's reason, nor its edge ------------------------------

def test_the_writers_story_is_not_chosen_nor_left_at_a_quotes_edge(home):
    sel = home._state.selector
    story, advice = row(sel, "Whenever my son invited"), row(sel, "Agree on a simple rule")
    assert chosen(sel, {story: 1.0}) == []
    assert chosen(sel, {story: 1.0}, story_unchosen=False) == [[story]]
    assert chosen(sel, {advice: 1.0, story: 0.95}) == [[advice]]
    assert chosen(sel, {advice: 1.0, story: 0.95}, story_edges=False) == [[story, advice]]


def test_the_rules_hold_end_to_end(home):
    texts = [q.text for q in home.ask("shoving and kicking is another").quotes]
    assert any(t.startswith("Teasing is one thing. Shoving") for t in texts), texts
    assert not any(t.startswith("Shoving") for t in texts), texts


# ---- a quote opening with its own quotation mark, as rendered ------------------------------

@pytest.mark.parametrize("text, shown", [
    ("“Play fighting by mutual consent only.” (If it’s not fun for both, it’s got to stop.)",
     "““Play fighting by mutual consent only.” (If it’s not fun for both, it’s got to stop.)”"),
    ("“You two sound mad at each other!”", "“You two sound mad at each other!”"),
    ("‘It sounds like you feel I take your sibling’s side. That must hurt.’",
     "‘It sounds like you feel I take your sibling’s side. That must hurt.’"),
    ('"Hi," she said.', '“"Hi," she said.”'),
    ('"Stop now."', '"Stop now."'),
    ("Plain words.", "“Plain words.”"),
])
def test_a_quote_gets_outer_marks_unless_it_is_one_quotation_of_its_own(text, shown):
    from assistant.composer import quoted

    assert quoted(text) == shown


def test_only_the_writers_own_story_is_kept_from_choosing(tmp_path):
    """"As I said, ..." points back and tells no story; "we" is anyone's (dev: "As I said, trust
    takes time to achieve..." and "Often we can be deeply in love..." are answers)."""
    text = ("Waiting\n\nBe patient with him. As I said, trust takes time to achieve and was never "
            "quick. Often we can be deeply in love, but what was once calm turned sour. "
            "When I was a child my mother moved house every year.\n")
    sel = assistant_over(tmp_path, {"wait.txt": text})._state.selector
    said, we, mine = row(sel, "As I said"), row(sel, "Often we can"), row(sel, "When I was a child")
    assert sel.story[said] and sel.story[we] and sel.story[mine]  # all three read as story...
    assert not sel.told[said] and sel.told[we] and not sel.own_story[we] and sel.own_story[mine]
    assert chosen(sel, {said: 1.0}) == [[said]]  # ...but only the writer's own is never chosen
    assert chosen(sel, {we: 1.0}) == [[we]]
    assert chosen(sel, {mine: 1.0}) == []
