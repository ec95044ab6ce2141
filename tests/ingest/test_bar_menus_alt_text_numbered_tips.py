"""Pages as users save them (a first-dates page and exam-stress pages nobody tuned for): a site's
menu printed on one line above the headline ("Media Partners | Contributors | ... | Log in |
Tuesday 27 September 2022"), a picture's alternative text left as a line of the text ("student
walking school corridor"), and a numbered series of tips whose lines end like sentences ("2.
Visualise walking into the exam room.") beside tips that do not ("1. Prepare")."""

from __future__ import annotations

import pytest

from ingest import split_sentences
from tests.ingest.pages import load_page, quotable_texts, read_markdown_page
from tests.timing import assert_linear

# 1. a menu on one line, above the headline

NEWS = """Media Partners | Contributors | Advertise | Contact | Log in | Tuesday 27 September 2022

Top tips for dealing with exam stress and preventing burnout

14th November 2013

With end of term exams approaching in the next few weeks, our sleep expert offers the following advice to help you sleep.

1.    Take regular breaks

Our ability to concentrate runs in cycles of roughly 90 minutes. Even a five to ten minute break can help.
"""


def test_a_menu_on_one_line_is_neither_the_title_nor_quoted(tmp_path):
    doc = load_page(tmp_path, NEWS)
    assert doc.title == "Top tips for dealing with exam stress and preventing burnout"
    quotable = quotable_texts(doc)
    assert not any("Contributors" in q or q.startswith("Top tips") for q in quotable), quotable
    assert any(q.startswith("Even a five") for q in quotable)


@pytest.mark.parametrize("line", [
    "| Name | Age | City | Job |",  # a table's row
    "Ask where they grew up | Find out if they miss it | Share your own",  # not a link's words
    "Tips: sleep | food | breaks | rest",  # lowercase items
])
def test_other_lines_with_bars_are_not_menus(tmp_path, line):
    doc = load_page(tmp_path, f"Exam Stress Tips\n\n{line}\n\nSleep well before the exam. Eat a good breakfast too.\n")
    assert doc.title == "Exam Stress Tips"
    assert any("|" in s.text for s in split_sentences(doc) if s.retrievable), line


# 2. a picture's alternative text left in the text

MUMS = """How to help your child deal with exam stress

student walking school corridor

How your child copes with exam stress matters, so it's important to understand how you can support them.

1. Remind them you're proud no matter what

pride in daughter

"I think it's really important to remind them that all they need to do is their best."

3. Ask them how you can help

studying with tea

"Ask your child how you can help! The act of asking will speak volumes."
"""


def test_a_pictures_alternative_text_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, MUMS)
    quotable = quotable_texts(doc)
    for alt in ("student walking school corridor", "pride in daughter", "studying with tea"):
        assert alt not in quotable, quotable
    assert any(q.startswith("How your child copes") for q in quotable)


@pytest.mark.parametrize("text", [
    # a list of lowercase items, one a paragraph
    "Signs of stress\n\nAn anxious child may show:\n\nfeeling sick\n\npoor sleep\n\nlow mood\n\nTalk to them about it.\n",
    # a sentence that goes on in the next paragraph
    "Exam Tips\n\nSome words to start with\n\nand then the rest of the sentence is here.\n",
])
def test_lowercase_lines_that_belong_to_the_text_stay(tmp_path, text):
    doc = load_page(tmp_path, text)
    lowercase = [s.text for s in split_sentences(doc) if s.text[:1].islower()]
    assert lowercase and all(s.retrievable for s in split_sentences(doc) if s.text in lowercase)


# 3. a numbered series of tips, some lines ending like sentences

VCE = """7 Ways to Manage Exam Anxiety

Test anxiety is very normal. The best way to combat test anxiety is to feel prepared.

1. Prepare

Do practice exams in timed conditions.....without cheat notes!

2. Visualise walking into the exam room.

Visualise what it will feel like and how relieved you will feel when it's over

3. Stop the negative self talk cycle......it will breed stress and worry.

Replace these thoughts with logical ones such as "I will know some answers".

4. Prepare your mind and body

Eat a healthy dinner and breakfast. Try to get a good night's sleep.
"""

PROFILE = """7 Tricks for Writing a Dating Profile
There are a lot of factors that go into writing a successful online dating profile.
So, who are you? Well, you tell me. So, here are a few tips on how to do it.
1. Write your profile when you're in a good mood.
If you write your online dating profile when you're feeling optimistic, your positive state of mind will jump off the page.
I can say that I wouldn't want to date you. That's a swipe left, Bob.
2. Say less, not more.
Don't do what this writer did, which is to say way too much about your last relationship and your ex.
"""


def test_numbered_tips_that_end_like_sentences_beside_tips_that_do_not_are_headings(tmp_path):
    doc = load_page(tmp_path, VCE)
    names = [s.heading for s in doc.sections if s.kind == "tip"]
    assert names == ["1. Prepare", "2. Visualise walking into the exam room.",
                     "3. Stop the negative self talk cycle......it will breed stress and worry.",
                     "4. Prepare your mind and body"], names
    quotable = quotable_texts(doc)
    assert not any(q[:2] in ("2.", "3.") for q in quotable), quotable
    by_text = {s.text: s for s in split_sentences(doc)}
    assert by_text["Visualise what it will feel like and how relieved you will feel when it's "
                   "over"].section == "2. Visualise walking into the exam room."


def test_a_series_whose_every_line_ends_in_a_stop_is_read_as_before(tmp_path):
    # (reading these as tips too lowered a dev figure: left as they were)
    doc = load_page(tmp_path, PROFILE)
    assert not [s for s in doc.sections if s.kind == "tip"], doc.sections


@pytest.mark.parametrize("text", [
    # a numbered list, items one under the other: items, not tips
    "Safe Dating\n\nWhat to keep in mind:\n\n1) Meet in a public place.\n\n2) Tell a friend where you go.\n\n"
    "3) Charge your phone before you go out.\n\nThese tips keep you safe on every date you ever go on, so use them.\n",
    # one numbered sentence alone between prose: an aside, not a series
    "Dating Tips\n\nThere is a lot to say about dates and we say some of it here today.\n\n"
    "1. Be yourself.\n\nIf you are yourself on a date, the other person will see who you really are.\n",
])
def test_numbered_items_and_a_lone_numbered_sentence_stay_prose(tmp_path, text):
    doc = load_page(tmp_path, text)
    assert not [s for s in doc.sections if s.kind == "tip"], doc.sections


# linear time on long adversarial input

@pytest.mark.parametrize("unit", [
    "Media | ",  # one long line of bars
    "a b c\n\n",  # many lowercase lines
    "1. Do it.\n\nSome prose that goes on for a while and ends here.\n\n",  # many numbered tips
    "1. Prepare\n\n2. Visualise it.\n\nText.\n\n",
])
def test_pages_of_the_new_forms_are_read_in_linear_time(unit):
    assert_linear(read_markdown_page, unit, chars=50_000, limit=3.0)


def test_a_later_list_of_tips_is_no_anchor_for_an_earlier_series(tmp_path):
    # "1." / "2." ending in stops, and further down another list "1. Unequal Decisions" ...
    text = ("Money Red Flags\n\nWhen someone uses money as a means of control, it is a clear sign "
            "of an unhealthy relationship and it can be the start of abuse.\n\n"
            "1. Your partner determines your access to money.\n\n"
            "You mention that your paycheck is deposited into his account every single month.\n\n"
            "2. Your partner forbids discretion or privacy around spending.\n\n"
            "You have only enough money for gas and food, and he makes you ask for anything else.\n\n"
            "Signs of Financial Abuse\n\n1. Unequal Decisions\n\nOne partner makes every money "
            "decision alone and the other has no say at all.\n\n2. Isolation\n\nOne partner is kept "
            "from the accounts and the statements and never sees them.\n\n3. Forced Dependence\n\n"
            "One partner cannot work or earn any money of their own at all.\n")
    doc = load_page(tmp_path, text)
    tips = [s.heading for s in doc.sections if s.kind == "tip"]
    assert not any("Your partner" in t for t in tips), tips
    assert "3. Forced Dependence" in tips, tips


def test_a_marked_heading_in_small_letters_is_no_alternative_text(tmp_path):
    # twenty-seventh audit: an HTML page's <h2> written in small letters ("what i wish i knew")
    # over its paragraph is a heading the page marks, not a picture's alternative text
    page = ("<html><head><title>Exam stress</title></head><body><h1>Exam stress</h1>"
            "<p>Exams are hard for everyone in the family.</p><h2>what i wish i knew</h2>"
            "<p>Start revising early and take breaks often.</p><h2>how to sleep well</h2>"
            "<p>Keep a regular bedtime during exam season.</p></body></html>")
    doc = load_page(tmp_path, page, "stress.html")
    assert [s.heading for s in doc.sections if s.kind == "heading"] == [
        "what i wish i knew", "how to sleep well"], doc.sections
    by_text = {s.text: s for s in split_sentences(doc)}
    assert by_text["Keep a regular bedtime during exam season."].section == "how to sleep well"
