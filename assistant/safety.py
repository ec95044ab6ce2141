"""Safety routing: questions that describe danger get a notice and the articles' guidance first.

Rule-based on purpose: the cases are few and serious, the rules are readable and testable,
and a false negative must be fixable by adding a phrase. Ordinary trust worries ("he checks
my phone", "she doesn't believe me") must not trigger it; eval measures the false-positive rate.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


# for danger from someone else: a partner, a relative, someone the asker lives with
NOTICE = (
    "**If you are in danger, contact local emergency services or the police now.** If a "
    "partner, a family member or someone you live with threatens, hurts, tracks or controls "
    "you, a domestic-violence hotline can help you plan safely."
)
# for an asker who thinks they were drugged ("I think he put something in my drink"): what public
# pages on spiking say to do first -- someone trusted beside them, medical help, tests soon (the
# drugs leave the body within hours), the police; and a sexual-assault helpline, since spiking is
# often done to assault (https://spunout.ie/life/abuse/spiked-drinks, NHS "Drink spiking and
# date rape drugs", https://www.rainn.org/articles/drug-facilitated-sexual-assault)
DRUGGED_NOTICE = (
    "**If you think you were drugged, get to a safe place with someone you trust and get medical "
    "help now** (emergency services: 911 in the US, 999 in the UK, 112 in the EU); tell the "
    "hospital, and the police, as soon as you can: some drugs leave the body within hours. A "
    "sexual-assault helpline can help whatever happened: RAINN on 800-656-4673 in the US, Rape "
    "Crisis on 0808 500 2222 in England and Wales."
)
# beside another notice
DRUGGED_TOO = ("If you think you were drugged, get medical help now and tell the hospital: some "
               "drugs leave the body within hours.")
# beside it when the asker is in danger from themselves too
SELF_HARM_TOO = ("If you are having thoughts of harming yourself, please reach out to a crisis "
                 "line or someone you trust today.")
# for a question whose only danger is to the asker themselves: a crisis line first, not the
# partner-abuse lines (a grieving or sleepless asker who writes "I don't want to be here
# anymore" was told about domestic-violence hotlines)
SELF_HARM_NOTICE = (
    "**If you are thinking about ending your life or harming yourself, please reach out now:** "
    "call or text 988 in the US, call Samaritans on 116 123 in the UK and Ireland, or your "
    "local crisis line or emergency services, and tell someone you trust today."
)

# for a question whose only danger is to someone the asker writes about ("my friend texted me
# that everyone would be better off without me"): how to get help for them, not "if you are
# thinking about ending your life"
SELF_HARM_OTHER_NOTICE = (
    "**If someone you know may be thinking about ending their life, don't wait:** call or text "
    "988 in the US or call Samaritans on 116 123 in the UK and Ireland (both help people worried "
    "about someone else), or call emergency services if they are in danger now."
)
SELF_HARM_OTHER_TOO = ("If someone you know may harm themselves, a crisis line can tell you how to "
                       "help them today.")

# for danger from someone else to someone the asker writes about, not to the asker ("I can hear
# my neighbour's boyfriend screaming at her through the wall ... I heard her crying and shouting
# for him to stop"): how to help them, not "if you are in danger"
ABUSE_OTHER_NOTICE = (
    "**If someone else is being hurt or threatened right now, call the police or emergency "
    "services.** A domestic-violence hotline can tell you how to help them safely, and can help "
    "you too if you are in danger yourself."
)
# for an asker afraid they will hurt someone, a child in their care above all ("I'm scared of
# what I might do the next time she does this"): the steps a parenting page gives (the child
# somewhere safe, a few minutes away) and the crisis lines above, which talk with anyone in
# distress, not only with someone thinking of suicide
# (https://988sc.org/faqs/: "Do I have to be suicidal to call 988? Not at all.")
HARM_BY_ASKER_NOTICE = (
    "**If you are afraid you might hurt your child or someone else, make sure they are safe, step "
    "away for a few minutes and reach out now:** call or text 988 in the US or call Samaritans on "
    "116 123 in the UK and Ireland (both talk with anyone who is struggling), or call emergency "
    "services if someone is hurt or in danger now."
)
# beside another notice
HARM_BY_ASKER_TOO = ("If you are afraid you might hurt your child or someone else, step away and "
                     "call a crisis line today (988 in the US, Samaritans on 116 123 in the UK and "
                     "Ireland).")

# for danger from someone else to an asker who says they are a child or a teenager ("my stepdad
# shoved me into the wall ... im 14"): a trusted adult and a children's helpline, not a
# domestic-violence hotline's safety plan
CHILD_NOTICE = (
    "**If someone is hurting, threatening or scaring you, you don't have to deal with it "
    "alone:** tell an adult you trust (a teacher, a school counsellor, a relative) or call a "
    "children's helpline: Childhelp on 1-800-422-4453 in the US, Childline on 0800 1111 in the "
    "UK. If you are in danger now, call emergency services (911 in the US, 999 in the UK)."
)

# for signs of a medical emergency (a stroke, a head injury, can't breathe, a seizure ...) and
# nothing else: emergency services first, before any article; no abuse or crisis lines
MEDICAL_NOTICE = (
    "**If this is happening now, call emergency services before reading further: 911 in the US, "
    "999 in the UK, 112 in the EU.** Don't wait to see whether it passes."
)
# beside another notice when the question describes a medical emergency too
MEDICAL_TOO = ("If someone is seriously ill or hurt right now, call emergency services: 911 in the "
               "US, 999 in the UK, 112 in the EU.")

# Each pattern is matched against the question as `_normalise` leaves it: lowercase, straight
# quotes, contractions spelled out ("won't" -> "will not", "he'll" -> "he will", "I'm" -> "i am",
# also when typed without the apostrophe: "dont", "wont", "im"; a possessive or "he's" loses its
# "'s": "he's not" -> "he not").
#
# Warning-sign checklists the rules below were written from (public hotline / support pages):
#   https://www.domesticviolenceroundtable.org/pages/does-your-partner
#   http://www.domesticviolenceroundtable.org/warningsigns
#   http://www.mass.gov/eopss/law-enforce-and-cj/prisons/dom-violence/recognizing-abusive-behaviors.html
#   https://dcfs.illinois.gov/safe-kids/protecting/warning-signs-of-domestic-violence.html
#   https://compassionconnectionoftexas.org/abuse
#   http://www.longmontdomesticviolence.org/wp/english/facts-resources/warning-signs-of-abuse/
#   https://avoicereclaimed.com/tag/control/
#   https://www.wa-leicester.org.uk/FAQs/coercive-control
#   https://southyorkshirerelationshipandsexualcounsellingservice.co.uk/2025/08/22/coercive-controlling-behaviour
#   https://ungarelationer.se/en/digital-abuse/
#   https://jessicaaikenhall.com/2019/10/21/digital-abuse/
#   https://safeharborshelter.com/2024/08/30/identifying-digital-abuse-do-you-know-the-signs
#   http://sassforwomen.ca/about-sexual-assault-2/coercion/
# Checking a phone or asking where someone is appears on some of these lists but is, on its own,
# an ordinary trust worry here; the rules take the signs that go beyond it.
_PARTNER = r"(he|she|they|him|her|them|partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex)"
# the asker describing themselves just before the matched word ("i was paranoid and controlling")
_NOT_ME = "".join(r"(?<!\bi %s)" % v for v in ("was ", "am ", "was so ", "was too ", "am so ", "am too ", "can be ", "have been ", "get "))
# words that make a person's "controlling" about a partner relationship, not a bossy relative
_POSSESSIVE_ADJ = r"(jealous|possessive|manipulative|abusive|insecure|obsessive|paranoid|aggressive|violent|overprotective)"
# the asker or the couple doing it themselves ("i keep my phone on loud", "we keep our money
# apart"), not someone doing it to them
_NOT_BY_ME = "".join(r"(?<!\b%s )" % v for v in ("i", "we", "i always", "i also", "i still", "i just",
                                                    "i usually", "we always", "we still"))
# a share of the asker's belongings: "threw two of my plants", "smashed some of my things"
_SOME_OF = r"((\d+|one|two|three|four|five|six|some|all|most|many|several|both|half|a few|a couple|a lot|lots|a bunch|a pile|a box|a bag) of )?"
# what is "broken" or "destroyed" in a figure of speech, not a belonging ("broke my trust")
_NOT_A_THING = (r"(?!(life|trust|confidence|self|heart|relationship|marriage|reputation|credibility|chances?|future|faith|feelings|self esteem"
                r"|mood|day|week|night|weekend|birthday|plans?|family|friendship|career|promises?|rules?|spirit|concentration|focus|silence)\b)")
# the people a letter about home names: a partner, family, someone the asker lives with
_HOME = (r"partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex|mom|mum|mother|dad"
         r"|father|step\w*|parents?|brother|sister|son|daughter|roommates?|flatmates?|housemates?")
# a symptom or a feeling that "hits" the asker ("the pain hit me like a truck"), not a person
_NOT_A_BLOW = "".join(r"(?<!\b%s%s )" % (w, a) for w in (
    "pain", "ache", "headache", "migraine", "nausea", "dizziness", "wave", "attack", "symptoms",
    "fatigue", "exhaustion", "grief", "panic", "anxiety") for a in ("", " just", " really", " suddenly"))
# "it feels like i have been hit", "like being hit by a bus": a simile, not a blow
_LIKE_A_BLOW = "".join(r"(?<!\blike %s)" % v for v in (
    "i have been ", "i had been ", "i was ", "i got ", "i just got ", "i have just been ", "being ",
    "getting ", "you have been ", "someone ", "somebody ", "i am being "))
# what a pain "hits me like": "like a truck", "like a ton of bricks"
_SIMILE = (r" me like (a|an) (\w+ ){0,2}(truck|lorry|train|bus|ton|tonne|bricks?|wave|hammer|sledgehammer"
           r"|lightning|bolt|wall|tsunami|storm|tornado|hurricane|bullet)\b")
# people an asker may be with when a medical emergency happens
_CARED = (_HOME + r"|baby|babies|toddler|child|kid|kids|friend|grand\w*|granny|nan|uncle|aunt|cousin"
          r"|neighbou?r|colleague|co-?worker|teen\w*|boy|girl|patient|man|woman|guy")
# someone other than the asker: "he", "my mom", "my elderly dad", "the baby"
_WHO = (r"(he|she|they|(my|our|his|her|their) (\w+ )?(" + _CARED + r")|the (baby|child|kid|man|woman|patient|person)"
        r"|someone|somebody)")
# the asker's own act or state, with a helper verb between ("i seem to have hit the wall", "i
# have kicked him out"), as "i hit" and "i kicked my husband out" already are
_NOT_MINE = "".join(r"(?<!\bi %s )" % v for v in (
    "have", "had", "have just", "had just", "just", "have finally", "finally", "seem to have",
    "think i have", "must have", "may have", "might have", "nearly", "almost", "have nearly",
    "have almost", "accidentally", "have accidentally"))
# a child in the asker's care: "my son", "the baby", "my 3 year old"
_A_CHILD = (r"(my|our|the|this|that) (\w+ )?(baby|babies|toddler|son|daughter|child|children|kids?|little one|boy|girl|newborn|infant"
            r"|\d+ ?(yo|y/o|year old|years old|month old|months old))\b(?! (feelings|chances|future|reputation|career|relationship)\b)")
# or "him", "her", "them" standing for a child named earlier (`_not_a_blow_feared`): "my 4 year
# old ... i am scared i am going to hurt him"; not "hurt her feelings"
_A_CHILD_OR_PRONOUN = (r"(" + _A_CHILD + r"|(him|her|them)\b(?! (\w+ )?(feelings|chances|future|reputation|career|relationship"
                       r"|trust|pride|confidence|self-esteem)\b))")
# the asker's own blow to someone, that left a mark ("i grabbed her arm so hard it left marks")
_OWN_BLOW = (r"\bi (grabbed|hit|smacked|slapped|spanked|shook|pinched|squeezed|kicked|shoved|pushed|yanked|whacked|bit|hurt)"
             r" (her|him|them|" + _A_CHILD + r")\b[^.?!]{0,60}\b(left|leaving|leaves) (a |red |some |\w+ )?(mark|marks|bruises?|welts?)\b")
# Words for people, by what a pronoun for them may be ("he" for a son or a toddler, "she" for a
# mother or a toddler, "they" for the kids or a partner): used to read the object of a blow and
# whom "him", "her" or "them" stands for.
_MALE = (r"husband|boyfriend|bf|son|boy|brother|father|dad|daddy|papa|man|guy|gentleman|uncle|nephew|grandson|grandpa"
         r"|grandad|granddad|grandfather")
_FEMALE = (r"wife|girlfriend|gf|daughter|girl|sister|mother|mom|mum|mommy|mummy|mama|woman|lady|aunt|auntie|niece"
           r"|granddaughter|grandma|grandmother|granny|nan|nana")
_NEUTRAL = (r"partner|spouse|ex|fianc\w*|child|kid|baby|toddler|infant|newborn|little one|preschooler|teen|teenager"
            r"|friend|roommate|flatmate|housemate|cousin|neighbou?r|boss|manager|supervisor|colleague|co-?worker|teacher"
            r"|coach|landlord|parent|person|sibling|grandchild|grandkid|grandbaby|grandparent|stepchild|stepkid|in-law")
_PLURAL = (r"children|kids|babies|toddlers|twins|parents|people|in-laws|inlaws|grandkids|grandchildren|grandbabies"
           r"|grandparents|siblings|friends|sons|daughters|boys|girls|brothers|sisters|cousins|neighbou?rs|stepkids|stepchildren")
# a child's age as a noun: "my 4 year old", "a 3-year-old", "our 3 yr old", "my 2yo"
_AGE = (r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ -]?(yo|y/o|y\.o|(years?|yrs?|months?|mo)[ -]olds?)")
# the last word of a noun phrase for a person ("step-" and "-in-law" kept with their word)
_PERSON_HEAD = (r"(step-?)?(" + _PLURAL + "|" + _MALE + "|" + _FEMALE + "|" + _NEUTRAL + r")(-in-laws?| in laws?)?|" + _AGE)
# a grown-up or anyone named as the one the asker may hurt ("hurt my girlfriend", "hurt someone"),
# not their feelings ("hurt my wife's feelings" reads "hurt my wife feelings")
_A_GROWN_UP = (r"((my|our|his|her|their) ([\w-]+ )?(" + _PERSON_HEAD + r")|someone|somebody|anyone|anybody)\b"
               r"(?! (\w+ )?(feelings|chances|future|reputation|career|relationship|trust|pride|confidence|self-esteem)\b)")
# someone named in a letter: "my son's wife" (read "my son wife"), "her mother", "our 3 yr old"
_MENTION = re.compile(
    r"\b(my|our|his|her|their|your|the|a|an|this|that)"
    r"(?P<mods>( (?!(and|or|but|nor|i|me|he|she|they|him|them|it|is|was|are|were|who|that|to|of|with|for|at|my|our|his"
    r"|her|their|your|the|a|an)\b)[\w-]+){0,2}) "
    r"(?P<head>" + _PERSON_HEAD + r")\b")
_CHILD_HEAD = re.compile(r"(step-?)?(child|children|kids?|bab(y|ies)|toddlers?|infants?|newborns?|little ones?|preschoolers?"
                         r"|sons?|daughters?|boys?|girls?|twins)$|" + _AGE + "$")
_MALE_HEAD = re.compile(r"(step-?)?(" + _MALE + r")(-in-law| in law)?$")
_FEMALE_HEAD = re.compile(r"(step-?)?(" + _FEMALE + r")(-in-law| in law)?$")
_PLURAL_HEAD = re.compile(r"(step-?)?(" + _PLURAL + r")$|" + _AGE + r"$(?<=s)")
# body parts: a blow lands on one ("hit my face"), a quantity of them is still a person's
_BODY = (r"(head|face|eyes?|nose|mouth|jaw|teeth|lips?|ears?|neck|throat|chest|back|stomach|belly|ribs?|arms?|hands?"
         r"|wrists?|fingers?|legs?|knees?|feet|foot|shoulders?|hair|body|side|bottom|butt|bum)")
# A blow needs someone struck: a number ("she has hit 3" is an age, "hit 100 pounds" a weight) or
# a quantity of something ("shove some chips in the oven", "hit a few balls") after the verb is a
# level reached or a thing moved, not a person; a number or a quantity of people ("hit 2 kids",
# "some guy", "a couple of them") or of a body's parts is still a blow (`_no_one_struck`).
_A_THING_AFTER = re.compile(
    r" (\d[\w.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|a hundred|hundred)\b(?!( \w+)? (of|times)\b)(?!( \w+){0,2} (" + _PERSON_HEAD + r")\b)"
    r"| (some|any|more|a few|a couple|a bit|a little|a load|loads|lots|a lot|a bunch|a handful|a pile|a tray|a bag|a plate)\b"
    r"(?!( [\w-]+){0,3} (" + _PERSON_HEAD + r"|" + _BODY + r"|me|him|her|them|us|you)\b)")
_BARE_BLOW = re.compile(r"(hit|hits|hitting|punch(es|ed|ing)?|slap\w*|kick(s|ed|ing)?|shov(e|es|ed|ing))")
_SMACK = re.compile(r"(smack|whack)\w* (?P<who>\w+)")


def _no_one_struck(q: str, m: re.Match) -> bool:
    """A blow whose object is a number or a quantity of things, or a smack of no person."""
    word = m.group()
    if _BARE_BLOW.fullmatch(word):
        return _A_THING_AFTER.match(q, m.end()) is not None
    smack = _SMACK.match(word)
    if smack is None or smack.group("who") in ("me", "us", "him", "her", "them"):
        return False
    return _MENTION.match(q, m.start() + smack.start("who")) is None  # "smacked my son", not "my head"


# the asker gone, dead or not here, as a condition ("if i was gone", "if i died"); not an absence
# for a while ("if i was gone for a week", "if i was not here at the meeting")
_IF_I_WERE_GONE = (r"(if|when|once|after) i (was|were|am|had|just|simply|ever)?( (just|simply|not|no longer|never))? ?"
                   r"(gone|dead|not (here|around|alive)|no longer (here|around|alive)|never born|been gone"
                   r"|died|disappeared|vanished|killed myself|was not here|did not (exist|wake up))\b"
                   # (not "for good": that is for ever, "if i disappeared for good")
                   r"(?! (for(?! good\b)|all|on|to|from|during|till|until|by|at|over|in (the|a|my|our|this)|the whole"
                   r"|a (day|week|month|while|few)|this (week|weekend|morning|afternoon|evening|summer))\b)")
# contacted many times a day ("texts me dozens of times a day")
_MANY_MESSAGES = r"\b(texts?|texting|calls?|calling|messag\w*) me (\d+|a hundred|hundreds of|fifty|dozens of) times\b"
# "to" and a verb after "not safe": an act judged, unless it is being, going or staying somewhere
_NOT_AN_ACT = r"(?! to (?!(be|go|stay|live|sleep|leave|return|come)\b)\w+)"
# chest pain said to be absent beside a numb arm ("my left arm is numb but i have no chest pain",
# "i do not have chest pain, but my left arm tingles") is no sign of a heart attack
_NO_CHEST = (r"(?<!\bno )(?<!\bnot have )(?<!\bnot had )(?<!\bnever had )(?<!\bwithout )"
             r"(?<!\bnot any )(?<!\bnot get )(?<!\bnot feel )")
_PATTERNS: dict[str, list[str]] = {
    "violence": [
        # not idioms ("hit it off", "it hit me", "this has hit me harder than I expected", "hit me
        # up", "choked up", "beats me why", "beat me to it", "kicked him out of the house", "the
        # pills kicked in", a runner's "I seem to have hit the wall", a parent's "we've hit ground
        # zero for temper tantrums"), denials ("he never hit me") nor the asker's own act ("i kicked
        # my husband out", `_NOT_MINE`); beating someone in the family counts too; pushing the asker
        # to do something ("my kids keep pushing me to move", "stop pushing me") is pressure, not a
        # shove; a child on the floor "kicking her legs" kicks no one (a kick of the legs "out from
        # under" someone still counts)
        # (the look-behinds are tried only where one of the words starts)
        r"\b(?=hit|punch|slap|kick|chok|strangl|smack|whack|beat|shov|push|throw|threw)(?<!it )(?<!never )(?<!not )(?<!\bi )(?<!\bthis )(?<!\bthat )(?<!\bthis has )"
        r"(?<!\bthat has )(?<!\bit has )(?<!\bit really )" + _NOT_MINE + r"("
        # (a number or a quantity of things after the verb is no one struck, and a smack needs
        # someone smacked, "smacked my head on the cupboard" being a head injury: `_no_one_struck`)
        # the pain's and the simile's look-behinds tried only where "hit" starts
        r"(?=hit)" + _NOT_A_BLOW + _LIKE_A_BLOW + r"(hit|hits|hitting)(?! me up| up\b)|punch(es|ed|ing)?(?! up\b)|slap\w*|kick(s|ed|ing)?(?! ((?!me )\w+ ){1,6}out\b(?! from under)| in\b| up\b)(?!(?<=kicking) (his|her|their) (legs|feet|heels)\b(?! (out|from|away)\b))|(?<!\bup )(?<!\bstarted )(?<!\bstarts )chok\w*(?!( me)? up\b)(?! (on|back)\b)|strangl\w*"
        r"|(?<!\bto )(smack|whack)(s|ed|ing)? (me|us|him|her|them|(my|our|his|her|their) [\w-]+)(?! lips\b)"
        r"|beat(s|ing)? (up )?(me|us|her|him|them|my (mother|mom|mum|father|dad|wife|husband|girlfriend|boyfriend|sister|brother|kids|children|son|daughter))|beaten|(?:(?<=\bgot )|(?<=\bget )|(?<=\bgets )|(?<=\bgetting ))beat up"
        r"|shov(e|es|ed|ing)|(?<!\bstop )push(ed|es|ing)? me(?! (to|into) (?!(the|a|an|my|his|her|their|our|me)\b)\w| to (my |the )?(limits?|edge|brink|breaking point)\b| away\b| too far\b| for\b)"
        r"|(?<=\bstop )pushing me(?= (against|into|down|over|onto|around|up against|to the (ground|floor))\b)|throws? things|threw .{0,20}at me)\b"
        r"(?! it off| the (gym|road|town|jackpot|roof|ceiling|books|sack|hay|pillow|spot|brakes|bottle)| a (\w+ ){0,3}wall| rock bottom| ground zero| home\b| off\b| (me )?out\b"
        r"| (to it|at|in|why|how|what)\b|" + _SIMILE + r")",
        # a squeeze of the arm at a funeral is comfort, one that hurts or holds the throat is not
        r"\b(grab\w*) (me|my (throat|neck|arm|arms|wrist|wrists|hair|face))\b"
        r"|\bby the (throat|neck|hair)\b|\bsqueez\w* (my (throat|neck|wrist|wrists|face)\b"
        r"|(me|my (arm|arms|hand|hands)) (so )?(hard|until|till|painfully|tight enough)\b)",
        r"\b(held|holds?|hold|pins?|pinned|pinning) me (down|against)\b",
        r"\b(physically|physical) (hurt\w*|harm\w*|abus\w*|violen\w*)|\bhurts? me physically\b|\bleft (a )?(mark|marks|bruises?)\b",
        # bruises from a person, not from falls, an accident or sport ("bruises on her arms from
        # falls"), nor a bruise the asker doesn't remember seeing on someone ("a bruise i don't
        # remember, the same story told twice"); "bruises from where he grabbed me" and "bruises i
        # don't remember getting" stay
        r"\b(?<!not )(?<!never )(?<!never been )(?<!not been )(?<!no )(violent|violence|domestic abuse|black eyes?"
        r"|bruis\w*(?!( on (his|her|their|my|your|the|both) (\w+ )?\w+)? (from|after) (a |an |the |her |his |their |my |your |all |those |some |\d+ )?"
        r"(falls?|falling|fell|trips?|tripping|slip\w*|accidents?|sports?|training|workouts?|the gym|practice|games?|matches|match|bumping|knocking|medication|surgery|injections?)\b"
        r"| (that )?i (do not|did not|can not|could not) remember\b(?! (getting|how|where|when|why|what|him|her|them|anything)\b)))\b",
        # "abusive" unless the writer denies it ("... or abusive because he's not")
        r"\b(?<!not )(?<!never )abusive\b(?![^.?!]{0,30}\bbecause (he|she|they) (is |are )?not\b)"
        r"|\babus(e|ed|es|ing) me\b|\b(emotional|verbal|physical|mental)(ly)? abus\w*",
        # not the asker's own mishap ("i broke my phone")
        r"\b(?<!\bi )(breaks|broke|smashe?s|smashed|throws|threw|punch(es|ed)) (things|stuff|" + _SOME_OF + r"my " + _NOT_A_THING + r"\w+|a hole|the wall|walls|holes)\b",
        # violence heard or seen: someone crying or begging for the other to stop ("last night I
        # heard her crying and shouting for him to stop", of a neighbour's boyfriend heard through
        # the wall), not to stop doing something else ("begged him to stop drinking"), and things
        # being smashed ("screaming at her ... and things smashing"). Public pages on violence next
        # door name these sounds and say to call the police:
        #   https://stopdomesticviolence.com.au/next-door-neighbours-fights-turn-violent/
        #   http://incurable-hippie.blogspot.com/2010/07/help-make-it-stop.html (the Metropolitan
        #   Police's "You make the call. We'll make it stop.")
        r"\b((crying|cried|screaming|screamed|shouting|shouted|yelling|yelled|begging|begged|pleading|pleaded|sobbing)"
        r"( (and|or) (crying|screaming|shouting|yelling|begging|pleading|sobbing))? (for|at|with) (him|her|them)"
        r"|(beg|begs|begging|begged|plead|pleads|pleading|pleaded) (with )?(him|her|them)) to stop\b"
        r"(?! (?!(hurting|hitting|choking|kicking|beating|it|please|but|and|yet|so|as|while|when)\b)\w)"
        r"|\b(things|stuff|glass|dishes|plates|furniture) (smashing|being (thrown|smashed|hurled))\b",
        # throwing things, and destroying the asker's belongings (intimidation)
        r"\b(throw|throwing) (things|stuff|objects)\b|\bthrow(s|ing)? .{0,20}at me\b",
        # belongings, not "destroyed my trust"
        r"\b(?<!\bi )(destroy(s|ed|ing)?|smash(es|ed|ing)?|trash(es|ed|ing)?|(rip|rips|ripped|tore|tears|tearing|cut|cuts) up) " + _SOME_OF + r"my " + _NOT_A_THING + r"\w+"
        r"|\bburn(s|ed|t)? my (things|stuff|belongings|clothes|photos|letters|books)\b",
        r"\brap(e|ed|es)\b|\bsexual(ly)? (assault\w*|abus\w*|forc\w*|coer\w*)\b"
        # a person who forces the asker ("he forces me to have sex", "my husband forces me to hand
        # over my pay"), not a pain that does ("headaches which force me to leave work early")
        r"|\b(he|she|who|(my|our|his|her) (\w+ )?(" + _HOME + r"|boss|manager|landlord|abuser|pimp|uncle|aunt|cousin))"
        r"( (always|often|sometimes|still|even|also|then|now|usually|constantly|regularly|just))? forces? me to\b",
        # sexual pressure and physical contact that ignores a no
        r"\b(?<!not )(?<!never )(pressur|guilt|coerc|forc)\w* me (in)?to (sex|having sex|have sex|sleep with|sleeping with|do (sexual|things i)|send (nudes|naked|explicit))|\bmade me (have sex|sleep with)\b|\bagainst my will\b|\bwithout my consent\b|\b(will not|does not|would not|never) take no for an answer\b",
        r"\b(hug|touch|kiss|grab|cuddl|hold(s|ing)?\b|sex)\w*[^.?!]{0,80}\b((not|never|without) (really )?(listen|stopp|respect|accept)\w*( to me)? (when|even when|if|after)|even (when|after|though|if)) i (protest|protested|say no|said no|tell (him|her|them) (no|to stop|not to)|told (him|her|them) (no|to stop|not to)|ask (him|her|them) to stop|asked (him|her|them) to stop|pull away|push (him|her|them) away)",
        r"\b(hid|hides|hiding|threw away|throws away|tampered with|sabotag\w*|poked holes in) my (birth control|pills|contracepti\w*|condoms)\b",
        # pressure described as a noun or a no that is met with more pushing ("the pressure to have
        # sex", "when I refuse, he keeps persisting", "when I say no he lays a guilt trip on me"), and
        # a body moved by force ("pushing my head down")
        r"\b(?<!not )(?<!never )pressur\w*( on)?( me)? (to|into|for) (have |having )?(sex|sleep with|sexual|oral)\b"
        r"|\b(when|whenever|every time|even when|even though|even after|after|if) i (continue to |keep )?(refuse|refused|refusing|say no|said no|saying no|tell (him|her|them) no|told (him|her|them) no)\b"
        r"[^.?!]{0,40}\b(he|she|they) ([^.?!]{0,20} )?(persist|pressur|insist|guilt|beg|push|nag|whin)\w*",
        r"\b(push|pull|shov|forc|hold|held)\w* my (head|face|hand|body|hips) (down|toward|towards|into|onto|against|under)\b",
        # fights in the home that turn physical ("their fights sometimes get physical", "he got
        # violent"), not denied ("it never got physical")
        r"\b(fights?|fighting|arguments?|arguing|things|it|he|she|they)( (?!(never|not|no)\b)\w+){0,3} (get|gets|got|gotten|getting|turn|turns|turned|become|becomes|became|go|goes|went) (physical|violent)\b",
    ],
    # abuse in words: shouting as a habit, name-calling, humiliation
    # (its own category: the notice is what to do after a spiked drink, not a domestic-violence
    # hotline's safety plan)
    "drugged": [
        # a drink spiked, the asker drugged: "I think he put something in my drink", "my drink
        # was spiked", "he drugged me", "I was spiked" (drug-facilitated assault: get to safety,
        # get help now); not a worry ahead ("how do I keep my drink from being spiked?"), nor
        # the asker's own doing ("I spiked my coffee with whiskey") or hair ("I got spiked hair")
        # (whoever did it: "my sister's boyfriend put something in my drink"; not the asker,
        # "can i put something in my drink to make it less sweet?")
        r"\b(?<!\bi )(?<!\bwe )(?<!\bi have )(?<!\bwe have )(?<!\bi will )(?<!\bi would )(?<!\bi should )(?<!\bi could )(?<!\bi can )"
        r"(?<!\bgoing to )(?<!\bwant to )(?<!\bneed to )(?<!\bhave to )(?<!\bok to )(?<!\bokay to )(?<!\bsafe to )"
        r"(put|slipped|dropped|poured) (something|a pill|pills|drugs?|a drug|powder|a powder) (in|into) my (drinks?|glass|coffee|beer|wine|cocktail)\b"
        r"|\bmy (drinks?|glass|coffee|beer|wine|cocktail) (was|were|got|had been|has been) (spiked|drugged|tampered with)\b"
        r"|\b(?<!\bi )(?<!\bwe )(?<!\bi have )(?<!\bwe have )(spiked|drugged|roofied) (me|my (drinks?|glass|coffee|beer|wine|cocktail))\b|\bi (was|got|had been|have been) (drugged|roofied|spiked(?! (hair|heels|shoes|boots)\b))\b",
    ],
    "verbal": [
        # shouting as a habit ("he yells at me", "she is always screaming at me", "he would yell at me
        # for an hour"), not one outburst ("he started screaming at me", "he yelled at me once and
        # apologised"); a shouting match where the asker shouts back ("he swore at me and I yelled
        # right back") is a fight between equals, not one-sided abuse
        r"\b((?<!\bi )(yells|screams|swears|shouts)|(always|constantly|keeps?|kept|often|regularly|still|would|will|used to) (\w+ )?(yell|yelling|scream|screaming|swear|swearing|shout|shouting)"
        r"|(yell|yelled|yelling|scream|screamed|screaming|shout|shouted|shouting|swore)(?= at me (all the time|constantly|every (single )?(day|night|time)|daily|for (hours|an hour|\d+ minutes|minutes)|in front of)\b)) at me\b"
        r"(?![^.?!]{0,40}\b(i|we) (\w+ )?(yelled|screamed|swore|shouted|yell|scream|shout) (right |straight )?back\b)"
        r"|\bcalls? me (names|stupid|worthless|useless|a (whore|slut|bitch))\b",
        # humiliation and put-downs
        # habitual ("belittles me") or in front of others; "he never puts me down" is praise
        r"\b(humiliat|belittl|demean|degrad|ridicul|insult)(es|s) me\b"
        r"|\b(humiliat|belittl|demean|degrad|ridicul|mock|insult)(es|ed|ing|e|s)? me (in front of|in public|publicly|all the time|constantly)\b"
        r"|\b(?<!never )(?<!not )puts? me down\b",
    ],
    "threats": [
        # "I felt a little threatened" by a rival is not danger, nor is threatening a divorce or to
        # leave ("threatened to leave me if I bring it up again", "threatening to end our
        # relationship") unless with the children, nor the asker threatening to contact a rival ("I
        # threatened to e-mail this ex"), nor a legal threat ("threats to 'take me back to court'",
        # "threatening to sue"); "also threatens to beat me" is ("so threat" is a whole word)
        r"\bthreat(?<!felt threat)(?<!feel threat)(?<!feels threat)(?<!feeling threat)"
        r"(?<!\blittle threat)(?<!\bbit threat)(?<!\bso threat)(en\w*|s? that|s (to|of|against))\b"
        r"(?! ((me|him|her|them|us) )?(with )?(a |an )?(\w+ )?(divorce|breakup|break up|separation|lawsuit|legal action|court( action| case| proceedings)?)\b"
        r"| (to )?[\"']?(leave|end|break up|divorce|dump|walk out|move out|call off|split up|sue|take (me|us|him|her|them|you) (back )?to court)\b"
        r"(?![^.?!]{0,40}\b(take|taking|keep|keeping) (the|my|our) (kids|children|son|daughter|baby)\b)"
        r"| to (e-?mail|call|text|message|contact|tell|write to) (this|that|the|his|her) (ex|other (woman|man|girl|guy)|mistress)\b)"
        r"|\b(death|violent) threats?\b|\bblack ?mail(s|ed|ing)? me\b",
        # not the asker's own hyperbole ("I could honestly kill my friend right now") nor an
        # idiom ("it kills me that none of this bothers her")
        r"(?<!\bit )(?<!\bi could )(?<!\bi could honestly )(?<!\bi could just )"
        r"(?<!\bi could literally )"
        r"\b(kill|harm)s? (me(?! (that|to see|seeing|watching|inside|a little)\b)"
        r"|us|my|the kids|himself|herself|themselves)\b",
        # a threat without the word: what was done to something else will be done to the asker
        # ("he said next time it would be me", "she told me i'm next"), not a turn or a plan
        # ("next time it will be me who drives", "i'm next in line")
        r"\b(says|said|tells me|told me|warned|warns|threatened|texted|wrote|whispered|yelled|shouted|screamed)\b[^.?!]{0,40}"
        r"\b(next time (it|that|this) (will|would|is going to|gonna|could|might) be (me|you|us)|(you|i|we) (are|am|will be) next)\b"
        r"(?! (in|to|on|up|for|after|time|week|month|year|door|who|that|and)\b| \w+ing\b)",
        # someone else's intent: "I don't want to hurt my brother" is not a threat; "scared he'll hurt
        # me again" after cheating is heartbreak, not harm; "worried that he will hurt himself" (a
        # toddler banging his head) is for the self-harm rules, which read who it is
        r"\b" + _PARTNER + r" (\w+ ){0,2}(will|would|going to|gonna|wants? to|tried to|try to|threatens? to) (kill|hurt(?! me (again|emotionally)\b)|harm|beat|hit)\b"
        r"(?<!hurt(?= (himself|herself|themselves)\b))(?<!harm(?= (himself|herself|themselves)\b))",
        # "when someone holds a gun to your head" is a figure of speech
        r"\b(gun(?<!like a gun)(?<!like gun)(?! to your head)|knife(?<!like a knife)(?<!like knife)|weapon(?<!like a weapon)(?<!like weapon))\b",
        # a threat in other words: taking the children, exposing the asker, leaking intimate images
        r"\b(says|said|tells me|told me|warned me|warns me)\b[^.?!]{0,40}\b" + _PARTNER + r" (will|would|is going to|going to|gonna|could) (take|keep) (the|my|our) (kids|children|son|daughter|baby)\b"
        r"|\b(i|you) (will|would) never see (the|my|our|your) (kids|children|son|daughter|baby) again\b",
        r"\b(post|share|send|leak|show|spread|publish|upload)\w* (my|our) (nudes?|naked (photos?|pictures?|pics|videos?)|(intimate|private|explicit|sex) (photos?|pictures?|pics|videos?|images?|tapes?))\b",
        r"\b(to|will|would|gonna|might) out me\b|\btell (everyone|my (family|parents|boss|work)) (that )?i am (gay|lesbian|bi|bisexual|trans)\b",
        # self-harm used as a lever: "if I leave he'll do something stupid", "he will die if I leave him"
        r"\b(can not|could not|cannot|would not be able to) live without (me|you)\b|\bif i (ever )?(leave|left|go|break up|broke up)( with)?( (him|her|them))?,? " + _PARTNER + r" (will|would|is going to|gonna|might) (do something (stupid|drastic)|not (survive|make it|want to live)|end it|die|(hurt|harm|kill) (himself|herself|themselves))\b"
        r"|\b" + _PARTNER + r" (will|would|is going to|gonna|might|could) (do something (stupid|drastic)|not (survive|make it|want to live)|end it|die|(kill|hurt|harm) (himself|herself|themselves)) if i (ever )?(leave|left|go|break up|broke up|end it)\b",
    ],
    "fear": [
        # afraid of the person, not of an event ("scared of him leaving me") nor for them
        r"\b(afraid|scared|terrified|frightened|fear) (for my (life|safety)|of (my )?" + _PARTNER + r"\b(?! (?!hurting|hitting|harming|killing|beating|snapping|exploding|getting)\w+ing\b)"
        r"(?! (mom|mum|mother|dad|father|parents|family|sister|brother|grandm\w*|grandp\w*|aunt|uncle|boss|friends?)\b))",
        r"\b(afraid|scared|terrified|frightened) (to go home|to be (at )?home|to leave|to tell (him|her|them))\b",
        # afraid on one's own ground ("shes 82 and scared to go out in her own garden" with a
        # neighbour shouting at her)
        r"\b(afraid|scared|terrified|frightened) (to (go|be|step) (out )?(in|into) |in )(her|his|my|their|our) own "
        r"(garden|yard|home|house|street|flat|apartment)\b",
        # "I don't feel safe unless I'm monitoring her" is the asker's own anxiety
        r"\b(do not|never|no longer) feel safe\b(?! unless i)",
        r"\b(i|i am|am|feel) (not )?(unsafe|in danger)\b|\bfor my (life|safety)\b",
        # "not safe" of the asker ("i am not safe", "it is not safe for me to go home"), of where
        # someone lives ("not safe at home", "our house is not safe") or beside someone ("the
        # kids are not safe around him", "not safe for my kids to be around him"); not a
        # situation or an act judged unsafe ("it is not safe or legal", "not safe for her to
        # drive", "not safe to leave her alone", "i am not safe to drive"): someone may be at
        # risk, but no one says they are in danger. Being, going or staying somewhere is where
        # the asker is, not an act ("not safe for me to go home").
        r"\b(i|we) (am|are|was|were|feel|felt|will|would|could|may|might)( \w+){0,2} not safe\b" + _NOT_AN_ACT
        + r"|\bnot safe for (me|us)\b" + _NOT_AN_ACT
        + r"|\bnot safe (at home|in (my|our|this|the|that) (own )?(home|house|flat|apartment|room|bedroom|bed)"
        r"|(for [\w-]+( [\w-]+)? (to be )?)?(with|around|near|alone with) (him|her|them|(my|our|his|her|their|that|this) [\w-]+))\b"
        r"|\b(home|house|flat|apartment) (is|was|feels|felt|is just|is still)( \w+)? not safe\b",
        # around a partner or someone at home, not a grieving friend (`_eggshells_outside_home`)
        r"\bwalk(ing)? on eggshells\b",
        r"\b(frightening|menacing|intimidating|scary) (way|manner|behaviou?r|messages?|texts?|letters?|calls?)\b",
        # living in fear of the partner's reaction, whatever follows ("scared of what he will do if
        # it dies", "afraid of what my husband would do.")
        r"\b(afraid|scared|terrified|frightened|nervous) of what (my )?" + _PARTNER + r" (will|would|might|could|is going to|going to|gonna) do"
        r"( (to me|next|to (the|my|our) (kids|children))\b|,? (if|when|whenever|once|after|because|the moment|as soon as)\b| ?([.?!,]|$))",
        r"\b(always|constantly) (so |really |very )?(afraid|scared|terrified|frightened|nervous|on edge) (that )?" + _PARTNER + r" (is going to|going to|will|would|might|gonna) (be|get|blow up|explode)\b",
        # afraid when someone at home is drunk, angry or in a mood ("when he is in a bad mood I get
        # terrified"), or afraid for the others at home ("scared for the three of us")
        r"\b(when|whenever|once|if) (he|she|they|my \w+) (is|are|gets?|got|was|were|has been) (in (a|one of his|one of her) (bad |foul |black |dark )?mood|angry|mad|drunk|drinking|high|furious|in a rage|raging)\b"
        r"[^.?!]{0,30}\b(terrified|scared|frightened|afraid|petrified|fear)\b",
        # afraid of someone coming in ("I ALWAYS lock the doors, as I am afraid to have them
        # unlocked when my husband is away", of a neighbour who calls her names)
        r"\b(afraid|scared|terrified|frightened|nervous) to (have|leave|keep) (\w+ ){0,3}unlocked\b",
        r"\b(scared|afraid|terrified|frightened|fearful) for (us|all of us|the (\w+ )?of us|my (kids|children|son|daughter|mom|mother|mum|sister|brother|baby|little (brother|sister))|our (lives|safety))\b(?!'| future)",
    ],
    "stalking": [
        # not denied, and not the asker's own snooping ("i stalk his instagram")
        r"\bstalk(?<!not stalk)(?<!not that he stalk)(?<!not that she stalk)(?<!never stalk)"
        r"(?<!\bi stalk)(?<!\bi even stalk)(?<!\bi also stalk)(?<!\bi kind of stalk)(?<!\bi sort of stalk)"
        r"(?<!\bi keep stalk)(?<!\bi have been stalk)(?<!\bi would stalk)(?<!\bi am stalk)(?<!\bstop stalk)(?<!\bstopped stalk)(?<!\bquit stalk)\w*\b"
        # someone's ex or someone's profile watched online is not the asker followed
        r"(?!( and \w+)? (my|his|her|their) (ex\b|ex-|exes\b|former|new (boyfriend|girlfriend|husband|wife))|( and \w+)? (his|her|their) (instagram|facebook|social media|profile|page|posts|photos)\b)",
        # watching a phone's messages is phone-checking (an ordinary worry); tracking a phone is not;
        # a tracker that tells the asker something is the asker's own ("my fitness tracker told me
        # to slow my roll")
        r"\b(track\w*|gps|spy\w*|spies|spyware|tracker|airtag|monitor\w*)(?! (told|tells|said|says|showed|shows|buzzed|buzzes|beeped|beeps"
        r"|alerted|alerts|warned|warns|reminded|reminds|congratulated|congratulates|notified|notifies|keeps telling|kept telling) me\b) .{0,30}\b(me|my (phone|location|car|messages))\b(?<!monitoring my phone)(?<!monitors my phone)(?<!monitoring my messages)(?<!monitors my messages)",
        r"\b(tracks?|tracking|monitors?|monitoring) (me|my)\b(?! (mobile |cell )?(phone|messages|texts|emails?|calls|social media)\b)",
        r"\bfollow(s|ed|ing)? me\b|\b(show|shows|showed|shown|showing|turn|turns|turned|turning) up (at|outside) (my|places i|where i)\b|\b(show|shows|showed|shown|showing|turn|turns|turned|turning) up (uninvited|unannounced|wherever i)\b",
        r"\b(air ?tags?|gps trackers?|tracking devices?|stalkerware)\b|\b(tracking|spy|spyware) (app|apps|device|software) (on|in|to) my\b",
        _MANY_MESSAGES,
        r"\b(hacked|hacks|installed .{0,20}on) my\b",
        r"\blurk(s|ed|ing)? (around|outside|near|by)\b|\bbombard(s|ed|ing)? (me|her|him|them|us)\b",
        # proof of whereabouts on demand ("makes me send a selfie to prove where i am"), not a photo
        # asked for once
        r"\b(makes?|made|demands?|demanded|insists?|insisted|forces?|forced|have to|has to)\b[^.?!]{0,30}\b(photos?|pictures?|pics|selfies?|videos?|screenshots?|proof|video ?call\w*|facetime)( \w+){0,3} (of|from|to prove|to show|showing) (where|who) i (am|was|go|went)\b"
        r"|\b(photos?|pictures?|pics|selfies?|videos?|screenshots?|video ?call\w*|facetime)( \w+){0,3} (to prove (where|who) i|(of|from|showing) (where|who) i (am|was)( with)? to (prove|make sure|check|verify))\b",
        r"\b(monitors?|monitoring|tracks?|tracking|watches|watching) (where|who) i (go|am|see|meet|went|was)\b",
    ],
    "control": [
        # "he's a little controlling" reads "he a little controlling" once normalised
        r"\b(he|she) (so |very |really |too |extremely |a bit |a little |kind of |sort of |pretty |somewhat |rather |slightly |always |also |being )*controlling\b(?! (of|over) (my|his|her|their) (own )?(diet|food|eating|weight|emotions?|temper|anger|feelings?)\b)(?![^.?!]{0,30}\bbecause (he|she|they) (is |are )?not\b)",
        # "won't let me see his phone" is the asker's own suspicion, not control of the asker
        # nor is refusing affection ("she does not let me hold her in bed"), nor keeping his own
        # pursuit to himself ("He won't let me go with him to watch his form" of a runner's wife);
        # "won't let me go out with my friends" is control
        r"\b(never|not|refuses to|refused to) (let|lets|allow|allows) me\b(?! (see|look at|check|go through|touch) (his|her|their|hes) )"
        r"(?! (hold|touch|kiss|hug|cuddle|make love to|sleep with|get close to|near) (him|her|them)\b)"
        r"(?! ((go|come|tag|ride|travel|walk|run) (along )?with|join|watch|help|accompany) (him|her|them)\b)",
        r"\b(cut|cuts|cutting|drop|dropping|block|blocking|unfriend\w*) (off |out )?(all |most )?(of )?(my|your|her|his) (male |female |guy |girl )?friends( off| out)?\b",
        # the asker is not allowed ("he is not allowed to see her" is the asker's own rule)
        r"\b(i|we) (am |are |was |were )?(not|never) (allowed|permitted) to\b",
        # not the asker keeping their own things ("i keep my phone on loud in meetings")
        # (who does it is read from its clause too: `_kept_by_the_asker`)
        r"\b" + _NOT_BY_ME + r"(takes?|took|controls?|keeps?) (all )?(of )?(my|our) (money|paycheck|pay|cards?|bank|passport|phone|keys|car keys)\b",
        r"\b(locks?|locked) me (in|out)\b|\bblock(s|ed|ing)? (the |my )?(door|doorway|exit|way out)\b",
        r"\b(isolat\w*|cut me off from|keeps? me from (seeing|my))\b",
        r"\b(prevent|keep)(s|ed|ing)? me from (seeing|visiting|calling|talking to|going (out|to work|to school|anywhere)|leaving|working|having (friends|a job|my own))\b|\bkept me from (seeing|visiting|talking to|going|leaving|working)\b",
        # "controlling" said of a partner or beside jealousy, not a bossy relative or a noun ("the
        # controlling stress"); not the asker worrying about themselves
        r"\bcontrols (me|everything|(all|every)( of)? (my|our|the))\b|\bto control (me|everything)\b",
        r"\b" + _PARTNER + r"( \w+){0,2} (is|was|are|were|has been|have been|been|being|gets|got|can be|became|becomes|seems|sounds) (so |very |really |too |extremely |super |incredibly |overly |quite |a bit |a little |kind of |sort of |pretty |somewhat |rather |slightly |always |also )*(" + _POSSESSIVE_ADJ + r" and )?controlling\b(?![^.?!]{0,30}\bbecause (he|she|they) (is |are )?not\b)",
        # not the asker about themselves ("I admit I was paranoid and controlling")
        r"\b" + _NOT_ME + r"controlling(,| and| or) (and )?" + _POSSESSIVE_ADJ + r"\b(?![^.?!]{0,30}\bbecause (he|she|they) (is |are )?not\b)|\b" + _NOT_ME + _POSSESSIVE_ADJ + r",? and controlling\b",
        r"\bcontrolling (boyfriend|girlfriend|husband|wife|partner|fianc\w*|spouse|ex|guy|man|woman|person|relationship|behaviou?r)\b(?<!am i controlling behavior)|\bcontrolling (of|over|towards?) (me|her|him|them|my|his)\b",
        # not the idiom "heaven forbid I ask him how it went", "God forbid", "Heavens forbid",
        # "Lord forbid"
        r"\b(?<!heaven )(?<!heavens )(?<!god )(?<!gods )(?<!\blord )(forbid\w*|forbade)\b",
        # cut off from everyone, in other words: told not to see friends or family, stop going out,
        # contacts deleted, never out on one's own, talking to anyone (the neighbours) hated
        r"\b(tells?|told|telling|orders?|ordered|makes?|made|forces?|forced|wants?|wanted) me (not to|to stop|never to|to quit) (talk|talking|speak|speaking|see|seeing|go|going|hang|hanging|call|calling|text|texting|visit|visiting|contact|contacting)( out)?( to| with)? (my|any|all my|all of my) (friends|family|parents|mates|relatives|sisters?|brothers?|mom|mum|mother|dad|father)\b"
        r"|\b(tells?|told|orders?|ordered|makes?|made|forces?|forced) me (to )?(stop|quit) (going (out|to (parties|the gym|church|work|school|class|college))|working|my job)\b",
        r"\bdelet\w* (all |most )?(of )?(the |my )?(phone numbers|numbers|contacts|friends)( \w+){0,2} (from|in|on|off) my (phone|cell|mobile|account)\b|\bdelet\w* (all |most )?(of )?my (contacts|phone numbers|friends list)\b",
        r"\bnever (been|gone|go|went|get to go|got to go) (out|anywhere)( for (a|one) (night|evening|day))? (on my own|alone|by myself|without (him|her|them))\b",
        r"\b(hates?|can not stand|gets? (angry|mad|furious) (when|if) i|gets? (angry|mad|furious) at me for) (me )?(talk|talking|speak|speaking|see|seeing|visit|visiting) (to |with )?(anyone|anybody|the neighbou?rs|neighbou?rs|my (own )?(family|parents|relatives)|other people)\b",
        # made to hand over what is the asker's own ("makes me give her the new passwords")
        r"\b(makes?|made|forces?|forced) me (give|hand over|hand in|turn over|surrender|share|send) ((him|her|them) )?(my|the|all|every)\b",
        r"\b(tells?|decides?|chooses?|picks?) (me )?(who|what|where) i (am )?(allowed|can|may|get to)\b",
        r"\b(who|what|where) i (am )?allowed to\b",
        r"\baccus\w* me .{0,30}(every (single )?(day|night|hour)|all day|nonstop|non stop|24 ?7)\b",
        # the partner lays down who the asker may see or talk to
        r"\b(says|said|tells me|told me|insists|demands|decided)\b[^.?!]{0,100}\bi (can not|cannot|could not|must not|should not|should never|may not) (be friends? with|be friendly with|see|talk to|speak to|text|hang out with|go out with|have) "
        r"((any |other )*(guys|men|boys|women|girls|male|female|opposite sex)|(any|other) (friends|people|pals)|anyone|my (friends|family|pals) (anymore|ever|again|at all))\b",
        r"\b(wants?|wanted|demands?|demanded|insists?|insisted|says|said|tells|told|makes?|made|expects?|expected|forces?|forced)\b[^.?!]{0,20}\b(eliminate|cut|end|drop|stop|give up|break)( off)? (all|any|every) (contact|communication|ties) with (all |any )?(other |my )?(guys|men|boys|women|girls|friends|family|males|females|people|everyone)\b",
        # demanding an instant reply
        r"\b(mad|angry|furious|freaks? out|punish\w*|sulks?|explodes?)\b[^.?!]{0,30}\b(if|when|whenever|unless) i (do not|can not|did not|fail to|take too long to) (respond|reply|answer|text (him|her|them) back)\b[^.?!]{0,20}\b(right away|immediately|instantly|straight away|within (\w+ ){0,2}(seconds?|minutes?))\b",
        r"\bdemands? (an )?(immediate|instant) (reply|replies|response|responses|answer)\b",
        # "no one else would ever want you", "you're nothing without me"
        r"\b(says|said|tells|told|telling|insists|reminds)\b[^.?!]{0,80}\b(no one|nobody|no other (guy|man|girl|woman|person)) (else )?(would|will|could) (ever )?(want|love|date|treat|put up with|be with|marry)\b|\b(i am|i would be|you are|you would be) nothing without (him|her|them|me)\b",
        # isolation noticed after the fact
        r"\b((friends|friendships) (have )?(faded|drifted away|disappeared|fell away|dropped away)|lost (all |most |many )?(of )?my (close )?(friends|friendships)) since (i|we) (began|started) (dating|seeing|going out)\b"
        r"|\b(has|have|had) lost (all|most) (of )?(my|her|his|their) (close )?friends\b",
    ],
    "self_harm": [
        r"\b(kill|hurt|harm|cut)(s|ing|ting)? (myself|my self)\b"
        r"|\b(scared|afraid|terrified|frightened|worried) (of )?what i (might|will|could|would|am going to|am gonna|may) do to (myself|me)\b",
        # "I started cutting", "my cutting is getting worse" (not "cutting back", "cutting him off")
        r"\b(started|start|starting|kept|keep|keeps|been|back to|gone back to|go back to|went back to|stop|stopped|quit|urges? to|my) cutting\b"
        r"(?! (off|out|back|down|corners|ties|class|classes|school|carbs|sugar|costs|in|me|us|him|her|them|people|contact|it close|my hair|his hair|her hair)\b)",
        r"\b(death|dying|suicide) (is|seems|feels like|would be) (the|my) only (option|way out|answer|choice|escape|solution)\b"
        r"|\b(thinking|thought|thoughts|think) (about|of) (dying|suicide|ending (it|my life)|killing myself|not waking up)\b",
        r"\b(suicid\w*|self[- ]?harm\w*|end(ing)?[ -](it[ -]all|my[ -]life)|take my (own )?life|want(s|ing)? to die|((do|does|did) not|not|no longer) (even |really )?want(s|ing)? to (live(?! (with|in|like|there|here|near|together|apart|alone|at|on|under|by|without|so)\b)|be alive)|better off dead|no reason to live)\b",
        r"\b(hurt|harm|kill|cut)(s|ing|ting)? (himself|herself|themselves)\b(?! off)",
        # the signs someone else sees ("saw cuts on the inside of her thigh, some healed and some
        # fresh", "scars all over his wrists"): "unexplained cuts, bruises or cigarette burns,
        # usually on their wrists, arms, thighs and chest" are the first sign public pages list
        # (http://www.nwemail.co.uk/news/barrow/What-are-the-signs-of-self-harm-7ebd9f5e-c0aa-4442-b5b0-849d683fd26c-ds,
        # https://www.medicinenet.com/self-harm_and_cutting_warning_signs_and_cure/article.htm),
        # as is burning oneself with matches or cigarettes
        r"\b(cuts|scars|slashes|cut marks|burn marks|razor marks) (all )?(on|over|up and down|along|across) "
        r"(the (inside|insides|inner side|top|tops|back|backs) of )?(her|his|their) (own )?"
        r"(wrists?|thighs?|(fore)?arms?|legs?|chest|stomach|belly|hips?)\b"
        # (not marks with a cause named: "scars on his arms from the war", "cuts on her legs
        # from the brambles")
        r"(?!,? (from|after|because of|caused by|due to|in (the|a|an|that))\b)"
        r"|\b(burn(s|ed|t|ing)?|cuts?|cutting) (himself|herself|themselves|myself) (on purpose|deliberately"
        r"|with (a |an )?(lighter|cigarettes?|matches|razors?|blades?|knife|knives))\b",
        r"\bbetter off (without (having to (deal with|worry about|take care of|look after) )?me|if i (just )?(was|were|am) (just )?(gone|dead|not (here|around|alive)|never born)|if i (had )?never (been born|existed)|if i (just )?did not (exist|wake up|survive|make it))\b",
        r"\b(wish|want) i (was|were) (dead|gone|never born)\b|\b((do|does|did) not|not|no longer) (even |really |just )?want(s|ing)? to be here any ?more\b",
        # others not noticing or caring, or better off, if the asker were gone or dead (being a
        # burden is a warning sign on the crisis-line pages below): "nobody would even notice if I
        # was gone", "would anyone care if I died", "they wouldn't even miss me if I disappeared",
        # "everyone would be happier if I wasn't here"; not an absence for a while (`_IF_I_WERE_GONE`)
        # nor people who would notice ("people would notice if I was gone")
        r"\b((no one|nobody|no-one|noone|not (one|a single) (person|soul))( \w+){0,2} (would|will|could|is going to)"
        r"|(would|will|does|do) (anyone|anybody|any of them|they|people|(my|our) [\w-]+( [\w-]+)?)"
        r"|(would|will|could) (not|never|hardly))( (even|ever|really|actually|probably|honestly|truly|all))*"
        r" (notice|care|mind|miss me|be sad|cry)( \w+){0,3} " + _IF_I_WERE_GONE
        + r"|\b(would|will) (all )?(be|feel) (so |much |a lot |far )*(better|happier|relieved|easier)( off)?( \w+){0,3} " + _IF_I_WERE_GONE
        # "I don't see the point in living", like "no reason to live"; hopelessness about the
        # asker's own life ("what's the point of my life", "I don't see the point of my life
        # anymore"), also without someone lost ("what is the point of my life without him", a
        # widow; "no point in going on without her"): the life is the asker's, whatever it lacks;
        # not a way of living ("no point in living with him"), going on about something, nor
        # without a thing ("no point in carrying on without the data") nor "at no point in my life"
        + r"|\b(?<!\bat )(no|not see (the|any)|what( is| was|s)? the) point (in|of) (living|being alive|going on|staying alive|carrying on"
        r"|existing|life|waking up|(my|our) (own )?(life|lives|existence))\b(?! (with|like|in|at|to|for|about)\b)"
        # "there was no point in my life when i felt safe" is a moment, not a purpose
        r"(?!(?<=\bno point in my life) (when|where|that|have|has|had|did|was|were|i|since|before|until)\b)"
        r"(?! without (?!(him|her|them|you|(my|our|his|her|their) (\w+ )?(" + _PERSON_HEAD + r"))\b))",
        # hopelessness with nothing it is about ("she doesnt see the point anymore and asked me to
        # take her cat", "I just don't see the point anymore."), and giving away one's things
        # ("he has been giving away all his stuff"): warning signs on the crisis-line pages below;
        # not the point of something ("I don't see the point anymore of texting her first")
        r"\b((do|does|did|can) not|never) (really |even |just )?see (the|any) point (in anything )?any ?more"
        r"(?= ?([.,;:!?)]|$|(and|but|so|because|or|she|he|they|i)\b))"
        r"|\b(giv(e|es|ing)|gave|given) away (all|most) (of )?(her|his|my|their) (own |prized "
        r"|favou?rite |treasured )?(things|stuff|belongings|possessions)\b"
        r"|\b(giv(e|es|ing)|gave|given) away (her|his|my|their) (prized|favou?rite|treasured) "
        r"(things|belongings|possessions)\b",
        # "some nights I don't want to go on anymore", not "I don't want to go on like this"
        r"\b(do not|can not) (even |really |just )?(want to |bear to )?go on( living| any ?more)?"
        r"(?! (living|like|with|this|that|in|at|to|as|for|a|the|about)\b)",
        # wanting not to wake up, and its means: warning signs of suicide on crisis-line pages
        # (https://988lifeline.org/help-yourself/, https://afsp.org/risk-factors-protective-factors-and-warning-signs/):
        # "easier if I just didn't wake up", "I hope I don't wake up", "stockpiling my pills";
        # not oversleeping ("if I didn't wake up in time") nor a question about a dose ("can you
        # overdose on melatonin")
        r"\b((wish|hope|pray)(ing)? (that )?i (would |could |will |might |do |did )?(just )?(not|never) wake up"
        r"|(easier|better|best|nicer|peaceful) if i (just )?(did not|never|would not) (wake up|woke up)"
        r"|(go|went|fall|fell) to sleep and (not|never) (wake|woke) up)\b(?! (in time|on time|for|to|until|till|at|early|when|before)\b)"
        r"|\b(stockpil\w*|hoard(s|ed|ing)?|sav(e|ed|ing) up) (all )?(of )?(my |the |some )?(sleeping |pain )?(pills|tablets|meds|medications?)\b"
        r"|\b(take|took|taking|thought about|thinking about|think about) an? overdose\b|\boverdos(e|ed|ing) on purpose\b",
    ],
    # the asker afraid they will hurt someone, a child in their care above all: "I'm scared of
    # what I might do the next time she does this" (a mother alone all day with a 3-year-old,
    # after "I grabbed her arm so hard it left marks"). A public page for such a parent
    # (https://raisingchildren.net.au/guides/first-1000-days/safety-and-security/when-you-might-hurt-your-child)
    # says to put the child down somewhere safe, step away, and call a crisis line; its notice
    # (`HARM_BY_ASKER_NOTICE`) does that, not the notice for a victim of abuse.
    "harm_by_asker": [
        # not what the asker will do with their life ("scared of what i will do if i do not get in")
        r"\b(scared|afraid|terrified|frightened) (of )?what i (might|will|could|would|am going to|am gonna|may) do"
        r"(?= ?([.,;!?]|$)| (to (him|her|them|someone|somebody|my|our|the|this|that)|(the )?next time|(if|when|whenever) (he|she|they|my|our|the))\b)",
        # also when the fear is of a time to come ("i am scared that next time i am going to hurt
        # her", after smashing her phone) and of a grown-up named ("hurt my girlfriend"): whether
        # a grown-up's hurt is a blow is read from the letter (`_not_a_blow_feared`)
        r"\b(scared|afraid|terrified|frightened|worried) (that )?((the )?next time( (he|she|they|it|this|that) [\w-]+( [\w-]+)?)?,? "
        r"|one day |some ?day |eventually |soon )?i (might|will|could|would|am going to|am gonna|may) (end up |actually |really )?"
        r"(hurt|harm|hit|shake|smack|strike|snap and hurt) (" + _A_CHILD_OR_PRONOUN + r"|" + _A_GROWN_UP + r")",
        r"\b(want|wanted|wanting|urges? to|feel like|thoughts of|thinking of|thinking about|thought about|think about) (to )?(hurt\w*|harm\w*|hit\w*|shak\w*|smother\w*) " + _A_CHILD_OR_PRONOUN,
        _OWN_BLOW,
    ],
    "medical": [
        # Signs that call for emergency care now, in the asker or someone with them, as public
        # "when to call 999" pages list them (loss of consciousness, sudden confusion, fits that
        # aren't stopping, chest pain, breathing difficulties, bleeding that can't be stopped,
        # stroke, serious head injuries):
        #   https://www.swast.nhs.uk/when-to-call-999
        #   https://manorviewpractice.co.uk/urgent-and-out-of-hours/when-to-call-999/
        #   http://www.scottishambulance.com/Calling999/WhenToCall999.aspx
        # A person must be having them: "what triggers migraines" or "can stress cause headaches"
        # is not flagged, nor a figure of speech ("my head is going to explode") nor a sign told
        # as history (`_HISTORY`, below).
        # the worst headache of one's life; a sudden one like a thunderclap
        r"\bworst (headache|head pain|pain)( \w+){0,2} (of|in) (my|his|her|their) (entire |whole )?life\b"
        r"|\bworst (headache|head pain) (i|he|she|they) (have|has) ever (had|felt)\b"
        r"|\blike (a |an )?(thunder ?clap|clap of thunder)\b"
        r"|\b(i|" + _WHO + r")( \w+)? (have|has|got|am having|is having|are having|woke up with|developed) (a |an |this |the )?"
        r"(sudden|explosive|abrupt),? (and )?(severe|intense|excruciating|blinding|agoni[sz]ing|terrible|very (bad|severe|intense)|thunderclap) (headache|head pain)\b",
        # stroke (F.A.S.T.): slurred speech, a face drooping on one side, one side numb or weak,
        # an arm that can't be lifted, sudden confusion
        r"\b(his|her|my|their) (speech|words|voice|talking) (is|are|was|were|has been|have been|seems|sounds|became|got|went|started|has gotten|has become|suddenly)( \w+){0,3} (slurr\w*|garbled|jumbled)\b"
        r"|\b(i|" + _WHO + r") (is|are|am|started|has been|have been|suddenly|keeps|is suddenly|started suddenly) slurring\b"
        r"|\b(now|suddenly|has|have|is having|started having) (slurred|garbled) (speech|words)\b",
        r"\b(his|her|my|their) (face|mouth|smile|lips?)( \w+){0,2} (is |are |was |looks |look |seems |has |started |went |became |got |suddenly )?(\w+ )?(droop\w*|sagg\w*)\b"
        r"|\bone side of (his|her|my|their) (face|mouth|smile|lips?)( \w+){0,2} (is |are |was |looks |look |seems |has |started |went |became |got |suddenly )?(\w+ )?"
        r"(droop\w*|sagg\w*|fallen|dropped|numb|weak|lopsided|crooked|uneven|frozen|paraly[sz]ed)\b",
        r"\b(one side of (his|her|my|their) (body|face)|(his|her|my|their) (left|right) side|the (left|right) side of (his|her|my|their) (body|face)"
        r"|(his|her|my|their) (left|right) (arm|hand) and (leg|foot)) (is|are|went|has gone|have gone|goes|feels|felt|suddenly|got|became|started|was|has been)( \w+){0,2} (numb|weak|limp|paraly[sz]ed|dead|heavy)\b"
        r"|\b(am|are|feels?|felt|went|goes|suddenly|now|has|have|got|having|he is|she is|they are) (\w+ ){0,2}(numb|weak|numbness|weakness|paraly[sz]ed|paralysis|limp)( \w+){0,2} (on|down) (one|the (left|right)) side\b"
        r"|\b(can not|could not|is unable to|am unable to|are unable to) (lift|raise) (one|either|his|her|my|their|one of (his|her|my|their)) (left |right )?arms?\b"
        r"(?! (above|over|past|higher|up|all the way|without|since|after|because|due|properly|fully|much|very|at all since|from)\b)"
        r"|\bone (arm|leg|hand) (is |feels |went |has gone |suddenly )?(\w+ )?(weak|limp|numb|dead|paraly[sz]ed)\b",
        r"\b(suddenly|all of a sudden|out of nowhere)( \w+){0,3} (confused|disoriented|does not know where (he|she|they|i) (is|are|am)|does not recogni[sz]e)\b"
        r"(?! (about|by|as to|over|with|why|what|which|how|whether|if|on)\b)"
        r"|\b(i|" + _WHO + r") (is|are|am|seems?|became|got|has become|went) (suddenly|now very|very suddenly) (very |really |so |completely )?(confused|disoriented)\b"
        r"(?! (about|by|as to|over|with|why|what|which|how|whether|if|on)\b)",
        # can't breathe: someone else, or the asker with a body in the sentence (not "he is so
        # controlling i can't breathe")
        r"\b(" + _WHO + r") (can not|could not|is struggling to|are struggling to|is not|are not|has stopped|have stopped|stopped|is barely|can barely|is having (trouble|difficulty)|are having (trouble|difficulty)) breath(e|ing)\b"
        r"(?! (in (his|her|their) sleep|at night|through (his|her|their) nose|properly through|easy|easier|a word)\b)"
        r"|\b(struggling|struggles|fighting|gasping) (to breathe|for (air|breath))\b(?! (in|under|with) (this|that|the|my|our|his|her) (relationship|marriage|house|home|job|family|situation|debt|pressure|weight)\b)"
        r"|\bi (can not|could not|can barely|am struggling to|am having (trouble|difficulty)) breath(e|ing)\b[^.?!]{0,60}\b(chest|throat|swell\w*|swollen|lips|tongue|wheez\w*|asthma|inhaler|allerg\w*|chok\w*|gasp\w*|blue)\b"
        r"|\b(chest|throat|swell\w*|swollen|lips|tongue|wheez\w*|asthma|inhaler|allerg\w*|chok\w*|gasp\w*)\b[^.?!]{0,60}\bi (can not|could not|can barely|am struggling to|am having (trouble|difficulty)) breath(e|ing)\b"
        r"|\b(his|her|my|their|the baby) (lips|face|skin) (is |are )?(turning|turned|gone|going) blue\b"
        # choking now, the asker or someone with them ("my toddler started choking on a grape");
        # not "choked up", nor a blow ("he choked me": violence), nor a choking told of a meal
        # past ("she was choking and screaming")
        r"|\b(i|" + _WHO + r") ((is|are|am) (just |suddenly |now )?(started |starting )?|(just |suddenly )?(started|starts|keeps) )choking\b(?! (up|back|me|her|him|them|us)\b)",
        # (chest pain that comes with exertion: `_chest_pain_on_exertion`, below)
        # chest pain that spreads to an arm, the jaw or the neck
        r"\b(chest (pain|pressure|tightness)|pain in (my|his|her|their) chest|(my|his|her|their) chest (hurts|is hurting|feels (tight|heavy|crushed)))[^.?!]{0,60}"
        r"\b(spread\w*|radiat\w*|going|goes|moving|moves|shoot\w*|travel\w*|down|into|up)( (in)?to| down| up| into| through)? (my|his|her|their) (left |right )?(arms?|jaw|neck|shoulder)\b"
        r"|\bcrushing (chest pain|pain in (my|his|her|their) chest)\b"
        # chest pain or pressure with the left arm gone numb, tingling or heavy, in one
        # sentence ("my chest is crushing and my left arm is numb"), either first
        r"|\b" + _NO_CHEST + r"(chest (pain|pressure|tightness)|pain in (my|his|her|their) chest|(my|his|her|their) chest (is |feels )?"
        r"(hurts|hurting|crushing|crushed|squeezing|squeezed|tight|heavy))\b[^.?!]{0,60}"
        r"\b(my|his|her|their) left (arm|hand|shoulder) (is |feels |went |has gone |goes |keeps going )?(\w+ )?(numb|tingl\w*|heavy|weak|dead)\b"
        r"|\b(my|his|her|their) left (arm|hand|shoulder) (is |feels |went |has gone |goes |keeps going )?(\w+ )?(numb|tingl\w*|heavy|weak|dead)\b[^.?!]{0,60}"
        r"\b" + _NO_CHEST + r"(chest (pain|pressure|tightness)|pain in (my|his|her|their) chest|(my|his|her|their) chest (is |feels )?"
        r"(hurts|hurting|crushing|crushed|squeezing|squeezed|tight|heavy))\b",
        # unconscious, unresponsive, won't wake up, collapsed and not coming round
        r"\b(is|are|was|went|has gone|now|still|lying|lies|found (him|her|them|my \w+)|knocked|remains|seems) (now |still |completely |totally |just )?(unconscious|unresponsive)\b"
        r"(?! (to|when|about|towards?|in (bed|the relationship)|bias|mind|thoughts?|level|desires?|patterns?|habits?|beliefs?|motivations?|competence|incompetence|processing)\b)"
        r"|\b(" + _WHO + r") (will not|can not|is not|would not|did not|has not) (wake|waking)( up)?\b"
        r"(?! (up )?(for|in time|on time|early|until|till|before|at|when|in the morning|on (weekdays|weekends|school days)|to (his|her|their|the|an?) (alarms?|phone))\b)"
        # "he won't come to" and stops there, not "won't come to the gym"
        r"|\b(" + _WHO + r") (will not|can not|is not|would not|did not|has not) come to(?= ?([.?!,;]|$)| (and|or|but|yet|after|since|at all)\b)"
        r"|\b(can not|could not|am unable to) (wake|rouse) (him|her|them|(my|our) (\w+ )?(" + _CARED + r"))( up)?\b"
        r"(?! (up )?(for|in time|on time|early|until|till|before|at|when|in the morning)\b)"
        r"|\b(" + _WHO + r") (just |suddenly )?(collapsed|fainted|passed out|blacked out)( and| \w+ and)? (is not|will not|can not|has not|is|did not|does not)( \w+)? "
        r"(breathing|wake|waking|respond\w*|unconscious|unresponsive|come (to|round|around))\b",
        # a seizure happening now (not "i had a seizure as a child")
        r"\b(is|are|am|just) having (a |an )?(seizure|convulsion)s?\b|\b(just|has just|have just) had (a |an )?(seizure|convulsion)\b"
        r"|\b(i|" + _WHO + r") (is|are|am|started|has been|have been|just started) (seizing|convulsing)\b"
        r"|\bseizure (that )?(will not|is not|has not|would not|can not) (stop|ending|ended)\b"
        r"|\bseizure (is lasting|has lasted|lasting|lasted) (more than|over|longer than) (\d+|two|three|four|five)\b",
        # a stiff neck with a fever (meningitis), and a rash that doesn't fade under a glass
        r"\b(stiff neck|neck stiffness|neck is stiff)[^.?!]{0,40}\b(fever|high temperature)\b"
        r"|\b(fever|high temperature)[^.?!]{0,40}\b(stiff neck|neck stiffness|neck is stiff)\b"
        r"|\brash (that )?(does not|will not|did not) fade\b",
        # bleeding that won't stop
        r"\b(bleed\w*|blood|nosebleed|cut|wound|gash)( (\w+ ){0,3}(and|but) (it|the bleeding))? (that |which |and |just |still )?(will not|can not|does not|would not|is not|has not|did not) (stop|slow down|slow)\b(?! \w+ing\b)"
        r"|\b(will not|can not|does not|would not|has not|is not|did not) stop bleeding\b(?! (money|cash|out)\b)"
        r"|\b(can not|could not) (stop|slow) (the |his |her |my |their )?bleed\w*\b(?! (money|cash|out)\b)|\bblood (is |was )?(pouring|spurting|gushing)\b|\b(pouring|spurting|gushing) blood\b",
        # too many pills or a poison swallowed, now (an overdose on purpose is self-harm, above)
        r"\b(took|has taken|have taken|had taken|swallowed|ate|drank|downed) (way )?(too many|a (whole |full )?(bottle|handful|pack|packet|box|strip|sheet) of|all (of )?(the|his|her|my|their)) (\w+ ){0,2}"
        r"(pills|tablets|capsules|meds|medicine|medication|painkillers|paracetamol|tylenol|acetaminophen|ibuprofen|advil|aspirin)\b"
        r"(?! (every|each|a day|per day|a week|this (week|month|year)|last (week|month|year)|over the|for (weeks|months|years|a while)|lately|in the past|when|as a)\b)"
        r"|\b(swallowed|drank|ate) (some |a (bottle|cup|bit|lot|glass|mouthful) of )?(bleach|drain cleaner|antifreeze|poison|weed killer|rat poison|lighter fluid|a battery|a button battery|batteries|detergent pods?|laundry pods?"
        # a vape's nicotine liquid, poison to a child who drinks it ("my toddler drank some
        # e-liquid"; "If a child swallows e-liquid, contact your GP or call NHS 111. In an emergency
        # dial 999.": https://capt.org.uk/e-cigarettes/)
        r"|e-?liquids?|e-?juice|vape (juice|liquid|oil)|(liquid|concentrated) nicotine"
        r"|nicotine (liquid|refill|e-liquid))\b"
        r"|\baccidental(ly)? (overdos\w*|took too many|swallowed)\b",
    ],
}
# One scan per category, tried only where a word starts (every rule begins with a word
# boundary), and there only with the rules that can start with that word: each rule's possible
# first words (or their first letters) are read from the rule itself (`_first_words`), so a rule
# added later is dispatched too. A letter's words are looked up once; a rule is then tried,
# anchored, at the words it can start with, in the rules' order, which finds exactly the
# matches one alternation of every rule finds (the first rule that matches at the leftmost
# word wins, and the next match starts after it), at about a quarter of the CPU on long letters.
_PREFIX_CHARS = 4  # how far into a rule its first word is read
_WORD = re.compile(r"\b\w+")


def _first_words(pattern: str) -> set[tuple[bool, str]] | None:
    """What every match of ``pattern`` at a word start begins with: ``(True, w)`` the word ``w``
    itself, ``(False, p)`` a word starting with ``p``; None when it could start with any word
    (then the rule is tried at every word). Zero-width assertions are read as matching anything,
    and a repeat as ending after one pass, so the set can only be too wide, never too narrow."""
    from re import _constants as c, _parser

    starts: set[str] = set()
    budget = [20000]

    def walk(items: list, cur: str) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise ValueError("too many ways to start")
        i = 0
        while len(cur) < _PREFIX_CHARS and i < len(items):
            op, av = items[i]
            if op is c.LITERAL:
                cur += chr(av)
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                pass
            elif op is c.IN and all(o is c.LITERAL for o, _ in av):
                for _, ch in av:
                    walk(items[i + 1:], cur + chr(ch))
                return
            elif op is c.SUBPATTERN and not av[1] & c.SRE_FLAG_IGNORECASE:
                return walk(list(av[3]) + items[i + 1:], cur)
            elif op is c.BRANCH:
                for alt in av[1]:
                    walk(list(alt) + items[i + 1:], cur)
                return
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if av[0] == 0:
                    walk(items[i + 1:], cur)
                if av[1] != 0:
                    walk(list(av[2]), cur)
                return
            else:
                break
            i += 1
        starts.add(cur)

    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & c.SRE_FLAG_IGNORECASE:  # the letters' case is not the rule's
            return None
        walk(list(parsed), "")
    except Exception:  # a construct or a version of `re` this reading does not know
        return None
    words: set[tuple[bool, str]] = set()
    for s in starts:
        if not s:
            return None
        if not _WORD.match(s):  # a rule starts where a word does: this path never matches
            continue
        w = _WORD.match(s).group()
        words.add((len(w) < len(s), w))
    return words


class _Rules:
    """One category's rules, scanned as `re.compile("\\b(?=\\w)(?:(?:rule)|(?:rule)|...)")`
    would scan them (`finditer`, `search`): the same matches, at the same places."""

    def __init__(self, category: str, patterns: list[str]):
        self.category = category
        self.rules = [re.compile(r"\b(?=\w)(?:" + p + ")") for p in patterns]
        self.starts = [_first_words(p) for p in patterns]

    def finditer(self, q: str, words: "_Words | None" = None):
        """The matches in ``q``; ``words`` are its words when already read (`_Words`)."""
        if words is None or words.q is not q:
            words = _Words(q)
        rules, pos = self.rules, 0
        for at, tried in zip(*words.candidates(self.category)):
            if at < pos:
                continue
            for i in tried:
                m = rules[i].match(q, at)
                if m is not None:
                    yield m
                    pos = m.end()
                    break

    def search(self, q: str, words: "_Words | None" = None) -> re.Match | None:
        return next(self.finditer(q, words), None)


# Words longer than this are looked up afresh each time, not kept: a question's 2,000-character
# "word" kept 2 KB per request in a memo shared by every request, 100 MB by its 50,000-entry
# bound (twenty-first audit); real words are shorter, and a lookup costs a few dict reads.
_MEMO_WORD_CHARS = 40


class _Words:
    """A letter's word starts and, for each category, the rules each word can start (read
    once per check, however many categories and checks ask: `check_safety` keeps them in its
    memo). Kept in flat lists of offsets and shared tables, not an object per word: a 60 KB
    letter's thousands of words would otherwise wake the garbage collector dozens of times."""

    _index: dict[tuple[bool, str], tuple[tuple[str, int], ...]] = {}
    _anywhere: tuple[tuple[str, int], ...] = ()
    _seen: dict[str, dict[str, tuple[int, ...]]] = {}  # word -> category -> rules it can start

    def __init__(self, q: str):
        self.q = q
        self.found: dict[str, tuple[list[int], list[tuple[int, ...]]]] = {}
        seen = self._seen
        if len(seen) > 50_000:  # a bound on memory, whatever the letters
            seen.clear()
        starts: list[int] = []
        rules_at: list[dict[str, tuple[int, ...]]] = []
        at = 0
        for word in _WORD.findall(q):
            # the word's own start: only non-word characters lie between the last word's end
            # and it, so its first occurrence from there is it
            at = q.find(word, at)
            rules = seen.get(word)
            if rules is None:
                rules = self._rules_for(word)
                if len(word) <= _MEMO_WORD_CHARS:
                    seen[word] = rules
            if rules:
                starts.append(at)
                rules_at.append(rules)
            at += len(word)
        self.starts, self.rules_at = starts, rules_at

    @classmethod
    def _rules_for(cls, word: str) -> dict[str, tuple[int, ...]]:
        hits = list(cls._anywhere) + list(cls._index.get((True, word), ()))
        for n in range(1, min(_PREFIX_CHARS, len(word)) + 1):
            hits += cls._index.get((False, word[:n]), ())
        rules: dict[str, list[int]] = {}
        for k, i in hits:
            rules.setdefault(k, []).append(i)
        return {k: tuple(sorted(set(v))) for k, v in rules.items()}

    def candidates(self, category: str) -> tuple[list[int], list[tuple[int, ...]]]:
        """The word starts where a rule of ``category`` can match, and those rules, in order."""
        found = self.found.get(category)
        if found is None:
            starts: list[int] = []
            tried: list[tuple[int, ...]] = []
            for at, rules in zip(self.starts, self.rules_at):
                these = rules.get(category)
                if these is not None:
                    starts.append(at)
                    tried.append(these)
            found = self.found[category] = (starts, tried)
        return found


_COMBINED = {k: _Rules(k, v) for k, v in _PATTERNS.items()}
_Words._anywhere = tuple((k, i) for k, r in _COMBINED.items() for i, s in enumerate(r.starts) if s is None)
for _k, _r in _COMBINED.items():
    for _i, _s in enumerate(_r.starts):
        for _key in _s or ():
            _Words._index[_key] = _Words._index.get(_key, ()) + ((_k, _i),)

# A match is dropped when its own sentence says something that changes who acts:
# - a question about whether to agree to being tracked, or agreeing to it ("should i let my bf
#   track my location", "letting her track my phone") is not a report of it being done;
# - a parent's rule for a teenager ("not allowed to go out without asking my parents", "my
#   parents following me everywhere") is parenting, not a partner's control.
_PARENT = r"my (parents|mom|mum|mother|dad|father|step ?(mom|mum|mother|dad|father))"
_PARENT_RULE = (r"\b(without|unless) ((asking|telling|checking with|permission from) " + _PARENT
                + r"|" + _PARENT + r" (accompanying|coming|being (there|present)|there|present))\b"
                r"|\b" + _PARENT + r" (always |also |still |even |never )?(rules?|curfew|follow\w*|(do|does|did|will|would) not (let|allow)"
                r"|never (let|allow)\w*|forbid\w*|ground\w*)\b")
# Violence told of someone else's past is not the asker's danger now:
# - a claim passed round about someone ("telling anyone who will listen that my husband abused her");
# - abuse by a former partner, in the past tense ("my last ex-boyfriend was abusive", "I was hit by
#   an ex", "I was previously in an abusive relationship"), unless the sentence brings it into the
#   present ("my ex was violent and now he keeps calling").
_REPORTED = (r"\b(accus\w*|alleg\w*|claim\w*|rumou?rs?|gossip\w*|telling (anyone|everyone|people|others)( who will listen)?"
             r"|tells (anyone|everyone|people|others)( who will listen)?)( me| us| him| her| people)? that\b")
_FORMER = (r"\b(my|an|her|his|their) (last |previous |former |old |first )?ex\b|\bex-?(boyfriend|girlfriend|husband|wife|partner|fianc\w*)\b"
           r"|\b(previous|former|past|prior|last) (relationship|marriage|boyfriend|girlfriend|husband|wife|partner)\b"
           # "I was married for 20 years to a man who...": a marriage told in the past
           r"|\bi was married (for [^.?!,]{1,20} )?to (a|an|this|that) (man|woman|guy|person)\b")
_PAST_PARTNER = (r"^(?![\s\S]*\b(is|are|keeps?|currently|now|again|still (calls|texts|follows|comes|shows))\b)[\s\S]*("
                 r"(" + _FORMER + r")[^.?!]{0,60}\b(was|were|had been|used to be|became)\b[^.?!]{0,40}\b(abus\w*|violent|physical)"
                 r"|\b(hit|beaten|abused|attacked|assaulted|hurt)\b (\w+ ){0,3}by (" + _FORMER + r")"
                 r"|\b(previous(ly)?|former|past|prior)\b[^.?!]{0,40}\b(abusive|violent) (relationship|marriage)"
                 r"|\babus\w*[^.?!]{0,40}\blike (my|her|his) (last |previous |former )?(ex|boyfriend|girlfriend|husband|wife|partner)\b)")
# - control by a former partner told in the past ("I was married for 20 years to a man who slowly
#   isolated me from friends and family", "my ex-husband used to check my phone"), when the
#   sentence has nothing in the present ("my ex won't let me see the kids", "my ex still
#   controls the money", "now he keeps texting my friends").
_PAST_CONTROL = (r"^(?![\s\S]*\b(is|are|am|keeps?|currently|now|again|still|will|won['’]?t"
                 # ("doesn't" reads "does not" here: `_normalise` spells it out)
                 r"|doesn['’]?t|don['’]?t|does not|do not|controls|isolates|forbids|monitors|checks"
                 r"|tracks|wants|lets|makes|tells)\b)"
                 # nor names a partner the asker has now beside the ex ("unlike my ex, my husband
                 # isolated me", "my boyfriend took my phone after my ex called")
                 r"(?![\s\S]*\bmy (new |current |present )?(husband|wife|boyfriend|girlfriend|bf|gf"
                 r"|partner|fianc\w*|spouse)\b)[\s\S]*(" + _FORMER + r")[^.?!]{0,80}"
                 r"\b(was|were|had|used to|would|\w{3,}ed)\b")
# A sign told as history ("i had a seizure as a child", "years ago i had the worst headache of
# my life") or of someone drunk ("his speech gets slurred when he drinks") is not an emergency now.
_HISTORY = (r"\b(as a (child|kid|teen\w*|teenager|baby|toddler)|when (i|he|she|they) (was|were) (a |an |younger|little|small|young|in|\d)"
            r"|(\d+|a few|several|two|three|four|five|many|some) (years|months|decades) (ago|back)|years ago|last year|in (19|20)\d\d"
            r"|at (\d+|one|two|three|four|five|six|seven|eight|nine|ten) (years|months) old|at (the )?age (of )?\d+"
            r"|used to|in the past|history of"
            r"|(when|whenever|if) (he|she|they|i) (is |are |am |gets |get |got )?(drunk|drinks|drinking|high|wasted))\b")
# - the asker's own blow that left a mark, in a sentence naming no one else who acts or is
#   hurt ("i grabbed her arm so hard it left marks"): that is `harm_by_asker`, not violence
#   against the asker.
_ONLY_MY_BLOW = r"^(?![^.?!]*\b(he|she|they|me|us)\b)[^.?!]*" + _OWN_BLOW
_SENTENCE_EXCLUSIONS = {
    "violence": re.compile(_REPORTED + r"|" + _PAST_PARTNER + r"|" + _ONLY_MY_BLOW),
    "stalking": re.compile(
        r"\b(should|can|do|would) i (let|allow) \w+( \w+)? (track|monitor|see)"
        r"|\b(letting|let|allowing|allow|agreed to let|agreed to have) (him|her|them|my \w+) (track|monitor|see my location)"
        r"|" + _PARENT_RULE),
    "control": re.compile(_PARENT_RULE + r"|" + _PAST_CONTROL),
    "medical": re.compile(_HISTORY),
    "drugged": re.compile(_HISTORY),  # "I was drugged at a party years ago"
}
_SENTENCE_END = re.compile(r"[.!?]")


def _sentence(ends: list[int], q: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence of `q` around `q[start:end]` (bounded by . ! ? or the text's
    ends); ``ends`` are the offsets of every . ! ? in `q`."""
    i = bisect.bisect_left(ends, start)  # ends[i - 1] is the last mark before the match
    j = bisect.bisect_left(ends, end)  # ends[j] is the first mark at or after its end
    return (ends[i - 1] + 1 if i else 0), (ends[j] + 1 if j < len(ends) else len(q))


# A young child's blows are behaviour to manage, not danger to the asker: "a 3-year-old who likes
# to scream, hit, shove", "my 2yo loses it evry time we leave the park, screaming kicking the lot",
# "my 3 year old is jealous, she keeps trying to hit the baby", "my sisters 3yo has meltdowns ...
# he hits her". Nor is a toddler who may "hurt himself" banging his head ("hes 2. should i be
# worried hes gonna hurt himself?") at risk of suicide. A young child: a baby, a toddler, a child
# of five or under, not "like a toddler" said of an adult.
_YOUNG_CHILD = re.compile(
    r"\b(?<!\blike )(?<!\blike a )(?<!\blike an )(?<!\blike a little )("
    r"(bab(y|ies)(?! (daddy|daddies|father|mama|momma|mother|mom)\b)|infants?|toddlers?|preschoolers?|newborns?|little (one|ones|boy|boys|girl|girls)"
    r"|(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)[ -]?(months?|mo)[ -]old"
    r"|([1-5]|one|two|three|four|five)(\.5| and a half)?[ -]?(years?|yrs?)[ -]old|[1-5](\.5)? ?(yo|y/o|y\.o))\b"
    r"( (son|daughter|boy|girl|brother|sister|twins?|kid|child|nephew|niece|grandson|granddaughter|toddler)s?\b)?"
    r"|((he|she|(my|our|her|his) (son|daughter|boy|girl|kid|child|grandson|granddaughter|nephew|niece))( is| just turned| turned)?|hes|shes|who is|who just turned)"
    r" ([1-5]|one|two|three|four|five)(\.5| and a half)?( (years?|yrs?)( old)?)?(?= ?([.,;!?)]|$)))")
# someone between the child and the act who could be the one acting ("my 2 year old cries when
# my husband hits me"); for a blow, "him", "them", "me" too ("my toddler saw him punch the wall",
# "my 2 year old saw me get hit"), not for one who may hurt himself ("I can't stop him and I am
# worried that he will hurt himself")
_SOMEONE_ELSE = (rf"\b({_HOME}|daddy|man|woman|guy|adults?|uncle|aunt|grand\w*|neighbou?rs?|teacher|babysitter"
                 r"|nanny|stranger")
_SOMEONE_ELSE_ACTS = re.compile(_SOMEONE_ELSE + r")\b")
_SOMEONE_ELSE_HITS = re.compile(_SOMEONE_ELSE + r"|him|them|me|us)\b")
_PRONOUN = re.compile(r"\b(he|she|they|her)\b")
# a blow the child took, not gave ("my 2 year old got hit")
_PASSIVE = re.compile(r"\b(get|gets|got|getting|gotten|been|being|was|were|is|are|be)( \w+)? $")
_PARTICIPLE = re.compile(r"hit|\w+ed|beaten|thrown")
# a grown-up in the letter whom "he" or "she" may name ("... our 2 year old cries when he hits me")
_GROWN_UP = re.compile(r"\b(partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex|dad|father|daddy|step\w*)\b")
_AT_ME = re.compile(r"\b(me|us|my)\b")
# self-harm words of intent keep a young child's words a danger ("my 4yo said he wants to hurt himself")
_INTENT = re.compile(r"\b(want|wants|wanted|wanting|says|said|saying|talks|talked|threaten\w*|try|tries|tried|trying)\b")
_ACCIDENT = re.compile(r"(hurt|harm|cut)\w* (himself|herself|themselves)\b")
_CHILD_WINDOW = 120  # characters before a match searched for the child (keeps the check linear)


def _found_between(q: str, pattern: re.Pattern, a: int, b: int, memo: dict) -> bool:
    """Whether a match of `pattern` (a word) starts in ``q[a:b]``: every match is found once per
    letter, then each lookup is a bisection (a 60 KB letter of tantrums has thousands of blows)."""
    if pattern not in memo:
        memo[pattern] = [w.start() for w in pattern.finditer(q)]
    starts = memo[pattern]
    i = bisect.bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _a_young_child_acts(q: str, m: re.Match, start: int, memo: dict,
                        others: re.Pattern = _SOMEONE_ELSE_ACTS) -> bool:
    """Whether match `m` is told of a young child just named before it, from `start` on, with
    no one else between who could be the one acting; "he" or "she" between counts as the child
    unless the letter names a grown-up they could be or the blow is at the asker."""
    if "children" not in memo:  # every mention found once: each match then looks one up
        memo["children"] = [(c.start(), c.end()) for c in _YOUNG_CHILD.finditer(q)]
    children = memo["children"]
    i = bisect.bisect_right(children, (m.start(), m.start())) - 1
    while i >= 0 and children[i][1] > m.start():  # a mention must end before the match
        i -= 1
    if i < 0 or children[i][0] < max(start, m.start() - _CHILD_WINDOW):
        return False
    a, b = children[i][1], m.start()
    if _found_between(q, others, a, b, memo):
        return False
    if _PARTICIPLE.fullmatch(m.group()) and _PASSIVE.search(q[a:b]):
        return False
    if _found_between(q, _PRONOUN, a, b, memo):
        if "grown_up" not in memo:
            memo["grown_up"] = _GROWN_UP.search(q) is not None
        if memo["grown_up"] or _AT_ME.search(q, m.start(), m.end() + 4):
            return False
    return True


def _violence_of_a_young_child(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    return (_no_one_struck(q, m) or _a_young_child_acts(q, m, span[0], memo, _SOMEONE_ELSE_HITS)
            or _young_child_just_before(q, m, span, memo)
            or _not_done(q, m) or _disciplined_for(q, m) or _children_fighting(q, m, span, memo)
            or _hitting_back_weighed(q, m))


# Whether to strike back is a question of what to do, not a blow struck: "Should I tell my kid to
# hit back at the bully?", "is it ok for him to punch back", "should she hit back". A blow back at
# the asker ("he tried to hit back at me") is still one.
_BACK = re.compile(r" back\b(?! at (me|us)\b)")
_WEIGHED = re.compile(r"\b(to|should|shall|could|would|can|may|might|must)( \w+){0,2} \Z")
_WEIGHED_WINDOW = 40  # characters before the blow read for the frame (keeps the check linear)
# "to" after a verb of a blow begun, going on or a habit is one struck ("he started to hit
# back", "she continues to punch back", "he used to hit back")
_UNDER_WAY = re.compile(r"\b(start\w*|begin\w*|began|begun|continu\w*|tend\w*|used|keeps?|kept"
                        r"|goes on|went on)( \w+)? \Z")


def _hitting_back_weighed(q: str, m: re.Match) -> bool:
    if _BACK.match(q, m.end()) is None:
        return False
    lo = max(0, m.start() - _WEIGHED_WINDOW)
    w = _WEIGHED.search(q, lo, m.start())
    return w is not None and not (w.group(1) == "to" and _UNDER_WAY.search(q, lo, w.start()))


# A young child named in the sentence before, and "he" or "she" acting in this one ("My three year
# keeps hurting my 15 month old. Sometimes they play nicely, then out of the blue he'll just shove
# her over."): the same reading as in one sentence (`_a_young_child_acts`: no one else between,
# no grown-up in the letter "he" or "she" could be, not at the asker), unless this sentence tells
# of an injury or a weapon.
def _young_child_just_before(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    return _a_young_child_acts(q, m, 0, memo, _SOMEONE_ELSE_HITS) and not _injured(q, span, memo)


def _injured(q: str, span: tuple[int, int], memo: dict) -> bool:
    injured = memo.setdefault("injured", {})  # each sentence read once, however many blows
    if span not in injured:
        injured[span] = _INJURY.search(q, span[0], span[1]) is not None
    return injured[span]


# A blow named as the misdeed someone is corrected for ("spank him for his hitting", "a time out
# for kicking", "how to discipline her for biting and hitting"): a parent asking about
# discipline, the blow a child's behaviour, no one in danger. The blow's own words only: "he hit
# me" or an adult's blow at a child is no misdeed corrected.
_CORRECTED_FOR = re.compile(
    r"\b(spank\w*|punish\w*|disciplin\w*|scold\w*|reprimand\w*|tell\w* (him|her|them) off|time ?outs?|timeouts?"
    r"|consequences?|correct\w*|lectur\w*|yell\w* at|shout\w* at)"
    r"( (him|her|them|(my|our|his|her|their|the|a) ([\w-]+ ){0,2}?[\w-]+))? for "
    r"((his|her|their) )?((\w+ing|\w+ing,?( and| or)?) ){0,3}$")
_CORRECTED_WINDOW = 80  # characters before a blow read for the correction


def _disciplined_for(q: str, m: re.Match) -> bool:
    return (m.group().endswith("ing") and " " not in m.group()
            and _CORRECTED_FOR.search(q, max(0, m.start() - _CORRECTED_WINDOW), m.start()) is not None)


# A blow or a threat told as what is not done: "how he can handle his anger without hitting",
# "tell mom instead of hitting her", "we do not want to push or threaten him", "i am watchful not
# to overreact, shame, or yell and spank him". Only the asker's own "not to" ("i begged him not to
# hit me" is a blow feared), and no one named between the frame and the act who could do it.
_NOT_DONE = re.compile(r"\b(without|with out|instead of|rather than|(i|we) (do|did) not want to"
                       r"|(i|we) (am|are|was|were|try|tried|trying|always try)( \w+)? not to)"
                       r"(?: (?!(he|she|they|him|her|them|it)\b)[\w,']+){0,6} $")
_NOT_DONE_WINDOW = 100  # characters before a match read for the frame (keeps the check linear)


def _not_done(q: str, m: re.Match) -> bool:
    return _NOT_DONE.search(q, max(0, m.start() - _NOT_DONE_WINDOW), m.start()) is not None


# Children of twelve or under hitting a brother, a sister or each other, told by a parent or a
# carer ("my 6 year old keeps hitting his sister", "my daughter's two boys (6 and 9) ... start
# hitting each other", "it ends with the little one getting hit"): sibling fights to manage, not
# danger, unless the sentence tells of an injury or a weapon.
_CHILD_NAMED = re.compile(
    r"\b([1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"( and a half)?[ -]?(years?|yrs?)[ -]?old\b|\b([1-9]|1[0-2]) ?(yo|y/o)\b"
    r"|\(([1-9]|1[0-2])( and |, ?)([1-9]|1[0-2])\)|\b(toddlers?|preschoolers?|kindergartners?)\b")
_SIBLING = (r"(each other|one another|(his|her|their|my|our) (little |younger |older |baby |big |twin "
            r"|new )?(brother|sister|sibling|twin)s?|the (baby|little one|younger one|older one))\b")
_AT_SIBLING = re.compile(r" (on |at )?" + _SIBLING)
_SIBLING_STRUCK = re.compile(_SIBLING + r" (getting|gets|got|being|was|is) $")
_INJURY = re.compile(r"\b(blood|bleed\w*|hospital|broken|broke (his|her|a)|stitches|concussion"
                     r"|knife|knives|weapon|belt|stick|bat|hammer|threw|thrown|chok\w+|strangl\w+"
                     r"|unconscious|bruis\w+)\b")


def _children_fighting(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if not (_AT_SIBLING.match(q, m.end()) or _SIBLING_STRUCK.search(q, max(0, m.start() - 40),
                                                                       m.start())):
        return False
    if "child_named" not in memo:
        memo["child_named"] = _CHILD_NAMED.search(q) is not None
    if not memo["child_named"]:
        return False
    return not _injured(q, span, memo)


def _threat_not_made(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    return (_not_done(q, m) or _hurting_themselves_by_accident(q, m, span, memo)
            or _a_childs_own_harm(q, m, memo))


# A child who wants to kill or hurt themselves ("my 13 year old daughter ... told me she wants to
# kill herself") threatens no one: it is that child's self-harm, which the self-harm rules read
# as someone else's (the crisis line for helping them), not danger to the asker from another
# (the police and a domestic-violence hotline). The reflexive, in the match or right after it
# ("she wants to kill" / "herself"), stands for a child the letter names (`_antecedent`): a son,
# a daughter, a child, or someone named by age. A partner's "he says he will kill himself" stays.


def _a_childs_own_harm(q: str, m: re.Match, memo: dict) -> bool:
    last = m.group().rsplit(" ", 1)[-1]
    if last not in _REFLEXIVE:
        nxt = _REFLEXIVE_AFTER.match(q, m.end())
        if nxt is None:
            return False
        last = nxt.group(1)
    # the person named nearest before the reflexive, in the match too ("my husband says he will
    # kill himself" is the husband's, though a son was named before him)
    return _is_child(_antecedent(q, m.end(), _REFLEXIVE[last], memo))


def _hurting_themselves_by_accident(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    """Harm to themselves (not "kill himself", nor with words of intent) of a young child named in
    this sentence or just before, or of someone the letter says has dementia
    (`_confused_hurting_themselves`): an accident, not self-harm nor a threat to the asker."""
    if not _ACCIDENT.match(m.group()):
        return False
    a = max(0, m.start() - _CHILD_WINDOW)
    if not _INTENT.search(q, a, m.start()) and _a_young_child_acts(q, m, 0, memo):
        return True
    return _confused_hurting_themselves(q, m, span, memo)


# Someone with dementia who may "hurt" or "harm" themselves ("My 83-yr-old mother has shown signs
# of dementia ... I am concerned that she will jeopardize her financial future or otherwise harm
# herself") comes to harm by confusion (a fall, a stove, a bad deal), not by intent: no crisis line
# and no threat to the asker. The one who may is the person the reflexive stands for
# (`_antecedent`); the dementia is named in that person's sentence or in the match's own.
# Words of intent in the match's sentence ("she said she wants to hurt herself") keep it.
_DEMENTIA = re.compile(r"\b(dementia|alzheimer\w*|memory loss|senil\w*|cognitive (decline|impairment))")
_REFLEXIVE = {"himself": "he", "herself": "she", "themselves": "they"}
_REFLEXIVE_AFTER = re.compile(rf" ({'|'.join(_REFLEXIVE)})\b")  # right after a match


def _confused_hurting_themselves(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if not _found_between(q, _DEMENTIA, 0, len(q), memo):  # most letters name no dementia
        return False
    if _INTENT.search(q, max(span[0], m.start() - _CHILD_WINDOW), m.start()):
        return False
    if _found_between(q, _DEMENTIA, span[0], m.start(), memo):
        return True
    who = _antecedent(q, m.start(), _REFLEXIVE[m.group().rsplit(" ", 1)[-1]], memo)
    if who is None:
        return False
    if "ends" not in memo:
        memo["ends"] = [e.start() for e in _SENTENCE_END.finditer(q)]
    a, b = _sentence(memo["ends"], q, who.start(), who.end())
    return _found_between(q, _DEMENTIA, a, b, memo)


# Whom "he", "him", "she", "her", "they" or "them" stands for: the nearest person named before it
# that the pronoun can stand for ("him" a son, a toddler or a partner, not a wife or a mother;
# "them" the kids or a partner). A letter names its people before it calls them "him" or "her".
_ANTECEDENT_WINDOW = 600  # characters searched back for the person named
_ANTECEDENT_TRIES = 12  # people named tried, nearest first (keeps each lookup bounded)


def _mentions(q: str, memo: dict) -> tuple[list[int], list[re.Match]]:
    if "mentions" not in memo:  # every person named found once per letter
        found = list(_MENTION.finditer(q))
        memo["mentions"] = ([m.start() for m in found], found)
    return memo["mentions"]


def _fits(pronoun: str, head: str) -> bool:
    plural = _PLURAL_HEAD.fullmatch(head) is not None
    male, female = _MALE_HEAD.fullmatch(head) is not None, _FEMALE_HEAD.fullmatch(head) is not None
    if pronoun in ("he", "him", "his"):
        return not plural and not female
    if pronoun in ("she", "her"):
        return not plural and not male
    return not male and not female  # "they", "them": the kids, or one person of either sex


def _antecedent(q: str, pos: int, pronoun: str, memo: dict) -> re.Match | None:
    """The person named before ``pos`` that ``pronoun`` stands for, if any."""
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, pos)
    for j in range(i - 1, max(-1, i - 1 - _ANTECEDENT_TRIES), -1):
        m = found[j]
        if pos - m.end() > _ANTECEDENT_WINDOW:
            break
        if m.end() <= pos and _fits(pronoun, m.group("head")):
            return m
    return None


def _is_child(mention: re.Match | None) -> bool:
    return mention is not None and _CHILD_HEAD.fullmatch(mention.group("head")) is not None


_ENDS_IN_PRONOUN = re.compile(r"\b(him|her|them)$")
_A_GROWN_UP_AT_END = re.compile(r"(?:" + _A_GROWN_UP + r")$")
_ENDS_IN_A_CHILD = re.compile(r"(?:" + _A_CHILD + r")$")
# A grown-up "hurt" may be feelings ("my wife took the kids and i am afraid i will hurt her"); it is a
# blow the asker fears when the word is one ("scared i will hit him") or when the letter tells of
# the asker's own violence: things smashed or thrown at someone, a wall punched, someone struck ("last
# week i smashed my girlfriend's phone ... i am scared that next time i am going to hurt her").
# Not a mishap or an idiom ("i accidentally broke my phone", "i broke up with her", "i hit my head",
# "i broke my heart", "i hit the gym", "i kicked him out", "i choked up").
_FEARED_BLOW = re.compile(r"^(scared|afraid|terrified|frightened|worried)\b.*\bi (might|will|could|would|am going to|am gonna|may)"
                          r" (end up |actually |really )?(hit|smack|strike|shake) ")
_OWN_VIOLENCE = re.compile(
    r"\bi ((?!(accidentally|never|nearly|almost|not|did|do|would|will|could|might)\b)\w+ )?"
    r"(smash(ed)?|punch(ed)?|kick(ed)?|slam(med)?|hit|slap(ped)?|shov(e|ed)|chok(e|ed)|broke|destroy(ed)?|trash(ed)?)"
    r"(?! (up|down|out|off|away|in|into|through|open|free|even|the news|a (\w+ ){0,3}wall|rock bottom|it off)\b)"
    r"(?! (the )?(gym|road|town|jackpot|roof|ceiling|books|sack|hay|spot|brakes|bottle|snooze|send|reply|button)\b)"
    r"(?! my (\w+ )?" + _BODY + r"\b)"
    r" (things|stuff|walls?|holes?|a hole|him|her|them|(my|our|his|her|their|the|a|an) " + _NOT_A_THING + r"[\w-]+)\b"
    r"|\bi (threw|throw) ((things|stuff)\b|[^.?!]{0,30}\bat (him|her|them|my|his|our)\b)|" + _OWN_BLOW)


def _not_a_blow_feared(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    """A fear of hurting someone counts for a child the letter names, "him", "her" or "them"
    standing for one ("my 4 year old ... i am scared i am going to hurt him"); for a grown-up
    (a partner, anyone) when the harm feared is a blow (`_FEARED_BLOW`, `_OWN_VIOLENCE`)."""
    p = _ENDS_IN_PRONOUN.search(m.group())
    if p is not None:
        if _is_child(_antecedent(q, m.start() + p.start(), p.group(), memo)):
            return False
    elif _ENDS_IN_A_CHILD.search(m.group()) or not _A_GROWN_UP_AT_END.search(m.group()):
        return False
    if _FEARED_BLOW.search(m.group()):
        return False
    if "own_violence" not in memo:  # read once per letter
        memo["own_violence"] = _OWN_VIOLENCE.search(q) is not None
    return not memo["own_violence"]


# Control is a partner's, or that of someone the asker lives with, over the asker's own life.
# Not control: a relative who is not a partner (a parent, an in-law, a brother or a sister), someone
# at work or a friend ("her mother is always
# in the middle of our life. she is very controlling", "my son's wife ... won't let me see the
# grandkids", "my boss says i am not allowed to"), unless the asker lives with them, the control
# is over someone else ("my dad is so controlling of my mom" is a partner's) or the letter tells of
# blows or threats too ("she hits me and kicks me ... she doesn't let me go over to friends
# houses", of a 13-year-old's mother); nor access to a
# relative's children ("won't let me see the grandkids"). The one in control is the subject named
# last at or before the match in its sentence: "he", "she", "they" (read as whom they stand for,
# `_antecedent`, or, when no one near fits, the first person the letter names that fits,
# `_first_named`), or a person named and followed by a verb ("my son's wife says ..."). Any kin
# word counts as a relative (a grandson, a daughter too), and a relative the letter tells lives at
# a distance ("she lives two hours from me") does not live with the asker, whoever else does
# (`_lives_apart`).
_NOT_HOME_HEAD = re.compile(
    r"(step-?)?(mom|mum|mother|mommy|mummy|mama|dad|father|daddy|papa|parents?|grand(ma|pa|mother|father|parents?|dad)s?"
    r"|granny|nan|nana|aunt|auntie|uncle|cousins?|brothers?|sisters?|siblings?|nephews?|nieces?"
    r"|sons?|daughters?|grand(sons?|daughters?|child|children|kids?|bab(y|ies))"
    r"|boss|manager|supervisor|colleagues?|co-?workers?|teachers?|coach"
    r"|landlord|neighbou?rs?|friends?|in-laws?|inlaws)$|.*(-in-laws?| in laws?)$")
_PARTNER_HEAD = re.compile(r"(partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex)$")
# a relative whose partner is an in-law ("my son wife", "my sister husband")
_RELATIVE = re.compile(r"\b(sons?|daughters?|brothers?|sisters?|mom|mum|mother|dad|father|parents?|cousins?|aunt|uncle"
                       r"|nephew|niece|grand\w+|step\w+)\b")
_SUBJECT_PRONOUN = re.compile(r"\b(he|she|they)\b")
_FOLLOWED_BY_A_VERB = re.compile(
    r" (is|was|are|were|has|have|had|will|would|can|could|should|may|might|must|does|did|do|always|never|just|also"
    r"|still|often|really|even|now|then|\w+s|\w+ed)\b")
_LIVES_WITH = re.compile(r"\b(i|we) (\w+ ){0,2}(live|living|lived|stay|staying) with\b|\b(lives|living|lived|stays|staying)"
                         r" with (me|us)\b|\bmoved in with\b|\bunder (the same|one|her|his|their) roof\b"
                         r"|\b(we|and i) (\w+ ){0,2}(live|living|lived|stay|staying) together\b")
_CONTROLLING_SOMEONE_ELSE = re.compile(
    r"\bcontroll?(ing|s|ed)? (of|over|toward|towards) (my|our|his|her|their) ([\w-]+ )?(" + _PERSON_HEAD + r")\b")
_OTHERS_CHILDREN = re.compile(
    r"me( to| from)? (see|seeing|visit|visiting|have|having|babysit|babysitting|spend time with|spending time with|take"
    r"|taking|watch|look after|be with|talk to|call|meet|hold|hug) "
    r"((the|my|our|his|her|their) ([\w-]+ )?(grandkids?|grandchild(ren)?|grandsons?|granddaughters?|grandbab(y|ies)|nephews?|nieces?)"
    r"|(his|her|their) ([\w-]+ )?(kids?|child(ren)?|sons?|daughters?|bab(y|ies)))\b")
# what the asker is kept from doing for a parent ("they won't let me move him closer to where i
# live", of a sibling who holds the finances of their father with dementia): a dispute over the
# parent's care, not control of the asker's own life; seeing, visiting or calling anyone stays
# (`_control_outside_home`)
_FOR_SOMEONE = re.compile(r"me( to)? (move|moving|place|placing|put|putting|take|taking|bring|bringing|care for|caring for"
                          r"|look after|looking after) (?P<who>(him|her|them)\b)?")
_PARENT_HEAD = re.compile(r"(step-?)?(mom|mum|mother|mommy|mummy|mama|dad|father|daddy|papa|parents?"
                          r"|grand(ma|pa|mother|father|parents?|dad)s?|granny|nan|nana)(-in-laws?| in laws?)?$")
# isolation told of the one isolated ("my sister has lost all of her friends because nobody can
# stand him"): the person named is not the one in control
_ISOLATED = re.compile(r"(has|have|had) lost |(friends|friendships) |lost ")
_CONTROLLING_WHO = re.compile(r"\bcontrolling (?P<head>" + _PERSON_HEAD + r")\b")
# a distance told between the asker and someone ("she lives two hours from me", "i live about ten
# miles away", "my mother lives across the country"): they do not live with the asker, whoever
# else does
_LIVES_APART = re.compile(
    r"\b(?P<who>he|she|they|i|we|(my|our) ([\w-]+ )?(" + _PERSON_HEAD + r")) (\w+ ){0,2}(live|lives|lived|living|moved)"
    r"( [\w-]+){0,4}? ((away )?from (?P<whom>me|us|him|her|them|(my|our) ([\w-]+ )?(" + _PERSON_HEAD + r"))"
    r"|away|across (town|the (country|state|city|world))"
    r"|in (another|a different) (city|town|state|country))\b")
_CONTROL_WINDOW = 60  # characters after a match read for what is restricted
_ME = re.compile(r"\bme\b")


def _the_one_in_control(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> re.Match | None:
    """The person named as the subject at or before match ``m`` in its sentence (a pronoun read
    as whom it stands for), if any."""
    starts, found = _mentions(q, memo)
    best, best_at, pronoun = None, -1, None
    i = bisect.bisect_right(starts, m.start())
    for j in range(i - 1, max(-1, i - 1 - _ANTECEDENT_TRIES), -1):
        n = found[j]
        if n.start() < span[0]:
            break
        if n.start() == m.start() or _FOLLOWED_BY_A_VERB.match(q, n.end()):
            best, best_at = n, n.start()
            break
    for p in _SUBJECT_PRONOUN.finditer(q, max(span[0], best_at + 1), m.start() + 5):
        if p.start() <= m.start():
            best_at, pronoun = p.start(), p
    if pronoun is not None and pronoun.start() == best_at:
        return (_antecedent(q, pronoun.start(), pronoun.group(), memo)
                or _first_named(q, pronoun.start(), pronoun.group(), memo))
    return best


def _first_named(q: str, pos: int, pronoun: str, memo: dict) -> re.Match | None:
    """The first person named in the letter, before ``pos``, that ``pronoun`` can stand for: a
    letter names the one it is about first ("I have a grandmother who ... [1,500 characters on]
    She's a stubborn, controlling, manipulative woman"), when no one nearer fits."""
    first = memo.setdefault("first_named", {})
    if pronoun not in first:
        first[pronoun] = next((m for m in _mentions(q, memo)[1] if _fits(pronoun, m.group("head"))), None)
    m = first[pronoun]
    return m if m is not None and m.end() <= pos else None


def _lives_apart(q: str, actor: re.Match, memo: dict) -> bool:
    """Whether the letter tells a distance between the asker and ``actor`` (a person named):
    "she lives two hours from me" or "i live an hour away from her" with "she" or "her"
    standing for them, "i moved across the country from my mother"."""
    if "apart" not in memo:  # the people told apart, read once per letter
        memo["apart"] = apart = set()
        for a in _LIVES_APART.finditer(q):
            person = _told_apart(q, a, memo)
            if person is not None:
                apart.update((person.start(), person.group("head")))
    return actor is not None and (actor.start() in memo["apart"] or actor.group("head") in memo["apart"])


def _told_apart(q: str, a: re.Match, memo: dict) -> re.Match | None:
    """The person a distance told (`_LIVES_APART`) is told of, not the asker: the subject
    ("she lives two hours from me", "my mother lives across the country") or, after the asker's
    "i live ... away from", the one named ("from her", "from my mom")."""
    who, whom = a.group("who"), a.group("whom")
    if who in ("i", "we"):
        if whom in (None, "me", "us"):
            return None
        if whom in ("him", "her", "them"):
            return (_antecedent(q, a.start("whom"), whom, memo)
                    or _first_named(q, a.start("whom"), whom, memo))
        return _mention_at(q, a.start("whom"), memo)
    if whom not in (None, "me", "us"):  # "he moved across the country from my mom": not the asker
        return None
    if who not in ("he", "she", "they"):
        return _mention_at(q, a.start(), memo)
    return _antecedent(q, a.start(), who, memo) or _first_named(q, a.start(), who, memo)


def _control_outside_home(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if memo.get("hurt_or_threatened"):  # control beside blows or threats is abuse, whoever's
        return False
    if _ISOLATED.match(m.group()):  # the one named has lost her friends: she is the one cut off
        return False
    # what the asker is kept from, read from the match's last "me" ("won't let me see the grandkids")
    me = [w.start() for w in _ME.finditer(m.group())]
    if me and _OTHERS_CHILDREN.match(q, m.start() + me[-1], m.end() + _CONTROL_WINDOW):
        return True
    care = _FOR_SOMEONE.match(q, m.start() + me[-1], m.end() + _CONTROL_WINDOW) if me else None
    if care is not None:
        who = (_antecedent(q, care.start("who"), care.group("who"), memo) if care.group("who")
               else _mention_at(q, care.end(), memo))
        if who is not None and _PARENT_HEAD.fullmatch(who.group("head")):
            return True
    if _CONTROLLING_SOMEONE_ELSE.search(q, m.start(), m.end() + _CONTROL_WINDOW):
        return False
    named = _CONTROLLING_WHO.search(m.group())  # "a very controlling guy" names the one in control
    actor = named or _the_one_in_control(q, m, span, memo)
    if actor is None:
        return False
    return _outside_home(q, actor, memo)


def _outside_home(q: str, actor: re.Match, memo: dict) -> bool:
    """Whether ``actor`` (a person named) is neither a partner nor someone the asker lives with:
    a relative, an in-law, a friend, someone at work, unless the letter tells the asker lives
    with them (`_LIVES_WITH`, `_lives_apart`)."""
    head, mods = actor.group("head"), actor.groupdict().get("mods") or ""
    if _PARTNER_HEAD.fullmatch(head):
        outside = _RELATIVE.search(mods) is not None  # "my son wife": an in-law
    else:
        outside = _NOT_HOME_HEAD.fullmatch(head) is not None
    if not outside:
        return False
    if "lives_with" not in memo:
        memo["lives_with"] = _LIVES_WITH.search(q) is not None
    return not memo["lives_with"] or _lives_apart(q, actor, memo)


# Who does the act of taking or keeping the asker's money, phone or keys is the subject of its
# clause, also when the clause leaves it out after "or", "and" or "then" ("should we open a joint
# bank account or keep our money separate", "we each keep our own money"): the last person named
# before the verb in its sentence. The asker or the couple ("i", "we") keeping their own things is
# no control; someone else ("he", "my husband", "him" in "let him keep my car keys") is.
_TAKES_OR_KEEPS = re.compile(r"(takes?|took|controls?|keeps?) ")
_WHO_ACTS = re.compile(r"\b(i|we|he|she|they|you|him|her|them|me|us)\b")


def _kept_by_the_asker(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if not _TAKES_OR_KEEPS.match(m.group()):
        return False
    a = max(span[0], m.start() - _CONTROL_WINDOW)
    last = None
    for w in _WHO_ACTS.finditer(q, a, m.start()):
        last = w
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, m.start()) - 1
    if i >= 0 and found[i].start() >= a and (last is None or found[i].start() > last.start()):
        return False  # a person named just before: "my husband keeps my money"
    return last is not None and last.group() in ("i", "we")


def _control_not_of_the_asker(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    return _kept_by_the_asker(q, m, span, memo) or _control_outside_home(q, m, span, memo)


# Walking on eggshells is a sign of fear of a partner or someone at home (the checklists above),
# not of care with someone grieving or upset elsewhere ("i can not help feeling like i am walking on
# eggshells when i try to console her", of a friend whose mother died): the one it is around is
# the first person named after it in its sentence ("around my mother-in-law", "with her", a
# pronoun read as whom it stands for), or else the subject before it ("when he drinks i walk on
# eggshells"); it counts unless that person lives outside the asker's home (`_outside_home`), or
# a young asker's parent. With no one named, or "at home", it counts.
_EGGSHELLS = re.compile(r"walk(ing)? on eggshells")
_AT_HOME_AFTER = re.compile(r"[^.?!]{0,30}\b(at home|in (my|our|the) (own )?(home|house|flat|apartment))\b")
_SOMEONE_AFTER = re.compile(r"\b(he|she|they|him|her|them)\b")


def _eggshells_outside_home(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if not _EGGSHELLS.match(m.group()) or _AT_HOME_AFTER.match(q, m.end()):
        return False
    end = min(span[1], m.end() + _CONTROL_WINDOW)
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, m.end())
    named = found[i] if i < len(found) and found[i].start() < end else None
    pronoun = _SOMEONE_AFTER.search(q, m.end(), end)
    if pronoun is not None and (named is None or pronoun.start() < named.start()):
        who = (_antecedent(q, pronoun.start(), pronoun.group(), memo)
               or _first_named(q, pronoun.start(), pronoun.group(), memo))
    else:
        who = named or _the_one_in_control(q, m, span, memo)
    if who is None:
        return False
    if _PARENT_HEAD.fullmatch(who.group("head")):
        if "young" not in memo:  # read once per letter
            memo["young"] = _YOUNG_ASKER.search(q) is not None
        if memo["young"]:
            return False
    return _outside_home(q, who, memo)


# Matches dropped one by one (the sentence exclusions above drop a whole sentence's).
_MATCH_EXCLUSIONS = {"violence": _violence_of_a_young_child, "self_harm": _hurting_themselves_by_accident,
                     "threats": _threat_not_made, "harm_by_asker": _not_a_blow_feared,
                     "control": _control_not_of_the_asker, "fear": _eggshells_outside_home}


def _counted(category: str, q: str, memo: dict):
    """The matches of ``category`` in ``q`` that count (not dropped by an exclusion)."""
    exclusion = _SENTENCE_EXCLUSIONS.get(category)
    drop = _MATCH_EXCLUSIONS.get(category)
    if exclusion is None and drop is None:
        yield from _COMBINED[category].finditer(q, memo.get("words"))
        return
    # each sentence is checked once, however many matches it holds: per match, a long
    # sentence full of matches made the check quadratic (a 60 KB question took 14 s); a match's
    # own check reads a bounded window; the sentence ends are read at the first match, once per
    # letter for every category (most letters have no match in most categories)
    ends = None
    excluded: dict[tuple[int, int], bool] = {}
    for m in _COMBINED[category].finditer(q, memo.get("words")):
        if ends is None:
            found = memo.get("sentence_ends")
            if found is None or found[0] is not q:
                found = memo["sentence_ends"] = (q, [e.start() for e in _SENTENCE_END.finditer(q)])
            ends = found[1]
        span = _sentence(ends, q, m.start(), m.end())
        if exclusion is not None:
            if span not in excluded:
                excluded[span] = exclusion.search(q[span[0]:span[1]]) is not None
            if excluded[span]:
                continue
        if drop is not None and drop(q, m, span, memo):
            continue
        yield m


def _matches(category: str, q: str, memo: dict | None = None) -> bool:
    return next(_counted(category, q, {} if memo is None else memo), None) is not None


# A sentence of an article that tells a person in danger where to get help: a hotline or crisis
# line, emergency services, an ambulance or the emergency room, the police, a shelter, a safety
# plan, a protective order. Any corpus may hold one (an article on money names the
# domestic-violence hotline, one on teenagers a suicide line, one on work the police, one on
# headaches the ER); a question flagged here gets the most relevant of them first, whether or
# not the corpus's profile names a safety anchor.
_GIVES_HELP = re.compile(
    r"\b(hot ?line|help ?line|crisis (line|text line|center|centre)|lifeline|samaritans"
    r"|emergency (services|number|room|department)|(call|dial|text|contact|phone) (the )?(police|911|999|112|988|000)\b"
    # for a medical emergency: "Go to the ER or call 911", "call an ambulance", "go to A&E"
    r"|(call|phone|dial) (for )?an ambulance|\bgo (straight )?to (the |your nearest )?(er|a&e|a and e)\b"
    r"|(report|reported|reporting) (it |this |him |her |them )?to (the )?police"
    # "you should go to the police immediately", "call either Animal Control or the local police
    # department"
    r"|\b(?<!when you )(?<!if you )go (straight |directly )?to the police\b"
    r"|\b(call|contact|phone|ring|inform|tell) ([\w'’-]+ ){0,5}?(the |your )(local )?police\b"
    r"|shelters\b|(women'?s|domestic (violence|abuse)|emergency) shelter|safety plan|(restraining|protective|protection) order"
    r"|domestic (violence|abuse) (program|advocate|service|organi[sz]ation)s?"
    # a doctor or a counsellor for someone who can't cope ("Talk with your doctor about finding a
    # counselor."), not a couples' counsellor
    r"|(talk|speak) (with|to) (your|a) (doctor|gp|physician|counsell?or)\b"
    r"|(find|finding|see|seeing|contact|call|reach out to) (a|your) counsell?or\b(?! together))",
    re.IGNORECASE)


def gives_help(sentence: str) -> bool:
    """Whether an article's sentence tells a person in danger where to get help."""
    return _GIVES_HELP.search(sentence) is not None


# A line that tells the reader to take pills or drink ("Take over-the-counter sleeping pills,
# without your doctor's knowledge.", "Use alcohol to help you sleep.", a Do/Don't list whose
# headings the page lost; or "It is often helpful to take prescribed sleeping pills") is never
# quoted to someone at risk of self-harm: "restricting access to objects or items that can be
# used to attempt suicide is one of the most effective prevention strategies", firearms,
# medications, sharp objects, alcohol
# (https://www.save.org/programs/education-and-training/lethal-means-safety/,
# https://www.maine.gov/suicide/youth/friend/action.htm). A line that warns against them
# ("Avoid alcohol before bed", "lock away medicines") stays quotable.
_MEANS = re.compile(
    r"\b(pills?|tablets?|capsules?|medications?|medicines?|meds|painkillers?|pain relievers?"
    r"|sleeping aids?|sleep aids?|sedatives?|tranquili[sz]ers?|antidepressants?|opioids?"
    r"|overdos\w*|alcohol\w*|nightcaps?|wine|beer|liquor|razors?|razor blades?"
    r"|knives|guns?|firearms?)\b", re.IGNORECASE)
_WARNS = re.compile(
    r"\b(don['’]?t|do not|never|avoid\w*|limit\w*|cut (back|down)|stop|quit|instead of"
    r"|rather than|lock\w*|remove|get rid|dispos\w*|out of reach|away from|keep (them |it )?away"
    r"|not (a|an|the|good|safe|helpful|recommended|a good)|no (more|longer)|less|fewer|reduc\w*"
    r"|steer clear|dangerous|harmful|risks?|warn\w*)\b", re.IGNORECASE)


def offers_means(sentence: str) -> bool:
    """Whether an article's sentence tells the reader to use pills, drink or a weapon, with no
    word warning against it: not to be quoted beside a self-harm notice."""
    return _MEANS.search(sentence) is not None and _WARNS.search(sentence) is None


@dataclass(frozen=True)
class SafetyResult:
    flagged: bool
    categories: tuple[str, ...] = ()
    someone_else: bool = False  # the self-harm flagged is someone else's the asker writes about
    # the danger from someone else (violence, threats ...) flagged is to someone the asker writes
    # about, not to the asker: a neighbour heard through the wall
    abuse_someone_else: bool = False
    young: bool = False  # the asker says they are under 18 ("im 14", "(15f)")

    @property
    def bodily(self) -> bool:
        """Whether a danger to someone's body or life is flagged, not only a partner's control
        or words: articles on control speak to it without a line on where to get help."""
        return any(c not in ("control", "verbal") for c in self.categories)

    @property
    def notice(self) -> str | None:
        """What the answer says first: none when not flagged; emergency services when the only
        danger is a medical emergency; the crisis lines when the only other danger is to the
        asker themselves (or how to help the one at risk, when that is someone the asker writes
        about); the steps and crisis lines for an asker afraid of hurting someone when that is
        the only other danger; else the notice for danger from someone else (or, when that
        danger is to someone the asker writes about, how to help them), with a word on
        self-harm and on the asker's fear of hurting someone when those are flagged too. A
        medical emergency beside another danger adds its sentence after that notice."""
        if not self.flagged:
            return None
        others = tuple(c for c in self.categories if c != "medical")
        if not others:
            return MEDICAL_NOTICE
        abuse = tuple(c for c in others if c not in ("self_harm", "harm_by_asker"))
        if abuse:
            if abuse == ("drugged",) and not self.young:
                notice = DRUGGED_NOTICE
            else:
                notice = (ABUSE_OTHER_NOTICE if self.abuse_someone_else
                          else CHILD_NOTICE if self.young else NOTICE)
                if "drugged" in abuse:
                    notice = f"{notice} {DRUGGED_TOO}"
            # beside the notice for a spiked drink too ("my drink was spiked ... i want to die")
            if "self_harm" in others:
                notice = f"{notice} {SELF_HARM_OTHER_TOO if self.someone_else else SELF_HARM_TOO}"
        elif "self_harm" in others:
            notice = SELF_HARM_OTHER_NOTICE if self.someone_else else SELF_HARM_NOTICE
        else:
            notice = HARM_BY_ASKER_NOTICE
        if "harm_by_asker" in others and notice != HARM_BY_ASKER_NOTICE:
            notice = f"{notice} {HARM_BY_ASKER_TOO}"
        return f"{notice} {MEDICAL_TOO}" if "medical" in self.categories else notice


_QUOTES = ("’", "‘", "´", "`")
# contractions spelled out: "can't"/"cant" -> "can not", "won't"/"wont" -> "will not",
# "doesn't"/"doesnt" -> "does not", "i'm"/"im" -> "i am"; then "he'll" -> "he will",
# "she'd" -> "she would", "they're" -> "they are", "we've" -> "we have", "he's"/"mom's" -> "he"/"mom"
_NEGATION = re.compile(
    r"\b(?:(?P<cw>can|won)'?t|(?P<neg>do|does|did|is|are|was|were|has|have|had|could|would|should|must)n'?t"
    r"|(?P<im>i)'?m)\b")
_NEG = {"can": "can not", "won": "will not"}
_SUFFIX = re.compile(r"'(?<=\w')(ll|d|re|ve|s)\b")  # starts with the quote: a fast literal scan
_SUFFIXES = {"ll": " will", "d": " would", "re": " are", "ve": " have", "s": ""}


def _expand_negation(m: re.Match) -> str:
    if m.group("cw") is not None:
        return _NEG[m.group("cw")]
    if m.group("neg") is not None:
        return m.group("neg") + " not"
    return "i am"


def _normalise(text: str) -> str:
    q = text.lower()
    for quote in _QUOTES:
        if quote in q:
            q = q.replace(quote, "'")
    q = _NEGATION.sub(_expand_negation, " ".join(q.split()))
    if "'" in q:
        q = _SUFFIX.sub(lambda m: _SUFFIXES[m.group(1)], q)
    return q


_AT_HOME = re.compile(rf"\b({_HOME})\b")
# Others' fear of "her" or "him" in a letter about an animal and no person ("the kids are
# starting to be scared of her. how do we stop her from biting") is fear of the animal: a matter
# for a trainer or a vet, not danger from a person. The asker's own fear ("im scared of him")
# stays a danger.
_AFRAID_MYSELF = re.compile(r"\bi (am|was|feel|felt|get|got)( \w+)? (scared|afraid|terrified"
                            r"|frightened)\b")
_ANIMAL = re.compile(r"\b(dogs?|pupp(y|ies)|pups?|cats?|kittens?|pets?|horses?|rescue)\b")
_PERSON = re.compile(rf"\b({_HOME}|uncle|aunt|cousin|grand\w*|neighbou?rs?|landlord|boss|manager"
                     r"|coworkers?|teacher|coach|man|guy|woman|friends?|stranger)\b")
# Many messages a day from the other parent of the asker's children ("she texts me dozens of times
# a day. Half of it is about our son ... threats to 'take me back to court'") is a high-conflict
# co-parent, not a stalker; following, tracking or turning up, the asker's fear, or any other
# danger in the letter keep the notice.
_SHARED_CHILD = re.compile(r"\bour (son|sons|daughter|daughters|kids?|children|child|baby|boy|girl|twins)\b"
                           r"|\bcustody\b|\bco-?parent\w*")
_STALKING_BUT_MESSAGES = re.compile("|".join(f"(?:{p})" for p in _PATTERNS["stalking"]
                                             if p != _MANY_MESSAGES))
# Shouting and put-downs from someone at work ("my boss yells at me every day"), with no one at
# home in the letter, are a workplace problem for the articles on work, not a danger that calls
# for emergency services and a domestic-violence hotline; blows or threats at work still are.
_AT_WORK = re.compile(r"\b(my|our) (new |old |current )?(boss|manager|supervisor|co-?workers?"
                      r"|colleagues?|employer|team lead|teacher|professor|coach)\b")


# A blow to the head followed by the signs of a brain injury, in the same sentence or later in
# the letter ("I smacked my head on the cupboard door ... I have thrown up twice, and my roommate
# says I keep asking her the same question"): each alone is ordinary, so they are matched apart.
_HEAD_INJURY = re.compile(
    r"\b(hit|hits|banged|bumped|smacked|knocked|bashed|whacked|struck|cracked|slammed) "
    r"((his|her|their|the (top|back|side|front) of (his|her|my|their)) head\b|my head\b(?! (against|on) (a|the) (brick )?wall\b))"
    r"|\bhead (injury|injuries|trauma|knock|bump)\b|\b(fell|fallen|falling) [^.?!]{0,30}\bon (his|her|my|their) head\b"
    r"|\bconcuss\w*|\bknocked (out|unconscious)\b")
_AFTER_HEAD_INJURY = re.compile(
    r"\b(threw|thrown|throwing|throw) up (twice|again|several times|more than once|a few times|multiple times|\d+ times|repeatedly)\b"
    r"|\b(vomit\w*|puk\w*|been sick) (twice|again|several times|more than once|a few times|multiple times|\d+ times|repeatedly)\b"
    r"|\b(keeps?|kept|keeping) (asking|repeating)( \w+){0,3} (the same|same)\b"
    r"|\b(is|are|am|seems?|been|getting|gets|got|feels?|very|so|really) (very |really |so |more |extremely )?(confused|drowsy|disoriented)\b"
    r"(?! (about|by|as to|over|with|why|what|which|how|whether|if|on)\b)"
    r"|\b(passed|blacked|passing|blacking) out\b|\blost consciousness\b|\bunconscious\b|\bseizure\b"
    r"|\b(can not|could not|hard to|struggl\w* to) (stay awake|keep (his|her|my|their) eyes open|wake (him|her|them|me))\b")
_MEDICAL_HISTORY = _SENTENCE_EXCLUSIONS["medical"]


def _head_injury_then_signs(q: str) -> bool:
    """A head injury with a sign of brain injury after it, neither told as history (in linear
    time: one scan for the signs, one for the injuries, each sentence checked once)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(q)]
    history: dict[tuple[int, int], bool] = {}

    def now(m: re.Match) -> bool:
        span = _sentence(ends, q, m.start(), m.end())
        if span not in history:
            history[span] = _MEDICAL_HISTORY.search(q[span[0]:span[1]]) is not None
        return not history[span]

    last_sign = max((m.start() for m in _AFTER_HEAD_INJURY.finditer(q) if now(m)), default=-1)
    return any(now(m) for m in _HEAD_INJURY.finditer(q, 0, max(last_sign, 0)))


# Feeling threatened is a rival's shadow in a jealous letter ("I feel threatened and worried she
# will try to steal him!"), but beside a thought of the police it is a threat to the asker ("I was
# considering going to the police ... I am starting to feel threatened", of a neighbour who calls
# her names and backs his truck almost into the yard).
_FEEL_THREATENED = re.compile(r"\b(feel|feels|felt|feeling) (\w+ ){0,2}threatened\b")
_POLICE = re.compile(r"\b(police|cops|911|999|112)\b")


# Chest pain that comes with exertion ("About half way through my run I started having chest
# pains-- the location was right over my heart"): pages on when to stop exercising say to stop,
# and to call 911 if it doesn't go away with rest
#   http://www.allinahealth.org/Health-Conditions-and-Treatments/Health-library/Patient-education/Helping-Your-Heart/Healthy-living/Exercise/When-you-should-stop-exercising/
#   https://www.sharecare.com/health/avoiding-pain-injury-during-exercise/call-dr-exercise
# Someone must have it ("can running cause chest pain" is a question, not a sign), with the
# exertion in the same sentence, not told as history (`_HISTORY`). Found from the word "chest"
# (a rule starting at every "i", "he" or "my ..." cost a third more time on long letters).
_CHEST = re.compile(
    r"\bchest (pains?|tightness|pressure)\b|\b(pains?|tightness|pressure) in (my|his|her|their) chest\b"
    r"|\b(my|his|her|their) chest (hurts|hurt|is hurting|was hurting|started hurting|began hurting|started to hurt"
    r"|began to hurt|tightened|got tight|felt tight|feels tight|went tight)\b")
# "i started having", "my dad gets", "he felt a sharp" just before "chest pain"
_HAS_IT = re.compile(
    r"\b(i|" + _WHO + r")( \w+){0,3} (have|had|has|having|get|gets|got|getting|felt|feel|feels|developed|develop"
    r"|started|starts|start|began|begin|experienc\w*)( \w+){0,2} $")
_EXERTION = re.compile(
    r"\b(run|runs|running|ran|jog|jogs|jogging|jogged|sprint\w*|exercis\w*|work ?outs?|working out|worked out"
    r"|training|gym|stairs|cycling|biking|swimming|hiking|hike|climbing|uphill|race|marathon|\d+k|parkrun)\b")
_NEAR = 80  # characters either side of the pain searched for the exertion (and 60 for who has it)


def _chest_pain_on_exertion(q: str) -> bool:
    """Someone's chest pain with exertion in its sentence, not told as history (linear: a
    bounded window around each mention of the chest)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(q)]
    for m in _CHEST.finditer(q):
        a, b = _sentence(ends, q, m.start(), m.end())
        if m.group().startswith("chest") and not _HAS_IT.search(q[max(a, m.start() - 60):m.start()]):
            continue
        if not _EXERTION.search(q, max(a, m.start() - _NEAR), min(b, m.end() + _NEAR)):
            continue
        if not _MEDICAL_HISTORY.search(q, a, b):
            return True
    return False


def check_safety(question: str) -> SafetyResult:
    """Flag questions describing violence, abuse in words, threats, fear, stalking, control,
    self-harm, the asker's fear of hurting someone, or a medical emergency."""
    q = _normalise(question)
    words = _Words(q)
    memo: dict = {"words": words}  # what the rules find once per letter (children, people named ...)
    cats: tuple[str, ...] = ()
    for k in _COMBINED:
        if k == "control":  # a relative's control beside blows or threats stays (`_control_outside_home`)
            memo["hurt_or_threatened"] = "violence" in cats or "threats" in cats
        if k != "medical" and _matches(k, q, memo):
            cats += (k,)
    if "threats" not in cats and _FEEL_THREATENED.search(q) and _POLICE.search(q):
        cats = tuple(k for k in _COMBINED if k in cats or k == "threats")
    if cats == ("verbal",) and _AT_WORK.search(q) and not _AT_HOME.search(q):
        cats = ()
    if (cats == ("fear",) and _ANIMAL.search(q) and not _PERSON.search(q)
            and not _AFRAID_MYSELF.search(q)):
        cats = ()
    if (cats == ("stalking",) and _SHARED_CHILD.search(q) and not _AFRAID_MYSELF.search(q)
            and not _STALKING_BUT_MESSAGES.search(q)):
        cats = ()
    # after the rules above, which read the other categories alone
    if _matches("medical", q, {"words": words}) or _head_injury_then_signs(q) or _chest_pain_on_exertion(q):
        cats += ("medical",)
    return SafetyResult(bool(cats), cats, "self_harm" in cats and _someone_elses(q, words),
                        any(c in _ABUSE for c in cats) and (_abuse_someone_elses(q, cats, words)
                                                            or _abuse_of_someone_named(q, cats, memo)),
                        bool(cats) and _YOUNG_ASKER.search(q) is not None)


# An asker who gives their age as under 18, as letters and posts do: "im 14", "i am only 15 years
# old", "i am a 16 year old girl", "(14f)", "[15 m]" -- not a pregnancy's weeks, a
# relationship's years or an age gone by ("i am 16 weeks pregnant", "since i was 15")
_UNDER_18 = (r"(1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
             r"|seventeen)")
_YOUNG_ASKER = re.compile(
    # not what others take the asker for ("they are convinced i am 12 years old again", "treated
    # like i am 15")
    r"(?<!\blike )(?<!\bif )(?<!\bthough )(?<!\bconvinced )(?<!\bthink )(?<!\bthinks )"
    rf"\bi am (only |just |now )?(a |an )?{_UNDER_18}(?:[ -]?(years?|yrs?)[ -]?old|[ -]?yo\b|[ -]?y/o\b)?"
    r"(?![\w-]| ?(years?|yrs?|months?|weeks?|days?|hours?|minutes?|mins?|percent|%|pounds?|lbs?"
    r"|kg|times?|dollars?|euros?)\b(?![ -]?old)|(?:[ -]?(?:years?|yrs?)[ -]?old)? again\b)"
    rf"|[\[(]{_UNDER_18} ?[mf][\])]")


def young_asker(question: str) -> bool:
    """Whether the asker of ``question`` gives their age as under 18 (`_YOUNG_ASKER`), danger
    or not: articles written for parents don't advise them about their own parents
    (`assistant.scope.for_parents`)."""
    return _YOUNG_ASKER.search(_normalise(question)) is not None


# Danger from someone else told of another person: the letter names another's partner ("my
# neighbour's boyfriend", "her husband") and no sentence with a danger in it names the asker as
# the one hurt, threatened or afraid ("me", "us", "i am scared", "i lived in fear", "my bf
# grabbed my arm", "my wife became more and more abusive").
_ABUSE = ("violence", "drugged", "verbal", "threats", "fear", "stalking", "control")
_ANOTHERS_PARTNER = re.compile(
    r"\b((my|our|a|the) (\w+ )?(neighbou?rs?|friends?|sisters?|brothers?|cousins?|daughters?|sons?|mom|mum|mother|dad|father"
    r"|aunt|niece|nephew|colleagues?|co-?workers?|roommates?|flatmates?)|her|his|their) (boyfriend|girlfriend|bf|gf|husband"
    r"|wife|partner|fianc\w*|spouse|ex|ex-?(boyfriend|girlfriend|husband|wife|partner))\b")
_ASKER_AT_RISK = re.compile(
    r"\b(me|us|myself|ourselves)\b|\bi (\w+ ){0,3}(scared|afraid|terrified|frightened|unsafe|threatened|abused|beaten|attacked|stalked|in fear)\b(?! for (her|him|them)\b)"
    r"|\bmy (own |new |current )?(partner|boyfriend|girlfriend|bf|gf|husband|wife|fianc\w*|spouse|ex|ex-?(boyfriend|girlfriend|husband|wife|partner))\b"
    r"(?! (friend|friends|brother|sister|mother|mom|mum|father|dad|family|son|daughter|cousin|boss)\b)")
_MINE = re.compile(r"\b(me|my|us|our)\b")


def _abuse_someone_elses(q: str, cats: tuple[str, ...], words: _Words | None = None) -> bool:
    """Whether the danger from someone else in ``q`` is told of another person, not the asker
    (linear: each sentence holding a match is checked once)."""
    if _ANOTHERS_PARTNER.search(q) is None:
        return False
    ends = [m.start() for m in _SENTENCE_END.finditer(q)]
    seen: set[tuple[int, int]] = set()
    for c in cats:
        if c not in _ABUSE:
            continue
        for m in _COMBINED[c].finditer(q, words):
            if _MINE.search(q, m.start(), min(len(q), m.end() + 4)):  # "grabbed my arm", "hit me"
                return False
            span = _sentence(ends, q, m.start(), m.end())
            if span in seen:
                continue
            seen.add(span)
            if _ASKER_AT_RISK.search(q, span[0], span[1]):
                return False
    # the letter-level threat (`_FEEL_THREATENED`) is the asker's own feeling
    return not ("threats" in cats and _FEEL_THREATENED.search(q) and not _COMBINED["threats"].search(q, words))


# Danger from someone else told of another person, not the asker: every blow, threat or fear that
# counts lands on someone the letter names, a child or a grown-up, by a noun or by "him", "her" or
# "them" standing for them ("my husband loses it when our 3 yr old won't eat ... she was choking
# and screaming, then he smacked her"; "my dad ... shoved my mom into the wall and grabbed her by
# the throat ... i am scared to leave them alone together"): the notice for someone else hurt (the
# police; a hotline for how to help them and the asker), whoever hurts them. Any blow, threat or
# fear told of the asker ("hit me", "i am scared of him"), a sentence holding one that names the
# asker ("he shoved my mom and me"), or a blow or threat of no one the rules can read keeps the
# asker's notice.
_OWN = re.compile(r"\b(me|us|myself|ourselves)\b|\b(my|our)\b")
_PRONOUN_OBJECT = re.compile(r" (him|her|them)\b")
_REFERENCE = re.compile(r"\b(he|she|they|him|her|them)\b")
_ON_SOMEONE = re.compile(r" (on|to|across|all over) (his|her|their) ")
_VICTIM_CATEGORIES = ("violence", "threats", "fear")
# the one held "by the throat" is named just before it ("grabbed her by the throat")
_HELD_BY = re.compile(r"by the ")
_HELD_BEFORE = re.compile(r"\b(me|us|him|her|them) $")
# fear of leaving someone alone or with someone is fear for them ("scared to leave them alone
# together", "afraid to leave the kids with him"), not the asker's fear of leaving
_LEFT_WITH = re.compile(r" (him|her|them)\b")
_ALONE_OR_WITH = re.compile(r"( \w+)? (alone|with)\b")
_ASKER_NAMED = re.compile(r"\b(me|us|myself|ourselves)\b")
_BLOW_FORM = re.compile(r"hit|beaten|thrown|\w+(ed|ing)")


def _someone_named(q: str, mention: re.Match | None, pronoun: re.Match | None, memo: dict) -> bool:
    """Whether ``mention`` is a person, or ``pronoun`` stands for one the letter names before it
    (`_antecedent`); "they" or "them" with no plural noun before it stands for the people named
    before it when there are two or more ("my dad ... my mom ... leave them alone together")."""
    if mention is not None:
        return True
    if pronoun is None:
        return False
    if _antecedent(q, pronoun.start(), pronoun.group(), memo) is not None:
        return True
    if pronoun.group() not in ("they", "them"):
        return False
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, pronoun.start())
    return i >= 2 and pronoun.start() - found[i - 2].end() <= _ANTECEDENT_WINDOW


def _mention_at(q: str, pos: int, memo: dict) -> re.Match | None:
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, pos)
    return found[i] if i < len(starts) and starts[i] == pos else None


def _mention_ending_at(q: str, pos: int, memo: dict) -> re.Match | None:
    starts, found = _mentions(q, memo)
    i = bisect.bisect_left(starts, pos) - 1
    return found[i] if i >= 0 and found[i].end() == pos else None


def _hurts_someone_named(q: str, category: str, m: re.Match, memo: dict) -> bool:
    """Whether the one hurt, threatened or feared for in match ``m`` is someone the letter
    names, not the asker: the object after the verb or in the match ("hits our 3 year old",
    "shoved my mom", "smacked her"), the one held before "by the throat", the one feared for
    ("scared for my son", "scared to leave them alone"), or the subject of a passive ("she was
    choking")."""
    if category not in _VICTIM_CATEGORIES:
        return False
    # "hit me", "my arm" (the word after the match too); "our son" names someone else
    for own in _OWN.finditer(q, m.start(), min(len(q), m.end() + 4)):
        if own.start() > m.end() + 1:
            break
        if own.group() in ("me", "us", "myself", "ourselves") or _mention_at(q, own.start(), memo) is None:
            return False
    if category == "fear":  # the asker is the one afraid, unless afraid for someone named
        after = re.search(r"\bfor ", m.group())
        if after is not None:
            return _mention_at(q, m.start() + after.end(), memo) is not None
        if not m.group().endswith("to leave"):
            return False
        left = _LEFT_WITH.match(q, m.end())
        mention = None if left is not None else _mention_at(q, m.end() + 1, memo)
        if left is None and mention is None:
            return False
        if _ALONE_OR_WITH.match(q, left.end() if left is not None else mention.end()) is None:
            return False
        return _someone_named(q, mention, None if left is None else _REFERENCE.match(q, left.start(1)), memo)
    # held "by the throat": the one named just before
    if _HELD_BY.match(m.group()):
        before = _HELD_BEFORE.search(q, max(0, m.start() - 5), m.start())
        if before is not None:
            return (before.group(1) not in ("me", "us")
                    and _someone_named(q, None, _REFERENCE.match(q, before.start(1)), memo))
        return _mention_ending_at(q, m.start() - 1, memo) is not None
    # the object right after the verb, or the last one in the match
    obj = _mention_at(q, m.end() + 1, memo)
    if obj is not None:
        return True
    p = _PRONOUN_OBJECT.match(q, m.end())
    if p is not None:
        return _someone_named(q, None, _REFERENCE.match(q, p.start() + 1), memo)
    starts, found = _mentions(q, memo)
    i = bisect.bisect_right(starts, m.end()) - 1
    if i >= 0 and found[i].start() > m.start():  # named in the match ("smacked my 4 year old")
        return True
    inside = [r for r in _REFERENCE.finditer(q, m.start() + 1, m.end())
              if r.group() in ("him", "her", "them")]
    if inside:
        return _someone_named(q, None, inside[-1], memo)
    # the subject of a passive ("she was choking", "he got hit"), not of an adjective ("he was
    # physically abusive", "he got violent": he is the one who hurts)
    if _BLOW_FORM.fullmatch(m.group()) and _PASSIVE.search(q, max(0, m.start() - 20), m.start()):
        subject = [r for r in _REFERENCE.finditer(q, max(0, m.start() - 40), m.start())
                   if r.group() in ("he", "she", "they")]
        if subject:
            return _someone_named(q, None, subject[-1], memo)
    # bruises "on her arms"
    on = _ON_SOMEONE.match(q, m.end())
    if on is not None:
        return _someone_named(q, None, _REFERENCE.match(q, on.start(2)), memo)
    return False


def _abuse_of_someone_named(q: str, cats: tuple[str, ...], memo: dict) -> bool:
    """Whether every blow, threat or fear that counts in ``q`` is told of someone the letter
    names, not the asker, in a sentence that does not name the asker (and there is at least
    one); linear: each sentence holding a match is read once."""
    if _MENTION.search(q) is None:  # one scan spares reading who is named in most letters
        return False
    ends = [m.start() for m in _SENTENCE_END.finditer(q)]
    names_asker: dict[tuple[int, int], bool] = {}
    found = False
    for c in cats:
        if c not in _ABUSE:
            continue
        for m in _counted(c, q, memo):
            span = _sentence(ends, q, m.start(), m.end())
            if c == "violence" and _violent_relative(q, m, span, memo):
                continue  # says who is violent, not at whom: the other matches tell
            if not _hurts_someone_named(q, c, m, memo):
                return False
            if span not in names_asker:
                names_asker[span] = _ASKER_NAMED.search(q, span[0], span[1]) is not None
            if names_asker[span]:
                return False
            found = True
    return found


# "Violent" or "abusive" said of someone ("he's become violent and angry", of a 13-year-old
# brother who pushes and kicks his mother) names the one who is violent, not the one at risk:
# when that is a relative, a child or anyone named who is not the asker's partner, whom the danger
# is to is read from the letter's other blows, threats and fears ("try to push or kick her", "I'm
# afraid for my mom and my sister"). A partner's violence, or a subject the rules can't resolve,
# stays the asker's danger ("my husband ... was physically abusive").
_VIOLENT = re.compile(r"(.* )?(violent|abusive|physical)$")


def _violent_relative(q: str, m: re.Match, span: tuple[int, int], memo: dict) -> bool:
    if not _VIOLENT.fullmatch(m.group()):
        return False
    who = _the_one_in_control(q, m, span, memo)  # the subject named last before it
    if who is None:
        return False
    if _PARTNER_HEAD.fullmatch(who.group("head")):
        return _RELATIVE.search(who.group("mods") or "") is not None  # "my sister husband"
    return True


# Self-harm told of someone else: in the third person ("she wants to kill herself", "he wants to
# die"), or in words another person said or wrote, reported in the same sentence with no "I"
# after the report ("my friend texted me that everyone would be better off without me").
_THIRD_PERSON = re.compile(
    r"\b(himself|herself|themselves|(he|she|they) (\w+ )?(wants|want) to die"
    r"|away (all |most )?(of )?(her|his|their))\b"  # "giving away all his stuff"
    # ("my sister doesn't want to be alive anymore": "does" is never the writer's)
    r"|\b(does not|no longer wants to)\b"
    # marks seen on someone's body ("cuts on the inside of her thigh")
    r"|\b(her|his|their) (own )?(wrists?|thighs?|(fore)?arms?|legs?|chest|stomach|belly|hips?)\b")
_THEY_BEFORE = re.compile(r"\b(he|she|they)( \w+)? $")  # "she wants to die", "he really wants to"
# ...or right after the match (`_REFLEXIVE_AFTER`): "my daughter has been cutting herself" (the
# match is "been cutting")
_REPORT = re.compile(
    r"\b(he|she|they|(my|our|a|his|her) (\w+ )?(friend|son|daughter|brother|sister|mom|mum|dad"
    r"|mother|father|partner|boyfriend|girlfriend|husband|wife|roommate|housemate|flatmate"
    r"|colleague|co-?worker|student|child|kid|teen|teenager|cousin|niece|nephew|grandson"
    r"|granddaughter|ex))"
    r"( \w+){0,3} (said|says|told (me|us)|tells (me|us)|wrote|writes|texted|texts|posted|posts"
    r"|messaged|mentioned|admitted|confided|keeps saying|kept saying|has been saying"
    r"|(keeps|kept|has been|have been|is|was|been|started|starts) talking about|talks about)\b")


# the words of a match that make it the writer's (or the quoted speaker's) own: "miss me if i ..."
_FIRST_PERSON = re.compile(r"\b(i|me|myself)\b")
# a quotation opened just after a report ("she texted me 'i do not see the point ...")
_QUOTE_MARKS = "'\"“”«»"
_OPENS_QUOTE = re.compile(r"( (me|us|to me|to us|last night|this morning|today|yesterday|again))*[,:]? ?['\"“«]")
_QUOTE_WINDOW = 400  # characters before a match searched for the quotation it is in


def _in_reported_quote(q: str, ends: list[int], start: int) -> bool:
    """Whether ``start`` lies in a quotation still open there that opens just after a report
    of someone's words ("she texted me 'i do not see the point anymore. nobody would ..."): the
    "i" in it is the speaker's."""
    k = max(q.rfind(c, max(0, start - _QUOTE_WINDOW), start) for c in _QUOTE_MARKS)
    if k < 0:
        return False
    a, _ = _sentence(ends, q, k, k + 1)
    report = None
    for report in _REPORT.finditer(q, a, k):
        pass
    return report is not None and _OPENS_QUOTE.fullmatch(q, report.end(), k + 1) is not None


def _someone_elses(q: str, words: _Words | None = None) -> bool:
    """Whether every self-harm match in ``q`` is told of someone else (`_THIRD_PERSON`; in a
    quotation of their words, `_in_reported_quote`; or after a report of their words in its
    sentence, `_REPORT`, with no "I" after the report)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(q)]
    for m in _COMBINED["self_harm"].finditer(q, words):
        if _THIRD_PERSON.search(m.group()) or _REFLEXIVE_AFTER.match(q, m.end()) or (
                not _FIRST_PERSON.search(m.group())
                and _THEY_BEFORE.search(q, max(0, m.start() - 24), m.start())):
            continue
        if _in_reported_quote(q, ends, m.start()):
            continue
        a, _ = _sentence(ends, q, m.start(), m.end())
        report = None
        for report in _REPORT.finditer(q, a, m.start()):
            pass
        if report is None or re.search(r"\bi\b", q[report.end():m.start()]):
            return False
    return True
