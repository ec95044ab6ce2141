"""Follow-up questions: understood in their conversation, no quote repeated unless asked,
a standalone question answered as if asked first."""

from __future__ import annotations

import re

import pytest

from assistant.conversation import is_follow_up, resolve
from ingest.errors import InputError
from tests.timing import cpu_seconds

FIRST = "should I give him my passwords so he stops worrying?"


def test_follow_ups_lean_on_the_turn_before():
    assert is_follow_up("and if he still doesn't trust me after that?")
    assert is_follow_up("why?")
    assert is_follow_up("say more about the therapy part")
    assert not is_follow_up("how do I get my husband to trust me again after I lied to him "
                            "about where I was last weekend?")
    turn = resolve("why?", [{"question": FIRST, "answer": {}}])
    assert turn.follow_up and turn.search == f"why? {FIRST}" and turn.judge == turn.search


def test_a_follow_up_with_its_own_topic_is_judged_on_its_own():
    turn = resolve("ok and what's a good gift for our anniversary dinner?",
                   [{"question": FIRST, "answer": {}}])
    assert turn.follow_up and turn.judge == "ok and what's a good gift for our anniversary dinner?"


@pytest.mark.parametrize("turn", [
    "he flat out refuses to go. is that a red flag?",
    "why shouldn't i keep stuff from her if it's harmless",
    "and if nothing has changed after like a year?",
    "she had a rough childhood if that matters",
    "so should i just quit the game to make her happy?",
    "tell me more about the its not only my job part",
])
def test_a_turn_that_leans_on_the_conversation_is_judged_in_it(turn):
    # words of its own, but asked about what was said: judged with the turn it follows, so
    # it is not declined as if it had left the articles
    resolved = resolve(turn, [{"question": FIRST, "answer": {}}])
    assert resolved.follow_up and resolved.judge == resolved.search == f"{turn} {FIRST}"


def test_without_history_nothing_changes():
    turn = resolve("why?", [])
    assert not turn.follow_up and turn.search == turn.judge == "why?"


@pytest.mark.parametrize("history", ["not a list", [{"answer": {}}], [{"question": 3}],
                                     [{"question": "q", "answer": "text"}],
                                     [{"question": "q", "answer": {"quotes": 5}}],
                                     [{"question": "q", "answer": {"quotes": True}}]])
def test_malformed_history_is_an_input_error(fake_assistant, history):
    with pytest.raises(InputError):
        fake_assistant.ask("why?", history=history)


def _spans(answer):
    return {(q.doc_id, q.start, q.end) for q in answer.quotes}


def _overlaps(a, b) -> bool:
    return a[0] == b[0] and min(a[2], b[2]) > max(a[1], b[1])


def test_a_follow_up_does_not_repeat_quotes(fake_assistant):
    qa = fake_assistant
    first = qa.ask(FIRST)
    follow = qa.ask("and if he still doesn't trust me after that?",
                    history=[{"question": FIRST, "answer": first.to_dict()}])
    assert first.quotes and follow.quotes
    assert not any(_overlaps(a, b) for a in _spans(first) for b in _spans(follow))


def test_asking_again_may_repeat(fake_assistant):
    qa = fake_assistant
    first = qa.ask(FIRST)
    again = qa.ask("say that again about the passwords",
                   history=[{"question": FIRST, "answer": first.to_dict()}])
    assert any(_overlaps(a, b) for a in _spans(first) for b in _spans(again))


def test_a_standalone_question_mid_conversation_is_answered_on_its_own_words(fake_assistant):
    qa = fake_assistant
    first = qa.ask(FIRST)
    q = "how can couples therapy help a partner with trust issues from a past relationship?"
    turn = resolve(q, [{"question": FIRST, "answer": first.to_dict()}])
    assert not turn.follow_up and turn.search == turn.judge == q
    mid = qa.ask(q, history=[{"question": FIRST, "answer": first.to_dict()}])
    assert mid.quotes and not any(_overlaps(a, b) for a in _spans(first) for b in _spans(mid))


def test_a_follow_up_to_a_danger_keeps_the_safety_notice(fake_assistant):
    qa = fake_assistant
    first_q = "my boyfriend threatened to hurt me if I go out with my friends"
    first = qa.ask(first_q)
    assert first.safety
    follow = qa.ask("what should i do", history=[{"question": first_q,
                                                 "answer": first.to_dict()}])
    assert follow.safety and "emergency services" in follow.markdown
    # the same words after an ordinary question carry no notice
    calm = qa.ask("what should i do", history=[{"question": FIRST, "answer": {}}])
    assert not calm.safety
    # a turn with a topic of its own is judged on its own words
    gift = resolve("ok and what's a good gift for our anniversary dinner?",
                   [{"question": first_q, "answer": first.to_dict()}])
    assert gift.judge == "ok and what's a good gift for our anniversary dinner?"
    assert not qa.ask(gift.judge, history=[{"question": first_q,
                                            "answer": first.to_dict()}]).safety


@pytest.mark.parametrize("turn, expected", [
    ("what if it's my wife, not my boyfriend?", "My wife doesn't trust me, what do I do?"),
    ("and if it was my girlfriend instead of my boyfriend?",
     "My girlfriend doesn't trust me, what do I do?"),
    ("what about a husband rather than a boyfriend", "My husband doesn't trust me, what do I do?"),
    ("what if its my wife not my bf?", "My wife doesn't trust me, what do I do?"),
])
def test_a_swap_is_the_earlier_question_with_the_swap_made(turn, expected):
    history = [{"question": "My boyfriend doesn't trust me, what do I do?", "answer": {}}]
    resolved = resolve(turn, history)
    assert resolved.follow_up and resolved.search == resolved.judge == expected


def test_a_swap_into_a_long_word_is_read_as_far_as_a_question(tmp_path):
    """Twenty-fourth audit: "what if it's my xxx… (1,975 x's), not a?" after turns of "a a a …"
    put the long word in place of each of their 3,000 "a"s: a 6 MB question that every safety
    rule read, half a second of the server's CPU for 14 KB sent. The rewrite ends one
    question's length past the turns it rewrites (a real swap changes a few words)."""
    from tests.conftest import assistant_over

    turns = [{"question": ("a " * 1000)[:2000]}] + [{"question": "why a " + "a " * 997}] * 5
    swap = "what if it's my " + "x" * 1975 + ", not a?"
    resolved = resolve(swap, turns)
    assert resolved.follow_up and resolved.search.startswith("why " + "x" * 1975 + " " + "x" * 1975)
    assert len(resolved.search) <= 3 * 2001 + 2000
    qa = assistant_over(tmp_path, {"trust.txt": "Trust\n\nKeep your word, every day.\n"})
    qa.ask("how do i keep my word")
    assert cpu_seconds(lambda: qa.ask(swap, history=turns), repeats=2) < 0.2  # it took 0.5 s


@pytest.mark.parametrize("turn", ["what if it's my wife, not my husband?",  # nothing to swap
                                  "what if he is not my boyfriend", "why not my boyfriend?"])
def test_a_turn_that_swaps_nothing_is_an_ordinary_follow_up(turn):
    history = [{"question": "My boyfriend doesn't trust me, what do I do?", "answer": {}}]
    resolved = resolve(turn, history)
    assert resolved.search == f"{turn} My boyfriend doesn't trust me, what do I do?"


def test_a_chain_of_follow_ups_keeps_its_topic():
    history = [{"question": "my boyfriend doesn't trust me", "answer": {}},
               {"question": "why?", "answer": {}}]
    turn = resolve("how do i fix it", history)
    assert turn.search == "how do i fix it my boyfriend doesn't trust me why?"


@pytest.mark.slow
def test_follow_ups_with_the_real_model(real_assistant):
    qa = real_assistant
    history = []
    for q in (FIRST, "and if he still doesn't trust me after that?", "why?"):
        a = qa.ask(q, history=history)
        assert not a.abstained and a.quotes, q
        history.append({"question": q, "answer": a.to_dict()})
    gift = qa.ask("ok and what's a good gift for our anniversary?", history=history)
    assert gift.abstained and gift.coverage == "none"


def test_a_history_of_many_quotes_over_a_long_article_is_read_quickly(tmp_path):
    """A client may send any quotes as already shown; 1,000 spans over a 12,000-sentence
    article took 1.4 s when each span walked the article's sentences on its own."""
    from tests.conftest import assistant_over

    body = "\n\n".join(f"Trust grows slowly between partner number {i}. Talk about it openly "
                       "every day." for i in range(6000))
    qa = assistant_over(tmp_path, {"big.txt": "Big Article\n\n" + body})
    first = qa.ask("how does trust grow between partners")
    spans = [{"doc_id": "big", "start": i, "end": 10**9} for i in range(1000)]
    history = [{"question": first.question, "answer": {"quotes": spans}}]
    answers = []
    assert cpu_seconds(lambda: answers.append(qa.ask("and why?", history=history))) < 0.5
    again = answers[0]
    assert not again.quotes  # every sentence from offset 0 on was shown already


def test_go_on_after_a_history_of_many_quotes_is_answered_quickly(tmp_path):
    """"go on" reads on from the last answer's quotes; a client sending 1,400 of them over a
    long article held the server for 10-20 s (each walk stepped over the rows the others took).
    It still goes on from what an answer really showed."""
    from tests.conftest import assistant_over

    body = "\n\n".join(f"Trust grows slowly between partner number {i}. Talk about it openly "
                       "every day." for i in range(3000))
    qa = assistant_over(tmp_path, {"big.txt": "Big Article\n\n" + body})
    first = qa.ask("how does trust grow between partners")
    text = qa.document("big").text
    starts = [m.start() for m in re.finditer("Trust grows", text)]
    spans = [{"doc_id": "big", "start": a, "end": a + 10} for a in starts[:1400]]
    history = [{"question": first.question, "answer": {"quotes": spans}}]
    assert cpu_seconds(lambda: qa.ask("go on", history=history)) < 1.0
    shown = [{"question": first.question, "answer": first.to_dict()}]
    following = qa.ask("go on", history=shown)
    assert following.quotes and not set(q.text for q in following.quotes) & set(
        q.text for q in first.quotes)


def test_a_follow_up_to_a_long_letter_is_searched_with_its_own_words(fake_assistant):
    """The turn is searched, within what the model reads; a 2,000-character letter before it
    used to push the follow-up's own words out of the search text."""
    from index.queries import EMBED_CHARS

    letter = ("We have been together for years and I have always been honest with him. " * 34
              + "How do I get him to trust me?")
    assert len(letter) > 2000
    turn = resolve("say more about therapy", [{"question": letter, "answer": {}}])
    query = fake_assistant.retriever.prepare("say more about therapy", search=turn.search)
    assert "say more about therapy" in query.text[:EMBED_CHARS]


@pytest.mark.parametrize("turn, recall, goes_on", [
    ("say that again", True, False),
    ("sorry can you say that last part again", True, False),
    ("wait say again the bit about her dad", True, False),
    ("can you repeat that", True, False),
    ("how do i get him to trust me again", False, False),  # says "again", asks something new
    ("go on", False, True),
    ("ok so then what", False, True),
    ("and after that?", False, True),
    ("tell me more about the therapy part", False, False),  # has words of its own
])
def test_what_a_short_turn_asks_of_the_last_answer(turn, recall, goes_on):
    shown = {"quotes": [{"doc_id": "d", "start": 0, "end": 10}]}
    t = resolve(turn, [{"question": FIRST, "answer": shown}])
    assert (t.recall, t.goes_on) == (recall, goes_on)


def _history(*turns):
    return [{"question": q, "answer": a.to_dict()} for q, a in turns]


def test_asking_to_hear_it_again_repeats_what_was_shown(fake_assistant):
    qa = fake_assistant
    first = qa.ask(FIRST)
    again = qa.ask("sorry, can you say that again?", history=_history((FIRST, first)))
    assert again.quotes and not again.abstained
    assert _spans(again) <= _spans(first)  # nothing new, word for word what was shown
    doc = qa.document(again.quotes[0].doc_id)
    assert all(doc.text[q.start:q.end] == q.text for q in again.quotes
               if q.doc_id == doc.doc_id)


@pytest.mark.parametrize("turn, end", [("sorry can you say that last part again", -1),
                                       ("read me the first bit again", 0)])
def test_asking_again_for_the_last_or_first_part_gives_that_quote(fake_assistant, turn, end):
    qa = fake_assistant
    first = qa.ask(FIRST)
    assert len(first.quotes) >= 2  # the rule is exercised
    again = qa.ask(turn, history=_history((FIRST, first)))
    q = first.quotes[end]
    assert _spans(again) == {(q.doc_id, q.start, q.end)}


def test_asking_again_for_one_part_picks_the_shown_quote_about_it(fake_assistant):
    qa = fake_assistant
    first = qa.ask(FIRST)
    second_q = "how can couples therapy help a partner with trust issues from a past relationship?"
    second = qa.ask(second_q, history=_history((FIRST, first)))
    again = qa.ask("wait, say again the bit about therapy",
                   history=_history((FIRST, first), (second_q, second)))
    shown = first.quotes + second.quotes
    assert any("therap" in (q.text + q.section).lower() for q in shown)  # the rule is exercised
    assert again.quotes and _spans(again) <= {(q.doc_id, q.start, q.end) for q in shown}
    assert all("therap" in (q.text + q.section).lower() for q in again.quotes), again.quotes


def test_a_recalled_span_must_be_a_real_quote(fake_assistant):
    """A client's history may name any span: one beyond an article or longer than an answer
    is never echoed back; with nothing valid shown, the turn is answered as usual."""
    qa = fake_assistant
    doc = qa.documents()[0]
    bogus = {"quotes": [{"doc_id": doc.doc_id, "start": 0, "end": len(doc.text)},
                        {"doc_id": doc.doc_id, "start": 5, "end": len(doc.text) + 99},
                        {"doc_id": "no-such-article", "start": 0, "end": 10}]}
    again = qa.ask("say that again", history=[{"question": FIRST, "answer": bogus}])
    assert all(q.end - q.start <= qa.selector.config.max_chars for q in again.quotes)
    assert all(qa.document(q.doc_id).text[q.start:q.end] == q.text for q in again.quotes)


def test_go_on_continues_where_the_last_answer_stopped(tmp_path):
    from tests.conftest import assistant_over

    steps = ("Rebuilding trust\n\nList what went wrong between you, calmly and without blame. "
             "Then agree on one small promise for the coming week. Keep that promise, even "
             "when it is inconvenient. After a month, talk about what changed.\n\nWhy it takes time\n\nRebuilding trust takes time: "
             "start rebuilding trust slowly, and trust will start to come back.\n")
    qa = assistant_over(tmp_path, {"steps.txt": steps})
    first = qa.ask("what went wrong between you, calmly and without blame", max_quotes=1)
    assert first.quotes and first.quotes[0].text.startswith("List what went wrong")
    history = _history(("how do we start rebuilding trust?", first))
    more = qa.ask("go on", history=history)
    assert more.quotes, more
    assert more.quotes[0].text.startswith(("Then agree", "Keep that promise", "After a month")), \
        [q.text for q in more.quotes]


@pytest.mark.parametrize("turn, about", [("can therapy help with that?", "therap"),
                                         ("is it abuse if he reads my email", "abus")])
def test_a_follow_up_is_answered_about_its_own_words(fake_assistant, turn, about):
    """Read only in its conversation, "can therapy help with that?" was answered about the
    first question again; its sentences are now scored against its own words too."""
    qa = fake_assistant
    first_q = "my boyfriend doesn't trust me, what do i do"
    first = qa.ask(first_q)
    assert not any(about in q.text.lower() for q in first.quotes)  # nothing to lean on
    follow = qa.ask(turn, history=_history((first_q, first)))
    assert about in follow.quotes[0].text.lower(), [q.text[:60] for q in follow.quotes]


def test_say_more_goes_on_from_what_the_last_answer_said(tmp_path):
    """After an answer about keeping promises, "say more" is about promises: the follow-up is
    read with what the last answer quoted, not only with the question it followed (which would
    bring back the lines on rebuilding trust after a lie)."""
    from tests.conftest import assistant_over

    text = ("Rebuilding Trust\n\n"
            "Rebuilding trust after a lie takes patience from both partners.\n\n"
            "Every small promise you keep, even an inconvenient one, shows you mean what you "
            "say.\n\n"
            "Trust after a lie grows back slowly, and patience helps both partners.\n\n"
            "Couples counselling gives partners a calm place to talk.\n\n"
            "Keep every small promise you make, even the inconvenient ones.\n")
    qa = assistant_over(tmp_path, {"trust.txt": text})
    doc = qa.documents()[0]
    start = doc.text.index("Keep every small promise")
    shown = {"doc_id": doc.doc_id, "start": start, "end": len(doc.text.rstrip())}
    history = [{"question": "how do we rebuild trust after a lie?",
                "answer": {"quotes": [shown]}}]
    more = qa.ask("say more", history=history, max_quotes=1)
    assert [q.text for q in more.quotes] == [
        "Every small promise you keep, even an inconvenient one, shows you mean what you say."]
    # the same turn without that answer goes back to the question's own words
    alone = qa.ask("say more", history=[{"question": history[0]["question"], "answer": {}}],
                   max_quotes=1)
    assert alone.quotes[0].text.startswith("Rebuilding trust after a lie")


def test_a_list_item_in_a_follow_up_comes_with_its_lead_in_again(tmp_path):
    """Turn 1 showed the list's lead-in; turn 2's item alone ("withholding the rent until the
    repairs are made") would say nothing, so the lead-in comes along again."""
    from tests.conftest import assistant_over

    text = ("Options When Repairs Are Not Made\n\n"
            "If your landlord has not fixed a serious problem, it might be time for stronger "
            "measures. Depending on the law where you live, your options might include one or "
            "more of the following:\n\n"
            "repairing the problem yourself and deducting the cost from your rent\n\n"
            "withholding the rent until the repairs are made\n\n"
            "moving out of the rental unit\n\n"
            "Deposits\n\nThe landlord must return your deposit within thirty days of the "
            "move, with a written list of any deductions.\n")
    qa = assistant_over(tmp_path, {"repairs.txt": text})
    lead = "your options might include one or more of the following:"
    first = qa.ask("can I repair the problem myself and deduct the cost from my rent?",
                   max_quotes=1)
    assert any(lead in q.text for q in first.quotes)
    assert not any(q.text.startswith("withholding") for q in first.quotes)
    second = qa.ask("and withholding the rent until the repairs are made?",
                    history=[{"question": first.question, "answer": first.to_dict()}])
    texts = [q.text for q in second.quotes]
    item = next(i for i, t in enumerate(texts) if t.startswith("withholding the rent"))
    assert item > 0 and lead in texts[item - 1]


def test_go_on_past_a_long_run_of_page_clutter_is_answered_quickly(tmp_path):
    """A "go on" walked past each of the last answer's quotes to the article's end looking for
    lines to add: behind 170,000 lines of "Read more »" that took 0.65 s a request."""
    from tests.conftest import assistant_over

    advice = "\n\n".join(f"Trust grows slowly when partner {i} keeps small promises." for i in range(20))
    clutter = "\n".join("Read more »" for _ in range(40000))
    qa = assistant_over(tmp_path, {"page.txt": "Trust Page\n\n" + advice + "\n\n" + clutter})
    text = qa.document("page").text
    spans = [{"doc_id": "page", "start": m.start(), "end": m.end()}
             for m in re.finditer(r"Trust grows slowly when partner \d+ keeps small promises\.", text)]
    history = [{"question": "how does trust grow", "answer": {"quotes": spans[-20:]}}]
    qa.ask("go on", history=history)  # warm
    # CPU time, which other work on the machine does not inflate: 0.002 s; 0.05 s when it walked on
    assert cpu_seconds(lambda: qa.ask("go on", history=history), repeats=5) < 0.02


@pytest.mark.parametrize("turn, about", [
    ("say more about the therapy part", "the therapy part"),
    ("ok tell me more about understanding his past?", "understanding his past"),
    ("what do you mean he needs to do the work", "he needs to do the work"),
    ("tell me more", ""),  # a bare request to go on names nothing
    ("how does therapy help", ""),
])
def test_a_turn_asking_about_a_part_of_the_answer_names_it(turn, about):
    shown = {"quotes": [{"doc_id": "d", "start": 0, "end": 10}]}
    assert resolve(turn, [{"question": FIRST, "answer": shown}]).about == about
    assert resolve(turn, [{"question": FIRST, "answer": {}}]).about == ""  # nothing shown


def test_a_slice_of_an_article_sent_as_history_is_not_handed_back_as_a_quote(tmp_path):
    """Nineteenth audit (low): a client's history may hold any slice of an article; one cut
    mid-word and running past its sentence came back, as written, as quote [1] of "say more
    about ..." and "say ... again". Only spans that begin and end with sentences are quotes."""
    from tests.conftest import assistant_over

    text = ("Rebuilding Trust\n\n"
            "Keep every small promise you make, even the inconvenient ones.\n\n"
            "Couples counselling gives partners a calm place to talk.\n\n"
            "A counsellor helps both partners hear each other without blame.\n")
    qa = assistant_over(tmp_path, {"trust.txt": text})
    doc = qa.documents()[0]
    line = "Couples counselling gives partners a calm place to talk."
    start = doc.text.index(line)
    for a, b in ((start + 3, start + len(line) + 40), (start, start + len(line) + 40)):
        history = [{"question": "how do we rebuild trust?",
                    "answer": {"quotes": [{"doc_id": doc.doc_id, "start": a, "end": b}]}}]
        for ask in ("say more about the counselling part", "say the counselling bit again"):
            ans = qa.ask(ask, history=history)
            assert all((q.start, q.end) != (a, b) for q in ans.quotes), (ask, a, b)
    whole = [{"question": "how do we rebuild trust?",
              "answer": {"quotes": [{"doc_id": doc.doc_id, "start": start,
                                     "end": start + len(line)}]}}]
    again = qa.ask("say the counselling bit again", history=whole)
    assert [q.text for q in again.quotes] == [line]


def test_say_more_about_a_part_quotes_that_part_then_what_is_new(tmp_path):
    """"say more about the counselling part": the counselling line shown before leads, so the
    new lines are read beside what they say more of, and nothing else shown comes back. It
    used to be left out like any shown quote, the new lines standing alone."""
    from tests.conftest import assistant_over

    text = ("Rebuilding Trust\n\n"
            "Keep every small promise you make, even the inconvenient ones.\n\n"
            "Couples counselling gives partners a calm place to talk.\n\n"
            "A counsellor helps both partners hear each other without blame.\n\n"
            "Counselling works best when both partners choose to go.\n\n"
            "Trust after a lie grows back slowly, one kept promise at a time.\n")
    qa = assistant_over(tmp_path, {"trust.txt": text})
    doc = qa.documents()[0]

    def span(line):
        start = doc.text.index(line)
        return {"doc_id": doc.doc_id, "start": start, "end": start + len(line)}

    promise = span("Keep every small promise you make, even the inconvenient ones.")
    counselling = span("Couples counselling gives partners a calm place to talk.")
    history = [{"question": "how do we rebuild trust after a lie?",
                "answer": {"quotes": [promise, counselling]}}]
    more = qa.ask("say more about the counselling part", history=history)
    spans = [(q.doc_id, q.start, q.end) for q in more.quotes]
    assert spans[0] == (doc.doc_id, counselling["start"], counselling["end"]), spans
    assert len(spans) >= 2  # then lines not shown yet
    assert (doc.doc_id, promise["start"], promise["end"]) not in spans
    assert all(min(b, counselling["end"]) <= max(a, counselling["start"])
               for _, a, b in spans[1:])
    assert all(doc.text[q.start:q.end] == q.text for q in more.quotes)
    assert len(more.quotes) <= qa.selector.config.max_quotes
    assert sum(len(q.text) for q in more.quotes) <= qa.selector.config.max_chars
    # asked for one quote, it is the part named
    one = qa.ask("say more about the counselling part", history=history, max_quotes=1)
    assert [(q.start, q.end) for q in one.quotes] == [(counselling["start"], counselling["end"])]


def test_a_go_on_padded_with_spaces_is_read_in_linear_time():
    """"and", a run of spaces and a word had the run split every way between the last word
    and the line's end when asked whether the follow-up only says "go on" (`_CONTINUE`): 30 ms
    a 2,000-character question, the square of its length (twenty-fifth audit)."""
    from assistant.conversation import _CONTINUE
    from tests.timing import assert_linear

    assert_linear(lambda t: _CONTINUE.match("and" + t), " ", 8_000, suffix="x")
    assert _CONTINUE.match("ok,  and   then what ?! ") and not _CONTINUE.match("and   x")
