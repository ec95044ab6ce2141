"""Pages as users save them (a quitting-smoking page and a moving-city page nobody tuned for): a
Markdown heading with its strapline in bold on the line right under it, an author box read as
one line with no "By" ("Amanda Capritto Jan. 5, 2024 5:00 a.m. PT 7 min read"), a date run on
into the page's topics, and a line of stray marks ("****") between a headline and its text."""

from __future__ import annotations

import pytest

from ingest import split_sentences
from tests.ingest.pages import load_page, quotable_texts
from tests.timing import assert_linear

NRT = """# Nicotine Replacement Therapy (NRT)

There are six NRT products available. You should choose the one which suits you best.

## Patch
**Discreet and easy to use**

The patch is put on each morning and is designed to be worn for 16 or 24 hours.

## Inhalator
**Good if you miss the ritual of smoking**

The inhalator is a plastic mouthpiece with a supply of replaceable nicotine cartridges.
"""


# 1. "## Patch" / "**Discreet and easy to use**": the heading's strapline, not a sentence

def test_a_strapline_under_a_heading_is_read_with_it_and_never_quoted(tmp_path):
    doc = load_page(tmp_path, NRT, name="nrt.md")
    quotable = quotable_texts(doc)
    assert not any("Discreet" in q or "ritual" in q for q in quotable), quotable
    # the section is still the heading's, shown with its strapline after it
    names = [s.display for s in doc.sections if s.heading]
    assert names == ["Nicotine Replacement Therapy (NRT)", "Patch — Discreet and easy to use",
                     "Inhalator — Good if you miss the ritual of smoking"], names
    by_text = {s.text: s for s in split_sentences(doc)}
    assert by_text["The inhalator is a plastic mouthpiece with a supply of replaceable nicotine "
                   "cartridges."].section == "Inhalator — Good if you miss the ritual of smoking"


def test_a_bold_line_with_a_blank_line_over_it_is_still_a_sub_heading(tmp_path):
    # (as before: a paragraph of its own over prose heads a section of its own)
    doc = load_page(tmp_path, NRT.replace("## Patch\n**", "## Patch\n\n**"), name="nrt.md")
    names = [s.display for s in doc.sections if s.heading]
    assert "Patch" in names and "Discreet and easy to use" in names, names


def test_a_bold_sentence_in_a_paragraph_under_a_heading_is_not_a_strapline(tmp_path):
    doc = load_page(tmp_path, (
        "# Quitting\n\nIntro text here. It says things.\n\n## Patch\nWear it every day. "
        "**Take it off at night.**\n\nMore text follows here. It says more.\n"), name="q.md")
    assert "Patch" in [s.display for s in doc.sections if s.heading]
    assert any("Wear it every day." in q for q in quotable_texts(doc))


def test_a_bold_sentence_right_under_a_heading_is_still_quoted(tmp_path):
    # (twenty-sixth audit: a line of advice in bold under a sub-heading was read as its
    # strapline, so never quoted; a strapline is a phrase, not a sentence)
    doc = load_page(tmp_path, (
        "# Vaping and children\n\nE-liquid is poison to a child. Store it safely.\n\n"
        "## Keep it locked away\n**Never leave e-liquid where a child can reach it.**\n\n"
        "Refill bottles look like sweets to a toddler. Use child-resistant caps.\n"), name="v.md")
    assert any("Never leave e-liquid" in q for q in quotable_texts(doc)), quotable_texts(doc)
    assert "Keep it locked away" in [s.display for s in doc.sections if s.heading]


# 2. an author box read as one line, no "By"; and a date run on into the page's topics

CNET = """<html><body><main><article>
<h1>Ready to Quit Vaping? 8 Tips That Work</h1>
<p>We spoke to experts about how to quit nicotine for good.</p>
<div class="author"><span>Amanda Capritto</span> <time>Jan. 5, 2024 5:00 a.m. PT</time> <span>7 min read</span></div>
<p>Quitting is not easy and support is key. Tell your friends and ask them for help.</p>
<h2>1. Get support</h2>
<p>Make others aware of your goal and get a support group, even if it's just one person.</p>
</article></main></body></html>
"""

TRUTH = """<html><body><main><article>
<h1>Quitting vaping? Here are 5 tips for handling nicotine withdrawal</h1>
<div class="meta"><span>January 8, 2024</span> <span>Topics: <a href="/q">Quitting smoking &amp; vaping</a>, <a href="/e">E-cigarettes</a></span></div>
<p>It is one of the biggest challenges to quitting: coping with cravings from withdrawal.</p>
<h2>1. Exercise.</h2>
<p>Physical activity is a reliable way to crush a craving. Even a short walk can do the trick.</p>
</article></main></body></html>
"""


def test_an_author_box_read_as_one_line_is_a_byline(tmp_path):
    doc = load_page(tmp_path, CNET, name="cnet.html")
    quotable = quotable_texts(doc)
    assert not any("Capritto" in q or "min read" in q for q in quotable), quotable
    assert doc.author == "Amanda Capritto" and doc.date == "2024-01-05"
    assert "Quitting is not easy and support is key." in quotable


def test_a_date_run_on_into_the_pages_topics_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, TRUTH, name="truth.html")
    quotable = quotable_texts(doc)
    assert not any("Topics" in q or "January 8" in q for q in quotable), quotable
    assert doc.date == "2024-01-08"
    assert "Even a short walk can do the trick." in quotable


@pytest.mark.parametrize("line, byline", [
    ("Amanda Capritto Jan. 5, 2024 5:00 a.m. PT 7 min read", ("Amanda Capritto", "2024-01-05")),
    ("Jane Doe March 3, 2023 4 min read", ("Jane Doe", "2023-03-03")),
    ("January 8, 2024 Topics: Quitting smoking & vaping, E-cigarettes", (None, "2024-01-08")),
    ("Updated May 2, 2022 | Tags: sleep, toddlers", (None, "2022-05-02")),
    # not: a sentence that names a person and a date, nor a date and a sentence
    ("Maria Lopez Jan. 5, 2024 was the day she quit smoking.", None),
    ("January 8, 2024 topics: we talked about quitting. It went well.", None),
])
def test_bylines_with_no_by(line, byline):
    from ingest.metadata import parse_byline

    assert parse_byline(line) == byline


# 3. a line of stray marks between a headline and its text

def test_a_line_of_marks_with_no_letter_is_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "How to Cope with Loneliness When Moving to a New City\n\n****\n\n"
        "Moving to a new city can be an exciting adventure. It can also be lonely.\n\n"
        "* * *\n\nJoin clubs that align with your interests.\n"), name="cope.txt")
    quotable = quotable_texts(doc)
    assert "****" not in quotable and "* * *" not in quotable, quotable
    assert "Join clubs that align with your interests." in quotable


# -- the new rules stay linear -----------------------------------------------------------------

@pytest.mark.parametrize("module, name, unit", [
    ("ingest.metadata", "_NAMED_SPACED_BYLINE", "Aa Bb Jan. 5, 2024 5:00 "),
    ("ingest.metadata", "_NAMED_SPACED_BYLINE", "Aa Bb Cc Dd "),
    ("ingest.metadata", "_DATED_TAGS", "January 8, 2024 Topics: a "),
    ("ingest.metadata", "_DATED_TAGS", "May 2, 2022 "),
    ("ingest.model", "_STRAPLINE", "**a** "),
    ("ingest.model", "_STRAPLINE", "*a"),
    ("ingest.structure", "_NEXT_LINE", " \t\n \t"),
])
def test_the_new_patterns_are_linear(module, name, unit):
    import importlib

    regex = getattr(importlib.import_module(module), name)
    assert_linear(lambda s: regex.findall(s), unit, chars=50_000)
    assert_linear(lambda s: regex.fullmatch(s), unit, chars=50_000)


@pytest.mark.parametrize("unit", [
    "## H\n**a strap**\n\nText here.\n\n",  # many headings with straplines
    "## H\n**a\n",
    "****\n\n",
])
def test_pages_of_the_new_forms_are_read_in_linear_time(unit):
    from ingest.markdown import emphasized_lines, headings
    from ingest.model import section_display
    from ingest.structure import detect_structure

    def read(s):
        sections, _ = detect_structure(s, headings(s), emphasized_lines(s))
        return [section_display(x.heading) for x in sections]

    assert_linear(read, unit, chars=50_000, limit=3.0)


# 4. a plug for a named business set in the article's prose

def test_a_plug_for_a_named_business_in_the_prose_is_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Overcoming loneliness after moving\n\nRemember that things will take time to settle "
        "in. Wait for at least one year to two years to get settled down at the new place. Apart "
        "from planning how to combat your loneliness there, be sure you pick the best "
        "long-distance movers from Moving Apt, a reliable moving service broker, to complete your "
        "relocation process successfully without any stress. If you are looking for tips then "
        "read on.\n"), name="plug.md")
    quotable = quotable_texts(doc)
    assert not any("Moving Apt" in q for q in quotable), quotable
    assert ("Wait for at least one year to two years to get settled down at the new place."
            in quotable)


@pytest.mark.parametrize("sentence", [
    "Pick a reliable friend from work and ask them to lunch.",
    "Choose the right moment from the start, and listen.",
    "Use a trusted app from your phone's store, and keep it simple.",
])
def test_advice_that_names_no_business_is_no_plug(sentence):
    from ingest.structure import _PITCH

    assert not _PITCH.search(sentence)


def test_the_plug_pattern_is_linear():
    from ingest.structure import _PITCH

    for unit in ("pick the best a ", "pick the best x from Aa ", "from Aa Bb Cc, a "):
        assert_linear(lambda s: _PITCH.findall(s), unit, chars=50_000)
