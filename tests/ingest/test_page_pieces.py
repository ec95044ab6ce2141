"""Pieces of saved pages and readers' letters that were quoted or read as headings: bylines
glued together from inline elements, captions repeating a picture's alternative text, tag and
rights lines, a letter's signature, and a bracketed question split from its answer. Each page
here is written for the test; each rule has a near miss that must stay as it was."""

from __future__ import annotations

import time

import pytest

from ingest import Document, split_sentences
from ingest.html import html_to_text
from ingest.metadata import is_date_line, is_furniture, parse_byline
from ingest.sentences import BRACKET_REACH, sentence_spans
from tests.ingest.pages import load_page, quotable_texts

PROSE = ("Children often refuse new vegetables at first, and that is normal. Offer them again "
         "on another day without any pressure at all.")


def _headings(doc: Document) -> list[str]:
    return [s.display for s in doc.sections if s.heading]


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


# 1. inline elements side by side; relative dates; furniture sentence by sentence

def test_inline_pieces_side_by_side_are_set_apart_and_their_byline_is_not_quoted(tmp_path):
    page = ("<article><h1>Helping a picky eater</h1><div class='meta'><span class='site'>Daily "
            "Post</span><span class='when'>3 hours ago</span> · <span class='rt'>5 min read"
            f"</span></div><p>{PROSE}</p></article>")
    doc = load_page(tmp_path, page, "eater.html")
    assert "Daily Post 3 hours ago · 5 min read" in doc.text
    quotable = quotable_texts(doc)
    assert not any("min read" in s or "ago" in s for s in quotable)
    assert "Offer them again on another day without any pressure at all." in quotable


def test_a_words_own_parts_a_footnote_and_punctuation_stay_joined():
    page = ("<p><b>W</b>hen we <em>re</em>think it, sleep is <i>well-being.</i><sup>2</sup> "
            "Ask <a href='/a'>Jo</a><span>'s</span> sister<span>!</span></p>"
            "<pre><span>print</span><span>(x)</span></pre>")
    text = html_to_text(page)[0]
    assert "When we rethink it, sleep is well-being.2 Ask Jo's sister!" in text
    assert "print(x)" in text


def test_relative_dates_date_a_byline():
    assert parse_byline("Daily Post 3 hours ago · 5 min read") == ("Daily Post", None)
    assert parse_byline("Newsdesk 2 days ago · 4 min read") == (None, None)  # a site, no writer
    assert parse_byline("By Jo Park 1 week ago 6 min read") == ("Jo Park", None)
    assert is_date_line("Updated an hour ago") and is_date_line("2 weeks ago")
    assert parse_byline("Harbour Radio · Posted Mon 3 May 2021 at 7:15pm · 3 min read") == (
        "Harbour Radio", "2021-05-03")
    # a sentence that says how long ago is no byline
    assert parse_byline("Two weeks ago I stopped arguing at dinner.") is None
    assert parse_byline("3 days ago my son ate a carrot") is None


def test_each_piece_of_a_short_line_is_tested_for_furniture(tmp_path):
    doc = load_page(tmp_path, f"Picky eaters\n\n{PROSE}\n\nOur thanks to readers · 4 min read\n\n"
                          "Learn more. Then decide what works for your family.\n\n"
                          f"{PROSE}\n")
    quotable = quotable_texts(doc)
    assert "4 min read" not in quotable and "Our thanks to readers" in quotable
    # prose whose first sentence is a link's words is still prose
    assert "Learn more." in quotable and "Then decide what works for your family." in quotable


# 2. a picture's caption repeating its alternative text, or marked as a caption

def test_a_caption_that_repeats_the_pictures_alternative_text_is_not_quoted(tmp_path):
    page = ("<article><h1>Soup nights</h1><div class='pic'><img src='a.jpg' alt='A boy eating "
            "soup'><p class='pic-text'>A boy eating soup</p></div>"
            "<p class='x'>A girl holding a spoon.</p>\n<img src='b.jpg' alt='A girl holding a "
            "spoon'>"
            "<p>Broth is easy to love.</p><p class='caption'>Soup, served warm (Studio Nine)</p>"
            f"<p>{PROSE}</p></article>")
    quotable = " ".join(quotable_texts(load_page(tmp_path, page, "soup.html")))
    for caption in ("A boy eating soup", "A girl holding a spoon", "Soup, served warm"):
        assert caption not in quotable
    assert "Broth is easy to love." in quotable and "without any pressure" in quotable


def test_a_heading_or_prose_beside_a_picture_with_its_words_stays():
    page = ("<h1>Soup nights</h1><h2>Soup for dinner</h2><img alt='Soup for dinner'>"
            "<h2>Soup for dinner</h2><p>A bowl of soup <img alt='A bowl of soup'> warms you.</p>"
            "<img alt='Bread and butter'><p>Bread and butter go with it, and so do crackers.</p>")
    text = html_to_text(page)[0]
    assert text.count("Soup for dinner") == 2
    assert "A bowl of soup" in text and "Bread and butter go with it" in text


# 3. the page's tags and its rights

def test_a_tags_line_and_a_rights_line_are_not_quoted(tmp_path):
    page = (f"<main><article><h1>Soup nights</h1><p>{PROSE}</p>"
            "<div class='labels'>Related topics: <a href='/t/1'>toddlers</a> "
            "<a href='/t/2'>dinner</a> <a href='/t/3'>family</a></div>"
            "<p class='src'>Family Weekly © 2019 Example Media, Inc. All rights reserved.</p>"
            "</article></main>")
    quotable = " ".join(quotable_texts(load_page(tmp_path, page, "soup.html")))
    assert "Related topics" not in quotable and "rights reserved" not in quotable
    assert "Offer them again" in quotable
    assert is_furniture("Copyright 2020 Jo Park") and is_furniture("Tagged: sleep, naps")


def test_a_sentence_about_copyright_or_topics_is_prose(tmp_path):
    lines = ["The copyright on her photos ran out in 1999, so she shared them.",
             "Good topics: what made them laugh today and what they want to try next."]
    doc = load_page(tmp_path, "Talking at dinner\n\n" + "\n\n".join(lines) + f"\n\n{PROSE}\n")
    assert all(line in quotable_texts(doc) for line in lines)


# 4. a reader's letter's signature

LETTER = ("My son is four and eats only pasta. I have tried hiding carrots in the sauce and "
          "he finds every one. My mother says I spoil him. What should I do?")


def test_a_signature_greeted_by_the_reply_is_no_heading(tmp_path):
    text = (f"Dear Maud:\n{LETTER}\nWorried in Leeds\nHi Worried, you are not alone. "
            "Many four-year-olds go through a pasta phase.\nKeep offering one new food a week.\n"
            "Eat it yourself, happily, in front of him.\n")
    doc = load_page(tmp_path, text, "maud.txt")
    assert "Worried in Leeds" not in _headings(doc)
    assert "Worried in Leeds" not in quotable_texts(doc)
    reply = next(s for s in split_sentences(doc) if s.text.startswith("Hi Worried"))
    assert reply.quotable and reply.section == ""


def test_a_signature_under_a_letter_its_salutation_opened_is_no_heading(tmp_path):
    text = (f"Dear Maud:\n{LETTER}\nFed Up Mum\nThis is a phase many parents see, and it "
            "passes.\nKeep offering one new food a week, and eat it yourself, happily.\n")
    doc = load_page(tmp_path, text, "maud.txt")
    assert "Fed Up Mum" not in _headings(doc) and "Fed Up Mum" not in quotable_texts(doc)


def test_a_heading_under_a_replys_question_stays_a_heading(tmp_path):
    text = (f"Dear Maud:\n{LETTER}\nWorried in Leeds\nHi Worried, you are not alone.\n"
            "Could you eat the same meal with him, calmly, every night this week?\n"
            "Small Steps at Dinner\nPut one new food on the table beside the pasta, and say "
            "nothing about it at all.\nLet him watch you enjoy it.\n")
    doc = load_page(tmp_path, text, "maud.txt")
    assert "Small Steps at Dinner" in _headings(doc)


def test_a_dashed_signature_with_small_words_is_no_heading(tmp_path):
    text = (f"# Ask Nell: pasta only\n\nDear Nell,\n\n{LETTER}\n\n– Lost in the Suburbs\n\n"
            "Dear Lost,\n\nThis phase passes. Keep the table calm and keep offering.\n")
    doc = load_page(tmp_path, text, "nell.md")
    assert _headings(doc) == ["Ask Nell: pasta only"]
    assert "Lost in the Suburbs" not in quotable_texts(doc)


def test_a_signature_the_reply_greets_after_its_label_is_no_heading(tmp_path):
    page = ("<h1>Ask Sam: my son eats only pasta</h1><p>Hi Sam,</p>"
            f"<p>{LETTER}</p><p>JT</p><p><strong>Sam says,</strong></p><p>Hi JT!</p>"
            f"<p>{PROSE}</p>")
    doc = load_page(tmp_path, page, "sam.html")
    assert _headings(doc) == ["Ask Sam: my son eats only pasta"]
    assert "JT" not in quotable_texts(doc)


def test_a_heading_after_a_question_and_a_dashed_list_stay(tmp_path):
    text = ("Picky eaters\n\nWhy do toddlers refuse food they liked last week? Nobody knows for "
            "sure, but it is common.\n\nTalk It Through Calmly\n\n"
            "Start by asking your child what they like about their favourite foods, and listen "
            "to the answer.\n\nWhat helps at bedtime?\n– Sleep in the Dark\n– Rise With the Sun\n"
            "\nBoth matter.\n")
    doc = load_page(tmp_path, text)
    assert "Talk It Through Calmly" in _headings(doc)
    assert "Sleep in the Dark" in quotable_texts(doc)


# 5. a bracket holding a question and its answer

def test_a_bracket_that_closes_soon_holds_its_own_stops():
    text = ("(A quick tip? If the doctor is calm, you can be calm too.) Most children grow out "
            "of it by five.")
    assert _split(text) == ["(A quick tip? If the doctor is calm, you can be calm too.)",
                            "Most children grow out of it by five."]
    assert _split("(Really? Yes.) Then go.") == ["(Really? Yes.)", "Then go."]


@pytest.mark.parametrize("text, expected", [
    # the bracket closed before the question: split at it
    ("Ask yourself (honestly) what you want? Then decide.",
     ["Ask yourself (honestly) what you want?", "Then decide."]),
    # a bracket never closed, or a list's number after one, splits as text does
    ("He said (see below. It never closes. Then more.",
     ["He said (see below.", "It never closes.", "Then more."]),
    ("2) He tried (all because of a guy. 3) He is kind. End.",
     ["2) He tried (all because of a guy.", "3) He is kind.", "End."]),
    ("It ends (like this.) Next one.", ["It ends (like this.)", "Next one."]),
])
def test_a_bracket_closed_before_the_stop_or_never_closed_splits(text, expected):
    assert _split(text) == expected


def test_a_bracket_that_closes_far_away_splits():
    far = "(Note: I was young then. " + "We met every day " * 20 + "that year.)"
    assert len(far) > BRACKET_REACH
    assert _split(far)[0] == "(Note: I was young then."


def test_brackets_are_read_in_linear_time():
    times = []
    for n in (1, 2):
        text = "(A. B? C. " * 20_000 * n
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            sentence_spans(text, 0, len(text))
            best = min(best, time.process_time() - start)
        times.append(best)
    assert times[1] < 3 * times[0] + 0.3, times
