"""Faults testers found on two new folders (caring for an ageing parent, roommate conflicts): a
plain text's headline ending in a full stop, a byline naming the writer's role and outlet, a byline
over a picture's credit, a file name's ordering number, and a Markdown paragraph wholly in bold
over the paragraph it heads. Each article is a small inline one."""

from __future__ import annotations

from ingest import split_sentences
from ingest.markdown import emphasized_lines
from ingest.metadata import extract_metadata, looks_like_headline, parse_byline
from ingest.model import title_label
from tests.ingest.pages import load_page, quotable_texts
from tests.timing import assert_linear

BODY = ("The four adult children were in agreement. Their father was sinking deeper into "
        "dementia, and they had found a memory care facility a mile from the house.\n")


# 1. a headline that ends in a full stop, a teasing question inside

def test_a_plain_texts_headline_ending_in_a_full_stop_is_its_title(tmp_path):
    headline = "Family Members at One Another’s Throats? Call In the Mediator."
    doc = load_page(tmp_path, f"{headline}\n\nTrained negotiators can help families.\n\n{BODY}",
                "family-mediator.txt")
    assert doc.title == headline
    assert doc.sections[0].kind == "title" and doc.sections[0].display == headline
    quotable = quotable_texts(doc)
    assert not any("Throats" in q or "Call In the Mediator" in q for q in quotable)
    assert "Trained negotiators can help families." in quotable


def test_a_first_sentence_is_no_headline(tmp_path):
    # sentence case, or run on into the paragraph under it: prose, as before
    doc = load_page(tmp_path, f"The four adult children were in agreement.\n\n{BODY}", "a.txt")
    assert doc.title is None and "The four adult children were in agreement." in quotable_texts(doc)
    doc = load_page(tmp_path, "Call In the Mediator.\nThey did.\n\n" + BODY, "b.txt")
    assert doc.title is None
    assert not looks_like_headline("Dr. Phil Says No.")  # two sentences
    assert not looks_like_headline("Wait...")
    assert extract_metadata("Intro line\n\nCall In the Mediator.\n\nText.")["title"] == "Intro line"


# 2. bylines: a role and an outlet after the name; a byline over a picture's credit

def test_a_byline_naming_the_writers_role_and_outlet_gives_the_author():
    line = "By Jody Gastfriend | Vice President of Senior Care, Care.com and author | Next Avenue"
    assert parse_byline(line) == ("Jody Gastfriend", None)
    assert parse_byline("By Jane Doe | Contributor") == ("Jane Doe", None)
    # prose after the bar, or no "By": no byline
    assert parse_byline("By Friday | make sure you have a plan") is None
    assert parse_byline("Jane Doe | Vice President of Senior Care") is None
    assert parse_byline("By Jane Doe | Call him. Then wait") is None


def test_a_tpt_style_byline_is_the_author_and_never_quoted(tmp_path):
    page = ("<article><h1>When Your Parent Refuses Caregiving Help</h1>"
            "<p class='byline'>By Jody Gastfriend | Vice President of Senior Care, Care.com and "
            "author | Next Avenue</p><p>Providing caregiving for your parent is a profound "
            "life-altering shift of roles. It may take a crisis.</p></article>")
    doc = load_page(tmp_path, page, "tpt.html")
    assert doc.author == "Jody Gastfriend"
    assert not any("Gastfriend" in q for q in quotable_texts(doc))


def test_a_byline_over_a_pictures_credit_is_no_caption(tmp_path):
    page = ("<div class='headline-block'><h1>What to Do If Your Roommate Stops Paying Rent</h1>"
            "<div class='author-line'>By Staff Writer · Published 2 years ago · 5 min read</div>"
            "</div><div class='lead-image'><img src='x.jpg' alt=''>"
            "<div class='credit'>Credit: New Africa/Shutterstock</div></div>"
            "<p>There are a lot of reasons people take on roommates, but one of the most common "
            "is simple economics.</p>")
    doc = load_page(tmp_path, page, "lifehacker.html")
    assert doc.author == "Staff Writer"
    quotable = quotable_texts(doc)
    assert not any("Staff Writer" in q or "Shutterstock" in q for q in quotable)
    # a caption over its credit is still the picture's, not the article's
    meta = extract_metadata("Title Here\n\nA man fixing his tie\nFuse/Getty Images\n\nText.")
    assert meta["author"] is None and meta["title"] == "Title Here"


# 3. a file name's ordering number

def test_a_title_from_a_file_name_drops_its_ordering_number():
    assert title_label(None, "02_stayhubs_common_roommate_conflicts") == \
        "Stayhubs common roommate conflicts"
    assert title_label(None, "2-talk-it-out") == "Talk it out"
    assert title_label(None, "roommates/002 house rules") == "House rules"
    assert title_label(None, "7_ways_to_split_the_bills") == "7 ways to split the bills"
    assert title_label(None, "2024_tax_guide") == "2024 tax guide"  # a year, not an order
    assert title_label(None, "42") == "42"
    assert title_label("A Title", "02_x") == "A Title"


# 4. a Markdown paragraph wholly in bold (or italics) over the paragraph it heads

ANOSOGNOSIA = """What is Anosognosia and How Does it Impact You as a Caregiver?

One of the toughest scenarios caregivers face is caring for someone who is unaware of it. Here are
some useful tips to offer guidelines:

**Remember they genuinely don’t know they have dementia.**

Keep in mind that person genuinely does not understand their abilities and limitations. It is a
medical condition.

*Don’t try to convince them they have deficits*

Trying to get a person with this condition to understand they have specific limitations will just
cause you to get angry and frustrated.

**Be patient.** Trust takes time, and a person with dementia needs you to slow down and listen.

- **Call the doctor**
- Keep a diary of the changes you see in their days and nights.

**A bold line closing the article.**
"""


def test_a_bold_paragraph_over_prose_is_a_sub_heading(tmp_path):
    doc = load_page(tmp_path, ANOSOGNOSIA, "anosognosia.md")
    heads = [s.display for s in doc.sections]
    # a bold heading is shown without its marks (markup never reaches an answer)
    assert heads == ["What is Anosognosia and How Does it Impact You as a Caregiver?",
                     "Remember they genuinely don’t know they have dementia.",
                     "*Don’t try to convince them they have deficits*"]
    sentences = split_sentences(doc)
    by_text = {s.text: s for s in sentences}
    tip = by_text["**Remember they genuinely don’t know they have dementia.**"]
    assert tip.is_heading and not tip.quotable
    keep = by_text["Keep in mind that person genuinely does not understand their abilities and "
                   "limitations."]
    assert keep.quotable and keep.section == heads[1]
    quotable = quotable_texts(doc)
    # a bold lead-in opening a paragraph, a list item's only text, a bold last line: body
    assert any(q.startswith("**Be patient.**") for q in quotable)
    assert "**Call the doctor**" in quotable
    assert "**A bold line closing the article.**" in quotable


def test_bold_lines_in_a_file_with_marked_headings_are_its_sub_headings(tmp_path):
    text = ("# Caring for Dad\n\nIntro sentence for the article about caring for a parent at "
            "home.\n\n## Talk early\n\n**Start before a crisis**\n\nSit down with your siblings "
            "before anything happens and agree who does what.\n")
    doc = load_page(tmp_path, text, "dad.md")
    assert [s.display for s in doc.sections] == ["Caring for Dad", "Talk early",
                                                 "Start before a crisis"]
    # a text file's asterisks are its characters, not Markdown
    plain = load_page(tmp_path, text.replace("# ", "").replace("#", ""), "dad.txt")
    assert "**Start before a crisis**" not in [s.display for s in plain.sections]


def test_emphasized_lines():
    assert emphasized_lines("**a** and **b**\n\n**One. Two.**\n\n- **item**\n\n**x**\n") == [
        (17, 30), (44, 49)]  # "**One. Two.**": labels, a heading over a numbered list only
    assert emphasized_lines("**One thing I learned the hard way. Two came later.**\n") == []
    assert emphasized_lines("```\n**code**\n```\n__Under__\n") == [(17, 26)]


def test_new_rules_take_linear_time():
    assert_linear(emphasized_lines, "**a" + " " * 60 + "\n")
    assert_linear(emphasized_lines, "*" * 50 + "\n")
    assert_linear(lambda s: parse_byline(s[:150]), "By Jane Doe | Vice President | ")
    assert_linear(looks_like_headline, "Aa? ")
    assert_linear(lambda s: extract_metadata(s), "Family Members at One Another? Call In. ")
