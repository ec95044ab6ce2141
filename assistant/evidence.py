"""Evidence selection: from the best chunks, pick the few sentences that answer the question.

Candidate sentences come from the top fused hits. Each is scored against the question with its
precomputed vector (alone and with its paragraph neighbours), plus its paragraph's relevance,
the strength of the chunk it came from, and IDF-weighted word overlap. The best are chosen
greedily: near-duplicates are dropped, a second article is preferred when it adds something
(the articles repeat each other), and neighbouring sentences of the same paragraph merge into
one quote of at most three sentences.

Two rules keep quotes in context. A sentence that asks a question ("...why do they have a hard
time trusting you?") is rarely the answer; the lines after it are, so they inherit its
relevance (a sentence that only announces a list, "Below are a few important steps...", is
damped instead). And when the author rejects an approach just described ("Let him see your
phone..." / "I will not recommend this approach - ever!"), the rejection is quoted with it.

Nothing is quoted that says nothing alone: a short fragment ("Good enough to deserve anyone's
love!") takes its paragraph neighbour along, a sentence that opens by pointing back
("Otherwise, it will starve...", "This bargain...") the sentence it follows, and a list item
comes with the line that introduces the list ("Common signs include:"), as a quote of its own
just before it; a quote that opens a quotation grows until it closes it. So does a sentence that
points back by a phrase ("The same is true for...", "...some truth to what was said.") or in its
opening clause ("Even if it is heard, ..."), and it is not quoted at all when what it points
back to is already quoted; a numbered point's headline comes with its body, a line of speech
with the sentence that frames it, and "the following ...", a proverb or a reported reader's
question, like any announcement, with what they lead into. A sentence wholly in brackets, the
second half of a contrast ("...is another."), a list of options without a verb and a condition
about an unnamed "it" come with the sentence before them; single curly marks pair up like double
ones; a quip after a question ("Good question.") is no answer; and the writer's own story is
no reason to quote, nor a quote's first or last sentence. A bulleted paragraph is one list item
however many sentences it has (its later sentences come with its first), a line right before a
run of bulleted items introduces them, colon or not, and a run of questions is quoted whole
with the line that answers it, or not at all.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import re
from dataclasses import dataclass

import numpy as np

from assistant.letters import reader_letters
from assistant.query import Query, SentenceScores
from index.lexical import content_terms, normalize_text
from index.store import IndexData
from index.view import IndexView
from ingest.metadata import title_case
from ingest.sentences import ENDS_SENTENCE, HANDS_QUESTIONS, PARAGRAPH_BREAK


@dataclass(frozen=True)
class EvidenceConfig:
    """How candidate sentences are scored and chosen.

    The defaults are generic, for an index without a fit: the model's plain cosines, which
    need help from the paragraph and damping of generic sentences (chosen on the project's dev
    questions without example questions, docs/BENCHMARKS.md). A corpus's fitted weights
    (``quotewise.tuning.json``, bench/tune_retrieval.py) replace them (`assistant.tuning`).
    """

    top_chunks: int = 6
    second_voice_pool: int = 20  # each other article's best chunk among this many joins too
    # The reading budget: up to this many quotes and characters in one answer. Filling it
    # (7 quotes, 3 per section, keep_ratio 0.5 rather than 5 / 2 / 0.7) lifted the hit rate on
    # every dev split at about 1,050-1,100 quoted characters (bench/sweep.py, docs/BENCHMARKS.md).
    max_quotes: int = 7
    max_chars: int = 1200
    max_sentences_per_quote: int = 3
    sentence_weight: float = 0.6  # the sentence's cosine with the (adapted) question, own and
    #                               windowed
    window_share: float = 0.3  # part of it from the sentence with its paragraph neighbours
    context_weight: float = 0.4  # its paragraph's (chunk + heading) cosine: answers often
    #                              don't restate the question, their paragraph does
    generic_weight: float = 0.3  # sentences close to the corpus centroid match every question
    chunk_weight: float = 0.10  # how much the chunk's fused rank lifts its sentences
    lexical_weight: float = 0.15  # IDF-weighted share of the question's content words
    example_weight: float = 0.25  # cosine with the closest example question it answers
    example_candidate: float = 0.6  # an example question this close brings its sentences in
    question_penalty: float = 0.05  # a sentence that asks a question rarely answers it...
    handoff: float = 0.95  # ...the next lines do: they score at least this share of it
    handoff_sentences: int = 2
    # a sentence asking a question is quoted only with the line right after it that answers it
    # ("I'm self-conscious about running. What can I do?" / "Run in the dark!"), never alone or
    # before another question (a checklist: "How is the noise affecting you?"): on the corpora's
    # dev splits money-couples +1 alone, no other change; the shipped articles' fit keeps their
    # questions quotable alone ("ask yourself, am I trustworthy?" answers; follow-ups 0.660 ->
    # 0.649 without), docs/BENCHMARKS.md, sixteenth session
    question_alone: bool = False
    announce_penalty: float = 0.1  # "Below are a few important steps..." promises, not answers
    lead_in_sentences: int = 2  # ...so it is quoted with this many lines that follow it
    sentence_pool: int = 10  # the sentences closest to the question join the candidates
    # ...and those closest to what it asks, apart from the situation it tells ("my husband
    # wants every penny accounted for... should we each get some money to spend?"): on the
    # corpora's dev splits parenting-teens +1 alone and beside, nothing else moved (3 or 6
    # alike); scoring them against the ask as well lost more than it won (docs/BENCHMARKS.md)
    ask_pool: int = 3
    keep_ratio: float = 0.5  # a quote must score at least this fraction of the best one...
    new_doc_ratio: float = 0.0  # ...and one from an article not quoted yet, this fraction
    #                              (when above keep_ratio)
    dup_threshold: float = 0.80  # cosine above which two sentences say the same thing
    new_doc_bonus: float = 0.03
    extend_ratio: float = 0.85  # a neighbour joins a quote when it scores this close...
    heading_extend_ratio: float = 0.6  # ...or this close, under a heading that matches
    min_sentence_chars: int = 25
    # a quote this short says little alone ("Good enough to deserve anyone's love!"): it takes
    # its better paragraph neighbour along, whatever that one scores
    alone_chars: int = 45
    lean_back: bool = True  # a quote opening "Otherwise, ..." or "This ..." takes the sentence
    #                         before it in its paragraph
    # ...and so does one that points back by a phrase or in its opening clause ("The same is
    # true for...", "...some truth to what was said.", "Even if it is heard, ...", "Easier said
    # than done--but ...") (`_REFERS_BACK`)
    refers_back: bool = True
    # ...and when that sentence is quoted already (or ruled out), it is not quoted at all
    lean_back_never_alone: bool = True
    # ...and one that opens its section, with nothing before it there but the heading ("This is
    # the most common version of..." under "1. You take all the initiative"), is never quoted
    # alone: it comes with the sentence after it in its paragraph, or not at all
    lean_back_opening: bool = True
    # "...the following ground rules will bring you..." announces what follows, colon or not
    following_announces: bool = True
    # a quote that is all one quotation ("You're not my parent, you can't tell me what to do.")
    # is an example of what someone says: it comes with the sentence of its paragraph that
    # frames it, or under its list's introduction, or not at all
    speech_framed: bool = True
    # a numbered point's headline ("1. Don't live in the past.") and the body of its paragraph
    # are quoted together, whichever of them was chosen
    headline_body: bool = True
    # a line that opens with a list's mark or number ("  2. Try relaxing your body to fall
    # asleep. Working from your toes...") starts an item of its own, blank line above it or not:
    # no quote runs from one item's last sentence into the next item's headline, and each
    # numbered headline comes with its own body (`_items_apart`)
    item_per_line: bool = True
    # two chosen quotes where one goes straight on from the other in its paragraph are shown
    # as one ("...what it means to her." / "Next, be ready to suggest..."), in the first's place
    join_neighbours: bool = True
    # the scene an article sets (a proverb, a reported reader's question: damped and never alone,
    # as announcements are; the hook before "This post will explore...": damped)
    framing: bool = True
    # a sentence wholly in brackets ("(Take out the garbage without being asked...)") is an
    # aside on the sentence before it: it comes with that sentence, as a pointing-back one does
    aside_leans_back: bool = True
    # a sentence that completes another: the second half of a contrast ("Hitting, pushing, and
    # hurting is another." after "Bickering is one thing."), a list of options with no verb
    # ("At a fast-food drive-thru, a landscaping crew, ... or wherever he can get hired."), an
    # opening condition about an "it" it never names ("If one child is enjoying it and the
    # other isn't, ..."): it comes with the sentence before it (`_ELLIPTICAL`)
    elliptical: bool = True
    # single curly quotation marks pair up like double ones (‘It sounds like... / That must
    # really hurt you.’); a ’ inside a word or after a plural (sibling’s, parents’) is an
    # apostrophe, not a closing mark
    single_marks: bool = True
    # a closing mark glued to the word after it with nothing open (“I’m going to do
    # terribly”...”I don’t know anything”....”I’m going to fail”) is a misprinted opening mark:
    # it opens the next speech, so the mark that ends it closes something and stays quoted
    glued_marks: bool = True
    # a quip after a question ("Do I ignore the squabble or do I become involved? Good
    # question.") is no answer to it: the line after the quip is, and a quote never ends on one
    quip_not_answer: bool = True
    # the writer's own story ("I even made cloth diapers for her stuffed animal...", `tells_story`,
    # in the first person singular: "Often we can be deeply in love..." is anyone's) is no
    # quote's reason to be chosen...
    story_unchosen: bool = True
    # ...and a quote neither opens nor ends on it
    story_edges: bool = True
    # a bulleted line ("• At least you had many years together. Or anything that starts with
    # "At least..."") is a list item whatever its sentence count: it stands in its list under the
    # list's introduction, and its later sentences come with its first ("Sometimes, this can
    # appear..." under "• You're shamed for spending time with family and friends.")
    long_items: bool = True
    # a paragraph's last sentence directly followed by a run of bulleted items introduces them,
    # colon or not ("In the first few weeks after the death, it's important to take care of
    # financial matters." / "- Notify banks..."): never quoted alone
    run_introduced: bool = True
    # "Use the tips below to help..." ("...the tips listed will help you...") announces what
    # follows as "the following tips" does
    below_announces: bool = True
    # a line that promises help instead of giving it: an expert who "delves into these and
    # other strategies that can help you...", "Fortunately, there are lots of strategies that
    # can help you..." (`_PROMISES`) announces what follows as "Here are some tips" does (no
    # dev hit rate or follow-up figure moved either way, bench/sweep.py)
    promise_announces: bool = True
    # a list's labels over their bodies, two or more in a section ("- Keep a Record" / "Ask your
    # child what happened..." / "- Talk to the School" / "Ask for a meeting..."): each names its
    # step as a numbered headline does, so it is never quoted alone and comes with its body
    # (`_step_labels`; on a tester's folder the labels were quoted alone in 3 of 30 answers)
    label_leads: bool = True
    # a line that promises guidance instead of giving it: "...you might need some guidance on
    # how to make friends in a totally new city.", "ahead you'll discover six ways to...", "but
    # don't worry—there are ways to ease the transition." (`_GUIDANCE`): the article's
    # introduction, as a line about the article is; it and the sentences before it in its
    # paragraph are the scene (damped as a hook is), not advice
    guidance_hooks: bool = True
    # a sentence about the article's series or its own start ("This will be the last part of
    # the ... series.", "Let's not waste any time and get started...") introduces the article
    series_intro: bool = True
    # a subordinate clause with no main clause ("Even if you might think their grief is out of
    # proportion to the situation.") completes the sentence before it
    dependent_clause: bool = True
    # a sentence opening on "Or" ("Or it may feel right to display...", "Or should couples...?")
    # offers another case of what the sentence before it said
    or_leans_back: bool = True
    # "this" / "that" as the object of "do" ("You can do this in various ways...", "We do that
    # through talking...", "You can only do that when...") names what came before; so does an
    # opening "Sometimes, this ..." and a gloss on a word just used ("And by time, I don't
    # mean minutes.")
    object_points_back: bool = True
    # a run of rhetorical questions ("Should each...? Or should couples...? How can...?") is
    # quoted whole with the line after it that answers it, or not at all (with `question_alone`
    # off: a fit that quotes a question alone quotes one of a run too)
    question_runs: bool = True
    # ...but a run of questions, each a line of its own, right under a line that announces them
    # ("Ask yourself the following questions to get started." / "Are you feeling insecure
    # about your age?" / "Do you feel as attractive as you used to?") is a list of questions
    # for the reader to ask: each may be quoted as a list item under that line
    asked_list: bool = True
    # a list's introduction on the line right above a chosen item ("Setting up a first bed:" /
    # "-" / "The one-row start: ...", no blank line between) is quoted as one passage with it,
    # marks and all: shown as a quote of its own, with its own number, the introduction reads
    # as if quoted alone
    intro_joins_item: bool = True
    # a line of its own trailing off ("Parents, look out for ...") leads into a list only when
    # a list follows it (a bulleted line, or two one-sentence paragraphs in a row): a remark
    # that trails off ("Not that it ever works out that way...") before more prose says what it
    # says, and pulling the next paragraph along as its "list" only left it quoted alone
    trail_needs_list: bool = True
    # a reader's letter opened by a salutation on a line of its own runs on over its lines in
    # the third person to its signature when the reply's salutation follows it ("Deep in Dishes"
    # / "Dear Deep,"), dash or not: its story is never quoted as the reply's advice
    letter_signed: bool = True
    short_penalty: float = 0.05  # fragments ("These things happen; we are all human.") rarely answer
    # the author's own story ("When my father died, I was in my late 20s...") matches the asker's
    # story, not their ask: on a tester's grief corpus it led 6 of 30 answers; 0.05 moved no dev
    # figure, 0.1 cost a dev question (docs/BENCHMARKS.md, fifteenth session)
    story_penalty: float = 0.05
    # a sentence that tells the reader what to do, over hooks and restated problems: 0.02 moved
    # no dev hit rate and gained a follow-up turn, 0.04 cost workplace and jealousy questions
    # (docs/BENCHMARKS.md, seventeenth session)
    advice_bonus: float = 0.02
    max_per_section: int = 3  # per tip/heading section; an article's untitled body gets one more
    expand_heading: float = 0.55  # a heading this close to the question brings its first lines
    expand_headings: int = 2  # of the best headings
    expand_sentences: int = 2


@dataclass
class Evidence:
    """A chosen quote: consecutive sentence rows of one document."""

    rows: list[int]
    doc_id: str
    start: int
    end: int
    score: float
    section: str
    attached: bool = False  # a rebuttal carried along with the quote before it


# Sentences where the author turns against what came just before ("Let him see your phone..."
# / "I will not recommend this approach - ever!"). Quoting the approach without them would
# present as advice what the article warns against.
_REBUTTAL = re.compile(
    r"^(but |however,? |unfortunately,? |and )?("
    r"i (will not|won|do not|don|would not|wouldn|can not|cannot|can) (ever )?recommend"
    r"|none of (these|this|that|them|those)|this (will|would) never"
    r"|(this|that|it|these|those)( (approach|strategy|method|tactic|advice|idea|plan))? "
    r"(will never|would never|never|won|doesn|does not|will not|isn|wouldn|don|do not) "
    r"(\w+ )?(work|help|solve|fix|lead|build|change|get)"
    r"|in doing so"
    r"|but (this|that|it) (only|just|won|doesn|isn)"
    # a bare rejection of what was just said: "So it's common to just avoid it." / "Please don't."
    r"|(please )?(don|do not|never)( do (it|that|this))?\W*$)"
)
REBUTTAL_REACH = 8  # sentences after a quote, within its section, searched for a rebuttal
# A list item quoted alone ("Worrying a partner is pulling away after a delayed reply") says
# nothing of what the list is; the line that introduces it ("Common signs include:") comes
# with it. An item is a one-sentence paragraph with a bullet or number, or without an end mark.
LIST_REACH = 12  # items searched back for the introduction
LABEL_WORDS = 6  # words at most in a list's label over its body (`label_leads`)
LIST_ITEMS = 8  # short items a list's introduction brings along...
LIST_CHARS = 400  # ...within this many characters after it
_MARKED_ITEM = re.compile(r"(^|\n)[ \t]*([-•*▪◦‣●–]|\d{1,2}[.)])[ \t]*$")  # before an item
QUOTE_REACH = 3  # sentences a quote may grow by to close a quotation it opens
# what a list's introduction ends in: a colon, or "e.g." / "for example" with the list after it
_LEADS_ON = re.compile(r"(:|\be\.g\.,?|\bi\.e\.,?|\bfor (example|instance),?|\bsuch as)$",
                       re.IGNORECASE)
_ALL_QUOTED = re.compile(r"^[“\"][^“”\"]+[”\"]$")
_BULLET = re.compile(r"\s*([-•*▪–]|\d{1,2}[.)])\s")


def _items_apart(view: IndexView, data: IndexData) -> IndexView:
    """``view`` with no paragraph neighbours across a line break into a list item: a sentence
    that opens its line with a list's number ("2. Try relaxing...", `_BULLET`) or right after
    its mark (`_MARKED_ITEM`) starts a paragraph of its own, as a blank line above it would."""
    nxt, prev = view.next_row.copy(), view.prev_row.copy()
    sents = data.sentences
    for i in np.where(nxt >= 0)[0]:
        j = int(nxt[i])
        text = data.documents[sents[j].doc_id].text
        a, b = sents[i].end, sents[j].start
        if "\n" in text[a:b] and (_BULLET.match(sents[j].text)
                                   or _MARKED_ITEM.search(text[max(a, b - 8):b])):
            nxt[i], prev[j] = -1, -1
    if (nxt == view.next_row).all():
        return view
    return dataclasses.replace(view, next_row=nxt, prev_row=prev)


# A rebuttal that points back at one thing ("I will not recommend this approach - ever!") means
# nothing without it: quoted on its own merit, it brings the sentence before it along.
_POINTS_BACK = re.compile(
    r"\b(this|that) (approach|strategy|method|tactic|advice)\b"
    r"|^(but )?(this|that|it) (will|would|won|doesn|does not|isn|never)"
    r"|^(please )?(don|do not|never)( do (it|that|this))?\W*$"
)
# A sentence that announces what follows ("Below are a few important steps you can take...")
# says nothing on its own; quoted alone it only promises an answer.
# So does a sentence about the article itself ("In this article, we'll walk you through...",
# "Read on to learn...", "If you've asked this question recently...": the article's own title
# question, not the asker's; "Learn more about how to...", "We've got tips for you", "check out
# our information about...", a page's teaser "Learn how to handle this type of friend."), and a
# count of what follows ("There are three main reasons why..."). Neither is quoted alone: the
# lines it leads into come with it.
_ANNOUNCES = re.compile(
    r"\b(below are|here are|here is|(some|any|all|one|each|most) of the following|as follows"
    r"|in this (article|post|guide|piece)|read on|keep reading|continue reading"
    r"|we(\W?ll| will) (walk|look|explore|cover|discuss|go over|share|break down)"
    r"|let(\W?s| us) (look|take a look|dive|explore|break|dig( a (bit|little))? deeper)"
    r"|(this|the following) (article|post|guide) (will|explains|covers|looks)"
    r"|(content|trigger) warning|the (below|following) (article|post|page) (might|may|will|contains?)"
    r"|if you(\W?ve| have) (ever )?(asked|wondered|been asking)( yourself)? (this|that) question"
    r"|this ([\w-]+ ){0,2}?(guide|article|post) (offers|provides|includes|gives|will|is for)"
    r"|you may be wondering"
    r"|we(\W?ve| have) (got|included|put together|gathered|rounded up|compiled)|check out our"
    r"|the following (is|are) (a )?(list|some|tips)"
    # a count of tips with its verb dropped or its promise hedged: "Here a few tips on how to
    # deal with...", "These 5 tips for breaking up with a friend may not heal all wounds..."
    r"|^here (a few|some|several|\d+|two|three|four|five|six|seven|eight|nine|ten) (\w+ )?"
    r"(tips|ways|things|steps|ideas|suggestions|strategies|rules)\b"
    r"|^these (\d+|two|three|four|five|six|seven|eight|nine|ten|few) (\w+ )?(tips|ways|steps"
    r"|ideas|suggestions|strategies|rules)\b"
    # things to bear in mind, counted or not, before they are given: "Before lending money to
    # friends there are few things to keep in mind to help prevent a rift..."
    r"|\bthere are (a )?(few|some|several|\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r" (\w+ )?(things|points|questions|factors|tips) to (keep in mind|bear in mind|consider"
    r"|remember|think about)\b"
    r"|here\W?s (some |a few |more )?(support|help|advice|guidance|tips|ways|ideas|steps"
    r"|a guide|a list|an overview|a look)"
    r"|(look|watch)( out)? for (these|the following)|(follow|try|consider) (these|the following)"
    r"|the following (steps|tips|ways|signs|things|strategies|ideas|suggestions|questions)"
    r"|(see|read|visit) our|our (complete|full|ultimate|step-by-step) guide"
    r"|allow me to|i(\W?ll| will| am going to|\W?m going to) (share|walk|explain|show you|cover"
    r"|discuss|go over|break down|offer|tell you)"
    # "I'd like to start off by providing you with a situation...": what follows is told
    r"|i(\W?d| would) like to (start|begin)( off)? (by|with)\b|let me (start|begin) (by|with))\b"
    r"|^learn more about\b"
    r"|^learn (exactly|how to (handle|deal with|cope with) (this|these|that|them))\b"
    # a count of what follows: "There are three main reasons why a friend might cancel..."
    r"|^there are (two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few|many|some)"
    r" (\w+ )?(main |common |key |simple |important )?(reasons|ways|things|steps|types|signs|kinds"
    r"|tips|stages|questions|strategies|causes|factors|options|mistakes|myths)\b(?=[^:;,]*$)"
    # ...or at the sentence's end: "According to Dr. Lee, it can show up in three different ways."
    r"|\b(in|into) (two|three|four|five|six|seven|several|many|a few) (different |main |distinct )?"
    r"(ways|forms|types|kinds|categories)\W*$"
    r"|\bwe(\W?re| are) here (with|to (help|share|offer))\b"
    # a pointer to other writing, a teaser link ("Read this article I wrote for The Thoughtful
    # Parent about...", "Get tips on what to wear when running in the cold.")
    r"|\b(read|see) (this|my) (article|post|piece|guide)\b|\b(article|post|piece) i wrote\b"
    r"|^get (tips|advice|ideas|answers) (on|for|about)\b"
    # tips promised, not given: "These tips and tricks can help...", "...use these techniques
    # to help calm them."
    r"|^(these|the following) (\w+ )?(tips|tricks|techniques|strategies|ideas|steps|methods)"
    r"( and (\w+ )?(tips|tricks|techniques|strategies|ideas|steps|methods))? (can|will|may|might"
    r"|should|could) help\b"
    r"|\buse (these|the following) (\w+ )?(tips|tricks|techniques|strategies|steps|methods)\b"
    r"|^here(\W?s| is) (how|what|why|where|when)\b"
    # ...or at its end: "So if you often find yourself alone in this, here's what you can do.",
    # "...these are a few general rules to follow.", "But there is another way to make progress."
    r"|\bhere(\W?s| is) (how|what) (you|to|i|we)\b[^,;:]*$"
    r"|\b(a few|some|several|these|the following) (\w+ )?(rules|guidelines|tips|steps|ideas"
    r"|strategies|things) (to|you can|you should) \w+( \w+)?\W*$"
    r"|^(but |and )?there(\W?s| is) (another|a better|a different|one more) (way|approach|option)"
    r"\b[^,;]*$"
    # help promised without a count or a list: "However, there are steps you can take to
    # negotiate a care plan that works for both of you.", "Luckily, there are ways to approach
    # your roommate calmly." (not "There are things you can't change, so accept them.")
    r"|^(\w+, )?there are (\w+ )?(ways|steps|things|strategies|tips|options|methods)"
    r" (you can(?!\W?t\b|not\b)|to)\b[^:;]*$"
    # company promised, not advice: the reader's problem restated as a hook ("If your child
    # happens to be a picky eater, you are not alone.", "If you've ever argued with your sisters
    # over ..., you're not alone.", "Be assured that you're not alone.")
    r"|^((if|when)\b[^.!?]*,|(be|rest) assured( that)?|know that)? ?you(\W?re| are) (certainly |"
    r"definitely |far from |by no means )?(not )?alone\W*$"
    r"|:\s*$",
    re.IGNORECASE,
)
# A sentence that opens by pointing back at the one before it ("Otherwise, it will starve to
# death...", "This bargain sometimes seems worth it...", "That's why...") says nothing alone:
# quoted, it brings that sentence along when the paragraph has one.
_LEANS_BACK = re.compile(
    r"^(otherwise|therefore|thus|hence|consequently|as a result|in other words|in that case"
    r"|that(\W?s| is) why|this is why|which is why|because of (this|that)|for (this|that) reason"
    r"|even so|after all|in turn|if so|if not|this|that|these|those|such"
    r"|if (this|that)( is|\W?s) (the case|true|so)\b"
    # a pronoun that can only mean what came before: "It allows you to...", "To get rid of
    # them...", "However, they can include..."
    r"|it (allows|helps|lets|means|gives|makes|keeps|shows|works|reduces|prevents|stops)"
    r"|to \w+( \w+)? (of )?(them|it)\b(?! (is|are|was|can|may|might|will|would)\b)"
    r"|(however|but|still|yet),? (they|it|he|she)\b"
    # an example of what was just said, an answer to the question just asked, a summing up:
    # "For example, say ...", "If the answer is no, ...", "With all of that concentrating on ..."
    r"|for (example|instance)|if the answer is|with all (of )?(this|that)"
    # an answer to the question before, or a tag question on the sentence before: "If you
    # responded "yes" then you know what to do.", "Simple, right?"
    r"|if you (answered|responded|replied|said)\W+(yes|no)\b"
    r"|(\w+ ){0,2}\w+, (right|huh|eh|no|yes|isn\W?t it)(?=\?\W*$)"
    # a reply that only hedges the question before it, or finishes its sentence: "It depends
    # how much time they spend in the flat.", "For the most part, it depends on how much you
    # like them.", "Either as a flat fee per month or based on a percentage of their stay."
    r"|((\w+ ){0,3}\w+, )?it (all )?depends\b|either\b"
    # "they" and "he or she" open no new subject ("They are likely the people who ..."), but
    # "they say" is anyone's
    r"|they(?!(\W?re| are)? (say|said)\b)|he or she|she or he"
    # an alternative or a gloss that goes on from the sentence before: a phrase without a verb
    # ("Or with family?"), another case of what it told ("Or you just made a new friend..."),
    # "Meaning, don't stop living life...", "Namely, ..."
    r"|or (with|at|in|on|for|from|about|by|through|without)"
    r"|or (you|she|he|they|we|i) (just|recently) \w+"
    r"|nor|meaning(?=\s*[,:—–-])|namely|that is to say)\b",
    re.IGNORECASE,
)


# A sentence that points back without opening on a connective says nothing alone either: it
# compares with what came before ("Similarly, ...", "The same is true for the thorny issue of
# discipline..."), names it only as what was said ("You may realize that there is some truth to
# what was said."), comments on it without a verb of its own ("Easier said than done--but a
# friendly approach can go a long way..."), or opens on a condition about "it", "this" or "these"
# that it never names ("Even if it is heard, it may not communicate...", "If you haven't already
# got these, you can purchase them..."). Quoted, it brings the sentence before it along.
_REFERS_BACK = re.compile(
    r"^(similarly|likewise|by the same token|in the same (way|vein)"
    r"|the same (is|goes|applies|holds|can be said)\b"
    r"|(easier said than done|fair enough|good question|point taken|no wonder|small wonder"
    r"|not (always|necessarily|so fast))(?=\s*[—–,.;:!-]))"
    r"|\bwhat (was|has been|had been|is being|we(\W?ve| have)|i(\W?ve| have)|you(\W?ve| have))"
    r" (just |already )?(said|mentioned|described|discussed)\b"
    r"|^(even )?(if|when|once|unless|until|though|although)\b(?! it comes to\b)[^,;:.!?]*?"
    r"\b(these|those)\b(?! (days|who|whose|which|that|of)\b)"
    r"|^even (if|when|though) (it|this|that|they)\b"
    r"|^(if|when|once|unless|until) (this|that) (is|was|happens|does|doesn|isn|continues|fails"
    r"|works|doesn\W?t|isn\W?t)\b"
    # ...or ends on a phrase pointing back: "But people don't do this.", "...and that's why."
    r"|\b(don\W?t|doesn\W?t|didn\W?t|won\W?t|do not|does not|did not|never|rarely|seldom)"
    r" (do|does|did) (this|that)[\"'”’)]*\W?$|\b(that|this)(\W?s| is) why\W?$",
    re.IGNORECASE,
)
# A sentence that only completes the one before it: the second half of a contrast ("Hitting,
# pushing, and hurting is another." after "Bickering is one thing."); a list of options with no
# verb of its own ("At a fast-food drive-thru, a landscaping crew, the Walmart warehouse, or
# wherever he can get hired." after "He needs to get a job."); an opening condition about an
# "it" it never names ("If one child is enjoying it and the other isn't, it's ..."; not "If it
# rains", "When it comes to").
_ELLIPTICAL = re.compile(
    r"(\b(is|are|was|were)|(?<=\w)['’]s) (quite |something |a whole |an entirely )?another"
    r"( (thing|matter|story|question|issue|one))?\W*$"
    r"|^(at|in|on|from|by|with|for|through|via|like|either at|either in)\s[^,.;:!?]{1,40}"
    r"(,\s(a|an|the|your|his|her|their|my|our|some|any|one|another)\s[^,.;:!?]{1,40}){2,}"
    r",?\s(or|and)\s[^,;:]*$"
    r"|^(even )?(if|when|whenever|once|unless|until|while|as long as)\b[^,;:.!?]*?"
    r"\b(\w+ing|do|does|did|done|about|with|of|for|from|into|enjoy|enjoys|stop|stops|want"
    r"|wants|hate|hates|love|loves|like|likes|mind|minds|see|sees|hear|hears|handle|handles"
    r"|try|tries|notice|notices|allow|allows) it\b(?! (is|was|comes|came)\b)",
    re.IGNORECASE,
)
# Help promised, not given: someone "delves into" or "shares" these (and other) strategies or
# tips, or "there are lots of ways that can help" -- the tips themselves come after it
_HELP_WORDS = r"(?:tips|strategies|ways|steps|suggestions|ideas|techniques|things)"
_PROMISES = re.compile(
    r"(?i)\b(?:delves?|dives?|digs?) (?:deeper )?into (?:these|some|the following|a few)\b"
    r"|\b(?:shares?|explains?|outlines?|offers?|discusses|walks (?:you |us )?through"
    r"|breaks down) (?:these|some of these|the following|a few|his|her|their)"
    rf"(?: and other| own| top| best| favou?rite)? (?:\w+ )?{_HELP_WORDS}\b"
    r"|^(?:\w+, )?there are (?:lots of|many|plenty of|several|a number of|some|a few) "
    rf"(?:\w+ )?{_HELP_WORDS} (?:that|which|to) (?:can|will|may|might|could)? ?help\b")
# Guidance promised, not given: the reader "might need some guidance on how to...", "ahead
# you'll discover six ways...", "don't worry—there are ways...", "try implementing these
# tips." at a sentence's end -- the guidance comes later
# (not "you may need advice from a lawyer", which is advice: a "how", "ways" or "what" follows)
_GUIDANCE = re.compile(
    r"(?i)\b(?:might|may|could) (?:also |just )?need (?:some |a little |a bit of )?"
    r"(?:guidance|advice|tips|pointers|ideas) (?:on|about|for) (?:how|ways|what)\b"
    r"|\b(?:ahead|below),? you['’]?ll (?:discover|find|learn|read about|get)\b"
    r"|\bdon['’]?t worry\W{1,3}(?:there are|here are)\b"
    # "...try implementing these nicotine-cessation tips." ends an introduction: it gives none
    r"|\b(?:try|follow|use) (?:implementing |following |using |out )?these (?:[\w-]+ ){0,2}"
    r"(?:tips|steps|strategies|ideas|suggestions|pointers)\W*+$")
# "Use the tips below to help a grieving coworker.": what follows is promised, as by "the
# following tips" (not "the table below shows..."; not "below the belt")
_BELOW = re.compile(
    r"\b(the|these|our|my) (\w+ )?(tips|steps|ways|ideas|suggestions|strategies|rules|signs"
    r"|questions|things|guidelines|pointers|examples|phrases|options|list)"
    r"(( listed| outlined)? below| listed| outlined)\b",  # "...the tips listed will help you"
    re.IGNORECASE,
)
# A sentence about the article's series or its own start: "This will be the last part of the
# "How to build trust..." series.", "Let's don't waste any time and get started right away..."
_SERIES = re.compile(
    r"\b(the|this|our|my) (first|second|third|fourth|fifth|last|final|next|previous|latest)"
    r" (part|post|article|installment|instalment|episode|chapter|entry) (of|in) (the|this|our|my)\b"
    r"|\bpart (\d+|one|two|three|four|five) of (the|this|our|my)\b"
    r"|^let(\W?s| us) (not|don\W?t) waste (any )?time\b"
    r"|^(so,? )?let(\W?s| us) (get started|begin|get into it|dive (right )?in)\b",
    re.IGNORECASE,
)
# A subordinate clause standing as a sentence, with no main clause: no comma, colon or dash
# after its opening ("Even if you might think their grief is out of proportion...", "Because
# they were there for you."); it completes the sentence before it. Not a long one, nor one with
# a main clause its comma was left out of ("Unless you are entitled to you must not park...")
_DEPENDENT = re.compile(
    r"^(?=.{1,100}$)(?![^.!?]*\b(you|we|they|he|she|i) (must|should|need to|have to|ought to)\b)"
    r"(even (if|though|when)|although|though|whereas|unless|because(?! of\b)"
    r"|especially (if|when|because|since)|as if|as though|so that)\b[^,;:—–()-]*$",
    re.IGNORECASE,
)
# A line that only comments on the questions before it ("These are difficult questions to
# navigate...", "All good questions."): no answer to them
_ON_QUESTIONS = re.compile(
    r"\b(these|those|such|both|all|good|hard|difficult|tough|big|important) (\w+ ){0,2}"
    r"questions\b",
    re.IGNORECASE,
)
# "Or" opening a sentence: another case of the one before it ("Or it may feel right to...")
_OR = re.compile(r"^or\b(?! (so|more|less)\b)", re.IGNORECASE)
# "this" / "that" as the object of "do", early in a sentence, with no noun after it ("You can
# do this in various ways...", "We do that through talking...", "You can only do that when...");
# an opening "Sometimes, this ..."; a gloss on a word of the sentence before ("And by time, I
# don't mean minutes.")
_DOES_THAT = re.compile(
    r"^((and|but|so|then|also|often|usually|sometimes),? )?(you|we|i|they|people|one|he|she)"
    r"( [\w’']+){0,3}? (do|does|did|doing) (this|that)"
    r"(?=[\s\"'”’)]*[,;:.!?]|\s*$| (in|by|through|with|when|if|for|because|so|without|again"
    r"|now|too|often|once|as|until|before|after|every|regularly|at|on|while|all|daily|more"
    r"|differently|right|well|alone|together|first|yourself|ourselves|themselves)\b)"
    r"|^(sometimes|often|usually|at times|at first|other times|in (many|some|most) cases"
    r"|unfortunately|sadly|understandably|naturally|of course|in fact),? (this|that|these|those)\b"
    r"|^(and |but )?by [\"“‘']?\w+( \w+){0,3}[\"”’']?,? (i|we) (don\W?t |do not |really |just )?mean\b",
    re.IGNORECASE,
)
# A quip that only comments on the question before it ("Good question.", "Fair enough."):
# no answer to it, and no end to a quote
_QUIP = re.compile(
    r"^((a|what a|that\W?s a|it\W?s a|this is a) )?(very |really )?(good|great|excellent|fair"
    r"|interesting|tough|hard|difficult|valid|tricky|big|million[- ]dollar) (question|point|one)"
    r"\W*$|^(fair enough|point taken|who knows|hard to say|tough call)\W*$",
    re.IGNORECASE,
)


def is_aside(sentence: str) -> bool:
    """Whether ``sentence`` is wholly in brackets ("(Take out the garbage without being
    asked. ...)", "(If it's not fun for both, it's got to stop.)"): the bracket it opens on
    closes at its end (an item's "(1)" or "(a)" is no aside)."""
    t = sentence.strip()
    if not t.startswith("(") or not t.rstrip(".!?…").endswith(")") or _ITEM_MARK.match(t):
        return False
    depth, last = 0, len(t.rstrip(".!?…")) - 1
    for i, ch in enumerate(t):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i == last
    return False


_ITEM_MARK = re.compile(r"\(\w{1,3}\)\s")
# An article's scene-setting, not its advice: a proverb it opens on ("As the saying goes, "good
# fences make good neighbors.""), someone's question it reports ("The issue was raised in the
# Evening Standard when a reader asked if...", "It comes as a homeowner queried if..."): like an
# announcement, it leads into what follows.
_FRAMES = re.compile(
    r"^(as|like) (the|an|that|one) (old |famous |common |popular |well-known )?"
    r"(saying|adage|proverb|expression|maxim) (goes|says)\b|^as they say\b"
    r"|^there(\W?s| is) (an|a) (old |famous |common )?(saying|adage|proverb|expression)\b"
    r"|\b(a|one|another) (reader|listener|viewer|caller|correspondent) (wrote|got in touch"
    r"|emailed|contacted)\b"
    r"|\b(a|one|another) (\w+ ){0,2}\w+ (asked|queried|wondered|wanted to know)"
    r" (if|whether|how|what|why|about)\b",
    re.IGNORECASE,
)
# A sentence about the article itself: the paragraph holding it is the article's introduction,
# and the sentences before it there set the scene ("Having noisy neighbours can be frustrating,
# upsetting... Read this article for a few tips...").
_ABOUT_ARTICLE = re.compile(
    r"\b(this|the following|our) ([\w-]+ ){0,2}?(article|post|guide|piece|blog post)\b"
    r"|\bin this (article|post|guide|piece)\b|\bread on\b|\bkeep reading\b",
    re.IGNORECASE,
)
# "...adherence to the following ground rules will bring you..." announces the list after it
# with or without a colon (not "the following day"; not "...the following: a, b and c.").
_FOLLOWING = re.compile(
    r"\bthe following\b(?! (day|days|week|weeks|month|months|year|years|morning|afternoon"
    r"|evening|night|weekend|season|spring|summer|autumn|fall|winter|time|decade)\b)",
    re.IGNORECASE,
)


def _follows_on(text: str) -> bool:
    """Whether ``text`` announces "the following ..." with no colon after it (searched after
    its last colon: one pass, however many times it says "the following")."""
    return _FOLLOWING.search(text, text.rfind(":") + 1) is not None
# A numbered point's headline: the short first sentence of a paragraph that goes on ("1. Don't
# live in the past. One of the penalties of divorce...").
_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")
_NUMBER_BEFORE = re.compile(r"(^|\n)[ \t]*\d{1,2}[.)][ \t]*$")  # ...or its number just before it
HEADLINE_WORDS = 12
# A quotation whose opening mark the page lost: one closing mark, at the sentence's end
_CLOSES_ONLY = re.compile(r'^[^“”"]+[.!?…]["”]$')

# A sentence that tells the reader what to do: an imperative ("Offer one food they like with
# each meal.", "If she drops by, ask her to call first."), "you can / should ...", "it's
# important to ...", "I suggest ...". An opening hook ("Making friends is difficult, especially
# as an adult.") or a restated problem does not.
_ADVISES = re.compile(
    r"^((so|and|but|then|instead|also|first|firstly|second|secondly|next|finally|above all"
    r"|most importantly|at first|in the meantime|if [^,.;]{3,80}|when [^,.;]{3,80}),? )?"
    r"(please )?(do not |don\W?t |never |always |just |gently |calmly |simply |first )?"
    r"(try|ask|talk|tell|set|make|keep|let|give|take|be|avoid|stop|start|remember|consider"
    r"|focus|find|offer|show|spend|plan|write|say|use|practi[cs]e|choose|get|put|seek|reach"
    r"|limit|allow|encourage|praise|serve|explain|listen|accept|agree|decide|speak|call|check"
    r"|look|think|learn|build|create|schedule|prepare|respect|help|stay|leave|join|invite"
    r"|share|step|pick|remind|model|involve|introduce|include|notice|acknowledge|validate"
    r"|breathe|rehearse|go|treat|forgive|apologi[sz]e|reward|ignore|resist|skip|wait|hold"
    r"|remove|turn|establish|discuss|express|lean|visit|record|contact|report|aim|commit"
    r"|work|follow|stick|reassure|approach|address|prioriti[sz]e|protect|support)\b"
    r"(?! (is|are|was|were|can|will|has|have|of)\b)"
    r"|\byou (can|could|should|might|may want to|need to|must|will want to|have to|ought to)\b"
    r"|\b(it\W?s|it is) (important|best|helpful|wise|a good idea|okay|ok|fine|essential"
    r"|crucial|vital|worth) (to|for)\b"
    r"|\bi (suggest|recommend|advise|encourage)\b|\bthe (key|best thing|goal|trick) is\b",
    re.IGNORECASE,
)


# A sentence of the author's own story: in the first person and the past tense, not addressed to
# the reader ("When my father died several years ago, I was in my late 20s.", "We were very
# close."). It tells what happened to the writer; the asker's story matches it, not their ask.
_FIRST_PERSON = re.compile(r"\b(I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
_PAST = re.compile(r"\b((was|were|had|did)(n['’]t)?|died|went|felt|told|said|knew|thought|used|got|ran|began"
                   r"|came|became|took|saw|lost|left|met|found|quit|kept|wrote|spent|bought"
                   r"|\w{3,}ed)\b", re.IGNORECASE)
_ADDRESSED = re.compile(r"\byou(?!ng|th)", re.IGNORECASE)  # not "young", "youth"
_SINGULAR = re.compile(r"\b(I|[Mm]y|[Mm]e)\b")  # the writer alone, not anyone's "we"
_AS_SAID = re.compile(r"\bas (I|we)(\W?ve| have)? (just |already )?(said|mentioned|noted|wrote"
                      r"|explained|described|discussed|suggested)\b", re.IGNORECASE)


def tells_story(sentence: str) -> bool:
    """Whether ``sentence`` tells the writer's own story (`_FIRST_PERSON`, `_PAST`, no "you")."""
    return (_FIRST_PERSON.search(sentence) is not None and _PAST.search(sentence) is not None
            and _ADDRESSED.search(sentence) is None)


def _mark_opens(text: str, i: int) -> bool:
    """Whether the straight quotation mark at ``text[i]`` opens a quotation: nothing but space
    or an opening bracket or dash before it, and a word after it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


_DOUBLE_MARK = re.compile('["“”]')
_ANY_MARK = re.compile('["“”‘’]')


def unpaired_marks(text: str, single: bool = False,
                   glued: bool = False) -> tuple[list[int], list[int]]:
    """Positions in ``text`` of double quotation marks that open a quotation it does not close,
    and of those that close one it did not open (typographic “ ” and straight " alike). With
    ``single``, typographic ‘ ’ pair up too, apart from the double ones; a ’ is a closing mark
    only after an open ‘ or right after a sentence's or clause's end (“…hurt you.’”), never
    inside a word or after a space (sibling’s, ’90s); after any other letter (parents’) it
    closes an open ‘ and is otherwise an apostrophe. With ``glued``, a ” that closes nothing
    and has a letter or digit right after it (”I don’t know anything”) opens a quotation, as a
    misprinted “ does."""
    opens: list[int] = []
    closes: list[int] = []
    inner: list[int] = []  # open single marks
    for m in (_ANY_MARK if single else _DOUBLE_MARK).finditer(text):
        i, ch = m.start(), m.group()
        if ch == "‘":
            inner.append(i)
            continue
        if ch == "’":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isspace() or (before.isalnum() and after.isalnum()):
                continue  # an apostrophe
            if inner:
                inner.pop()
            elif before in ".!?,…":
                closes.append(i)
            continue
        opening = _mark_opens(text, i) if ch == '"' else ch == "“"
        if opening:
            opens.append(i)
        elif opens:
            opens.pop()
        elif glued and ch == "”" and i + 1 < len(text) and text[i + 1].isalnum():
            opens.append(i)
        else:
            closes.append(i)
    if inner:
        opens = sorted(opens + inner)
    if single:
        closes.sort()
    return opens, closes


def without_stray_marks(text: str, start: int, end: int,
                        single: bool = False, glued: bool = False) -> tuple[int, int]:
    """``[start, end)`` of ``text`` less a quotation mark at its very start that opens what the
    span doesn't close, or at its very end that closes what it didn't open: a speech longer
    than a quote may grow is quoted in part, without a mark that would pair with nothing."""
    opens, closes = unpaired_marks(text[start:end], single, glued)
    first = bool(opens) and opens[0] == 0
    last = bool(closes) and closes[-1] == end - start - 1
    if end - start - first - last < 1:
        return start, end
    return start + first, end - last


@dataclass
class Scored:
    """Candidate sentences of one question, scored once: abstention judges them and selection
    quotes from them. ``rows`` maps a row to (rank of the best chunk holding it, that chunk's
    position, -1 for rows brought in by a matching heading); ``heads`` are the question's
    cosines with every section heading."""

    query: Query
    sentences: SentenceScores
    rows: dict[int, tuple[int, int]]
    scores: dict[int, float]
    heads: np.ndarray

    def strength(self) -> tuple[float, float]:
        """(best sentence cosine, best blended evidence score): how well the candidates
        address the question at all (0, 0 without any)."""
        if not self.scores:
            return 0.0, 0.0
        return max(self.sentences[r] for r in self.rows), max(self.scores.values())


def _step_labels(sents, texts: dict, bullet: np.ndarray, heading: np.ndarray,
                 quotable: np.ndarray, same_section) -> np.ndarray:
    """Which rows are a list's label over its body ("- Keep a Record" / "Ask your child what
    happened, when, where..."): a bulleted line of its own of at most `LABEL_WORDS` words in
    Title Case, with no stop or colon at its end, right over a quotable line that is no list
    item and ends a sentence, or ending the article (its page cut after it); two such labels at
    least in one section (a list whose last short item stands over prose has one)."""
    out = np.zeros(len(sents), dtype=bool)
    by_section: dict = {}
    for i in np.where(bullet & quotable)[0]:
        i = int(i)
        x, j = sents[i], i + 1
        bare = x.text.strip().lstrip("-•*▪◦‣●– \t").rstrip()
        if (not bare or len(bare.split()) > LABEL_WORDS or bare[-1] in ".!?:;,…"
                or not title_case(bare)):
            continue
        # the article's last line, a label its page was cut after ("- Teach Assertive")
        last = j >= len(sents) or sents[j].doc_id != x.doc_id
        if not last and (texts[x.doc_id][x.end:x.end + 1] not in ("\n", "\r")
                         or bullet[j] or heading[j] or not quotable[j] or not same_section(i, j)
                         or not ENDS_SENTENCE.search(sents[j].text)):
            continue
        by_section.setdefault((x.doc_id, x.section), []).append(i)
    for rows in by_section.values():
        if len(rows) >= 2:
            out[rows] = True
    return out


class EvidenceSelector:
    """Scores candidate sentences for a question and chooses the quotes."""

    def __init__(self, data: IndexData, config: EvidenceConfig | None = None):
        self.data = data
        self.config = config or EvidenceConfig()
        self.view = view = IndexView.of(data)
        if self.config.item_per_line:
            self.view = view = _items_apart(view, data)
        self._last_weights: tuple[str, dict[str, float]] | None = None  # `query_weights`
        sents = data.sentences
        # a sentence ending in "?" hands its relevance to the body lines that follow it
        # (skipping a heading): articles answer their own rhetorical questions
        self.asks = np.array([x.text.rstrip(" \"'”’)").endswith("?") and not x.is_heading
                              for x in sents], dtype=bool)
        one_line = (view.prev_row < 0) & (view.next_row < 0)  # a paragraph of one sentence
        cfg = self.config
        texts = {d: doc.text for d, doc in data.documents.items()}
        # a line with its bullet or number on the page ("• At least you had many years...")
        on_page = np.array([bool(_BULLET.match(x.text) or _MARKED_ITEM.search(
            texts[x.doc_id][max(0, x.start - 8):x.start])) for x in sents], dtype=bool)
        heading = np.array([x.is_heading for x in sents], dtype=bool)
        bullet = on_page & ~heading
        # a line of its own trailing off ("Parents, look out for ...") leads into a list too
        trails = one_line & np.array([x.text.rstrip().endswith(("...", "…")) and not x.is_heading
                                      for x in sents], dtype=bool)
        if cfg.trail_needs_list:  # ...only when a list follows it (`trail_needs_list`): not
            # when a paragraph of prose does ("...raise it yourself. This may be due to..."), but
            # still when nothing quotable follows in its section (questions read as headings),
            # so that such a teaser is never quoted alone
            for i in np.where(trails)[0]:
                j = int(i) + 1
                prose = (j < len(sents) and self.same_section(int(i), j) and view.quotable[j]
                         and not heading[j])
                trails[i] = not prose or bool(bullet[j]) or bool(
                    one_line[j] and j + 1 < len(sents) and self.same_section(j, j + 1)
                    and one_line[j + 1] and not heading[j + 1])
        # ...and so does a paragraph ending in a semicolon ("Signs of homesickness include;")
        semi = (view.next_row < 0) & np.array([x.text.rstrip().endswith(";") and not x.is_heading
                                               for x in sents], dtype=bool)
        # the first row of each row's paragraph (a row's paragraph neighbour before it comes
        # earlier: one pass)
        first = np.arange(len(sents))
        for i in range(len(sents)):
            if view.prev_row[i] >= 0:
                first[i] = first[view.prev_row[i]]
        # every sentence of a bulleted paragraph, which is one list item whatever its length
        self.in_item = (bullet[first] & view.quotable if cfg.long_items
                        else np.zeros(len(sents), dtype=bool))
        self.item_first = first
        # a paragraph's last sentence right before a run of two bulleted paragraphs or more
        # introduces them, colon or not
        introduces = np.zeros(len(sents), dtype=bool)
        if cfg.run_introduced:
            for i in range(len(sents) - 2):
                j = i + 1
                if (view.next_row[i] >= 0 or not bullet[j] or view.prev_row[j] >= 0
                        or bullet[first[i]] or heading[i] or not view.quotable[i]
                        or not self.same_section(i, j)):
                    continue
                k = j
                while view.next_row[k] >= 0:  # the end of the first item's paragraph
                    k = int(view.next_row[k])
                k += 1
                introduces[i] = (k < len(sents) and bullet[k] and view.prev_row[k] < 0
                                 and self.same_section(j, k))
        # a list's labels over their bodies ("- Keep a Record" / "Ask your child what...")
        self.label = (_step_labels(sents, texts, bullet, heading, view.quotable, self.same_section)
                      if cfg.label_leads else np.zeros(len(sents), dtype=bool))
        self.announces = trails | semi | introduces | np.array(
            [(bool(_ANNOUNCES.search(x.text))
              or (cfg.below_announces and bool(_BELOW.search(x.text)))
              or (cfg.promise_announces and bool(_PROMISES.search(x.text.strip(" \"'“‘("))))
              or (cfg.series_intro and bool(_SERIES.search(x.text.strip(" \"'“‘("))))
              or (cfg.following_announces and _follows_on(x.text.rstrip()))
              or (cfg.framing and bool(_FRAMES.search(x.text.strip(" \"'“‘(")))))
             and not x.is_heading for x in sents], dtype=bool)
        bare = [x.text.strip(" \"'“‘(") for x in sents]
        self.leans_back = np.array([(bool(_LEANS_BACK.match(t))
                                     or (cfg.refers_back and bool(_REFERS_BACK.search(t)))
                                     or (cfg.elliptical and bool(_ELLIPTICAL.search(t)))
                                     or (cfg.aside_leans_back and is_aside(x.text))
                                     or (cfg.dependent_clause and bool(_DEPENDENT.match(t)))
                                     or (cfg.or_leans_back and bool(_OR.match(t)))
                                     or (cfg.object_points_back and bool(_DOES_THAT.match(t))))
                                    and not x.is_heading for x, t in zip(sents, bare)],
                                   dtype=bool)
        self.quip = np.array([cfg.quip_not_answer and not x.is_heading
                              and bool(_QUIP.match(x.text.strip(" \"'“”‘’()")))
                              for x in sents], dtype=bool)
        # the sentences of an article's introduction before it says what the article is about
        # ("It's just about the worst thing in the world not to feel at home..." / "This post
        # will explore..."): the scene, damped as announcements are, but quotable
        self.hook = np.zeros(len(sents), dtype=bool)
        if cfg.framing:
            for i, x in enumerate(sents):
                promised = (cfg.guidance_hooks and not x.is_heading
                            and bool(_GUIDANCE.search(x.text)))
                if x.is_heading or not (promised or _ABOUT_ARTICLE.search(x.text) or (
                        cfg.series_intro and _SERIES.search(x.text.strip(" \"'“‘(")))):
                    continue
                if promised:  # the promise itself is the scene too
                    self.hook[i] = True
                j = int(view.prev_row[i])
                while j >= 0 and not self.hook[j]:  # what is marked, and all before it, was
                    self.hook[j] = True            # walked already: linear in the paragraph
                    j = int(view.prev_row[j])
        # a sentence pointing back at a promise or a hook is no answer either ("If you do these
        # things, then you probably already have an answer to this question!" after "If you've
        # asked this question recently, I'm going to assume..."): damped as what it points to
        self.echoes = np.zeros(len(sents), dtype=bool)
        if cfg.refers_back:
            before = view.prev_row
            self.echoes = self.leans_back & (before >= 0) & (
                self.announces | self.hook)[np.maximum(before, 0)]
        # a numbered point's headline with the body of its paragraph after it
        self.headline = np.array(
            [bool(view.quotable[i] and view.prev_row[i] < 0 and view.next_row[i] >= 0
                  and not x.is_heading and len(x.text.split()) <= HEADLINE_WORDS + 1
                  and (_NUMBERED.match(x.text) or _NUMBER_BEFORE.search(
                      data.documents[x.doc_id].text[max(0, x.start - 8):x.start])))
             for i, x in enumerate(sents)], dtype=bool)
        # a sentence of speech alone: all one quotation, or one closing mark at its end
        # that opens its paragraph (the page lost the opening mark)
        self.speech = np.array(
            [bool(_ALL_QUOTED.match(x.text.strip())
                  or (view.prev_row[i] < 0 and _CLOSES_ONLY.match(x.text.strip())))
             for i, x in enumerate(sents)], dtype=bool)
        self.story = np.array([tells_story(x.text) for x in sents], dtype=bool)
        # ...for choosing and trimming quotes, less a pointer back in the text ("As I said,
        # trust takes time to achieve...": no story), and told by the writer alone
        told = [_AS_SAID.sub("", x.text) for x in sents]
        self.told = np.array([tells_story(t) for t in told], dtype=bool)
        self.own_story = self.told & np.array([_SINGULAR.search(t) is not None for t in told],
                                              dtype=bool)
        self.advises = np.array([bool(_ADVISES.search(x.text.strip(" \"'“‘(")))
                                 and not x.is_heading for x in sents], dtype=bool)
        self.rebuts = np.array([bool(_REBUTTAL.search(normalize_text(x.text))) and not x.is_heading
                                for x in sents], dtype=bool)
        self.points_back = self.rebuts & np.array(
            [bool(_POINTS_BACK.search(normalize_text(x.text))) for x in sents], dtype=bool)
        colon = trails | semi | introduces | np.array([bool(_LEADS_ON.search(x.text.rstrip()))
                                          and not x.is_heading for x in sents], dtype=bool)
        # a list of questions for the reader (`asked_list`): a run of two one-line questions or
        # more right under a line that ends its paragraph and announces them (a colon, or
        # "Ask yourself the following questions..."); the line introduces them as a colon does
        self.listed = np.zeros(len(sents), dtype=bool)
        if cfg.asked_list:
            own_line = self.asks & view.quotable & ~bullet & one_line
            for i in range(1, len(sents)):
                h = i - 1
                if not own_line[i] or self.asks[h] or not view.quotable[h] or heading[h] \
                        or view.next_row[h] >= 0 or not self.same_section(h, i) \
                        or not (colon[h] or HANDS_QUESTIONS.search(sents[h].text)):
                    continue
                j = i
                while j + 1 < len(sents) and own_line[j + 1] and self.same_section(i, j + 1):
                    j += 1
                if j > i:
                    self.listed[i:j + 1] = True
                    colon[h] = True
        # an item with its bullet or number on the page ("  • 20% Savings"), as no heading is;
        # such an item is one whether it ends in a full stop or a question mark or not at all
        # ...and so is a line that is all one quotation (“I hate small talk.” / “Networking is
        # so awkward.” under "the more typical refrain sounds like:"): examples of what was said
        marked = on_page | self.listed | np.array(
            [bool(_ALL_QUOTED.match(x.text.strip())) for x in sents], dtype=bool)
        item = marked | np.array([not ENDS_SENTENCE.search(x.text) for x in sents], dtype=bool)
        item &= view.quotable & one_line & ~colon
        self.bulleted = bulleted = item & marked
        if cfg.long_items:  # a bulleted paragraph of several sentences, from its first
            item |= self.in_item & (view.prev_row < 0) & ~colon
        # an announcement's lead-in: the body lines right after it in its section; a list's
        # introduction brings its bulleted items, up to `LIST_ITEMS` ("50% Needs" / "30% Wants"
        # / "20% Savings": two of three answered "explain the 50/30/20 rule" only in part)
        self.lead_in: dict[int, list[int]] = {}
        # ("In this article, I will share..." / "So, keep reading." / the first tip: the
        # second promise is no answer either, so it doesn't count among them)
        for i in np.where(self.announces & view.quotable)[0]:
            rows, j = [], int(i) + 1
            while (j < len(sents) and view.quotable[j] and self.same_section(int(i), j)
                   and (len(rows) < self.config.lead_in_sentences
                        or (colon[i] and bulleted[j] and all(bulleted[x] for x in rows)
                            and len(rows) < LIST_ITEMS
                            and sents[j].end - sents[int(i)].end <= LIST_CHARS))):
                rows.append(j)
                j += 1
            while rows and self.announces[rows[-1]]:  # a lead-in ends on no promise either
                rows.pop()
            self.lead_in[int(i)] = rows
        # a list item's introduction: the line ending in a colon that the run of items it
        # stands in follows ("Common signs include:" / "Worrying a partner is pulling away...");
        # the paragraph right after such a line (an example script) is introduced by it too
        self.intro: dict[int, int] = {}
        for r in np.where(view.quotable & (view.prev_row < 0) & ~colon)[0]:
            j = int(r) - 1
            while j >= 0 and int(r) - j <= LIST_REACH and self.same_section(j, int(r)):
                if colon[j] and view.quotable[j]:
                    if item[r] or j == int(r) - 1:
                        self.intro[int(r)] = j
                    break
                if not (item[j] or self.in_item[j]):
                    break
                j -= 1
        # a run of two questions or more in a row (not a bulleted checklist): each row's run
        # as (its first row, its last row)
        self.qrun = np.zeros(len(sents), dtype=bool)
        self.on_questions = np.array([bool(_ON_QUESTIONS.search(x.text)) for x in sents],
                                     dtype=bool) & ~self.asks  # (not a question of its own)
        self.run_first = np.arange(len(sents))
        self.run_last = np.arange(len(sents))
        if cfg.question_runs and not cfg.question_alone:  # (a fit that quotes a question
            # alone, a checklist's "Are you hiding things?", quotes one of a run too)
            asked = self.asks & view.quotable & ~bullet & ~self.listed
            i = 0
            while i < len(sents):
                j = i
                while asked[i] and j + 1 < len(sents) and asked[j + 1] and self.same_section(i, j + 1):
                    j += 1
                if j > i:
                    self.qrun[i:j + 1] = True
                    self.run_first[i:j + 1] = i
                    self.run_last[i:j + 1] = j
                i = j + 1
        self.follow: dict[int, list[int]] = {}
        # the first quotable row at or after each row in its article, or -1: a question steps
        # from one quotable row to the next (walking every row up to the article's end took
        # 130 s for 80 KB of "a?" lines: each too short to quote, each a question)
        ahead = np.full(len(sents) + 1, -1, dtype=np.int64)
        for j in range(len(sents) - 1, -1, -1):
            ahead[j] = j if view.quotable[j] else (
                ahead[j + 1] if j + 1 < len(sents) and sents[j + 1].doc_id == sents[j].doc_id
                else -1)
        for i in np.where(self.asks)[0]:
            rows = []
            j = int(i) + 1
            while (j < len(sents) and sents[j].doc_id == sents[i].doc_id
                   and len(rows) < self.config.handoff_sentences and ahead[j] >= 0):
                if self.quip[ahead[j]]:  # "Good question.": the answer is the line after it
                    j = int(ahead[j]) + 1
                    continue
                rows.append(int(ahead[j]))
                j = rows[-1] + 1
            self.follow[int(i)] = rows
        # readers' letters in advice columns: never quoted, the context of their replies
        self.letters = reader_letters(data, view, signed_line=cfg.letter_signed)
        # how close each sentence is to the centre of all quotable sentences (a generic one
        # matches every question); measured relative to the average sentence
        self.generic = np.zeros(len(sents), np.float32)
        if view.quotable.any():
            centroid = data.sent_vecs[view.quotable].mean(axis=0)
            centroid /= np.linalg.norm(centroid) or 1.0
            g = data.sent_vecs @ centroid
            self.generic = (g - g[view.quotable].mean()).astype(np.float32)

    def with_config(self, config: EvidenceConfig) -> "EvidenceSelector":
        """The same index's selector answering with ``config`` (its per-sentence tables
        shared; built anew only when a setting they depend on differs)."""
        tables = ("item_per_line", "lead_in_sentences", "handoff_sentences", "refers_back",
                  "following_announces", "framing", "aside_leans_back", "elliptical",
                  "quip_not_answer", "long_items",
                  "run_introduced", "below_announces", "promise_announces", "label_leads",
                  "guidance_hooks",
                  "series_intro",
                  "dependent_clause",
                  "or_leans_back", "object_points_back", "question_runs", "question_alone",
                  "asked_list", "letter_signed", "trail_needs_list")
        if any(getattr(config, k) != getattr(self.config, k) for k in tables):
            return EvidenceSelector(self.data, config)
        other = copy.copy(self)
        other.config = config
        return other

    def leaned_on(self, row: int, used: set[int]) -> list[int]:
        """The sentence before ``row`` in its paragraph when ``row`` points back to it
        ("However, they can include...:") and it can still be quoted; else nothing."""
        before = int(self.view.prev_row[row]) if self.leans_back[row] else -1
        return [before] if before >= 0 and self.view.quotable[before] and before not in used \
            else []

    def speaks(self, span: list[int]) -> bool:
        """Whether ``span`` is only what someone says: every sentence speech alone, or the
        whole of it one quotation (“You're right that... I am still one of the adults...”)."""
        if all(self.speech[x] for x in span):
            return True
        sents = self.data.sentences
        text = self.data.documents[sents[span[0]].doc_id].text[
            sents[span[0]].start:sents[span[-1]].end]
        return bool(_ALL_QUOTED.match(text.strip()))

    def straight_above(self, a: int, b: int) -> bool:
        """Whether row ``a`` is the line right above row ``b`` in its section and says it leads
        on (a colon, "e.g.", a line trailing off): nothing between them but a line break and a
        list's mark, no blank line (`intro_joins_item`). (A line taken as an introduction only
        for standing over a run of items, the last line of an item before the next one's
        number, stays a quote of its own.)"""
        sents = self.data.sentences
        if a + 1 != b or not self.same_section(a, b):
            return False
        said = sents[a].text.rstrip()
        if not (_LEADS_ON.search(said) or said.endswith((";", "...", "…"))):
            return False
        between = self.data.documents[sents[a].doc_id].text[sents[a].end:sents[b].start]
        return between.count("\n") <= 2 and not PARAGRAPH_BREAK.search(between)

    def same_section(self, a: int, b: int) -> bool:
        sents, sec = self.data.sentences, self.view.row_section
        return sents[a].doc_id == sents[b].doc_id and sec[a] == sec[b]

    def balanced(self, span: list[int], used: set[int]) -> list[int]:
        """``span`` grown within its paragraph until its quotation marks pair up (a quote that
        opens “...and ends mid-speech” reads as a misquote), by at most `QUOTE_REACH`
        sentences: forward when a quotation it opens goes on after it, back when one it closes
        began before it ("Did you hear...? She loves it." split at the "?"); unchanged when
        they cannot pair up (`Evidence` then leaves out a stray mark at its edge). A closing
        mark glued to the next word (`EvidenceConfig.glued_marks`) is read as opening a speech
        first; when no speech after it closes, it is read as closing one begun before the quote
        ("...the night before.”Then my mum...", its space lost)."""
        grown = self._paired(span, used, self.config.glued_marks)
        if grown is None and self.config.glued_marks:
            grown = self._paired(span, used, False)
        return span if grown is None else grown

    def _paired(self, span: list[int], used: set[int], glued: bool) -> list[int] | None:
        """``span`` grown until its quotation marks pair up (`balanced`), or None."""
        view, sents = self.view, self.data.sentences
        grown = list(span)
        for _ in range(QUOTE_REACH + 1):
            text = self.data.documents[sents[grown[0]].doc_id].text[
                sents[grown[0]].start:sents[grown[-1]].end]
            opens, closes = unpaired_marks(text, self.config.single_marks, glued)
            if not opens and not closes:
                return grown
            # an unpaired closing mark: the speech began before the quote
            x = int(view.prev_row[grown[0]]) if closes else int(view.next_row[grown[-1]])
            if x < 0 or not view.quotable[x] or x in used:
                return None
            grown = [x] + grown if closes else grown + [x]
        return None

    def rebuttal_after(self, last: int) -> int:
        """The first rebuttal sentence after row ``last`` in its section, or -1. A rebuttal
        that points back at one thing counts only right after that thing."""
        for j in range(last + 1, min(last + 1 + REBUTTAL_REACH, len(self.data.sentences))):
            if not self.same_section(j, last):
                break
            if self.rebuts[j] and self.view.quotable[j]:
                return j if not self.points_back[j] or self.antecedent(j) == last else -1
        return -1

    def antecedent(self, first: int) -> int:
        """The sentence a pointing-back rebuttal at row ``first`` rejects (the one before it in
        its section), or -1."""
        if not self.points_back[first]:
            return -1
        j = first - 1
        if (j >= 0 and self.same_section(j, first) and self.view.quotable[j]
                and not self.rebuts[j]):
            return j
        return -1

    def candidate_rows(self, chunk_positions: list[int],
                       examples: dict[int, float] | None = None) -> dict[int, tuple[int, int]]:
        """Sentence row -> (best rank of a chunk containing it, that chunk's position).

        Rows that answer an example question close to the question (``examples``, from
        `Retriever.match_examples`) join too, ranked after the chunks."""
        view = self.view
        out: dict[int, tuple[int, int]] = {}
        for rank, pos in enumerate(chunk_positions):
            for r in view.chunk_rows[pos]:
                r = int(r)
                if view.quotable[r] and r not in out:
                    out[r] = (rank, pos)
        for r, sim in (examples or {}).items():
            if sim >= self.config.example_candidate and view.quotable[r] and r not in out:
                out[r] = (len(chunk_positions), int(view.row_chunk[r]))
        letter_rank: dict[int, int] = {}  # each letter among the candidates, by its best rank
        for r, (rank, _) in out.items():
            n = self.letters.of_row.get(r)
            if n is not None:
                letter_rank[n] = min(rank, letter_rank.get(n, rank))
        for n, rank in sorted(letter_rank.items()):
            for f in self.letters.replies[n]:  # a letter that matches brings its reply
                out.setdefault(f, (rank, int(view.row_chunk[f])))
        if self.config.handoff > 0:
            for r, (rank, _) in list(out.items()):
                for f in self.follow.get(r, []):
                    if view.quotable[f] and f not in out:
                        out[f] = (rank, int(view.row_chunk[f]))
        return out

    def head_scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of the question with every section heading (0 for title/intro sections)."""
        if not len(self.data.section_vecs):
            return np.zeros(0, np.float32)
        h = self.data.section_vecs @ qvec
        h[~self.view.section_is_heading] = 0.0
        return h

    def idf_weights(self, qterms: set[str]) -> dict[str, float]:
        """Each of ``qterms`` with its IDF (words the corpus never uses weigh most), in sorted
        order: sums over a set's order, which Python's hash seed sets, differ in their last bits
        between processes, and a near-tie between two sentences could go either way."""
        return {w: self.view.idf.get(w, self.view.unseen_idf) for w in sorted(qterms)}

    @staticmethod
    def idf_share(weight: dict[str, float], present) -> float:
        """IDF-weighted share of the terms of ``weight`` (`idf_weights`) found in ``present``."""
        if not weight:
            return 0.0
        return sum(v for w, v in weight.items() if w in present) / sum(weight.values())

    def query_weights(self, text: str) -> dict[str, float]:
        """`idf_weights` of the content words of ``text`` (shared: read, never change them).
        The last question's are kept: scoring its sentences and its `coverage` both read them,
        and finding a letter's words takes a fifth of a millisecond."""
        last = self._last_weights
        if last is None or last[0] != text:
            last = self._last_weights = (text, self.idf_weights(content_terms(text)))
        return last[1]

    def coverage(self, question: str) -> float:
        """IDF-weighted share of the question's content words that the articles use at all.
        "how do i split chores with my roommate" scores low: its topic words are nowhere."""
        return self.idf_share(self.query_weights(question), self.view.idf)

    def score(self, query: Query, sentences: SentenceScores, chunk_positions: list[int],
              searched=()) -> Scored:
        """Score the sentences of ``chunk_positions`` (and the rows that example questions and
        matching headings bring in, and the ones closest to the question among the
        ``searched`` chunks) once, for both abstention and selection."""
        cfg, view = self.config, self.view
        rows = self.candidate_rows(chunk_positions, query.examples)
        heads = self.head_scores(query.qvec)
        # a heading that reads like the question ("Do cheaters feel guilt?") points at its
        # answer: the first lines of its section join the candidates
        if len(heads):
            for sec in np.argsort(-heads)[: cfg.expand_headings]:
                if heads[sec] >= cfg.expand_heading:
                    for r in view.section_body.get(int(sec), [])[: cfg.expand_sentences]:
                        rows.setdefault(r, (0, -1))
        # the sentences closest to the question in any chunk retrieval searched join too: an
        # answer whose paragraph ranks low as a whole is still found by its own words (their
        # cosines were computed for retrieval, so this costs no more on a bigger index)
        pool = np.unique(np.concatenate([view.chunk_rows[int(c)] for c in searched]
                                        or [np.zeros(0, np.int64)]))
        pool = pool[view.quotable[pool]]
        if cfg.sentence_pool and len(pool):
            sims = sentences.many(pool)
            for r in pool[np.argsort(-sims)[: cfg.sentence_pool]]:
                rows.setdefault(int(r), (cfg.top_chunks, int(view.row_chunk[r])))
        if cfg.ask_pool and query.ask_vec is not None and len(pool):
            sims = self.data.sent_vecs[pool] @ query.ask_vec
            for r in pool[np.argsort(-sims)[: cfg.ask_pool]]:
                rows.setdefault(int(r), (cfg.top_chunks, int(view.row_chunk[r])))
        return self._scored(query, sentences, rows, heads)

    def with_rows(self, scored: Scored, extra) -> Scored:
        """``scored`` with the rows of ``extra`` scored too, as rows no retrieved chunk of
        this question holds (no boost from a chunk's rank)."""
        rows = dict(scored.rows)
        for r in extra:
            pos = int(self.view.row_chunk[r])
            if pos >= 0 and self.view.quotable[r]:
                rows.setdefault(int(r), (self.config.top_chunks, pos))
        if len(rows) == len(scored.rows):
            return scored
        return self._scored(scored.query, scored.sentences, rows, scored.heads)

    def _scored(self, query: Query, sentences: SentenceScores, rows: dict[int, tuple[int, int]],
                heads: np.ndarray) -> Scored:
        """Each of ``rows`` (row -> (rank of its chunk, the chunk's position)) scored."""
        cfg, view = self.config, self.view
        qweights = self.query_weights(query.text)
        # `idf_share` of the question's words in each row, the same sums in the same order, but
        # walking each row's few words instead of all of a long letter's for every row
        order = {w: i for i, w in enumerate(qweights)}
        total = sum(qweights.values())

        def lexical(terms: set[str]) -> float:
            common = sorted(qweights.keys() & terms, key=order.__getitem__)
            return sum(qweights[w] for w in common) / total if qweights else 0.0

        chunk_cos: dict[int, float] = {}  # each chunk's cosine, computed once for its rows
        letters, letter_context = self.letters, {}
        scores = {}
        for r, (rank, pos) in rows.items():
            if r in letters.rows:  # a reader's letter: what was asked, not an answer
                continue
            chunk_rel = max(0.0, 1.0 - rank / max(cfg.top_chunks, 1))
            sec = view.row_section[r]
            head = max(float(heads[sec]), 0.0) if sec >= 0 and len(heads) else 0.0
            if pos >= 0 and pos not in chunk_cos:
                chunk_cos[pos] = float(self.data.chunk_vecs[pos] @ query.qvec)
            context = max(chunk_cos[pos] if pos >= 0 else 0.0, head)
            n = letters.reply.get(r)
            if n is not None:  # a reply is read in the light of the letter it answers
                if n not in letter_context:
                    chunks = letters.chunks[n]
                    letter_context[n] = (float((self.data.chunk_vecs[chunks] @ query.qvec).max())
                                         if len(chunks) else 0.0)
                context = max(context, letter_context[n])
            sent = ((1 - cfg.window_share) * float(sentences[r])
                    + cfg.window_share * sentences.cosine(view.window_vecs[r], r))
            lex = lexical(view.terms[r])
            s = (cfg.sentence_weight * sent + cfg.context_weight * context
                 + cfg.chunk_weight * chunk_rel + cfg.lexical_weight * lex
                 + cfg.example_weight * max(query.examples.get(r, 0.0), 0.0)
                 - cfg.generic_weight * float(self.generic[r]))
            if len(self.data.sentences[r].text) < cfg.min_sentence_chars:
                s -= cfg.short_penalty
            if self.asks[r]:
                s -= cfg.question_penalty
            if self.story[r]:
                s -= cfg.story_penalty
            if self.advises[r]:
                s += cfg.advice_bonus
            if self.announces[r] or self.hook[r] or self.echoes[r]:
                s -= cfg.announce_penalty
            scores[r] = s
        if cfg.handoff > 0:
            for r in [r for r in scores if self.asks[r]]:
                for f in self.follow.get(r, []):
                    if f in scores:
                        scores[f] = max(scores[f], cfg.handoff * (scores[r] + cfg.question_penalty))
        return Scored(query, sentences, rows, scores, heads)

    def select(self, scored: Scored, *, max_quotes: int | None = None,
               prefer_rows: list[int] | None = None,
               exclude_rows: set[int] | frozenset[int] = frozenset()) -> list[Evidence]:
        """Greedy, diverse choice of quotes from ``scored``. ``prefer_rows`` are placed first
        (the safety anchor); ``exclude_rows`` are never quoted (already shown)."""
        chosen = self._choose(scored, max_quotes=max_quotes, prefer_rows=prefer_rows,
                              exclude_rows=exclude_rows)
        return self.joined(chosen) if self.config.join_neighbours else chosen

    def joined(self, chosen: list[Evidence]) -> list[Evidence]:
        """``chosen`` with a quote that goes straight on from another in its paragraph joined
        to it, in the first one's place: "Find some time to talk to your roommate..." and
        "Next, be ready to suggest some ways..." are one passage, not two quotes that each
        stop short."""
        out = list(chosen)
        merged = True
        while merged:
            merged = False
            firsts = {e.rows[0]: e for e in out}
            for e in out:
                after = firsts.get(int(self.view.next_row[e.rows[-1]]))
                if after is None or after is e or after.doc_id != e.doc_id:
                    continue
                sents = self.data.sentences
                e.rows = e.rows + after.rows
                e.start, e.end = without_stray_marks(
                    self.data.documents[e.doc_id].text, sents[e.rows[0]].start,
                    sents[e.rows[-1]].end, self.config.single_marks, self.config.glued_marks)
                e.score = max(e.score, after.score)
                out.remove(after)
                merged = True
                break
        return out

    def _choose(self, scored: Scored, *, max_quotes: int | None,
                prefer_rows: list[int] | None,
                exclude_rows: set[int] | frozenset[int]) -> list[Evidence]:
        cfg, view = self.config, self.view
        max_quotes = max_quotes or cfg.max_quotes
        scores, heads, sent_all = scored.scores, scored.heads, scored.sentences
        if not scores:
            return []
        vecs = self.data.sent_vecs
        chosen: list[Evidence] = []
        used: set[int] = set(exclude_rows) | self.letters.rows  # a letter is never quoted
        skipped: set[int] = set()  # picked but too long for what was left of the budget
        docs_used: set[str] = set()
        per_section: dict[int, int] = {}
        chars = 0

        def picked() -> int:  # quotes chosen on merit; carried rebuttals don't count
            return sum(not e.attached for e in chosen)

        def best_neighbour(span: list[int]) -> tuple[float, int, int] | None:
            """(score, row, side) of the better unused paragraph neighbour of ``span``."""
            options = [(scores.get(int(x), float(sent_all[x])), int(x), side)
                       for x, side in ((view.next_row[span[-1]], 1), (view.prev_row[span[0]], -1))
                       if x >= 0 and view.quotable[x] and int(x) not in used]
            return max(options) if options else None

        joins: list[int] = []  # the row of a chosen quote the span being built goes on from

        def spans_for(seed: int, score: float, grow: bool) -> list[list[int]]:
            joins.clear()
            span = [seed]
            # grow within the paragraph while neighbours are nearly as relevant
            while grow and len(span) < cfg.max_sentences_per_quote:
                best = best_neighbour(span)
                if best is None:
                    break
                s_best, x, side = best
                sec = int(view.row_section[x])
                answers_heading = sec >= 0 and len(heads) and heads[sec] >= cfg.expand_heading
                ratio = cfg.heading_extend_ratio if answers_heading else cfg.extend_ratio
                if s_best < score * ratio:
                    break
                span = span + [x] if side > 0 else [x] + span
            if cfg.story_edges:  # no quote opens or ends on the writer's own story
                while len(span) > 1 and span[0] != seed and self.told[span[0]]:
                    span = span[1:]
                while len(span) > 1 and span[-1] != seed and self.told[span[-1]]:
                    span = span[:-1]
            if grow and cfg.alone_chars and length_of([span]) < cfg.alone_chars:
                best = best_neighbour(span)
                if best is not None:
                    _, x, side = best
                    span = span + [x] if side > 0 else [x] + span
                elif skipped & {int(view.next_row[span[-1]]), int(view.prev_row[span[0]])}:
                    return []  # "Think of it." without the lines left out for length
            # "Otherwise, ...": what it follows (and what that follows, if it points back too)
            # (one past the cap: "These pests may also be controlled..." after the quote grew
            # to its three sentences still needs what "these pests" are)
            while (cfg.lean_back and self.leans_back[span[0]]
                   and len(span) <= cfg.max_sentences_per_quote):
                x = int(view.prev_row[span[0]])
                if x < 0 and span[0] > 0 and self.same_section(span[0] - 1, span[0]):
                    # a paragraph opening "This is not to be confused with..." points back to
                    # the paragraph before it, in the same section
                    x = span[0] - 1
                if x in skipped:
                    return []  # what it points back to was left out for length
                if cfg.lean_back_opening and (x < 0 or self.data.sentences[x].is_heading):
                    # nothing in its section it points back to: it comes with the sentence
                    # after it, or not at all
                    if len(span) == 1:
                        y = int(view.next_row[span[0]])
                        if y < 0 or y in skipped or not view.quotable[y] or y in used:
                            return []
                        span = span + [y]
                    break
                if (cfg.lean_back_never_alone and x >= 0 and view.quotable[x] and x in used
                        and x not in exclude_rows and x not in self.letters.rows):
                    # quoted already in this answer: "You may realize that there is some truth
                    # to what was said." joins the end of that quote rather than stand alone
                    # (after a line an earlier answer showed, it goes on from it: "why is that")
                    joins[:] = [x]
                    break
                if x < 0 or not view.quotable[x] or x in used:
                    break
                span = [x] + span
            head_apart = -1  # an item's first sentence, quoted just before a later one of it
            if cfg.long_items and self.in_item[span[0]]:
                # a later sentence of a bulleted item comes with its first, the item's point
                # ("You're shamed for spending time with family and friends." / "Sometimes,
                # this can appear as though...")
                f = int(self.item_first[span[0]])
                if f != span[0]:
                    gap = list(range(f, span[0]))
                    if skipped & set(gap):
                        return []
                    if not used & set(gap) and len(gap) + len(span) <= cfg.max_sentences_per_quote + 1:
                        span = gap + span
                    elif f not in used:
                        head_apart = f
            if cfg.headline_body:
                # the body of a numbered point comes with its headline ("1. Don't live in the
                # past." / "One of the penalties of divorce...")...
                x = int(view.prev_row[span[0]])
                if x >= 0 and self.headline[x] and x in skipped:
                    return []  # its headline was left out for length
                if x >= 0 and self.headline[x] and x not in used:
                    span = [x] + span
                # ...and the headline with its body, or not at all: alone it only names a point
                if self.headline[span[-1]]:
                    x = int(view.next_row[span[-1]])
                    if x in skipped or x < 0 or not view.quotable[x] or x in used:
                        return []
                    span = span + [x]
            if cfg.label_leads:
                # a list's label comes with its body ("Keep a Record" / "Ask your child what
                # happened..."), and its body with it: alone it only names the step
                x = span[0] - 1
                if (x >= 0 and self.label[x] and view.prev_row[span[0]] < 0 and x not in used
                        and x not in skipped):
                    span = [x] + span
                if self.label[span[-1]]:  # its body's lines, as many as a quote holds
                    x = span[-1] + 1
                    if (x >= len(self.data.sentences) or not self.same_section(span[-1], x)
                            or x in skipped or not view.quotable[x] or x in used):
                        return []
                    body = [x]
                    while len(body) < cfg.max_sentences_per_quote:
                        x = int(view.next_row[x])
                        if x < 0 or x in skipped or not view.quotable[x] or x in used:
                            break
                        body.append(x)
                    span = span + body
            span = self.balanced(span, used)
            if cfg.speech_framed and self.speaks(span):
                # what someone says, quoted as an example: with the sentence of its paragraph
                # that answers or frames it, else under its list's introduction, never alone
                after, before = int(view.next_row[span[-1]]), int(view.prev_row[span[0]])
                if after >= 0 and view.quotable[after] and after not in used \
                        and not self.speech[after]:
                    span = span + [after]
                elif before >= 0 and view.quotable[before] and before not in used:
                    span = [before] + span
                elif span[0] not in self.intro:
                    return []
            if self.announces[span[-1]]:  # never alone: what it announces comes with it
                # what it leads into, up to a line already quoted: a quote has no gaps
                lead = list(itertools.takewhile(lambda x: x not in used,
                                                self.lead_in.get(span[-1], [])))
                if not lead:
                    return []
                span = span + lead
            if self.quip[span[-1]]:
                # "...? Good question." ends on no answer: the line after the quip comes too,
                # or the quip goes
                x = span[-1] + 1
                if (x < len(self.data.sentences) and self.same_section(span[-1], x)
                        and view.quotable[x] and x not in used and not self.asks[x]
                        and not self.quip[x]):
                    span = span + [x]
                else:
                    span = span[:-1]
                    if not span:
                        return []
            if cfg.question_runs and self.qrun[span].any():
                # a run of questions is quoted whole with the line after it that answers it
                # (past a line that only comments on them: "These are difficult questions..."),
                # or not at all
                qs = [x for x in span if self.qrun[x]]
                a, b = int(self.run_first[qs[0]]), int(self.run_last[qs[-1]])
                c = b + 1
                if c < len(self.quip) and (self.on_questions[c] or self.quip[c]):
                    c += 1
                if (c >= len(self.quip) or not self.same_section(b, c) or self.asks[c]
                        or self.quip[c]):
                    return []
                whole = list(range(min(a, span[0]), max(c, span[-1]) + 1))
                if (len(whole) > cfg.max_sentences_per_quote + 1
                        or any(x in used or not view.quotable[x] for x in whole)):
                    return []
                span = whole
            if (not cfg.question_alone and self.asks[span[-1]]
                    and not (self.bulleted[span[-1]] and span[-1] in self.intro)):
                # "I'm self-conscious about running. What can I do?" without "Run in the dark!"
                # (an item of a list of questions is asked of the reader, under its lead-in)
                # (past a quip: "Do I ignore the squabble...? Good question. Bear it...")
                quips = [span[-1] + 1] if self.quip[min(span[-1] + 1, len(self.quip) - 1)] \
                    and span[-1] + 1 not in used else []
                lead = [x for x in self.follow.get(span[-1], [])[:1]
                        if x == span[-1] + 1 + len(quips) and x not in used
                        and self.same_section(span[-1], x)]
                if not lead or self.asks[lead[0]]:
                    return []
                span = span + quips + lead
            spans = [span]
            if head_apart >= 0:
                head = [head_apart]
                if cfg.item_per_line and cfg.headline_body and self.headline[head_apart]:
                    # a numbered item's headline ("3. Consider the relationship: Are you
                    # friends?") names the point: it comes with its body, or not at all
                    body = int(view.next_row[head_apart])
                    if (body < 0 or body in used or body in skipped
                            or not view.quotable[body]):
                        head = []
                    elif body + 1 == span[0]:  # the rest of the item follows on: one quote
                        span[:0], head = [head_apart, body], []
                    else:
                        head.append(body)
                if head:
                    spans.insert(0, head)
            before = self.antecedent(span[0])
            if before >= 0 and before not in used:
                if view.next_row[before] == span[0]:
                    span.insert(0, before)
                else:  # the approach, then its rejection, as quoted one after the other
                    spans.insert(0, [before])
            intro = self.intro.get(span[0], -1)
            items = self.lead_in.get(intro, []) if intro >= 0 else []
            if (len(spans) == 1 and len(items) > 1 and set(span) <= set(items)
                    and all(self.bulleted[x] for x in items)):
                if skipped & {intro, *items}:
                    return []  # the whole list did not fit: not one item of five under its intro
                if not used & {intro, *items}:
                    # a short list is quoted whole under its introduction: "50% Needs" and
                    # "30% Wants" without "20% Savings" explain the 50/30/20 rule in part
                    span[:] = [*self.leaned_on(intro, used), intro, *items]
            # a list item's lead-in comes along even when an earlier answer showed it:
            # "withholding the rent" alone says nothing
            if (intro >= 0 and (intro not in used or intro in exclude_rows)
                    and all(intro not in sp for sp in spans)):
                if view.next_row[intro] == span[0] or (
                        cfg.intro_joins_item and self.straight_above(intro, span[0])):
                    span.insert(0, intro)  # (the line straight above: one passage)
                else:  # with what it points back to ("However, they can include...:")
                    spans.insert(0, [*self.leaned_on(intro, used), intro])
            rebuttal = self.rebuttal_after(span[-1]) if not self.rebuts[span[-1]] else -1
            if rebuttal >= 0 and rebuttal not in used:
                if view.next_row[span[-1]] == rebuttal:
                    span.append(rebuttal)
                else:  # its own quote, right after: the warning travels with the approach
                    spans.append([rebuttal])
            return spans

        def length_of(spans: list[list[int]]) -> int:
            sents = self.data.sentences
            return sum(sents[sp[-1]].end - sents[sp[0]].start for sp in spans)

        def add(seed: int, score: float) -> None:
            nonlocal chars
            spans = spans_for(seed, score, grow=True)
            if not spans:
                return
            if joins:  # the end of a chosen quote that it points back to: it joins that quote
                host = next((e for e in chosen if e.rows[-1] == joins[0]), None)
                sp = spans[0]
                if (host is None or len(spans) > 1 or not self.same_section(joins[0], sp[0])
                        or chars + length_of(spans) > cfg.max_chars):
                    return
                last = self.data.sentences[sp[-1]]
                host.rows = host.rows + sp
                used.update(sp)
                host.start, host.end = without_stray_marks(
                    self.data.documents[host.doc_id].text,
                    self.data.sentences[host.rows[0]].start, last.end, cfg.single_marks,
                    cfg.glued_marks)
                chars += length_of(spans)
                return
            if chars + length_of(spans) > cfg.max_chars:
                if chosen:
                    return
                # the answer's first quote must fit too: ungrown, and at worst the sentence
                # alone (ingest caps sentences well under the budget)
                spans = spans_for(seed, score, grow=False)
                if not spans:
                    return
                if length_of(spans) > cfg.max_chars:
                    spans = [[seed]]
            main = next(k for k, sp in enumerate(spans) if seed in sp)
            for k, sp in enumerate(spans):
                first, last = self.data.sentences[sp[0]], self.data.sentences[sp[-1]]
                used.update(sp)
                docs_used.add(first.doc_id)
                sec = int(view.row_section[sp[0]])
                if k == main:  # what comes along with a quote doesn't use up its section
                    per_section[sec] = per_section.get(sec, 0) + 1
                start, end = without_stray_marks(self.data.documents[first.doc_id].text,
                                                 first.start, last.end, cfg.single_marks,
                                                 cfg.glued_marks)
                chosen.append(Evidence(sp, first.doc_id, start, end, score,
                                       first.section, attached=k != main))
            chars += length_of(spans)

        # the preferred rows come first, but an answer of two quotes or more keeps one for the
        # best of the rest: the safety guidance must not push out what answers the question
        for r in prefer_rows or []:
            if picked() >= max(max_quotes - 1, 1):
                break
            if r in used or not view.quotable[r]:
                continue
            add(r, scores.get(r, float(sent_all[r])))
        if picked() >= max_quotes:
            return chosen

        best = max((v for r, v in scores.items() if r not in exclude_rows), default=None)
        cands = list(scores)
        cand_vecs = vecs[cands]
        repeats = np.zeros(len(cands), dtype=bool)  # says what a used sentence already says
        # each candidate's section, how many quotes that section may give, and its article:
        # looked up once, not again for every quote picked
        secs = [int(view.row_section[r]) for r in cands]
        caps = [cfg.max_per_section + (0 if sec >= 0 and view.section_is_heading[sec] else 1)
                for sec in secs]
        doc_ids = [self.data.sentences[r].doc_id for r in cands]
        # no quote is chosen for a quip ("Good question.") or the writer's own story: they
        # match the asker's words or story, not their ask (they may still stand in a quote)
        unchosen = {r for r in cands
                    if self.quip[r] or (cfg.story_unchosen and self.own_story[r])}
        compared: set[int] = set()
        while best is not None and picked() < max_quotes:
            fresh = [u for u in used if u not in compared]
            if fresh:
                repeats |= (cand_vecs @ vecs[fresh].T > cfg.dup_threshold).any(axis=1)
                compared.update(fresh)
            pick, pick_score = None, -1e9
            for i, (r, repeat) in enumerate(zip(cands, repeats.tolist())):
                if r in used or repeat or r in unchosen:
                    continue
                s = scores[r]
                if per_section.get(secs[i], 0) >= caps[i]:
                    continue
                new_doc = doc_ids[i] not in docs_used
                if (new_doc and docs_used and cfg.new_doc_ratio > cfg.keep_ratio
                        and s < best * cfg.new_doc_ratio):
                    continue
                bonus = cfg.new_doc_bonus if new_doc else 0
                if s + bonus > pick_score:
                    pick, pick_score = r, s + bonus
            if pick is None or scores[pick] < best * cfg.keep_ratio:
                break
            before = len(chosen)
            add(pick, scores[pick])
            if len(chosen) == before:  # did not fit the character budget
                used.add(pick)
                skipped.add(pick)
        return chosen
