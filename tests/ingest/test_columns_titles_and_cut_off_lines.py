"""A column's furniture, a series' promo box, title lines, a picture's "via" credit, a page's
cut-off last line and a run of quoted examples on ellipses: how pages are written (the testers'
twenty-second round), never their words."""

from __future__ import annotations

from ingest import split_sentences
from ingest.html import read_html
from ingest.metadata import is_photo_credit, looks_like_own_title
from ingest.sentences import sentence_spans
from ingest.structure import detect_structure
from tests.ingest.pages import load_page, quotable_texts
from tests.timing import assert_linear

PROSE = ("Many couples never talk about privacy at all. They assume the other feels the same way, "
         "and they find out otherwise at the worst moment.")
ADVICE = ("Talk about what each of you expects before it becomes a fight. Agree on what is "
          "private and what is shared, and say why it matters to you.")


def _quoted(doc) -> str:
    return "\n".join(quotable_texts(doc))


# -- 1. a column's labels, its editor's note and its call to write in -------------------------

COLUMN = (
    "# Asking Around: My Partner Read My Messages\n\n"
    "*Editor’s Note: Good relationships matter, and this weekly column answers your questions "
    "about them. Have a question? Send it to [email protected]!*\n\n"
    "**Q:** I saw my partner reading my messages and he made up an excuse. Why would he snoop?\n\n"
    f"**A:** {PROSE} {ADVICE}\n")


def test_a_columns_q_and_a_labels_are_never_part_of_a_quote(tmp_path):
    doc = load_page(tmp_path, COLUMN, "column.md")
    quoted = quotable_texts(doc)
    assert "Many couples never talk about privacy at all." in quoted
    assert not any(s.startswith(("**A:**", "A:", "**Q:**", "Q:")) for s in quoted)
    assert "I saw my partner reading my messages and he made up an excuse." in quoted


def test_a_columns_editors_note_and_its_call_to_write_in_are_furniture(tmp_path):
    quoted = _quoted(load_page(tmp_path, COLUMN, "column.md"))
    assert "Editor’s Note" not in quoted and "Send it to" not in quoted
    assert "Have a question?" not in quoted and "weekly column" not in quoted


def test_a_call_to_write_in_on_its_own_line_is_furniture(tmp_path):
    doc = load_page(tmp_path, (
        f"How to Talk About Privacy\n\n{PROSE}\n\n{ADVICE}\n\n"
        "Got a question for our experts? Email your questions to ask@advice.example.com.\n\n"
        f"{PROSE}\n"))
    quoted = _quoted(doc)
    assert "Email your questions" not in quoted and "Got a question" not in quoted
    assert "Agree on what is private and what is shared, and say why it matters to you." in quoted


def test_advice_to_send_something_to_someone_stays_quotable(tmp_path):
    doc = load_page(tmp_path, (
        f"How to Say Sorry\n\n{PROSE}\n\n"
        "Write your partner a letter. Then send it to them when you are both calm.\n\n"
        f"{ADVICE}\n"))
    assert "Then send it to them when you are both calm." in quotable_texts(doc)
    # nor is where to get help: an address named without anything to send to it, nor "us"
    # (the browser test's page: "...or write to help@evil.example)." was set aside)
    (tmp_path / "help").mkdir()
    doc = load_page(tmp_path / "help", (
        f"How to Say Sorry\n\n{PROSE}\n\n"
        "If it gets worse, call the helpline or write to help@example.org for advice.\n\n"
        f"{ADVICE}\n"))
    assert ("If it gets worse, call the helpline or write to help@example.org for advice."
            in quotable_texts(doc))


def test_one_label_alone_is_no_column(tmp_path):
    doc = load_page(tmp_path, f"How to Talk\n\n{PROSE}\n\nA: {ADVICE}\n")
    assert any(s.startswith("A: Talk about") for s in quotable_texts(doc))


# -- 3. a series' promo in a box of its own ---------------------------------------------------

def test_a_box_promoting_the_publications_series_is_not_the_article():
    text, _, _ = read_html(
        "<html><body><h1>How to Help a Child Grieve</h1>"
        "<div class='box'><em>Losing someone is hard at any age. Our series helps you face it, "
        "from the practical to the existential.</em></div>"
        f"<p>{PROSE}</p><div class='x'><p>{ADVICE}</p></div>"
        "<div>Our series on loss runs every week, and this box is long enough to be a paragraph "
        "of its own in the page.</div><p>Read on.</p></body></html>")
    assert "Our series helps you face it" not in text and "Losing someone" not in text
    assert "Many couples never talk" in text and "Agree on what is private" in text


def test_a_paragraph_that_mentions_a_series_stays():
    text, _, _ = read_html(
        "<html><body><h1>Grief</h1><p>In this series we talk to parents. Our series helps you "
        f"face it.</p><p>{PROSE}</p></body></html>")
    assert "Our series helps you face it." in text


# -- 4. title lines ---------------------------------------------------------------------------

def test_a_first_line_printing_the_front_matter_title_again_is_the_heading(tmp_path):
    doc = load_page(tmp_path, (
        '---\ntitle: "Widowed Early"\nauthor: Health Desk\n---\n\nWidowed Early\n\n'
        f"{PROSE}\n\n## Practical Matters\n\n{ADVICE}\n"), "w.md")
    sents = split_sentences(doc)
    assert not any(s.text == "Widowed Early" and s.quotable for s in sents)
    assert doc.sections[0].kind == "title" and doc.sections[0].heading == "Widowed Early"
    assert "Many couples never talk about privacy at all." in quotable_texts(doc)


def test_a_one_line_standfirst_saying_the_title_again_is_not_quoted(tmp_path):
    doc = load_page(tmp_path, (
        "# Supporting a Grieving Friend\n\nCreate a safe place to support a grieving friend.\n\n"
        f"{PROSE} {ADVICE}\n"), "s.md")
    quoted = quotable_texts(doc)
    assert "Create a safe place to support a grieving friend." not in quoted
    assert "Many couples never talk about privacy at all." in quoted


def test_a_short_opening_sentence_on_another_subject_stays(tmp_path):
    doc = load_page(tmp_path, (
        "# Supporting a Grieving Friend\n\nNobody knows the right words.\n\n"
        f"{PROSE} {ADVICE}\n"), "s.md")
    assert "Nobody knows the right words." in quotable_texts(doc)


def test_a_title_case_first_line_with_a_teasing_question_or_initials_is_the_title(tmp_path):
    for first in ("How To Build Trust In A Long Distance Relationship? Part 3: Common Pitfalls",
                  "What to Do If You Catch Your S.O. Going Through Your Phone"):
        assert looks_like_own_title(first)
        doc = load_page(tmp_path, f"{first}\n\n{PROSE}\n\n{ADVICE}\n")
        assert doc.title == first
        assert first not in quotable_texts(doc)
    assert not looks_like_own_title("Is he cheating? Look at his phone when he sleeps")
    assert not looks_like_own_title("It Was Late. We Went Home")


def test_a_bracketed_via_credit_is_a_pictures_credit_not_a_heading(tmp_path):
    assert is_photo_credit("(Pretty Little Things via Channel Four)")
    assert not is_photo_credit("(We heard about it via friends.)")
    doc = load_page(tmp_path, (
        f"What to Do When Trust Breaks\n\n1. Find the Cause\n\n{PROSE}\n\nTwo people in a fight\n\n"
        f"(Some Show via Some Network)\n\n2. Say How You Feel\n\n{ADVICE}\n"))
    assert all(s.heading != "(Some Show via Some Network)" for s in doc.sections)
    assert "(Some Show via Some Network)" not in quotable_texts(doc)


# -- 5. an unfinished last line -----------------------------------------------------------------

def test_an_unfinished_last_line_in_a_paragraph_of_its_own_is_set_aside(tmp_path):
    for name in ("page.md", "page.txt"):
        doc = load_page(tmp_path, (
            f"How to Stop Checking\n\n{PROSE}\n\n{ADVICE}\n\n"
            "Just stay away from your partner's social media accounts\n"), name)
        assert "Just stay away from your partner's social media accounts" not in \
            quotable_texts(doc), name


def test_a_title_case_or_short_closing_line_stays(tmp_path):
    doc = load_page(tmp_path, f"How to Stop Checking\n\n{PROSE}\n\n{ADVICE}\n\nGood luck to you\n")
    assert "Good luck to you" in quotable_texts(doc)


# -- 6. a run of quoted examples on ellipses ----------------------------------------------------

def test_ellipses_between_quoted_examples_do_not_end_the_sentence():
    text = ('Use plain words (e.g., "he died") versus soft ones such as "passed away" … "gone to '
            'a better place" … "not with us any more" …etc. In our kind way we protect too much.')
    got = [text[a:b] for a, b in sentence_spans(text, 0, len(text))]
    # ("etc." stays an abbreviation, as `test_sentences` has it: the next sentence runs on)
    assert got[0].startswith('Use plain words (e.g., "he died") versus soft ones such as "passed '
                             'away" … "gone to a better place" … "not with us any more" …etc.')
    assert not any(s.startswith('"') for s in got)
    text = 'He said "wait"... "What now?" she asked. I left.'  # straight dots too
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))][0].startswith(
        'He said "wait"... "What now?"')


def test_an_ellipsis_before_a_quotation_after_prose_still_ends_the_sentence():
    text = 'I waited and waited… "Are you there?" she called.'
    got = [text[a:b] for a, b in sentence_spans(text, 0, len(text))]
    assert got[0] == "I waited and waited…"


# -- the new rules stay linear ------------------------------------------------------------------

def test_the_new_rules_read_adversarial_pages_in_linear_time():
    """Each new rule on pages written against it: one long line, many short lines, many labels
    (the whole of `detect_structure` on many short lines is timed elsewhere)."""
    from ingest.markdown import visible_span
    from ingest.structure import _column_labels, _cut_off_tail, _editor_notes
    from ingest.sentences import paragraph_spans

    paragraphs: dict[str, list] = {}  # read once per page: their cost is not the rules'

    def rules(t):
        p = paragraphs[t]
        _column_labels(t), _editor_notes(t, p), _cut_off_tail(t, p)
    for unit in ("**Q:** Why? \n\n**A:** Yes.\n\n", "A: x\n", "A: x ", "*Editor's note: x\n"):
        for n in (100_000, 400_000):
            page = unit * (n // len(unit))
            paragraphs[page] = paragraph_spans(page)
        assert_linear(rules, unit, 400_000)
        paragraphs.clear()
    assert_linear(lambda t: sentence_spans(t, 0, len(t)), '"a" … ', 120_000)
    assert_linear(lambda t: [visible_span(t, i, i + 40) for i in range(0, len(t), len(t) // 20)],
                  "*a b* x\n", 400_000)
    assert_linear(lambda t: looks_like_own_title(t), "A? B. ", 60_000)
    assert_linear(lambda t: is_photo_credit(t), "a via B ", 60_000)
    assert_linear(lambda t: read_html(t), "<div>Our series sign up</div>", 120_000)
    assert_linear(lambda t: read_html(t), "<div>" + "<br>" * 20, 120_000, suffix="sign up")
