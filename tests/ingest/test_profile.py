"""The corpus profile and tuning file beside the articles: parsed strictly, with one warning
line per problem, and never mistaken for articles."""

from __future__ import annotations

import pytest

from ingest.profile import PROFILE_FILE, Profile, find_corpus_files, parse_profile
from tests.conftest import ARTICLES

GOOD = b"""
title = "Garden notes"
topic = "growing vegetables in pots"
audience = "people with a balcony"
audience_cues = ["\\\\bmy balcony\\\\b"]
examples = ["How often should I water tomatoes?"]

[[safety_anchor]]
doc_id = "tomatoes"
quote = "Wear gloves when you handle the feed."

[[not_for]]
who = "farmers with fields"
cues = ["\\\\b(acres?|tractor)\\\\b"]

[[asker_says]]
says = "they water every day"
cues = ["\\\\bi water (them )?every day\\\\b"]
unless = ["\\\\bbut i forgot\\\\b"]
contradicts = ["water more often"]
"""


def test_a_profile_gives_the_corpus_its_wording_and_askers():
    profile, warnings = parse_profile(GOOD, "quotewise.toml")
    assert not warnings
    assert profile.describe() == "the indexed articles on growing vegetables in pots"
    assert profile.not_written_for("how do I water 40 acres with one tractor") == \
        "farmers with fields"
    assert profile.not_written_for("the tractor is parked by my balcony") is None  # audience
    assert profile.not_written_for("how often should I water tomatoes") is None
    assert profile.contradicted("I water them every day and they still wilt") == \
        ("water more often",)
    assert profile.contradicted("I water every day but I forgot last week") == ()
    assert profile.contradicted("why do my tomatoes wilt") == ()
    assert Profile.from_dict(profile.to_dict()) == profile


def test_a_key_written_after_a_table_is_named():
    text = GOOD.replace(b'[[not_for]]', b'hint = "ask about pots"\n\n[[not_for]]', 1)
    profile, warnings = parse_profile(text, "quotewise.toml")
    assert profile.hint == ""
    assert any("'hint' in safety_anchor 1" in w for w in warnings), warnings


def test_bad_cues_and_bad_toml_are_one_line_warnings():
    _, warnings = parse_profile(b'[[not_for]]\nwho = "x"\ncues = ["(unclosed"]\n', "p.toml")
    assert warnings and all("\n" not in w for w in warnings) and "not a regular" in warnings[0]
    profile, warnings = parse_profile(b"title = ", "p.toml")
    assert profile is None and "not valid UTF-8 TOML" in warnings[0]


def test_a_bad_asker_says_table_is_a_one_line_warning():
    _, warnings = parse_profile(b'[[asker_says]]\ncues = ["x"]\n', "p.toml")
    assert warnings == ["p.toml: asker_says 1 needs 'says' and lists of 'cues' and "
                        "'contradicts' (and optionally 'unless')"]
    profile, warnings = parse_profile(
        b'[[asker_says]]\nsays = "x"\ncues = ["(bad"]\ncontradicts = ["y"]\n', "p.toml")
    assert "not a regular expression" in warnings[0] and profile.contradicted("(bad") == ()


def test_the_shipped_profiles_contradicted_sentences_are_in_the_articles():
    """A pattern that matches no sentence (a typo, an edited article) would silently rule out
    nothing."""
    import re

    value, _, _ = find_corpus_files([ARTICLES])[PROFILE_FILE]
    profile = Profile.from_dict(value)
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt")]
    patterns = [c for a in profile.asker_says for c in a.contradicts]
    assert patterns
    for c in patterns:
        assert any(re.search(c, t, re.IGNORECASE) for t in texts), c


@pytest.mark.parametrize("question, says", [
    ("I have never cheated or lied, but my boyfriend doesn't trust me", True),
    ("my gf doesnt trust me, ive done nothing wrong", True),
    ("he's acting like I cheated on him. I never lied to him once", True),
    ("i never cheated but i did lie to him about my ex once", False),  # takes it back
    ("I lied to him once and now he doesn't trust me", False),
    ("my boyfriend doesn't trust me", False),
])
def test_the_shipped_profile_hears_an_asker_say_they_gave_no_reason(question, says):
    value, _, _ = find_corpus_files([ARTICLES])[PROFILE_FILE]
    assert bool(Profile.from_dict(value).contradicted(question)) is says


def test_no_profile_means_neutral_wording(tmp_path):
    assert PROFILE_FILE not in find_corpus_files([tmp_path])
    assert Profile().describe() == "the indexed articles" and not Profile().examples


def test_the_shipped_profile_parses_cleanly():
    value, sha, warnings = find_corpus_files([ARTICLES])[PROFILE_FILE]
    assert not warnings and sha
    profile = Profile.from_dict(value)
    assert profile.audience and profile.audience_cues and profile.safety_anchor


@pytest.mark.parametrize("question, other", [
    ("My girlfriend was seeing someone on the side and now I can't stop checking her phone.", True),
    ("I caught my husband in a lie about where he was on Friday. How do I trust him?", True),
    ("He was unfaithful with my best friend and now he wants me to forgive him", True),
    ("how do I catch my cheating boyfriend", True),
    ("is it normal to feel jealous when my boyfriend talks to his ex", True),
    ("I think my wife is cheating, how can I find out if she is cheating for sure?", True),
    ("how do I catch my son lying about where he goes after school", False),
    ("My wife has a close male friend from college and they text every day", True),
    ("his ex-girlfriend called him last night and he didn't tell me", True),
    ("My boyfriend is jealous of my male friend and checks my phone", False),
    # the shipped profile also speaks for articles added beside it: a parent is no partner
    ("I have never caught her in a lie this big before. How should I punish my daughter?", False),
    ("I was seeing someone else for a while and now my wife checks my phone", False),
])
def test_the_shipped_profile_tells_the_suspicious_partner_from_others(question, other):
    value, _, _ = find_corpus_files([ARTICLES])[PROFILE_FILE]
    profile = Profile.from_dict(value)
    assert (profile.not_written_for(question) is not None) is other


def test_a_cue_is_skipped_only_when_the_question_lacks_a_word_it_needs():
    """A cue scans a question only when it holds the words the cue needs (`_needed`); on real
    letters, in any case, a cue that matches is never skipped, and a letter holding a letter
    whose case partners lower-casing misses ("İ", "ſ") is scanned in full."""
    import json
    import re
    from pathlib import Path

    from ingest.profile import _folded, _may_match, _needed

    value, _, _ = find_corpus_files([ARTICLES])[PROFILE_FILE]
    profile = Profile.from_dict(value)
    cues = [*profile.audience_cues, *(c for g in profile.not_for for c in g.cues),
            *(c for a in profile.asker_says for c in (*a.cues, *a.unless))]
    real = Path(__file__).resolve().parents[2] / "eval" / "real" / "dev.jsonl"
    letters = [json.loads(x)["question"] for x in real.read_text(encoding="utf-8").splitlines()
               if x.strip()]
    skipped = matched = 0
    for q in letters + [q.upper() for q in letters[:40]]:
        low = _folded(q)
        for c in cues:
            if re.search(c, q, re.IGNORECASE):
                matched += 1
                assert _may_match(c, low), (c, q[:80])
            skipped += not _may_match(c, low)
    assert matched > 50 and skipped > len(letters) * len(cues) // 2  # the check saves work
    assert _needed(r"\bmy (balcony|garden)\b") == (("balcony", "garden"), ("my ",))
    assert _folded("MY BALCONY") == "my balcony"
    assert _folded("my balcony ſ") is None and _folded("İ have a balcony") is None
    assert _may_match(r"\bs", None)
