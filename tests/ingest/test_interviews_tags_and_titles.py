"""An interview's questions and speaker labels, a page's tags, phone banner, picture credits and
link lines, and a .txt headline naming a "Dr." or standing under a date line: how pages are
written (the pages here are made up, in the form the testers' pages take, never their words)."""

from __future__ import annotations

import pytest

from ingest import split_sentences
from ingest.metadata import is_furniture, is_photo_credit, looks_like_title, parse_byline
from ingest.sentences import paragraph_spans
from ingest.structure import _interview, detect_structure
from tests.ingest.pages import load_page, quotable_texts
from tests.timing import assert_linear

PROSE = ("Looking after a parent can take over your week before you notice. Many adult children "
         "take on one errand, then another, until there is no time left for themselves.")
ADVICE = ("Ask your siblings for one fixed task each. Write the tasks down so that nobody has "
          "to remember who promised what.")


def _quoted(doc) -> str:
    return "\n".join(quotable_texts(doc))


def _headings(doc) -> list[str]:
    return [s.display for s in doc.sections]


# -- 1. an interview: the interviewer's turns and every speaker's label ------------------------

TURNS = [
    ("Mag", "You have written three books this year. Do you ever rest?"),
    ("Ann Smith", "Rarely. I like to keep busy, and the work keeps me close to the people I "
                  "write for."),
    ("Mag", "Your father looked after your grandmother for many years?"),
    ("AS", "Yes. He drove her to every appointment and never once complained about it."),
    ("Mag", "That must have been hard for the whole family."),
    ("AS", "It was. We learned to split the jobs between us so that no one burned out."),
    ("Mag", "What would you tell someone starting out as a carer?"),
    ("AS", "Ask for help early. Nobody can do it alone for long."),
]


def _interview_page(html: bool) -> str:
    if html:
        body = "".join(f"<p>{who}: {said}</p>\n" for who, said in TURNS)
        return (f"<html><head><title>Ann Smith on Caring</title></head><body>"
                f"<h1>Ann Smith on Caring</h1>\n<p>{PROSE}</p>\n{body}</body></html>")
    body = "\n\n".join(f"{who}: {said}" for who, said in TURNS)
    return f"Ann Smith on Caring\n\n{PROSE}\n\n{body}\n"


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_an_interviewers_turns_are_not_quoted_and_name_no_section(tmp_path, name):
    doc = load_page(tmp_path, _interview_page(name.endswith(".html")), name)
    quoted = quotable_texts(doc)
    joined = "\n".join(quoted)
    assert "Do you ever rest?" not in joined
    # a turn that asks nothing is still the interviewer's
    assert "That must have been hard for the whole family." not in joined
    assert "What would you tell someone starting out as a carer?" not in joined
    assert not any("?" in h for h in _headings(doc)), _headings(doc)
    # each answer is quoted without its speaker's label, from its own first word
    assert "Yes." in quoted and "Ask for help early." in quoted
    assert "Rarely." in quoted
    assert not any(t.startswith(("AS:", "Ann Smith:", "Mag:")) for t in quoted)
    assert PROSE.split(". ")[0] + "." in quoted


def test_no_question_and_answer_share_a_sentence_so_none_is_quoted_joined(tmp_path):
    """The quote "...were you angry?\\n\\nJL: The only thing..." joined an interviewer's last
    sentence to the answer after it (the answer set takes the line after a quoted question);
    no interviewer's sentence is quotable now, and every answer sentence starts after its
    label."""
    doc = load_page(tmp_path, _interview_page(True), "page.html")
    for s in split_sentences(doc):
        if s.quotable:
            assert "?" not in s.text or s.text.startswith("Rarely"), s.text
            assert ":" not in s.text[:12], s.text


def test_two_labels_that_ask_nothing_are_no_interview(tmp_path):
    rows = "\n\n".join(f"Pros: Option {n} is cheap and quick to set up.\n\n"
                       f"Cons: Option {n} needs a family member on call." for n in range(1, 5))
    doc = load_page(tmp_path, f"Care Options Compared\n\n{PROSE}\n\n{rows}\n")
    quoted = _quoted(doc)
    assert "Option 1 is cheap and quick to set up." in quoted
    assert "Option 1 needs a family member on call." in quoted


def test_a_few_labelled_lines_are_no_interview(tmp_path):
    text = (f"Talking About Care\n\n{PROSE}\n\nYou: Can we talk about Mom?\n\n"
            f"Brother: Sure, what is it?\n\nYou: It is about her care.\n\n{ADVICE}\n")
    assert _interview(text, paragraph_spans(text)) == ([], [])
    assert load_page(tmp_path, text).boilerplate == []


@pytest.mark.parametrize("unit", ["More: Why not?\nJL: Yes.\n\n", "X: a\n", "A: x\nB: y\n",
                                  "More: Why? JL: Yes. ", "Aaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbb"])
def test_finding_an_interview_is_linear(unit):
    for chars in (40_000, 400_000):  # under and over `MAX_INTERVIEW_TURNS` labelled lines
        # the paragraphs are read once per text, outside what is timed
        texts = [unit * (n // len(unit)) for n in (chars // 4, chars)]
        paragraphs = {len(t): paragraph_spans(t) for t in texts}
        assert_linear(lambda s: _interview(s, paragraphs[len(s)]), unit, chars=chars)


# -- 2. a page's furniture: tags, a phone banner, a picture credit, a link line, a byline -----

def test_a_pages_tag_list_and_phone_banner_are_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "<html><body><div class=\"top-bar\">Call (800) 555-0199 to speak with an Advisor "
        "&middot; <a href=\"/login\">Sign in</a></div><article><h1>Caring Without Burning "
        "Out</h1><ul class=\"tags\"><li>Carer Health</li> <li>Self-Care</li></ul>"
        f"<p>{PROSE}</p><h2>Share the Work</h2><p>{ADVICE}</p></article></body></html>"),
        "page.html")
    quoted = _quoted(doc)
    assert "Carer Health" not in quoted and "Self-Care" not in quoted
    assert "555-0199" not in quoted and "Sign in" not in quoted
    assert "Write the tasks down" in quoted


def test_a_run_of_tag_labels_under_the_headline_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (f"# Caring Without Burning Out\n\n• Carer Health\n\n"
                               f"• Mental Health\n\n• Self-Care\n\n{PROSE}\n\n"
                               f"## Share the Work\n\n{ADVICE}\n"), "page.md")
    quoted = _quoted(doc)
    assert "Carer Health" not in quoted and "Self-Care" not in quoted
    assert PROSE.split(". ")[0] + "." in quoted


def test_one_short_line_under_the_headline_is_no_tag_run(tmp_path):
    doc = load_page(tmp_path, (f"# Caring Without Burning Out\n\n- Ask For Help\n\n"
                               f"Looking after a parent is a long road. {PROSE}\n"), "page.md")
    assert doc.boilerplate == []


@pytest.mark.parametrize("line", ["Call (855) 555-0123 to speak with a Family Advisor",
                                  "Call us toll-free at 1-800-555-0100", "Sign in"])
def test_a_phone_banner_is_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Call 911 if he is hurt",
                                  "Call 1-800-555-0100 to speak with a trained counselor."])
def test_a_helpline_sentence_is_no_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("credit", ["Photograph: Jane Roe", "Photo: Jane Roe",
                                    "Image: Jane Roe/Agency", "Credit: Jane Roe"])
def test_a_picture_credit_is_neither_a_heading_nor_quoted(tmp_path, credit):
    doc = load_page(tmp_path, (
        "<html><body><h1>Caring for Mom</h1><p>by Sam Lee</p>"
        f"<div><img src=a.jpg><p>{credit}</p></div><p>{PROSE}</p><p>{ADVICE}</p></body></html>"),
        "page.html")
    assert credit not in _headings(doc)
    assert "Jane Roe" not in _quoted(doc)
    assert is_photo_credit(credit)


def test_credit_opening_a_sentence_is_no_picture_credit():
    assert not is_photo_credit("Credit: your score decides what you pay for care.")


def test_a_link_line_after_a_pitch_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        f"# Caring for Mom\n\n{PROSE}\n\nFind out how much you could save in a year with a "
        "membership. [Learn more.](https://example.org/join)\n\n## Share the Work\n\n"
        f"{ADVICE}\n"), "page.md")
    assert "Learn more" not in _quoted(doc)


def test_bylines_of_an_unnamed_reporter_and_a_month_stamp_name_their_writer():
    assert parse_byline("By Herald reporter") == ("Herald reporter", None)
    assert parse_byline("By Example Editorial Team | Last Updated: December 2024 | 12 min "
                        "read") == ("Example Editorial Team", None)


def test_a_byline_with_a_month_stamp_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "<html><body><article><h1>Caring for Mom</h1><p class=\"byline\">By Example Editorial "
        "Team | Last Updated: December 2024 | 12 min read</p>"
        f"<p>{PROSE}</p><p>{ADVICE}</p></article></body></html>"), "page.html")
    assert "Editorial Team" not in _quoted(doc)
    assert doc.author == "Example Editorial Team"


# -- 3. a .txt's headline: an abbreviation in it, a date line over it ---------------------------

def test_a_headline_naming_a_doctor_is_the_title_not_advice(tmp_path):
    title = "Straight Talk with Dr. Lee: What to do when your parent won’t accept help"
    doc = load_page(tmp_path, f"{title}\n\n{PROSE}\n\n{ADVICE}\n")
    assert doc.title == title
    assert title not in _quoted(doc)


def test_a_date_line_over_the_headline_leaves_it_the_title(tmp_path):
    doc = load_page(tmp_path, f"Aug 23, 2017\n\nHow to Share the Care of a Parent\n\n{PROSE}\n")
    assert doc.title == "How to Share the Care of a Parent"
    assert doc.date == "2017-08-23"


@pytest.mark.parametrize(("line", "title"), [("Ask Dr. Lee about Care", True),
                                             ("Ask Dr. Lee. She knows the answer", False),
                                             ("It ended. Then we left", False)])
def test_a_stop_after_a_word_still_ends_a_sentence_in_a_title(line, title):
    assert looks_like_title(line) is title


@pytest.mark.parametrize("unit", ["Call " + "1" * 20 + " ", "Dr. " * 5 + "\n", "[Learn more " * 3,
                                  "Credit: " + "A/" * 20 + "\n", "• Tag Word\n\n"])
def test_the_new_line_rules_are_linear(unit):
    assert_linear(lambda s: detect_structure(s), unit, chars=40_000, limit=2.0)
