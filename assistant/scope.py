"""Honest scope: how well the articles address *this* asker's question, said plainly.

Three levels, in the Answer JSON as ``coverage``:

- ``"none"``: the abstention model says the articles don't answer it (the answer abstains);
- ``"partial"``: there are quotes, but the articles aren't written for this asker (the corpus
  profile's ``not_for`` groups, or its fitted `ScopeModel` reading the asker's words), or they
  cover the question only weakly (a probability under a fitted ``partial_probability``), or a
  safety question gets the articles' safety guidance though they don't address the question
  itself, or the question asks for a kind of fact that none of the quotes gives
  (`missing_fact`: which app, what the law says, figures, a penalty, an amount, who
  pays), or the quoted articles speak to someone other than the asker, read from their words
  alone (`Audience`: parents, sons and daughters, the other side of what happens);
- ``"direct"``: otherwise.

Whenever coverage isn't direct, ``scope_note`` is one plain sentence shown before the quotes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from assistant.abstain import AbstainConfig
from index.lexical import content_terms
from index.queries import asked
from ingest.profile import Profile


@dataclass(frozen=True)
class Scope:
    coverage: str  # "direct" | "partial" | "none"
    note: str | None = None


@dataclass(frozen=True)
class _Fact:
    """A kind of fact a question can ask for that only a sentence stating it answers."""

    what: str  # what the articles don't give, for the note: "which app or product to use"
    asks: re.Pattern  # a question asking for it
    gives: re.Pattern  # a quote giving it


# a thing judged safe or not, and pregnancy or breastfeeding ("nursing" not of a nursing home,
# school, job...: see the fact below)
_SAFE = r"(safe|safely|ok|okay|alright|all right|dangerous|harmful|risky|harm)"
_PREGNANCY = (r"(pregnan\w*|breast-?feed\w*|nursing(?! (homes?|facilit\w*|care|schools?|students?"
              r"|jobs?|staff|degrees?|assistants?|aides?|shifts?|careers?|courses?|programs?"
              r"|a grudge|grudges?)\b))")

# Advice articles tell people what to do; they rarely name apps, state the law, give statistics,
# doses or amounts. A question asking for one of these ("which budgeting app is best", "is it
# legal for my boss to read my messages", "what percentage of long-distance relationships last",
# "how many mg of melatonin should I take", "how much allowance should we give", "how much does
# couples therapy cost") is answered only in part by quotes that don't: the closest advice,
# said to be no more than that. Plain English, no topic words.
_FACTS = (
    _Fact("which app or product to use",
          re.compile(r"\b(which|what|best|good|recommend(ed)?|need an?)\s+([\w'’-]+\s+){0,3}"
                     r"(apps?|software|websites?|products?|brands?)\b", re.IGNORECASE),
          re.compile(r"\b(apps?|software|websites?|products?|brands?)\b", re.IGNORECASE)),
    _Fact("what the law says",
          re.compile(r"\b(is|was|are|would be) (it|that|this|they|he|she) (even |actually )?"
                     r"(il)?legal\b|\blegal(ly)? (allowed|required|obligated|able|entitled)\b"
                     r"|\b(can|could|should) (i|we|he|she|they) (sue|press charges|take legal)\b"
                     r"|\bagainst the law\b|\bwhat are (my|our|his|her|their) (legal )?rights\b"
                     # any asker or subject: "can a stepparent legally adopt my kids"
                     r"|\b(can|could|may|should) ([\w'’-]+ ){1,3}legally\b"
                     # "is a camera pointed at my drive illegal?": asked, not told
                     r"|\b(is|are|was|would it be) ([\w'’-]+ ){1,12}?(even |actually )?(il)?legal\b"
                     r"(?=[^.?!]{0,60}\?)"
                     r"|\b(take|taking|took) (me|us|him|her|them) to court\b"
                     r"|\b(visitation|custody|legal|parental) rights\b"
                     # a legal standing over someone ("how do I get power of attorney for my mom")
                     r"|\b(power of attorney|guardianship|conservatorship)\b", re.IGNORECASE),
          re.compile(r"\b(il)?legal(ly)?\b|\blaws?\b|\blawyers?\b|\battorneys?\b|\bcourts?\b"
                     r"|\bsue\b|\blawsuits?\b|\brights\b|\bguardian(ship)?s?\b|\bconservator",
                     re.IGNORECASE)),
    # who pays ("will Medicare pay for it", "does insurance cover therapy", "can I get paid by
    # the state for caring for my father", "is there financial help"): given by a line on paying,
    # insurance or benefits
    _Fact("who pays or what financial help there is",
          re.compile(r"\b(get|be|getting|being) paid (to|for|by)\b"
                     r"|\b(financial|government|state|federal|public) (help|assistance|aid|support"
                     r"|benefits?)\b"
                     r"|\b(will|does|would|can|could|do) (\w+ )?(insurance|insurer|medicare|medicaid"
                     r"|the (state|government|council|nhs)) (pay|cover|help pay)\b", re.IGNORECASE),
          re.compile(r"\b(pay|pays|paid|paying|benefits?|insurance|insurers?|medicare|medicaid"
                     r"|grants?|stipends?|allowances?|subsid\w*|funding|funded)\b", re.IGNORECASE)),
    _Fact("the figures asked for",
          re.compile(r"\bwhat (percentage|percent|proportion|fraction)\b|\bhow accurate\b"
                     r"|\bstatistics?\b", re.IGNORECASE),
          # a number, not a tip's ("#2 Honesty is the best policy.", "3. Listen"); a word about
          # research gives no figure ("Researchers have determined that friendships ...")
          re.compile(r"(?<![#\w])\d(?![\d]*[.)]\s)|%|\bpercent|\b(half|a third|a quarter|one in "
                     r"(two|three|four|five|ten))\b|\baccura", re.IGNORECASE)),
    _Fact("what it costs",
          re.compile(r"\bhow much (does|do|did|will|would|could|can|is|are|was|should)\b[^.?!]{0,60}"
                     r"\b(cost|costs|charge|charges|run you|set (me|us|you) back)\b"
                     # not "what does it cost us to keep avoiding this"
                     r"|\bwhat (does|do|will|would|did) (?!(it|this|that|i|we|you|they|he|she)\b)"
                     r"[^.?!]{0,60}\bcost\b(?! (us|me|you|him|her|them)\b)"
                     r"|\bhow (expensive|pricey|affordable) (is|are|was|would)\b", re.IGNORECASE),
          # a rate is a price with an amount ("100 a session"), not a frequency ("three nights a
          # week")
          re.compile(r"[$£€¥]|\b\d[\d,.]*\s*(dollars?|pounds?|euros?|k\b)"
                     r"|\b\d[\d,.]*\s*(per|a|each) (month|year|week|day|hour|night|session)\b",
                     re.IGNORECASE)),
    # a penalty ("what's the fine for letting your dog bark all night", "can I be fined for
    # it"): given by an amount or a word of the penalty itself
    _Fact("what the penalty is",
          re.compile(r"\bwhat(\W?s| is| are| would be)( the)? (fines?|penalty|penalties|punishment)"
                     r"\b|\bhow (much|big|large|high) (is|are|would be) (the )?(fines?|penalty)\b"
                     r"|\b(can|could|will|would) (i|we|you|he|she|they) (be|get) fined\b",
                     re.IGNORECASE),
          re.compile(r"[$£€¥]\s?\d|\b\d[\d,.]*\s*(dollars?|pounds?|euros?)\b|\bfine[ds]?\b"
                     r"|\bpenalt(y|ies)\b", re.IGNORECASE)),
    _Fact("the dose asked for",
          re.compile(r"\bhow (many|much) (mg|milligrams?|mcg|micrograms?|ml|tablets?|pills?"
                     r"|capsules?|gummies|drops)\b|\bwhat (dose|dosage)\b|\b(right|correct|safe|max(imum)?"
                     r"|recommended|normal|usual|starting) (dose|dosage)\b"
                     # a dose in other words: "how much melatonin should I take", "how much
                     # ibuprofen can I give my son"; not an amount of time, money or the like
                     # ("how much time should I take off", "how much space should I give him")
                     r"|\bhow much (?!(time|money|space|notice|leave|risk|care|credit|blame|breaks?|off"
                     r"|vacation|days?|weeks?|hours?|responsibility|control|freedom|attention|sleep"
                     r"|rest|weight)\b)[\w'’-]+( [\w'’-]+)? (should|can|could|do|may|must) (i|we|you|he|she"
                     r"|they) (safely )?(take|give (him|her|them|my (son|daughter|child|kid|baby|toddler"
                     r"|teen)))\b", re.IGNORECASE),
          re.compile(r"\d\s*(mg|milligrams?|mcg|micrograms?|ml|tablets?|pills?|capsules?)\b"
                     r"|\b(dose|dosage)s?\b[^.?!]{0,40}\d", re.IGNORECASE)),
    # whether something is safe in pregnancy or while breastfeeding ("is it safe to use nicotine
    # patches while I'm pregnant?", "I'm breastfeeding, is melatonin ok?"): a fact only a line
    # on pregnancy or breastfeeding gives; general advice on the thing is no answer to it
    # (the pregnancy is the asker's state while doing the thing, "while", "when", "during"...
    # it, or "I'm pregnant, is...": not what is told or felt, "is it okay to tell my boss I'm
    # pregnant?"; and "nursing" is breastfeeding, not a nursing home, school or job, "is it okay
    # to move my mother into a nursing home?" was told the articles don't say whether it is safe
    # in pregnancy; twenty-sixth audit)
    _Fact("whether it is safe during pregnancy or breastfeeding",
          re.compile(rf"\b{_SAFE}\b[^.?!]{{0,60}}\b(while|whilst|when|during|if|in|for)\b"
                     rf"[^.?!]{{0,20}}?\b{_PREGNANCY}\b"
                     r"|(?:^\s*+|\b(?:while|whilst|when|during|if|in|for|i'?m|i am|we'?re|we are)"
                     rf"\b[^.?!]{{0,20}}?\b)(pregnan\w*|breast-?feed\w*)\b[^.?!]{{0,60}}"
                     rf"\b{_SAFE}\b",
                     re.IGNORECASE),
          re.compile(r"\bpregnan\w*|\bbreast-?feed\w*|\bnursing mothers?\b|\bexpectant\b"
                     r"|\bunborn\b", re.IGNORECASE)),
    _Fact("the amount asked for",
          re.compile(r"\bhow (much|big|large) (?!(time|space|attention|freedom|slack)\b)"
                     r"([\w'’-]+ ){0,3}(money|allowance|fund|budget|savings"
                     r"|rent|salary|should (we|i) (save|give|spend|pay|budget))\b"
                     r"|\b(what(\W?s| is) the|is there a|any) deadline\b"
                     r"|\bhow long do (i|we) have to (file|report|apply|claim)\b",
                     re.IGNORECASE),
          re.compile(r"\d|[$£€]|\b(percent|months?|weeks?|days?|years?|dollars?|pounds?|euros?)\b",
                     re.IGNORECASE)),
    # a count ("How many hours of sleep does a 2 year old need", "how many calories does a
    # 30 minute run burn"): given by a number, in digits or words ("more than five tantrums")
    _Fact("the number asked for",
          re.compile(r"\bhow many\b", re.IGNORECASE),
          re.compile(r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
                     r"|twenty|thirty|forty|fifty|sixty|hundreds?|thousands?|dozens?|once|twice"
                     r"|half|a few|several)\b", re.IGNORECASE)),
)


# what a count is of: "how many calories a day...", "how many times should I offer..."
_COUNTED = re.compile(r"\bhow many ((?:more|extra|different|new) )?([a-z]{3,})", re.IGNORECASE)


def _counts(quote: str, noun: str) -> bool:
    """Whether ``quote`` gives a number of ``noun`` ("15 or more times", "ten to 13 hours"):
    a number a few words before or after a word of its stem. Not a number of something else ("most
    children outgrow it by age 4 or 5" gives no count of calories)."""
    if noun.lower().startswith("time") and re.search(r"\b(once|twice)\b", quote, re.I):
        return True  # "twice a week" is a number of times
    stem = re.escape(noun.lower()[:max(4, len(noun) - 2)])
    number = _FACTS[-1].gives.pattern
    return bool(re.search(rf"(?:{number})(?:\W+\w+){{0,3}}?\W+{stem}|\b{stem}\w*(?:\W+\w+){{0,2}}?"
                          rf"\W+(?:{number})", quote, re.IGNORECASE))


_COST = next(fact for fact in _FACTS if fact.what == "what it costs")
# what a price is of: "how much does assisted living cost per month" -> "assisted living"
_PRICED = re.compile(r"\bhow much (?:does|do|did|will|would|could|can|is|are|was|should) "
                     r"((?:[\w'’-]+ ){1,6}?)(?:cost|costs|charge|charges)\b", re.IGNORECASE)
_PRICE_WORD = r"\b(?:cost\w*|charges?|fees?|pric\w*|rates?|tuition|premiums?)\b"
_RATE = r"\b(?:per|a|an|each) (?:month|year|week|day|hour|night|session)\b"
_NOT_THING = {"it", "this", "that", "they", "them", "these", "those", "one", "typically",
              "usually", "really", "actually", "normally", "generally", "roughly", "about"}


def _priced(quote: str, thing: str) -> bool:
    """Whether ``quote`` gives a price, not just an amount: an amount with a word of what is
    priced or of pricing ("Sessions cost $100 to $250 an hour") a few words from it, or a rate
    ("300 a night"). "We've spent about $6,000 so far" prices nothing asked."""
    amount = _COST.gives
    words = [w for w in re.findall(r"[a-z]{4,}", thing.lower()) if w not in _NOT_THING]
    if not words:  # "how much does it cost": any amount is its price
        return bool(amount.search(quote))
    near = re.compile("|".join([_PRICE_WORD, _RATE, *(r"\b" + re.escape(w[:max(4, len(w) - 2)])
                                                       + r"\w*" for w in words)]), re.IGNORECASE)
    return any(near.search(quote, max(0, m.start() - 60), m.end() + 60)
               for m in amount.finditer(quote))


def missing_fact(question: str, quotes: list[str]) -> str | None:
    """What ``question`` asks for that none of ``quotes`` gives (`_FACTS`), or None. A long
    message is read in what it asks (`index.queries.asked`): its story may mention "legal fees"
    without asking about the law; a count is given only by a number of what it counts."""
    asks = asked(question)
    for fact in _FACTS:
        if fact.asks.search(asks) and not any(fact.gives.search(q) for q in quotes):
            return fact.what
    priced = _PRICED.search(asks)
    if priced and not any(_priced(q, priced.group(1)) for q in quotes):
        return _COST.what
    counted = _COUNTED.search(asks)
    if counted and not any(_counts(q, counted.group(2)) for q in quotes):
        return _FACTS[-1].what
    return None


def lacking(profile: Profile, what: str) -> Scope:
    """The scope of an answer whose quotes don't give ``what`` the question asks for."""
    return Scope("partial", f"{_articles(profile)} don't say {what}; the closest passages "
                            "follow.")


# the words the scope model reads: scikit-learn's TfidfVectorizer tokens (bench/fit_scope_model.py)
_TOKEN = re.compile(r"(?u)\b\w[\w']*\b")


@dataclass(frozen=True)
class ScopeModel:
    """A corpus's fitted reading of whether its articles speak to this asker, from the asker's
    own words: a logistic model over the TF-IDF weights of word n-grams, fitted on real letters
    labelled answerable or near-topic (bench/fit_scope_model.py writes it into the corpus's
    ``quotewise.tuning.json``). Who does what to whom is in the small words the model's vectors
    blur: "cheating on me", "trust him", "his phone" against "doesn't trust me", "my phone".
    Without a fit (``terms`` empty) it says nothing."""

    ngrams: int = 3
    terms: tuple[str, ...] = ()
    idf: tuple[float, ...] = ()
    coef: tuple[float, ...] = ()
    intercept: float = 0.0
    partial_below: float | None = None  # a probability under this: coverage "partial"...
    min_chars: int = 0  # ...for a message this long (what it was fitted on: letters, not a line)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.terms)}

    def probability(self, question: str) -> float | None:
        """Probability that the articles speak to the asker of ``question`` (None unfitted).
        The last question's is kept: in an index holding other articles beside the fit,
        routing (`speaks_to`) and the answer's scope (`partial`) both ask it of the same
        question, and a letter's n-grams take about a millisecond to count."""
        if not self.terms:
            return None
        last = self.__dict__.get("_last")  # beside the fields, as `cached_property` keeps _index
        if last is not None and last[0] == question:
            return last[1]
        words = _TOKEN.findall(question.lower())
        counts = Counter(" ".join(words[i:i + n]) for n in range(1, self.ngrams + 1)
                         for i in range(len(words) - n + 1))
        index = self._index
        weights = {index[t]: (1 + math.log(c)) * self.idf[index[t]]
                   for t, c in counts.items() if t in index}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        z = self.intercept + sum(self.coef[i] * v / norm for i, v in weights.items())
        p = 1.0 / (1.0 + math.exp(-z))
        self.__dict__["_last"] = (question, p)  # one tuple, swapped whole: safe across threads
        return p

    def speaks_to(self, question: str) -> bool:
        """Whether the articles likely speak to the asker of ``question``: not when the
        probability is under ``partial_below``, the line the model draws for "partial". Unlike
        `partial` it reads a line as well as a letter: routing asks it of every question
        (`assistant.retriever.Retriever.retrieve`). True without a fit."""
        p = self.probability(question)
        return p is None or self.partial_below is None or p >= self.partial_below

    def partial(self, question: str) -> bool:
        """Whether the answer to ``question`` is "partial": a long enough message the articles
        likely don't speak to."""
        if self.partial_below is None or len(question) < self.min_chars:
            return False
        p = self.probability(question)
        return p is not None and p < self.partial_below


# Articles that speak to parents about their children ("when your teen lies", "siblings fight
# over toys") don't advise a young person about their own parents ("I'm 13 and my stepdad keeps
# telling me what to do"). An article speaks to parents when it never says "your mom" (dad,
# parents...) and names children at least `CHILD_MENTIONS` times, or says "your child" (son,
# teen, kids...) at least twice: articles for adult children caring for a parent say "your
# mother"; articles for couples rarely name a child. Plain English about who reads what, no
# topic words.
_YOUR_CHILD = re.compile(
    r"\byour (child|children|kids?|sons?|daughters?|teens?|teenagers?|tweens?|adolescents?"
    r"|toddlers?|bab(y|ies)|little ones?|step-?(children|child|kids?|sons?|daughters?)|boys|girls)\b",
    re.IGNORECASE)
_CHILDREN = re.compile(
    r"\b(child|children|kids?|siblings?|sons?|daughters?|teens?|teenagers?|tweens?|toddlers?"
    r"|bab(y|ies)|step-?(children|child|kids?|sons?|daughters?))\b", re.IGNORECASE)
_YOUR_PARENT = re.compile(
    r"\byour (aging |ageing |elderly |older |old |senior |elder |own |frail |widowed )?"
    r"(mom|mum|mother|dad|father|parents?|step-?(mom|mum|mother|dad|father|parents?))\b",
    re.IGNORECASE)
_MY_PARENT = re.compile(
    r"\bmy (mom|mum|mommy|mummy|mother|dad|daddy|father|parents?"
    r"|step[ -]?(mom|mum|mother|dad|father|parents?))\b", re.IGNORECASE)
CHILD_MENTIONS = 5


# Who does what to whom. An article speaks to one side of what happens between two people:
# "your partner doesn't trust you", "if he won't let you see your friends" (something is done to
# the reader) or "you cheated on her", "if you keep checking his phone" (the reader does it). A
# question written from the other side ("I can't trust my husband anymore", "my wife checks my
# phone") is not answered by advice for the reader of the first kind. Read from a verb between
# a person and "you" (in an article) or "I"/"me" (in a question), with up to four small words
# between ("doesn't", "will never", "is trying to"); plain English, no topic words.
_SMALL = (r"(?:(?:do|does|did|don['’]?t|doesn['’]?t|didn['’]?t|not|never|can|can['’]?t|cannot"
          r"|could|couldn['’]?t|will|won['’]?t|would|wouldn['’]?t|should|shouldn['’]?t|just"
          r"|really|still|no longer|always|even|ever|also|now|to|have|has|had|haven['’]?t"
          r"|hasn['’]?t|is|are|was|were|am|be|been|being|trying to|try to|want to|wants to"
          r"|completely|fully|totally"
          r"|[a-z]+ to)\s+){0,4}")  # "he learns to trust me", "she needs to see you"
_VERB = r"([a-z]{3,})\s+(?:on\s+|to\s+|with\s+|about\s+)?"


def _roles(subject: str, obj: str) -> re.Pattern:
    return re.compile(rf"\b{subject}\s+{_SMALL}{_VERB}{obj}\b", re.IGNORECASE)


_READER_ACTS = _roles("you", r"(?:him|her|them|your\s+(?!own\b)[a-z]+)")
_DONE_TO_READER = _roles(r"(?:he|she|they|him|her|them|your\s+(?!own\b)[a-z]+)", "you")
_ASKER_ACTS = _roles(r"(?:i|we)", r"(?:him|her|them|my\s+(?!own\b)[a-z]+)")
_DONE_TO_ASKER = _roles(r"(?:he|she|they|him|her|them|my\s+(?!own\b)[a-z]+)", r"(?:me|us)")
ROLE_MENTIONS = 5  # the quoted articles put the reader on one side of a verb this often...
ROLE_SHARE = 0.8  # ...and this share of the times (dev letters, docs/BENCHMARKS.md)


def _verb(word: str) -> str | None:
    """The stem of a content verb, one for all its forms ("trusts", "trusted" -> "trust";
    "micromanage", "micromanages" -> "micromanag"); None for a small word ("because")."""
    word = word.lower()
    if word in _SMALL_WORDS or not content_terms(word):
        return None
    for ending in ("ing", "ed", "es", "s", "e", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


_SMALL_WORDS = frozenset(re.findall(r"[a-z]+", _SMALL.replace("['’]?", "")))


_TITLED = re.compile(r"\s[A-Z]")


def _plainer(words: str, than: str) -> bool:
    """Whether ``words`` say who does what more plainly than ``than``, for a note: in a
    sentence's case, not a title's ("Them to Trust You"), and naming who does it ("your
    boyfriend doesn't trust you", not "he still doesn't trust you" nor "him trust you" of "make
    him trust you")."""
    def rank(w: str) -> tuple[bool, bool, bool]:
        first = w.split()[0].lower()
        return bool(_TITLED.search(w)), first in ("him", "her", "them"), first != "your"
    return rank(words) < rank(than)


def _sides(text: str, acts: re.Pattern, done_to: re.Pattern) -> tuple[Counter, Counter, dict]:
    """How often each verb of ``text`` has its "you"/"I" side doing it, and having it done to
    them; and the first words of each kind ((side, verb) -> the matched words)."""
    counts: tuple[Counter, Counter] = (Counter(), Counter())
    said: dict[tuple[int, str], str] = {}
    for side, pattern in enumerate((acts, done_to)):
        for m in pattern.finditer(text):
            v = _verb(m.group(1))
            if v:
                counts[side][v] += 1
                words = " ".join(m.group(0).split())
                if (side, v) not in said or _plainer(words, said[side, v]):
                    said[side, v] = words
    return counts[0], counts[1], said


# A friend or relative asking how to help someone through what the articles are about ("my best
# friend just got dumped and won't leave her room, how can I help her get through it") is not
# the reader articles written to that someone ("accept that the relationship is over") advise.
# The asker helps when the ask names the person helped: "help / support / be there for my
# sister", or "help her" in a sentence that names "my best friend". An article speaks to
# helpers when it names the person helped from the reader's side ("your friend", "your
# daughter", "a loved one", "someone you love", "if a friend...") `HELPER_MENTIONS` times or
# more among the quoted articles; articles for parents or for adult children do so all along.
_OTHER = (r"(?:best friend|friend|sister|brother|cousin|co-?worker|colleague|roommate|housemate"
          r"|flatmate|daughter|son|mom|mum|mother|dad|father|niece|nephew|aunt|uncle|grandma"
          r"|grandmother|grandpa|grandfather|neighbou?r|teen|teenager|child|kid|student|employee)s?")
_HELP_VERB = r"(?:help|support|comfort|console|be there for|cheer up|reach out to)"
_HELPS_NAMED = re.compile(rf"\b{_HELP_VERB} (?:my|our) (?:\w+ )?(?:\w+['’]s )?{_OTHER}\b",
                          re.IGNORECASE)
_HELPS_PRONOUN = re.compile(
    rf"\b(?:how|what) (?:can|could|should|do|would|might) (?:i|we) (?:\w+ ){{0,3}}?"
    rf"{_HELP_VERB} (?:her|him|them)\b|\bhow (?:to|do i|do we|can i) (?:best )?{_HELP_VERB} "
    r"(?:her|him|them)\b", re.IGNORECASE)
_MY_OTHER = re.compile(rf"\b(?:my|our) (?:\w+ )?(?:\w+['’]s )?{_OTHER}\b", re.IGNORECASE)
_FOR_HELPERS = re.compile(
    rf"\byour (?:\w+ )?{_OTHER}\b|\b(?:a|your) loved ones?\b|\bsomeone you (?:love|care about|know)\b"
    r"|\b(?:help|support|comfort) (?:a|your) (?:friend|loved one|someone)\b|\bif (?:a|your) friend\b",
    re.IGNORECASE)
HELPER_MENTIONS = 2
_ASKS_HOW = re.compile(r"\?|\b(how|what|ways to|any (advice|tips|ideas)|should (i|we)|can (i|we))\b",
                       re.IGNORECASE)


def asks_to_help(question: str) -> bool:
    """Whether the asker of ``question`` asks how to help someone else they name (above)."""
    for sentence in re.split(r"(?<=[.?!])\s+|\n+", asked(question)):
        if not _ASKS_HOW.search(sentence):  # a question, not a story ("she helps my sister")
            continue
        if _HELPS_NAMED.search(sentence) or (_HELPS_PRONOUN.search(sentence)
                                              and _MY_OTHER.search(sentence)):
            return True
    return False


@dataclass(frozen=True)
class Audience:
    """Who an article speaks to, from how it names the reader's family: how often it says "your
    parent" (mother, aging dad...), "your child" (son, teen...), and names children at all; and
    which side of a verb it puts the reader on (``acts``: "you cheated on her"; ``done_to``:
    "he doesn't trust you"), with the article's words for each (``said``)."""

    your_parent: int
    your_child: int
    children: int
    acts: Counter = field(default_factory=Counter)
    done_to: Counter = field(default_factory=Counter)
    said: dict = field(default_factory=dict)
    helpers: int = 0  # names of a person the reader may help ("your friend", "a loved one")

    @property
    def parents(self) -> bool:
        """Written for parents about their children (see above)."""
        return not self.your_parent and (self.your_child >= 2 or self.children >= CHILD_MENTIONS)


def audience(text: str) -> Audience:
    """The `Audience` of an article's ``text``."""
    return Audience(len(_YOUR_PARENT.findall(text)), len(_YOUR_CHILD.findall(text)),
                    len(_CHILDREN.findall(text)),
                    *_sides(text, _READER_ACTS, _DONE_TO_READER),
                    helpers=len(_FOR_HELPERS.findall(text)))


def for_a_helper(question: str, audiences: list[Audience], profile: Profile) -> Scope | None:
    """The scope of an answer to someone asking how to help another person (`asks_to_help`)
    from articles that never speak to a helper (their ``audiences``): "partial", with a note
    saying so. None otherwise."""
    if not audiences or sum(a.helpers for a in audiences) >= HELPER_MENTIONS \
            or not asks_to_help(question):
        return None
    return Scope("partial", f"{_articles(profile)} are written for the person going through "
                            "this, not for someone helping them through it, so they don't "
                            "answer this directly; the closest passages follow.")


def for_parents(question: str, audiences: list[Audience], profile: Profile) -> Scope | None:
    """The scope of an answer whose quoted articles (their ``audiences``) are all written for
    parents, to a young asker (the caller has found them giving an age under 18,
    `assistant.safety.young_asker`) who writes about their own parent: "partial", with a note
    saying so. None otherwise."""
    if not (audiences and all(a.parents for a in audiences) and _MY_PARENT.search(question)):
        return None
    return Scope("partial", f"{_articles(profile)} are written for parents, not for a young "
                            "person asking about their own parents, so they don't answer this "
                            "directly; the closest passages follow.")


# ...and articles that speak to sons and daughters about their parents ("your aging parent",
# "your mother-in-law", never "your child") don't advise the parent: "I'm 81 and my son wants
# me to stop driving", "My daughter keeps pushing me to have a carer come in", a mother-in-law
# about her son's wife. The asker is the parent when they name a child of theirs or give an age
# of sixty or more, and no parent, grandparent or in-law of their own.
_MY_CHILD = re.compile(
    r"\bmy (\w+ )?(sons?|daughters?|children|kids?|grand(sons?|daughters?|children|kids?)"
    r"|(son|daughter)s?-in-law)\b", re.IGNORECASE)
_MY_ELDER = re.compile(
    r"\bmy (\w+['’]s )?(own )?(mom|mum|mommy|mummy|mother|dad|daddy|father|parents?"
    r"|grand(ma|mother|pa|father|parents?)|nan|nana|gran|granny"
    r"|step-?(mom|mum|mother|dad|father|parents?)|(mother|father|parents?)-in-law|in-laws)\b",
    re.IGNORECASE)
_OLDER_AGE = re.compile(
    r"\bi(['’]m| am) (now |almost |nearly |over )?[6-9]\d(?![\d%.,]\d)"
    r"(?! ?(minutes?|mins?|hours?|days?|weeks?|months?|miles?|percent|pounds?|lbs?|kg|dollars?"
    r"|times?)\b)", re.IGNORECASE)
PARENT_MENTIONS = 2  # "your parent" in the quoted articles, all told, and "your child" never


def for_their_children(question: str, audiences: list[Audience],
                       profile: Profile) -> Scope | None:
    """The scope of an answer whose quoted articles (their ``audiences``) speak to sons and
    daughters about their parents, to a parent asking about their own child: "partial", with a
    note saying so. None otherwise."""
    parents = sum(a.your_parent for a in audiences)
    if (parents < PARENT_MENTIONS or any(a.your_child for a in audiences)
            or _MY_ELDER.search(question)
            or not (_MY_CHILD.search(question) or _OLDER_AGE.search(question))):
        return None
    return Scope("partial", f"{_articles(profile)} are written for sons and daughters about "
                            "their parents, not for a parent asking about their own children, "
                            "so they don't answer this directly; the closest passages follow.")


def from_the_other_side(question: str, audiences: list[Audience],
                        profile: Profile) -> Scope | None:
    """The scope of an answer whose quoted articles (their ``audiences``) put their reader on one
    side of a verb the asker of ``question`` stands on the other side of: "I can't trust my
    husband" answered from articles saying "your partner doesn't trust you" (`ROLE_MENTIONS`
    times or more, `ROLE_SHARE` of the times). "partial", with a note quoting the articles'
    words. None when the asker is on both sides of it ("he doesn't trust me, and I trust him"),
    or on the articles' side of any verb they use."""
    acts, done_to = Counter(), Counter()
    said: dict[tuple[int, str], str] = {}
    for a in audiences:
        acts.update(a.acts)
        done_to.update(a.done_to)
        for key, words in a.said.items():
            if key not in said or _plainer(words, said[key]):
                said[key] = words
    asker = _sides(question, _ASKER_ACTS, _DONE_TO_ASKER)
    other = None
    for v in sorted(set(asker[0]) | set(asker[1])):
        both = acts[v] + done_to[v]
        if both < ROLE_MENTIONS or (asker[0][v] and asker[1][v]):
            continue
        side = 0 if asker[0][v] else 1  # the asker's side: 0 acts, 1 has it done to them
        mine, theirs = (acts[v], done_to[v]) if side == 0 else (done_to[v], acts[v])
        if mine >= ROLE_SHARE * both:
            return None  # the asker is where the articles' reader is
        if theirs >= ROLE_SHARE * both and other is None:
            other = said[(1 - side, v)]
    if other is None:
        return None
    return Scope("partial", f"{_articles(profile)} speak to the other side of this (\"{other}\"), "
                            "so they don't answer it directly; the closest passages follow.")


def _articles(profile: Profile) -> str:
    text = profile.describe()
    return text[0].upper() + text[1:]


def uncovered(profile: Profile) -> Scope:
    """The scope of an abstention."""
    return Scope("none", f"{_articles(profile)} don't address this question.")


def unguarded(profile: Profile) -> Scope:
    """The scope of an answer to a question about danger from articles that say nothing of where
    to get help: the notice says it, the quotes are only the closest everyday advice."""
    return Scope("partial", f"{_articles(profile)} don't say what to do about the danger you "
                            "describe; the notice above says where to get help, and the closest "
                            "passages follow.")


def judge_scope(question: str, features: dict[str, float], config: AbstainConfig,
                profile: Profile, *, safety: bool = False,
                model: ScopeModel | None = None, library: Profile | None = None) -> Scope:
    """The `Scope` of an answer to ``question`` with coverage ``features``; ``model`` is the
    corpus's fitted `ScopeModel` when the question was routed to its articles, or turned away
    from them by that model (`Candidates.declined`). ``library`` describes every indexed
    article, when ``profile`` describes only some (it says what none of them address)."""
    articles = _articles(profile)
    if not config.covered(features):
        if safety:
            return Scope("partial", f"{_articles(library or profile)} don't address this "
                                    "question itself; what they say about staying safe comes "
                                    "first.")
        return uncovered(library or profile)
    other = profile.not_written_for(question)
    if other:
        written_for = f"written for {profile.audience}, not" if profile.audience else "not written"
        return Scope("partial", f"{articles} are {written_for} for {other}, so they don't "
                                "answer this directly; the closest passages follow.")
    p = config.probability(features)
    if ((config.partial_probability is not None and p < config.partial_probability)
            or (model is not None and model.partial(question))):
        return Scope("partial", f"{articles} touch on this only in part; the closest passages "
                                "follow.")
    return Scope("direct")
