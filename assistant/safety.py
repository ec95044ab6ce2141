"""Safety routing: questions that describe danger get a notice and the abuse guidance first.

Rule-based on purpose: the cases are few and serious, the rules are readable and testable,
and a false negative must be fixable by adding a phrase. Ordinary trust worries ("he checks
my phone", "she doesn't believe me") must not trigger it; eval measures the false-positive rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexical import normalize_text

NOTICE = (
    "**If you are in danger, contact local emergency services now.** If a partner threatens, "
    "hurts, tracks or controls you, a domestic-violence hotline can help you plan safely. "
    "If you are having thoughts of harming yourself, please reach out to a crisis line or "
    "someone you trust today."
)

# Each pattern is matched against the normalised question (lowercase, straight quotes,
# contraction tails dropped: "doesn't" -> "doesn", "won't" -> "won", "I'm" -> "i").
_PARTNER = r"(he|she|they|him|her|them|partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex)"
_PATTERNS: dict[str, list[str]] = {
    "violence": [
        r"\b(hit|hits|hitting|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*|beat(s|ing)? me|beaten|shov\w*|push(ed|es|ing)? me|grab\w* me|throws? things|threw)\b",
        r"\b(hurts?|hurting|hurt) me\b",
        r"\b(physical(ly)? (abus\w*|violen\w*|hurt\w*)|domestic (violence|abuse)|bruis\w*)\b",
        r"\brap(e|ed|es)\b|\bsexual(ly)? (assault\w*|abus\w*|forc\w*)\b|\bforces? me to\b",
    ],
    "threats": [
        r"\bthreat\w*\b",
        r"\b(kill|hurt|harm)s? (me|us|my|the kids|himself|herself|themselves)\b",
        r"\bsaid (he|she|they)( will| would)? (kill|hurt|harm)\b",
        r"\b(gun|knife|weapon)\b",
    ],
    "fear": [
        r"\b(afraid|scared|terrified|frightened|fear) (of|for) (my (life|safety)|(my )?" + _PARTNER + r")\b",
        r"\b(don|do not|never|no longer) feel safe\b",
        r"\b(i|i am|am|feel) (not )?(unsafe|in danger)\b|\bnot safe\b|\bfor my (life|safety)\b",
        r"\bwalk(ing)? on eggshells\b",
    ],
    "stalking": [
        r"\bstalk\w*\b",
        r"\b(track\w*|gps|spy\w*|spies|spyware|tracker|airtag|monitor\w*) .{0,30}\b(me|my (phone|location|car|messages))\b",
        r"\b(tracks?|tracking|monitors?|monitoring) (me|my)\b",
        r"\bfollow(s|ed|ing)? me\b|\bshows? up (at|outside) my\b",
        r"\b(hacked|hacks|installed .{0,20}on) my\b",
    ],
    "control": [
        r"\b(won|wont|doesn|don|never|will not|does not) (let|allow) me\b",
        r"\b(not|isn|never) (allowed|permitted) to\b",
        r"\b(takes?|took|controls?|keeps?) (all )?(my|our) (money|paycheck|pay|cards?|bank|passport|phone|keys|car keys)\b",
        r"\b(locks?|locked) me (in|out)\b",
        r"\b(isolat\w*|cut me off from|keeps? me from (seeing|my))\b",
        r"\b(controlling|controls me|controls everything)\b",
        r"\b(forbid\w*|forbade)\b",
    ],
    "self_harm": [
        r"\b(kill|hurt|harm|cut)(ing)? (myself|my self)\b",
        r"\b(suicid\w*|self[- ]?harm\w*|end(ing)? (it all|my life)|take my (own )?life|want to die|don want to (live|be alive)|better off dead|no reason to live)\b",
        r"\b(hurt|harm|kill)s? (himself|herself|themselves)\b",
    ],
}
_COMPILED = {k: [re.compile(p) for p in v] for k, v in _PATTERNS.items()}


@dataclass(frozen=True)
class SafetyResult:
    flagged: bool
    categories: tuple[str, ...] = ()


def check_safety(question: str) -> SafetyResult:
    """Flag questions describing violence, threats, fear, stalking, control or self-harm."""
    q = normalize_text(question)
    cats = tuple(k for k, pats in _COMPILED.items() if any(p.search(q) for p in pats))
    return SafetyResult(bool(cats), cats)


# Passages of the articles that speak to abuse and control; quoted first for flagged questions.
ABUSE_QUERY = (
    "abuse: spying on you, telling you who you can and cannot hang out with, accusing you of "
    "cheating; a very controlling partner; flee emotional abuse"
)
