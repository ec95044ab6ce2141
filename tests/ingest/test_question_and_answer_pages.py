"""A question-and-answer site's page saved as text: the asker's credit and the buttons over the
answer ("Question asked by ... student", "Not the question you're searching for?", "+ Ask your
question", "Text solution", "Verified"), and the site's own block after the answer, from "Ask
your next question" to its links to other questions. None of it is the answer, so none of it
is quoted; the answer itself is, whole. The wording is the site's kind, the topic made up."""

from __future__ import annotations

from ingest import Document
from ingest.metadata import heads_links, is_furniture
from tests.ingest.pages import load_page, quotable_texts as _quotable

PAGE = """Question
Question asked by Filo student
How to keep a sourdough starter alive while travelling
Not the question you're searching for?
+ Ask your question
Text solution
Verified
Keeping a Starter Alive on the Road:
-
Feed before leaving: Give the starter a large feed the night before. A well-fed starter rests for days in the fridge.
-
Pack it cold: Carry a small jar in an insulated bag.
- Refresh it within a week of arriving.
Ask your next question

One destination to cover all your homework and assignment needs
Learn Practice Revision Succeed

Instant 1:1 help, 24x7
60, 000+ Expert tutors

Essay review
Get expert feedback on your essay

Schedule classes
High dosage tutoring from Dedicated 3 experts
Students who ask this question also asked
View more
"""
CLUTTER = ["Question asked by Filo student", "+ Ask your question", "Text solution", "Verified",
           "Not the question you're searching for?", "Ask your next question",
           "One destination to cover all your homework and assignment needs",
           "Learn Practice Revision Succeed", "Instant 1:1 help, 24x7", "Essay review",
           "Get expert feedback on your essay", "Schedule classes",
           "High dosage tutoring from Dedicated 3 experts",
           "Students who ask this question also asked", "View more"]


def _headings(doc: Document) -> list[str]:
    return [s.display for s in doc.sections if s.heading]


def test_a_question_and_answer_sites_buttons_and_upsell_are_never_quoted(tmp_path):
    """"Question asked by Filo student", "Essay review" and "Schedule classes" led answers: the
    site's words around the answer, never the answer."""
    doc = load_page(tmp_path, PAGE)
    quotable = _quotable(doc)
    assert not [c for c in CLUTTER if c in quotable], quotable
    assert not {"Verified", "Learn Practice Revision Succeed"} & set(_headings(doc))
    # the answer is all still there
    for line in ("Keeping a Starter Alive on the Road:",
                 "Feed before leaving: Give the starter a large feed the night before.",
                 "A well-fed starter rests for days in the fridge.",
                 "Pack it cold: Carry a small jar in an insulated bag.",
                 "Refresh it within a week of arriving."):
        assert line in quotable, quotable


def test_an_article_that_speaks_of_questions_keeps_its_lines(tmp_path):
    """The cues are a site's buttons, whole lines: an article's own sentences about asking or
    verifying are read as ever, and so is a column's reader asking."""
    lines = ["Ask your next question only when the first one has been answered.",
             "Verified facts matter more than rumours.",
             "Students who ask questions in class learn more.",
             "Question asked by a reader:"]
    doc = load_page(tmp_path, "Asking better questions\n\n" + "\n\n".join(lines) + "\n\n"
                    "Write your question down before you ask it. Keep it short.\n")
    quotable = _quotable(doc)
    for line in lines[:3]:
        assert line in quotable, quotable
    assert not any(is_furniture(x) for x in lines)
    assert heads_links("Students who ask this question also asked")
    assert heads_links("Ask your next question")
