"""What a page prints around its advice is never quoted as advice: a Markdown picture's caption
and credit, a pager's teaser, a pitch, a standfirst and tag lines under the title, a bold
heading over a numbered list, and an advice column's byline, signature and labels. The pages are
written like the testers' (how pages are written, never their words)."""

from __future__ import annotations

import pytest

from ingest import split_sentences
from tests.ingest.pages import load_page, quotable_texts
from tests.timing import assert_linear

PROSE = ("It happens more often than you might think. You work hard, pay your dues and are just "
         "getting used to peace and quiet again. Then your grown child asks to come back home.")
ADVICE = ("Before everyone gets too cozy, you need to start a conversation about your kid's plans "
          "and living arrangements. Agree on a move-out date before anyone unpacks.")


def _quoted(doc) -> str:
    return "\n".join(quotable_texts(doc))


# -- 1. a Markdown picture's caption and credit ----------------------------------------------

def test_the_caption_and_credit_under_a_markdown_picture_are_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Tips for a Grown Child Moving Home\n\n"
        "![father and daughter in the kitchen](kitchen.jpg)\n"
        "Get serious about making life go smoothly at home. See more family pictures.\n"
        "Jane Roe/Photo Agency\n\n"
        f"{PROSE}\n\n## Understand the Situation\n\n{ADVICE}\n"), "page.md")
    quoted = _quoted(doc)
    assert "See more family pictures" not in quoted and "Jane Roe" not in quoted
    assert "Get serious" not in quoted
    assert "It happens more often than you might think." in quoted
    assert "Agree on a move-out date before anyone unpacks." in quoted


def test_a_paragraph_after_a_picture_with_a_blank_line_between_is_the_article(tmp_path):
    doc = load_page(tmp_path, (
        "# Tips for a Grown Child Moving Home\n\n![kitchen](kitchen.jpg)\n\n"
        f"{PROSE}\n\n## Understand the Situation\n\n{ADVICE}\n"), "page.md")
    assert "It happens more often than you might think." in _quoted(doc)


def test_a_long_paragraph_run_on_under_a_picture_is_not_a_caption(tmp_path):
    lines = "\n".join(f"Line {n} of a paragraph the writer wrapped by hand, one sentence each."
                      for n in range(1, 6))
    doc = load_page(tmp_path, (
        f"# Tips\n\n![kitchen](kitchen.jpg)\n{lines}\n\n## Next\n\n{ADVICE}\n"), "page.md")
    assert "Line 1 of a paragraph the writer wrapped by hand, one sentence each." in _quoted(doc)


# -- 2. a pager's teaser and a pitch -----------------------------------------------------------

def test_a_pager_teaser_and_its_question_are_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Tips for a Grown Child Moving Home\n\n"
        f"{PROSE} Set some ground rules before he moves in. What first step should all parents "
        "take? Find out on the next page.\n\n"
        f"## Understand the Situation\n\n{ADVICE}\n"), "page.md")
    quoted = _quoted(doc)
    assert "Find out on the next page." not in quoted
    assert "What first step should all parents take?" not in quoted
    assert "Set some ground rules before he moves in." in quoted


@pytest.mark.parametrize("pitch", [
    "Find out how much you could save in a year with a membership.",
    "For more check out exampleparenting.com.",
    "For more tips, visit www.example.org today.",
    "Get instant access to members-only products and hundreds of discounts.",
])
def test_a_pitch_for_a_site_or_a_membership_is_not_quoted(tmp_path, pitch):
    doc = load_page(tmp_path, f"Living Together Again\n\n{PROSE} {pitch}\n\n{ADVICE}\n")
    quoted = _quoted(doc)
    assert pitch not in quoted
    assert "Then your grown child asks to come back home." in quoted


@pytest.mark.parametrize("advice", [
    "If you feel unsafe, visit www.example.org or call the helpline now.",
    "Cancel the gym membership you never use and save the money for rent.",
    "Read the lease on the next line before you sign it.",
])
def test_advice_naming_a_site_or_a_membership_is_still_quoted(tmp_path, advice):
    doc = load_page(tmp_path, f"Living Together Again\n\n{PROSE} {advice}\n\n{ADVICE}\n")
    assert advice in _quoted(doc)


# -- 3. a standfirst and tag lines under the title ---------------------------------------------

def test_a_standfirst_and_tag_lines_under_a_markdown_title_are_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# When Sibling Fighting Gets Physical\n\n"
        "What to do when conflict turns violent, and how to prevent it.\n\n"
        "Ages 2-12\nSibling relationshipsAggressionConflict resolution\n\n"
        "Bickering is one thing. Hitting, pushing, and hurting is another. When sibling conflict "
        "gets physical, parents need to step in.\n\n## Stay Calm\n\nTake a breath.\n"), "page.md")
    quoted = _quoted(doc)
    assert "What to do when conflict turns violent, and how to prevent it." not in quoted
    assert "Ages 2-12" not in quoted and "Conflict resolution" not in quoted
    assert "Bickering is one thing." in quoted


def test_a_standfirst_over_a_picture_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Fighting the Failure to Launch\n\n"
        "You raised him to leave, but he is still there. What to do about the man on the sofa\n\n"
        "![parents looking at their son on the couch](couch.jpg)\nJane Roe\n\n"
        f"{PROSE}\n"), "page.md")
    quoted = _quoted(doc)
    assert "What to do about the man on the sofa" not in quoted and "Jane Roe" not in quoted
    assert "It happens more often than you might think." in quoted


def test_a_plain_texts_dek_over_its_byline_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "Living With Your Grown Kids\n\nA practical guide for parents who share a roof again.\n\n"
        f"By Jane Doe\n\n{PROSE}\n"))
    assert "A practical guide for parents who share a roof again." not in _quoted(doc)


@pytest.mark.parametrize("top", [
    # no furniture between the line and the prose: it is the article's own first line
    "A practical guide for parents who share a roof again.\n\n",
    # a subtitle, then a heading over prose
    "Depression: A guide for parents and carers\n\nThe warning signs\n\n",
])
def test_the_first_lines_under_a_title_without_furniture_are_the_article(tmp_path, top):
    doc = load_page(tmp_path, f"Living With Your Grown Kids\n\n{top}{PROSE}\n")
    first = top.split("\n")[0]
    assert first in "\n".join(s.text for s in split_sentences(doc)
                              if s.quotable or s.is_heading)


# -- 4. a bold heading over a numbered list ----------------------------------------------------

LEVELS = (
    "# How to Handle the Fighting\n\n"
    "When siblings bicker and fight it is often difficult for parents to calm the argument. "
    "Some helpful rules to handle the fighting are outlined below.\n\n"
    "**Level I. Normal Bickering**\n\n1. Ignore it. Think about your next vacation.\n\n"
    "2. Tell yourself the children are learning to resolve conflict.\n\n"
    "**Level II. Situation Heating up. Adult Help Might Be Useful**\n\n"
    "1. Acknowledge their anger. “You two sound mad at each other!”\n\n"
    "2. Leave the room.\n\n"
    "**Level III: Situation Possibly Dangerous.**\n\n"
    "1. Inquire: “Is this a play fight or a real fight?”\n\n"
    "**Level IV: Situation Definitely Dangerous! Adult Help Necessary.**\n\n"
    "1. Describe what you see. “I see two angry children.”\n\n"
    "2. Separate the children.\n")


def test_a_bold_paragraph_over_a_numbered_list_is_its_heading(tmp_path):
    doc = load_page(tmp_path, LEVELS, "page.md")
    names = [s.display for s in doc.sections]
    assert "Level II. Situation Heating up. Adult Help Might Be Useful" in names
    assert "Level IV: Situation Definitely Dangerous! Adult Help Necessary." in names
    by_text = {s.text: s for s in split_sentences(doc)}
    # a list's items stand under the nearest heading, and no quote holds markup
    assert by_text["1. Describe what you see."].section.startswith("Level IV")
    assert by_text["1. Acknowledge their anger."].section.startswith("Level II.")
    assert not any("**" in s.text or "**" in s.section for s in split_sentences(doc)
                   if s.quotable)


def test_a_bold_line_of_sentences_over_prose_is_not_a_heading(tmp_path):
    doc = load_page(tmp_path, (
        f"# Tips\n\n{PROSE}\n\n**Be patient. Trust takes time.**\n\n{ADVICE}\n\n## More\n\n"
        f"{ADVICE}\n"), "page.md")
    assert "Be patient. Trust takes time." not in [s.display for s in doc.sections]


# -- 5. an advice column's byline, signature and labels ----------------------------------------

COLUMN = (
    "Ask Jo: Parents worry about son's job hunt\n\n"
    "Jo Sample, Example Content Agency on\n\n"
    "Dear Jo, I'm a 45-year-old woman, married for five years. My issue is my 21-year-old son, "
    "who lives with us.\n\n"
    "He recently applied for the police academy, but he never follows through with anything.\n\n"
    "My wife and I have never lived alone, and she's getting frustrated. I feel completely torn."
    "\n\nPlease help.\n\n"
    "– Torn in the Midwest\n\n"
    "Dear Torn: Your unemployed adult son living at home is not your issue alone. He needs to "
    "get a job.\n\n"
    "You and your wife should approach this as equal partners in your household.\n")


def test_a_columns_byline_and_a_signature_under_a_plea_are_no_headings(tmp_path):
    doc = load_page(tmp_path, COLUMN)
    assert [s.display for s in doc.sections] == ["Ask Jo: Parents worry about son's job hunt"]
    quoted = _quoted(doc)
    assert "Jo Sample, Example Content Agency on" not in quoted
    assert "Torn in the Midwest" not in quoted
    # the reply's salutation is no part of its first quote
    assert "Your unemployed adult son living at home is not your issue alone." in quoted
    assert "Dear Torn:" not in quoted


def test_a_signature_with_its_plea_on_one_line_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "Dear Pat: Being Young Again\n\nDear Pat:\n\n"
        "Hi, I am in my early thirties and I have had to move back home with my parents. They "
        "treat me like I'm still a kid. I need some help explaining that I am not a kid.\n\n"
        "Help, Jamie.\n\nHi Jamie:\n\n"
        "To have a respectful relationship with your parents you need to discuss boundaries and "
        "house rules.\n"))
    quoted = _quoted(doc)
    assert "Help, Jamie." not in quoted
    assert "you need to discuss boundaries and house rules." in quoted


@pytest.mark.parametrize("line", [
    "Help, my teen has stopped talking to me",  # a letter's title, not its signature
    "Thanks, everyone",
])
def test_a_plea_line_the_reply_does_not_greet_is_kept(tmp_path, line):
    doc = load_page(tmp_path, (
        f"Column\n\nDear Pat:\n\nI am worried about my son. He does not talk to me.\n\n{line}\n\n"
        "Talk to him when you are both calm, and listen more than you speak.\n"))
    assert line not in [doc.text[a:b] for a, b in doc.boilerplate]


def test_a_question_and_answer_label_names_no_section(tmp_path):
    doc = load_page(tmp_path, (
        "My Teenagers Are Fighting\n\nQUESTION\n\n"
        "My 16-year-old daughter is always trying to pick fights with her younger sister. What "
        "can we do?\n\nANSWER\n\n"
        "Jealousy between siblings is very common and a factor in many family conflicts, "
        "particularly when one child is unhappy.\n\n"
        "Understanding rivalry\n\n"
        "At the heart of sibling rivalry is a fight for parents' approval and attention.\n"))
    by_text = {s.text: s for s in split_sentences(doc)}
    reply = by_text["Jealousy between siblings is very common and a factor in many family "
                    "conflicts, particularly when one child is unhappy."]
    assert reply.section == "My Teenagers Are Fighting"
    assert by_text["At the heart of sibling rivalry is a fight for parents' approval and "
                   "attention."].section == "Understanding rivalry"


# -- the new rules stay linear -----------------------------------------------------------------

@pytest.mark.parametrize("name, unit", [
    ("_PITCH", "for more check out a "),
    ("_PITCH", "$1 for your "),
    ("_PAGER_TEASER", "find out on the "),
    ("_OUTLET_BYLINE", "Aa Bb, Cc "),
    ("_PLEA_SIGNED", "help, A"),
    ("_PLEADS", "please help "),
    ("_OPENING_SALUTATION", "Dear A "),
    ("_PICTURE_PARAGRAPH", "![a](b)\nx\n\n"),
    ("_PICTURE_PARAGRAPH", "![a](b)\n" + "x" * 299 + "\n"),
])
def test_the_new_patterns_are_linear(name, unit):
    import ingest.structure as structure

    regex = getattr(structure, name)
    assert_linear(lambda s: regex.findall(s), unit)


@pytest.mark.parametrize("unit", [
    "![a](b)\nx\n\n",  # many pictures with captions
    "# T\n\nshort line\nshort line\n",  # many titles over tag lines
    "**Level I. A B. C D**\n\n1. x\n\n",  # many bold labels over lists
    "Dear A: B.\n\nPlease help.\n\nHelp, Jo.\n\nHi Jo:\n\n",
    "Ages 2-12\n",
])
def test_pages_of_the_new_forms_are_read_in_linear_time(unit):
    from ingest.markdown import emphasized_lines
    from ingest.structure import detect_structure

    assert_linear(lambda s: detect_structure(s, (), emphasized_lines(s)), unit, chars=40_000,
                  limit=2.0)


@pytest.mark.parametrize("line", ["3 mins to read", "5 minutes to read"])
def test_how_long_a_page_takes_to_read_is_not_quoted(tmp_path, line):
    from ingest.metadata import is_furniture

    assert is_furniture(line)
    doc = load_page(tmp_path, f"Living Together Again\n\n{PROSE}\n\n{line}\n\n{ADVICE}\n")
    assert not any("to read" in q for q in quotable_texts(doc))
    assert "Then your grown child asks to come back home." in _quoted(doc)
