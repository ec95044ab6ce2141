"""Title, author, date and url: taken from what the article says, never invented."""

from __future__ import annotations

import pytest

from ingest.metadata import extract_metadata, is_furniture, parse_byline, parse_date

from .conftest import A000, A002, A003


def test_the_articles_metadata(docs):
    assert (docs[A000].title, docs[A000].author, docs[A000].date) == (
        "My Boyfriend Doesn’t Trust Me (8 Sensible Tips)",
        "April Maccario",
        "2022-06-08",
    )
    assert (docs[A002].title, docs[A002].author, docs[A002].date) == (
        "My boyfriend doesn't trust me",
        None,
        None,
    )
    # 003 ends with a bare "About the Author" line: no name is made up from it
    assert (docs[A003].title, docs[A003].author, docs[A003].date) == (
        "What Should I Do if My Partner Doesn’t Trust Me?",
        None,
        "2023-05-15",
    )
    assert [d.url for d in docs.values()] == [None, None, None]


def test_meta_is_the_source_record(docs):
    assert docs[A003].meta() == {
        "doc_id": A003,
        "title": "What Should I Do if My Partner Doesn’t Trust Me?",
        "author": None,
        "date": "2023-05-15",
        "url": None,
        "source": docs[A003].source,
    }


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Last updated on June 8, 2022 by April Maccario", ("April Maccario", "2022-06-08")),
        ("May 15, 2023", (None, "2023-05-15")),
        ("By Jane Doe", ("Jane Doe", None)),
        ("Posted on May 1, 2023 by Jane Doe", ("Jane Doe", "2023-05-01")),
        ("Posted on 2023-05-15", (None, "2023-05-15")),
        ("Published: Sept. 3rd, 2020", (None, "2020-09-03")),
        ("15 March 2021", (None, "2021-03-15")),
        ("Written by Jane Doe | May 15, 2023", ("Jane Doe", "2023-05-15")),
        # web pages as saved: a role or credentials after the name, a colon, a list's bullet
        ("By Fredda Wasserman, Contributor", ("Fredda Wasserman", None)),
        ("  • Written By: Mary McMahon", ("Mary McMahon", None)),
        ("  • Last Modified Date: 12 November 2019", (None, "2019-11-12")),
        # who reviewed or edited it is not its author
        ("Medically reviewed by Patricia Weiser, PharmD and Jared Meacham, PhD, RD, CSCS",
         (None, None)),
        ("Edited By: Kristen Osborne", (None, None)),
        ("Fact checked by Jane Doe", (None, None)),
        ("03/19/2014 10:32 pm ET Updated May 19, 2014", (None, "2014-05-19")),
        ("Posted by Dr. Jen · Behavior", ("Dr. Jen", None)),
        ("by **Alexandra Strickler**", ("Alexandra Strickler", None)),
        # a byline the page filled in with nothing
        ("in Legal Issues on by", (None, None)),
        ("Updated by , Attorney", (None, None)),
        ("03/19/2014", (None, None)),
        # saved web pages: a byline in parts, a site builder's "Writer:", a weekday and time,
        # a reading time glued to the date, a reviewer's credit with the biography run on
        ("Potting Corner Team · Jan 4, 2026 · Updated Jan 11, 2026 · 10 min read",
         ("Potting Corner Team", "2026-01-04")),
        ("On Behalf of | May 6, 2024 | Child Custody", (None, "2024-05-06")),
        ("Ashley Green • April 15, 2025", ("Ashley Green", "2025-04-15")),
        ("  • Writer: Amanda Babcock", ("Amanda Babcock", None)),
        ("Thursday 22 September 2016 18:17", (None, "2016-09-22")),
        ("21 minute readLast updated December 19, 2023", (None, "2023-12-19")),
        ("fact checked on December 19, 2023", (None, "2023-12-19")),
        ("Medically reviewed by Adria Thompson, Certified Dementia PractitionerSpeech-language "
         "pathologist Adria Thompson is the owner of Be Light Care Consulting and specializes in "
         "creating easily digestible, accessible, and practical dementia content.", (None, None)),
    ],
)
def test_bylines_and_date_lines(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "About the Author",
        "By the way, he checks my phone.",
        "June 2022",
        "We met on May 15, 2023 and it was lovely.",
        "Be patient",
        "Reviewed by her therapist, the plan made sense.",
        "Edited by someone who cares",
        "10:32 pm ET",
        "Home | About | Contact",
        "Breakfast · Lunch · Dinner",
        "| Mom's Weekend | May 5, 2020 | Dad |",  # a table's row
        "Week 1 | May 5, 2020 | Start",
        "Reviewed by her therapist, the plan made sense, and " + "we kept to it. " * 12,
    ],
)
def test_ordinary_lines_are_not_bylines(line):
    assert parse_byline(line) is None


def test_impossible_dates_are_not_dates():
    assert parse_date("February 30, 2023") is None
    assert parse_date("2023-05-15T10:00:00+00:00") == "2023-05-15"


def test_metadata_from_the_top_lines():
    text = "# Trust Again\nBy Jane Doe\nPosted on 2021-07-04\n\nBe kind. Be patient.\n"
    assert extract_metadata(text) == {
        "title": "Trust Again",
        "author": "Jane Doe",
        "date": "2021-07-04",
        "url": None,
    }


def test_url_line_at_the_top_or_bottom():
    top = "A Title\nhttps://example.com/trust\n\nBe kind.\n"
    bottom = "A Title\n\nBe kind.\n\nSource: https://example.com/trust?x=1\n"
    assert extract_metadata(top)["url"] == "https://example.com/trust"
    assert extract_metadata(bottom)["url"] == "https://example.com/trust?x=1"


def test_no_title_when_the_first_line_is_prose():
    text = "Trust is earned. It takes time, and that is fine.\n\nMore text.\n"
    assert extract_metadata(text) == {"title": None, "author": None, "date": None, "url": None}


def test_a_pages_skip_link_is_not_its_title():
    text = "Skip to main content\n\nTime to Cut Ties With a Self-Centered Friend\n\nDEAR ABBY: ...\n"
    assert extract_metadata(text)["title"] == "Time to Cut Ties With a Self-Centered Friend"


@pytest.mark.parametrize("line", [
    "top of page", "Skip to content", "Jump to…", "Back to top", "3 min read", "  • 10 min read",
    "Comments", "RELATED: Now I Know What My Mom Went Through!",
    "Also read: Overwatering vs Underwatering Plants", "Read more: Ten ways to sleep better",
    "Some links here may be affiliate links — they never change our advice. How we research: "
    "How We Research.",
    "Please note: Simplify Plants is reader-supported. Some links in the post are affiliate "
    "links and I get a commission from purchases made through links in the post.",
    "We may earn a commission when you buy through links on our site.",
    "Get started »", "Join the forum ›", "Home › Caregiver Wellness › Grief and Loss",
    # testers' pages: a site's buttons, a breadcrumb trail set apart by ">"
    "Improve Article", "Save Article",
    "Home > Career Corner: Interviews > How to Answer 3 Common Interview Questions",
    "Our Privacy/Cookie Policy contains detailed information about the types of cookies & "
    "related technology on our site, and some ways to opt out.",
])
def test_a_pages_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Bloggers use affiliate links to make money.", "Jump to conclusions", "Top of the morning",
    "Comments are welcome here.", "We use cookies as treats when training.", "Read more books",
    "The top of the page was torn.", "I read for 10 minutes every night.",
    "Improve your article before you send it.", "Quality > quantity",
])
def test_advice_is_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("text, title", [
    # a skip link, then the headline and a site builder's byline
    ("top of page\n\nCaring for an Aging Parent at Home: What No One Prepares You For\n\n"
     "  • Writer: Amanda Babcock\n    Amanda Babcock\n  • 3 min read\n\nCaring for a parent.\n",
     "Caring for an Aging Parent at Home: What No One Prepares You For"),
    # a firm's tagline broken over two lines
    ("Trusted Leaders In the\nPractice of Family Law\n\nHow can you ease child handover days?\n\n"
     "On Behalf of | May 6, 2024 | Child Custody\n\nDivorcing is hard.\n",
     "How can you ease child handover days?"),
    # a breadcrumb over the headline
    ("1. Health\n\nHelp your college freshman combat a potential danger: loneliness\n\n"
     "Dr. Marcia Morris\nPublished Aug. 20, 2015\n\nYour child is starting college.\n",
     "Help your college freshman combat a potential danger: loneliness"),
    ("# Feeling Homesick in Your First Year? Here’s what to do\n\nMoving is a huge change.\n",
     "Feeling Homesick in Your First Year? Here’s what to do"),
])
def test_a_title_is_never_a_pages_furniture(text, title):
    assert extract_metadata(text)["title"] == title


def test_a_first_tip_is_not_taken_for_a_breadcrumb():
    text = "1. Be patient\n\nTrust takes time to rebuild, and that is fine.\n"
    assert extract_metadata(text)["title"] is None
