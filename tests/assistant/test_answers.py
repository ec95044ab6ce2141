"""Answers a person can trust: every quote verbatim, every citation valid, honest abstention."""

from __future__ import annotations

import json
import re

import pytest

from ingest.errors import InputError
from tests.conftest import EVAL_SET

QUESTIONS = [
    "my boyfriend doesn't trust me what do i do",
    "should I give him my passwords so he stops worrying?",
    "she gets mad when i see my friends",
    "is therapy a good idea for trust issues",
    "can a relationship survive without trust",
    "how long until he trusts me again",
]


def _eval_questions():
    if not EVAL_SET.exists():
        return []
    return [json.loads(line)["question"] for line in EVAL_SET.read_text().splitlines() if line.strip()]


def check_answer(qa, ans):
    d = ans.to_dict()
    for q in d["quotes"]:
        doc = qa.document(q["doc_id"])
        assert doc.text[q["start"]:q["end"]] == q["text"]
        assert q["source"] == doc.source
    body = d["markdown"].split("**Sources**")[0]
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    assert list(dict.fromkeys(cited)) == list(range(1, len(d["quotes"]) + 1))
    assert [q["n"] for q in d["quotes"]] == list(range(1, len(d["quotes"]) + 1))
    assert {s["doc_id"] for s in d["sources"]} == {q["doc_id"] for q in d["quotes"]}
    if d["abstained"]:
        assert d["quotes"] == [] and "don't cover" in d["markdown"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_fake_model_answers_are_verbatim_and_cited(fake_assistant, question):
    ans = fake_assistant.ask(question)
    check_answer(fake_assistant, ans)


def test_blank_question_is_rejected(fake_assistant):
    with pytest.raises(InputError, match="blank"):
        fake_assistant.ask(" \n\t ")


def test_quotes_are_whole_sentences_and_bounded(fake_assistant):
    ans = fake_assistant.ask("what does it mean when your partner doesn't trust you")
    assert 1 <= len(ans.quotes) <= fake_assistant.selector.config.max_quotes
    assert sum(len(q.text) for q in ans.quotes) <= 1200
    starts = {(s.doc_id, s.start) for s in fake_assistant.data.sentences}
    ends = {(s.doc_id, s.end) for s in fake_assistant.data.sentences}
    for q in ans.quotes:
        assert (q.doc_id, q.start) in starts and (q.doc_id, q.end) in ends


def test_strange_input_is_answered_not_crashed(fake_assistant):
    for q in ["🙂🙂🙂", "لماذا لا يثق بي", "他不信任我怎么办", "a\x00b\x07c", "?" * 50]:
        check_answer(fake_assistant, fake_assistant.ask(q))


@pytest.mark.slow
def test_real_model_answers_every_labelled_question_verbatim(real_assistant):
    questions = _eval_questions() or QUESTIONS
    for q in questions:
        check_answer(real_assistant, real_assistant.ask(q))


@pytest.mark.slow
def test_passwords_question_quotes_the_passwords_passage(real_assistant):
    ans = real_assistant.ask("should I give him my passwords so he stops worrying")
    assert not ans.abstained and not ans.safety
    assert any("passwords" in q.text for q in ans.quotes)


@pytest.mark.slow
@pytest.mark.parametrize("q", ["how do I bake sourdough bread", "what is the capital of france",
                               "how do I file my taxes as a freelancer", "asdkjh qwe zxcmnb"])
def test_off_topic_questions_abstain(real_assistant, q):
    ans = real_assistant.ask(q)
    assert ans.abstained and ans.quotes == []
    assert "don't cover" in ans.markdown


@pytest.mark.slow
def test_safety_question_gets_notice_and_abuse_guidance_first(real_assistant):
    ans = real_assistant.ask("he tracks my phone and won't let me see my friends, I'm scared")
    assert ans.safety and not ans.abstained
    assert ans.markdown.lstrip().startswith("> ⚠️")
    assert ans.quotes[0].section.endswith("Beware of abuse")


@pytest.mark.slow
@pytest.mark.parametrize("max_quotes", [2, 3])
def test_the_safety_guidance_leaves_room_for_the_best_answer(real_assistant, max_quotes):
    """The guidance on abuse comes first, but never fills a short answer on its own."""
    question = "my boyfriend hits me when he thinks i am cheating, how do i make him trust me?"
    ans = real_assistant.ask(question, max_quotes=max_quotes)
    assert ans.safety and len(ans.quotes) == max_quotes
    sections = [q.section for q in ans.quotes]
    assert sections[0].endswith("Beware of abuse")
    assert not sections[-1].endswith("Beware of abuse"), sections


def test_an_asker_who_says_they_gave_no_reason_is_not_told_to_check_themselves(fake_assistant):
    """The shipped profile's `asker_says`: "I've never cheated or lied" rules out the lines
    that presume the asker gave reason ("ask yourself, am I trustworthy?"), in this turn and
    in the turns after it."""
    import re

    qa = fake_assistant
    patterns = [c for a in qa.profile.asker_says for c in a.contradicts]

    def presumes(answer) -> list[str]:
        return [q.text for q in answer.quotes
                if any(re.search(c, q.text, re.IGNORECASE) for c in patterns)]

    question = "my boyfriend doesn't trust me, am I trustworthy, am I the reason he doubts me?"
    assert presumes(qa.ask(question))  # the lines the rule is about answer this question
    said = "I have never cheated on him or lied to him."
    assert not presumes(qa.ask(f"{question} {said}"))
    first = qa.ask(said + " He still checks my phone.")
    later = qa.ask(question, history=[{"question": said + " He still checks my phone.",
                                      "answer": first.to_dict()}])
    assert later.quotes and not presumes(later)

