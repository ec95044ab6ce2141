"""What a corpus is about, and what was fitted on it: two optional files beside the articles.

``quotewise.toml`` (the corpus profile, written by a person) gives the wording a corpus
needs and general code must not hold: the UI's title, description, placeholder and example
questions, a topic line for the abstention hint and the LLM prompt, and the safety anchor,
verbatim sentences of an article that a question about danger quotes first, a hint of
what to ask about when the articles don't cover a question, who the articles are written for
(``audience``, ``not_for``), and what askers may say of themselves with the sentences that
presume the opposite (``asker_says``)::

    title = "Quotewise"
    topic = "what to do when a partner doesn't trust you"
    placeholder = "Ask about trust in your relationship…"
    examples = ["Can a relationship survive without trust?"]

    [[safety_anchor]]
    doc_id = "000_1e7ddc6cb9001c46"
    quote = "If your partner becomes very controlling, ... please flee."

``quotewise.tuning.json`` (written by the bench commands, never by hand) holds fusion, evidence
and abstention parameters fitted on this corpus, with their provenance.

Ingest carries both into the index manifest, so they travel with the index. A corpus without
them gets neutral wording and the generic defaults, and works.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.files import read_file

PROFILE_FILE = "quotewise.toml"
TUNING_FILE = "quotewise.tuning.json"
CORPUS_FILES = (PROFILE_FILE, TUNING_FILE)  # at the top of an ingested folder: not articles
MAX_BYTES = 1024 * 1024
_TEXT_FIELDS = ("title", "description", "placeholder", "topic", "hint", "audience")
_ASKER_SAYS_LISTS = ("cues", "contradicts", "unless")  # AskerSays's lists, in field order


@dataclass(frozen=True)
class Anchor:
    """A verbatim sentence of article ``doc_id``."""

    doc_id: str
    quote: str


@dataclass(frozen=True)
class NotFor:
    """Askers the articles are not written for, and how their questions read: ``cues`` are
    regular expressions matched, case-insensitively, against the question."""

    who: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class AskerSays:
    """Something an asker may say about themselves (``cues``: regular expressions matched,
    case-insensitively, against what they asked), and the article sentences that presume the
    opposite (``contradicts``: regular expressions matched, case-insensitively, against a
    sentence's text). Told "I've never given him a reason", an answer must not tell them to
    ask themselves whether they are trustworthy."""

    says: str
    cues: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # what takes it back ("but i did lie to him once")

    def said_by(self, text: str) -> bool:
        low = _folded(text)

        def any_of(patterns) -> bool:
            return any(_may_match(p, low) and re.search(p, text, re.IGNORECASE) for p in patterns)
        return any_of(self.cues) and not any_of(self.unless)


@dataclass(frozen=True)
class Profile:
    """A corpus's own wording; the defaults are neutral and fit any articles.

    >>> Profile().describe()
    'the indexed articles'
    >>> Profile(topic="saving money as a couple").describe()
    'the indexed articles on saving money as a couple'
    """

    title: str = "Quotewise"
    description: str = ("Advice quoted word for word from the articles, with every source one "
                        "click away. When the articles don't cover something, it says so.")
    placeholder: str = "Ask a question about the articles…"
    topic: str = ""  # what the articles are about, as a phrase: "what to do when ..."
    hint: str = ""  # what to ask about, shown when the articles don't cover a question
    audience: str = ""  # who the articles are written for: "the partner who isn't trusted"
    not_for: tuple[NotFor, ...] = ()  # askers they don't advise (a scope note says so)
    audience_cues: tuple[str, ...] = ()  # how the audience's own questions read
    examples: tuple[str, ...] = ()
    safety_anchor: tuple[Anchor, ...] = field(default=())
    asker_says: tuple[AskerSays, ...] = ()  # what askers say of themselves, and what it rules out

    def contradicted(self, said: str) -> tuple[str, ...]:
        """The ``contradicts`` patterns of every `AskerSays` whose cues match ``said``."""
        return tuple(c for a in self.asker_says if a.said_by(said) for c in a.contradicts)

    def not_written_for(self, question: str) -> str | None:
        """Who the asker of ``question`` is, when the articles are not written for them: the
        first ``not_for`` group whose cues match more often than the audience's own."""
        low = _folded(question)

        def count(cues, *, up_to: int | None = None) -> int:
            """How many of ``cues`` match, counting no further than ``up_to``: a cue scans the
            whole question (a letter's 52 scans took about 3 ms) only when the question holds
            the words it needs (`_may_match`)."""
            n = 0
            for c in cues:
                if _may_match(c, low) and re.search(c, question, re.IGNORECASE):
                    n += 1
                    if n == up_to:
                        break
            return n

        ours = count(self.audience_cues)
        for group in self.not_for:
            if count(group.cues, up_to=ours + 1) > ours:
                return group.who
        return None

    def describe(self) -> str:
        return f"the indexed articles on {self.topic}" if self.topic else "the indexed articles"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Profile":
        if not d:
            return cls()
        anchors = tuple(Anchor(**a) for a in d.get("safety_anchor", ()))
        not_for = tuple(NotFor(n["who"], tuple(n.get("cues", ()))) for n in d.get("not_for", ()))
        says = tuple(AskerSays(a["says"], *(tuple(a.get(k, ())) for k in _ASKER_SAYS_LISTS))
                     for a in d.get("asker_says", ()))
        return cls(**{k: d[k] for k in _TEXT_FIELDS if k in d},
                   examples=tuple(d.get("examples", ())), safety_anchor=anchors,
                   not_for=not_for, audience_cues=tuple(d.get("audience_cues", ())),
                   asker_says=says)


def _folded(text: str) -> str | None:
    """``text`` lower-cased, when a case-insensitive match in it is a match of lower-case
    strings in that (no letter outside ASCII with a case, such as "İ" or "ſ", whose
    case-insensitive partners `str.lower` does not give); else None."""
    if not text.isascii() and any(ch.lower() != ch or ch.upper() != ch
                                  for ch in set(text) if ord(ch) > 127):
        return None
    return text.lower()


@functools.lru_cache(maxsize=4096)
def _needed(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Strings a text must hold for ``pattern`` to match it case-insensitively: one of each
    tuple, lower-case (read from the pattern's literal runs: a group or alternation needs one
    of its alternatives' strings, a repeat of at least one pass what one pass needs). Empty
    when nothing can be read (then the pattern is always run)."""
    from re import _constants as c, _parser

    def needs(items) -> list[set[str]]:
        found, run = [], ""
        for op, av in items:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                found.append({run})
                run = ""
            sub = None
            if op is c.SUBPATTERN:
                sub = best(list(av[3]))
            elif op is c.ATOMIC_GROUP:
                sub = best(list(av))
            elif op is c.BRANCH:
                alts = [best(list(a)) for a in av[1]]
                sub = None if any(a is None for a in alts) else set().union(*alts)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                sub = best(list(av[2]))
            if sub:
                found.append(sub)
        if run:
            found.append({run})
        return found

    def best(items) -> set[str] | None:
        found = needs(items)
        return max(found, key=lambda s: (min(map(len, s)), -len(s))) if found else None

    try:
        found = needs(list(_parser.parse(pattern)))
    except Exception:  # a construct or a version of `re` this reading does not know
        return ()
    # a letter outside ASCII with a case may match what its lower-case form does not
    found = [s for s in found if all(ch.isascii() or ch.lower() == ch == ch.upper()
                                     for w in s for ch in w)]
    needed = [tuple(sorted({w.lower() for w in s})) for s in found]
    needed.sort(key=lambda s: (-min(map(len, s)), len(s), s))  # the likeliest to be missing first
    return tuple(needed)


def _may_match(pattern: str, low: str | None) -> bool:
    """Whether ``pattern`` may match, case-insensitively, the text whose `_folded` form is
    ``low``: False only when the text lacks every string of one of its `_needed` sets."""
    if low is None:
        return True
    return all(any(w in low for w in words) for words in _needed(pattern))


def parse_profile(data: bytes, where: str) -> tuple[Profile | None, list[str]]:
    """A `Profile` from the bytes of a ``quotewise.toml``, or None and the reason."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return None, [f"skipped {where}: not valid UTF-8 TOML ({str(e).splitlines()[0]})"]
    problems = [f"unknown key {k!r}" for k in raw
                if k not in (*_TEXT_FIELDS, "examples", "safety_anchor", "not_for",
                             "audience_cues", "asker_says")]
    values: dict = {}
    for k in _TEXT_FIELDS:
        if k in raw:
            if isinstance(raw[k], str) and raw[k].strip():
                values[k] = " ".join(raw[k].split())
            else:
                problems.append(f"{k!r} must be a non-empty string")
    examples = raw.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(x, str) for x in examples):
        problems.append("'examples' must be a list of strings")
        examples = []
    anchors = []
    for i, a in enumerate(raw.get("safety_anchor", []) or [], 1):
        if (isinstance(a, dict) and isinstance(a.get("doc_id"), str)
                and isinstance(a.get("quote"), str) and a["quote"].strip()):
            anchors.append(Anchor(a["doc_id"], a["quote"]))
            # a key meant for the top level but written after a [[table]] lands in it
            problems += [f"unknown key {k!r} in safety_anchor {i} (top-level keys go before "
                         "the first [[table]])" for k in a if k not in ("doc_id", "quote")]
        else:
            problems.append(f"safety_anchor {i} needs a doc_id and a quote")
    def regexes(cues: list, where: str) -> list[str]:
        good = []
        for c in cues:
            try:
                re.compile(c)
                good.append(c)
            except (re.error, TypeError) as e:
                problems.append(f"{where}: cue {c!r} is not a regular expression ({e})")
        return good

    audience_cues = raw.get("audience_cues", [])
    if not isinstance(audience_cues, list):
        problems.append("'audience_cues' must be a list of regular expressions")
        audience_cues = []
    not_for = []
    for i, n in enumerate(raw.get("not_for", []) or [], 1):
        cues = n.get("cues", []) if isinstance(n, dict) else None
        if not (isinstance(n, dict) and isinstance(n.get("who"), str) and n["who"].strip()
                and isinstance(cues, list) and all(isinstance(c, str) for c in cues)):
            problems.append(f"not_for {i} needs a 'who' and a list of 'cues'")
            continue
        problems += [f"unknown key {k!r} in not_for {i} (top-level keys go before the first "
                     "[[table]])" for k in n if k not in ("who", "cues")]
        not_for.append(NotFor(" ".join(n["who"].split()), tuple(regexes(cues, f"not_for {i}"))))
    asker_says = []
    for i, a in enumerate(raw.get("asker_says", []) or [], 1):
        lists = [a.get(k, []) if isinstance(a, dict) else None for k in _ASKER_SAYS_LISTS]
        if not (isinstance(a, dict) and isinstance(a.get("says"), str) and a["says"].strip()
                and all(isinstance(x, list) and all(isinstance(c, str) for c in x)
                        for x in lists)):
            problems.append(f"asker_says {i} needs 'says' and lists of 'cues' and 'contradicts'"
                            " (and optionally 'unless')")
            continue
        problems += [f"unknown key {k!r} in asker_says {i} (top-level keys go before the first "
                     "[[table]])" for k in a if k not in ("says", *_ASKER_SAYS_LISTS)]
        asker_says.append(AskerSays(" ".join(a["says"].split()),
                                    *(tuple(regexes(x, f"asker_says {i}")) for x in lists)))
    profile = Profile(**values, examples=tuple(x.strip() for x in examples if x.strip()),
                      safety_anchor=tuple(anchors), not_for=tuple(not_for),
                      audience_cues=tuple(regexes(audience_cues, "audience_cues")),
                      asker_says=tuple(asker_says))
    warnings = [f"{where}: {p}" for p in problems]
    return profile, warnings


def parse_tuning(data: bytes, where: str) -> tuple[dict | None, list[str]]:
    """The fitted parameters of a ``quotewise.tuning.json``: a JSON object whose sections
    (``fusion``, ``evidence``, ``abstain``) are objects, with a ``provenance`` object."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        return None, [f"skipped {where}: not valid UTF-8 JSON ({type(e).__name__})"]
    if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k, {}), dict) for k in ("fusion", "evidence", "abstain",
                                                       "provenance")):
        return None, [f"skipped {where}: expected an object of objects (fusion, evidence, "
                      "abstain, provenance)"]
    return raw, []


def _read(folder: Path, name: str) -> tuple[bytes | None, str, list[str]]:
    f = folder / name
    if not (folder.is_dir() and (f.is_file() or f.is_symlink())):
        return None, "", []
    data = read_file(f, MAX_BYTES, within=folder)
    if isinstance(data, str):
        return None, "", [f"skipped {f.as_posix()}: {data}"]
    return data, hashlib.sha256(data).hexdigest(), []


def find_corpus_files(paths) -> dict[str, tuple[dict | None, str, list[str]]]:
    """For the profile and the tuning file: (contents as a dict, sha256, warnings) from the
    first ingested folder that has the file at its top. Absent everywhere: not in the result.
    A file that is there but unusable gives (None, "", warnings): the index keeps what it had.
    """
    out: dict[str, tuple[dict | None, str, list[str]]] = {}
    for name, parse in ((PROFILE_FILE, parse_profile), (TUNING_FILE, parse_tuning)):
        for p in paths:
            data, sha, warnings = _read(Path(p), name)
            if data is None and not warnings:
                continue
            if data is not None:
                value, problems = parse(data, (Path(p) / name).as_posix())
                warnings += problems
                if value is None:
                    sha = ""
                elif isinstance(value, Profile):
                    value = value.to_dict()
            else:
                value = None
            out[name] = (value, sha, warnings)
            break
    return out
