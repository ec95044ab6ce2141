"""A saved page's clutter (picture credits, share buttons, link words, banners, date stamps)
is never an article's title, author, section or quotable text; the lines are testers' pages."""

from __future__ import annotations

import pytest

from ingest import Document, split_sentences
from tests.ingest.pages import load_page

BODY = ("Climbing out of credit card debt feels impossible when you only make minimum payments "
        "each month and the balance keeps growing.\n\n"
        "The good news is that it is possible. Start by listing every balance you owe.\n")


def _boiler(doc: Document) -> list[str]:
    return [doc.text[a:b] for a, b in doc.boilerplate]


def _headings(doc: Document) -> list[str]:
    return [s.display for s in doc.sections if s.heading]


def _quotable(doc: Document) -> str:
    return "\n".join(s.text for s in split_sentences(doc) if s.retrievable)


@pytest.mark.parametrize("caption, credit", [
    ("Man cutting credit card with scissors", "Fuse/Getty Images"),  # the tester's page
    ("A couple reading bills at the kitchen table", "Jane Doe/Shutterstock"),
    ("Protesters outside the central bank.", "Photo: AP/Reuters"),
    ("Woman at a laptop", "iStock/Getty Images Plus"),
])
def test_a_caption_over_an_agency_credit_is_neither_title_nor_quotable(tmp_path, caption, credit):
    doc = load_page(tmp_path, f"{caption}\n{credit}\n\n{BODY}")
    assert doc.title is None
    assert caption in _boiler(doc) and credit in _boiler(doc)
    assert caption not in _quotable(doc) and credit not in _quotable(doc)
    # the title under them is still read
    doc = load_page(tmp_path, f"How to Pay Off Your Cards\n\n{caption}\n\n{credit}\n\n{BODY}")
    assert doc.title == "How to Pay Off Your Cards"
    assert caption in _boiler(doc)


def test_a_credit_naming_photographer_and_collection_is_neither_section_nor_quotable(tmp_path):
    """Getty's "Photographer/Collection/Getty Images" under a tester's title was the section of
    the article's opening."""
    credit = "John Howard/Digital Vision/Getty Images"
    doc = load_page(tmp_path, f"How to Stop a Friendship From Drifting Apart\n\n{credit}\n\n{BODY}")
    assert doc.title == "How to Stop a Friendship From Drifting Apart"
    assert _headings(doc) == ["How to Stop a Friendship From Drifting Apart"]
    assert _boiler(doc) == [credit]
    assert split_sentences(doc)[-1].section == "How to Stop a Friendship From Drifting Apart"


def test_a_slash_in_an_ordinary_line_is_no_credit(tmp_path):
    doc = load_page(tmp_path, f"The 50/30/20 Rule\n\nSplit it 50/30/20 and/or AP\n\n{BODY}")
    assert doc.title == "The 50/30/20 Rule"
    assert _boiler(doc) == []


def test_a_sites_buttons_and_a_breadcrumb_trail_are_neither_sections_nor_quotable(tmp_path):
    """Testers' pages: "Improve Article" / "Save Article" were quoted, and a breadcrumb trail
    set apart by ">" was read as the page's title."""
    doc = load_page(tmp_path, "Related Articles\n\n9 Things That You Should Research Before Your "
                          "Interview\n\nImprove Article\nSave Article\n  • Last Updated : 21 Jan, "
                          f"2020\nImprove Article\nSave Article\n\n{BODY}")
    assert "Article" not in _quotable(doc) and doc.author is None
    assert _headings(doc) == ["9 Things That You Should Research Before Your Interview"]
    trail = "Home > Career Corner: Interviews > How to Answer 3 Common Interview Questions"
    doc = load_page(tmp_path, f"Career Corner\n\n{trail}\n\n# How to Answer 3 Common Interview "
                          f"Questions\n\n{BODY}", name="page.md")
    assert _headings(doc) == ["How to Answer 3 Common Interview Questions"]
    assert trail in _boiler(doc)


def test_a_lowercase_copy_of_the_title_near_the_top_is_not_quotable(tmp_path):
    """A tester's page printed the title's last part again as a tag line, which was quoted."""
    top = ("Dealing with Grief: When a Parent Dies\n\nwhen a parent dies\n\nSplendor in the "
           "Grass...Beauty in the Flower...\n\nWhen Your Parent Dies\n\nby John Kennedy Saynor"
           "\n\n")
    doc = load_page(tmp_path, top + BODY)
    assert doc.title == "Dealing with Grief: When a Parent Dies"
    assert "when a parent dies" in _boiler(doc)
    assert "when a parent dies" not in _quotable(doc)
    assert "When Your Parent Dies" in _headings(doc)  # written as a heading, it stays one
    doc = load_page(tmp_path, top.replace("when a parent dies", "dealing with grief: when a parent "
                                                            "dies") + BODY)
    assert "dealing with grief: when a parent dies" in _boiler(doc)


def test_a_bare_name_under_the_title_over_a_pictures_description_is_a_byline(tmp_path):
    """A tester's page: the author's name and the picture's description under it were quoted
    as one sentence ("Kelly Hernandez\nA man fixing his tie in a mirror...")."""
    caption = "A man fixing his tie in a mirror while preparing for an interview."
    doc = load_page(tmp_path, "How to Prepare for an Interview\n\nKelly Hernandez\n"
                          f"{caption}\nReading Time: 4 minutes\n\n{BODY}")
    assert (doc.title, doc.author) == ("How to Prepare for an Interview", "Kelly Hernandez")
    assert _boiler(doc) == ["Kelly Hernandez", caption, "Reading Time: 4 minutes"]
    assert "Start by listing every balance you owe." in _quotable(doc)
    # a heading under the title, with no date or reading time under it, stays the article's
    doc = load_page(tmp_path, "How to Prepare for an Interview\n\nResearch Companies\n"
                          f"{caption}\n\n{BODY}")
    assert doc.author is None and _boiler(doc) == []
    assert caption in _quotable(doc)


@pytest.mark.parametrize("byline, author", [
    ("By Paige Marley, Employment and Training Consultant, Youth and Young Adults",
     "Paige Marley"),  # the tester's page
    ("By Jane Doe, Senior Director of Financial Planning and Analysis", "Jane Doe"),
])
def test_a_byline_with_a_long_role_names_the_author(tmp_path, byline, author):
    doc = load_page(tmp_path, f"# Budgeting Basics for Your First Paycheck\n\n{byline}\n\n{BODY}",
                "page.md")
    assert doc.author == author
    assert byline in _boiler(doc)
    assert "Employment" not in _quotable(doc) and "Senior Director" not in _quotable(doc)


def test_a_sentence_after_a_comma_is_not_a_role(tmp_path):
    line = "By Friday, make sure you have listed every single card you owe money on"
    doc = load_page(tmp_path, f"Paying Off Cards\n\n{line}\n\n{BODY}")
    assert doc.author is None
    assert line not in _boiler(doc)


def test_a_byline_in_sentences_names_author_and_date(tmp_path):
    byline = "By Beverly Harzog. Last updated 8 July 2014. 5 comments"  # the tester's page
    doc = load_page(tmp_path, f"What 20-Somethings Can Do About Credit Card Debt\n\n{byline}\n\n{BODY}")
    assert (doc.author, doc.date) == ("Beverly Harzog", "2014-07-08")
    assert byline in _boiler(doc)


@pytest.mark.parametrize("label", ["ShareThis", "Share on Pinterest", "Share on Facebook",
                                   "Tweet", "Pin it"])
def test_a_share_buttons_label_is_no_section(tmp_path, label):
    # the tester's page: "ShareThis" became the heading of the whole article
    doc = load_page(tmp_path, "What 20-Somethings Can Do About Credit Card Debt\n\n"
                          f"Any opinions expressed are the author's alone.\n\n{label}\n\n{BODY}")
    assert label not in _headings(doc)
    assert label in _boiler(doc)


@pytest.mark.parametrize("line", [
    "when to worry about a headacheShare on Pinterest",  # the tester's page
    "A woman holding her templesShare on Facebook",
])
def test_a_share_button_glued_to_a_caption_is_not_quotable(tmp_path, line):
    doc = load_page(tmp_path, f"Signs That Let You Know When to Worry About a Headache\n\n{line}\n\n"
                          f"{BODY}")
    assert line in _boiler(doc)
    assert "Share on" not in _quotable(doc)


@pytest.mark.parametrize("link", ["Read about", "Read more", "Learn more", "See also"])
def test_a_links_words_are_never_the_title(tmp_path, link):
    # the tester's page opened "Skip to main content\nRead about\n\nMigraines: ..."
    doc = load_page(tmp_path, f"Skip to main content\n{link}\n\n"
                          f"Migraines: Triggers and How to Treat Them\n\n{BODY}")
    assert doc.title == "Migraines: Triggers and How to Treat Them"
    assert link in _boiler(doc)


@pytest.mark.parametrize("stamp", ["Updated 05/04/2022", "Published 05/03/2022",
                                   "Updated: May 4, 2022", "Last updated 4 May 2022"])
def test_a_date_stamp_is_no_section_wherever_it_stands(tmp_path, stamp):
    # the tester's page: seven lines of banner, names and credits above "Updated 05/04/2022"
    top = "\n\n".join(["Tension Headache Relief", "Katelyn Brenner FNP",
                       "Reviewed by Katelyn Hagerty, FNP", "Written by Nicholas Gibson",
                       "Sign up", "Advertisement", "Published 05/03/2022"])
    doc = load_page(tmp_path, f"{top}\n\n{stamp}\n\n{BODY}")
    assert stamp not in _headings(doc) and "Published 05/03/2022" not in _headings(doc)
    assert stamp in _boiler(doc)
    assert "Katelyn Brenner FNP" not in _headings(doc)  # the name under a reviewer's picture
    assert doc.author == "Nicholas Gibson"


@pytest.mark.parametrize("banner, button", [
    ("Seeking support for your mental health?", "Start here"),  # the tester's page
    ("Struggling with debt?", "Get started"),
])
def test_a_banners_question_over_its_button_is_not_the_title(tmp_path, banner, button):
    doc = load_page(tmp_path, f"{banner}\n\n{button}\n\nTension Headache Relief\n\n{BODY}")
    assert doc.title == "Tension Headache Relief"
    assert banner in _boiler(doc) and button in _boiler(doc)
    assert banner not in _headings(doc)


def test_a_question_heading_over_prose_is_kept(tmp_path):
    doc = load_page(tmp_path, f"Paying Off Cards\n\nWhat is a balance transfer?\n\n{BODY}")
    assert "What is a balance transfer?" in _headings(doc)
    assert _boiler(doc) == []


@pytest.mark.parametrize("line", ["Take a quiz to find out if you have migraine.",
                                  "Take our quiz", "Tooltip Icon.", "Arrow Icon."])
def test_a_quiz_button_and_an_icons_name_are_not_quotable(tmp_path, line):
    doc = load_page(tmp_path, f"Migraines: Triggers and How to Treat Them\n\n{line}\n\n{BODY}")
    assert line in _boiler(doc)
    assert line not in _quotable(doc)


@pytest.mark.parametrize("disclosure", [
    # the tester's page
    "Many of the credit card offers that appear on the website are from credit card companies "
    "from which Wise Bread receives compensation. This compensation may impact how and where "
    "products appear on this site (including, for example, the order in which they appear). "
    "This site does not include all credit card companies or all available credit card offers. "
    "Any opinions expressed are those of the author's alone, and have not been reviewed, "
    "approved, endorsed, or provided by the issuer.",
    "Offers on this page come from partners from which Example Money may receive compensation.",
])
def test_an_advertisers_disclosure_is_not_quotable(tmp_path, disclosure):
    doc = load_page(tmp_path, f"What 20-Somethings Can Do About Credit Card Debt\n\n{disclosure}\n\n"
                          f"{BODY}")
    assert disclosure in _boiler(doc)
    assert "compensation" not in _quotable(doc)


CUT_OFF = ("To use the debt avalanche plan, list your credit card debt from the highest interest "
           "rate to the lowest. Pay the minimum")  # a tester's stored page, cut at its length


@pytest.mark.parametrize("ending", [
    CUT_OFF,
    "We have stayed close over the years. Over time I’ve come to understand that invita",
    "Many people progress through recognizable stages: a drive to prove yourself, quietly "
    "stretching work hours, skipping lunch, cancelling weekends and then losing the wish to",
])
def test_the_unfinished_last_sentence_of_a_cut_off_page_is_never_quoted(tmp_path, ending):
    doc = load_page(tmp_path, f"{BODY}\n{ending}\n")
    last = ending.rsplit(". ", 1)[-1]
    assert last not in _quotable(doc)
    assert "Start by listing every balance you owe." in _quotable(doc)
    if ". " in ending:  # the finished sentence before it on the line is still quoted
        assert ending.rsplit(". ", 1)[0] + "." in _quotable(doc)


@pytest.mark.parametrize("ending", [
    "- Pay more than the minimum on the card with the highest interest rate every month",
    "Thanks for reading and good luck",  # a short closing line
    "Pay off the card with the highest rate first, then move on to the next one!",
    "As the old saying goes, “a penny saved is a penny earned”",
])
def test_a_finished_last_line_or_a_list_item_stays_quotable(tmp_path, ending):
    doc = load_page(tmp_path, f"{BODY}\n{ending}\n")
    assert ending.lstrip("- ") in _quotable(doc)


def test_a_table_of_contents_is_neither_quoted_nor_read_as_advice(tmp_path):
    """A tester's saved page: every entry of its table of contents was quotable, and "Why People
    Cancel (And Why It Matters)" was quoted as an answer."""
    page = ("<html><head><title>Friend Keeps Bailing?</title></head><body>"
            "<h1>Friend Keeps Bailing? What to Say</h1>"
            "<h2>Table of Contents</h2><ol><li>Why People Cancel (And Why It Matters)</li>"
            "<li>The Cost of Saying Nothing</li><li>7 Scripts for Different Scenarios</li></ol>"
            "<h2>Why People Cancel (And Why It Matters)</h2>"
            "<p>Most people who cancel are overwhelmed, not indifferent. Ask before you assume.</p>"
            "</body></html>")
    doc = load_page(tmp_path, page, "bailing.html")
    quotable = _quotable(doc)
    assert "The Cost of Saying Nothing" not in quotable
    assert "7 Scripts for Different Scenarios" not in quotable
    assert "Most people who cancel are overwhelmed, not indifferent." in quotable
    assert "Why People Cancel (And Why It Matters)" in _headings(doc)
