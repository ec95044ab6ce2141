"""Sentences with exact offsets that never cross a heading, a blank line or boilerplate."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from ingest import Document, split_sentences
from ingest.structure import detect_structure

from .conftest import A000, A002, A003

BLANK_LINE = re.compile(r"\n\s*\n")


def _doc(text: str) -> Document:
    sections, boiler = detect_structure(text)
    return Document("d", "d.txt", None, None, None, None, text, sections, "", boiler)


def _texts(text: str) -> list[str]:
    """Sentences of ``text`` placed in the body of an article."""
    sents = split_sentences(_doc(f"Intro.\n\n{text}"))
    return [s.text for s in sents[1:]]


def test_every_sentence_is_an_exact_trimmed_slice_inside_one_paragraph(docs):
    for doc in docs.values():
        sents = split_sentences(doc)
        heads = [(s.start, s.heading_end) for s in doc.sections if s.heading]
        assert [s.start for s in sents] == sorted(s.start for s in sents)
        for s, nxt in pairwise(sents):
            assert s.end <= nxt.start
        for s in sents:
            assert doc.text[s.start : s.end] == s.text == s.text.strip() != ""
            assert s.sent_id == f"{doc.doc_id}#s{s.start}-{s.end}" and s.doc_id == doc.doc_id
            assert not BLANK_LINE.search(s.text)
            if s.is_heading:
                assert (s.start, s.end) in heads
            else:
                assert not any(a < s.end and s.start < b for a, b in heads)


def test_headings_are_sentences_and_sections_use_the_display_form(docs):
    sents = split_sentences(docs[A003])
    tip = next(s for s in sents if s.text.endswith("You Give In:"))
    assert tip.is_heading and tip.section == "4. You Give In"
    body = sents[sents.index(tip) + 1]
    assert body.text.startswith("Sometimes you are") and body.section == "4. You Give In"
    assert sum(s.is_heading for s in sents) == len(docs[A003].sections)


def test_bullets_start_sentences_without_their_mark(docs):
    texts = [s.text for s in split_sentences(docs[A003])]
    assert (
        "They are convinced you have secret relationships by email, text, or via social "
        "media so you provide them with your passwords and access to your accounts."
    ) in texts
    # "•" bullets on consecutive lines of one paragraph
    assert texts[texts.index("Who you bumped into at the store?") - 1] == (
        "What do you really think about a topic you know you disagree on?"
    )
    assert "How much you spent on that concert or afternoon out?" in texts
    assert not any(t.startswith(("•", "·")) for t in texts)


def test_paragraph_end_ends_a_sentence_with_or_without_punctuation(docs):
    t000 = [s.text for s in split_sentences(docs[A000])]
    assert (
        "You can’t blame him for thinking like this all the time, human nature is naturally "
        "untrusting"
    ) in t000
    t002 = [s.text for s in split_sentences(docs[A002])]
    assert "It feels terrible because you can’t really do anything about it…" in t002
    assert "But not the way you think..." in t002


def test_boilerplate_sentences_are_kept_but_not_retrievable(docs):
    sents = {s.text: s for s in split_sentences(docs[A002])}
    assert not sents["And that's' it for today’s post - see ya!"].retrievable
    assert sents["You can always do something to improve your situation!"].retrievable
    date, caption = split_sentences(docs[A003])[1:3]  # two lines of one paragraph
    assert (date.text, date.retrievable) == ("May 15, 2023", False)
    assert caption.text.startswith("Featured image for") and not caption.retrievable


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Be kind. Be patient! Why? Because.", ["Be kind.", "Be patient!", "Why?", "Because."]),
        ("Wait?! Yes... No…. Fine", ["Wait?!", "Yes...", "No….", "Fine"]),
        (
            "He asked “am I trustworthy?” You might be.",
            ["He asked “am I trustworthy?”", "You might be."],
        ),
        ("It ends (like this.) Next one.", ["It ends (like this.)", "Next one."]),
        ("Thinking…..for a time. Then more.", ["Thinking…..for a time.", "Then more."]),
        (
            "Mr. Smith and Dr. Jones met Mrs. Lee. Then they left.",
            ["Mr. Smith and Dr. Jones met Mrs. Lee.", "Then they left."],
        ),
        (
            "Rules, e.g. Curfews, i.e. Control, etc. Are bad.",
            ["Rules, e.g. Curfews, i.e. Control, etc. Are bad."],
        ),
        ("He works in the U.S. Army vs. St. Louis.", ["He works in the U.S. Army vs. St. Louis."]),
        ("Version 2.5 is out. 3 tips follow.", ["Version 2.5 is out.", "3 tips follow."]),
        (
            "J. K. Rowling agrees. So do I. We all do.",
            ["J. K. Rowling agrees.", "So do I.", "We all do."],
        ),
        ("Été. Élan vital.", ["Été.", "Élan vital."]),
        ("信任。需要时间！好", ["信任。", "需要时间！", "好"]),
        ("a line\nwrapped softly. Next", ["a line\nwrapped softly.", "Next"]),
    ],
)
def test_splitting_rules(text, expected):
    assert _texts(text) == expected


def test_a_title_before_a_name_ends_no_sentence():
    """'...are overwhelming," says the Rev. John Paris' was quoted cut after "the Rev."."""
    text = ('"When a parent dies, the guilt and recriminations are overwhelming," says the Rev. '
            "John Paris, an ethicist at Boston College. Ask for help early.")
    assert _texts(text) == [text[:text.index(" Ask")], "Ask for help early."]
    for title in ("Rev", "Prof", "Sen", "Gov", "Capt", "Sgt", "Lt", "Col", "Gen", "Fr", "Sr"):
        assert _texts(f"Ask {title}. Jane Doe first. Then wait.") == [
            f"Ask {title}. Jane Doe first.", "Then wait."]


def test_a_numbers_abbreviation_before_its_number_ends_no_sentence():
    """'92 percent of people fear job interviews. The No. 1 reason is being too nervous during
    the interview.' was quoted from "1 reason is...", cut after "No."."""
    text = ("92 percent of people fear job interviews. The No. 1 reason is being too nervous "
            "during the interview. Breathe.")
    assert _texts(text) == ["92 percent of people fear job interviews.",
                            "The No. 1 reason is being too nervous during the interview.",
                            "Breathe."]
    for mark in ("Nos.", "no.", "Vol.", "pp.", "Fig."):
        assert _texts(f"See {mark} 12 first. Then wait.") == [f"See {mark} 12 first.",
                                                              "Then wait."]
    # before a word they are words that end a sentence
    assert _texts("The answer was no. Nobody came.") == ["The answer was no.", "Nobody came."]


def test_a_footnote_mark_after_a_full_stop_ends_the_sentence_and_is_quoted_in_neither():
    """'...linked to marital well-being.[1] They found that...' and '...of each spouse.1 This
    article will explore...' were one sentence each: a quote ran over the note into an
    announcement, showing the mark."""
    text = ("Spouses' views are linked to well-being.[1] They found a link. It hurt each "
            "spouse.1 This article will explore more. So true.¹ Next. Cited.2,3 It ends "
            "here.12")
    assert _texts(text) == ["Spouses' views are linked to well-being.", "They found a link.",
                            "It hurt each spouse.", "This article will explore more.",
                            "So true.", "Next.", "Cited.", "It ends here."]
    # numbers and what names them keep their digits
    for same in ("It costs 3.5 Million dollars.", "The No.1 Reason is this.", "See Fig.2 Then go."):
        assert _texts(same) == [same]


def test_bullet_lines_and_inline_bullets_start_sentences():
    text = "Try these:\n• talk\n· listen\n- wait\n* breathe\n1. first\n2) second • third"
    assert _texts(text) == [
        "Try these:",
        "talk",
        "listen",
        "wait",
        "breathe",
        "1. first",
        "2) second",
        "third",
    ]


def test_sentences_never_cross_a_blank_line_or_heading():
    text = "Intro without end\n\n1. A tip\n\ncontinues here without\n \t\nend either"
    assert [s.text for s in split_sentences(_doc(text))] == [
        "Intro without end",
        "1. A tip",
        "continues here without",
        "end either",
    ]


def test_text_before_the_first_heading_has_an_empty_section():
    text = "Some intro. More intro.\n\n1. Be kind\n\nKindness helps."
    assert [(s.text, s.section) for s in split_sentences(_doc(text))] == [
        ("Some intro.", ""),
        ("More intro.", ""),
        ("1. Be kind", "1. Be kind"),
        ("Kindness helps.", "1. Be kind"),
    ]


def test_a_run_on_without_full_stops_is_cut_at_clause_boundaries():
    from ingest.sentences import MAX_SENTENCE_CHARS, sentence_spans

    clause = "we talked about trust and honesty for hours, then about money; "
    text = clause * 300  # ~19,000 characters, not one full stop
    spans = sentence_spans(text, 0, len(text))
    assert len(spans) > 30
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert all(text[b - 1] in ",;" for a, b in spans[:-1])  # cut after a clause, not mid-word
    # nothing lost: the pieces tile the text apart from the single spaces between them
    covered = sum(b - a for a, b in spans) + len(spans) - 1
    assert covered == len(text.rstrip())


def test_a_run_on_with_no_boundary_at_all_is_still_capped():
    from ingest.sentences import MAX_SENTENCE_CHARS, sentence_spans

    text = "x" * 5000
    spans = sentence_spans(text, 0, len(text))
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text


def test_min_sentences_is_a_lower_bound_on_the_real_articles_and_cheap(docs):
    """Nineteenth audit: `min_sentences` reads a text's paragraphs in one pass, at most as many
    as its sentences; 2 MB of short lines is counted in a fraction of a second (parsing it took
    two minutes)."""
    from ingest.sentences import min_sentences
    from tests.timing import cpu_seconds

    for doc in docs.values():
        assert 0 < min_sentences(doc.text) <= len(split_sentences(doc))
    assert min_sentences("Go. " * 100) == 1
    assert min_sentences("A\n" * 100) == 100  # one paragraph per line
    wrapped = ("a letter wrapped at seventy characters runs on over its line into the\n"
               "next one, and the one after that, as the writer keeps on telling us the\n") * 3
    assert min_sentences(wrapped) == 1 == len(split_sentences(_doc(wrapped)))  # lines wrapped
    assert min_sentences("- \n\n• \n\nA") == 1
    lines = "a?\n" * 700_000
    assert cpu_seconds(lambda: min_sentences(lines)) < 2.0


_PROSE = "Some prose paragraph with at least twelve words in it that ends a sentence right here."


@pytest.mark.parametrize("text", [
    "(Go now. Go on. Go up.) Then more.",  # the bracket holds its stops
    f"Intro sentence ends here.\n\nIn The Red? Talk Debt? Now Go\n\n{_PROSE}",  # teasing heading
    f"Family Members At War! Call In The Mediator.\n\n{_PROSE}",  # a headline
    f"Intro ends here.\n\n1\n\nGo now. Go on. Go up.\n\n{_PROSE}",  # a step's title
    f"Intro.\n\n# Go now. Go on. Go up.\n\n{_PROSE}",  # a "#" line
    "Ask Mr. Lee. Or Prof. Ray. Etc. Then St. Paul. Rev. Moon. " * 3,  # abbreviations
])
def test_stops_a_heading_or_bracket_may_hold_are_not_counted_as_sure(text):
    """Twentieth audit: the stops `min_sentences` counts with the markup's headings known
    (`sure_stops`) leave out every stop a heading read from the text may hold, a bracket may
    hold or an abbreviation makes: the count stays at most the real split."""
    from ingest.sentences import min_sentences

    doc = _doc(text)
    assert min_sentences(text, None, []) <= len(split_sentences(doc))


def test_sentences_inside_few_paragraphs_are_counted_at_once():
    """Twentieth audit: 2 MB of "Go. " on one line, or on lines of 200 or 72 characters, or on
    wrapped lines, was split whole (18 s) to be refused for its 500,000 sentences; the stops
    that surely end a sentence are counted in one pass instead."""
    from ingest.sentences import min_sentences
    from tests.timing import cpu_seconds

    for text in ("Go. " * 500_000, ("Go. " * 49 + "Go.\n") * 10_000,
                 ("Go. " * 17 + "Go.\n") * 27_000, ("Go. " * 15 + "go\n") * 31_000):
        assert min_sentences(text, 50_000, []) > 50_000
        assert cpu_seconds(lambda: min_sentences(text, 50_000, [])) < 2.0
    assert min_sentences("Go. " * 1000, None, []) == 1000 == len(split_sentences(_doc("Go. " * 1000)))
