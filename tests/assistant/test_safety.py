"""Safety routing flags danger and leaves ordinary trust worries alone."""

import pytest

from assistant.safety import (CHILD_NOTICE, DRUGGED_NOTICE, MEDICAL_NOTICE, NOTICE,
                              SELF_HARM_OTHER_NOTICE, SELF_HARM_TOO, check_safety)
from tests.conftest import assistant_over
from tests.timing import assert_linear, cpu_seconds

FLAGGED = [
    "my boyfriend hit me last night when i came home late, what do i do",
    "He threatens to hurt me if I talk to my friends",
    "i'm scared of my husband when he drinks",
    "she tracks my location with an app and shows up at my work",
    "he won't let me see my family and takes all my money",
    "my partner said he'd kill himself if i leave him",
    "i feel like ending it all because he never believes me",
    "he follows me everywhere and hacked my email",
    "I don't feel safe at home with him anymore",
    "He pushed me against the wall during an argument",
    "he gets violent when he drinks and thinks i'm lying",
    "she grabbed my arm so hard it left bruises",
    "my husband pinned me down and held me by the neck",
    "she held me against the door so i couldn't leave",
    "he said he'll kill me if i ever leave",
    "my gf is gonna hurt me if she finds out i saw my ex",
    "i'm afraid to go home, he's been drinking all day",
    "my boyfriend decides who i can talk to and reads all my messages",
    "she accuses me of cheating every single day and screams at me",
    "im scared of him",
    "she threatened to leave and take the kids",
    "he makes threats against my family",
    "there's a gps tracker under my car and i think it's my ex",
    "she keeps turning up outside my office and calling me 40 times a day",
    "honestly they'd all be better off without me",
    "he put a tracking app on my phone",
    "my partner is so controlling i can't breathe",
    "i dont want to live anymore since she left",
    "My husband controls all of our money and checks every receipt",
    "he pulled a knife on me during a fight",
]

ORDINARY = [
    "my boyfriend doesn't trust me, what should i do",
    "should I give him my passwords so he stops worrying?",
    "he checks my phone all the time",
    "how do i prove to my girlfriend that i'm not cheating",
    "can a relationship survive without trust",
    "my wife gets angry when i go out with friends",
    "do cheaters feel guilty",
    "how to stop being jealous",
    "he keeps asking where I am",
    "is couples therapy worth it?",
    "I hurt his feelings by lying about where I was",
    "my ex cheated on me and now I can't trust my new boyfriend",
    "it really hurts me that he doesn't trust me",
    "his jealousy hurts me so much",
    "is it ok to tell her that her suspicion hurts me",
    "well, she keeps asking who i'm texting",
    "he accused me of cheating once and i can't get over it",
    "what do i do when she is upset that i went out with my friends",
    "I'll show him he can trust me",
    "she thinks every girl i talk to is a threat",
    "am i being controlling if i ask where she's going?",
    "is there a spy app that shows who he texts",
    "every accusation honestly feels like a knife. how do i stop taking it so personally",
    "should i let my bf track my location 24/7 if it makes him feel better",
    "he held me while i cried and said he wants to trust me",
    "we'd be better off talking to a counselor",
]


@pytest.mark.parametrize("q", FLAGGED)
def test_danger_is_flagged(q):
    assert check_safety(q).flagged, q


@pytest.mark.parametrize("q", ORDINARY)
def test_ordinary_trust_questions_are_not_flagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my husband is emotionally abusive when he drinks",
    "when he's angry he punches the wall and breaks things",
    "she screams at me and calls me worthless in front of the kids",
    "he wants me to cut off all my male friends",
    "she takes my phone and threatens to leave if I change my passwords",
    "he threatened me when I said I wanted to see my friends",
    "I was threatened by my husband last night",
    # the safety extension's letters (eval/real/dev.jsonl r287-r337), in other words
    "he keeps pressuring me with threats that he will send the video to my boss",
    "since the breakup her ex has been behaving in a frightening way",
    "he lurks outside the gym every evening waiting for me to come out",
    "her ex bombards her with letters and calls every single day",
    "he sends messages saying he wants to end-it-all if I don't come back",
    "lately I'm starting to think he's a little controlling",
    "my sister has lost all of her friends because nobody can stand him",
])
def test_abuse_in_a_letters_own_words_is_flagged(q):
    assert check_safety(q).flagged, q


@pytest.mark.parametrize("q", [
    "we hit it off instantly and have been happy since",
    "I don't want to hurt my brother's feelings",
    "he won't let me see his phone, should I worry?",
    "my wife says I am being too controlling about money",
    "I won't lie, I felt a little threatened by the tall guy at the party",
    "she threatened a bitter divorce when I confessed",
    "it's not that he's stalking me, he just texts a lot",
    "it breaks my heart that she won't believe me",
    "my romantic self has hit a very hard brick wall",
    "he still texts girls but won't let me see hes phone",
])
def test_letters_that_only_sound_like_danger_are_not_flagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


# Rules written from public warning-sign checklists (sources listed in assistant/safety.py); each
# sentence is a paraphrase written for the test, one or more per rule.
@pytest.mark.parametrize("q", [
    # throwing things, destroying belongings
    "when she loses her temper she starts throwing things around the kitchen",
    "he threw his keys at me because dinner was late",
    "after the argument he ripped up my clothes and left them on the lawn",
    "she destroyed my guitar because she thought a girl gave it to me",
    # yelling (any tense), humiliation, put-downs
    "whenever i'm late he will yell at me for an hour",
    "he belittles me in front of his coworkers",
    "she humiliated me in public at her sister's wedding",
    "my husband puts me down about my weight every day",
    # sexual pressure, a no that is ignored, reproductive coercion
    "my boyfriend pressures me into sex when i'm exhausted",
    "she keeps kissing me even when i tell her to stop",
    "he won't stop touching me, not listening when i say no",
    "i found out he hid my birth control pills",
    # threats in other words: the children, leaking images, outing, self-harm as a lever
    "he says if i ever leave him he will take the kids",
    "she told me i'd never see my children again if i went to my mom's",
    "he is going to post my nudes if i don't come back",
    "my ex said he would out me to my parents",
    "she says she can't live without me and will do something stupid if i go",
    # fear of the partner's reaction
    "i'm scared of what he'll do to me when he finds out",
    "i'm always nervous she's going to blow up over nothing",
    # surveillance: proof of whereabouts, turning up uninvited, monitoring movements
    "my girlfriend makes me send a selfie every hour to prove where i am",
    "he insists on video calls showing who i'm with whenever i'm out",
    "she has shown up uninvited at my office three times this week",
    "he monitors where i go through the family tracking plan",
    # control: who i may see, cutting everyone off, instant replies, isolation, money, exits
    "he told me i can't be friends with any guys from work",
    "my wife insists that i cut off all contact with my family",
    "she gets furious if i don't reply to her texts right away",
    "my fiance demands an immediate response whenever he messages",
    "he always tells me that no one else would ever put up with me",
    "she says i'm nothing without her",
    "most of my friendships drifted away since i started dating him",
    "he refuses to let me get a job",
    "she keeps me from going to work when she's in a mood",
    "he blocked the doorway so i couldn't get out",
    # a parent named in the same sentence as the danger does not excuse it
    "my ex follows me everywhere and my parents said i should call the police",
    "he drove me somewhere without my parents knowing and would not let me leave",
    # "controlling" said of a partner or beside jealousy
    "my girlfriend has always been very controlling",
    "i think i'm dating a jealous and controlling man",
    "he has become so controlling of me since the wedding",
    # self-harm in a third person
    "my girlfriend has been cutting herself again",
])
def test_checklist_signs_are_flagged(q):
    assert check_safety(q).flagged, q


# "Up" after a blow is an idiom only for some verbs ("hit me up", "choked up", "kicked up a fuss"):
# "beats him up" is a beating (a step-family letter went without a notice).
@pytest.mark.parametrize("q", [
    "my husband scolds my son unnecessarily and even beats him up",
    "my stepdad beat me up last night",
    "he beat up my son when he got home",
    "i was beaten up by my boyfriend",
    "he shoved me up against the wall",
    "she slapped me up the head in front of the kids",
])
def test_a_beating_with_up_is_flagged(q):
    assert "violence" in check_safety(q).categories, q


def test_fear_on_ones_own_ground_is_flagged():
    """A tester's neighbours folder: a grandmother shouted at by a neighbour, "82 and scared to
    go out in her own garden", got no notice."""
    q = ("my nan's neighbour keeps shouting at her over the fence, shes 82 and scared to go out "
         "in her own garden now. what can we do")
    assert "fear" in check_safety(q).categories


# Narrow exclusions: each sentence shares words with a rule but describes no danger.
@pytest.mark.parametrize("q", [
    # writer denies it
    "i don't want it to sound like he's controlling or abusive, because he's not",
    "he has never hit me and he is not violent, he just can't trust me",
    # idioms
    "then it hit me that she was never going to trust me",
    "a guy from my gym hit me up on instagram and my boyfriend saw",
    "i got choked up telling him how much i love him",
    "that song always chokes me up",
    "she kicked up a fuss about the holiday plans",
    "i punched up my cover letter before sending it",
    "my dad hit the roof when he saw my phone bill",
    # the asker's own fear or worry, not fear of the partner
    "i'm scared of him leaving me over this",
    "i'm afraid for my boyfriend, he has been so depressed",
    "i'm nervous she'll be mad that i forgot our anniversary",
    "i still don't feel safe unless i check her phone every night",
    # a single request or a one-off plan, not standing rules
    "my boyfriend asked for a picture of where i was because he missed me",
    "she said i can't see my friends this saturday because it's her mom's birthday",
    # the asker's own snooping or own rule
    "i get so jealous i stalk his ex on instagram",
    "since the affair he is not allowed to see her",
    # agreeing to be tracked, phone-checking
    "i've agreed to let her track my phone for a while to rebuild trust",
    "it's tiring that she keeps monitoring my phone",
    # parents' rules for a teenager
    "i'm not allowed to go to parties without asking my parents first",
    "i want to hang out with friends without my parents following me everywhere",
    "my mom won't allow me to date until i'm sixteen",
    # the asker's own mishap, and being sent out of a room
    "i broke my phone and he thought i was hiding something",
    "she kicked me out of the bedroom after the fight",
    # a shouting match between equals
    "my teenage son swore at me and i yelled right back at him",
    # "controlling" not said of a partner
    "my sister-in-law is so bossy and controlling about holidays",
    "what is the difference between having trust issues and being controlling",
    "i'm still dealing with the controlling stress of his suspicion",
    # figures of speech and non-class objects
    "you lie when someone holds a gun to your head, not to your best friend",
    "my wife expects me to cut off all contact with her",
    "she destroyed my trust when she lied about the trip",
    "i'm scared he'll hurt me again like when he cheated",
    "no one else would understand why i stay, he says",
])
def test_exclusions_keep_ordinary_letters_unflagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


# Written from the letters of eval/real/safety_dev.jsonl (public letters gathered to test how the
# rules generalise): each sentence is a short paraphrase of a way of speaking the rules missed, or
# of an ordinary letter they flagged; each fails on the rules as they were before.
@pytest.mark.parametrize("q", [
    # violence in other words: a parent beating someone at home, fights that turn physical,
    # sexual pressure met with no, a body moved by force
    "my father beats my mom whenever he loses at cards",
    "the fights at home sometimes get physical",
    "he keeps pressuring me for sex even though i'm not ready",
    "when i say no he keeps pushing until i give in",
    "he held my head down against the mattress",
    # threats: "also threatens" is a whole word, blackmail, self-harm as a lever after the condition
    "he also threatens my little brother",
    "my ex is blackmailing me with our old chats",
    "she says she will die if i ever break up with her",
    # fear tied to someone's drinking or mood, fear for the others at home
    "when my dad is drunk i get so scared",
    "i am scared for my little sister",
    # control: cut off from friends and family in other words, contacts deleted, made to hand over
    "my boyfriend told me to stop seeing my friends",
    "she deleted all my contacts from my phone",
    "in ten years of marriage i have never been out on my own",
    "he hates me talking to anyone, even my sister",
    "my wife makes me hand over my paycheck every friday",
    # self-harm in other words
    "i started cutting again after the breakup",
    "i've been cutting my self since march",
    "i feel like death is the only way out for me",
    "i've been having thoughts of dying",
    # the rules' own words in another form (eval/real/SAFETY_FRESH.md): a plural, pressure "on" me
    "my mum gave me two black eyes last week",
    "he keeps putting pressure on me to have sex with him",
])
def test_danger_in_other_words_is_flagged(q):
    assert check_safety(q).flagged, q


@pytest.mark.parametrize("q", [
    # threatening to leave or end it, or the asker threatening to contact a rival
    "she threatened to leave me if i ever mention it again",
    "my girlfriend is threatening to end things because i forgot her birthday",
    "i threatened to email the other woman",
    # the asker acting, and putting someone out of the house
    "i kicked him out of the apartment last night",
    "she kicked her brother out of the house after the party",
    # one outburst, not a habit of shouting
    "he started yelling at me when i asked about the receipt",
    # the asker calling themselves controlling; refusing affection
    "i admit i was jealous and controlling with him",
    "she doesn't let me hold her anymore when we sleep",
    # someone else's ex or profile watched online, and the asker trying to stop
    "my wife is obsessed, stalking and following his ex on instagram",
    "i can't stop stalking her profile",
    # a claim passed round, and violence by a former partner in the past
    "his ex-wife keeps telling everyone that he physically abused her",
    "my last ex-boyfriend was violent. my new boyfriend is a sweetheart but i struggle to trust him",
    "years ago i was hit by an ex. how do i learn to trust again?",
    # pressure denied; afraid of a partner's relative, not of the partner
    "he doesn't pressure me to have sex but says it's the natural next step",
    "my wife is a little afraid of her mom and does whatever she says",
])
def test_ordinary_letters_in_other_words_are_not_flagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    # wanting not to wake up, or not to be here, said without the word "suicide" (letters to
    # columns on grief and on sleep), and gathering the means
    "sometimes I think everyone would be better off if I just wasnt here anymore",
    "Some nights I think it would be easier if I just didnt wake up",
    "I don't even want to be here anymore",
    "i hope i dont wake up tomorrow",
    "I wish I could go to sleep and never wake up",
    "I have been stockpiling my sleeping pills",
    "i took an overdose last year and i think about it again",
    "Some nights I honestly don't want to go on anymore",
    "my family would be better off without having to deal with me",
])
def test_a_wish_not_to_wake_up_or_be_here_is_flagged_as_self_harm(q):
    assert "self_harm" in check_safety(q).categories, q


@pytest.mark.parametrize("q", [
    "what if I didn't wake up in time for my shift",
    "can you overdose on melatonin",
    "I dont want to live with him anymore",
    "we would be better off if I did not take that job",
    "I hope I don't wake up at 3am again tonight",
    "I can't go on living like this with him, should I move out?",
    "I don't want to go on with the wedding plans",
    "my friend moved to Berlin and this has hit me harder than I expected",
])
def test_sleep_and_living_arrangements_are_not_self_harm(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


# From user testers' letters on articles nobody tuned for (houseplants, an ageing parent,
# co-parenting): each sentence is a tester's, or a variant of it, and each fails on the rules as
# they were before.
@pytest.mark.parametrize("q, category", [
    # something of the asker's broken or thrown, with words between the verb and "my"
    ("last week he threw two of my plants against the wall", "violence"),
    ("she smashed some of my plates when i came home late", "violence"),
    ("he broke one of my guitars to punish me", "violence"),
    # a threat without the word: what was done to something else will be done to the asker
    ("He said next time it would be me.", "threats"),
    ("she told me next time it'll be you", "threats"),
    ("he texted me that i'm next", "threats"),
    # fear of what someone will do, whatever clause follows
    ("I'm scared of what he'll do if it dies and he sees the mess.", "fear"),
    ("i'm afraid of what my husband will do when he finds out", "fear"),
    ("honestly I'm terrified of what she would do.", "fear"),
])
def test_threats_and_fear_told_in_ordinary_words_are_flagged(q, category):
    assert category in check_safety(q).categories, (q, check_safety(q).categories)


def test_a_threat_in_a_letter_about_something_else_is_flagged():
    """A letter asking how to save a houseplant got no notice: the danger is in plain words."""
    letter = ("My husband gets very angry when things in the house aren't \"perfect\", and last "
              "week he threw two of my plants against the wall because soil had spilled on the "
              "floor. He said next time it would be me. I'm scared of what he'll do if it dies "
              "and he sees the mess. How do I save the calathea quickly?")
    assert check_safety(letter).categories == ("violence", "threats", "fear")


@pytest.mark.parametrize("q", [
    # bruises from falls or sport, and a bruise the asker doesn't remember seeing on a parent
    "she had bruises on her arms from falls nobody told me about",
    "mum has a big bruise on her hip from a fall last week",
    "my son came home with bruises from training",
    "Sometimes I notice small things: a bruise I don't remember, the same story told twice",
    # the asker keeping their own phone or money
    "I keep my phone on loud in meetings and my boss has noticed",
    "we always keep our money in one account",
    # pushing the asker to do something: pressure, not a shove
    "How do I get them to respect my wishes and stop pushing me?",
    "my children keep pushing me to move into a care home",
    "my parents are pushing me into selling the flat",
    # a legal threat, not violence
    'the other half is insults and threats to "take me back to court"',
    "she keeps threatening to sue me over the school fees",
    # a figure of speech, not a belonging
    "he broke my trust when he lied about the money",
])
def test_pressure_falls_and_legal_threats_are_not_flagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "He pushed me against the wall during an argument",
    "i told him to stop pushing me against the door",
    "i have bruises from where he grabbed me",
    "she has bruises on her arms and her boyfriend is rough with her",
    "i keep finding bruises i don't remember getting after nights out with him",
    "he keeps my phone so i can't call anyone",
    "he threatened to hurt me",
    "she threatened to take me to court and take the kids",
    "he broke two of my ribs",
])
def test_the_dangerous_neighbours_of_those_false_alarms_stay_flagged(q):
    assert check_safety(q).flagged, q


def test_many_messages_from_a_co_parent_are_conflict_not_stalking():
    """An ex who texts dozens of times a day, half about the son, half insults and court threats,
    to a dad who asks how to communicate: a high-conflict co-parent, not a danger. The same texts
    with following, fear, or no shared child keep the notice."""
    coparent = ("I'm a dad with 50/50 custody of my son. She texts me dozens of times a day. "
                "Half of it is about our son, and the other half is insults, old arguments, threats to "
                "\"take me back to court\". How do I communicate with someone like this?")
    assert not check_safety(coparent).flagged
    assert check_safety("my ex texts me dozens of times a day").categories == ("stalking",)
    assert check_safety("my ex texts me 100 times a day about our kids and turns up outside my "
                        "flat").flagged
    assert check_safety("my ex texts me 50 times a day about our son and i am scared").flagged
    assert check_safety(coparent + " He said next time it would be me.").flagged


@pytest.mark.parametrize("unit", [
    "he said next time it ", "bruises on her arms from ", "stop pushing me ", "he threw two of my ",
    "scared of what my he will do ", 'threats to "take me back to ', "i always keep our ",
    "our son texts me dozens of ",
])
def test_sixty_kilobytes_of_the_new_rules_words_are_checked_quickly(unit):
    """The new rules keep every repetition bounded: 60 KB of their own words stays linear."""
    assert_linear(check_safety, unit)


def test_shouting_from_the_asker_s_boss_is_a_work_problem_not_a_danger():
    """"My boss yells at me every day" got emergency services and a domestic-violence hotline;
    the same words of a partner, and blows at work, keep the notice."""
    assert not check_safety("My boss yells at me every day in front of the whole team").flagged
    assert check_safety("my husband yells at me every day").flagged
    assert check_safety("he belittles me in front of his coworkers").flagged
    assert check_safety("my supervisor grabbed me and shoved me against the wall").flagged


def test_fear_of_an_animal_is_not_danger_from_a_person():
    """A puppy that bites: "her" is the dog. A person in the letter keeps the fear a danger."""
    puppy = ("our new puppy nips everyone, including the kids! they are starting to become "
             "scared of her. how do we stop her from biting")
    assert not check_safety(puppy).flagged
    assert check_safety("my husband kicks the dog and the kids are scared of him").flagged
    assert check_safety("im scared of him. he yells at our dog and at me").flagged


def test_the_notice_fits_the_danger():
    """Someone thinking of ending their life is pointed to a crisis line first, not told about
    partners and domestic-violence hotlines; danger from someone else keeps that notice."""
    alone = check_safety("I don't even want to be here anymore").notice
    assert "988" in alone and "domestic" not in alone
    partner = check_safety("my boyfriend hit me last night").notice
    assert "domestic-violence hotline" in partner and "crisis line" not in partner
    roommate = check_safety("my roommate shoved me into a wall and threatened me").notice
    assert "someone you live with" in roommate and "police" in roommate
    both = check_safety("he hits me and some days i want to die").notice
    assert "emergency services" in both and "crisis line" in both
    assert check_safety("how do we split the rent").notice is None


def test_combined_scan_agrees_with_each_rule():
    """The per-category scan (tried only at word starts) finds what the separate rules find."""
    import re

    import assistant.safety as s

    rules = {k: [re.compile(p) for p in v] for k, v in s._PATTERNS.items()}
    sentences = FLAGGED + ORDINARY + [
        "he hit me", "i am scared of him", "my husband controls me", "he stalks me", "im fine",
    ]
    for q in sentences:
        n = s._normalise(q)
        for k, pats in rules.items():
            assert bool(s._COMBINED[k].search(n)) == any(p.search(n) for p in pats), (q, k)


def test_the_word_dispatched_scan_finds_what_one_alternation_of_the_rules_finds():
    """Each rule is tried only at the words it can start with (`_first_words`): on real letters
    and the sentences above, every category finds the same matches, at the same places, as
    one alternation of all its rules tried at every word start."""
    import json
    import re
    from pathlib import Path

    import assistant.safety as s

    whole = {k: re.compile(r"\b(?=\w)(?:" + "|".join(f"(?:{p})" for p in v) + ")")
             for k, v in s._PATTERNS.items()}
    real = Path(__file__).resolve().parents[2] / "eval" / "real"
    letters = [json.loads(x)["question"] for name in ("dev.jsonl", "safety_dev.jsonl")
               for x in (real / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    found = 0
    for q in letters + FLAGGED + ORDINARY:
        n = s._normalise(q)
        for k, rx in whole.items():
            spans = [m.span() for m in rx.finditer(n)]
            assert [m.span() for m in s._COMBINED[k].finditer(n)] == spans, (q[:80], k)
            found += len(spans)
    assert found > 200  # the letters hold matches of many kinds to compare


def test_a_rule_is_dispatched_by_the_words_it_can_start_with():
    from assistant.safety import _first_words

    assert _first_words(r"\b(kill|harm)s? me\b") == {(False, "kill"), (False, "harm")}
    assert _first_words(r"\bi (am|was) scared\b") == {(True, "i")}
    assert _first_words(r"(\w+ )?hit") is None  # any word: tried everywhere
    assert _first_words(r"(?i)\bHIT") is None  # a rule that ignores case: tried everywhere


def test_a_long_letter_is_checked_quickly():
    letter = ("My boyfriend doesn't trust me and keeps asking where I was last night, "
              "and I'm tired of explaining myself to him. ") * 14
    check_safety(letter)
    # CPU time, which other work on the machine does not inflate: about 7 ms here
    assert cpu_seconds(lambda: check_safety(letter), repeats=5) < 0.02


def test_a_long_sentence_full_of_matches_is_checked_in_linear_time():
    """Every "follows me" matches, and the parent rule at the end excludes each match again:
    checking the sentence once per match took 14 s for these 60 KB."""
    question = "he follows me " * 4200 + "without asking my parents"
    assert "stalking" not in check_safety(question).categories  # a parent's rule, as before
    assert_linear(check_safety, "he follows me ", suffix="without asking my parents")
    assert "stalking" in check_safety("my parents follow me. " + question + ". he follows me").categories


@pytest.mark.parametrize("sentence", [
    "First, call the domestic violence hotline at 1.800.799.SAFE (7233).",
    "If you think your teen is in danger right now, call 911 or your local emergency number.",
    "In the United States, call or text 988 to reach the Suicide & Crisis Lifeline.",
    "Call the police if you feel an immediate threat.",
    "Women's shelters can provide emergency and temporary housing.",
    "An advocate can help you make a safety plan before you leave.",
    "You can ask a court for a protective order.",
    # a doctor or a counsellor for someone who can't cope (a caregiving article)
    "Talk with your doctor about finding a counselor.",
    "If it all feels too much, speak to your GP.",
    "It can help to see a counsellor on your own.",
    # the police, however a page puts it (a neighbours folder's safety line was never quoted)
    "If you feel that your safety is being threatened, you should go to the police immediately.",
    "Depending on where you live, you may need to call either Animal Control or the local police department.",
])
def test_sentences_that_say_where_to_get_help_are_recognised(sentence):
    from assistant.safety import gives_help

    assert gives_help(sentence)


@pytest.mark.parametrize("sentence", [
    "Your partner refuses to provide you with food, clothing or shelter.",
    "Talk to your partner calmly about what worries you.",
    "He called me at work five times yesterday.",
    "Policies differ from one company to the next.",
    # couples' therapy is not where someone in danger gets help
    "A couple’s counselor can provide an unbiased third-party opinion.",
    "You could either see the therapist together, or he would see one alone.",
    "You may want to see a counselor together.",
    "That way, when you go to the police and/or take legal action, you can show a pattern.",
])
def test_ordinary_sentences_are_not_help_lines(sentence):
    from assistant.safety import gives_help

    assert not gives_help(sentence)


HELP_ARTICLES = {
    "money-talks.txt": "Talking About Money\n\nSit down once a month and go through the bills "
                       "together. Agree on a budget that leaves each of you some money to spend "
                       "freely. Keep the talk calm and about numbers, not blame.\n",
    "money-abuse.txt": "When Money Becomes Control\n\nA partner who takes your paycheck, hides "
                       "the accounts or runs up cards in your name is using money to control "
                       "you. Keep copies of statements somewhere safe. If you are afraid of "
                       "your partner, call the domestic violence hotline at 1-800-799-7233 to "
                       "make a plan. Opening an account in your own name can come later.\n",
}


def test_a_flagged_question_gets_the_articles_own_help_line_without_a_profile(tmp_path):
    """Any folder of articles, not only the shipped ones: the hotline an article names comes
    first for someone in danger, even when the question's words match other lines better."""
    qa = assistant_over(tmp_path, HELP_ARTICLES)
    ans = qa.ask("he took my paycheck and says he will hurt me if I talk about the budget")
    assert ans.safety and not ans.abstained
    assert "hotline" in ans.quotes[0].text
    ordinary = qa.ask("how do we agree on a budget and talk about the bills calmly")
    assert not ordinary.safety
    assert all("hotline" not in q.text for q in ordinary.quotes)


def test_danger_in_a_folder_with_no_line_on_it_is_answered_only_in_part(tmp_path):
    """A tester's step-family folder: a mother whose husband "even beats him up" got the notice,
    then discipline tips under coverage "direct". With no article line on where to get help,
    the tips are the closest passages, said to be no more."""
    articles = {name: text for name, text in HELP_ARTICLES.items() if name != "money-abuse.txt"}
    qa = assistant_over(tmp_path, articles)
    ans = qa.ask("my husband took my paycheck and says he will hurt me if I talk about the budget")
    assert ans.safety and not ans.abstained
    assert ans.coverage == "partial"
    assert "where to get help" in ans.scope_note
    with_help = assistant_over(tmp_path / "help", HELP_ARTICLES).ask(
        "my husband took my paycheck and says he will hurt me if I talk about the budget")
    assert with_help.coverage == "direct" and "hotline" in with_help.quotes[0].text


@pytest.mark.parametrize("name", ["dev.jsonl", "safety_dev.jsonl"])
def test_the_development_letters_keep_their_safety_figures(name):
    """A regression gate on the letters the rules were written from (not a held-out figure:
    eval/real/SAFETY_DEV.md): every danger flagged, ordinary letters rarely."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "eval" / "real" / name
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    danger = [r for r in rows if r["kind"] == "safety"]
    ordinary = [r for r in rows if r["kind"] != "safety"]
    assert all(check_safety(r["question"]).flagged for r in danger)
    flagged = sum(check_safety(r["question"]).flagged for r in ordinary)
    assert flagged / len(ordinary) <= 0.06, flagged


FRESH = ("safety_fresh_dev", "safety_fresh_test")


def test_the_fresh_letters_load_with_unique_ids_and_their_recorded_split():
    """eval/real/safety_fresh.jsonl (SAFETY_FRESH.md): every line parses, ids are unique and
    sf001..sfNNN, each letter is in one half, and the halves are the random.Random(2026) shuffle
    recorded before any rule ran on them. (No test reads its figures: the rules were not fitted
    on it, and the test half is measured rarely, by hand.)"""
    import json
    import random
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "eval" / "real" / "safety_fresh.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 83
    assert ids == [f"sf{i:03d}" for i in range(1, len(ids) + 1)]
    for r in rows:
        assert r["kind"] in ("safety", "unanswerable") and r["gold"] == [], r["id"]
        assert r["answerable"] == (r["kind"] == "safety"), r["id"]
        assert r["kind"] == "safety" or r["scope"] == "near-topic", r["id"]
        assert r["source"].startswith("http") and r["question"].strip(), r["id"]
        assert r["split"] in FRESH, r["id"]
    order = ids[:]
    random.Random(2026).shuffle(order)
    assert {r["id"] for r in rows if r["split"] == "safety_fresh_dev"} == set(order[:len(order) // 2])


def test_an_answer_to_someone_thinking_of_ending_their_life_opens_with_the_crisis_lines(tmp_path):
    qa = assistant_over(tmp_path, HELP_ARTICLES)
    ans = qa.ask("money is so bad that some nights it would be easier if I just didnt wake up")
    assert ans.safety
    assert ans.markdown.split("\n", 1)[0].startswith("> ⚠️ **If you are thinking about ending your life")
    assert "If a partner threatens" not in ans.markdown


# A tester's letters about headaches (a corpus of headache pages): emergencies went unflagged.
WORST_HEADACHE = "worst headache of my life right now what do i do"
SLURRED_MOM = ("my mom is 68 and this morning she said she had a bad headache and now her speech is "
               "kind of slurred and one side of her mouth looks droopy. she says she just needs a "
               "nap. should i let her sleep?")
HEAD_INJURY = (
    "I'm writing this at 1am because I don't know what to do. Yesterday afternoon I stood up fast "
    "under an open kitchen cupboard and smacked the top of my head really hard on the corner of "
    "the door. I saw stars for a second but felt okay, so I went to my evening shift. Tonight the "
    "headache has gotten a lot worse instead of better. I've thrown up twice in the last couple of "
    "hours, and my roommate says I keep asking her the same question about what time it is, which "
    "I don't remember doing. She thinks I'm just exhausted and should sleep it off. Is it okay to "
    "just go to sleep and see how I feel tomorrow?")


@pytest.mark.parametrize("q", [
    WORST_HEADACHE, SLURRED_MOM, HEAD_INJURY,
    "This is the worst headache I've ever had",
    "it came on out of nowhere, like a thunderclap",
    "i just got a sudden severe headache and feel sick",
    "headache stiff neck and fever",
    "my dad is slurring his words and his face is drooping",
    "one side of my face is numb and my left side is weak",
    "she can't lift her left arm",
    "my grandma is suddenly confused and doesn't know where she is",
    "my son banged his head this morning and now he seems very drowsy",
    "my husband can't breathe",
    "my throat is swelling up and I can't breathe",
    "my chest pain is spreading to my left arm and jaw",
    "my roommate is unconscious",
    "my dad won't wake up",
    "i can't wake her up",
    "she collapsed and isn't breathing",
    "my son is having a seizure",
    "the bleeding won't stop",
    "my toddler swallowed a bottle of pills",
    "I accidentally took too many pills",
])
def test_a_medical_emergency_is_flagged_with_emergency_numbers_only(q):
    """Signs that call for emergency care now get their own notice: emergency services, with
    no domestic-violence hotline and no crisis line."""
    result = check_safety(q)
    assert result.categories == ("medical",), q
    assert all(n in result.notice for n in ("911", "999", "112")), q
    assert "domestic" not in result.notice and "crisis" not in result.notice


@pytest.mark.parametrize("q", [
    # health questions with no danger now
    "what triggers migraines", "can stress cause headaches", "how long does a migraine last",
    "my headache is worse in the morning", "what is a thunderclap headache",
    "when should i see a doctor for migraines", "is taking ibuprofen every day bad for headaches",
    "I've been taking too many painkillers every day for my headaches",
    "My friend gets migraines and she has one right now, she's lying in a dark room and threw up once.",
    # figures of speech
    "this interest is killing me", "I could die of embarrassment", "my head is going to explode",
    "my partner is so controlling i can't breathe",
    "i banged my head against the wall trying to understand this and i'm still confused",
    "I'm suddenly confused about which plan to choose", "i can't stop bleeding money",
    "is unconscious bias real", "he is unresponsive to my needs",
    "my mom is having a fit about the wedding",
    # history, and the ordinary neighbours of the signs
    "I had a seizure as a child",
    "Years ago I had the worst headache of my life and it turned out to be a migraine.",
    "his speech gets slurred when he drinks",
    "my son won't wake up for school", "my laptop won't wake up",
    "she will not come to the gym with me because of an injury",
    "I can't lift my arm above my shoulder since the injury",
])
def test_health_questions_figures_of_speech_and_history_are_not_medical_emergencies(q):
    assert "medical" not in check_safety(q).categories, q


def test_a_medical_emergency_beside_another_danger_adds_its_sentence():
    """Mixed with other dangers, the existing notice comes first and the emergency numbers
    follow; an overdose on purpose stays self-harm alone."""
    hurt = check_safety("he choked me and now i can't breathe")
    assert hurt.categories == ("violence", "medical")
    assert hurt.notice.startswith("**If you are in danger") and "999" in hurt.notice
    alone = check_safety("i want to die and i took too many pills")
    assert alone.categories == ("self_harm", "medical")
    assert alone.notice.startswith("**If you are thinking about ending your life")
    assert "112" in alone.notice and "domestic" not in alone.notice
    overdose = check_safety("i took an overdose")
    assert overdose.categories == ("self_harm",)
    assert "112" not in overdose.notice


def test_a_head_injury_told_as_history_is_not_an_emergency_now():
    """The blow and the signs after it are matched apart (they are sentences apart in a letter),
    but neither may be history: a child's blows and a fainting at five are not today's."""
    assert not check_safety("I hit my head as a child. Now I get migraines.").flagged
    assert "medical" not in check_safety(
        "my mom has banged my head against walls many times. at 5 years old i passed out "
        "holding my breath.").categories
    assert check_safety("I hit my head. " * 3 + "Now I've been sick twice").categories == ("medical",)
    assert not check_safety("I've been sick twice. Then I hit my head.").flagged


@pytest.mark.parametrize("q", [
    # a tester's real posts: a pain that forces, a pain that hits
    "This is giving me incredible headaches which force me to leave work early and puts me in bed "
    "for a few days. What is the least confrontational way to ask her to not wear it?",
    "It happens the moment the receptionist walks in –it feels like I have been hit and the nausea "
    "and blurred vision starts I feel weak..",
    "my migraines force me to cancel plans", "the pain hit me like a truck",
    "the migraine came on and hit me like a ton of bricks", "the headache just hit me",
    "it felt like being hit by a bus",
])
def test_a_pain_that_forces_or_hits_is_not_violence(q):
    assert not check_safety(q).flagged, q


@pytest.mark.parametrize("q", [
    "he forces me to have sex", "she forces me to give her my pay",
    "my husband forces me to stay home", "he hit me like he always does",
    "my boyfriend hits me", "I have been hit by my husband",
])
def test_a_person_who_forces_or_hits_is_still_violence(q):
    assert "violence" in check_safety(q).categories, q


@pytest.mark.parametrize("sentence", [
    "Go to the ER or call 911 if you have any of the following symptoms:",
    "Call an ambulance if the person is unconscious.",
    "Go to A&E if you have been sick more than once after a head injury.",
])
def test_sentences_that_send_someone_to_emergency_care_are_help_lines(sentence):
    from assistant.safety import gives_help

    assert gives_help(sentence)


@pytest.mark.parametrize("unit", [
    "worst headache of my ", "his speech is ", "one side of her face ", "my left side is ",
    "my mom will not ", "i can not wake ", "she collapsed and ", "i can not breathe ", "throat ",
    "chest pain spreading ", "the bleeding and it ", "took too many ", "stiff neck ",
    "my son is having a ", "i hit my head and ", "threw up twice ", "the pain just hit ",
    "like i have been ", "my husband forces me ",
])
def test_sixty_kilobytes_of_the_medical_rules_words_are_checked_quickly(unit):
    """The medical rules and the head-injury scan stay linear on 60 KB of their own words."""
    assert_linear(check_safety, unit)


HEADACHE_ARTICLES = {
    "migraine-care.txt": "Treating Migraines at Home\n\nYou can treat occasional migraines with "
                         "at-home care. Rest in a dark, quiet room and drink water. Keep a diary "
                         "of what you ate and how you slept to find your triggers.\n",
    "headache-warning.txt": "When a Headache Is an Emergency\n\nMost headaches are not dangerous. "
                            "Go to the ER or call 911 if you have the worst headache of your life, "
                            "slurred speech or weakness on one side. A headache after a head injury "
                            "needs a doctor the same day.\n",
}


def test_an_answer_to_a_medical_emergency_opens_with_the_emergency_numbers(tmp_path):
    """The headache tester's question: the emergency notice first, no abuse hotline, and the
    articles' own "call 911" line among the quotes."""
    qa = assistant_over(tmp_path, HEADACHE_ARTICLES)
    ans = qa.ask("worst headache of my life right now what do i do")
    assert ans.safety
    first = ans.markdown.split("\n", 1)[0]
    assert first.startswith("> ⚠️ **If this is happening now, call emergency services")
    assert "domestic" not in ans.markdown
    assert any("call 911" in q.text for q in ans.quotes)


@pytest.mark.parametrize("q", [
    # testers' letters: the asker's own hyperbole, an idiom, comfort at a funeral
    "OK, I need a sanity check, because I could honestly kill my friend Marisol right now.",
    "It kills me that none of this seems to bother her like it does me.",
    "At the funeral at least a dozen people squeezed my arm and said he had a good innings.",
    "She squeezed my hand and told me it would be alright.",
])
def test_idioms_of_killing_and_a_comforting_squeeze_are_not_danger(q):
    assert not check_safety(q).flagged, q


@pytest.mark.parametrize("q", [
    "He said he would kill me if I left.", "she threatened to kill my dog",
    "he squeezed my arm so hard it bruised", "he squeezed my throat until I could not breathe",
])
def test_threats_and_a_squeeze_that_hurts_are_still_danger(q):
    assert check_safety(q).flagged, q


@pytest.mark.parametrize("q", [
    # a tester's letter
    "My friend texted me that honestly everyone would be better off without me dragging them "
    "down. I don't know what to say to her.",
    "My best friend says she wants to die and I do not know what to do.",
    "my son told me he has been thinking about suicide",
    "I think she really wants to die and I am scared for her.",
])
def test_a_friend_at_risk_gets_lines_to_help_them_not_words_to_the_asker(q):
    from assistant.safety import SELF_HARM_NOTICE, SELF_HARM_OTHER_NOTICE

    res = check_safety(q)
    assert res.categories == ("self_harm",), q
    assert res.notice == SELF_HARM_OTHER_NOTICE and res.notice != SELF_HARM_NOTICE
    assert "988" in res.notice and "someone you know" in res.notice


@pytest.mark.parametrize("q", [
    "I want to die. My mom says I am lazy.",
    "She told me I would be better off dead and I believe her.",
    "I have been thinking about suicide since my friend said she was moving away",
])
def test_the_asker_at_risk_still_gets_the_crisis_lines_for_themselves(q):
    from assistant.safety import SELF_HARM_NOTICE

    assert SELF_HARM_NOTICE in check_safety(q).notice, q


# Users' letters on new article folders (toddler tantrums, neighbours, running): a young child's
# tantrum, idioms, a runner's wife and a fitness tracker got the domestic-violence notice; a
# neighbour's threats, violence heard through the wall and chest pain on a run got none.
@pytest.mark.parametrize("q", [
    "Do timeouts work? Does anything work? What kind of discipline would you advise for a 3-year-old "
    "who likes to scream, hit, shove and repeat things she wants ad infinitum? She has a 1-year-old "
    "sibling, if that matters.",
    "my 2yo loses it evry time we leave the park, screaming kicking the lot. how do i stop the "
    "meltdowns b4 they start??",
    "We just brought home a new baby and my 3 year old is jealous, she keeps trying to hit the baby "
    "and wants to be carried all the time. How do I help her adjust to being a big sister?",
    "I was in line at Target and a little boy was screaming and kicking on the floor while his mom "
    "just stood there looking at her phone and ignoring him completely.",
    "She asked again, I said no again, and then she just dropped. Full on lying on the floor of the "
    "cereal aisle screaming NO NO NO, kicking her legs, and when I tried to pick her up she went "
    "totally limp.",
    "my sisters 3yo has meltdowns like 6 or 7 times a day and they last 30+ min, he hits her and "
    "hits himself too. she says its just the terrible threes. is it??",
    "my toddler son hits me when i say no",
    # idioms
    "Whatever the answer (my family votes idiot) we’ve hit ground zero for temper tantrums in our "
    "household and I have no clue what to do.",
    "I've just got in from week 8 run 3. I seem to have hit the wall and bounced back a fair bit!",
])
def test_a_young_child_s_tantrum_and_idioms_of_hitting_are_not_violence(q):
    assert "violence" not in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my husband hits me", "he hit me and kicked me",
    "my boyfriend likes to scream, hit, shove me when he drinks",
    "my partner kicks me when i am on the floor", "he kicked her legs out from under her",
    "he hit the wall next to my head", "i have been hit by my boyfriend",
    # a young child beside the one who hits
    "our 2 year old cries when he hits me", "my 3 year old watched my husband hit me",
    "my husband hits our 3 year old", "he kicked my 4 year old son",
    "my toddler saw him punch the wall", "the babysitter hit my 2 year old",
    "he acts like a toddler and hits me", "my baby daddy hits me",
    # violence heard or begged to stop
    "i begged him to stop but he kept going",
])
def test_an_adult_who_hits_stays_violence_beside_those_tantrums(q):
    assert "violence" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my son bangs his head on the floor when he doesnt get his way, hes 2. should i be worried hes "
    "gonna hurt himself?",
    "Q: My two-year-old son bangs his head when he has a tantrum. I can’t stop him and I am worried "
    "that he will hurt himself.",
])
def test_a_toddler_who_may_hurt_himself_is_not_at_risk_of_suicide(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q, categories", [
    ("he said he wants to hurt himself", ("self_harm",)),
    ("my brother keeps hurting himself", ("self_harm",)),
    ("my 15 year old son cuts himself", ("self_harm",)),
    ("my 4 year old said he wants to hurt himself", ("self_harm",)),
    ("I want to hurt myself", ("self_harm",)),
    ("I'm scared of what I might do to myself", ("self_harm",)),
    ("he will hurt himself if i leave", ("threats", "self_harm")),
])
def test_someone_who_wants_to_hurt_themselves_is_still_flagged(q, categories):
    assert check_safety(q).categories == categories, (q, check_safety(q).categories)


def test_a_runner_s_wife_and_a_fitness_tracker_are_not_control_or_stalking():
    """"He won't let me go with him to watch his form" and "my fitness tracker told me to slow my
    roll" got the domestic-violence notice; control and tracking of the asker keep it."""
    assert not check_safety("He won't let me go with him to watch his form but he says he is "
                            "trying to land on his forefoot now").flagged
    assert not check_safety("When I started running again my fitness tracker told me to slow my "
                            "roll immediately.").flagged
    for q in ["he won't let me see my friends", "he won't let me go out with my friends",
              "she never lets me go anywhere without her"]:
        assert check_safety(q).categories == ("control",), q
    for q in ["he tracks my location", "my partner is tracking my phone",
              "my ex put a tracker on my car and it told me nothing", "he put a tracking app on my phone"]:
        assert check_safety(q).categories == ("stalking",), q


NEIGHBOUR_THREATS = (
    "We live across the street from a strange person. There is no way to communicate with him. He "
    "stands across the street and calls me \"fatty,\" repeatedly, like a 6-year-old. I do not "
    "respond. Now he has escalated to backing his truck almost into our yard when leaving his "
    "driveway. I ALWAYS lock the doors, as I am afraid to have them unlocked when my husband is "
    "away. I was considering going to the police, but am almost sure this would only escalate "
    "things further. I am starting to feel threatened.")


def test_a_neighbour_who_frightens_the_asker_is_flagged():
    """Feeling threatened beside a thought of the police, and doors kept locked for fear, are
    danger; a rival who makes a jealous asker "feel threatened" is not."""
    res = check_safety(NEIGHBOUR_THREATS)
    assert res.categories == ("threats", "fear")
    assert res.notice.startswith("**If you are in danger") and not res.abuse_someone_else
    assert check_safety("I am starting to feel threatened. I was considering going to the "
                        "police.").categories == ("threats",)
    assert check_safety("my neighbour threatened to stab me").categories == ("threats",)
    assert not check_safety("recently, she has developed an attraction to him. I feel threatened "
                            "and worried she will try to steal him! what can i do?").flagged
    assert not check_safety("I won't lie, I felt a little threatened by the tall guy at the party").flagged


VIOLENCE_NEXT_DOOR = (
    "I can hear my neighbour's boyfriend screaming at her through the wall most nights and things "
    "smashing, and last night I heard her crying and shouting for him to stop. Should I just "
    "complain to the landlord about the noise?")


def test_violence_heard_next_door_gets_the_notice_for_someone_else_in_danger():
    """The asker is not the one in danger: the notice says to call the police for her, not "if
    you are in danger"; danger to the asker keeps the notice for them."""
    from assistant.safety import ABUSE_OTHER_NOTICE, NOTICE

    res = check_safety(VIOLENCE_NEXT_DOOR)
    assert res.categories == ("violence",) and res.abuse_someone_else
    assert res.notice == ABUSE_OTHER_NOTICE and "police" in res.notice
    for q in ["my sister's husband beats her", "my friend's boyfriend hits her",
              "she has bruises on her arms and her boyfriend is rough with her"]:
        assert check_safety(q).notice == ABUSE_OTHER_NOTICE, q
    # the asker hurt, or afraid, beside another's partner: the notice for the asker
    for q in ["my bf grabbed my arm so hard it left bruises bc he thought i was texting another guy. "
              "he says its only bc he has trust issues from his ex.",
              "M.A.D. said her ex-husband was violent. I was an abused husband. My wife became more and "
              "more abusive, first verbally, then, physically.",
              "my sister's husband hit me at the party",
              "my sister's husband hit her and now i am scared for my life",
              "my neighbour's boyfriend screams at her and i am scared of him"]:
        res = check_safety(q)
        assert res.flagged and not res.abuse_someone_else and res.notice.startswith(NOTICE), q
    assert check_safety("my boyfriend threw a plate at me and i begged him to stop").notice == NOTICE
    assert not check_safety("i begged him to stop drinking").flagged


def test_chest_pain_on_a_run_is_a_medical_emergency():
    """A runner's chest pain "right over my heart" half way through a run got no notice."""
    run = ("About half way through my run I started having chest pains-- the location was right "
           "over my heart. It totally freaked me out and I said I needed to walk as soon as it hit-- "
           "then tried to run again-- the pain returned-- and I started to cry.")
    assert check_safety(run).categories == ("medical",)
    assert check_safety("my dad has chest pain after climbing the stairs").categories == ("medical",)
    assert check_safety("my chest hurts when i run").categories == ("medical",)
    for q in ["can running cause chest pain?", "what causes chest pain during exercise",
              "I used to get chest pain when running", "I had chest pain during a race years ago"]:
        assert "medical" not in check_safety(q).categories, q


AT_THE_END_OF_MY_ROPE = (
    "I'm at the end of my rope. My 3 year old screamed for over an hour tonight and I grabbed her "
    "arm so hard it left marks and I screamed right in her face. I'm scared of what I might do the "
    "next time she does this. I'm alone with her all day and I don't have anyone to call.")


def test_a_parent_afraid_of_hurting_her_child_gets_steps_and_crisis_lines_not_the_victim_notice():
    """The domestic-violence notice spoke to a victim; this mother fears what she will do. Her
    notice: the child safe, a step away, the crisis lines already used for self-harm."""
    from assistant.safety import HARM_BY_ASKER_NOTICE, HARM_BY_ASKER_TOO, NOTICE

    res = check_safety(AT_THE_END_OF_MY_ROPE)
    assert res.categories == ("harm_by_asker",)
    assert res.notice == HARM_BY_ASKER_NOTICE
    assert "988" in res.notice and "116 123" in res.notice and "domestic" not in res.notice
    for q in ["I'm afraid I'll hurt my baby", "i feel like shaking my baby",
              "i am scared of what i might do to my son", "I spanked him so hard it left a welt"]:
        assert check_safety(q).categories == ("harm_by_asker",), q
    # danger to the asker beside it keeps the victim's notice first
    both = check_safety("my husband hit me and i am scared of what i might do to him")
    assert both.categories == ("violence", "harm_by_asker")
    assert both.notice == f"{NOTICE} {HARM_BY_ASKER_TOO}"
    assert "violence" in check_safety("i grabbed his arm and he shoved me so hard it left "
                                      "bruises").categories
    # not the asker's plans, nor another's feelings
    for q in ["i am scared of what i will do if i do not get into college",
              "i am afraid i will hurt my son's feelings if i say no"]:
        assert not check_safety(q).flagged, q


@pytest.mark.parametrize("unit", [
    "my 2yo hits ", "a 3-year-old who likes to hit, shove, ", "hes 2. he will hurt himself ",
    "begged him to stop ", "i ran and i have chest pain ", "my neighbour boyfriend hits her. ",
    "i am scared of what i might do ", "i feel threatened, police ", "i grabbed her arm so hard it ",
    "my fitness tracker told me ",
])
def test_sixty_kilobytes_of_the_tantrum_and_neighbour_rules_words_are_checked_quickly(unit):
    assert_linear(check_safety, unit)


# Users' reports on new public letters: passive suicidal ideation quoted from a sister, a parent
# afraid of hurting "him", a child hurt by the asker's husband, a toddler's age and oven chips read
# as blows, and an in-law's control read as a partner's.
SISTER_TEXTED = (
    "My sister is 31 and her social anxiety has gotten so bad she hasn't left her flat in three "
    "weeks. Last night she texted me 'I don't see the point anymore, nobody would even notice if I "
    "was gone.' What do I do?")


@pytest.mark.parametrize("q", [
    "honestly nobody would even notice if I was gone",
    "would anyone even care if I died?",
    "they wouldn't even miss me if I disappeared",
    "everyone would be happier if I wasn't here",
    "I don't see the point in living anymore",
    "I just dont see the point anymore.",
    "Lately I have been giving away all my things.",
    # a quotation opened before another person's sentence has ended is still the writer's own
    'i told her "i am fine" but honestly nobody would notice if i was gone',
])
def test_others_not_noticing_if_the_asker_were_gone_is_self_harm(q):
    from assistant.safety import SELF_HARM_NOTICE

    res = check_safety(q)
    assert res.categories == ("self_harm",), (q, res.categories)
    assert res.notice == SELF_HARM_NOTICE, q


@pytest.mark.parametrize("q", [
    SISTER_TEXTED,
    'my friend texted me: "I am so tired. Nobody would notice if I was gone." what do i say',
    "my son said “no one would care if i died” and walked off",
    # a tester's friendships folder: hopelessness about nothing in particular, and a pet given
    # away (warning signs on the crisis-line pages), answered as flaky-friend advice
    "My best friend keeps cancelling everything lately and last night she texted me that she "
    "doesnt see the point anymore and asked me to take her cat. is she just flaking on me or "
    "should i be worried",
    "my brother has been giving away all his stuff and says goodbye to everyone",
])
def test_those_words_quoted_from_someone_get_the_lines_to_help_them(q):
    from assistant.safety import SELF_HARM_OTHER_NOTICE

    res = check_safety(q)
    assert res.categories == ("self_harm",) and res.someone_else, (q, res.categories)
    assert res.notice == SELF_HARM_OTHER_NOTICE


@pytest.mark.parametrize("q", [
    "nobody at work would even notice if I was gone for a week",
    "people would notice if I was gone",
    "no one would notice if I left the party early",
    "I don't see the point in going on with this relationship",
    "how do I make sure my wife would be ok if I died",
    "it would be easier if I was gone for the weekend",
    # the point of something, and things given away after a death or to charity
    "honestly i dont see the point anymore of texting her first",
    "He doesnt see the point anymore in going to therapy together",
    "we are giving away her old clothes to charity",
    "my mom is giving away all my dad's things since he died",
])
def test_an_absence_or_a_plan_is_not_self_harm(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


END_OF_MY_ROPE_HIM = (
    "I'm at the end of my rope. My 4 year old has refused every meal for a week and tonight I "
    "screamed at him and I was so angry I wanted to shake him. I'm scared I'm going to hurt him. "
    "What do I do?")


@pytest.mark.parametrize("q", [
    END_OF_MY_ROPE_HIM,
    "my daughter is 3 and i am afraid i will hurt her",
    "my toddler screams all night and i feel like shaking her",
    "The twins won't sleep. I'm scared I'll hurt them.",
])
def test_a_parent_afraid_of_hurting_him_or_her_gets_the_parent_s_notice(q):
    from assistant.safety import HARM_BY_ASKER_NOTICE

    res = check_safety(q)
    assert res.categories == ("harm_by_asker",), (q, res.categories)
    assert res.notice == HARM_BY_ASKER_NOTICE


@pytest.mark.parametrize("q", [
    # "him" or "her" stands for a grown-up, or for no one named
    "my husband is so annoying, i wanted to shake him",
    "my wife took the kids and i am afraid i will hurt her",
    "I'm scared I'm going to hurt him.",
    "My 4 year old loves his grandpa. I'm scared I'll hurt him by moving away",
    # feelings, not a blow
    "My 4 year old keeps hitting his sister and I'm scared I'm going to hurt her feelings",
])
def test_him_or_her_who_is_not_a_child_is_not_a_parent_s_danger(q):
    assert "harm_by_asker" not in check_safety(q).categories, (q, check_safety(q).categories)


FORCED_TO_EAT = (
    "my husband loses it when our 3 yr old won't eat. tonight he held her nose and forced the food "
    "in and she was choking and screaming, then he smacked her for spitting it out. im scared of "
    "what he'll do at dinner tomorrow")


@pytest.mark.parametrize("q", [
    FORCED_TO_EAT,
    "my husband hits our 3 year old",
    "he smacked my 4 year old so hard she fell over",
    "my ex said he will hurt our daughter",
    "the babysitter hit my 2 year old",
    "i am scared for my kids, my husband hit our son",
])
def test_a_child_hurt_gets_the_notice_for_someone_else_hurt(q):
    from assistant.safety import ABUSE_OTHER_NOTICE

    res = check_safety(q)
    assert res.abuse_someone_else, (q, res.categories)
    assert res.notice == ABUSE_OTHER_NOTICE and "police" in res.notice


@pytest.mark.parametrize("q", [
    "my husband hits me and our son",
    "my husband screams at me and hit our son",
    "our 2 year old cries when he hits me",
    "i am scared of him, he hit our son",
    "he hit the wall next to our son's head",
])
def test_the_asker_hurt_or_afraid_beside_a_child_keeps_the_asker_s_notice(q):
    from assistant.safety import NOTICE

    res = check_safety(q)
    assert res.flagged and not res.abuse_someone_else, (q, res.categories)
    assert res.notice.startswith(NOTICE)


@pytest.mark.parametrize("q", [
    "He is 3 and his tantrums (which now she has hit 3, have dutifully trebled in size and "
    "effort) are wearing me down.",
    "I'd just love to be able to get in from work and shove some chips in the oven occasionally",
    "my sister has hit 30 and wants a baby",
    "my son hit 6 foot this year",
    "he hit 100 pounds on the bench press",
    "the kids kicked a couple of balls around the garden",
    # a smack of no one
    "i stood up and smacked my head on the cupboard",
    "he smacked his lips",
    "is it ok to smack a child?",
])
def test_a_number_or_a_quantity_of_things_is_no_one_struck(q):
    assert "violence" not in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "he hit 2 kids at school", "he hit three of my friends", "my husband hit some guy at the bar",
    "he hit me 3 times", "my husband shoved some papers at me",
    "he shoved a few of them against the wall", "my boyfriend whacked me with a belt",
    "he smacked her across the face", "my husband smacked our son",
])
def test_a_number_or_a_quantity_of_people_is_still_struck(q):
    assert "violence" in check_safety(q).categories, (q, check_safety(q).categories)


MOTHER_IN_LAW = (
    "I'm a mother-in-law. My son's wife says I overstep and won't let me see the grandkids as much "
    "anymore. I honestly don't know what I did wrong. How do I fix things with her?")
IN_LAW_PROBLEMS = (
    "I really need your help. I am having in-law problems. My wife and I have been married for "
    "almost 12 years and her mother is always in the middle of our life. She is very controlling "
    "and exerts so much influence on our decisions as a married couple.")


@pytest.mark.parametrize("q", [
    MOTHER_IN_LAW, IN_LAW_PROBLEMS,
    "My son's wife says I overstep and won't let me see my friends",
    "my husband won't let me see the grandkids",
    "his mother is always around. she is very controlling",
    "my boss says i am not allowed to take breaks",
    "my boss is so controlling, he won't let me take breaks",
    "I'm 14. I dare not tell my parents about my boyfriend because I am afraid they will forbid "
    "me to see him.",
])
def test_a_relative_s_or_a_boss_s_control_is_not_a_partner_s(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my husband won't let me see my friends",
    "my husband is very controlling and won't let me see the grandkids",
    "my husband says i am not allowed to go out",
    IN_LAW_PROBLEMS.replace("She is very controlling", "My wife is very controlling"),
    "my best friend married a very controlling guy",
    "my dad is so controlling of my mom",
    "my friend's boyfriend is very controlling",
    "my mother-in-law is very controlling and my husband won't let me go out",
    # someone the asker lives with, or a relative who hurts the asker too
    "my wife and i live with her mother. she is very controlling and won't let me leave the house",
    "my mom hits me when she gets mad. she doesn't let me go over to friends houses",
])
def test_a_partner_s_control_or_that_of_someone_at_home_stays_control(q):
    assert "control" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("unit", [
    "my 4 year old. i am scared i am going to hurt him ", "nobody would even notice if i was gone ",
    "she texted me 'i do not see the point, ", "her mother is very controlling ",
    "my son wife will not let me see the grandkids ", "our 3 yr old. he smacked her ",
    "she was choking ", "she has hit 3 and shove some chips ", "my son wife says he she they him ",
])
def test_sixty_kilobytes_of_the_pronoun_and_object_rules_words_are_checked_quickly(unit):
    """Whom a pronoun stands for is read from the people named, found once per letter, and each
    lookup tries a bounded number of them: 60 KB of the rules' own words stays linear."""
    assert_linear(check_safety, unit)


# Users' reports on a caregiving folder and a roommates' folder: a father strangling the asker's
# mother got the notice for the asker in danger, a mother with dementia who may "harm herself"
# financially got the domestic-violence and crisis lines, and a brother's say over their father's
# care got the notice for a partner's control.
DAD_SHOVED_MOM = (
    "My dad has dementia and last night he shoved my mom into the wall and grabbed her by the "
    "throat. She says it was nothing and not to tell anyone. I'm scared to leave them alone "
    "together tonight. What should I do?")


@pytest.mark.parametrize("q", [
    DAD_SHOVED_MOM,
    "my brother punched my dad",
    "my stepdad hit my mom last night and i am scared for her",
    "my dad grabbed my mom by the hair",
    "my husband threatened my sister",
    # fear of leaving someone alone or with someone is fear for them
    "i am scared to leave my kids alone with him",
])
def test_a_grown_up_the_letter_names_hurt_gets_the_notice_for_someone_else_hurt(q):
    from assistant.safety import ABUSE_OTHER_NOTICE

    res = check_safety(q)
    assert res.flagged and res.abuse_someone_else, (q, res.categories)
    assert res.notice == ABUSE_OTHER_NOTICE


@pytest.mark.parametrize("q", [
    "my dad shoved my mom and me into the wall",
    "he grabbed me by the throat",
    "my husband hit my mom and i am scared of him",
    "i am scared to leave him",
    # "he was physically abusive": he is the one who hurts, not the one hurt
    "My husband has always been a jealous person. Once to the point that he was physically abusive.",
])
def test_the_asker_hurt_or_afraid_beside_a_grown_up_keeps_the_asker_s_notice(q):
    from assistant.safety import NOTICE

    res = check_safety(q)
    assert res.flagged and not res.abuse_someone_else, (q, res.categories)
    assert res.notice.startswith(NOTICE)


MOTHER_WITH_DEMENTIA = (
    "My 83-yr-old mother has shown signs of dementia for two years; she experiences paranoia and "
    "memory loss. Today she said someone stole her mortgage and that she is going to refinance for "
    "$100,000 and move. I am concerned that she will jeopardize her financial future or otherwise "
    "harm herself. She gets hysterical if anyone suggests she goes to a doctor, and she accuses her "
    "children of wanting her in a home. I am not sure what to do.")


@pytest.mark.parametrize("q", [
    MOTHER_WITH_DEMENTIA,
    "my dad has alzheimer's and wanders at night. i'm worried he'll hurt himself",
    "my grandma has memory loss and might hurt herself with the stove",
])
def test_someone_with_dementia_who_may_harm_themselves_is_not_self_harm_nor_a_threat(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q, cats", [
    ("my dad has dementia and he said he wants to hurt himself", ("self_harm",)),
    ("my mom has dementia. my teenage son is depressed and i'm worried he'll hurt himself", ("self_harm",)),
    ("my mother has dementia and keeps saying she'll kill herself", ("threats", "self_harm")),
    ("my boyfriend hinted he might harm himself if i leave. my dad has dementia.", ("threats", "self_harm")),
])
def test_intent_or_someone_else_beside_a_dementia_stays_flagged(q, cats):
    assert check_safety(q).categories == cats, (q, check_safety(q).categories)


BROTHER_OVERSEER = (
    "I have four siblings, we are all in our 50's. My father is now 85 with Alzheimer's. Now that "
    "I have become my father's legal guardian, my eldest brother has taken the role to be the "
    "\"overseer\" of me and reports on me to attorneys and a trustee of my Dad's trust. He tells me "
    "what I should do, how I should handle caregivers, even where my father should live. I am "
    "legally Dad's guardian, but I am hindered by my brother and these individuals who claim they "
    "have my father's best interests at heart. They won't let me move him closer to where I live. "
    "It seems to be about control and ego.")


@pytest.mark.parametrize("q", [
    BROTHER_OVERSEER,
    "my brother is so controlling, he won't let me go out",
    "my sister won't let me move my mom in with me",
    "my husband won't let me bring my dad to live with us",
])
def test_a_sibling_s_control_or_a_say_over_a_parent_s_care_is_not_a_partner_s(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my husband won't let me see my mom",
    "my husband won't let me bring my friends home",
    "my husband won't let me take the kids to the park",
    "my brother and i live together. he is so controlling and won't let me go out",
    "my brother hits me and won't let me leave",
    "my sister has lost all of her friends because nobody can stand him",
])
def test_a_partner_s_control_a_housemate_s_or_beside_blows_stays_control(q):
    assert "control" in check_safety(q).categories, (q, check_safety(q).categories)


ROOMMATE_THREW_STUFF = (
    "One of my current roommates, the only one still here, as all the others moved out is a "
    "verbally abusive person. He has threatened to hit me repeatedly, thrown stuff at me and tries "
    "to kick me out of the kitchen even if I'm in there first. I took a lot of the abuse until he "
    "kicked my dog.")
ROOMMATE_THREATENED_SAM = (
    "When she was called out on her behavior, she did not like what she heard, and began screaming "
    "at Sam as loud as she possibly could. She was even stupid enough to threaten to hurt her in "
    "person and through text message. As of this moment, I am sitting in the basement with Sam to "
    "buddy system our way out of this because we don't know how long it's going to take to get her "
    "out of here.")


@pytest.mark.parametrize("q", [ROOMMATE_THREW_STUFF, ROOMMATE_THREATENED_SAM])
def test_a_roommate_s_threats_give_the_notice_for_the_asker_who_lives_with_them(q):
    """Threatened and pelted, or hiding in the basement with the roommate threatened: someone the
    asker lives with threatens them, the notice for the asker."""
    from assistant.safety import NOTICE

    res = check_safety(q)
    assert "threats" in res.categories and not res.abuse_someone_else, (q, res.categories)
    assert res.notice == NOTICE


@pytest.mark.parametrize("unit", [
    "he shoved my mom into the wall and grabbed her by the throat ", "my dad shoved my mom. ",
    "i am scared to leave them alone together ", "he grabbed her by the ",
    "my dad has dementia and she might harm herself ", "my mother has memory loss. she will hurt herself ",
    "they will not let me move him closer ", "she will not let me take my dad ",
    "my brother is so controlling ", "my sister has lost all of her friends ",
])
def test_sixty_kilobytes_of_the_grown_up_dementia_and_sibling_rules_words_are_checked_quickly(unit):
    assert_linear(check_safety, unit)


@pytest.mark.parametrize("q", [
    "my stepdad shoved me into the wall last nite n said if i tell mum he'll make it worse. im 14 idk what to do",
    "I'm 15 years old and my mom's boyfriend hits me",
    "my bf (17m) hit me last night (16f)",
    "i'm only 13. my stepdad scares me, he threatened to hurt me",
])
def test_a_child_in_danger_is_told_of_a_trusted_adult_and_a_childrens_helpline(q):
    """A tester's 14-year-old, shoved by a stepfather, was pointed to a domestic-violence
    hotline's safety plan."""
    notice = check_safety(q).notice
    assert notice.startswith(CHILD_NOTICE), notice
    assert "domestic-violence hotline" not in notice


@pytest.mark.parametrize("q", [
    "I'm 16 weeks pregnant and my husband hit me",
    "i am 15 minutes late and he hit me",
    "my husband hits me, i am 34",
])
def test_a_number_that_is_not_the_askers_age_keeps_the_adult_notice(q):
    assert check_safety(q).notice.startswith(NOTICE), q


@pytest.mark.parametrize("q", [
    # testers' sibling folder: a parent's or a grandparent's children fighting
    "Should I get my 6 year old assessed for ADHD because he keeps hitting his sister?",
    "My daughter's two boys (6 and 9) fight constantly when I babysit them after school, and it "
    "usually ends with the little one getting hit and crying. What should I do as the grandma "
    "when they start hitting each other at my house?",
    # what is not done: the asker's own restraint, a way to handle anger
    "My adult son refuses to move out. He is also depressed, and we don't want to push or "
    "threaten him.",
    "I asked my son how he can handle his anger without hitting, and what to do instead of "
    "hitting her.",
])
def test_childrens_fights_and_acts_not_done_are_not_flagged(q):
    assert not check_safety(q).flagged


@pytest.mark.parametrize("q", [
    # an injury or a weapon keeps a fight between children a danger
    "My 10 year old hit his sister so hard she needed stitches.",
    "My 9 year old keeps hitting his brother with a belt.",
    # no child named: an adult's blows at his sister
    "My husband keeps hitting his sister when he drinks.",
    # someone else's "not to": a blow feared, not forgone
    "I begged him not to hit me but he did it again.",
    # a teenager is not a child of twelve or under
    "My 15 year old son punches his sister every day and she is scared of him.",
])
def test_danger_between_siblings_or_after_not_is_still_flagged(q):
    assert check_safety(q).flagged


# Testers' reports on a caregiving folder (eyeC) and a parenting folder (eyeB): an act judged
# unsafe ("it isn't safe or legal", of a mother with dementia driving on a revoked licence) got the
# domestic-violence notice; a grandmother two hours away called "controlling, manipulative" read
# as a partner's control; a toddler shoving the baby, a parent asking about spanking "for his
# hitting", and a 13-year-old's violence at his mother told by his sibling, "afraid for my mom",
# got the notice for the asker in danger.
REVOKED_LICENCE = (
    "My mother has dementia, and her drivers license was recently revoked by the DMV. She gave her "
    "car to my brother who lives with her and he knowingly gives her access to the keys. I have had "
    "separate discussions with both with my mom and my brother that it isn’t safe or legal and she "
    "is putting herself and others at risk. I’m unsure on what my next step should be.")


@pytest.mark.parametrize("q", [
    REVOKED_LICENCE,
    "it isn't safe for her to drive anymore",
    "it's not safe to leave her alone at night",
    "I'm not safe to drive after dark, my eyes are going",
    "that is not safe for the baby, is it?",
])
def test_a_situation_or_an_act_judged_unsafe_is_not_the_asker_in_danger(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "I'm not safe at home",
    "i am not safe, he is drinking again",
    "it's not safe for me to go home tonight",
    "we are not safe in our own house",
    "our home is not safe anymore",
    "the kids are not safe around him",
    "it's not safe for my kids to be around him",
    "I don't feel safe with him",
])
def test_the_asker_or_their_home_not_safe_is_still_fear(q):
    assert "fear" in check_safety(q).categories, (q, check_safety(q).categories)


GRANDMOTHER_DRIVING = (
    "I have a grandmother who now has an expired licensed with no liability insurance who insists "
    "on driving in California. She can't see 1 ft in front of her nor read street signs and is a CHF "
    "heart patient at 95! She has memory troubles as well, gets disoriented. All her doctors have "
    "asked her not to drive, and she tells everyone including friends, a recent social worker, "
    "doctors, including a friendly priest who recently gave her (sacraments of the sick) that she's "
    "not driving or \"she won't be driving anymore\", but I know the truth! She insists on driving "
    "to her often Coumadin blood draw appointments, to the grocery store, occasional outings, and "
    "places she thinks she can get to since she knows her way around. She now has in-home "
    "\"palliative care\" services and an O2 machine onsite. I'm at my wit's end and don't know what "
    "to do, if anything. I've tried reasoning with her about driving and provided other options she "
    "can easily afford. I am not in a position to take keys away, disable vehicle, or reason with "
    "her. She could easily repair a vehicle. She's a stubborn, controlling, manipulative woman and "
    "gets her way by bullying and manipulation. She lives two hours from me and I am her closest "
    "remaining relative. Can the police really do anything to help?")


@pytest.mark.parametrize("q", [
    # "she" stands for the grandmother the letter named first, 1,000 characters before
    GRANDMOTHER_DRIVING,
    # a distance told: the relative does not live with the asker, whoever else does
    "I live with my husband. My mother lives two hours from me. She is so controlling and won't "
    "let me go out.",
    "I live with my husband. I live an hour away from my mom, and she is very controlling and "
    "won't let me see my friends",
    # any kin word
    "my grandson is so controlling, he won't let me go out",
    "my daughter is very controlling and manipulative",
])
def test_a_relative_far_off_or_named_first_controlling_is_not_a_partner_s_control(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    # a partner far off still controls; a relative the asker lives with still does
    "my boyfriend lives two hours from me. he is so controlling and won't let me go out",
    "I live with my husband. My mother is so controlling and won't let me go out.",
    "my daughter lives with me and she is so controlling, she won't let me go out",
    # a partner named first, 700 characters before "she"
    "My girlfriend and I met at college. " + "We like films and long walks. " * 24
    + "She is so controlling and won't let me see my friends.",
])
def test_a_partner_far_off_or_a_relative_at_home_controlling_stays_control(q):
    assert "control" in check_safety(q).categories, (q, check_safety(q).categories)


TODDLER_SHOVES = ("My three year keeps hurting my 15 month old. Sometimes they play nicely, then out "
                  "of the blue he'll just shove her over. We do timeouts and lectures all day long, "
                  "but it doesn't help.")
SPANK_FOR_HITTING = (
    "I have a happy easy going five-year-old boy who recently started hitting and scratching his "
    "2 ½ year-old sister. I am watchful not to overreact, shame, or yell and spank him for his "
    "hitting, although I feel I need to ensure his sister's safety.")


@pytest.mark.parametrize("q", [
    TODDLER_SHOVES,
    SPANK_FOR_HITTING,
    "should i spank him for his hitting?",
    "we give him a time out for hitting and kicking his friends",
])
def test_a_toddler_named_the_sentence_before_and_discipline_for_a_blow_are_not_danger(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    # an injury keeps it, so does a blow at the asker or a grown-up the letter names
    "My three year keeps hurting my 15 month old. Sometimes they play nicely, then he shoved her "
    "over and she needed stitches.",
    "our 2 year old was asleep. he hit me",
    "My husband adores our 2 year old. Then out of the blue he will just shove her over.",
    # the blow at the asker, not a misdeed corrected
    "he threw me on the ground after hitting me",
    "he yells at me for hitting him back",
])
def test_an_injury_a_grown_up_or_a_blow_at_the_asker_stays_violence(q):
    assert "violence" in check_safety(q).categories, (q, check_safety(q).categories)


AFRAID_IN_ARIZONA = (
    "DEAR ABBY: I'm afraid something is wrong with my younger brother. He's just turned 13, and "
    "he's become violent and angry. Before, he used to tease me and our sister once in a while, but "
    "now it's becoming an everyday thing. He directs most of his anger at our younger sister and "
    "our mom, and he has started to push my mom. If she confronts him when he gets out of hand, he "
    "starts yelling, \"What? I didn't do anything!\" Then later, he'll come back and try to push or "
    "kick her. We don't know what to do. I'm afraid for my mom and my sister, but also for my "
    "brother. I love him and want to help him. -- AFRAID IN ARIZONA")


@pytest.mark.parametrize("q", [
    AFRAID_IN_ARIZONA,
    "my son is violent. he kicked my daughter last night and i am scared for my daughter",
])
def test_a_relative_s_violence_at_someone_else_gets_the_notice_for_someone_else(q):
    """"Violent" says who is violent, not at whom: a brother's or a son's blows and the asker's
    fear land on someone else named."""
    from assistant.safety import ABUSE_OTHER_NOTICE

    res = check_safety(q)
    assert res.flagged and res.abuse_someone_else, (q, res.categories)
    assert res.notice == ABUSE_OTHER_NOTICE


@pytest.mark.parametrize("q", [
    "my husband is violent. he kicked her last night and i am scared for my kids",
    "my brother is violent and he hits me",
    "My husband has always been a jealous person. Once to the point that he was physically abusive.",
])
def test_a_partner_s_violence_or_a_blow_at_the_asker_keeps_the_asker_s_notice(q):
    res = check_safety(q)
    assert res.flagged and not res.abuse_someone_else, (q, res.categories)
    assert res.notice.startswith(NOTICE)


@pytest.mark.parametrize("unit", [
    "it is not safe for her to drive. ", "i am not safe ", "not safe with my ", "our house is not safe ",
    "she lives two hours from me. she is so controlling ", "i live an hour away from her and she ",
    "i live with my mom. she is so controlling. she lives away. ", "she a stubborn, controlling, manipulative woman ",
    "my 15 month old. then he will just shove her over. ", "spank him for his hitting, kicking and ",
    "he become violent and angry. he try to push or kick her. ", "my brother is violent ",
])
def test_sixty_kilobytes_of_the_unsafe_distance_discipline_and_violent_rules_words_are_checked_quickly(unit):
    assert_linear(check_safety, unit)


def test_long_words_of_questions_are_not_kept_between_requests():
    """Twenty-first audit: every word a checked question held was kept in a memo all requests
    share (`_Words._seen`, cleared past 50,000 words), a question's 2,000-character word too:
    50,000 requests of one such word held 100 MB. Long words are looked up, not kept; they
    are flagged as before."""
    from assistant.safety import _Words

    before = len(_Words._seen)
    for i in range(200):
        check_safety(f"{i:04d}" + "x" * 1996)
    assert len(_Words._seen) - before < 10
    assert check_safety("he hit me " + "x" * 1990 + " and i am scared").flagged
    assert check_safety("he hit me and " + "y" * 1990).flagged == check_safety("he hit me").flagged


# Testers' grief and jealousy folders (eyeF, eyeE): a widow's "what is the point of my life
# without him?" got no crisis line; a man who smashed his girlfriend's phone and fears hurting her
# next time got no notice; caution when consoling a grieving friend ("walking on eggshells") and a
# couple's choice to keep their money separate got the domestic-violence notice.
WIDOW_CHRISTMAS = (
    "I can't bear the thought of Christmas without my beloved husband, who died three months ago. "
    "Although I will be spending time with my son and his family at their home, I am going to be "
    "missing my husband so very much. What is the point of my life without him?  How do I even "
    "start to get on with my life now he is gone?")


@pytest.mark.parametrize("q", [
    WIDOW_CHRISTMAS,
    "What's the point of my life without him?",
    "whats the point of living without her",
    "I don't see the point of going on without my wife",
    "I don't see the point of my life anymore",
    "there is no point in my life anymore",
])
def test_hopelessness_about_one_s_own_life_is_self_harm_also_without_someone(q):
    from assistant.safety import SELF_HARM_NOTICE

    res = check_safety(q)
    assert res.categories == ("self_harm",), (q, res.categories)
    assert res.notice == SELF_HARM_NOTICE


@pytest.mark.parametrize("q", [
    "what is the point of the meeting without him",
    "no point in living with him if he keeps lying",
    "what is the point of going on about it",
    "at no point in my life have i felt this loved",
    "there was no point in my life when i felt safe",
    "there is no point in carrying on without the data",
])
def test_the_point_of_something_else_is_not_self_harm(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


SMASHED_HER_PHONE = (
    "I get so jealous that last week I smashed my girlfriend's phone when I saw a text from a guy, "
    "and I'm scared that next time I'm going to hurt her. How do I stop?")


@pytest.mark.parametrize("q", [
    SMASHED_HER_PHONE,
    "I punched the wall last night and I'm afraid I will hurt my wife",
    "I threw my phone at him yesterday and I'm scared I'll hurt him",
    "I'm scared I'll hit him when he comes home drunk again",
])
def test_an_asker_afraid_of_hurting_a_grown_up_gets_the_notice_for_who_may_hurt_others(q):
    from assistant.safety import HARM_BY_ASKER_NOTICE, HARM_BY_ASKER_TOO

    res = check_safety(q)
    assert "harm_by_asker" in res.categories, (q, res.categories)
    assert HARM_BY_ASKER_NOTICE in res.notice or HARM_BY_ASKER_TOO in res.notice
    if res.categories == ("harm_by_asker",):
        assert res.notice == HARM_BY_ASKER_NOTICE


@pytest.mark.parametrize("q", [
    # a hurt that may be feelings, with no violence of the asker's in the letter
    "i broke up with her and i am afraid i will hurt her again",
    "i am scared i will hurt my girlfriend's feelings",
    "i hit my head and i am scared i will hurt someone's feelings",
    "i threw a party and i am scared i will hurt her",
    "I accidentally broke his mug and I'm scared I'll hurt him by telling him",
])
def test_a_hurt_that_may_be_feelings_is_not_harm_by_the_asker(q):
    assert "harm_by_asker" not in check_safety(q).categories, (q, check_safety(q).categories)


CONSOLING_A_FRIEND = (
    "I’m not writing to you to help with my own grief, but rather that of my best friend. Her mother "
    "has been battling cancer for a while now and has just recently passed away. I knew this day "
    "would eventually come and I’ve been trying to help her cope as best as I can — but I can’t help "
    "feeling like I’m walking on eggshells when I try to console her. Do you have any advice?")


@pytest.mark.parametrize("q", [
    CONSOLING_A_FRIEND,
    "I walk on eggshells around my boss",
    "I'm walking on eggshells with my mother-in-law",
    "i walk on eggshells around my mom, she lives an hour away",
])
def test_walking_on_eggshells_around_someone_outside_the_home_is_not_danger(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "I walk on eggshells around my husband",
    "I feel like I'm walking on eggshells at home",
    "when he drinks i walk on eggshells",
    "i feel like i am always walking on eggshells.",
    "i am 15 and i walk on eggshells around my dad",
    "my mother-in-law lives with us and i walk on eggshells around her",
])
def test_walking_on_eggshells_at_home_or_around_a_partner_stays_fear(q):
    assert "fear" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "We're moving in together next month. Should we open a joint bank account or keep our money separate?",
    "we each keep our money in separate accounts",
    "should we merge our finances and then keep our cards in one wallet",
])
def test_the_couple_keeping_their_own_money_is_not_control(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "my husband keeps all my money and gives me an allowance",
    "I work and then he takes my money",
    "he won't let me see my family and takes all my money",
    "we argue a lot and he keeps my passport",
    "should i let him keep my car keys",
])
def test_someone_else_taking_or_keeping_the_asker_s_money_stays_control(q):
    assert "control" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("unit", [
    "what is the point of my life without my ", "no point in my life without him no point of living without ",
    "i am scared that next time he does it i am going to hurt my ", "i smashed my i punched the i threw stuff at my i broke ",
    "i walk on eggshells around her when she ", "walking on eggshells with my mother in law he she them ",
    "walking on eggshells. i am 15 and my dad ", "we open an account or keep our money he keeps my ",
])
def test_the_grief_and_jealousy_rules_words_are_checked_quickly(unit):
    assert_linear(check_safety, unit, 20_000)


@pytest.mark.parametrize("q", [
    "my housemate has been talking about not wanting to be alive anymore and barely leaves her "
    "room. how do i help her",
    "my sister doesn't want to be alive anymore",
    "my friend keeps talking about wanting to die",
])
def test_someone_elses_wish_not_to_live_gets_the_notice_for_helping_them(q):
    result = check_safety(q)
    assert result.categories == ("self_harm",) and result.someone_else, q


@pytest.mark.parametrize("q", [
    "i don't want to be alive anymore", "I am not wanting to live anymore",
    "I do not even want to live anymore, my husband doesn't care",
])
def test_the_askers_own_wish_not_to_live_is_theirs(q):
    result = check_safety(q)
    assert result.categories == ("self_harm",) and not result.someone_else, q


@pytest.mark.parametrize("q", [
    "My mind races with everything I have to do tomorrow the moment my head hits the pillow.",
    "My dad stops breathing for a few seconds in his sleep and gasps, then wakes up choking.",
    "i was choking back tears the whole drive home",
])
def test_a_pillow_and_choking_of_no_one_are_not_violence(q):
    assert "violence" not in check_safety(q).categories, q


@pytest.mark.parametrize("q", ["my toddler started choking on a grape",
                               "my son is choking what do i do"])
def test_someone_choking_is_a_medical_emergency(q):
    assert check_safety(q).categories == ("medical",), q


@pytest.mark.parametrize("q", ["he was choking me", "my boyfriend chokes me during fights",
                               "he choked me until i passed out"])
def test_being_choked_is_still_violence(q):
    assert "violence" in check_safety(q).categories, q


@pytest.mark.parametrize("q", [
    "Tonight I walked in on my 14 year old daughter in the bathroom and saw cuts on the inside of "
    "her thigh, a lot of them, some healed and some fresh. What do I do?",
    "my best friend has scars all over her wrists and wears long sleeves even in summer",
    "i think my son burns himself with a lighter when he is upset",
])
def test_signs_of_self_harm_seen_on_someone_get_the_notice_for_helping_them(q):
    result = check_safety(q)
    assert result.categories == ("self_harm",) and result.someone_else, (q, result)


@pytest.mark.parametrize("q", [
    "he has scars on his arms from the war and won't talk about it",
    "she got cuts on her legs from the brambles on our hike and blamed me",
    "my son burned himself on the stove, should I have been watching",
    "my boyfriend cuts his own hair and it looks awful",
])
def test_marks_with_a_cause_and_accidents_are_not_self_harm(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


# a sleep page's Do/Don't list whose headings were lost: its don'ts read like its dos
LOST_HEADINGS_SLEEP = (
    "Sleep hygiene\n\n"
    "Keep a regular bedtime and wake up at the same time every day, even on weekends.\n\n"
    "Keep the bedroom quiet, dark and cool when you go to sleep at night.\n\n"
    "Take medications as directed, and take prescribed sleeping pills one hour before bed.\n\n"
    "Use alcohol to help you sleep when you cannot sleep at night.\n\n"
    "Take over-the-counter sleeping pills, without your doctor's knowledge, when you cannot sleep.\n\n"
    "Avoid alcohol in the evening, because it breaks up your sleep later in the night.\n\n"
    "Get up and do something calm if you cannot sleep after twenty minutes in bed.\n"
)


def test_no_line_offering_pills_or_drink_is_quoted_to_someone_at_risk_of_self_harm(tmp_path):
    qa = assistant_over(tmp_path, {"sleep.txt": LOST_HEADINGS_SLEEP})
    ordinary = qa.ask("I cannot sleep at night, should I take sleeping pills or alcohol to sleep?")
    assert not ordinary.safety
    assert any("sleeping pills" in q.text or "Use alcohol" in q.text for q in ordinary.quotes)
    answer = qa.ask("i cannot sleep at night and i want to die, should i take sleeping pills")
    assert answer.safety and answer.quotes
    quoted = " ".join(q.text for q in answer.quotes)
    assert "sleeping pills" not in quoted and "Use alcohol" not in quoted, quoted


# From user testers' letters on two topics nobody tuned for (loneliness after a move, quitting
# vaping): gone "for good" is gone for ever, not for a while; and a vape's nicotine liquid
# swallowed by a child is a poisoning, as bleach is
@pytest.mark.parametrize("q", [
    "Some nights I think everyone would be better off if I just disappeared for good, and I've "
    "been looking up ways to do it.",
    "my family would be happier if I was gone for good",
])
def test_gone_for_good_is_self_harm(q):
    assert "self_harm" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "My 2 year old just drank some e-liquid from my vape refill bottle. What do I do?",
    "my toddler swallowed some vape juice",
    "our dog ate a bottle of liquid nicotine",
])
def test_swallowed_nicotine_liquid_is_a_medical_emergency(q):
    assert "medical" in check_safety(q).categories, (q, check_safety(q).categories)


@pytest.mark.parametrize("q", [
    "how much e-liquid should I buy for a week",
    "I quit vaping and threw out all my e-liquid",
    "would it be better if I was gone for a week on a retreat to quit?",
])
def test_nicotine_liquid_and_a_weeks_absence_are_not_flagged(q):
    assert not check_safety(q).flagged, (q, check_safety(q).categories)


# From a user tester's letters on two topics nobody tuned for (first dates, exam stress): "Heaven
# forbid I ask him how he's got on" is an idiom, no one forbidding the asker anything; and a
# drink spiked on a date, the asker drugged, is a danger now (it had no notice at all)
@pytest.mark.parametrize("q", [
    "As a Mum to a teen, I’m feeling pretty useless. Heaven forbid I ask him how he’s got on "
    "when he gets home from an exam.",
    "God forbid she finds out I failed my mock exams.",
])
def test_heaven_forbid_is_an_idiom(q):
    assert not check_safety(q).flagged, check_safety(q)


def test_a_partner_who_forbids_is_still_control():
    assert "control" in check_safety("My boyfriend forbids me to see my friends.").categories


@pytest.mark.parametrize("q", [
    "On my date last night I think he put something in my drink. I woke up at his place and "
    "don't remember how I got there.",
    "I'm sure my drink was spiked at the bar on our first date.",
    "I think he drugged me on our date.",
    "I think I was drugged last night.",
])
def test_a_spiked_drink_is_a_danger(q):
    r = check_safety(q)
    assert r.flagged and "drugged" in r.categories, r
    assert r.notice == DRUGGED_NOTICE


@pytest.mark.parametrize("q", [
    "How do I keep my drink from being spiked on a date?",
    "Should I order my own drinks on a first date?",
    "Can I put something in my drink to make it less sweet?",
])
def test_drinks_talked_of_are_no_danger(q):
    assert not check_safety(q).flagged, check_safety(q)


@pytest.mark.parametrize("unit", ["heaven forbid ", "put something in my drink ",
                                  "my drink was spiked ", "i was drugged "])
def test_the_new_rules_are_linear(unit):
    assert_linear(check_safety, unit, chars=50_000, limit=3.0)


# ...and a parent telling of a child's self-harm ("my daughter has been cutting herself") gets the
# notice for someone worried about another person, not "if you are thinking about ... harming
# yourself": the rule's match ("been cutting") is followed by whose body it is
@pytest.mark.parametrize("q", [
    "My 16-year-old has been cutting herself since her exams started and last night she told me "
    "she wishes she wasn't alive. What do I do?",
    "My son has been cutting himself.",
])
def test_a_childs_self_harm_told_by_a_parent_is_someone_elses(q):
    r = check_safety(q)
    assert "self_harm" in r.categories and r.someone_else, r


@pytest.mark.parametrize("q", [
    "I have been cutting myself again.",
    "I have been cutting myself and my sister has been cutting herself too.",
])
def test_the_askers_own_self_harm_stays_theirs(q):
    r = check_safety(q)
    assert "self_harm" in r.categories and not r.someone_else, r


def test_the_themselves_rule_is_linear():
    assert_linear(check_safety, "my son has been cutting himself ", chars=50_000, limit=3.0)


# Control by a former partner told as the past is not the asker's danger now, as violence so
# told is not: a divorced woman's letter about making friends ("I was married for 20 years to a
# man who slowly isolated me from friends and family...") got the domestic-violence notice.
@pytest.mark.parametrize("q", [
    "I was married for 20 years to a man who slowly isolated me from friends and family until I "
    "had no one but him to rely on. Now 49 and divorced, I am without close friends. How do I "
    "make some?",
    "my ex-husband used to check my phone and isolate me from my friends. how do I trust again?",
    "my ex-boyfriend isolated me from all my friends. Now I have none. How do I make friends?",
])
def test_control_by_a_former_partner_in_the_past_is_not_flagged(q):
    assert not check_safety(q).flagged, check_safety(q)


@pytest.mark.parametrize("q", [
    "my ex won't let me see the kids and isolates them",
    "My husband isolated me from my family and now he checks my phone",
    "I was married to a man who isolated me from everyone and he still texts me",
    "My boyfriend isolated me from my friends.",
    "my ex-husband isolated me for years and he is still doing it through the kids",
])
def test_control_now_or_by_a_present_partner_is_still_flagged(q):
    assert "control" in check_safety(q).categories, check_safety(q)


@pytest.mark.parametrize("unit", ["my ex isolated me ", "i was married to a man who "])
def test_the_past_control_rule_is_linear(unit):
    assert_linear(check_safety, unit, chars=50_000, limit=3.0)


# Twenty-seventh audit: the day's drink and "forbid" rules, on wording they plainly meant or
# plainly did not. The asker spiking their own coffee, spiked hair, and the idiom's other forms
# ("Heavens forbid", "Lord forbid") are no danger and no control; "I was spiked" (the usual
# British way to say it) is the same danger as "I was drugged".
@pytest.mark.parametrize("q", [
    "I spiked my coffee with whiskey last night and my wife got upset. How do I apologise?",
    "We spiked my cocktail with extra gin for my birthday.",
    "I got spiked hair for the school dance and my mum hates it.",
    "Heavens forbid I ask him how the exam went.",
    "Lord forbid I ever say no to my mother-in-law.",
])
def test_the_askers_own_spiked_coffee_and_heavens_forbid_are_no_danger(q):
    assert not check_safety(q).flagged, check_safety(q)


@pytest.mark.parametrize("q", [
    "I think I was spiked at the club last night.",
    "I got spiked on a night out and cannot remember getting home.",
    "Somebody spiked my drink at the bar.",
])
def test_i_was_spiked_is_a_danger(q):
    r = check_safety(q)
    assert r.flagged and "drugged" in r.categories, r
    assert r.notice == DRUGGED_NOTICE


def test_a_partner_who_forbids_beside_the_idiom_is_still_control():
    q = "My husband forbids me from seeing my friends, heaven forbid I go out."
    assert "control" in check_safety(q).categories


# The notice after a spiked drink is what to do after one (medical help, tests soon, a
# sexual-assault helpline), not the domestic-violence hotline's "If a partner, a family member or
# someone you live with threatens..." a first date's drink got; beside a partner's violence both
# are said, and one drugged years ago is no danger now.
def test_the_notice_for_a_spiked_drink_says_what_to_do_after_one():
    r = check_safety("On my date last night I think he put something in my drink. I woke up at "
                     "his place and don't remember how I got there.")
    assert r.notice.startswith("**If you think you were drugged")
    assert "someone you live with" not in r.notice and "helpline" in r.notice
    both = check_safety("My husband hits me and last night he put something in my drink.")
    assert both.notice.startswith(NOTICE) and "drugged" in both.notice
    young = check_safety("im 15 and i think someone spiked my drink at a party")
    assert young.notice.startswith(CHILD_NOTICE) and "drugged" in young.notice
    assert not check_safety("Years ago I was drugged at a party and I still can't relax when I "
                            "go out. How do I enjoy nights out again?").flagged


# User's-eye test (presentation nerves, a child bullied at school): a child who wants to kill
# themselves threatens no one -- the parent gets the notice for helping someone else, not "If you
# are in danger ... a domestic-violence hotline"; a partner's "he will kill himself if I leave"
# stays a threat
@pytest.mark.parametrize("q", [
    "My 13 year old daughter is being bullied so badly she told me she wants to kill herself and "
    "she's been cutting her arms.",
    "My son said he wants to kill himself.",
])
def test_a_child_who_wants_to_kill_themselves_threatens_no_one(q):
    r = check_safety(q)
    assert r.categories == ("self_harm",) and r.someone_else, r
    assert r.notice == SELF_HARM_OTHER_NOTICE


@pytest.mark.parametrize("q", [
    "My husband says he will kill himself if I leave him.",
    "My boyfriend threatens to kill himself whenever we argue.",
    "My son said he wants to kill me.",
])
def test_threats_by_a_partner_or_at_the_asker_stay_threats(q):
    assert "threats" in check_safety(q).categories, check_safety(q)


# ...whether a child should hit back is a question of what to do, not a blow struck
@pytest.mark.parametrize("q", [
    "Should I tell my kid to hit back at the bully?",
    "Is it ok for him to punch back?",
    "should she hit back?",
])
def test_whether_to_hit_back_is_no_blow(q):
    assert not check_safety(q).flagged, check_safety(q)


@pytest.mark.parametrize("q", [
    "My husband hit me back.",
    "He tried to hit back at me.",
    "He hits me and I am scared to hit back.",
])
def test_a_blow_back_at_the_asker_is_still_violence(q):
    assert "violence" in check_safety(q).categories, check_safety(q)


# ...and chest pain with a numb left arm, happening now, is an emergency
@pytest.mark.parametrize("q", [
    "I'm giving a talk right now and I stepped out because my chest is crushing and my left arm "
    "is numb and I can't catch my breath.",
    "My left arm went numb and my chest feels tight.",
    "his left arm is numb and he has chest pain",
])
def test_chest_pain_with_a_numb_left_arm_is_an_emergency(q):
    r = check_safety(q)
    assert "medical" in r.categories, r
    assert r.notice == MEDICAL_NOTICE


@pytest.mark.parametrize("q", [
    "My left arm is numb from sleeping on it.",
    "My chest hurts when I cough.",
    "I get chest tightness when anxious. My left arm was numb after sleeping on it yesterday.",
])
def test_a_numb_arm_or_chest_pain_alone_is_no_emergency(q):
    assert "medical" not in check_safety(q).categories, check_safety(q)


@pytest.mark.parametrize("unit", ["she wants to kill herself ", "should he hit back ",
                                  "my chest is tight and my left arm is numb ",
                                  "my left arm is numb and chest pain "])
def test_the_rules_of_the_bullying_and_nerves_cases_are_linear(unit):
    assert_linear(check_safety, unit, chars=50_000, limit=3.0)


# Twenty-eighth audit: the day's safety rules, read against what an asker would see.
# A spiked drink beside thoughts of ending one's life gets the crisis lines too, not only what to
# do after a spiked drink.
@pytest.mark.parametrize("q", [
    "I think he put something in my drink last night and now I want to kill myself.",
    "My drink was spiked at a bar and I can't stop thinking about ending my life.",
])
def test_a_spiked_drink_beside_self_harm_keeps_the_crisis_lines(q):
    r = check_safety(q)
    assert "drugged" in r.categories and "self_harm" in r.categories, r
    assert r.notice == f"{DRUGGED_NOTICE} {SELF_HARM_TOO}"


# An ex named in the sentence does not make control now the past: a partner's, or the ex's
@pytest.mark.parametrize("q", [
    "Unlike my ex, my husband isolated me from all my friends and took my car keys.",
    "My boyfriend took my phone and my passport after my ex called.",
    "My partner forbade me from seeing my friends after my ex-wife visited.",
    "I left my ex-boyfriend, who isolated me from everyone, and my new boyfriend checked my "
    "phone every night.",
    # the ex's control now, "doesn't" spelled out as the rules read it
    "My ex-husband isolated me from my family and doesn't let me see my kids.",
    "My ex controlled our money and don't let me touch the account.",
])
def test_control_now_beside_an_ex_is_a_danger(q):
    r = check_safety(q)
    assert "control" in r.categories, r
    assert r.notice == NOTICE


def test_control_by_an_ex_told_as_the_past_stays_no_danger():
    assert not check_safety("I was married for 20 years to a man who slowly isolated me from "
                            "friends and family.").flagged


# Blows back that have begun, go on or are a habit are struck, not weighed
@pytest.mark.parametrize("q", [
    "I pushed my husband away once and now he has started to hit back.",
    "When I try to defend myself, my husband begins to hit back even harder.",
    "I slapped my wife once and she continues to hit back every night.",
    "I tried to stop him and he started to punch back.",
])
def test_a_blow_back_begun_or_going_on_is_violence(q):
    assert "violence" in check_safety(q).categories, check_safety(q)


# A partner's threat to kill himself stays a threat though a child was named before him
@pytest.mark.parametrize("q", [
    "I have a 4 year old son. My husband says he will kill himself if I leave him.",
    "We have a daughter. My husband threatens to kill himself whenever I mention divorce.",
])
def test_a_partners_threat_to_kill_himself_after_a_child_is_named_stays_a_threat(q):
    assert "threats" in check_safety(q).categories, check_safety(q)


# A numb left arm beside chest pain said to be absent is no heart attack
@pytest.mark.parametrize("q", [
    "My left arm is numb from sleeping on it but I have no chest pain.",
    "I don't have chest pain, but my left arm is numb from sleeping on it.",
    "My left hand is tingling but I don't feel chest pressure.",
])
def test_a_numb_arm_without_chest_pain_is_no_emergency(q):
    assert "medical" not in check_safety(q).categories, check_safety(q)


@pytest.mark.parametrize("unit", ["he has started to hit back ",
                                  "unlike my ex, my husband isolated me ",
                                  "my left arm is numb but i have no chest pain ",
                                  "we have a son. my husband says he will kill himself "])
def test_the_twenty_eighth_audits_rules_are_linear(unit):
    assert_linear(check_safety, unit, chars=50_000, limit=3.0)


# Whoever put something in the asker's drink ("my sister's boyfriend", "my coworker") drugged
# them: only he, she, someone or a date was read so, and a sister's boyfriend got no notice. The
# asker's own doing stays no danger.
@pytest.mark.parametrize("q", [
    "My sister's boyfriend put something in my drink at her party and I blacked out.",
    "my coworker slipped something into my drink at the office party",
    "he tried to put something in my drink",
])
def test_anyone_who_put_something_in_the_askers_drink_drugged_them(q):
    assert check_safety(q).categories == ("drugged",), check_safety(q)


@pytest.mark.parametrize("q", [
    "Can I put something in my drink to make it less sweet?",
    "I put a pill in my coffee every morning, is that bad for my sleep?",
    "I am going to put a pill in my coffee before the exam.",
    "is it safe to put a pill in my drink",
])
def test_the_askers_own_pill_in_a_drink_is_no_danger(q):
    assert not check_safety(q).flagged, check_safety(q)


@pytest.mark.parametrize("unit", ["my sister's boyfriend put something in my drink ",
                                  "i have put a pill in my coffee "])
def test_the_drink_rule_is_linear(unit):
    assert_linear(check_safety, unit, chars=50_000, limit=3.0)
