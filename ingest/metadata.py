"""Title, author, date and url as the article itself states them; None where it doesn't.

Only what is written is taken: a byline ("Last updated on June 8, 2022 by April Maccario",
"By Jane Doe", "Posted on 2023-05-15", a web page's "Jane Doe · Jan 4, 2026 · 10 min read" or
"Yahoo 4 days ago · 6 min read" (a relative date dates a byline, but gives no date), a
bare name under the title over the page's reading time) or a bare date line near the top, a URL
line near the top or bottom, and the first line as the title when it looks like one. Nothing is
guessed (a bare "About the Author" line names nobody). A page's furniture is never its title: a
skip link ("top of page"), a link's words ("Read about"), a breadcrumb over the headline ("1.
Health"), a banner cut mid-phrase ("Trusted Leaders In the"), a picture's caption over its
credit ("Fuse/Getty Images"), a banner's question over its button ("Start here"). A page's first
line set apart from a credit under it is its title ("How to Stop a Friendship From Drifting
Apart" over "John Howard/Digital Vision/Getty Images").
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from ingest.sentences import WRAP_MIN_WORDS, wraps_on

_MONTH_ABBREVIATIONS = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_MONTHS = {m: i for i, m in enumerate(_MONTH_ABBREVIATIONS, 1)}  # "jan" -> 1
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|del|der|van|von|la|le)){0,4}"
_WHEN = (r"(?i:(?:last\s+)?(?:updated|modified|posted|published|written)(?:\s+on|\s+date)?|date)"
         r"\s*:?\s*")
_SEP = r"\s*(?:[|·•—–,-]|(?i:by|on))\s*"
# "June 8, 2022", "Last updated on June 8, 2022 by April Maccario", "Posted on 2023-05-15"
_DATE_LINE = re.compile(rf"(?:{_WHEN})?(?P<date>{_DATE})(?:{_SEP}(?P<author>{_NAME}))?")
# what may follow a name: credentials or a role ("Jane Doe, PhD, RD", "Fredda Wasserman,
# Contributor"); a longer role is written in Title Case ("Paige Marley, Employment and Training
# Consultant, Youth and Young Adults"), where a sentence after a comma is not ("By Friday, make
# sure you have a plan")
_ROLE_WORD = r"(?:[A-Z][\w.’'-]*|and|of|for|the|in|at|on|to|&)"
_CREDENTIALS = (r"(?:,\s*(?:[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2}"
                rf"|[A-Z][\w.’'-]*(?:\s+{_ROLE_WORD}){{3,7}})){{0,4}}")
# "By Jane Doe", "Written by: Jane Doe | May 15, 2023", "By Fredda Wasserman, Contributor",
# "Writer: Amanda Babcock"
# ...or a site's team: "Written by Logarty editorial team", "By the Mayo Clinic Staff" (pages name
# a team in a byline so: the site's name, then "editorial team", "staff", "desk"; a newspaper's
# unnamed writer: "By Herald reporter")
_TEAM = (r"(?:(?i:the)\s+)?" + _NAME + r"(?:\s+&\s+" + _NAME + r")?"  # "Brain & Spine Team"
         r"(?:\s+(?i:editorial|editors|content|news|web|writing))?"
         r"\s+(?i:team|staff|desk|editors|writers|reporters?|correspondents?)")
_BY_LINE = re.compile(
    rf"(?i:by|written\s+by|posted\s+by|author|writer)\s*:?\s+(?P<author>{_TEAM}|{_NAME})"
    rf"{_CREDENTIALS}"
    rf"(?:{_SEP}(?:{_WHEN})?(?P<date>{_DATE}))?"
    # the blog's category after the name ("Posted by Dr. Jen · Behavior")
    r"(?:\s*[|·•]\s*[A-Z][\w&'’ -]{0,30})?"
)
# a byline whose name or date the page filled in with nothing: "in Legal Issues on by",
# "Updated by , Attorney"
_EMPTY_BYLINE = re.compile(
    r"(?i:(?:(?:posted|updated|written|published|edited|reviewed)\s+)?"
    r"(?:in\s+[\w&'’ -]{1,40}?\s+)?(?:on\s+)?by\s*(?:,\s*[\w. ]{1,30})?)"
)
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")  # Markdown's bold and italics around a name
# who reviewed, checked or edited the article, not who wrote it: "Medically reviewed by Jane
# Doe, PharmD and John Roe, PhD", "Edited By: Kristen Osborne", "Fact checked by Jane Doe"
_CREDIT_LINE = re.compile(
    rf"(?i:(?:medically|clinically|expertly|professionally|fact)[\s-]+)?"
    rf"(?i:reviewed|checked|fact[\s-]+checked|edited|illustrated|photographed)\s+(?i:by)\s*:?\s+"
    rf"{_NAME}{_CREDENTIALS}(?:\s+(?i:and|&)\s+{_NAME}{_CREDENTIALS})?"
    rf"(?:{_SEP}(?:{_WHEN})?{_DATE})?"
)
# ...and such a credit with the reviewer's biography run on ("Medically reviewed by Jane Doe,
# Certified Dementia PractitionerJane Doe is the owner of..."): the qualifier says so, where a
# plain "Reviewed by her therapist, the plan made sense." stays prose
_QUALIFIED_CREDIT = re.compile(
    r"(?i:(?:medically|clinically|expertly|professionally)[\s-]+reviewed|fact[\s-]*checked)"
    rf"\s+(?i:by)\s*:?\s+{_NAME}"
)
_CREDIT_CHARS = 200  # the credit fits in this; the rest of its line is not read
_BYLINE_CHARS = 160  # a whole byline fits in this
# a news page's time stamp: "03/19/2014 10:32 pm ET Updated May 19, 2014", "Thursday 22
# September 2016 18:17", "fact checked on December 19, 2023"
_NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,4})?"
_WEEKDAY = (r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
            r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+")
_CHECKED = r"(?i:fact[\s-]*checked|reviewed)(?i:\s*on)?\s*:?\s*"  # dates it, names no author
# how long ago the page was posted, as a news page dates it: "4 days ago", "an hour ago",
# "Updated 2 hrs ago"; it gives no date
_RELATIVE_DATE = (r"(?i:(?:\d{1,3}|an?|one)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?"
                  r"|days?|w(?:ee)?ks?|months?|mos?|y(?:ea)?rs?)\s+ago|yesterday|just\s+now)")
_STAMP_LINE = re.compile(
    rf"(?:(?:{_WHEN}|{_CHECKED})?(?:(?:{_WEEKDAY})?(?:{_DATE}|{_NUMERIC_DATE})"
    rf"(?:,?\s+(?i:at\s+)?{_TIME})?|{_RELATIVE_DATE})"
    r"\s*(?:[|·•—–,-]\s*)?){1,3}"
)
# how long the page takes to read: "10 min read", "21 minute read", "Reading time: 5 minutes"
# ("3 min read", "3 mins to read")
_READ_TIME = (r"\d{1,3}\s*-?\s*(?i:min(?:ute)?s?|hrs?|hours?)\.?\s*(?i:(?:to\s+)?read|reading\s+time)"
              r"|(?i:(?:estimated\s+)?reading\s+time)\s*:?\s*\d{1,3}\s*(?i:min(?:ute)?s?)\.?")
# a web page's byline in parts set apart by · | • or ". ": "Potting Corner Team · Jan 4, 2026 ·
# Updated Jan 11, 2026 · 10 min read", "On Behalf of | May 6, 2024 | Child Custody" (a law
# firm's, its name left out), "21 minute readLast updated December 19, 2023", "By Beverly
# Harzog. Last updated 8 July 2014. 5 comments"
_PART_BREAK = re.compile(r"\s*[|·•]\s*|(?:(?<=[a-z]{2})|(?<=\d{4}))\.\s+(?=[A-Z\d])")
_COMMENT_COUNT = re.compile(r"\d{1,5}\s+(?i:comments?|responses?|replies)")
_READ_TIME_PART = re.compile(_READ_TIME)
# a web page's byline whose parts only spaces set apart (its spans, read as one line): "By
# Property Desk Thu Aug 19 2021 - 05:00 3 min read", "By Kate Miller Reviewed by a licensed
# family therapist Published January 31, 2023 4 min read": after the name, a date stamp, who
# reviewed it (a few words) and how long it takes to read, at least one of them
_SPACED_BYLINE = re.compile(
    rf"(?i:by)\s+(?P<author>{_NAME})(?:\s+(?:(?:{_WHEN})?(?:(?:{_WEEKDAY})?{_DATE}"
    rf"(?:\s*[-–,]?\s*{_TIME})?|{_RELATIVE_DATE})|{_READ_TIME}"
    r"|(?i:(?:medically\s+|fact[\s-]+)?(?:reviewed|checked|edited)\s+by)(?:\s+[\w.,'’-]+){1,6}?))+"
)
# ...and one without "By": the writer's name run on into the date stamp, the time and how long
# it takes to read, the spans of an author box read as one line ("Amanda Capritto Jan. 5, 2024
# 5:00 a.m. PT 7 min read"): a date and a reading time both, so a name and a date in a sentence
# ("Maria Lopez Jan. 5, 2024 was the day...") is not one
_NAMED_SPACED_BYLINE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:{_WHEN})?(?:{_WEEKDAY})?(?:{_DATE}|{_NUMERIC_DATE})"
    rf"(?:\s*[-–,·|]?\s*{_TIME})?\s*[-–,·|]?\s*(?:{_READ_TIME})")
# a date stamp run on into the page's tags, the two spans read as one line ("January 8, 2024
# Topics: Quitting smoking & vaping, E-cigarettes")
_DATED_TAGS = re.compile(
    rf"(?:{_WHEN})?(?P<date>{_DATE})\s*[-–,·|]?\s*(?:(?:related|article|post)\s+)?"
    r"(?i:tags|topics|categories|filed\s+under|tagged(?:\s+with)?)\s*:\s*[^.!?\n]{1,200}")
_READ_TIME_GLUED = re.compile(rf"(?:{_READ_TIME})(?=[A-Z])")
_ON_BEHALF = re.compile(rf"(?i:on\s+behalf\s+of)(?:\s+{_NAME})?")
_CATEGORY = re.compile(r"[A-Z][\w&'’/ -]{0,40}")  # the blog's category: "Child Custody"
_NAME_PART = re.compile(rf"[A-Z][\w'’.-]*\s+{_NAME}")  # a name of two words or more
# a byline's first part: the writer's or the site's name run on into the date stamp ("Yahoo 4 days
# ago", "Jane Doe Jan 4, 2026")
_NAMED_STAMP = re.compile(
    rf"(?P<name>{_NAME})\s+(?:(?:{_WHEN})?(?:{_WEEKDAY})?(?:{_DATE}|{_NUMERIC_DATE})"
    rf"|(?:{_WHEN})?{_RELATIVE_DATE})")
# a person's name alone on a line: two or three capitalised words or initials ("Michael Byers",
# "Mary J. Blige")
NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)"
BARE_NAME = re.compile(NAME_WORD + r"(?: " + NAME_WORD + r"){1,2}")
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")  # a numbered list item's number
_LIST_MARK = " \t•·*-–—"  # before a byline or furniture in a list ("• Written By: Mary McMahon")
# (the spaces around the colon are taken whole, possessive: "Source", 16,000 spaces and "X" as
# an article's first line, read as a menu's line at any length, took 11 s to load, the square
# of the run; twenty-fifth audit)
_URL_LINE = re.compile(
    r"(?i:(?:url|source|link|originally published (?:at|on))\s*+:?\s*+)?"
    r"<?(?P<url>https?://[^\s<>]+?)>?"
)
_TEXT_DATE = re.compile(_DATE)
# a stop before a capital ends a sentence, but not after an abbreviation of a title or a common
# short form ("Essential Conversations with Dr. Amy: What to do...", "Kramer vs. Kramer"): a
# headline may name someone so
_ABBREVIATIONS = ("Dr Mr Mrs Ms Mx St Mt Jr Sr Prof Rev Hon Sen Rep Gov Pres Capt Sgt Lt Col Gen "
                  "Fr vs etc")
# (the look-behinds stand after the stop, so that only a stop is looked behind: linear)
_NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS.split())
_SENTENCE_BREAK = re.compile(r"[.!?…]" + _NOT_AFTER_ABBREVIATION + r"\s+[A-Z]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\Z")
# a title ends a phrase: "Trusted Leaders In the" is a banner cut where its line wrapped
_UNFINISHED = re.compile(r"\s(?i:the|a|an|and|or)\Z")
# a breadcrumb over the headline: "1. Health"
_BREADCRUMB = re.compile(r"\d{1,2}[.)]\s+\S+(?:\s+\S+){0,2}")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s")

# an affiliate disclosure: "Some links here may be affiliate links", "Simplify Plants is
# reader-supported", "We may earn a commission"
_DISCLOSURE = (
    r"\b(?:links?\s(?:[\w ]{0,30}?\s)?(?:are|is|may\s+be|might\s+be|could\s+be)\s+affiliate"
    r"\s+links?"
    r"|(?:post|article|page|site|guide)\s+(?:may\s+)?(?:contains?|includes?|uses?)\s+affiliate"
    r"\s+links?|is\s+reader[\s-]supported"
    r"|(?:we|i)\s+(?:may\s+|might\s+|could\s+)?(?:earn|receive|get|make)\s+(?:a\s+)?(?:small\s+)?"
    r"(?:commission|compensation)|as\s+an\s+amazon\s+associate"
    # a card or product site's: "...from credit card companies from which Wise Bread receives
    # compensation. This compensation may impact how and where products appear on this site"
    r"|from\s+which\s+(?:[\w'’&-]+\s+){1,4}(?:may\s+)?receives?\s+compensation"
    r"|compensation\s+may\s+impact\s+how\s+and\s+where\s+products\s+appear"
    # a site's note on its ads and picks: "Advertising on our site helps support our mission.
    # We do not endorse non-... products or services.", "We carefully vet all products and
    # services featured on ... using our commerce guidelines. ...the commissions earned from
    # our links."
    r"|advertising\s+on\s+(?:our|this)\s+(?:web\s*)?site\s+helps?\s+(?:to\s+)?support"
    r"|(?:we|i)\s+do\s+not\s+endorse\s+(?:[\w'’-]+\s+){0,3}products"
    r"|(?:using|under|per)\s+our\s+commerce\s+guidelines"
    r"|commissions?\s+earned\s+from\s+(?:our|these|the)\s+links)\b"
)
# a cookie notice: "Our Privacy/Cookie Policy contains detailed information about..."
_COOKIES = (r"\b(?:cookie\s+(?:policy|notice|settings|preferences)|accept\s+all\s+cookies"
            r"|(?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies)\b")
_FURNITURE_CHARS = 600  # no line of furniture is longer
# a line of the page's rights: a copyright mark and its year, or "All rights reserved", with the
# owner's name and a few words around them (whose line it is, not advice)
_RIGHTS = (r"(?:[^.!?\n]{0,80}?(?:©|(?i:copyright))\s*(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?"
           r"|[^\n]{0,200}?(?i:all\s+rights\s+reserved))[^\n]{0,200}")
_SHARE_ON = r"share\s+on\s+(?:pinterest|facebook|twitter|x|linkedin|whatsapp|reddit|email)"
# a button alone on its line, what a banner's question leads to ("Seeking support for ...?" /
# "Start here")
_CALL_TO_ACTION = (r"(?:start\s+here|get\s+started|sign\s+up(?:\s+now)?|subscribe(?:\s+now)?"
                   r"|shop\s+now|(?:sign|log)\s*(?:in|out)"
                   # a newsletter's: "Want More?" over "Get the Kitchn Daily in your inbox."
                   # (what is sent, up to 60 characters, between runs of spaces; each run is
                   # taken whole and what is sent runs from a non-space to a non-space, or,
                   # between spaces only, is one space: trying every split of long runs of spaces
                   # between the three took 0.8 s for one line of 600 characters)
                   r"|want\s+more\s*[?!.]?|(?:get|receive)(?:\s++[^.!?\n]{1,60}?(?<=\S)"
                   r"|\s\n*+[^\S\n])\s++(?:delivered\s+)?(?:to|in|into)\s+your\s+inbox\s*[.!]?)")
# a site's phone banner: "Call (855) 863-8283 to speak with a Family Advisor", "Call us toll-free
# at 1-800-555-0100": a call to a full phone number (seven digits at least; "Call 911" is advice)
# and what the call is for, on a line that ends no sentence (a sentence of the article that
# gives a helpline ends in its full stop and stays quotable)
_PHONE = r"(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
_PHONE_BANNER = (r"call(?:\s+us)?(?:\s+(?:now|today|toll[\s-]free|free))?(?:\s+(?:at|on))?\s+"
                 rf"{_PHONE}(?:\s+(?:to|for|and|now|today)\b[^.!?\n]{{0,80}})?")

# the heading over a page's links to its other pages: "Related Articles", "Recent Posts", "More to
# Explore", "You May Also Like"
_LINKS_HEADING = (
    r"(?:related|recommended|popular|recent|latest|trending|similar)\s+(?:articles|posts?|stories"
    r"|reading|reads|guides)|more\s+(?:articles|posts|stories|to\s+explore|like\s+this)"
    r"|you\s+(?:may|might)\s+also\s+(?:like|enjoy)|most\s+(?:read|popular|viewed)|read\s+next"
    r"|keep\s+reading"
    # ...a question-and-answer page's end, where its answer stops and its links to other
    # questions and its own services begin: "Ask your next question", "Students who ask this
    # question also asked"
    r"|\+?\s*ask\s+your\s+next\s+question"
    r"|(?:students|people|users|others)\s+who\s+(?:ask(?:ed)?|view(?:ed)?)\s+this\s+question"
    r"\s+also\s+(?:asked|viewed)"
    # ...or the line leading into them: "Here are a few articles that may help you:"
    r"|(?:here\s+are\s+)?(?:a\s+few\s+|some\s+)?(?:other\s+|more\s+)?(?:articles|posts|stories"
    r"|guides|resources)\s+(?:that|which)\s+(?:may|might|could|will)\s+(?:help|interest)\s+you")


# a saved page's furniture, a whole line wherever it stands: "Print this Article", "Save
# Article", "Improve Article", "Article Details", "Advertisement", a skip link ("Skip to
# content", "top of page"), how long it takes to read, "Comments", a teaser for another page
# ("...for 10 minutes.  more...", "Read more »", "RELATED: ...", "Also read: ..."), a call to
# action ("Get started »"), a breadcrumb trail ("Home › Caregiver Wellness › Grief and Loss", or
# with two ">" at least: "Home > Career Corner: Interviews > How to Answer..."), an affiliate
# disclosure, a cookie notice, a site builder's "Writer's picture", a paywall's box, the page's
# tags ("Related topics: ..."), its rights ("© 2011 ... All rights reserved."), a pager, a link's
# words ("Read about"), a share button ("ShareThis", "Pin it"), a quiz's button, an icon's name
# ("Arrow Icon."), a logo's ("HelpGuide Logo")
_FURNITURE = re.compile(
    r"(?i:(?:print|e-?mail|share|save|bookmark|cite|improve)\s+(?:this\s+)?"
    r"(?:article|page|post|story)"
    r"|article\s+details|advertisement"
    r"|(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+|primary\s+)?(?:content|navigation|nav|menu"
    r"|search|footer|sidebar|recipe|comments|article|section)\b.{0,30}|jump\s+to\s*(?:…|\.{3}|:)"
    r"|(?:back|return|go)\s+to\s+(?:the\s+)?top(?:\s+of(?:\s+the)?\s+page)?\W{0,3}"
    r"|top\s+of(?:\s+the)?\s+page"
    r"|printer[\s-]friendly(?:\s+version)?"
    rf"|(?:{_LINKS_HEADING})\s*:?|(?:related|recommended|popular)\s+(?:articles|posts?|stories"
    r"|reading)\s*:.*"
    r"|(?:related|also\s+read|read\s+(?:more|also|next)|see\s+also|don['’]?t\s+miss|up\s+next)"
    r"\s*:\s*\S.{0,200}"
    r"|you\s+may\s+also\s+like|meta\s+description\s*:.*"
    # a link's words alone on a line: "Read about", "Learn more", "See also"
    r"|(?:read|learn)\s+(?:more\s+)?about|read\s+(?:more|next|also)|learn\s+more|see\s+also"
    r"|find\s+out\s+more"
    # a share button's label: "ShareThis", "Share on Pinterest", "Tweet", "Pin it"; or glued to a
    # picture's caption ("when to worry about a headacheShare on Pinterest")
    r"|share(?:\s*this)?|tweet(?:\s+this)?|pin\s+it"
    rf"|(?:.{{0,200}}?\S)?{_SHARE_ON}|{_SHARE_ON}(?:\S.{{0,200}})?"
    # a call to action: "Take a quiz to find out if you have ...", "Take our quiz", "Start here"
    r"|take\s+(?:a|our|the|this)\s+(?:[\w-]+\s+)?(?:quiz|test)\b.{0,120}"
    rf"|{_CALL_TO_ACTION}|{_PHONE_BANNER}"
    r"|(?:[\w-]+\s+){0,2}icon\.?"  # a picture's alternative text: "Tooltip Icon.", "Arrow Icon."
    # ...a site's logo ("HelpGuide Logo", "Acme Health logo") or a post's picture ("Post Image")
    r"|(?:[\w&'’.-]+\s+){0,3}logo\.?|(?:post|featured|hero|header|cover)\s+image"
    r"|(?:is|was)\s+this\s+(?:page|article|post)\s+(?:useful|helpful)\??"
    rf"|{_READ_TIME}"
    r"|(?:\d+\s+)?comments?(?:\s*\(\d+\))?"
    r"|(?:leave|add|post|view|show|hide|load)\s+(?:a\s+|the\s+|more\s+)?(?:comments?|reply)"
    r"|writer['’]s\s+picture.{0,80}"
    # a pager: "« Previous Page Page 2 of 2", "Page 8 of 11", "« PREV", "Next page" (a bare
    # "Next" may be a step's word)
    r"|(?:(?:[«‹]\s*)?(?:prev(?:ious)?|next)(?:\s+page)?(?:\s*[»›])?\s+)?"
    r"page\s+\d{1,4}\s+of\s+\d{1,4}"
    r"|[«‹]\s*(?:prev(?:ious)?|next)(?:\s+page)?|(?:prev(?:ious)?|next)(?:\s+page)?\s*[»›]"
    r"|(?:prev(?:ious)?|next)\s+page"
    # a teaser for another page in brackets: "[Read: 5 Keys to Injury-Free Running.]"
    r"|\[\s*(?:read|related|see|watch|listen|more)(?:\s+(?:more|also|next))?\s*:\s*[^\]\n]{1,200}\]"
    # a paywall's box: "This article is only available to subscribers.", "Subscribe today for €1
    # for the first 3 months. Cancel anytime.", "Subscribe Already a subscriber? Sign in"
    r"|(?:this\s+)?(?:article|story|content|page|post)\s+is\s+(?:only\s+)?(?:available|reserved)"
    r"\s+(?:only\s+)?(?:to|for)\s+(?:our\s+|paying\s+)?(?:subscribers|members)\W{0,3}"
    r"|subscribe\s+(?:today|now)\b.{0,200}"
    r"|(?:subscribe\s+)?already\s+(?:a\s+)?(?:subscriber|member)\s*\??\s*(?:sign|log)\s*in\W{0,3}"
    # the page's tags under the article: "Tags: beginner running, motivation, couch to 5k",
    # "Topics: Neighbours Noise How to", "Related topics: sleep toddlers"
    r"|(?:(?:related|popular|more|article|post)\s+)?(?:tags|topics|categories|filed\s+under"
    r"|tagged(?:\s+with)?)\s*:\s*[^.!?\n]{1,200}"
    # the page's rights: "© 2024 Site. All rights reserved.", "Copyright 2011 Hearst
    # Communications, Inc.", "Commentary © 2011 Hearst Communications, Inc. All rights reserved."
    rf"|{_RIGHTS}"
    rf"|.{{0,300}}?(?:{_DISCLOSURE}|{_COOKIES}).{{0,300}}"
    r"|[^.!?«‹\n]{1,60}?\s*(?:»|›)"
    r"|[^›»\n]{1,200}?(?:\s[›»]\s[^›»\n]{1,200}?){1,8}"  # a breadcrumb trail: "Home › Health"
    r"|[^>\n]{1,200}?(?:\s>\s[^>\n]{1,200}?){2,8}"  # ...and "Home > Jobs > Interviews"
    r"|.{0,300}?(?:^|\s)(?:read\s+)?more\s*(?:\.{3}|…|»|›|>>)"
    # ...or cut with an ellipsis before its link: "You also can adopt daytime habits…read more:"
    r"|.{0,300}?(?:…|\.{3})\s*read\s+more\s*:?"
    # a question-and-answer page's buttons and badges over its answer: "Question asked by ...
    # student" (the site's member who asked, no author), "Not the question you're searching
    # for?", "+ Ask your question", "Text solution", "Verified"
    r"|question\s+asked\s+by\s+[\w'’ -]{1,40}?\s+(?:student|user|member)s?"
    r"|not\s+the\s+question\s+you['’]?re\s+(?:searching|looking)\s+for\s*\??"
    r"|\+?\s*ask\s+(?:your|a)\s+question|(?:text|video)\s+solutions?"
    r"|verified(?:\s+(?:answer|solution))?"
    # where the page's text came from, no sentence: "source: Cleveland Clinic's Sleep Center"
    r"|sources?\s*:\s*[^.!?\n]{1,120}"
    # the page's list of works it drew on, numbered: "References: (1) National Association of
    # School Psychologists, Bullies and Victims … (2) American Psychological Association, …"
    r"|(?:references|sources|works\s+cited|citations|bibliography)\s*:?\s*(?:\(1\)|\[1\]|1\.)\s+[^\n]{1,560})"
)


def is_furniture(line: str) -> bool:
    """Whether ``line`` is a saved page's furniture, wherever it stands (`_FURNITURE`), as an
    item of a list too ("2. Advertisement")."""
    s = line.strip().lstrip(_LIST_MARK + "|")  # or after a bar: "|3 min read"
    s = _ITEM_NUMBER.sub("", s)
    return len(s) <= _FURNITURE_CHARS and _FURNITURE.fullmatch(s) is not None


_LINKS_HEADING_LINE = re.compile(rf"(?:#{{1,6}}\s+)?(?i:{_LINKS_HEADING})\s*:?")


def heads_links(line: str) -> bool:
    """Whether ``line`` is the heading over a page's links to its other pages ("Related
    Articles", "Recent Posts", "More to Explore": `_LINKS_HEADING`)."""
    s = line.strip()
    return len(s) <= 70 and _LINKS_HEADING_LINE.fullmatch(s) is not None


# a picture's credit naming the agency: "Fuse/Getty Images", "Jane Doe/Shutterstock", "Photo:
# AP/Reuters", "Image by Jane Doe / Stocksy", "iStock/Getty Images Plus", "Getty Images", after
# the photographer and the collection ("John Howard/Digital Vision/Getty Images")
_AGENCY = (r"(?:Getty\s+Images(?:\s+Plus)?|Shutterstock|iStock(?:photo)?|Unsplash|Pexels|Alamy"
           r"|Dreamstime|Adobe\s+Stock|123RF|Stocksy(?:\s+United)?|Freepik|Pixabay|Canva"
           r"|Reuters|AFP|AP|Associated\s+Press|EPA)")
# each name and its slash is one atomic group: every way to read a name ends at the same "/",
# and trying each way to split a run of spaces between a name, the spaces around its slash and
# the next name, for each of the three names, took 0.15 s per 200-character line ("Photo: a
# …spaces…/a …/a …/Getty"), 7 s for a 10 KB article of them (twenty-third audit). Every run of
# spaces is taken whole (possessive), the spaces before a name too: a name is read from its
# first letter, or it is only spaces ("Photo: /", "a/ /Getty": one of them, then the rest);
# where a run of spaces started a name was tried at each of its spaces, each reading on to the
# run's end ("Photo: a/", 16,000 spaces: 23 s; 300 characters: 30 ms, read several times a
# line; twenty-fifth audit)
_CREDIT_NAME = r"(?>[^/\n]{1,60}?\s*+/)"
_NEXT_CREDIT_NAME = rf"(?>\s*+{_CREDIT_NAME}|\n*+[^\S\n]\s*+/)"
_PHOTO_CREDIT = re.compile(
    rf"(?:(?i:photo|image|picture)(?:\s*+(?i:credit|source))?\s*+:"
    rf"(?:{_NEXT_CREDIT_NAME}{_NEXT_CREDIT_NAME}{{0,2}})?\s*+"
    rf"|(?:{_CREDIT_NAME}{_NEXT_CREDIT_NAME}{{0,2}}\s*+)?){_AGENCY}"
    r"(?:\s*/\s*[^/\n]{1,60})?"
    r"|(?i:photo(?:graph)?s?|image|picture)\s*+(?i:credits?|sources?|by)?\s*+:\s*+\S.{0,100}"
    # a bare "Credit:" and the names it gives, no sentence ("Credit: Ida Astute")
    r"|(?i:credits?)\s*+:\s*+[A-Z][\w.’'&-]*(?:(?:\s*+[/,]\s*+|\s++)(?:[A-Z][\w.’'&-]*|of|for"
    r"|and|the)){0,7}"
)
_CAPTION_CHARS = 300  # a picture's caption fits in this
# a still's credit in brackets: where the picture is from and who gave it ("(Pretty Little Liars
# via Freeform)", "(Photo via Unsplash)"): a few words, "via", a name in capitals, nothing else
_VIA_CREDIT = re.compile(
    r"[A-Z0-9][^()\n.!?]{0,80}?\s+via\s+[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3}")
_BANNER_WORDS = 16  # a banner's question ("Seeking support for your mental health?") fits in this


def is_photo_credit(line: str) -> bool:
    """Whether the whole ``line`` credits a picture: its agency, after whoever took it and their
    collection or not ("Fuse/Getty Images", "John Howard/Digital Vision/Getty Images"), or
    "Photo: ...", in brackets or not ("(STEPHAN SAVOIA/AP)")."""
    s = line.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
        if len(s) <= _CAPTION_CHARS and _VIA_CREDIT.fullmatch(s):
            return True
    return len(s) <= _CAPTION_CHARS and _PHOTO_CREDIT.fullmatch(s) is not None


# a caption that ends in its picture's credit in brackets: "Shin splits strike runners when calf
# muscles wrap forward around the lower leg bone, ... from the ankle. (STEPHAN SAVOIA/AP)",
# "Noisy neighbours can make home life a misery (Picture: Getty Images)"
_CREDIT_IN_BRACKETS = re.compile(r"\(([^()\n]{1,200})\)\Z")
# a news agency alone in brackets credits the story as often as a picture ("... (Reuters)"): its
# picture's credit names the photographer ("STEPHAN SAVOIA/AP") or says "Photo:"
_NEWS_AGENCY = re.compile(r"(?i:AP|AFP|EPA|Reuters|Associated\s+Press)")


def credited_caption(line: str) -> str | None:
    """The caption, without its credit, when the whole ``line`` is a picture's caption that
    ends in the picture's credit in brackets (`_CREDIT_IN_BRACKETS`); else None."""
    s = line.strip()
    m = _CREDIT_IN_BRACKETS.search(s) if s.endswith(")") and len(s) <= _CAPTION_CHARS else None
    if not m or not is_photo_credit(m.group(1)) or _NEWS_AGENCY.fullmatch(m.group(1).strip()):
        return None
    return s[:m.start()].strip() or None


def is_call_to_action(line: str) -> bool:
    """Whether the whole ``line`` is a button's words ("Start here", "Get started")."""
    return re.fullmatch(_CALL_TO_ACTION + r"\W{0,3}", line.strip(), re.IGNORECASE) is not None


def furniture_above(line: str, below: str, *, heads_page: bool = False) -> bool:
    """Whether ``line``, right above ``below``, belongs to the page's furniture with it: a
    picture's caption over its credit ("Man cutting credit card with scissors" over "Fuse/Getty
    Images") or printed again over the caption that ends in the credit ("Shin splits strike
    runners..." over "Shin splits strike runners... (STEPHAN SAVOIA/AP)"), or a banner's
    question over its button ("Seeking support for your mental health?" over "Start here").
    Neither is the article's title. ``heads_page``: ``line`` is the page's first and a blank
    line sets it apart from ``below``; over a credit it is the title, with a picture under it
    that has no caption ("How to Stop a Friendship From Drifting Apart" over "John
    Howard/Digital Vision/Getty Images")."""
    s = line.strip()
    if not s or len(s) > _CAPTION_CHARS or s.endswith(":"):
        return False
    if credited_caption(below) == s:  # the caption printed twice, its credit after the second
        return True
    if is_photo_credit(below):  # a byline over it is the page's, not the picture's
        return (not heads_page and not is_photo_credit(s) and not is_furniture(s)
                and parse_byline(s) is None)
    return is_call_to_action(below) and s.endswith("?") and len(s.split()) <= _BANNER_WORDS


def _as_byline(line: str) -> str:
    """``line`` as the byline and date rules read it: without Markdown's emphasis, a list's mark
    or runs of spaces. A byline never needs a run of spaces, and the rules' adjacent ``\\s*``
    split a run of k spaces k² ways, in each part of a stamp: a 160-character line of "date",
    20 spaces, "05/04/02", 20 spaces, "·" (three times) took 80 ms, and every short line of an
    article is read."""
    return " ".join(_EMPHASIS.sub("", line).split()).lstrip(_LIST_MARK)


def is_date_line(line: str) -> bool:
    """Whether the whole ``line`` dates the page and says nothing else, even in a form no date
    is read from ("Updated 05/04/2022", "Published 05/03/2022")."""
    s = _as_byline(line)
    return len(s) <= _BYLINE_CHARS and _STAMP_LINE.fullmatch(s) is not None


def is_breadcrumb(line: str, below: str) -> bool:
    """Whether ``line``, the first of a page, is a breadcrumb over its headline ``below``
    ("1. Health" over "Help your college freshman combat loneliness"), not a first tip."""
    return (_BREADCRUMB.fullmatch(line.strip()) is not None and looks_like_title(below)
            and not _NUMBERED.match(below.strip()))


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` ("June 8, 2022" -> "2022-06-08")."""
    for m in _TEXT_DATE.finditer(text):
        s = m.group()
        try:
            if re.match(r"\d{4}-", s):
                return date(int(s[:4]), int(s[5:7]), int(s[8:10])).isoformat()
            day = int(re.search(r"\b\d{1,2}(?=st|nd|rd|th|\b)(?!\d)", s).group())
            year = int(re.search(r"\d{4}", s).group())
            month = _MONTHS[re.search(r"[A-Za-z]{3}", s).group().lower()]
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, ISO date) when the whole line is a byline or a date line, else None; a line
    naming who reviewed or edited the article is one, with no author."""
    s = _as_byline(line)
    if _QUALIFIED_CREDIT.match(s[:_CREDIT_CHARS]):
        return None, None
    if len(s) > _BYLINE_CHARS:
        return None
    if _CREDIT_LINE.fullmatch(s) or _EMPTY_BYLINE.fullmatch(s):
        return None, None
    m = _DATE_LINE.fullmatch(s) or _BY_LINE.fullmatch(s)
    if not m:
        if _STAMP_LINE.fullmatch(s):
            return None, parse_date(s)
        spaced = _SPACED_BYLINE.fullmatch(s)
        if spaced:  # the name, without the weekday that opens the date ("Property Desk Thu")
            author = re.sub(rf"\s+{_WEEKDAY}\Z", "", spaced.group("author") + " ").strip()
            return author, parse_date(s)
        named = _NAMED_SPACED_BYLINE.fullmatch(s)
        if named:  # a site's one word ("Yahoo") is not its writer's name
            name = named.group("name")
            return (name if _NAME_PART.fullmatch(name) else None), parse_date(s)
        tagged = _DATED_TAGS.fullmatch(s)
        if tagged:
            return None, parse_date(tagged.group("date"))
        return _byline_in_parts(s)
    when = m.group("date")
    return m.group("author"), parse_date(when) if when else None


# a part of a byline after its "By" part naming the writer's role or outlet ("Vice President of
# Senior Care, Care.com and author", "Next Avenue"): a few words, mostly capitalised, ending no
# sentence
_ROLE_PART = re.compile(r"[A-Z][\w.’'&,() -]{0,79}")
_ROLE_WORDS = 10


def _role_part(part: str) -> bool:
    """Whether ``part`` of a byline names the writer's role or outlet (`_ROLE_PART`)."""
    words = part.split()
    if (len(words) > _ROLE_WORDS or not _ROLE_PART.fullmatch(part)
            or re.search(r"[.!?]\s|[.,]\Z", part)):
        return False
    big = [w for w in words if w.strip(",()").lower() not in SMALL_WORDS]
    return bool(big) and 3 * sum(w[0].isupper() for w in big) >= 2 * len(big)


# a byline's part dating the page to a month only, after the word that says so ("Last Updated:
# December 2024", "Published March 2019"): no date is read from it
_MONTH_STAMP = re.compile(rf"(?:{_WHEN})\s*:?\s*{_MONTH},?\s+\d{{4}}")


def _byline_in_parts(s: str) -> tuple[str | None, str | None] | None:
    """(author, ISO date) of a byline in parts set apart by · | • or ". " (`_PART_BREAK`): each
    part a date (the first one counts), a "By" line, how long it takes to read, the number of
    comments, "On Behalf of", the blog's category after a date, or first of all a name of two
    words or more; one part at least a date, or a name and how long the page takes to read ("By
    HowStuffWorks Contributors · 6 min read"), or a "By" line and the writer's role or outlet
    after it (`_role_part`: "By Jody Gastfriend | Vice President of Senior Care, Care.com and
    author | Next Avenue"). A table's row ("| Week 1 | May 5, 2020 |") is not one."""
    if s.startswith("|") or s.endswith("|"):  # a row of a table
        return None
    parts = [p for p in _PART_BREAK.split(_READ_TIME_GLUED.sub(r"\g<0> · ", s)) if p]
    if len(parts) < 2:
        return None
    author = when = None
    dated = timed = by_seen = roled = False
    for k, part in enumerate(parts):
        by = _BY_LINE.fullmatch(part)
        if _STAMP_LINE.fullmatch(part):
            dated, when = True, when or parse_date(part)
        elif by:
            by_seen = True
            author = author or by.group("author")
            if by.group("date"):
                dated, when = True, when or parse_date(by.group("date"))
        elif k == 0 and _NAME_PART.fullmatch(part):
            author = part
        elif k == 0 and (named := _NAMED_STAMP.fullmatch(part)):
            dated, when = True, parse_date(part)
            # a site's one word ("Yahoo") is not its writer's name
            author = named.group("name") if _NAME_PART.fullmatch(named.group("name")) else None
        elif _READ_TIME_PART.fullmatch(part):
            timed = True
        elif _MONTH_STAMP.fullmatch(part):
            dated = True  # "Last Updated: December 2024": dated, but to no day
        elif by_seen and k > 0 and _role_part(part):
            roled = True
        elif not ( _ON_BEHALF.fullmatch(part)
                  or _COMMENT_COUNT.fullmatch(part) or (dated and _CATEGORY.fullmatch(part))):
            return None
    return (author, when) if dated or (author and (timed or roled)) else None


def bare_byline(lines: list[str]) -> int:
    """How many of ``lines``, the lines under the title, are its byline printed without "By":
    the author's bare name (`BARE_NAME`), and a picture's description under it, when the page's
    date or reading time follows right under the name or its picture's description ("Kelly
    Hernandez" / "A man fixing his tie in a mirror..." / "Reading Time: 4 minutes"); else 0. A
    heading under the title ("Research Companies") has no date or reading time under it."""
    if not lines or not BARE_NAME.fullmatch(lines[0].strip()) or is_furniture(lines[0]):
        return 0  # "Improve Article" over "Last Updated : 21 Jan, 2020" is a button
    for k, line in enumerate(lines[1:3], 1):
        s = line.strip().lstrip(_LIST_MARK)
        if ((len(s) <= _BYLINE_CHARS and (is_date_line(s) or _READ_TIME_PART.fullmatch(s)))
                or (parse_byline(s) or (None, None))[1]):
            return k
        if len(s) > _CAPTION_CHARS:  # no picture's description
            return 0
    return 0


def url_of(line: str) -> str | None:
    """The URL when the whole line is one ("https://…", "Source: https://…")."""
    m = _URL_LINE.fullmatch(line.strip())
    return web_address(m.group("url")) if m else None


# what a web address never holds unescaped, and a client writing it into a link or an attribute
# would read as the end of it ("https://a/x) [Click me](javascript:…", "https://a/\" onmouseover=")
_NOT_IN_ADDRESS = re.compile(r"[\s\"'<>\\()`\x00-\x1f\x7f]")


def web_address(value: str | None) -> str | None:
    """``value`` when it is an http(s) address with a host and nothing a link would break on:
    an article's ``url`` reaches ``sources[].url`` of `/api/ask` and MCP answers, which a client
    may render as a link. Anything else ("javascript:…", a relative path) is no address."""
    value = (value or "").strip()
    if not value or _NOT_IN_ADDRESS.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def looks_like_title(line: str) -> bool:
    """Short, one sentence, no trailing period or comma, a phrase that ends (not "Trusted
    Leaders In the"), and not a byline, a URL or a page's furniture."""
    s = line.strip()
    return (
        0 < len(s) <= 150
        and len(s.split()) <= 20
        and not s.endswith((",", ";", ":"))
        and (not s.endswith(".") or s.endswith("..."))
        and not _SENTENCE_BREAK.search(s)
        and not _UNFINISHED.search(s)
        and parse_byline(s) is None
        and url_of(s) is None
        and not is_furniture(s)
    )


# what stops a sentence but not a title written in Title Case on a line of its own: a teasing
# question or exclamation before more of the title ("How To Build Trust In A Long Distance
# Relationship? Part 3: Common Pitfalls"), an abbreviation's dots ("...Catch Your S.O. Going...")
_TEASE = re.compile(r"[?!](?=[ \t]+[A-Z0-9])")
_INITIAL = re.compile(r"(?<![^\s.])([A-Z])\.")


def looks_like_own_title(line: str) -> bool:
    """A title on a line of its own (only a text's first line, a paragraph of its own, is read
    so): what `looks_like_title` reads, in Title Case, even where a teasing question goes on
    with more of the title or an abbreviation's dots stand inside it ("What to Do If You Catch
    Your S.O. Going Through Your Phone")."""
    s = line.strip()
    if len(s) > 150 or not title_case(s):
        return False
    return looks_like_title(_TEASE.sub(":", _INITIAL.sub(r"\1", s)))


# words a Title Case heading leaves in lower case; one string reads better than a list
SMALL_WORDS = frozenset(
    "a an and are as at but by for from if in into is it its nor "  # noqa: SIM905
    "not of on or so than that the this to up vs was when with".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_case(line: str) -> bool:
    """Most words that matter are capitalised, the first one included."""
    words = _WORD.findall(line)
    big = [w for w in words if w.lower() not in SMALL_WORDS]
    if not words or not big or not words[0][0].isupper():
        return False
    return sum(w[0].isupper() for w in big) >= 0.75 * len(big)


# a full stop ending a sentence inside a headline; a teasing question or exclamation first is a
# headline's ("Family Members at One Another's Throats? Call In the Mediator.")
_STOP_BREAK = re.compile(r"[.…]\s+\S")


def looks_like_headline(line: str) -> bool:
    """A headline that ends in a full stop, as some pages print theirs ("Family Members at One
    Another's Throats? Call In the Mediator."): short, in Title Case, one statement (after a
    teasing question or not), and not a byline, a URL or a page's furniture. Only a plain
    text's first line, a paragraph of its own, is read so (a sentence there is written in
    sentence case: "The four adult children were in agreement.")."""
    s = line.strip()
    body = s[:-1].rstrip()
    return (
        s.endswith(".") and not body.endswith((".", ",", ";", ":", "?", "!", "…"))
        and 0 < len(s) <= 150 and 2 <= len(s.split()) <= 20
        and not _STOP_BREAK.search(body)
        and not _UNFINISHED.search(body)
        and title_case(body)
        and parse_byline(s) is None and url_of(s) is None and not is_furniture(s)
    )


_MARKDOWN_TITLE = re.compile(r"#\s+(\S.{0,150})")  # "# Homesick? Here's what to do"

# How pages are written, not any page's words: a site's menu pasted above the article is a run
# of short lines, each a link's few words in Title Case and none a sentence ("Bullies & Cyber
# Bullying" / "Behavior Problems" / "Potty Training" / ...), one under the other with no blank
# line between. None of its lines is the article's title, nor its text. The run lies above the
# article: only short lines that end no sentence stand before it.
MENU_RUN = 5  # lines at least
MENU_WORDS = 5  # words at most in each
_MENU_ABOVE_WORDS = 8  # a line above the menu (the site's name, a skip link) is no longer
_TOP_LINES = 40  # a menu above the article is among the page's first lines
_LINES_ABOVE_TITLE = 2  # a date line and a byline at most stand above a headline


def _menu_line(line: str) -> bool:
    """A link's few words in Title Case, ending no sentence or clause ("Kids Health & Safety")."""
    s = line.strip()
    return (0 < len(s.split()) <= MENU_WORDS and not s.endswith((".", "!", "?", ":", ";", ","))
            and title_case(s) and url_of(s) is None and parse_byline(s) is None)


BAR_MENU_ITEMS = 4  # links at least in a menu printed on one line


def _bar_menu(line: str) -> bool:
    """A site's menu printed on one line, its links between bars: "Media Partners |
    Contributors | Advertise | Contact | Log in | Tuesday 27 September 2022" (`BAR_MENU_ITEMS`
    at least, each a link's few words or the day's date, none ending a sentence or a clause). A
    table's row, with a bar at its start or end, is none."""
    s = line.strip()
    if s.startswith("|") or s.endswith("|") or len(s) > _FURNITURE_CHARS:
        return False
    items = [p.strip() for p in s.split("|")]
    return len(items) >= BAR_MENU_ITEMS and all(
        0 < len(p.split()) <= MENU_WORDS and not p.endswith((".", "!", "?", ":", ";", ","))
        and (p[0].isupper() or p[0].isdigit()) for p in items)


def menu_lines(lines: list[str], gaps: list[bool]) -> set[int]:
    """Which of a page's first non-blank ``lines`` (``gaps[k]``: a blank line stands between
    line ``k - 1`` and line ``k``) are a menu above the article: a run of at least `MENU_RUN`
    menu lines (`_menu_line`) with no blank line inside it, or a menu on one line (`_bar_menu`),
    above which stand only short lines that end no sentence. When the run's last line has the article's first paragraph right
    under it (no blank line between) it is the article's headline, not the menu's."""
    out: set[int] = set()
    k = 0
    lines = lines[:_TOP_LINES]
    while k < len(lines):
        s = lines[k].strip()
        if _bar_menu(s):  # the menu on one line
            out.add(k)
            k += 1
            continue
        if _menu_line(s):
            j = k + 1
            while j < len(lines) and not gaps[j] and _menu_line(lines[j]):
                j += 1
            if j < len(lines) and not gaps[j]:
                j -= 1  # the headline, over its article's first lines
            if j - k >= MENU_RUN:
                out.update(range(k, j))
            k = max(j, k + 1)
            continue
        if len(s.split()) > _MENU_ABOVE_WORDS or _SENTENCE_END.search(s):
            break  # the article has begun
        k += 1
    return out


# share of its paragraph's widest line a wrapped line with the next word fills at least (greedy
# wrapping fills it all; a proportional font's characters differ in width)
_WRAP_FIT = 0.8


def extract_metadata(text: str) -> dict[str, str | None]:
    """``{"title", "author", "date", "url"}`` from the first lines (and last lines for a url).

    The title is the first line when it looks like one (`looks_like_title`) or is a Markdown
    ``#`` title, after any skip link, a picture's caption over its credit or a banner's
    question over its button (`furniture_above`), under a breadcrumb (`is_breadcrumb`); a
    banner cut mid-phrase is passed over with the rest of its paragraph ("Trusted Leaders In
    the / Practice of Family Law").
    """
    rows, paragraph = [], 0  # (line, number of its paragraph)
    for ln in text.split("\n", 40)[:40]:
        if ln.strip():
            rows.append((ln.strip(), paragraph))
        else:
            paragraph += 1
    # a site's menu above the article (`menu_lines`) is passed over
    menu = menu_lines([r[0] for r in rows], [k > 0 and rows[k][1] > rows[k - 1][1]
                                             for k in range(len(rows))])
    # "Skip to main content" first; a picture's caption and credit, a banner's question
    head = [r for k, r in [(k, r) for k, r in enumerate(rows) if k not in menu][:8]
            if not is_furniture(r[0]) and not is_photo_credit(r[0])
            and not (k + 1 < len(rows) and furniture_above(
                r[0], rows[k + 1][0], heads_page=k == 0 and rows[1][1] > r[1]))]
    if len(head) > 1 and is_breadcrumb(head[0][0], head[1][0]):
        head.pop(0)
    elif head and _UNFINISHED.search(head[0][0]):
        head = [r for r in head if r[1] != head[0][1]]
    title = title_row = None
    # a date or a byline printed above the headline ("Aug 23, 2017" / "How to Get Over..."):
    # the headline is the line under it; the line itself still dates the page (below)
    above = 0
    while above < min(len(head) - 1, _LINES_ABOVE_TITLE) and parse_byline(head[above][0]):
        above += 1
    # a headline ending in a full stop: the text's first line, a paragraph of its own
    first = head[above] if head else None
    alone = bool(head) and first == rows[above] and (
        len(rows) == above + 1 or rows[above + 1][1] > rows[above][1])
    # a page saved from the middle of a sentence, its lines wrapped ("natural when presenting
    # before an audience, but good preparation" / "is a first step to…"): no title. The line
    # under goes on for a line's worth of words, and its first word would not have fit on the
    # first line (a title is no wider than its lines): not a title over a byline or a first
    # sentence ("ten ways to help a bullied child" / "by jane smith")
    at = rows.index(first) if head else 0
    below = rows[at + 1][0] if head and at + 1 < len(rows) and rows[at + 1][1] == first[1] else ""
    wrap_width = max((len(r[0]) for r in rows if r[1] == first[1]), default=0) if below else 0
    cut = (bool(below) and first[0][:1].islower() and wraps_on(first[0], below)
           and len(below.split()) >= WRAP_MIN_WORDS
           and len(first[0]) + 1 + len(below.split()[0]) > _WRAP_FIT * wrap_width)
    if head and not cut and (looks_like_title(first[0]) or _MARKDOWN_TITLE.fullmatch(first[0])
                 or (alone and (looks_like_headline(first[0]) or looks_like_own_title(first[0])))):
        title_row = head.pop(above)
        title = re.sub(r"^#{1,6}\s+", "", title_row[0])
    author = when = None
    for line, _ in head:
        found = parse_byline(line)
        if found:
            author = author or found[0]
            when = when or found[1]
    under = [r[0] for r in rows[rows.index(title_row) + 1:][:3]] if title else []
    if author is None and bare_byline(under):
        author = under[0]
    tail = [ln.strip() for ln in text.rsplit("\n", 12)[-12:] if ln.strip()][-3:]
    url = next((u for u in map(url_of, [r[0] for r in head] + tail) if u), None)
    return {"title": title, "author": author, "date": when, "url": url}
