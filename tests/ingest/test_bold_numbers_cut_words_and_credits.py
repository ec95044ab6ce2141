"""Pages as users save them: a Markdown list of tips whose numbered headlines are in bold, a
page stored up to a length that stops mid-sentence on a word no sentence ends on, a picture's
credit from a stock agency under its alternative text, and a site's note on its ads and its
product picks."""

from __future__ import annotations

from ingest import Document
from tests.ingest.pages import load_page, quotable_texts as _quotable


def _headings(doc: Document) -> list[str]:
    return [s.display for s in doc.sections if s.heading]


# 1. "**1. Accept that it is over.**": one numbered headline, not "**1." and a sentence

def test_a_bold_numbered_headline_heads_its_tip_and_is_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Moving On\n\nHere are some tips on moving on:\n\n"
        "**1. Accept that it is over.**\n\n"
        "This may be the hardest step, but it matters. Once you accept it, you can heal.\n\n"
        "**2. Give yourself time.**\n\n"
        "It is normal to feel sad for a while. Cry if you need to.\n"), name="tips.md")
    quotable = _quotable(doc)
    assert "1. Accept that it is over." in _headings(doc)
    assert "2. Give yourself time." in _headings(doc)
    assert not any("**" in s for s in quotable)  # no "**1." nor "Accept that it is over.**"
    assert "Cry if you need to." in quotable
    assert [s.kind for s in doc.sections if s.heading][-2:] == ["tip", "tip"]


# 2. the last line of a page stored up to a length, cut on a word no sentence ends on

def test_a_last_line_cut_on_a_word_no_sentence_ends_on_is_never_quoted(tmp_path):
    prose = "Turn your phone off while you work. It keeps you from checking it.\n\n"
    for cut in ("Finding a good work spot is", "This trains your brain to",
                "“Whenever you feel stuck, this is t"):
        doc = load_page(tmp_path, f"{prose}{cut}\n", name="cut.txt")
        quotable = _quotable(doc)
        assert cut not in quotable and "It keeps you from checking it." in quotable
    # a word cut at its apostrophe, after a sentence on the same line
    doc = load_page(tmp_path, (f"{prose}Breakups are hard. Give yourself time to grieve, "
                               "take care of yourself, and don’\n"), name="cut.txt")
    quotable = _quotable(doc)
    assert "Breakups are hard." in quotable
    assert not any(s.endswith("don’") for s in quotable)


def test_a_last_line_that_ends_whole_or_is_a_heading_is_still_read(tmp_path):
    prose = "Turn your phone off while you work. It keeps you from checking it.\n\n"
    for last in ("Tell yourself: it is what it is", "What to Hold On To",
                 "Keep the ‘good enough’ rule in mind and remember the ‘why’"):
        doc = load_page(tmp_path, f"{prose}{last}\n", name="end.txt")
        assert last in _quotable(doc) + _headings(doc)


# 3. a stock agency's credit, and the alternative text over it

def test_a_stock_agencys_credit_and_the_pictures_text_over_it_are_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "<html><body><main><article><h1>Getting Over It</h1>"
        "<p>Image of a woman looking out at the ocean thinking.</p>"
        "<p>Image by Jane Doe / Stocksy</p>"
        "<p>Endings are always painful. Give yourself time.</p>"
        "</article></main></body></html>"), name="page.html")
    quotable = _quotable(doc)
    assert "Image by Jane Doe / Stocksy" not in quotable
    assert "Image of a woman looking out at the ocean thinking." not in quotable
    assert "Give yourself time." in quotable


# 4. a picture's alternative text opening with a capital, right over a heading

def test_alternative_text_with_a_capital_over_a_heading_is_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Moving On\n\nThere are things you can do to heal.\n\n"
        "Broken heart shape biscuit on red background\n\n"
        "## 1. Be kind to yourself\n\nLet yourself feel it.\n\n"
        "Keep your evenings busy and your phone away\n\nCall a friend tonight.\n"),
        name="alt.md")
    quotable = _quotable(doc)
    assert "Broken heart shape biscuit on red background" not in quotable
    assert "Let yourself feel it." in quotable
    # a line in sentence case that stands over prose, not over a heading, is still the article's
    assert "Keep your evenings busy and your phone away" in quotable


# 5. a site's note on its advertising and its product picks

def test_a_sites_note_on_its_ads_and_its_picks_is_never_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "Getting Over It\n\nEndings are always painful. Give yourself time.\n\n"
        "Example Clinic is a non-profit medical center. Advertising on our site helps support our "
        "mission. We do not endorse non-Example Clinic products or services. Policy\n\n"
        "We carefully vet all products and services featured on Example using our commerce "
        "guidelines. Our selections are never influenced by the commissions earned from our "
        "links.\n\nCall a friend tonight and tell them how you feel.\n"))
    quotable = _quotable(doc)
    assert "Give yourself time." in quotable
    assert "Call a friend tonight and tell them how you feel." in quotable
    for clutter in ("Advertising on our site", "We do not endorse", "commerce guidelines",
                    "commissions earned"):
        assert not any(clutter in s for s in quotable), clutter
    # advice that mentions ads or products is still the article's
    doc = load_page(tmp_path, "Don't buy products you see advertised on social media. "
                              "Save the money instead.\n", name="other.txt")
    assert "Save the money instead." in _quotable(doc)
