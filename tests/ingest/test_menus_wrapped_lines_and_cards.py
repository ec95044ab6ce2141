"""Pages testers pasted or saved in two folders nobody tuned for (step-families, neighbours): a
site's menu pasted above the article, a rhetorical question between paragraphs, headings and
list items in a text whose lines are not wrapped, a page's <title> with its site's name, its
breadcrumbs, author card and disclaimer, a standfirst that is the article's opening paragraph,
and a team's byline. Each rule describes how pages are written; the words are made up in the
testers' pages' forms."""

from __future__ import annotations

from ingest import Document, split_sentences
from ingest.html import read_html
from ingest.metadata import extract_metadata, parse_byline
from tests.ingest.pages import load_page, quotable_texts

PROSE = ("There's at least one thing parents and teenagers often have in common. Each thinks "
         "the other is from another planet.\n")


def _headings(doc: Document) -> list[tuple[str, str]]:
    return [(s.display, s.kind) for s in doc.sections if s.heading]


# 1. a site's menu above the article

MENU = ("Homework Help\nBehavior Problems\nClassroom & School\nInternet & Technology\n"
        "Kids Health & Safety\nPotty Training\nSleepovers & Bedtime\n")


def test_a_site_menu_pasted_above_the_article_is_neither_its_title_nor_quoted(tmp_path):
    """A tester's .txt opened with eleven lines of the site's menu: every answer quoting it was
    titled with the menu's first line, "Bullies & Cyber Bullying"."""
    doc = load_page(tmp_path, f"{MENU}\nRaising Teenagers\n\n{PROSE}")
    assert doc.title == "Raising Teenagers"
    assert ("Raising Teenagers", "title") in _headings(doc)
    quotable = quotable_texts(doc)
    assert not any("Potty Training" in q or "Homework Help" in q for q in quotable)
    assert "Each thinks the other is from another planet." in quotable
    assert extract_metadata(f"{MENU}\nRaising Teenagers\n\n{PROSE}")["title"] == "Raising Teenagers"


def test_short_title_case_lines_after_the_article_has_begun_are_no_menu(tmp_path):
    items = "Rent or Mortgage\nGroceries\nInternet and Phone\nCar Insurance\nGym Membership\n"
    doc = load_page(tmp_path, f"Splitting the Bills\n\n{PROSE}\nList these:\n\n{items}\n"
                              "Then review the list together.\n")
    assert doc.title == "Splitting the Bills"
    assert "Groceries" in " ".join(quotable_texts(doc))


def test_a_menus_last_line_right_over_the_first_paragraph_is_the_headline():
    text = f"{MENU}Raising Teenagers\n{PROSE}"
    assert extract_metadata(text)["title"] == "Raising Teenagers"


# 2. a rhetorical question in the running text

def test_a_question_going_on_from_the_paragraph_above_is_no_heading(tmp_path):
    """"So how do you make an alien environment a home?" headed every quote under it."""
    doc = load_page(tmp_path, (
        "Blending Families\n\n" + PROSE + "\nSo how do you make a new house a home?\n\n"
        "Be patient. It takes years for a new family to settle, so don't push for closeness.\n\n"
        "Can a family survive without trust?\n\nIt can, but only if both adults keep their "
        "word and talk openly about the rules of the house.\n"))
    headings = _headings(doc)
    assert ("So how do you make a new house a home?", "question") not in headings
    assert "So how do you make a new house a home?" in quotable_texts(doc)
    assert ("Can a family survive without trust?", "question") in headings  # still a heading


# 3. a text whose lines are paragraphs and list items, but not every line ends like one

NOT_WRAPPED = (
    "Advice if a neighbour has complained about your noise\n"
    "Being a considerate neighbour\n"
    "We often hear complaints about loud music, parties, barking dogs, car repairs, alarms and "
    "sometimes about washing machines or musical instruments being practised late at night. "
    "The best advice is to use common sense and to think of the people next door.\n"
    "Top tips to keep the peace\n"
    "- keep music or TV volume as low as possible, especially late at night when people may be "
    "trying to sleep\n"
    "- put speakers away from shared walls and on rubber mats\n"
    "- turn down the bass\n"
    "- test your alarm once a year. Tell a key holder when you are away and ask them to check "
    "on the house\n"
    "Building work can create a lot of noise. You can reduce the impact on your neighbours by:\n"
    "- warning them before you start any noisy work on the house or in the garden\n"
    "- carrying out the work during normal working hours\n")


def test_a_short_line_and_a_list_items_end_are_boundaries_where_lines_are_not_wrapped(tmp_path):
    """A tester's .txt: the heading "Top tips to prevent noise nuisance" was quoted glued to the
    sentence before it, and a list item ending without a full stop ran into the next line ("...
    regular checks of the property DIY jobs can create a lot of noise.")."""
    doc = load_page(tmp_path, NOT_WRAPPED)
    assert _headings(doc) == [
        ("Advice if a neighbour has complained about your noise", "title"),
        ("Being a considerate neighbour", "heading"),
        ("Top tips to keep the peace", "heading")]
    sentences = [s.text for s in split_sentences(doc)]
    assert "Tell a key holder when you are away and ask them to check on the house" in sentences
    assert "Building work can create a lot of noise." in sentences
    assert not any("\n" in s for s in sentences)


def test_a_hard_wrapped_paragraph_is_not_broken_where_a_line_ends_before_a_capital(tmp_path):
    """Lines wrapped where the next word would not fit run on, even before "I" or a name."""
    text = ("Dear reader,\n\n"
            "my husband checks my phone every night and he says that\n"
            "I am hiding something from him, which is not true at all, and\n"
            "Mark, my brother, thinks that I should simply leave him to it\n"
            "Because it is his problem. What should I do about it all?\n")
    sentences = [s.text for s in split_sentences(load_page(tmp_path, text))]
    assert any(s.startswith("my husband checks") and s.endswith("leave him to it\n"
                                                                "Because it is his problem.")
               for s in sentences)


# 4. a saved page: its <title>, breadcrumbs, author card, disclaimer and standfirst

PAGE = """<html><head><title>Street Parking: Dealing with Your Neighbours | Some Firm Magazine</title>
</head><body><div class="crumbs"><a href="/">Home</a> › <a href="/m/">Magazine</a> › Street Parking
</div><div class="post"><h1>Street Parking</h1>
<div class="standfirst"><p>Parking rows are the most common dispute between neighbours, and one in
five households has had one. We explain what the law says and what good manners add.</p></div>
<p>Most parking disputes start with a car left outside someone else's house for weeks.</p>
<p>The law lets anyone park on the public road where parking is legal.</p>
<div class="author-card"><img src="a.jpg" alt="Jane Doe"><p><strong>Jane Doe</strong><br>
Litigation Executive<br><a href="mailto:x@y.z">Email Jane</a> · 01234 567890</p></div>
<p class="disclaimer">This article is for general information only and does not constitute
legal advice.</p></div></body></html>"""


def test_a_pages_title_loses_its_sites_name_when_it_opens_with_the_h1(tmp_path):
    """"Noise Complaint: Dealing with Noisy Neighbours | Apollo Cover Magazine" showed beside
    every quote: the site's name is not the article's title."""
    doc = load_page(tmp_path, PAGE, "page.html")
    assert doc.title == "Street Parking: Dealing with Your Neighbours"
    # a title the page shows no line or <h1> of stays whole, as before
    page = "<title>Toddlers | Sleep</title><h1>Sleep Through the Night</h1><p>Keep a routine.</p>"
    assert read_html(page)[1]["title"] == "Toddlers | Sleep"


def test_breadcrumbs_an_author_card_and_a_disclaimer_are_not_the_article(tmp_path):
    text = read_html(PAGE)[0]
    for furniture in ("Home", "Magazine", "Litigation Executive", "Email Jane", "01234",
                      "general information only"):
        assert furniture not in text
    assert "The law lets anyone park on the public road where parking is legal." in text


def test_a_standfirst_of_two_sentences_is_the_articles_opening_paragraph():
    """A tester's page's first paragraph, marked as a standfirst, was dropped; a one-line
    tagline marked so still is (tests/ingest/test_saved_page_furniture.py)."""
    text = read_html(PAGE)[0]
    assert "one in\nfive households" in text or "one in five households" in text
    assert "Expert answers to everyday questions" not in read_html(
        "<article><h1>Noisy Neighbours</h1><p class='standfirst'>Expert answers to everyday "
        "questions</p><p>Since the pandemic, suburbia is humming.</p></article>")[0]


# 5. a team's byline

def test_a_byline_naming_the_sites_team_gives_author_and_date(tmp_path):
    """"Written by Logarty editorial team · Last updated 12 September 2019 · 4 min read" stayed
    in the article's text, and the article had no author or date."""
    line = "Written by Homelife editorial team · Last updated 12 September 2019 · 4 min read"
    assert parse_byline(line) == ("Homelife editorial team", "2019-09-12")
    assert parse_byline("By the Mayo Clinic Staff") == ("the Mayo Clinic Staff", None)
    doc = load_page(tmp_path, f"How to Be a Happy Family\n{line}\n\n{PROSE}")
    assert (doc.author, doc.date) == ("Homelife editorial team", "2019-09-12")
    assert not any("editorial team" in q for q in quotable_texts(doc))
