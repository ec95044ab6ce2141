"""Pages as users save them (presentation-nerves and school-bullying pages nobody tuned for): a
news column wrapped at about 60 characters and saved from the middle of a sentence ("natural when
presenting before an audience, but good preparation" / "is a first step to reduce stage
fright..."), a page's numbered list of the works it drew on ("References: (1) National
Association of School Psychologists, ..."), and a list written "- Label" over each item's body
under a line that ends a quotation ("...I'm here to help.”" / "- Keep a Record"), and a page cut
off inside a speech ("Victoria said: “Breathin")."""

from __future__ import annotations

import pytest

from ingest import split_sentences
from tests.ingest.pages import load_page, quotable_texts, read_markdown_page
from tests.timing import assert_linear

# 1. a column wrapped narrow: every line is short, yet none ends its paragraph

COLUMN = """natural when presenting before an audience, but good preparation
is a first step to reduce stage fright, says Harvard Business
Review.
"Good preparation reduces performance anxiety. Next time you
need to present to an audience, follow these three steps:
1. Be confident in your topic. Your audience already
believes that you're the expert, so don't try to bluff. If the
people you're presenting to feel you're unsure of your material,
they'll lose trust in you.
2. Imagine questions people might ask. Construct answers
before you give your speech. Either incorporate the answers into
your presentation or be ready to provide them during Q&A.
3. Memorize the first minute of your presentation. You
experience your greatest anxiety at the beginning of a speech.
Knowing the opening of your presentation will give you a good
start."
"""


def test_a_column_wrapped_narrow_is_read_as_sentences_not_lines(tmp_path):
    doc = load_page(tmp_path, COLUMN)
    quotable = [" ".join(q.split()) for q in quotable_texts(doc)]
    # was: "Next time you", "If the", "Construct answers", "You" ... each a sentence of its own
    for fragment in ("Next time you", "If the", "Construct answers", "You", "Your audience already",
                     "before you give your speech.", "start.\""):
        assert fragment not in quotable, quotable
    assert "Your audience already believes that you're the expert, so don't try to bluff." in quotable
    assert ("You experience your greatest anxiety at the beginning of a speech." in quotable)
    assert "2. Imagine questions people might ask." in quotable


def test_a_page_saved_from_the_middle_of_a_sentence_has_no_title(tmp_path):
    # was: the title "natural when presenting before an audience, but good preparation"
    doc = load_page(tmp_path, COLUMN, name="management-tip.txt")
    assert doc.title is None
    assert not any(s.is_heading for s in split_sentences(doc))


@pytest.mark.parametrize("text", [
    # a page written one paragraph a line, a list of small-letter items in it
    "How to Stay Calm\nBreathe slowly before you begin.\nWhat to bring:\napples\nwater\na "
    "spare pen\nKeep your notes short.\nPractise the first minute twice.\n",
    # a title over a sentence that opens with a small letter after a short line
    "Exam Stress Tips\nbe kind to yourself this week.\nSleep well before the exam.\nEat a good "
    "breakfast.\nTake a bottle of water.\n",
])
def test_pages_written_one_paragraph_a_line_stay_so(tmp_path, text):
    doc = load_page(tmp_path, text)
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    texts = [s.text for s in split_sentences(doc)]
    assert all("\n" not in t for t in texts), texts
    assert doc.title == lines[0]


# 2. a numbered list of the works the page drew on

ADVICE = """If you suspect your child is being bullied, maintain open communication and stay informed about your child's life.
Contact the police when physical threats are made or other aggressive messages are sent.
References: (1) National Association of School Psychologists, Bullies and Victims: Information for Parents (PDF) (2) American Psychological Association, Bullying: What Parents, Teachers Can Do to Stop It (3) Principal Leadership, September 2008; Cyberbullying Content contributed in part by Erica Maniago, Ph.D.
"""


def test_a_pages_numbered_references_are_not_quoted(tmp_path):
    quotable = quotable_texts(load_page(tmp_path, ADVICE))
    assert not any(q.startswith("References") or "Ph.D." in q for q in quotable), quotable
    assert any(q.startswith("Contact the police") for q in quotable)


@pytest.mark.parametrize("line", [
    "References: ask two former landlords before you sign the lease.",
    "Sources of stress: money, work and family.",
])
def test_a_line_about_references_or_sources_is_still_prose(tmp_path, line):
    text = f"Renting Tips\n\n{line}\n\nRead the whole lease before you sign it.\n"
    assert line in quotable_texts(load_page(tmp_path, text))


# 3. a list of dashed labels, each over its item's body

STEPS = """## If Your Child Is Being Bullied

It can be heartbreaking to hear that your child is being bullied. Here are some steps that can help:
- Listen Without Judgment
Let your child speak. Say things like, “I’m so sorry this is happening to you. I’m here to help.”
- Keep a Record
Ask your child what happened, when, where, and who was involved. Please write it down.
- Talk to the School
Ask for a meeting with the teacher, year coordinator, or principal.
"""


def test_a_dashed_label_under_a_quotation_is_no_letters_signature(tmp_path):
    # was: "- Keep a Record" read as the signature under a reader's plea ("I'm here to help.”")
    doc = load_page(tmp_path, STEPS, name="steps.md")
    kept = [s.text for s in split_sentences(doc) if s.retrievable]
    assert "Keep a Record" in kept, kept
    assert not any(doc.text[a:b].strip().endswith("Keep a Record") for a, b in doc.boilerplate)


def test_a_letters_dashed_signature_stays_one(tmp_path):
    text = ("Dear Amy: My sister never calls me back and I don't know what to do. "
            "Please help.\n– Lonely in Leeds\n\nDear Lonely: Call her once more and say how you feel.\n"
            "Then give her some time.\n")
    doc = load_page(tmp_path, text)
    assert any(doc.text[a:b].strip().endswith("Lonely in Leeds") for a, b in doc.boilerplate)


# 4. a page cut off inside a speech

NERVES = """<html><body><article><h1>How can you conquer your fear of public speaking?</h1>
<p>A good starting point is to remember that nerves are normal.</p>
<p>“Nerves are normal and make for a better performance,” Victoria said.</p>
<p>But there are things you can do if those public speaking nerves become too much.</p>
<p>Victoria said: “Breathin</p>
</article></body></html>
"""


def test_a_page_cut_off_inside_a_speech_is_not_quoted(tmp_path):
    quotable = quotable_texts(load_page(tmp_path, NERVES, name="nerves.html"))
    assert not any("Breathin" in q for q in quotable), quotable
    assert any(q.startswith("But there are things") for q in quotable)


@pytest.mark.parametrize("last", [
    "“Nerves are normal,” she said",  # the speech closed
    "Further Reading",  # a short heading-like line
    "The “Perfect” Speech",
])
def test_other_last_lines_stay_as_read(tmp_path, last):
    text = f"Speaking Tips\n\nBreathe slowly before you begin. Keep your notes short.\n\n{last}\n"
    before = [s.text for s in split_sentences(load_page(tmp_path, text)) if s.retrievable]
    assert last in before, before


@pytest.mark.parametrize("unit", [
    "Victoria said: “Breathin\n",
    COLUMN,
    "natural when presenting before an audience, but good\n",
    ADVICE,
    "Here I am to help.”\n- Keep a Record\nAsk what happened.\n",
])
def test_pages_of_the_new_forms_are_read_in_linear_time(unit):
    assert_linear(read_markdown_page, unit, chars=50_000, limit=3.0)


# Twenty-eighth audit: a list of small-letter items one a line, each of five words or more and no
# full stop, is no paragraph wrapped narrow (no item goes on to a paragraph's end); and a
# small-letter title over a small-letter byline or a short first sentence is still the title

BULLIED_SIGNS = """Signs Your Child Is Being Bullied
Children rarely tell their parents when they are bullied.
Watch for these signs at home.
Common signs
unexplained injuries or lost belongings at school
frequent headaches or stomach aches before school
changes in eating habits or skipping lunch
trouble sleeping or frequent bad dreams
declining grades and loss of interest in school
Talk to your child calmly if you notice any of them.
Ask open questions and listen without judging.
"""


def test_a_list_of_long_small_letter_items_stays_one_item_a_line(tmp_path):
    quotable = quotable_texts(load_page(tmp_path, BULLIED_SIGNS))
    # was: "Common signs\nunexplained injuries ... declining grades and loss of interest in
    # school\nTalk to your child calmly if you notice any of them." as one sentence
    assert all("\n" not in q for q in quotable), quotable
    assert "frequent headaches or stomach aches before school" in quotable
    assert "Talk to your child calmly if you notice any of them." in quotable


@pytest.mark.parametrize("text", [
    "ten ways to help a child who is bullied at school\nby jane smith\n\nBullying is common. "
    "Here is what to do.\n",
    "iphone tips for parents of bullied children today\nupdated march 2024\n\nMost people feel "
    "nervous.\n",
    "how i beat stage fright in ten days\nwhen i was asked to speak at my sister's wedding i "
    "panicked.\n\nfirst i practised every night.\n",
])
def test_a_small_letter_title_over_a_byline_or_a_short_line_is_kept(tmp_path, text):
    # was: no title, read as a page saved from the middle of a sentence
    assert load_page(tmp_path, text).title == text.split("\n", 1)[0]


@pytest.mark.parametrize("unit", ["unexplained injuries or lost belongings at school\n",
                                  "a b c d e f\nG.\n"])
def test_small_letter_lists_are_read_in_linear_time(unit):
    assert_linear(read_markdown_page, unit, chars=50_000, limit=3.0)
