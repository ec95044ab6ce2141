"""Safety routing: questions that describe danger get a notice and the abuse guidance first.

Rule-based on purpose: the cases are few and serious, the rules are readable and testable,
and a false negative must be fixable by adding a phrase. Ordinary trust worries ("he checks
my phone", "she doesn't believe me") must not trigger it; eval measures the false-positive rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


NOTICE = (
    "**If you are in danger, contact local emergency services now.** If a partner threatens, "
    "hurts, tracks or controls you, a domestic-violence hotline can help you plan safely. "
    "If you are having thoughts of harming yourself, please reach out to a crisis line or "
    "someone you trust today."
)

# Each pattern is matched against the question as `_normalise` leaves it: lowercase, straight
# quotes, contractions spelled out ("won't" -> "will not", "he'll" -> "he will", "I'm" -> "i am",
# also when typed without the apostrophe: "dont", "wont", "im").
_PARTNER = r"(he|she|they|him|her|them|partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex)"
_PATTERNS: dict[str, list[str]] = {
    "violence": [
        r"\b(hit|hits|hitting|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*|beat(s|ing)? me|beaten|shov\w*|push(ed|es|ing)? me|throws? things|threw .{0,20}at me)\b(?! it off| the (gym|road|town|jackpot)| a (\w+ ){0,3}wall| rock bottom)",
        r"\b(grab\w*|squeez\w*) (me|my (throat|neck|arm|arms|wrist|wrists|hair|face))\b|\bby the (throat|neck|hair)\b",
        r"\b(held|holds?|hold|pins?|pinned|pinning) me (down|against)\b",
        r"\b(physically|physical) (hurt\w*|harm\w*|abus\w*|violen\w*)|\bhurts? me physically\b|\bleft (a )?(mark|marks|bruises?)\b",
        r"\b(violent|violence|domestic abuse|bruis\w*|black eye)\b",
        r"\babusive\b|\babus(e|ed|es|ing) me\b|\b(emotional|verbal|physical|mental)(ly)? abus\w*",
        r"\b(breaks|broke|smashe?s|smashed|throws|threw|punch(es|ed)) (things|stuff|my (?!heart\b)\w+|a hole|the wall|walls|holes)\b",
        r"\b(yells|yelled|screams|screamed|swears|swore) at me\b|\bcalls? me (names|stupid|worthless|useless|a (whore|slut|bitch))\b",
        r"\brap(e|ed|es)\b|\bsexual(ly)? (assault\w*|abus\w*|forc\w*)\b|\bforces? me to\b",
    ],
    "threats": [
        # "I felt a little threatened" by a rival, or "threatened a divorce", is not danger
        r"\bthreat(?<!felt threat)(?<!feel threat)(?<!feels threat)(?<!feeling threat)"
        r"(?<!little threat)(?<!bit threat)(?<!so threat)(en\w*|s (to|of|against))\b"
        r"(?! (a |an )?(\w+ )?(divorce|breakup|break up))"
        r"|\b(death|violent) threats?\b",
        r"\b(kill|harm)s? (me|us|my|the kids|himself|herself|themselves)\b",
        # someone else's intent: "I don't want to hurt my brother" is not a threat
        r"\b" + _PARTNER + r" (\w+ ){0,2}(will|would|going to|gonna|wants? to|tried to|try to|threatens? to) (kill|hurt|harm|beat|hit)\b",
        r"\b(gun(?<!like a gun)(?<!like gun)|knife(?<!like a knife)(?<!like knife)|weapon(?<!like a weapon)(?<!like weapon))\b",
    ],
    "fear": [
        r"\b(afraid|scared|terrified|frightened|fear) (of|for) (my (life|safety)|(my )?" + _PARTNER + r")\b",
        r"\b(afraid|scared|terrified|frightened) (to go home|to be (at )?home|to leave|to tell (him|her|them))\b",
        r"\b(do not|never|no longer) feel safe\b",
        r"\b(i|i am|am|feel) (not )?(unsafe|in danger)\b|\bnot safe\b|\bfor my (life|safety)\b",
        r"\bwalk(ing)? on eggshells\b",
    ],
    "stalking": [
        r"\bstalk(?<!not stalk)(?<!not that he stalk)(?<!not that she stalk)(?<!never stalk)\w*\b",
        r"\b(track\w*|gps|spy\w*|spies|spyware|tracker|airtag|monitor\w*) .{0,30}\b(me|my (phone|location|car|messages))\b",
        r"\b(tracks?|tracking|monitors?|monitoring) (me|my)\b",
        r"\bfollow(s|ed|ing)? me\b|\b(show|turn)(s|ed|ing)? up (at|outside) my\b",
        r"\b(air ?tags?|gps trackers?|tracking devices?|stalkerware)\b|\b(tracking|spy|spyware) (app|apps|device|software) (on|in|to) my\b",
        r"\b(texts?|texting|calls?|calling|messag\w*) me (\d+|a hundred|hundreds of|fifty|dozens of) times\b",
        r"\b(hacked|hacks|installed .{0,20}on) my\b",
    ],
    "control": [
        # "won't let me see his phone" is the asker's own suspicion, not control of the asker
        r"\b(never|not) (let|lets|allow|allows) me\b(?! (see|look at|check|go through|touch) (his|her|their|hes) )",
        r"\b(cut|cuts|cutting|drop|dropping|block|blocking|unfriend\w*) (off |out )?(all |most )?(of )?(my|your|her|his) (male |female |guy |girl )?friends( off| out)?\b",
        r"\b(not|never) (allowed|permitted) to\b",
        r"\b(takes?|took|controls?|keeps?) (all )?(of )?(my|our) (money|paycheck|pay|cards?|bank|passport|phone|keys|car keys)\b",
        r"\b(locks?|locked) me (in|out)\b",
        r"\b(isolat\w*|cut me off from|keeps? me from (seeing|my))\b",
        r"\bcontrol(?<!am i control)(?<!am i being control)(?<!i am being control)(?<!i am control)(?<!being too control)(?<!i am too control)(ling|s me|s everything)\b",
        r"\b(forbid\w*|forbade)\b",
        r"\b(tells?|decides?|chooses?|picks?) (me )?(who|what|where) i (am )?(allowed|can|may|get to)\b",
        r"\b(who|what|where) i (am )?allowed to\b",
        r"\baccus\w* me .{0,30}(every (single )?(day|night|hour)|all day|nonstop|non stop|24 ?7)\b",
    ],
    "self_harm": [
        r"\b(kill|hurt|harm|cut)(ing)? (myself|my self)\b",
        r"\b(suicid\w*|self[- ]?harm\w*|end(ing)? (it all|my life)|take my (own )?life|want to die|do not want to (live|be alive)|better off dead|no reason to live)\b",
        r"\b(hurt|harm|kill)s? (himself|herself|themselves)\b",
        r"\bbetter off (without me|if i (was|were|am) (just )?(gone|dead|not here|not around|never born))\b",
        r"\b(wish|want) i (was|were) (dead|gone|never born)\b|\bdo not want to be here anymore\b",
    ],
}
_COMPILED = {k: [re.compile(p) for p in v] for k, v in _PATTERNS.items()}
# A question about whether to agree to something ("should i let my bf track my location") is
# not a report of it being done: such questions do not flag that category on their own.
_ASKING_CONSENT = {
    "stalking": re.compile(r"\b(should|can|do|would) i (let|allow) \w+( \w+)? (track|monitor|see)"),
}


@dataclass(frozen=True)
class SafetyResult:
    flagged: bool
    categories: tuple[str, ...] = ()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
_SPELLED = [
    (re.compile(r"\b(can)'?t\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must)n'?t\b"),
     r"\1 not"),
    (re.compile(r"\b(i)'?m\b"), r"\1 am"),
    (re.compile(r"(\w)'ll\b"), r"\1 will"),
    (re.compile(r"(\w)'d\b"), r"\1 would"),
    (re.compile(r"(\w)'re\b"), r"\1 are"),
    (re.compile(r"(\w)'ve\b"), r"\1 have"),
    (re.compile(r"(\w)'s\b"), r"\1"),
]


def _normalise(text: str) -> str:
    q = " ".join(text.translate(_QUOTES).lower().split())
    for pattern, repl in _SPELLED:
        q = pattern.sub(repl, q)
    return q


def check_safety(question: str) -> SafetyResult:
    """Flag questions describing violence, threats, fear, stalking, control or self-harm."""
    q = _normalise(question)
    cats = tuple(k for k, pats in _COMPILED.items()
                 if any(p.search(q) for p in pats)
                 and not (k in _ASKING_CONSENT and _ASKING_CONSENT[k].search(q)))
    return SafetyResult(bool(cats), cats)
