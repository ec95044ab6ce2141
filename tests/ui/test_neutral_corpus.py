"""Articles on another topic, with no profile and no question files: answers and the UI carry
no wording from the shipped corpus."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import assistant_over

CORPUS_WORDS = re.compile(r"trust|partner|relationship|boyfriend|girlfriend|jealous|abuse",
                          re.IGNORECASE)
ARTICLE = """Growing tomatoes in pots

Choose a pot of at least twenty litres. Tomatoes need deep roots and steady water.

Water every morning in summer. A dry pot splits the fruit, so keep the soil evenly moist.

Feed them weekly once the first flowers open. A tomato feed high in potash works best.
"""


@pytest.fixture(scope="module")
def garden(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("garden"), {"tomatoes.txt": ARTICLE})


def test_answers_and_abstentions_use_neutral_wording(garden):
    assert not garden.tuning.fitted and garden.profile.describe() == "the indexed articles"
    answer = garden.ask("how often should I water tomatoes in pots")
    assert answer.quotes and not CORPUS_WORDS.search(answer.markdown)
    off = garden.ask("zzzz qqqq")
    assert off.abstained and not CORPUS_WORDS.search(off.markdown + (off.scope_note or ""))
    danger = garden.ask("he hit me and I am scared to go home")
    assert danger.safety and not CORPUS_WORDS.search(
        danger.markdown.split("\n\n", 1)[1])  # after the safety notice itself


def test_the_ui_has_no_corpus_wording(garden):
    from ui.app import build_app

    config = json.dumps(build_app(garden).config, default=str)
    assert "Quotewise" in config and "Ask a question about the articles" in config
    assert not CORPUS_WORDS.search(config), CORPUS_WORDS.search(config).group()
