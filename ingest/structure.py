"""Headings, sections and boilerplate of an article, by small readable rules.

A heading is the first line of a paragraph (a paragraph of its own, except for the inline tip
form): the title line; a numbered tip ("1. Be trustworthy"), a step's title under its bare
number on a line of its own ("1" / "Avoid depending too heavily on your friend."), or the
inline form "4.  You Give In: Sometimes you…" whose heading runs up to and including the colon when a
sentence opens after it (a capital, or a quotation mark then a capital; "3. Recognize the days:
birthdays, holidays." is one sentence); a short question ("Can a relationship survive without
trust?"); a short Title Case line without sentence punctuation ("About the Author", "All In
All..."); a Markdown ``#`` line. An ordinary short sentence ("But not the way you think...") is
not a heading. A heading written like a sentence ("How to split bills fairly") counts when it
stands between prose: after a finished sentence, before a paragraph of at least a dozen words
(that ends a sentence or leads into a list with a colon); the items of a list stay body. A
headline may open with a teasing question ("In the red before you wed? Talk debt with your
partner"). One-line questions right under a paragraph that hands them to the reader ("Ask
yourself the following questions to get started.", or a line ending in a colon) are body text,
the list it announces, not headings. Where a plain text's heading has no stop, its other short
lines between prose that tell the reader what to do and end in one ("Say it right.", "Repeat if
necessary.") are headings too, two of them at least.

Those rules read a plain text. A saved page's markup says which lines are headings (an HTML
page's ``<h1>``-``<h6>``, a Markdown file's ``#`` lines): each is a heading whatever its
punctuation ("Quick Summary:"), and when the page marks sub-headings no other line is read as
one (a Title Case list item, a link's "More info"). No heading is longer than 200 characters:
a longer line is body text, whatever marks it.

Boilerplate is marked, never removed, and conservatively: bylines and bare date lines, URL
lines, image captions, the author box, sign-offs ("that's it for today's post"), comment/share
prompts and the name under a quotation ('..." JANE DOE, author of X'), that sentence only, or
on a line of its own after a dash ("― Anne Fadiman, The Wine Lover's Daughter"); a saved page's
furniture (`ingest.metadata.is_furniture`: skip links, reading times, teasers, affiliate
disclosures, cookie notices, share buttons' labels, a link's words, a paywall's box, a pager),
a breadcrumb over the headline ("1. Health"), captions printed twice under the title, a photo
credit ("ADOBE STOCK/Stuff", "Fuse/Getty Images") and the caption right above it, a caption that
ends in its credit ("... from the ankle. (STEPHAN SAVOIA/AP)") and the same caption printed
above it, a banner's question over its button ("Start here"), a date stamp wherever it stands
("Updated 05/04/2022"), the name under a picture ("Katelyn Brenner FNP"), an author's bare name
under the title over the page's date or reading time, with a picture's description between
them, a copy of the title (or of its part after a colon) near the top not written as a heading
("when a parent dies", a tag line), the entries of a table of contents (under "Table of
Contents", "In this article"), what stands under a heading over links to the page's other pages
("Related Articles", "Here are a few articles that may help you:") up to the next heading over
prose, a letter's signature ("— Irritated Owner", "Love," / "Ana", and a short line of
capitalised words under the letter's question that the reply greets, that opens with a dash, or
that closes a letter a salutation opened: "Darlene in Tobermory" / "Hi Darlene, ...", "– All
Alone in Ohio"), the pieces of a short line set apart by "·" that are furniture or a date stamp
where the whole line is not ("... · 6 min read"), the short lines above a marked title, the
unfinished last sentence of a page stored up to a length, the caption and credit lines under a
Markdown picture in its paragraph, a pager's teaser and the question before it ("... Find out on
the next page."), a pitch ("For more check out example.com.", "... with a membership."), a
standfirst and the page's tag lines between the title and the first prose, a byline naming the
writer's outlet ("Jo Doe, Example Content Agency on"), a letter's signature under its plea
("Please help." / "– Torn in Wisconsin", "Help, Jamie." greeted "Hi Jamie:") and the salutation
opening a paragraph ("Dear Torn:" of "Dear Torn: Your son..."), an interview's speaker labels
and its interviewer's turns ("More: How awful...", "JL: Yes." quoted "Yes."; `_interview`), the
page's tags one to a paragraph under the title ("• Mental Health" / "• Self-Care"), a link alone
whose words are furniture ("[Learn more.](...)"). A real advice sentence is never marked.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable

from ingest.metadata import (
    BARE_NAME,
    NAME_WORD,
    bare_byline,
    credited_caption,
    furniture_above,
    heads_links,
    is_breadcrumb,
    is_date_line,
    is_furniture,
    is_photo_credit,
    looks_like_headline,
    looks_like_own_title,
    looks_like_title,
    menu_lines,
    parse_byline,
    url_of,
)
from ingest.metadata import SMALL_WORDS
from ingest.metadata import title_case as _title_case
# a listicle heading (`ingest.model.LISTICLE`: "7 ways to split the bills") is a heading even
# right after a list, whose last item ends no sentence
from ingest.markdown import unnumbered
from ingest.model import BULLET_MARKS, LISTICLE as _LISTICLE, Section
from ingest.sentences import (
    ENDS_SENTENCE,
    HANDS_QUESTIONS,
    PARAGRAPH_END,
    TITLE_ABBREVIATIONS,
    one_paragraph_per_line,
    paragraph_spans,
    sentence_spans,
    trim,
)

_MARKDOWN = re.compile(r"#{1,6}\s+\S.*")
_MARKDOWN_MARKS = re.compile(r"^#{1,6}\s+")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s+(\S.*)")
_INLINE_TIP = re.compile(r"\d{1,2}[.)]\s+[^\s:.!?][^:.!?\n]{1,80}:(?=\s)")
# a period after an abbreviation ("Joint vs. Separate Accounts", "Dr. Phil's Advice") does not
# end a sentence
_NOT_AFTER_ABBREVIATION = "".join(
    rf"(?<!\b{a})" for a in ("vs Vs Dr Mr Mrs Ms St Jr Sr Prof " + TITLE_ABBREVIATIONS).split())
_INNER_BREAK = re.compile(_NOT_AFTER_ABBREVIATION + r"[.!?…]\s+\S")
# a headline may tease with a question first ("In the red before you wed? Talk debt with your
# partner", "Dating At 14? Dating at 16? What's The Right Answer?"); other breaks make prose
_STATEMENT_BREAK = re.compile(_NOT_AFTER_ABBREVIATION + r"[.!…]\s+\S")
# How pages are written, not any page's words: a question that opens with a word joining it to
# the text before ("So how do you make an alien environment a home?", "But what if he says
# no?") goes on from the paragraph above; it is the article's running text, a rhetorical
# question, never a heading (a heading stands alone). Only before a question word: "So You Want
# to Be a Stepparent?" is a headline.
_RUNS_ON = re.compile(r"(?:So|And|But|Or|Yet|Then|Now|Well),?\s+(?:how|what|why|where|when|who"
                      r"|which|whom|whose)\b")
_BLANK_AFTER = re.compile(r"[ \t]*\n[ \t]*\n")  # a blank line right after a line

# a person's name (`ingest.metadata.BARE_NAME`) with letters after it, alone on a line near the
# top: the name under an author's or a reviewer's picture ("Katelyn Brenner FNP", "Jane Doe, MD,
# PhD")
# the names a bare "Credit:" line gives: a few capitalised words or initials, "/" or "," between
# them ("Credit: Ida Astute", "Credit: Jane Doe/Getty Images"), no sentence
_CREDITED_NAMES = (r"[A-Z][\w.’'&-]*"
                   r"(?:(?:\s*[/,]\s*|\s+)(?:[A-Z][\w.’'&-]*|of|for|and|the)){0,7}")
_CREDENTIALED_NAME = re.compile(
    NAME_WORD + r"(?: " + NAME_WORD + r"){1,2}(?:,?\s+(?:[A-Z]{2,6}|Ph\.?D\.?|PharmD|PsyD))+")
# ...and a credit wherever it stands: "Photo: ...", "Photograph: Ida Astute", "Image credit: ...",
# "Credit: Jane Doe" (who made the picture, never a heading nor advice)
_CAPTION = re.compile(r"(?i:featured image for|(?:image|photo(?:graph)?s?|picture)\s*"
                      r"(?:credits?|sources?|by)?\s*:)\s*\S.*"
                      rf"|(?i:credits?)\s*:\s*{_CREDITED_NAMES}"
                      r"|(?i:(?:image|photo|picture)\s*(?:credits?|sources?))"  # alone on its line
                      r"|(?:Getty Images|Shutterstock|iStock(?:photo)?|Unsplash|Pexels)(?:\s*/.*)?"
                      r"|!\[[^\]]*\]\([^)]*\)"  # a Markdown picture alone on its line
                      r"|ree")  # a site builder's (Wix's) image placeholder
# A picture's alternative text pasted as a line of its own ("woman laying down on grass at a
# park", "man meditating indoors"): a few words all in small letters, no digit and no
# punctuation, set apart by blank lines, with no list mark, right over or under a heading the
# markup marks (where pages put their pictures). Prose opens with a capital and ends in a stop;
# a heading is capitalised; a run of such lines is a list ("Red flags:" / "excessive jealousy").
_ALT_TEXT = re.compile(r"[a-z][a-z'’-]*(?:[ \t]+[a-z][a-z'’-]*){1,9}")
# ...and one that opens with a capital ("Broken heart shape biscuit on red background") right over
# such a heading: three words or more, the rest in small letters, no stop (a sentence has one; a
# heading's words are capitalised)
_ALT_TEXT_CAPITAL = re.compile(r"[A-Z][a-z'’-]*(?:[ \t]+[a-z][a-z'’-]*){2,9}")
_AUTHOR_BOX = re.compile(r"(?i:about the author)\s*:?")
_SIGN_OFF = re.compile(
    r"(?i)\bthat['’]?s['’]?\s+(?:it|all)\s+for\s+today\b"
    r"|\b(?:see\s+you|until)\s+next\s+time\b"
)
_SHARE_PROMPT = re.compile(
    r"(?i)\b(?:comments?\s+section|leave\s+(?:a|your)\s+comments?|comments?\s+below"
    r"|share\s+(?:this|the)\s+(?:article|post|page|story)"
    r"|subscribe\s+to\s+(?:our|my)\s+newsletter|sign\s+up\s+for\s+(?:our|my)\s+newsletter)\b"
)
# a quotation that has just closed ('... and respect."'), with only space after it
_AFTER_QUOTATION = re.compile(r"[.!?…][\"”]\s*\Z")
# a sentence ending inside a line: a full stop after a word (not an initial: "J. K. Rowling")
# then a capital; an attribution has none ('..." JANE DOE, author of X'), the article's next
# sentences do ('...breaking-speed-records 5k." It does exactly what it promises in nine weeks.
# However, ... For example:')
_PROSE_BREAK = re.compile(r"(?<=[a-z]{2})[.!…]\s+[A-Z]")
_ATTRIBUTION_CHARS = 160  # who said it, and their credentials, fit in this
_ATTRIBUTION_REACH = 2 * _ATTRIBUTION_CHARS  # the rest of a line read for one: never on to the
#                   paragraph's end, once per sentence (2 MB of "Go. " on one line took 22 s)
_QUOTE_TAIL = 16  # characters before a sentence searched for that closing mark: never the
#                   paragraph from its start, once per sentence (quadratic in a long one)
_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?: [^\W\d_]+(?:['’-][^\W\d_]+)*)*")
PLAIN_HEADING_WORDS = 12  # a sentence-case heading is at most this long...
PROSE_WORDS = 12  # ...and leads a paragraph at least this long
STOPPED_HEADINGS = 2  # a plain text's headings that end in a full stop, beside one without
# ...each of them telling the reader what to do ("Say it right.", "Repeat if necessary.", "DO NOT
# wait to be proactive."): a short statement alone between prose ("Experts actually don't think
# parents should do any of that.") is the author's emphasis, not a heading
_TELLS = re.compile(
    r"(?i:(do not|don['’]t|never) [a-z]+\b"
    r"|((do|always|just|then|now) )?(know|be|keep|make|take|give|let|set|say|ask|tell|talk|try"
    r"|use|get|put|stay|stop|start|avoid|find|show|work|wait|repeat|adjust|address|resist"
    r"|establish|listen|speak|remember|consider|accept|agree|decide|plan|learn|build|create"
    r"|choose|check|look|think|focus|follow|leave|go|help|seek|reach|limit|allow|encourage"
    r"|praise|explain|respect|share|step|pick|remind|model|involve|include|notice|acknowledge"
    r"|validate|breathe|rehearse|treat|forgive|apologi[sz]e|reward|ignore|skip|hold|remove|turn"
    r"|discuss|express|lean|visit|record|contact|report|aim|commit|stick|reassure|approach"
    r"|prioriti[sz]e|protect|support|write|spend|offer|call|join|invite|cut|trust|expect"
    r"|prepare|schedule|draw|pay|save|move|clean|watch|own|admit|document|escalate|compromise"
    r"|negotiate|enforce|celebrate|respond|react)\b(?! (is|are|was|were|can|will|has|have|of)\b))")
_NOT_HEADING_ENDS = (".", ",", ";", ":", "!", "?", "…", "-", "–", "—", ")", '"', "”", "'", "’")
# an advice column letter's signature on its own line ("— LET DOWN IN INDIANA")
_SIGNATURE = re.compile(r"(?:--|—|–)\s*[A-Z][A-Z’'.,&\- ]{1,40}")
# ...in Title Case ("— Irritated Owner") under the letter's question or set off to the right;
# elsewhere a dash before Title Case is a bullet ("– Two Days Out")
_TITLE_SIGNATURE = re.compile(r"(?:--|—|–)\s*[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){0,3}")
_SIGNATURE_INDENT = 8  # spaces before a signature set off to the right
_PIECES_LINE_CHARS = 200  # a line read piece by piece for furniture is no longer
_MAY_SPLIT = re.compile(r"\s[•·]\s|[.!?…][\"'”’)\]]*\s")  # ...which holds more than one sentence
_INLINE_MARK = re.compile(r"\s[•·]\s")  # what sets a line's pieces apart ("Yahoo 4 days ago · ...")
# the name a reader signs a letter with, on a line of its own: a few capitalised words, small
# words between them ("All Alone in Ohio", "Darlene in Tobermory", "MIL", "Mom of Three"), and
# where they write from in brackets after it ("Fed Up (Canada)")
_SIGNED_AS = re.compile(
    r"[A-Z][\w’'.&-]*(?:,? (?:(?:in|of|from|the|and|on|at|near|with|for|a|an|to|by) ){0,2}"
    r"[A-Z][\w’'.&-]*){0,5}(?: \([A-Z][\w’'.&\- ]{0,30}\))?")  # "... (United States)"
_SIGNED_AS_CHARS = 50
_DASH = re.compile(r"(?:--|[—–―-])\s*")
# a letter's question ends the line over its signature ("...So how do I make friends?")
_ASKS = re.compile(r"\?[\"'”’)\]]*\s*\Z")
# ...or a plea for help, the letter's last line ("Please help.", "Help!", "Any advice?")
_PLEADS = re.compile(r"(?i)(?:^|(?<=[\s.!?]))(?:please,?\s+)?(?:help|advise)(?:\s+(?:me|us))?"
                     r"(?:,?\s+please)?\s*[.!]*[\"'”’)\]]*\s*\Z")
_PLEA_CHARS = 40  # the end of the line above read for a plea
# a letter signed with its plea and the writer's name on one line ("Help, Jamie.", "Thanks,
# Sam"): a signature when the reply greets that name ("Hi Jamie:")
_PLEA_SIGNED = re.compile(r"(?:(?:please\s+)?help|thanks|thank\s+you|(?:please\s+)?advise)"
                          r"(?:\s+(?:me|us))?(?:\s*[,!.]\s*|\s+)(?P<name>[A-Z][^\n]{0,48}?)[.!]?",
                          re.IGNORECASE)
# a salutation to a name: "Dear Barb:", "Hi Chris,", "Hi MIL!", "Dear All Alone," (the reply's
# greeting of the name the letter is signed with, or the letter's own opening)
_GREETING = re.compile(r"(?:Dear|DEAR|Hi|HI|Hello|HELLO|Hey)\s+(?P<name>[A-Z][\w’'-]*)"
                       r"(?:[\w’'.&\- ]{0,40}?[:,!])?")
_GREETING_REACH = 600  # the reply's greeting is among the next two lines within this
_LETTER_REACH = 3000  # a letter's salutation is this close above its question
_ASKER_CHARS = 400  # the end of the line that asks, read for who asks
_FIRST_PERSON = re.compile(r"(?i)\b(?:i|me|my|mine|myself|we|us|our)\b")
_SECOND_PERSON = re.compile(r"(?i)\b(?:you|your|yours|yourself)\b")
# a letter opening with its salutation inline: "Dear Barb: My mother-in-law is ruining..."
_LETTER_OPENING = re.compile(r"(?:Dear|DEAR)\s+[A-Z][\w’'.&\- ]{0,40}?[:,]\s")
# a letter's closing ("Love," over "Ana"), and the name under it: a signature
_VALEDICTION = re.compile(
    r"(?i:(?:with\s+|lots\s+of\s+|all\s+my\s+)?love|(?:best|warm|kind)(?:\s+(?:wishes|regards))?"
    r"|all\s+the\s+best|warmly|regards|sincerely|yours(?:\s+(?:truly|sincerely))?|cheers"
    r"|(?:many\s+)?thanks|hugs),")
_SIGNED_NAME = re.compile(NAME_WORD + r"(?: " + NAME_WORD + r"){0,2}")
# the credit under an epigraph: a dash, a name, then what they wrote ("― Anne Fadiman, The Wine
# Lover's Daughter: A Memoir")
_EPIGRAPH_CREDIT = re.compile(
    r"(?:--|[―—–])\s*" + NAME_WORD + r"(?: " + NAME_WORD + r"){0,2}(?:,\s*\S.*)?")
_TOP_PARAGRAPHS = 6  # "By Jane Doe" lines count as bylines only this near the top
_LONG_LINE = 600  # no line of metadata or furniture is longer
_CAPTION_PARAGRAPHS = 12  # pictures' captions under the title are looked for this near the top
_CAPTION_CHARS = 300  # a caption line standing alone fits in this
_CAPTION_RUN = 3  # a run of captions: at most this many short lines between two printed twice
_CAPTION_WORDS = 6
# a page's table of contents, by its heading; its entries are short
_CONTENTS = re.compile(r"(?i)(table of contents|contents|in this (article|post|guide|page)"
                       r"|on this page|jump to|what(’|')?s inside|quick links)\W*")
_CONTENTS_WORDS = 12
_LINKS_HEADING_CHARS = 70  # "Here are a few articles that may help you:" fits in this
_TEASER_WORDS = 30  # a teaser for another page is shorter; a paragraph this long is prose
_STEP_NUMBER = re.compile(r"\s*\d{1,2}\s*")  # a step's bare number on a line of its own
_STEP_WORDS = 15
_CUT_OFF_WORDS = 8  # an article's last line this long that ends no sentence was cut off
_CUT_OFF_CHARS = 100  # ... when it holds one sentence only, it is prose at this length
# ...and a last line in sentence case cut off whatever its length: it stops on a word no
# sentence ends on ("Finding a good work spot is", "This trains your brain to"), on a word's
# first letter ("...this is t") or on a word cut at its apostrophe ("...and don’")
_CUT_WORD = re.compile(
    r"(?:\b(?:a|an|the|to|of|and|or|but|your|my|our|their|than|because)"
    # (a verb "to be" ends "...it is what it is", "...who you are": after a noun it is cut)
    r"|(?<=[^\W\d_] )" + "".join(rf"(?<!\b{w} )" for w in (
        "it", "he", "she", "we", "they", "you", "I", "who", "what", "that", "this", "there",
        "here", "where", "It", "He", "She", "We", "They", "You", "Who", "What", "That", "This",
        "There", "Here", "Where")) + r"(?:is|are|was|were)"
    r"|\b[b-hj-z]|[^\W\d_]{2}['’])\Z")
_CUT_WORD_MIN = 4  # words on such a line: a shorter one may be a label
_ITEM_MARKS = "•·▪◦‣●*"  # a list item's bullet (not a dash: "— JANE DOE" signs)
_LIST_LINE = re.compile(rf"\s*(?:[{re.escape(BULLET_MARKS)}]|\d{{1,2}}[.)])\s")
# a photo credit opening a caption: "ADOBE STOCK/Stuff", "Getty Images/iStockphoto" (an agency,
# or capitals of two words or more, then "/" and where it ran, then the caption's first word)
_PHOTO_CREDIT = re.compile(
    r"(?:[A-Z][A-Z0-9&.'’-]+(?: [A-Z][A-Z0-9&.'’-]+)+|(?i:getty images|adobe stock|istock(?:photo)?"
    r"|shutterstock|unsplash|pexels|alamy|dreamstime|supplied|reuters|afp|ap|123rf))"
    r"\s*/\s*[A-Za-z][\w.-]*(?= [A-Z\"“‘'])"
)
# How pages are written, not any page's words: a Markdown picture alone on its line
_PICTURE_LINE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


def _holds_picture(line: str) -> bool:
    """Whether `_PICTURE_LINE` is found in ``line``, in one pass. Its search read on from every
    "![" to the next "]", and from every "](" to the next ")": a 20 KB line of "![)" took 0.34
    s, the square of its length, read as a page's tag at any length (a 2 MB upload of two such
    lines, some half an hour; twenty-fifth audit). Every "![" before one "]" ends there, so
    each "]" is tried once, and a ")" is looked for once."""
    for part in line.split("\n"):
        close = part.rfind(")")
        at = part.find("![")
        while at >= 0:
            end = part.find("]", at + 2)
            if end < 0:
                break
            if part.startswith("(", end + 1) and close > end + 1:
                return True
            at = part.find("![", end + 1)
    return False
_PICTURE_CAPTION_LINES = 3  # the caption and credit lines printed right under a picture
_PICTURE_PARAGRAPH = re.compile(
    r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*\n"
    rf"(?P<captions>(?:[ \t]*\S[^\n]{{0,{300 - 1}}}(?:\n|\Z)){{1,{_PICTURE_CAPTION_LINES}}})"
    r"(?![ \t]*\S)", re.MULTILINE)
# a teaser for the page's next page ("Find out on the next page.", "Read on to the next page to
# learn more"): the pager's words, never advice; the question right before it is its teaser
_PAGER_TEASER = re.compile(
    r"(?i)\b(?:find\s+out|learn|read|discover|see|keep\s+reading|continue(?:\s+reading)?)\b"
    r"[^.!?\n]{0,40}?\b(?:on|to|in)\s+(?:the\s+)?(?:next|following)\s+page\b")
# a pitch: a sentence sending the reader to a web site for more ("For more check out
# example.com.", "For more tips, visit www.example.org"), or selling a membership ("Find out
# how much you could save in a year with a membership.", "$12 for your first year", "members-only
# products")
_PITCH = re.compile(
    r"(?i)^\W*for\s+more(?:\s+\w+){0,3},?\s+(?:check\s+out|visit|go\s+to|head\s+(?:over\s+)?to"
    r"|see|read|click)\b[^\n]{0,80}?\b(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b"
    r"|\bfind\s+out\s+how\s+much\s+(?:you|your\s+\w+)\s+(?:could|can|would|might)\s+save\b"
    r"|\bwith\s+an?\s+(?:membership|subscription)\s*[.!]?\s*\Z"
    r"|[$£€]\d+(?:\.\d\d)?\s+for\s+(?:your\s+)?(?:the\s+)?first\s+(?:year|month)"
    r"|\bmembers[\s-]only\s+(?:products|discounts|offers|deals|content|benefits)\b"
    # a plug for a named business set in the prose: "...be sure you pick the best long-distance
    # movers from Moving Apt, a reliable moving service broker, to complete your relocation..."
    r"|\b(?:pick|choose|hire|use|book|call|go\s+with)\s+(?:the\s+best|a\s+reliable|a\s+trusted"
    r"|a\s+reputable|the\s+right)\s+[^.!?\n]{0,80}?\bfrom\s+[A-Z][\w&'’.-]*+"
    r"(?:\s+[A-Z][\w&'’.-]*+){0,4},\s+(?:a|an|the|our)\s+(?:reliable|trusted|reputable|leading|top-rated|licensed|certified)\b")
# a byline whose date the page dropped or put on the next line: a person's name, a comma, the
# writer's outlet in capitals, and a dangling word ("Amy Dickinson, Tribune Content Agency on")
_OUTLET_BYLINE = re.compile(
    NAME_WORD + r"(?: " + NAME_WORD + r"){1,2},\s+[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|&|of|and))"
    r"{0,5}(?: (?:on|updated|published|posted|[|·–—-]))?")
# a numbered list's first item: a paragraph of its own in bold over it is the list's heading
# ("**Level II. Situation Heating up**" / "1. Acknowledge their anger."), as a "###" line would be
_FIRST_ITEM = re.compile(r"[ \t]*1[.)][ \t]+\S")
_TAG_WORDS = 12  # a line of a page's tags or audience over the article ("Ages 2-12") is no longer
_STANDFIRST_WORDS = 30  # a standfirst under the title is no longer
_MENU_TOP_LINES = 40  # a site's menu above the article is among the first lines
FURNITURE_RUN = 2  # a heading over this many paragraphs of furniture belongs to it
# no heading is longer, marked or not: a longer "#" line or <h2> is body text (a heading is shown
# beside every quote under it, and a 900 KB one made a short question's answer 8 MB)
MAX_HEADING_CHARS = 200


def detect_structure(
    text: str, headings: Iterable[tuple[int, int, int]] | None = None,
    emphasized: Iterable[tuple[int, int]] = (),
) -> tuple[list[Section], list[tuple[int, int]]]:
    """(sections in order, sorted boilerplate spans) of an article's canonical text.

    Sections cover everything from the first heading to the end; any text before it is an
    "intro" section with heading "".

    ``headings`` are the ``(start, end, level)`` spans of the headings an article's markup marks:
    an HTML page's ``<h1>``-``<h6>`` (`ingest.html.read_html`), a Markdown file's ``#`` lines
    (`ingest.markdown.headings`). Each one is a heading whatever its wording ("Quick Summary:"),
    unless it is longer than `MAX_HEADING_CHARS` (then it is body text); when they include
    sub-headings the page has said which lines are headings, and no other line is read as one
    (a list item in Title Case, a link's "More info", a call to action's question). A plain
    text has none: its headings are read from the text alone.

    ``emphasized``: the ``(start, end)`` of a Markdown file's lines wholly in bold or italics
    (`ingest.markdown.emphasized_lines`); each one that is a paragraph of its own over a
    paragraph of prose is a sub-heading, as a ``###`` line would be, without making the other
    lines' headings marked only.
    """
    paragraphs = paragraph_spans(text)
    per_line = one_paragraph_per_line(text)  # read once: both rules below ask it
    emphasized = list(emphasized)
    headings = with_straplines(text, list(headings or ()), emphasized)
    only_marked = _marks_sections(marked_headings(headings))
    marked = marked_headings(headings + _emphasized_headings(text, paragraphs, emphasized))
    # a page that marks its title near the top: the short lines above it are the page's, not
    # the article's ("Career Advice", "Search", "Black Facebook Icon")
    top = paragraphs[_TOP_PARAGRAPHS][0] if len(paragraphs) > _TOP_PARAGRAPHS else len(text)
    above = marked[0][0] if marked and marked[0][2] == 1 and marked[0][0] < top else 0
    meta_lines = _metadata_lines(text, paragraphs, per_line, {s for s, _, _ in marked}, above)
    # an interview's questions: the interviewer's turns are neither headings nor quoted, and
    # no speaker's label is part of what they say
    asked, labels = _interview(text, paragraphs)
    meta_lines += asked
    meta_lines += _alt_text_lines(text, paragraphs, set(meta_lines), {a for a, _, _ in marked})
    meta = set(meta_lines)
    heads: list[tuple[int, int, str]] = []  # (start, heading_end, kind)
    asked: dict[int, int] = {}  # a paragraph read as a question heading -> its place in heads
    plain: list[int] = []  # the paragraphs read as headings from their text alone
    first = True  # nothing but metadata so far: the next paragraph may be the title
    step = -1  # the paragraph under a step's bare number ("1"): the step's title
    m = covered = 0  # the next marked heading; where the last one ended
    for i, (a, b) in enumerate(paragraphs):
        line_end = _line_end(text, a, b)
        own = []
        while m < len(marked) and marked[m][0] < b:
            own.append(marked[m])
            m += 1
        for s, e, level in own:
            if s < covered:  # inside the one before (no markup makes these)
                continue
            covered = e
            if _only_metadata(text, s, e, meta):
                continue
            if s == a and e == b and i > 0 and _furniture_follows(text, paragraphs, i):
                meta_lines.append((a, b))
                meta.add((a, b))
                continue
            heads.append((s, e, _marked_kind(text[s:e], level, first=not heads)))
        if own or a < covered:  # a marked heading's paragraph, or one inside it
            first = False
            continue
        if _only_metadata(text, a, line_end, meta):
            continue
        if (first and line_end == b and i + 1 < len(paragraphs) and is_breadcrumb(
                text[a:b], text[paragraphs[i + 1][0]:_line_end(text, *paragraphs[i + 1])])):
            meta_lines.append((a, b))  # "1. Health" over the headline
            meta.add((a, b))
            continue
        if only_marked:
            first = False
            continue
        number = max(a, text.rfind("\n", a, b) + 1)  # its last line: a step's bare number?
        if _STEP_NUMBER.fullmatch(text[number:b]) and _step_title(text, paragraphs, i + 1):
            span = trim(text, number, b)
            meta_lines.append(span)  # "1" over "Avoid depending too heavily on your friend."
            meta.add(span)
            step = i + 1
            if number == a:
                continue
        # a date or caption line right under a heading ("Title\nMay 15, 2023") is not prose
        end = line_end if _only_metadata(text, line_end, b, meta) else b
        found = heading_at(text, a, end, first=first)
        if i == step:  # a step's title under its number
            found = (len(text[a:line_end].rstrip()), "tip")
        if found and _GREETING.fullmatch(text[a:line_end].strip()):
            found = None  # a letter's greeting on its own line ("Dear Editor,") names no section
        first = False
        whole_line = found and found[0] >= len(text[a:line_end].rstrip())
        if whole_line and found[1] == "tip" and end == line_end and \
                per_line and _in_numbered_list(text, paragraphs, i):
            found = None  # "1. first" / "2. second": the items of a list, not tips
        if not found and end == line_end and _plain_heading(text, paragraphs, i, heads, meta):
            found = (len(text[a:line_end].rstrip()), "heading")
        if (found and i > 0 and end == line_end == b
                and _furniture_follows(text, paragraphs, i)):
            # a heading over nothing but a page's furniture ("Free Widgets for your Site/Blog"
            # over teasers for other pages) is part of it, not a section of the article
            span = trim(text, a, b)
            meta_lines.append(span)
            meta.add(span)
            continue
        if found:
            if found[1] == "question" and end == line_end == b:
                asked[i] = len(heads)
            if found[1] == "heading" and end == line_end == b:
                plain.append(i)
            heads.append((a, a + found[0], found[1]))

    heads = _without_asked_list(text, paragraphs, heads, asked)
    if plain and not only_marked:
        heads = sorted(heads + _stopped_headings(text, paragraphs, plain, meta))
    if not only_marked:
        heads = sorted(heads + _numbered_tips(text, paragraphs, heads, meta))
    teasers = _under_links_headings(text, paragraphs, heads, meta_lines)
    if teasers:
        meta_lines += teasers
        taken = {a for a, _ in teasers}
        heads = [h for h in heads if h[0] not in taken]
    sections = [
        Section(text[s:he], s, heads[j + 1][0] if j + 1 < len(heads) else len(text), he, kind)
        for j, (s, he, kind) in enumerate(heads)
    ]
    first_start = sections[0].start if sections else len(text)
    if text[:first_start].strip():
        sections.insert(0, Section("", 0, first_start, 0, "intro"))

    boiler = list(meta_lines) + labels
    boiler += _column_labels(text)
    boiler += _editor_notes(text, paragraphs)
    boiler += _picture_captions(text, paragraphs)
    boiler += _opening_salutations(text, paragraphs)
    boiler += _standfirst(text, paragraphs, heads, boiler)
    boiler += _author_boxes(text, paragraphs, heads)
    boiler += _prompt_sentences(text, paragraphs, heads, meta_lines)
    boiler += _cut_off_tail(text, paragraphs)
    boiler += _contents_lines(text, sections)
    return sections, sorted(set(boiler))


def _without_asked_list(text: str, paragraphs: list[tuple[int, int]],
                        heads: list[tuple[int, int, str]],
                        asked: dict[int, int]) -> list[tuple[int, int, str]]:
    """``heads`` less the questions of a list of questions for the reader: two one-line
    questions or more in a row, nothing between them, right under a paragraph of prose that hands
    them out ("Ask yourself the following questions to get started." / "Are you feeling insecure
    about your age?" / "Do you feel as attractive as you used to?"; or a line ending in a colon).
    A question that heads a section has something under it before the next one; these are the
    advice itself, and each is a paragraph of body text."""
    drop: set[int] = set()
    # (where each heading starts, gathered once: looking through every heading for each run
    # was quadratic, and 200 KB of "Go." / "A?" / "B?" paragraphs took 18 s to read)
    starts = {h[0] for h in heads}
    for i in sorted(asked):
        if i - 1 in asked or i + 1 not in asked or i == 0:
            continue  # not a run's first question, or a question alone
        a, b = paragraphs[i - 1]
        before = text[a:b].strip()
        if a in starts or not (
                before.endswith(":") or HANDS_QUESTIONS.search(_last_sentence(before))):
            continue
        k = i
        while k in asked:
            drop.add(asked[k])
            k += 1
    return [h for n, h in enumerate(heads) if n not in drop] if drop else heads


def _stopped_headings(text: str, paragraphs: list[tuple[int, int]], plain: list[int],
                      meta: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The headings of a plain text that end in a full stop, as ``(start, end, "heading")``,
    when another of its headings has none: the same short line between paragraphs of prose
    ("Resist the urge to retaliate" / "In any conflict..." / "Say it right." / "Describe the
    facts..."). A page types its headings one way or the other; a short sentence alone between
    prose is read as a heading only beside a heading of the same shape after which it stands,
    and only when there are `STOPPED_HEADINGS` of them at least (one such line is an aside)."""
    anchors = [i for i in plain if i + 1 < len(paragraphs)
               and _leads_prose(text[slice(*paragraphs[i + 1])])]
    if not anchors:
        return []
    out = []
    for i in range(anchors[0] + 2, len(paragraphs) - 1):
        a, b = paragraphs[i]
        line = text[a:b]
        if not (line.endswith(".") and not line.endswith("..") and _heading_shaped(line[:-1])
                and _TELLS.match(line) and (a, b) not in meta and len(sentence_spans(text, a, b)) == 1):
            continue
        before, after = text[slice(*paragraphs[i - 1])], text[slice(*paragraphs[i + 1])]
        if ENDS_SENTENCE.search(before.rstrip()[-3:]) and _leads_prose(after):
            out.append((a, b, "heading"))
    return out if len(out) >= STOPPED_HEADINGS else []


NUMBERED_TIP_WORDS = 16  # a numbered tip's line, read beside its series, is no longer
_NUMBER = re.compile(r"\d{1,2}")


def _numbered_tips(text: str, paragraphs: list[tuple[int, int]],
                   heads: list[tuple[int, int, str]],
                   meta: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """A numbered series' tips that `heading_at` leaves as prose because they end like a
    sentence, as ``(start, end, "tip")``: a numbered line that is a paragraph of its own, over a
    paragraph that is no numbered line (its explanation, not the next item of a list), under
    one that is none either, when the numbered line right before it in the text is its series'
    one before and a tip ("1. Prepare" / "2. Visualise walking into the exam room."), or the
    numbered line right after it is the one after and a tip ("3. Stop the negative self talk
    cycle......it will breed stress and worry." / "4. Prepare you mind and body"). A series
    whose every line ends in a stop is left as it was read (tried: reading those as tips too
    lowered a dev figure, jealousy-insecurity beside 0.786 -> 0.750)."""
    def numbered(i: int) -> bool:
        return 0 <= i < len(paragraphs) and _LIST_LINE.match(text[slice(*paragraphs[i])]) is not None

    tip_starts = {s for s, e, kind in heads if kind == "tip"}
    taken = {s for s, _, _ in heads}
    # the text's numbered lines in order: [paragraph, number, read as a tip, a candidate]
    series: list[list] = []
    for i, (a, b) in enumerate(paragraphs):
        line = text[a:b]
        m = _NUMBERED.fullmatch(line)
        if m is None:
            continue
        n = int(_NUMBER.match(line).group())
        candidate = not (a in taken or (a, b) in meta or "\n" in line
                         or len(line.split()) > NUMBERED_TIP_WORDS or i == 0
                         or i + 1 >= len(paragraphs) or numbered(i - 1) or numbered(i + 1)
                         or len(sentence_spans(text, a, b)) != 1)
        series.append([i, n, a in tip_starts, candidate])
    # a series read from its tips outwards, forwards then backwards
    for k in range(1, len(series)):
        if series[k][3] and not series[k][2] and series[k - 1][2] and series[k - 1][1] == series[k][1] - 1:
            series[k][2] = True
    for k in range(len(series) - 2, -1, -1):
        if series[k][3] and not series[k][2] and series[k + 1][2] and series[k + 1][1] == series[k][1] + 1:
            series[k][2] = True
    return [(paragraphs[i][0], paragraphs[i][1], "tip") for i, _, tip, _ in series
            if tip and paragraphs[i][0] not in tip_starts]


ALT_TEXT_WORDS = 6  # words at most in a plain text's line of alternative text


def _alt_text_lines(text: str, paragraphs: list[tuple[int, int]],
                    meta: set[tuple[int, int]],
                    marked: set[int] = frozenset()) -> list[tuple[int, int]]:
    """The paragraphs that are a picture's alternative text left in a saved page's text, not
    the article's, where no heading is marked (a plain text: "student walking school corridor"
    under "1. Remind them you're proud no matter what"): a line of its own of 2 to
    `ALT_TEXT_WORDS` words all in small letters, no digit or stop (`_ALT_TEXT`), not the page's
    first line, with a paragraph under it that opens as a sentence or a heading does (a capital, a digit or a quotation mark: the line
    finishes nothing), and no such line right above or below it (a list's items, one a line).
    A heading the markup marks (``marked``: where they start) is none, in small letters or not
    (an ``<h2>`` "what i wish i knew")."""
    def alt(i: int) -> bool:
        if not 0 <= i < len(paragraphs):
            return False
        line = text[slice(*paragraphs[i])]
        return (len(line) <= 80 and len(line.split()) <= ALT_TEXT_WORDS
                and _ALT_TEXT.fullmatch(line) is not None)

    out = []
    for i in range(1, len(paragraphs) - 1):
        if (paragraphs[i] in meta or paragraphs[i][0] in marked or not alt(i) or alt(i - 1)
                or alt(i + 1)):
            continue
        below = text[slice(*paragraphs[i + 1])].lstrip("\"'“‘«*_#")[:1]
        if below.isupper() or below.isdigit():
            out.append(paragraphs[i])
    return out


def _last_sentence(paragraph: str) -> str:
    """The last sentence of ``paragraph`` (its whole text when it has one)."""
    spans = sentence_spans(paragraph, 0, len(paragraph))
    return paragraph[spans[-1][0]:spans[-1][1]] if spans else paragraph


# what stands between a heading's line and the line right under it: one line break
_NEXT_LINE = re.compile(r"[ \t]*+\n[ \t]*+")


def with_straplines(text: str, headings: list[tuple[int, int, int]],
                    emphasized: Iterable[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``headings`` with each sub-heading's strapline read as part of it: a line wholly in bold
    or italics (`ingest.markdown.emphasized_lines`) right under a Markdown "##" line, no blank
    line between ("## Patch" / "**Discreet and easy to use**"). It sums up the section, as a
    heading does: neither a sentence of the section (quoted alone, it says nothing) nor a
    section of its own (the section is still the "## Patch" one, shown as "Patch — Discreet and
    easy to use": `ingest.model.section_display`). Not under the title (level 1), and not when
    the two would be longer than a heading is (`MAX_HEADING_CHARS`); not a sentence either
    ("## Keep it locked away" / "**Never leave e-liquid where a child can reach it.**"): that
    is the section's first line of advice, quoted as before (twenty-sixth audit)."""
    under = {}
    for a, b in emphasized:
        if not ENDS_SENTENCE.search(text[a:b].rstrip("*_ \t")):
            under[a] = b
    if not under:
        return headings
    out = []
    for s, e, level in headings:
        gap = _NEXT_LINE.match(text, e)
        b = under.get(gap.end()) if gap and "\n" in gap.group() else None
        if level >= 2 and b is not None and b - s <= MAX_HEADING_CHARS:
            e = b
        out.append((s, e, level))
    return out


def _emphasized_headings(text: str, paragraphs: list[tuple[int, int]],
                         emphasized: Iterable[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The lines wholly in bold or italics that are sub-headings, as ``(start, end, 6)``: a
    paragraph of its own, followed by a paragraph of prose (`_leads_prose`), not a list; or
    over a numbered list's first item ("**Level II. Situation Heating up**" / "1. Acknowledge
    their anger."), broken by stops or not."""
    index = {span: i for i, span in enumerate(paragraphs)}
    out = []
    for span in emphasized:
        i = index.get(span)
        if i is None or i + 1 >= len(paragraphs):
            continue
        after = text[slice(*paragraphs[i + 1])]
        headline = unnumbered(text[slice(*span)])  # "**1. Accept it.**": one headline
        if _FIRST_ITEM.match(after) or (_leads_prose(after) and not _LIST_LINE.match(after)
                                        and not _INNER_BREAK.search(headline)):
            # (labels broken by stops head a list only: "**Be kind. Trust takes time.**")
            out.append((*span, 6))
    return out


def marked_headings(
    headings: Iterable[tuple[int, int, int]] | None,
) -> list[tuple[int, int, int]]:
    """The ``(start, end, level)`` spans the markup marks that are headings, in order: not
    empty, and at most `MAX_HEADING_CHARS` long."""
    return sorted(h for h in headings or () if 0 < h[1] - h[0] <= MAX_HEADING_CHARS)


def _contents_lines(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """The entries of a page's table of contents: the short lines that end no sentence under a
    heading such as "Table of Contents", "In this article" or "On this page" (the titles of the
    sections below, not advice)."""
    out = []
    for sec in sections:
        if not _CONTENTS.fullmatch(sec.display):
            continue
        for m in re.finditer(r"[^\n]+", text[sec.heading_end:sec.end]):
            line = m.group().strip()
            if line and len(line.split()) <= _CONTENTS_WORDS and not ENDS_SENTENCE.search(line):
                lead = len(m.group()) - len(m.group().lstrip())
                a = sec.heading_end + m.start() + lead
                out.append((a, a + len(line)))
    return out


def _under_links_headings(text: str, paragraphs: list[tuple[int, int]],
                          heads: list[tuple[int, int, str]],
                          meta_lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs under a heading over the page's links to its other pages
    (`ingest.metadata.heads_links`: "Related Articles", "Recent Posts"), up to the next heading
    with prose under it: the teasers ("Why Toddlers Hit and What to Do About It Learn the
    reasons behind the hitting phase and gentle ways to… Read More"), the links' titles, read as
    headings or not ("How Running Works"). A paragraph of prose (`_TEASER_WORDS` words or more,
    two sentences at least) ends them too: the article goes on."""
    meta = set(meta_lines)
    starts = [s for s, _, _ in heads]
    ends = {s: he for s, he, _ in heads}
    prose = [False] * len(heads)  # whether a paragraph of prose stands under each heading
    for a, b in paragraphs:
        k = bisect.bisect_right(starts, a) - 1
        body = text[ends.get(a, a):b]
        if (k >= 0 and not prose[k] and len(body.split()) >= PROSE_WORDS
                and ENDS_SENTENCE.search(body) and (a, b) not in meta):
            prose[k] = True
    out = []
    under = False
    for a, b in paragraphs:
        if (a, b) in meta and b - a <= _LINKS_HEADING_CHARS and heads_links(text[a:b]):
            under = True
            continue
        if not under:
            continue
        k = bisect.bisect_left(starts, a)
        body = text[a:b]
        if ((k < len(starts) and starts[k] == a and prose[k])
                or (len(body.split()) >= _TEASER_WORDS
                    and len(sentence_spans(text, a, b)) > 1 and ENDS_SENTENCE.search(body))):
            under = False
            continue
        out.append((a, b))
    return out


def _step_title(text: str, paragraphs: list[tuple[int, int]], i: int) -> bool:
    """Whether paragraph ``i`` is a step's title under its bare number, as how-to pages print
    steps ("1" / "Avoid depending too heavily on your friend." / the step's text): one line of
    at most `_STEP_WORDS` words, followed by more of the article."""
    if i + 1 >= len(paragraphs):
        return False
    a, b = paragraphs[i]
    line = text[a:b]
    return "\n" not in line.strip() and 0 < len(line.split()) <= _STEP_WORDS


def _cut_off_tail(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The unfinished last sentence of a page saved or stored up to a length ("... list your
    debt from the highest rate to the lowest. Pay the minimum"): on the article's last line,
    when that line is prose (another sentence ends before it on the line, or it runs to
    `_CUT_OFF_CHARS`) of at least `_CUT_OFF_WORDS` words and ends no sentence, clause or
    quotation. A heading or a short closing line is never marked, nor a list item but one of
    prose, where another sentence ends before on its line ("* Don't be discouraged.  One bad
    roommate experience doesn")."""
    if not paragraphs:
        return []
    a, b = paragraphs[-1]
    start = max(a, text.rfind("\n", a, b) + 1)
    line = text[start:b]
    if _cut_word(line) or _unclosed_quotation(line):
        spans = sentence_spans(text, start, b)
        return [spans[-1]] if spans else []
    if len(line.split()) < _CUT_OFF_WORDS or PARAGRAPH_END.search(line):
        return []
    spans = sentence_spans(text, start, b)
    if _LIST_LINE.match(line) and len(spans) < 2:
        return []  # an item's words without a stop ("- Walking around the house barefoot")
    if not spans or (len(spans) < 2 and len(line.strip()) < _CUT_OFF_CHARS
                     and not _cut_off_paragraph(text, paragraphs, start, line)):
        return []
    return [spans[-1]]


def _unclosed_quotation(line: str) -> bool:
    """Whether ``line``, the article's last, stops inside a quotation it opens, on a letter: its
    last opening mark “ has no closing ” after it ("Victoria said: “Breathin"). In sentence case,
    opening with a capital (after a quotation mark or not), two words at least: a speech cut off
    with the page, however short, where a short line alone might be a label."""
    s = line.strip()
    at = s.rfind("“")
    if at < 0 or "”" in s[at:] or not s[-1:].isalpha() or len(s.split()) < 2:
        return False
    return s.lstrip("\"'“‘(")[:1].isupper() and not _title_case(s)


def _cut_word(line: str) -> bool:
    """Whether ``line``, the article's last, is prose cut off mid-sentence (`_CUT_WORD`): in
    sentence case, opening with a capital (after a quotation mark or not), at least
    `_CUT_WORD_MIN` words, not a list item, and no quotation opened by a single mark that its
    last ’ could close."""
    s = line.strip()
    if len(s.split()) < _CUT_WORD_MIN or _LIST_LINE.match(line) or _title_case(s):
        return False
    if not s.lstrip("\"'“‘(").startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")):
        return False
    m = _CUT_WORD.search(s)
    if m is None:
        return False
    return not (m.group().endswith(("’", "'")) and re.search(r"(?:^|\s)[‘']", s))


def _cut_off_paragraph(text: str, paragraphs: list[tuple[int, int]], start: int,
                       line: str) -> bool:
    """Whether the article's last line, one short sentence that ends nothing, is a sentence of
    prose cut off: a paragraph of its own, in sentence case (a heading is in Title Case), right
    under a paragraph of prose that ends its sentences ("...creating a terrible cycle of
    jealousy." / "Just stay away from your guy's social media accounts"). Whatever the file
    type: a page saved from the web or stored as Markdown is cut the same."""
    if len(paragraphs) < 2 or paragraphs[-1][0] != start or _title_case(line):
        return False
    if not line.strip()[:1].isupper():
        return False
    a, b = paragraphs[-2]
    above = text[a:b].strip()
    return (len(above.split()) >= PROSE_WORDS and ENDS_SENTENCE.search(above) is not None
            and not _LIST_LINE.match(above.rsplit("\n", 1)[-1]))


def _marks_sections(marked: list[tuple[int, int, int]]) -> bool:
    """Whether the markup marks the article's sections, not only its title: a sub-heading
    (level 2 to 6) or more than one level-1 heading."""
    return any(level > 1 for _, _, level in marked) or \
        sum(level == 1 for _, _, level in marked) > 1


def _marked_kind(heading: str, level: int, *, first: bool) -> str:
    """The kind of a heading the markup marks: the first one, at level 1, is the title."""
    # (a bold headline's marks too: "**1. Accept it.**" is a numbered point)
    words = _MARKDOWN_MARKS.sub("", heading.strip()).lstrip("*_ \t")
    if first and level == 1:
        return "title"
    if _NUMBERED.match(words):
        return "tip"
    return "question" if words.endswith("?") else "heading"


def _furniture_follows(text: str, paragraphs: list[tuple[int, int]], i: int) -> bool:
    """Whether paragraph ``i`` is followed by at least `FURNITURE_RUN` paragraphs of a page's
    furniture only (`ingest.metadata.is_furniture`: teasers for other pages, "Print this
    Article"...), not bylines or dates, which follow an article's own headline."""
    run = paragraphs[i + 1:i + 1 + FURNITURE_RUN]
    return len(run) == FURNITURE_RUN and all(
        all(is_furniture(line) for line in text[a:b].split("\n") if line.strip())
        for a, b in run)


def heading_at(text: str, start: int, end: int, *, first: bool) -> tuple[int, str] | None:
    """(heading length, kind) when paragraph ``text[start:end]`` opens with a heading."""
    line_end = _line_end(text, start, end)
    line = text[start:line_end].rstrip()
    if len(line) <= MAX_HEADING_CHARS and _MARKDOWN.fullmatch(line):
        return len(line), "title" if first else "heading"
    inline = _INLINE_TIP.match(line)
    if inline and len(inline.group().split()) <= 14 and _opens_sentence(line[inline.end():]):
        return inline.end(), "tip"
    if line_end != end:  # every other heading is a paragraph of one line
        return None
    words = len(line.split())
    if first and (looks_like_title(line) or (
            start == len(text) - len(text.lstrip()) and _BLANK_AFTER.match(text, line_end)
            and (looks_like_headline(line) or looks_like_own_title(line)))):
        return len(line), "title"
    numbered = _NUMBERED.fullmatch(line)
    if numbered:
        title = numbered.group(1)
        if words <= 12 and not _INNER_BREAK.search(title) and not title.endswith((".", ",", ";")):
            return len(line), "tip"
        return None
    if (
        line.endswith("?")
        and words <= 16
        and len(line) <= 120
        and line[0].isupper()
        and not _INNER_BREAK.search(line)
        and not _RUNS_ON.match(line)
    ):
        return len(line), "question"
    if (
        words <= 18
        and len(line) <= 120
        and _title_case(line)
        and _no_sentence_end(line, words)
        and not _STATEMENT_BREAK.search(line)
    ):
        return len(line), "heading"
    return None


def _opens_sentence(rest: str) -> bool:
    """Whether ``rest`` opens a sentence: a capital, or a quotation mark then a capital."""
    return rest.lstrip().lstrip("\"'“‘«")[:1].isupper()


def _in_numbered_list(text: str, paragraphs: list[tuple[int, int]], i: int) -> bool:
    """Whether the line before or after ``i`` is another numbered line (asked of a text written
    one paragraph per line, where a list's items are lines of their own)."""
    return any(0 <= j < len(paragraphs) and _NUMBERED.fullmatch(text[slice(*paragraphs[j])])
               for j in (i - 1, i + 1))


def _plain_heading(text: str, paragraphs: list[tuple[int, int]], i: int,
                   heads: list[tuple[int, int, str]], meta: set[tuple[int, int]]) -> bool:
    """A heading written like a sentence ("4 ways to deal with a difficult coworker", "How to
    set a curfew"): a short line of its own without end punctuation, between prose. It must
    follow a paragraph that ends a sentence (or a heading, or a page's furniture such as "Get
    started »") and lead a paragraph of prose, so the items of a list ("Rent or mortgage" /
    "Groceries") and a list's lead-in stay body."""
    if i == 0 or i + 1 >= len(paragraphs):
        return False
    a, b = paragraphs[i]
    line = text[a:b]
    if not _heading_shaped(line):
        return False
    pa, pb = paragraphs[i - 1]
    after_heading = bool(heads) and heads[-1][0] == pa and heads[-1][1] >= pb
    if (not after_heading and not ENDS_SENTENCE.search(text[pa:pb]) and not _LISTICLE.match(line)
            and not _only_metadata(text, pa, pb, meta)):
        return False
    if _leads_prose(text[slice(*paragraphs[i + 1])]) or _over_list(text, paragraphs, i):
        return True
    # a heading over a sub-heading over prose ("Direct negotiation with a neighbour" / "Be
    # prepared" / "There are several ways..."), both of words only: a line with figures, a colon
    # or a comma is a list's or a letter's ("Partner B pays: £660", "Help, my teen has...")
    sub = text[slice(*paragraphs[i + 1])]
    return (i + 2 < len(paragraphs) and _heading_shaped(sub) and _WORDS_ONLY.fullmatch(line)
            is not None and _WORDS_ONLY.fullmatch(sub) is not None
            and _leads_prose(text[slice(*paragraphs[i + 2])]))


def _over_list(text: str, paragraphs: list[tuple[int, int]], i: int) -> bool:
    """Whether paragraph ``i`` stands right over a list of two items or more, each opened by a
    bullet or a number ("Top tips to prevent noise nuisance" / "- keep music low" / "- reduce
    the bass"): pages write a list's lead-in with a colon, and a line without one over the
    list, after a finished sentence, is the list's heading."""
    items = 0
    for a, b in paragraphs[i + 1:i + 3]:
        lines = text[a:b].split("\n")
        if not _LIST_LINE.match(lines[0]):
            break
        items += sum(bool(_LIST_LINE.match(x)) for x in lines)
    return items >= 2


def _heading_shaped(line: str) -> bool:
    """A short line that a plain heading could be: a capital or a digit first, no end
    punctuation, no sentence break."""
    return not (len(line.split()) > PLAIN_HEADING_WORDS or len(line) > 120 or "\n" in line
                or not line[0].isupper() and not line[0].isdigit()
                or line.endswith(_NOT_HEADING_ENDS) or _STATEMENT_BREAK.search(line))


def _leads_prose(after: str) -> bool:
    """Whether paragraph ``after`` is prose a heading leads: at least `PROSE_WORDS` words that
    end a sentence, lead into a list ("Here are some ways...:"), or end a clause after a
    finished sentence ("Be calm and friendly. Say you are glad you have got together to sort
    things out;")."""
    end = after.rstrip()
    return len(after.split()) >= PROSE_WORDS and bool(
        ENDS_SENTENCE.search(after) or end.endswith(":")
        or end.endswith(";") and _PROSE_BREAK.search(after))


def _no_sentence_end(line: str, words: int) -> bool:
    """Headings end without a period or comma; "All In All..." and long "…Everyone!" are fine."""
    if line.endswith(("...", "…")):
        return True
    if line.endswith("!"):
        return words >= 4
    return not line.endswith((".", ",", ";", ":"))


def _line_end(text: str, start: int, end: int) -> int:
    nl = text.find("\n", start, end)
    return end if nl < 0 else nl


def _only_metadata(text: str, start: int, end: int, meta: set[tuple[int, int]]) -> bool:
    """Whether every non-blank line of ``text[start:end]`` is a metadata line."""
    pos = start
    for line in text[start:end].split("\n"):
        a, b = trim(text, pos, pos + len(line))
        if a < b and (a, b) not in meta:
            return False
        pos += len(line) + 1
    return True


def _metadata_lines(text: str, paragraphs: list[tuple[int, int]], per_line: bool,
                    headings: set[int] = frozenset(), above: int = 0) -> list[tuple[int, int]]:
    """Whole lines that are bylines, date lines, URLs, image captions, a letter's signature or
    a saved page's furniture (`ingest.metadata.is_furniture`). ``per_line``: whether the text is
    written one paragraph per line (`one_paragraph_per_line`); there a short line under a
    sentence is as likely a heading ("Be Patient") as a name, so bare names are read
    only where lines wrap within paragraphs. ``headings``: where the headings the markup
    marks start (never a caption); ``above``: where the title the markup marks starts, above
    which a short line is the page's furniture. A photo credit opening a line of the article
    ("ADOBE STOCK/Stuff Some plants...") is a span of its own, or its whole line when that
    stands alone (a caption)."""
    top = paragraphs[_TOP_PARAGRAPHS][0] if len(paragraphs) > _TOP_PARAGRAPHS else len(text)
    captions = (paragraphs[_CAPTION_PARAGRAPHS][0] if len(paragraphs) > _CAPTION_PARAGRAPHS
                else len(text))
    alone = set(paragraphs)
    out = []
    rows: list[tuple[int, int, bool]] = []  # the non-blank lines near the top: (start, end, dated)
    credited = None  # the name the line above credited ("Writer: Jane Doe" over "Jane Doe")
    salutation = -1  # where the last line opening a letter ("Dear Barb:") starts
    before = None  # the non-blank line before
    # where the text's first line starts (not text[:x].strip() at every line: quadratic)
    opening = len(text) - len(text.lstrip())
    out += _menu_spans(text)  # a site's menu above the article
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if not line:
            continue
        lead = len(m.group()) - len(m.group().lstrip())
        span = (m.start() + lead, m.start() + lead + len(line))
        listed = line[0] in _ITEM_MARKS and line[1:2].isspace()
        if listed:  # "• Stuart Lawrence": in a list
            line = line[1:].lstrip()
        gap = text.count("\n", before[1], span[0]) if before else 0
        if (before and gap <= 2 and before[0] not in headings and furniture_above(
                text[before[0]:before[1]], line,
                heads_page=gap > 1 and before[0] == opening)):
            out.append(before)  # a picture's caption over its credit, a banner over its button
        prev, before = before, span
        byline = None
        if len(line) > _LONG_LINE:
            is_meta = False
        elif len(line) > 200:  # a cookie notice, a credit with its reviewer's biography run on
            is_meta = (is_furniture(line) or parse_byline(line) is not None
                       or credited_caption(line) is not None)
        else:
            byline = parse_byline(line)
            is_meta = (
                (byline is not None and (byline[1] is not None or m.start() < top
                                         or is_date_line(line)))
                or url_of(line) is not None
                or _CAPTION.fullmatch(line) is not None
                or is_photo_credit(line)
                or credited_caption(line) is not None
                or (m.start() < top and _CREDENTIALED_NAME.fullmatch(line) is not None)
                or (m.start() < top and _OUTLET_BYLINE.fullmatch(line) is not None)
                or is_furniture(line)
                or _SIGNATURE.fullmatch(line) is not None
                or _signed(text, prev, line)
                or (_TITLE_SIGNATURE.fullmatch(line) is not None and (
                    lead >= _SIGNATURE_INDENT
                    or prev is not None and text[prev[1] - 1] == "?"))
                or (span[0] not in headings
                    and _letter_signature(text, prev, span, line, salutation))
                or _epigraph_credit(text, prev, line)
                or line == credited
                or (m.start() < above and _short_caption(line))
                or (not listed and span[0] not in headings
                    and _alt_text(text, prev, span, line, headings))
                or (m.start() < top and not per_line and _bare_name_under(text, m.start(), line))
            )
        credited = byline[0] if byline else None
        if _GREETING.fullmatch(line) or _LETTER_OPENING.match(line):
            salutation = span[0]  # "Dear Barb:": a letter may follow
        if is_meta:
            out.append(span)
            if prev and _signed(text, prev, line):
                out.append(prev)  # "Love," over the name
        elif credit := _PHOTO_CREDIT.match(line):
            whole = span in alone and len(line) <= _CAPTION_CHARS
            out.append(span if whole else (span[0], span[0] + credit.end()))
        elif (len(line) <= _PIECES_LINE_CHARS and _MAY_SPLIT.search(line)
              and (_INLINE_MARK.search(line) or not ENDS_SENTENCE.search(line))):
            # a piece ends no sentence: without a "·" between pieces, only the last one may be
            out += _furniture_pieces(text, span)
        if m.start() < captions:
            rows.append((*span, bool(byline and byline[1])))
    meta = set(out)
    title = next((k for k, (a, b, _) in enumerate(rows) if (a, b) not in meta), -1)
    return (out + _top_captions(text, rows, meta, headings, title)
            + _title_copies(text, rows, title, headings, top))


def _alt_text(text: str, above: tuple[int, int] | None, span: tuple[int, int],
              line: str, headings: set[int]) -> bool:
    """Whether ``line`` (at ``span``) is a picture's alternative text pasted as a paragraph of
    its own (`_ALT_TEXT`): blank lines around it, right under the heading ``above`` or right
    over one (``headings``: where the headings the markup marks start); opening with a capital
    (`_ALT_TEXT_CAPITAL`), right over one only."""
    capital = _ALT_TEXT.fullmatch(line) is None
    if capital and _ALT_TEXT_CAPITAL.fullmatch(line) is None:
        return False
    if above is not None and text.count("\n", above[1], span[0]) < 2:
        return False
    gap = re.match(r"[^\S\n]*\n[^\S\n]*\n\s*", text[span[1]:span[1] + 200])
    if gap is None:
        return False
    over = span[1] + gap.end() in headings
    return over or (not capital and above is not None and above[0] in headings)


def _menu_spans(text: str) -> list[tuple[int, int]]:
    """The lines of a site's menu pasted above the article (`ingest.metadata.menu_lines`)."""
    spans: list[tuple[int, int]] = []
    gaps: list[bool] = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = trim(text, m.start(), m.end())
        if a == b:
            continue
        gaps.append(bool(spans) and text.count("\n", spans[-1][1], a) > 1)
        spans.append((a, b))
        if len(spans) >= _MENU_TOP_LINES:
            break
    return [spans[k] for k in sorted(menu_lines([text[a:b] for a, b in spans], gaps))]


def _furniture_pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentences of a short line that are a page's furniture or a date stamp, where the line
    as a whole is neither: its pieces set apart by "·" ("Yahoo 4 days ago · 6 min read" ->
    "6 min read", "Posted Sun 1 Aug 2021 at 6:05am"). A piece ends no sentence; a sentence of
    prose ("Learn more. Then decide.") is never one. The whole line when every piece is."""
    spans = sentence_spans(text, *span)
    if len(spans) < 2:
        return []
    found = [(x, y) for x, y in spans
             if not ENDS_SENTENCE.search(text[x:y])
             and (is_furniture(text[x:y]) or is_date_line(text[x:y]))]
    return [span] if len(found) == len(spans) else found


def _letter_signature(text: str, above: tuple[int, int] | None, span: tuple[int, int],
                      line: str, salutation: int = -1) -> bool:
    """Whether ``line`` (at ``span``) signs a reader's letter: a short line of capitalised words
    without punctuation ("Darlene in Tobermory", "– All Alone in Ohio", "MIL") right under the
    letter's question or plea (the line ``above`` ends in "?" or asks for help: "Please help."),
    or its plea and name on one line that the reply greets ("Help, Jamie." / "Hi Jamie:"),
    before the reply: the reply greets that
    name within its next two lines ("Hi Darlene, ...", "Chris says," / "Hi MIL!"), or the line
    opens with a dash and no list goes on under it, or a salutation ("Dear Barb:", at
    ``salutation``) opened the letter above and its writer asks of themselves (more "I", "my"
    than "you" in the line that asks). A heading under a question over prose ("Talk to him" /
    "Start by...") has none of these, nor has a list's dashed label over its item's body with
    the next label under that ("- Keep a Record" / "Ask your child…" / "- Talk to the School")."""
    if above is None:
        return False
    dash = _DASH.match(line)
    name = line[dash.end():] if dash else line
    plea = _PLEA_SIGNED.fullmatch(name)  # "Help, Jamie.": the plea and the name on one line
    if plea:
        name = plea.group("name")
    if len(name) > _SIGNED_AS_CHARS or not _SIGNED_AS.fullmatch(name):
        return False
    if not (plea or _ASKS.search(text, above[0], above[1])
            or _PLEADS.search(text, max(above[0], above[1] - _PLEA_CHARS), above[1])):
        return False
    after = _lines_after(text, span[1], _GREETING_REACH, 2)
    if not after:
        return False  # the article's last line: no reply under it
    words = {w.casefold().strip(".,!") for w in name.replace(",", " ").split()}
    if any((g := _GREETING.match(x)) and g.group("name").casefold() in words for x in after):
        return True
    if plea:
        return False  # signed so, only when the reply greets the name
    if dash:  # no list goes on under it: not its next line, nor the item after that line's
        # body ("- Keep a Record" / "Ask your child what happened…" / "- Talk to the School")
        return not any(_LIST_LINE.match(x) or _DASH.match(x) for x in after)
    if not 0 <= salutation <= above[0] < salutation + _LETTER_REACH:
        return False
    # the letter's writer asks of themselves; a reply's question asks the reader ("Is this
    # something you feel you can do?")
    asked = text[max(above[0], above[1] - _ASKER_CHARS):above[1]]
    return len(_FIRST_PERSON.findall(asked)) > len(_SECOND_PERSON.findall(asked))


def _lines_after(text: str, at: int, reach: int, count: int) -> list[str]:
    """The first ``count`` non-blank lines after the line holding ``at``, stripped, within
    ``reach`` characters of it. Read a line at a time: splitting all ``reach`` characters for
    every short line was 600 characters of work per line (2 MB of "a?" / "A" lines: minutes)."""
    stop = min(len(text), at + reach)
    out: list[str] = []
    k = text.find("\n", at, stop)
    while k >= 0 and len(out) < count:
        end = text.find("\n", k + 1, stop)
        line = text[k + 1:end if end >= 0 else stop].strip()
        if line:
            out.append(line)
        k = end
    return out


def _signed(text: str, above: tuple[int, int] | None, line: str) -> bool:
    """Whether ``line`` is the name signing a letter under its closing on the line ``above``
    ("Love," over "Ana")."""
    return (above is not None and text[above[1] - 1] == ","
            and _SIGNED_NAME.fullmatch(line) is not None
            and _VALEDICTION.fullmatch(text[above[0]:above[1]]) is not None)


def _epigraph_credit(text: str, above: tuple[int, int] | None, line: str) -> bool:
    """Whether ``line`` credits the quotation on the line ``above`` it (the span of the non-blank
    line before): a dash and a name, and what they wrote, that ends no sentence ("...between
    pleasure and pain.”" over "― Anne Fadiman, The Wine Lover's Daughter: A Memoir")."""
    return (above is not None and len(line) <= _ATTRIBUTION_CHARS
            and _EPIGRAPH_CREDIT.fullmatch(line) is not None and not ENDS_SENTENCE.search(line)
            and _AFTER_QUOTATION.search(text[above[0]:above[1]]) is not None)


def _top_captions(text: str, rows: list[tuple[int, int, bool]], meta: set[tuple[int, int]],
                  headings: set[int], title: int) -> list[tuple[int, int]]:
    """Captions and names between the title and the article, by how pages print them: a short
    line that ends no sentence printed twice in a row ("Fungus Gnat on sticky card", "Dr. Jane
    Doe"), both times, and the few short lines between two such pairs ("Mealy bugs"); a bare
    name right over a dated line ("Charlotte Mason" over "Thursday 22 September 2016 18:17");
    a byline printed without "By" right under the title, with a picture's description under the
    name (`ingest.metadata.bare_byline`).
    ``rows``: the non-blank lines near the top, (start, end, whether the line dates the
    article); ``title``: the title's row (the first line that is not metadata), which is never
    a caption, nor are marked headings."""
    twice: list[int] = []
    for k in range(len(rows) - 1):
        (a, b, _), (na, nb, dated) = rows[k], rows[k + 1]
        if (b - a <= _CAPTION_CHARS // 2 and text[a:b] == text[na:nb]
                and not ENDS_SENTENCE.search(text[a:b]) and not {a, na} & headings):
            twice += [j for j in (k, k + 1) if j != title]
        elif (dated and k != title and text.count("\n", b, na) == 1
              and BARE_NAME.fullmatch(text[a:b])):
            twice.append(k)
    under = [text[a:b] for a, b, _ in rows[title + 1:title + 4]] if title >= 0 else []
    twice += [title + 1 + j for j in range(bare_byline(under))
              if rows[title + 1 + j][0] not in headings]
    found = set(twice)
    pairs = sorted(found)
    for j, k in zip(pairs, pairs[1:]):  # the short lines between two pairs of captions
        between = range(j + 1, k)
        if 0 < len(between) <= _CAPTION_RUN and all(
                x != title and rows[x][0] not in headings
                and _short_caption(text[rows[x][0]:rows[x][1]]) for x in between):
            found.update(between)
    return [rows[k][:2] for k in sorted(found) if rows[k][:2] not in meta]


def _title_copies(text: str, rows: list[tuple[int, int, bool]], title: int,
                  headings: set[int], top: int) -> list[tuple[int, int]]:
    """Lines before ``top`` that repeat the title, or its part after a colon, in another case
    and ending no sentence: a page's tag line ("Dealing with Grief: When a Parent Dies" over
    "when a parent dies"). A copy written as a heading (Title Case, or marked) stays the
    article's own heading ("When Your Parent Dies"). ``rows`` and ``title`` as for
    `_top_captions`."""
    if title < 0:
        return []
    name = _MARKDOWN_MARKS.sub("", text[rows[title][0]:rows[title][1]])
    parts = {name, name.rpartition(":")[2].strip()}
    copies = {p.casefold() for p in parts}
    return [(a, b) for a, b, _ in rows[title + 1:]
            if a < top and a not in headings and text[a:b].casefold() in copies
            and text[a:b] not in parts and not ENDS_SENTENCE.search(text[a:b])
            and not _title_case(text[a:b])]


def _short_caption(line: str) -> bool:
    """A few words that end no sentence ("Mealy bugs", "csumealy")."""
    return len(line.split()) <= _CAPTION_WORDS and not ENDS_SENTENCE.search(line)


def _bare_name_under(text: str, start: int, line: str) -> bool:
    """Whether ``line`` (at ``start``) is an author's name printed without "By" right under the
    opening lines ("Learn how to handle the transition with grace.\nMichael Byers"): two or
    three capitalised words alone on the last line of a paragraph, directly under a finished
    sentence."""
    end = start + len(line)
    if (not BARE_NAME.fullmatch(line) or start < 2 or text[start - 1] != "\n"
            or text[end:end + 8].lstrip(" \t")[:2] not in ("", "\n", "\n\n")):
        return False
    above = text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip()
    return bool(above) and ENDS_SENTENCE.search(above) is not None


# a salutation opening a paragraph, with the letter or the reply on the same line ("Dear Torn:
# Your unemployed adult son...", "DEAR HARRIETTE: When I..."): the greeting is no one's advice
_OPENING_SALUTATION = re.compile(r"(?:Dear|DEAR)\s+[A-Z][\w’'.&\- ]{0,40}?:(?=[ \t]+[\"“‘']?[A-Z])")


def _opening_salutations(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The salutation opening a paragraph of a letter or a reply ("Dear Torn:" in "Dear Torn:
    Your unemployed adult son..."): set apart from the sentence it opens, so a quote of the
    reply starts at its advice, not at its greeting of one reader."""
    out = []
    for a, b in paragraphs:
        m = _OPENING_SALUTATION.match(text, a, b)
        if m:
            out.append((a, m.end()))
    return out


def _picture_captions(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The caption and credit lines printed right under a Markdown picture, in its paragraph
    ("![father and daughter](x.jpg)" / "Get serious about ... See more parenting pictures." /
    "Hemera Technologies/Thinkstock"): what the picture shows and who took it, not the
    article's words. How pages are written: a paragraph that opens with a picture alone on its
    line and goes on for at most `_PICTURE_CAPTION_LINES` lines of at most `_CAPTION_CHARS`.
    (Found by one pattern over the text, not paragraph by paragraph: a page of many pictures is
    read in linear time.)"""
    out = []
    for m in _PICTURE_PARAGRAPH.finditer(text):
        k = m.start()
        before = text[text.rfind("\n", 0, max(0, k - 1)) + 1:max(0, k - 1)] if k else ""
        if k and (text[k - 1] != "\n" or before.strip()):
            continue  # the picture does not open its paragraph
        pos = m.start("captions")
        for line in m.group("captions").split("\n"):
            if line.strip():
                out.append(trim(text, pos, pos + len(line)))
            pos += len(line) + 1
    return out


def _standfirst(text: str, paragraphs: list[tuple[int, int]], heads: list[tuple[int, int, str]],
                boiler: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What a page prints between its title and its first paragraph of prose, as pages are
    written: the standfirst (one line of at most `_STANDFIRST_WORDS` words right under the title:
    "What to do when conflict turns violent—and how to prevent it.") when the page's furniture
    (a picture, a byline, its tags) stands between it and the prose, and the page's tags and
    audience (a paragraph of short lines that end no sentence: "Ages 2-12" /
    "Sibling relationshipsAggression..."). Neither is advice. Only under a title the text
    opens with, and before any other heading; a paragraph of prose (`PROSE_WORDS` words at
    least, ending a sentence, and more than one sentence or longer than a standfirst) ends
    the search."""
    if not heads or heads[0][2] != "title":
        return []
    title_end = heads[0][1]
    meta = set(boiler)
    out: list[tuple[int, int]] = []
    others = {s for s, _, _ in heads[1:]}
    candidate = None  # the line right under the title
    furniture = False  # the page's furniture found under that line
    blocks: list[list[int]] = []  # the paragraphs, as blank lines set them apart (a run of
    for a, b in paragraphs[:_CAPTION_PARAGRAPHS * 2]:  # short lines may be read as a paragraph
        if blocks and text.count("\n", blocks[-1][1], a) <= 1 and a not in others:
            blocks[-1][1] = b
        else:
            blocks.append([a, b])
    tags_until = -1  # the end of a run of tag labels found under the title
    for k, (a, b) in enumerate(blocks):
        if b <= title_end or a < tags_until:
            continue
        if a < title_end or a in others:
            break  # the title's paragraph runs on, or the article's next heading
        run = _tag_run(text, blocks, k, others)
        if len(run) >= _TAG_RUN:
            # the page's tags, one label to a paragraph ("• Caregiver Wellness" / "• Mental
            # Health" / "• Self-Care"): a list of its topics' links, no advice
            out.extend(run)
            tags_until = run[-1][1]
            furniture = furniture or candidate is not None
            continue
        body = text[a:b]
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        if _only_metadata(text, a, b, meta):
            furniture = furniture or candidate is not None
            continue
        words = len(body.split())
        if (words >= PROSE_WORDS and PARAGRAPH_END.search(body)
                and (words > _STANDFIRST_WORDS or _INNER_BREAK.search(body.strip()))):
            # the article's prose: more than one sentence, or longer than a standfirst. A line
            # right under the title, one sentence that says the title again ("Supporting a
            # Grieving Coworker" / "Create a safe environment to support a grieving
            # coworker."), is its standfirst with no furniture between
            if candidate is not None and not furniture and _echoes(
                    text[heads[0][0]:title_end], text[candidate[0]:candidate[1]]):
                furniture = True
            break
        if len(lines) > 1 and all(len(ln.split()) <= _TAG_WORDS and not ENDS_SENTENCE.search(ln)
                                  and ln[-1] not in ",:;" and not _holds_picture(ln)
                                  and not _LIST_LINE.match(ln)
                                  for ln in lines):
            out.append((a, b))  # the page's tags: short lines, several to a paragraph
            furniture = furniture or candidate is not None
            continue
        if candidate is None and len(lines) == 1 and len(body.split()) <= _STANDFIRST_WORDS:
            candidate = (a, b)
            continue
        return []  # something else: the article has begun
    else:
        return []
    if candidate is not None and furniture:  # the furniture stands under it, over the prose
        out.append(candidate)
    return out


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STEM = 5  # letters of a word compared: "support" and "supporting", "grieve" and "grieving"
_ECHO_SHARE = 2 / 3  # of the title's words that matter, the standfirst says at least this share


def _stems(line: str) -> set[str]:
    return {w.lower()[:_STEM] for w in _TITLE_WORD.findall(line)
            if len(w) > 3 and w.lower() not in SMALL_WORDS}


def _echoes(title: str, line: str) -> bool:
    """Whether ``line`` is one short statement (fewer than `PROSE_WORDS` words: an opening
    sentence of prose is longer) that says the ``title`` again: at least two of the title's
    words that matter and `_ECHO_SHARE` of them, whatever their endings."""
    line = line.strip()
    if (not ENDS_SENTENCE.search(line) or _INNER_BREAK.search(line) or line.endswith("?")
            or len(line.split()) >= PROSE_WORDS):
        return False
    said = _stems(_MARKDOWN_MARKS.sub("", title.strip()))
    shared = len(said & _stems(line))
    return shared >= 2 and shared >= _ECHO_SHARE * len(said)


# How interviews are written, not any interview's words: each turn opens its line with its
# speaker's short label, one or two capitalised words or initials and a colon ("More: How
# awful...", "Joan Lunden: I am so...", "JL: Yes."), two speakers taking turns again and again
_SPEAKER = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w’'.&-]{0,20}(?: [A-Z][\w’'.&-]{0,20})?):[ \t]+(?=\S)", re.MULTILINE)
_INITIALS = re.compile(r"[A-Z]{1,4}")  # "JL" for "Joan Lunden"
INTERVIEW_TURNS = 3  # turns at least of each of the two speakers
MAX_INTERVIEW_TURNS = 2000  # labelled lines at most: an article's interview is far shorter
_TURNS_SHARE = 0.8  # of all labelled lines, the two speakers' turns are at least this share...
_TAKING_TURNS = 0.75  # ...and one speaker follows the other in at least this share of them


def _interview(text: str, paragraphs: list[tuple[int, int]]
               ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(the lines of an interviewer's turns, every speaker's label) of an interview, or two
    empty lists. An interview: lines opening with a speaker's short label (`_SPEAKER`), at
    least `INTERVIEW_TURNS` of each of two speakers (initials are the speaker whose name they
    abbreviate: "JL" is "Joan Lunden"), nearly all labelled lines theirs, one following the
    other. The interviewer is the speaker more of whose turns ask something ("?"), the first
    speaker when both ask as often; at least half of the interviewer's turns ask (two
    alternating labels that ask nothing, "Pros:" / "Cons:", are no interview). A turn runs to
    the next labelled line or to its paragraph's end. The labels are boilerplate, so the
    answer's first sentence starts after its label; the interviewer's lines are boilerplate
    and no heading, so no question is quoted or names a section."""
    found = list(itertools.islice(_SPEAKER.finditer(text), MAX_INTERVIEW_TURNS + 1))
    if not 2 * INTERVIEW_TURNS <= len(found) <= MAX_INTERVIEW_TURNS:
        return [], []  # (more labelled lines than that are a log or a table, not an article's)
    said = [m.group("label") for m in found]
    names = {x for x in set(said) if not _INITIALS.fullmatch(x)}
    initials = {"".join(w[0] for w in n.split()): n for n in names if " " in n}
    who = [initials.get(x, x) for x in said]
    counts = Counter(who).most_common(2)
    if len(counts) < 2 or counts[1][1] < INTERVIEW_TURNS:
        return [], []
    if counts[0][1] + counts[1][1] < _TURNS_SHARE * len(who):
        return [], []
    pair = {counts[0][0], counts[1][0]}
    mine = [k for k, w in enumerate(who) if w in pair]  # the two speakers' turns
    theirs = [who[k] for k in mine]
    if sum(map(operator.ne, theirs, theirs[1:])) < _TAKING_TURNS * (len(theirs) - 1):
        return [], []
    # where each turn stands: it runs to the next labelled line or to its paragraph's end
    spans = [m.span() for m in found]
    p_starts, p_ends = [a for a, _ in paragraphs], [b for _, b in paragraphs]
    nexts = [x for x, _ in spans[1:]] + [len(text)]
    ends = [min(p_ends[max(0, bisect.bisect_right(p_starts, x) - 1)], n)
            for (x, _), n in zip(spans, nexts)]
    asks = [text.find("?", w, e) >= 0 for (_, w), e in zip(spans, ends)]  # asks something
    share = {w: sum(asks[k] for k in mine if who[k] == w) / counts[j][1]
             for j, w in enumerate((counts[0][0], counts[1][0]))}
    first = theirs[0]
    other = (pair - {first}).pop()
    interviewer = other if share[other] > share[first] else first
    if share[interviewer] < 0.5:
        return [], []
    labels = [(spans[k][0] + len(text[spans[k][0]:spans[k][1]])
               - len(text[spans[k][0]:spans[k][1]].lstrip(" \t")), spans[k][1]) for k in mine]
    asked = []
    for k in mine:
        if who[k] != interviewer:
            continue
        x, e = spans[k][0], ends[k]
        turn = text[x:e]
        if "\n" not in turn.rstrip():  # one line, as most turns are
            asked.append(trim(text, x, e))
            continue
        for line in turn.split("\n"):
            span = trim(text, x, x + len(line))
            if span[0] < span[1]:
                asked.append(span)
            x += len(line) + 1
    return asked, labels


_TAG_RUN = 2  # paragraphs at least, one short label each
_TAG_LABEL_WORDS = 4  # a tag's label is no longer


def _tag_run(text: str, blocks: list[list[int]], k: int, others: set[int]) -> list[tuple[int, int]]:
    """The run of paragraphs from ``blocks[k]`` on that are each one tag's label: one line of
    at most `_TAG_LABEL_WORDS` words in Title Case, bulleted or not, ending no sentence or
    clause, no heading."""
    out: list[tuple[int, int]] = []
    for a, b in blocks[k:]:
        line = text[a:b].strip()
        label = line.lstrip(_ITEM_MARKS + "-–— \t")
        if (a in others or "\n" in line or not label or len(label.split()) > _TAG_LABEL_WORDS
                or label[-1] in ".!?…,:;" or not _title_case(label)):
            break
        out.append((a, b))
    return out


def _author_boxes(
    text: str, paragraphs: list[tuple[int, int]], heads: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """An "About the Author" line and the bio paragraph right after it (if not a heading)."""
    head_starts = {s for s, _, _ in heads}
    out = []
    for i, (a, b) in enumerate(paragraphs):
        if _AUTHOR_BOX.fullmatch(text[a:b]):
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            out.append((a, nxt[1] if nxt and nxt[0] not in head_starts else b))
    return out


def _prompt_sentences(
    text: str,
    paragraphs: list[tuple[int, int]],
    heads: list[tuple[int, int, str]],
    meta_lines: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Sentences that are sign-offs, comment/share prompts or the attribution of a quotation
    (just those sentences)."""
    heading_ends = {s: he for s, he, _ in heads}
    breaks = sorted({x for span in meta_lines for x in span})
    out = []
    for a, b in paragraphs:
        start = heading_ends.get(a, a)
        # only the breaks inside this paragraph: all of them, for every paragraph, made an
        # article of many byline lines quadratic (400 KB: 21 s)
        lo, hi = bisect.bisect_right(breaks, start), bisect.bisect_left(breaks, b)
        attributed = -1  # the end of a quotation's attribution, once one is found
        last = None  # the sentence before, in this paragraph
        for x, y in sentence_spans(text, start, b, breaks[lo:hi]):
            sentence = text[x:y]
            if x >= attributed:
                attributed = _attribution(text, start, x, b)
            if _WRITE_IN.search(sentence):
                out.append((x, y))
                if last and _WRITE_IN_ASK.fullmatch(text[last[0]:last[1]].strip(" \t*_")):
                    out.append(last)  # "Have a question?": the call to write in it opens
            elif (_SIGN_OFF.search(sentence) or _SHARE_PROMPT.search(sentence)
                    or _PITCH.search(sentence) or _PAGER_TEASER.search(sentence)
                    or _link_words_only(sentence)
                    or (x < attributed and "\n" not in sentence.strip())):
                out.append((x, y))
                if (_PAGER_TEASER.search(sentence) and last
                        and text[last[0]:last[1]].rstrip().endswith("?")):
                    out.append(last)  # the question the next page answers: its teaser
            last = (x, y)
    return out


# How columns are written, not any column's words: a line that asks the reader to write in to
# the site ("Have a question? Send it to [email protected]!", "Email your questions to
# advice@example.com", "Submit yours to us") speaks of the column, never advises. It names where
# to: "us", an e-mail address (or a saved page's "[email protected]" in its place) or a site.
_ADDRESS = (r"(?:us\b|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:\s|&#160;)protected\]"
            r"|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co|io)\b)")
# What is sent must be named ("it", "your questions") or sent to "us": "or write to
# help@example.org" in advice names where to get help, not the column's mailbox.
_WRITE_IN = re.compile(
    r"(?i)\b(?:send|e-?mail|submit|mail|write)\s+(?:it|them|yours|(?:(?:us|me)\s+)?your\s+"
    r"(?:own\s+)?(?:questions?|letters?|stor(?:y|ies)|dilemmas?|problems?))\s+(?:in\s+)?"
    rf"(?:to|at)\s+{_ADDRESS}"
    r"|\b(?:send|e-?mail|submit|mail|write)\s+(?:in\s+)?(?:to|at)\s+us\b"
    rf"|\b(?:e-?mail|write\s+to|contact)\s+us\s+at\s+{_ADDRESS}")
# ...and the short question that opens it ("Have a question?", "Got a dilemma for our experts?")
_WRITE_IN_ASK = re.compile(r"(?i)(?:have|got|do\s+you\s+have)\s+(?:a|an|any)\s+[^.!?\n]{0,60}\?")

# A column's labels: "Q:" over the reader's letter and "A:" over the answer, in Markdown's bold
# or not ("**Q:**", "**A:**", "A:"), opening their lines. A speaker's label is never part of what
# is quoted: each is boilerplate of its own, so the answer's first sentence starts after it. Only
# where the page has both, a "Q:" first.
_COLUMN_LABEL = re.compile(
    r"^[ \t]{0,3}(?P<label>(?:\*\*|__|\*|_)?(?P<qa>Q|A|Question|Answer|QUESTION|ANSWER)"
    r"(?:\*\*|__|\*|_)?:(?:\*\*|__|\*|_)?)(?=[ \t]+\S)", re.MULTILINE)


def _column_labels(text: str) -> list[tuple[int, int]]:
    """The spans of a column's "Q:" and "A:" labels (`_COLUMN_LABEL`), when a "Q:" comes before
    an "A:"."""
    found = list(itertools.islice(_COLUMN_LABEL.finditer(text), MAX_INTERVIEW_TURNS + 1))
    if len(found) > MAX_INTERVIEW_TURNS:
        return []
    kinds = [m.group("qa")[0].upper() for m in found]
    if "Q" not in kinds or "A" not in kinds[kinds.index("Q"):]:
        return []
    return [m.span("label") for m in found]


# An editor's note: a paragraph that opens with its label ("*Editor's Note: Strong relationships
# are at the core of ... this advice column ...*", "Editor's note: This story was updated...")
# speaks of the page, not to its question: the whole paragraph is furniture
_EDITOR_NOTE = re.compile(
    r"[ \t]*[*_]{0,3}(?i:editor['’]?s['’]?\s+note|note\s+from\s+the\s+editors?)[*_]{0,3}\s*[:.—–-]")


def _editor_notes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs that are an editor's note (`_EDITOR_NOTE`)."""
    return [trim(text, a, b) for a, b in paragraphs if _EDITOR_NOTE.match(text, a, b)]


# a link alone, its words in brackets, with its address or not ("[Learn more.](https://...)",
# "[Read more]"): a sentence of its own at the end of a pitch or a teaser
_LINK_ONLY = re.compile(r"\[([^\[\]\n]{1,80})\](?:\([^()\s]{0,2000}\))?")


def _link_words_only(sentence: str) -> bool:
    """Whether ``sentence`` is only a link whose words are a page's furniture ("[Learn
    more.](https://...)": `is_furniture` reads "Learn more"), never advice."""
    m = _LINK_ONLY.fullmatch(sentence.strip())
    return m is not None and is_furniture(m.group(1).strip().rstrip(".!:…» "))


def _attribution(text: str, start: int, x: int, b: int) -> int:
    """The end of the attribution that starts at ``x``, in the paragraph ``text[start:b]``,
    or -1: the rest of the line names who said the quotation right before it ("...with love
    and respect." LAUREN BLOOM, JD, author of Art of the Apology). A short line that ends no
    sentence, after a closing quotation mark; read whole, because a book's title in it may
    hold a "?" ("author of Now What? A Guide to..."). Quoted alone it says nothing; the
    quotation itself stays quotable."""
    reach = min(b, x + _ATTRIBUTION_REACH)
    end = text.find("\n", x, reach)
    if end < 0 and reach < b:  # a longer line
        return -1
    end = reach if end < 0 else end
    line = text[x:end].strip()
    if (0 < len(line) <= _ATTRIBUTION_CHARS and (line[0].isupper() or line[0] in "—–-")
            and not ENDS_SENTENCE.search(line)
            and _AFTER_QUOTATION.search(text, max(start, x - _QUOTE_TAIL), x) is not None
            and not _PROSE_BREAK.search(line)):
        return end
    return -1
