"""Readers' letters inside articles: the situation, not the advice.

Advice columns print a reader's letter and then the answer ("Dear Amanda: I'm in a relationship
with a man who is very controlling with money... What should I do?" / "Your gut feeling is 100
percent correct."). The letter reads like the asker's own message, so it matches it best, but
it is another reader's story: quoted back, it only tells the asker what they just said. A letter
is never quoted; the reply that follows it is read in its light (the letter is the reply's
context, as a heading is its section's).

A letter is found from its salutation:

- a line of its own ("Dear Amanda:", "Dear Jenny Jackson", "Hi everyone,") followed by
  paragraphs in the first person (more "I / me / my" than "you / your"): those paragraphs;
- a paragraph opening with a salutation ("DEAR HARRIETTE: When I was straightening up my son's
  room...", "Dear Carolyn: I've known...") or a column's "Q:" ("Q.", "**Q:**") and written in
  the first person:
  it and the first-person paragraphs after it, up to a signature ("... -- Don't Vape") or, after
  a "Q:", the answer's label ("A:", or the columnist's name: "Gillespie: From nightmares...");
- a column's lead-in on a line of its own ("A reader asks:", "Reader question:") counts as a
  salutation line;
- a salutation followed by the reply ("Dear Worried:" / "No one should be allowed..."): the
  first-person paragraphs right before it, back to the heading.

A reply's label is "A:", the columnist's name and "says" ("Chris says,", "DEIDRE SAYS:") on a
line of its own in any case, or on the line with the reply's first words ("DEIDRE SAYS: Rather
than...", "Carolyn replies: ...": the name the salutation gives, or the label in capitals, and a
colon). When a letter opened by a salutation (or "Q:") is followed by its reply's label (within
`REPLY_ROWS` paragraphs, before the next salutation), its lines in the third person do not end
it, as a column that prints one sentence per line has many ("DEAR DEIDRE: I share a house with
the laziest flatmate on Earth." / ... / "He's 38 and he plays on his Xbox until the early
hours."): the letter runs on to the label, or to a signature, a heading or a line that turns to
"you"; what the page puts between there and the label (a contact box: "You can also send a
private message on the Facebook page.") is neither letter nor reply and is never quoted (at most
`LETTER_PARAGRAPHS` of it, else the label is too far to be this letter's). The reply starts at
the label. Without a label further on, the letter ends where its first person does.

A letter is also found without a salutation, from its form:

- a first-person passage in quotation marks that the writer attributes to someone who asked (a
  reader, a parent, a listener, "someone wrote"), wherever it starts in the paragraph ("I got a
  question this week from a reader: “Do you have advice for...? My four year old...”"): the
  sentences from its opening mark to its closing one, over paragraphs if it runs on;
- a whole paragraph in quotation marks, in the first person, at the top of an article (a
  reader's testimonial: “Because of my shyness, I have no friends...”);
- a first-person block right after the title or dek (at most two paragraphs before it) that
  ends by asking for advice ("Any advice?", "What should I do?") and is followed by prose
  addressed to "you".

A one-line paragraph without an end mark just before a letter is its title ("Help, my teen has
stopped communicating"). The reply is the quotable lines after the letter, up to `REPLY_ROWS`,
until the next letter or, once it has begun, the next salutation: a reply label on a line of its
own ("Chris says,") and the greeting after it ("Hi MIL!") open the reply without ending it, and
are never quoted. Within the reply, the lines that speak to the letter's writer rather than
advise are letter context, never quoted: its guesses at the writer's circumstances ("It sounds
like you may be newly married.", "in your case", "reading your question") and what holds only if
they are right ("If this is the case, ..." right after), and a greeting or the
writer's name that isn't followed by advice to "you" ("Hi Darlene, mother-in-law problems are
often a source of friction" -- but "DEAR WORRIED MOM: Keep an even tone, show your son..." is
advice and quoted, from "Keep": the salutation opening a paragraph is a sentence of its own,
never quoted, `ingest.structure._opening_salutations`). Its words about the letter itself are
context too ("Thanks for taking the time to email.", "You do not explain why...", "Your
situation is all too common"). A letter opened "Dear Jo, I'm..." (a comma) counts as one opened
"Dear Jo: ..." does; without a reply's label it runs on over its third-person lines and its plea
("Please help.") to its signature ("– Torn in Wisconsin") when one comes within
`LETTER_PARAGRAPHS` before a line to "you"; so does a letter under a salutation on a line of
its own, to a signature without a dash ("Deep in Dishes") right over the reply's salutation
("Dear Deep,"). The columnist's plug for their own publication in a
reply is not advice either, never quoted ("My support pack Standing Up For Yourself will make
sure he gets the message.", "I'm sending you my e-leaflet on ..."): "my"/"our" and a kind of
publication (pack, leaflet, booklet, guide, book...) with its title in capitals or quotation
marks, or sending or ordering one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

from index.store import IndexData
from index.view import IndexView
from ingest.sentences import ENDS_SENTENCE

REPLY_ROWS = 25  # lines after a letter read in its light (a column's reply, list and all)
# a salutation, or a column's lead-in to the letter: "A reader asks:", "Reader question:"
# (runs of spaces are taken whole, possessive: where a name began in the run after "Hi" was
# tried at each of its spaces, each reading on to the line's end, 150 ms a 480-character line
# of "hi", spaces and "?" at every index load; a "name" of spaces alone, as before, is a
# space ending a run of two or more, or one after the first in a run that ends the line;
# twenty-fifth audit)
_SALUTATION_LINE = re.compile(
    r"^(dear|hi|hello|hey)(?:\s++[\w’'.,&\- ]{1,40}?|\s*+(?<=\s )|\s[^\S ]*+ (?=\s*+$))[:,!]?\s*$"
    r"|^(an?|one|this|our) (\w+ )?(reader|listener|viewer|subscriber|follower)"
    r" (asks|asked|writes|wrote|writes in|wrote in)\s*+[:.]?\s*$"
    r"|^(a )?(reader|listener)['’]?s? (question|letter)\s*+:?\s*$",
    re.IGNORECASE)
# "DEAR HARRIETTE: When I...", "Dear Carolyn: I've known...", and a column's "Q: Ever since our
# manager..." (a letter still has to be written in the first person to count)
# A column's label, in Markdown's emphasis or not ("**Q:** My two-year-old...", "__A__: ...") and
# with a colon or a full stop ("Q. The owner in the unit downstairs from me...")
_EMPHASIS = r"[*_]{0,2}"


def _label(words: str) -> str:
    return rf"^{_EMPHASIS}({words}){_EMPHASIS}\s*(:|\.(?={_EMPHASIS}\s)){_EMPHASIS}"


# (after a comma too: "Dear Amy, I'm a 45-year-old woman...")
_SALUTATION_INLINE = re.compile(r"^(DEAR|Dear) [A-Z][\w’'.&\- ]{0,40}?[:,]\s"
                                + "|" + _label("Q|QUESTION|Question")
                                + r"\s*(?=[A-Z“\"‘'])")  # "Q:My..."
_REPLY = re.compile(_label("A|ANSWER|Answer") + r"\s")  # a column's answer after its "Q:" letter
_ASKED = re.compile(_label("Q|QUESTION|Question"))
# after a "QUESTION:" letter, the columnist's name as the reply's label ("Gillespie: From
# nightmares about getting lost to ...", "Chris says, from nightmares...")
_NAMED_REPLY = re.compile(r"^[A-Z][\w’'.\-]+( [A-Z][\w’'.\-]+)?(\s*:| says,)\s")
# the writer, alone or with their family ("My sister was married recently... Our family feels
# embarrassed because we hosted the wedding")
_FIRST = re.compile(r"\b(i|me|my|mine|myself|i['’](m|ve|d|ll)|we|us|our|ours|ourselves"
                    r"|we['’](re|ve|d|ll))\b", re.IGNORECASE)
_SECOND = re.compile(r"\b(you|your|yours|yourself|you['’](re|ve|d|ll))\b", re.IGNORECASE)
_SIGNED = re.compile(r"(--|—|–)\s*[A-Z][\w’' .,]{0,40}$")
# a reply's label on a line of its own ("Chris says,", "Abby replies:"): it ends the letter before
# it and opens the reply, as "Gillespie:" does after a "QUESTION:" letter, and is never quoted
_SAYS = re.compile(r"^[A-Z][\w’'.\-]+( [A-Z][\w’'.\-]+)? (?i:says|replies|responds|answers)"
                   r"\s*[,:]?\s*$")  # in any case ("DEIDRE SAYS:")
# How columns are written, not any column's words: the expert who replies, named with their role
# and firm after commas, on a line of its own that ends in "replies:", "says:" or "writes:"
# ("Simon Horwood, Litigation Executive, Clarke & Son replies:", "Dr Jane Doe, a GP, says:"): a
# reply's label too. A reader signing a letter gives an age or a town ("Sarah, 34, from Leeds,
# writes:"), not a role in Title Case.
_ROLE = r"(?:(?:a|an|the|our)\s+)?[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|&|and|of|for|at|in|the))*"
_SAYS_ROLE = re.compile(
    rf"^{_EMPHASIS}[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){{1,3}}(?:,\s*{_ROLE}){{1,3}},?"
    rf"\s+(?i:says|replies|responds|answers|writes)\s*:{_EMPHASIS}\s*$")
# a heading whose whole text names the letter or the reply, as a column's Q&A is laid out
# ("Question" / "Answer", "Q" / "A", "Reader's question" / "Our answer", "The reply"): it marks
# the letter and the reply as "Q:" and "A:" do
_QUESTION_HEADING = re.compile(
    r"(?:(?:the|a|your|my|this\s+week['’]?s|today['’]?s)\s+)?(?:(?:reader|listener|viewer)['’]?s?\s+)?"
    r"(?:question|q)", re.IGNORECASE)
_ANSWER_HEADING = re.compile(
    r"(?:(?:the|our|my|an?|expert|the\s+expert['’]?s?|our\s+expert['’]?s?)\s+)?"
    r"(?:answer|reply|response|a)", re.IGNORECASE)


def _heading_words(heading: str) -> str:
    """A heading's words alone: without Markdown's "#" and emphasis marks or an end colon."""
    return heading.strip().lstrip("#").strip().strip("*_").strip().rstrip(":").strip()
# ... or on the line with the reply's first words ("DEIDRE SAYS: Rather than just dropping your
# concerns...", "Carolyn replies: ..."): the columnist's name, as the letter's salutation gives it
# or in capitals, and a colon (not "He says, ..." in a letter)
# the addressee of a salutation ("DEAR DEIDRE: ...", "Dear Carolyn Hax,"), and its words
_ADDRESSEE = re.compile(r"(?i:dear|hi|hello|hey)\s+([^:,!\n]{1,40})")
_NAME_WORD = re.compile(r"[\w’'.\-]+")
_SAYS_INLINE = re.compile(r"(?P<name>[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+)?)"
                          r" (?P<verb>(?i:says|replies|responds|answers)):\s*(?=\S)")
# someone who asked, and their asking, in the words before a quotation ("I got a question this
# week from a reader: “...”", "One mom wrote in, “...”", "Someone wrote: “...”"), not an expert
# who has written about parents and says: “...”
_ASKER = (r"(readers?|listeners?|viewers?|subscribers?|followers?|parents?|mothers?|moms?|mums?"
          r"|fathers?|dads?|clients?|someone|somebody)")
_ASKS = r"(asks?|asked|writes?|wrote|e-?mails?|e-?mailed|messaged|sent|submitted)"
_MESSAGE = r"(question|letter|e-?mail|message|note)s?"
_ATTRIBUTED = re.compile(rf"\b{_ASKER}\b([\w’', -]{{0,60}}?\b)?{_ASKS}\b"  # "a reader asked"
                         # "a question this week from a reader"
                         rf"|\b{_MESSAGE}\b[\w’', -]{{0,40}}?\bfrom\b[\w’', -]{{0,40}}?"
                         rf"\b{_ASKER}\b"
                         rf"|\b{_ASKER}['’]s {_MESSAGE}\b", re.IGNORECASE)  # "a reader's letter"
# ... and introduce it: "...anonymous: “", "...wrote in, “", "someone asked “"
_ATTRIBUTION_END = re.compile(rf"([:,—–-]|\b{_ASKS}( in)?)\s*$", re.IGNORECASE)
# where a sentence ends: what the words before a quotation keep is after the last such end (read
# left to right: ".*" before it, as a substitution, tried every start and took 0.4 ms a mark)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
ATTRIBUTION_CHARS = 200  # the words before a quotation read for who said it
LETTER_CHARS = 4000  # the farthest a quoted letter's closing mark is looked for
TOP_PARAGRAPHS = 2  # paragraphs that may come before a letter without a salutation (a dek)
LETTER_PARAGRAPHS = 6  # the longest letter without a salutation
SIGNATURE_WORDS = 6  # a letter's signature without a dash: "Deep in Dishes", "Tired in Texas"
# the writer alone ("I avoid social events"): a letter asks in the first person singular
_SINGULAR = re.compile(r"\b(i|me|my|mine|myself|i['’](m|ve|d|ll))\b", re.IGNORECASE)
# the last line of a letter that asks for advice ("Any advice?", "What should I do?", "Got any
# advice for me?", "Should I tell her?", "Please help.")
_ASKS_ADVICE = re.compile(
    r"\b(what|how) (should|can|could|do|would|shall|must) (i|we)\b[^?]*\?"
    r"|^(should|can|could|do|would|shall|must|am) (i|we)\b[^?]*\?"
    r"|\b(any|some|got any|have any|your) (advice|suggestions?|tips|ideas|thoughts|help|guidance)"
    r"\b[^?]*\?"
    r"|^(please,? )?(advise|help)( me| us)?( please)?\W*$|\bplease (advise|help)\b"
    r"|\bwhat (would|do) you (suggest|recommend|advise|do|think I should)\b", re.IGNORECASE)
# a reply's guesses at the writer's circumstances, and its words about the letter itself: they
# speak to one writer, not to whoever asks ("It sounds like you may be newly married.", "though
# in your case, it's all your husband's fault", "My heart hurts reading your question")
_GUESS = re.compile(
    r"\b(sounds|seems|appears|looks) (like|as if|as though|that) you\b|\b(sounds|seems) you\b"
    r"|\bin your (case|situation)\b"
    r"|\b(reading|read|received|got|for) your (letter|question|e-?mail|message|note|story)\b"
    r"|\bthanks? (you )?for (writing|your (letter|question|e-?mail|message|note)|reaching out)\b"
    r"|\bI(['’]m| am) (so |very |truly )?sorry (to hear|that you|you)\b"
    # ("Thanks for taking the time to email.", "You do not explain why you..., however I will
    # assume...", "Your situation is all too common")
    r"|\bthanks? (you )?for taking the time to (write|e-?mail|reach out|share|ask)\b"
    r"|\byou (do not|don['’]t|did not|didn['’]t) (say|mention|explain|tell (me|us)|specify|state)\b"
    r"|\bI(['’]ll| will)? assume\b"
    r"|\byour (situation|problem|dilemma|story|predicament) is (\w+ ){0,2}"
    r"(common|usual|unusual|familiar|rare)\b", re.IGNORECASE)
# what holds only if a guess is right, right after it ("It sounds like you may be newly
# married." / "If this is the case, you need to...", "Otherwise your mother-in-law will...")
_ON_GUESS = re.compile(r"(if (so|not)|if (this|that) is (the case|true|so)"
                       r"|if that['’]s (the case|true|so)|otherwise)\b", re.IGNORECASE)
# the columnist's plug for their own publication in a reply ("My support pack Standing Up For
# Yourself will make sure he gets the message.", "I'm sending you my e-leaflet on Coping With
# Debt.", "order my booklet, “How to Write Letters”"): a product named, not advice
_PUBLICATION = (r"(support[ -]packs?|e-?leaflets?|leaflets?|booklets?|pamphlets?|e-?books?|books?"
                r"|guides?|workbooks?|fact ?sheets?|newsletters?|podcasts?|courses?)")
_PLUG = re.compile(
    rf"\b(?:[Mm]y|[Oo]ur) (?:(?:free|new|latest|own) )?{_PUBLICATION}\b"
    r"(?:,? (?:on|called|titled|entitled|about))?,? ?(?:[“\"‘']|[A-Z]\w* [A-Z])"
    rf"|\b(?i:send(?:ing)?(?: you)?|order|download|buy|e-?mail(?:ing)? you)"
    rf" (?:for )?(?:a copy of )?(?:my|our) {_PUBLICATION}\b")
# a reply's greeting of the writer, by name or not ("Hi Darlene, mother-in-law problems are...",
# "DEAR WORRIED MOM: Keep an even tone...")
# (the spaces after the greeting's word are taken whole: a name started at each of them, each
# reading on to the run's end, 130 ms a 480-character line of "hi" and spaces, for each line
# after a letter at every index load; twenty-fifth audit)
_GREETING = re.compile(r"^(hi|hello|hey|dear)\b\s*+([^,.!?:;]{0,40}?)\s*[,!:]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Letters:
    """The readers' letters of an index: ``rows`` are never quoted; ``of_row[r]`` is the letter
    row ``r`` belongs to and ``reply[r]`` the letter whose reply row ``r`` stands in;
    ``chunks[n]`` are the chunk positions holding letter ``n`` and ``replies[n]`` its reply rows."""

    rows: frozenset[int] = frozenset()
    reply: dict[int, int] = field(default_factory=dict)
    chunks: list[np.ndarray] = field(default_factory=list)
    replies: list[list[int]] = field(default_factory=list)
    of_row: dict[int, int] = field(default_factory=dict)


def _paragraphs(view: IndexView, n: int) -> list[list[int]]:
    """Rows grouped into paragraphs, in order (a heading is a paragraph of its own)."""
    out: list[list[int]] = []
    for r in range(n):
        if view.prev_row[r] < 0:
            out.append([r])
        else:
            out[-1].append(r)
    return out


def _last_sentence(words: str) -> str:
    """The last sentence of ``words``: what follows the last sentence end in it."""
    end = 0
    for m in _SENTENCE_END.finditer(words):
        end = m.end()
    return words[end:]


class _Quotations:
    """An article's quotation marks and first- and second-person words, each read once: a
    document of many marks is read in linear time (scanning up to `LETTER_CHARS` for each mark,
    and counting the words of each quotation, took minutes for a 2 MB upload)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.closes: dict[int, int] = {}  # where each “ that closes opens -> where it closes
        stack: list[int] = []
        for m in re.finditer("[“”]", text):
            if m.group() == "“":
                stack.append(m.start())
            elif stack:  # a ” that closes nothing is passed over, as a scan from a mark does
                self.closes[stack.pop()] = m.start()
        self._words: dict[re.Pattern, list[int]] = {}

    def closing(self, at: int) -> int:
        """Where the quotation opened by the mark at ``text[at]`` closes (within
        `LETTER_CHARS`), or -1."""
        if self.text[at] == '"':
            return self.text.find('"', at + 1, min(len(self.text), at + LETTER_CHARS))
        close = self.closes.get(at, -1)
        return close if 0 <= close - at < LETTER_CHARS else -1

    def count(self, words: re.Pattern, start: int, end: int) -> int:
        """How many of ``words`` stand in ``text[start:end]`` (bounded by quotation marks,
        which no word holds: as many as ``words.findall`` of that slice)."""
        at = self._words.get(words)
        if at is None:
            at = self._words[words] = [m.start() for m in words.finditer(self.text)]
        return bisect.bisect_left(at, end) - bisect.bisect_left(at, start)


_MARK = re.compile(r'[“"]')


def _opening_marks(text: str, start: int, end: int) -> list[int]:
    """Positions in ``text[start:end]`` of double quotation marks that open a quotation: “, or
    " after a space, an opening bracket or a dash and before a word."""
    return [k for k in (m.start() for m in _MARK.finditer(text, start, end))
            if text[k] == "“" or ((k == 0 or text[k - 1].isspace() or text[k - 1] in "([:—–-")
                                  and k + 1 < len(text) and not text[k + 1].isspace())]


def reader_letters(data: IndexData, view: IndexView, *, signed_line: bool = True) -> Letters:
    """The readers' letters in ``data``'s articles and the replies to them (module docstring).
    ``signed_line``: a letter also runs on to a signature without a dash when the reply's
    salutation comes right after it (`signs_off`)."""
    sents = data.sentences
    pars = _paragraphs(view, len(sents))
    text = [" ".join(sents[r].text for r in p) for p in pars]
    doc = [sents[p[0]].doc_id for p in pars]
    heading = [len(p) == 1 and sents[p[0]].is_heading for p in pars]
    # a heading "Question" opens a letter as a salutation does; "Answer" labels its reply
    asks = [heading[i] and bool(_QUESTION_HEADING.fullmatch(_heading_words(text[i])))
            for i in range(len(pars))]
    line = [asks[i] or (len(p) == 1 and bool(_SALUTATION_LINE.match(sents[p[0]].text.strip())))
            for i, p in enumerate(pars)]
    label = [len(p) == 1 and (bool(_SAYS.match(sents[p[0]].text.strip()))
                              or bool(_SAYS_ROLE.match(sents[p[0]].text.strip()))
                              or heading[i] and bool(_ANSWER_HEADING.fullmatch(
                                  _heading_words(text[i]))))
             for i, p in enumerate(pars)]
    inline = [bool(_SALUTATION_INLINE.match(t)) for t in text]
    quotable = [not heading[i] and any(view.quotable[r] for r in p) for i, p in enumerate(pars)]

    def person(i: int) -> tuple[int, int]:
        return len(_FIRST.findall(text[i])), len(_SECOND.findall(text[i]))

    def to_you(i: int) -> bool:  # "You can also send a private message..."
        first, second = person(i)
        return second > first

    def writes_of_self(i: int, opening: bool = False) -> bool:
        first, second = person(i)
        return first >= (2 if opening else 1) and first > second

    def in_letter(i: int, at: int, after_salutation: bool = False) -> bool:
        # right after "Dear Carolyn:" one "my" opens a letter ("My fiance's parents divorced
        # ... they have not seen each other"); read back from a salutation, it takes two
        return (doc[i] == doc[at] and not heading[i] and not line[i] and not label[i]
                and writes_of_self(i, opening=i == at and not after_salutation))

    marks: dict[str, _Quotations] = {}

    def quotations(d: str) -> _Quotations:
        if d not in marks:
            marks[d] = _Quotations(data.documents[d].text)
        return marks[d]

    rows: set[int] = set()
    found: list[tuple[list[int], int]] = []  # each letter's rows and the row its reply starts at

    def record(letter: list[int], reply_from: int) -> None:
        found.append((letter, reply_from))
        rows.update(letter)

    def says(k: int, names: set[str]) -> bool:  # "DEIDRE SAYS: Rather than..."
        m = _SAYS_INLINE.match(text[k])
        return bool(m) and (set(_NAME_WORD.findall(m["name"].lower())) <= names
                            or (m["name"].isupper() and m["verb"].isupper()))

    def reply_label(k: int, names: set[str], asked: bool) -> bool:
        return (label[k] or bool(_REPLY.match(text[k])) or says(k, names)
                or (asked and bool(_NAMED_REPLY.match(text[k]))))

    def signed_ahead(j: int) -> int | None:
        """Where the reply starts when the letter ending before paragraph ``j`` goes on, in the
        third person or a plea ("He recently applied...", "Please help."), to its signature
        ("– Torn in Wisconsin") within `LETTER_PARAGRAPHS`: the paragraph after it. A heading,
        a salutation or a line that turns to "you" comes first in a reply, never in a letter."""
        for k in range(j, min(len(pars), j + LETTER_PARAGRAPHS + 1)):
            if doc[k] != doc[j] or heading[k] or line[k] or inline[k] or label[k] or to_you(k):
                return None
            if _SIGNED.search(text[k]) or _SIGNED.fullmatch(raw_line(k)):
                return k + 1
            if signed_line and signs_off(k):
                return k + 1
        return None

    def signs_off(k: int) -> bool:
        """Whether paragraph ``k`` is a letter's signature with no dash before it ("Deep in
        Dishes" over "Dear Deep,"): a short line of its own that ends no sentence, right above a
        salutation in the same article, which opens the reply. A column signs its letters so; a
        line over a salutation is never the letter's own prose."""
        words = raw_line(k)
        return (len(pars[k]) == 1 and k + 1 < len(pars) and doc[k + 1] == doc[k]
                and (line[k + 1] or inline[k + 1]) and not asks[k + 1]
                and 0 < len(words.split()) <= SIGNATURE_WORDS and words[:1].isupper()
                and not ENDS_SENTENCE.search(words) and not words.endswith((":", ",")))

    def raw_line(k: int) -> str:
        """The article's line paragraph ``k`` opens, as typed: a signature's dash is not in its
        sentence ("– Torn in Wisconsin" reads "Torn in Wisconsin")."""
        body = data.documents[doc[k]].text
        at = sents[pars[k][0]].start
        end = body.find("\n", at)
        return body[body.rfind("\n", 0, at) + 1:end if end >= 0 else len(body)].strip()

    def label_ahead(i: int, j: int, names: set[str], asked: bool) -> int | None:
        """The label of the reply to the letter opened at paragraph ``i``, at or after paragraph
        ``j`` (within `REPLY_ROWS`) and before the next salutation."""
        for k in range(j, min(len(pars), j + REPLY_ROWS)):
            if doc[k] != doc[i]:
                break
            if reply_label(k, names, asked):
                return k
            if line[k] or inline[k]:
                break  # the next letter
        return None

    i = 0
    while i < len(pars):
        if not (line[i] or inline[i] or label[i]):
            i += 1
            continue
        j = i + 1 if line[i] or label[i] else i
        start = j
        asked = asks[i] or bool(_ASKED.match(text[i]))
        addressee = _ADDRESSEE.match(text[i]) if line[i] or inline[i] else None
        names = set(_NAME_WORD.findall(addressee.group(1).lower())) if addressee else set()
        while (not label[i] and j < len(pars) and in_letter(j, start, after_salutation=True)
               and (j == i or not inline[j])
               and not (j > i and reply_label(j, names, asked))):
            j += 1
            if _SIGNED.search(text[j - 1]):
                break
        between: list[int] = []  # what the page puts between the letter and its reply's label
        if j > start:  # the salutation opens the letter
            first, end = i, j
            reply_at = label_ahead(i, j, names, asked)
            if reply_at is None and j < len(pars) and not _SIGNED.search(text[j - 1]):
                reply_at = signed_ahead(j)  # the letter runs on to its signature
            if reply_at is not None:
                # the letter's lines in the third person ("He's 38 and he plays on his Xbox...")
                # run on up to the reply's label, or to a signature, a heading or a line to "you"
                e = j
                while (e < reply_at and not _SIGNED.search(text[e - 1]) and not heading[e]
                       and not line[e] and not to_you(e)):
                    e += 1
                if reply_at - e <= LETTER_PARAGRAPHS:
                    end = e
                    between = [r for p in pars[e:reply_at] for r in p]
                else:
                    reply_at = None
        elif asks[i]:  # a heading "Question" over no letter in the first person (an FAQ's)
            i += 1
            continue
        else:  # it opens the reply: the letter is what comes before it
            k = i
            while (k > 0 and in_letter(k - 1, k - 1) and not inline[k - 1]
                   and pars[k - 1][0] not in rows):  # not a letter found already
                k -= 1
            if k == i:
                i += 1
                continue
            first, end, reply_at = k, i + 1 if line[i] or label[i] else i, None
        if first > 0 and doc[first - 1] == doc[first] and len(pars[first - 1]) == 1 \
                and not heading[first] and not ENDS_SENTENCE.search(text[first - 1]):
            first -= 1  # the letter's title
        if reply_at is None:
            reply_at = end
        record([r for p in pars[first:end] for r in p],
               pars[reply_at][0] if reply_at < len(pars) else len(sents))
        rows.update(between)
        i = max(reply_at, i + 1)

    # a first-person passage in quotation marks, attributed to someone who asked
    for i, p in enumerate(pars):
        if not quotable[i] or p[0] in rows or not ("“" in text[i] or '"' in text[i]):
            continue
        body = data.documents[doc[i]].text
        begin, stop = sents[p[0]].start, sents[p[-1]].end
        for m in _opening_marks(body, begin, stop):
            tail = _last_sentence(body[max(begin, m - ATTRIBUTION_CHARS):m])
            # (its end only: searched whole, every word of the 200 characters was tried)
            if not (_ATTRIBUTION_END.search(tail.rstrip()[-24:]) and _ATTRIBUTED.search(tail)):
                continue
            q = quotations(doc[i])
            close = q.closing(m)
            if close < 0:
                continue
            first = q.count(_FIRST, m + 1, close)
            if first < 2 or first <= q.count(_SECOND, m + 1, close):
                continue
            letter = view.rows_overlapping(doc[i], m, close + 1)
            if letter and not rows & set(letter):
                record(letter, letter[-1] + 1)
            break

    # the top of each article: a reader's testimonial in quotation marks, or a first-person block
    # asking for advice and answered in the second person
    before = 0  # paragraphs of prose of this article up to paragraph i (not "Family therapist")
    for i, p in enumerate(pars):
        if i and doc[i] != doc[i - 1]:
            before = 0
        if not quotable[i] or before > TOP_PARAGRAPHS + LETTER_PARAGRAPHS:
            continue  # a letter starts near the top and is not that long
        before += bool(ENDS_SENTENCE.search(text[i][-12:]))
        if p[0] in rows:
            continue
        body = data.documents[doc[i]].text
        begin, stop = sents[p[0]].start, sents[p[-1]].end
        if before == 1 and body[begin] in "“\"" and quotations(doc[i]).closing(begin) == stop - 1 \
                and writes_of_self(i, opening=True):
            record(list(p), p[-1] + 1)
            continue
        last = [r for r in p if view.quotable[r]][-1]
        if not (_SINGULAR.search(text[i]) and writes_of_self(i)
                and _ASKS_ADVICE.search(sents[last].text.strip(" “”\"'"))):
            continue
        a = i  # back over the letter's first-person paragraphs
        # (no further than a letter may be long: walking on to the article's top for every
        # paragraph that asks was quadratic, 6 s for 14 KB of "I ... please help" lines)
        while (a > 0 and i - a < LETTER_PARAGRAPHS and doc[a - 1] == doc[i] and quotable[a - 1]
               and pars[a - 1][0] not in rows
               and _SINGULAR.search(text[a - 1]) and writes_of_self(a - 1)):
            a -= 1
        if (before - (i - a) > 1 + TOP_PARAGRAPHS or i - a >= LETTER_PARAGRAPHS
                or not writes_of_self(a, opening=True)):
            continue
        n = next((k for k in range(i + 1, len(pars)) if doc[k] != doc[i] or quotable[k]), None)
        if n is None or doc[n] != doc[i]:
            continue
        first, second = person(n)
        if second and second > first:
            record([r for q in pars[a:i + 1] for r in q], pars[n][0])

    # a salutation or a reply's label on a line of its own is never an answer ("Dear Carolyn:",
    # "Dear Anonymous,", "Chris says,")
    opens = {pars[i][0] for i in range(len(pars)) if line[i] or inline[i] or label[i]}
    rows.update(pars[i][0] for i in range(len(pars)) if line[i] or label[i])
    found.sort(key=lambda f: f[0][0])
    starts = {letter[0] for letter, _ in found}
    of_row: dict[int, int] = {}
    reply_of: dict[int, int] = {}
    chunks: list[np.ndarray] = []
    replies: list[list[int]] = []
    for n, (letter, reply_from) in enumerate(found):
        reply: list[int] = []
        names: set[str] = set()  # the writer as the reply greets them ("Hi MIL!")
        for r in range(reply_from, len(sents)):
            if sents[r].doc_id != sents[letter[0]].doc_id or r in starts \
                    or (reply and r in opens):
                break  # the next letter, or the next salutation once the reply has begun
            greeting = _GREETING.match(sents[r].text)
            if greeting and greeting.group(2)[:1].isupper():
                names.add(greeting.group(2).lower())
            if view.quotable[r] and r not in rows:
                reply.append(r)
                if len(reply) >= REPLY_ROWS:
                    break
        chunks.append(np.unique([view.row_chunk[r] for r in letter
                                 if view.row_chunk[r] >= 0]).astype(np.int64))
        # the reply's lines to the writer: letter context, never quoted
        context = [r for r in reply if _speaks_to_writer(sents[r].text, names)
                   or _PLUG.search(sents[r].text)]  # and a plug for the columnist's pack
        seen = set(context)  # (a set: a list searched for each of 16,000 "Otherwise" took 14 s)
        for r in list(context):  # and what hangs on a guess ("If this is the case, ...")
            while (view.next_row[r] >= 0 and int(view.next_row[r]) not in seen
                   and _ON_GUESS.match(sents[int(view.next_row[r])].text)):
                r = int(view.next_row[r])
                context.append(r)
                seen.add(r)
        rows.update(context)
        reply = [r for r in reply if r not in seen]
        replies.append(reply)
        of_row.update((r, n) for r in letter + context)
        for r in reply:
            reply_of.setdefault(r, n)
    return Letters(frozenset(rows), reply_of, chunks, replies, of_row)


def _speaks_to_writer(sentence: str, names: set[str]) -> bool:
    """Whether a reply's ``sentence`` speaks to the letter's writer rather than advises: a guess
    at their circumstances, or a greeting or their name (``names``) with no advice to "you"
    after it."""
    if _GUESS.search(sentence):
        return True
    greeting = _GREETING.match(sentence)
    if greeting:
        return not _SECOND.search(sentence[greeting.end():])
    low = sentence.lower()
    for name in names:
        at = low.find(name)
        if at >= 0 and re.match(r"\s*[,.!?]", low[at + len(name):]) \
                and (at == 0 or low[at - 2:at] == ", "):  # "The reality is, All Alone, that..."
            return not _SECOND.search(sentence)
    return False
