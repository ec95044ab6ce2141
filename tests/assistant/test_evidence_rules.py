"""Evidence rules on a tiny corpus with known answers (fake embedder): what a sentence needs
around it to be quoted honestly. The cue patterns are general English, checked on wording
that is not in the shipped articles."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

ARTICLE = """Getting along with a coworker

1. Talk it over

When a coworker takes credit for your work, talk to them in private first. Bring notes of what you did and when.

2. What not to do

Copy your manager on every email you send so there is a record of everything. That approach will never build trust with your team! Keep your records for yourself instead.

3. Questions people ask

Why does my coworker keep interrupting me? Some people interrupt when they are anxious about being heard. Ask them to let you finish, calmly and once.
"""
APPROACH = "Copy your manager on every email you send so there is a record of everything."
REJECTION = "That approach will never build trust with your team!"
RHETORICAL = "Why does my coworker keep interrupting me?"
ANSWER = "Some people interrupt when they are anxious about being heard."


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("rules"), {"coworker.txt": ARTICLE})


def quoted(answer) -> str:
    return "\n".join(q.text for q in answer.quotes)


def test_an_approach_is_quoted_with_the_rejection_that_follows(qa):
    text = quoted(qa.ask("copy your manager on every email you send so there is a record"))
    assert APPROACH in text and REJECTION in text
    assert text.index(APPROACH) < text.index(REJECTION)


def test_a_rejection_brings_what_it_rejects(qa):
    text = quoted(qa.ask("that approach will never build trust with your team"))
    assert REJECTION in text and APPROACH in text
    assert text.index(APPROACH) < text.index(REJECTION)


def test_a_rhetorical_question_hands_over_to_its_answer(qa):
    text = quoted(qa.ask("why does my coworker keep interrupting me"))
    assert ANSWER in text


@pytest.mark.parametrize(
    "sentence, rebuts",
    [
        ("That approach will never build trust with your team!", True),
        ("This strategy won't help you pay the debt down.", True),
        ("I would not recommend lending money to family.", True),
        ("None of these tactics solves the real problem.", True),
        ("This approach worked well for us.", False),
        ("Talk to your manager about the schedule.", False),
        ("Please don't.", True),  # right after "So it's common to just avoid small talk."
        ("Don't do it!", True),
        ("Don't forget to ask about their weekend.", False),
    ],
)
def test_rebuttal_cues_are_general_language(sentence, rebuts):
    from assistant.evidence import _REBUTTAL
    from index.lexical import normalize_text

    assert bool(_REBUTTAL.search(normalize_text(sentence))) is rebuts


LISTS = """Handling a credit thief at work

Talking to them

In this article, we'll walk you through what to say when a coworker takes credit for your idea.

When a coworker takes credit for your idea, here are the words that work:

Ask them how they came up with the idea, calmly and in private.

Say that you would like both names on the next version of the work.

Keeping a record

Send a short summary email after every meeting where you share a new idea with the team.
"""
ANNOUNCE = "When a coworker takes credit for your idea, here are the words that work:"
META = "In this article, we'll walk you through what to say when a coworker takes credit for your idea."


@pytest.fixture(scope="module")
def lists_qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("lists"), {"credit.txt": LISTS})


def test_a_list_announcement_never_stands_alone(lists_qa):
    answer = lists_qa.ask("a coworker takes credit for your idea, what are the words that work")
    texts = [q.text for q in answer.quotes]
    assert any(ANNOUNCE in t for t in texts), texts  # the rule was exercised
    with_it = next(t for t in texts if ANNOUNCE in t)
    assert "Ask them how they came up with the idea" in with_it


def test_a_sentence_about_the_article_is_never_quoted_alone(lists_qa):
    answer = lists_qa.ask("what to say when a coworker takes credit for your idea")
    for q in answer.quotes:
        assert q.text.strip() != META


@pytest.mark.parametrize(
    "sentence, meta",
    [
        ("If you’ve asked this question recently, I’m going to assume you gave no reason.", True),
        ("If you have ever wondered this question, this guide is for you.", True),
        ("If you've asked yourself this question, you're not alone.", True),
        ("If you asked him a question, wait for the answer.", False),
        ("Ask yourself whether the question is a fair one.", False),
        ("Here’s how to tell when financial control is the start of abuse.", True),
        ("Here's what to do before the talk.", True),
        ("Here's the budget we kept for a year, line by line.", False),
        ("Content warning: the below article might mention abuse.", True),
        ("The following article may be upsetting to some readers.", True),
        # a page's words about itself (public pages on sleep and grief)
        ("Learn more about how to maintain good sleep hygiene and what to ask your doctor.", True),
        ("We’ve got insomnia tips and tricks for you.", True),
        ("This guide offers understanding and practical support on this journey.", True),
        ("If your friend needs help, check out our information about planning a funeral.", True),
        ("The following is a list of do's and don'ts compiled by a grief educator.", True),
        ("Your doctor may want to talk to your partner to learn more about your sleep.", False),
        # more of the same, from public pages on caregiving, houseplants and co-parenting
        ("Here's support on how to start.", True),
        ("Look for these indicators that it's time for a bigger home.", True),
        ("Learn when and how to repot your houseplants with our complete guide.", True),
        ("If you're unsure, see our full guide on recognizing when plants need repotting.", True),
        ("Allow me to offer some valuable insights to help you navigate this.", True),
        ("In this post I will share what to do when you have an overwatered plant.", True),
        ("The county extension service provides the following steps to control them.", True),
        ("Look for yellow leaves and soft stems.", False),
        ("I will always love you, she said.", False),
        # testers' pages on friendship: a teaser, a count of what follows, a promise
        ("Learn how to handle this type of friend.", True),
        ("There are three main reasons why a friend might repeatedly cancel social plans (or why "
         "they might never make them in the first place).", True),
        ("In the meantime, we're here with a few things you can do to keep your cool.", True),
        ("There are many reasons to stay calm, and the first is your health.", False),
        ("There are two kinds of friends: those who plan and those who follow.", False),
        ("Learn to say no without apologising.", False),
        # testers' pages on toddlers and running: a pointer to other writing, a teaser link,
        # tips promised rather than given
        ("Worried about your toddler’s tantrums? Read this article I wrote for The Thoughtful "
         "Parent about When to Worry About Toddler Tantrums.", True),
        ("Get tips on what to wear when running in the cold.", True),
        ("These tips and tricks can help you handle meltdowns.", True),
        ("As your toddler transitions into their meltdown stage, use these techniques to help "
         "calm them.", True),
        ("Get help right away if he stops breathing.", False),
        ("Read this carefully before you sign the lease.", False),
        ("Use these words sparingly.", False),
        # testers' in-law pages: the pointer forward at the end of the sentence
        ("So if you often find yourself alone in disagreement with his family, here's what you "
         "can do.", True),
        ("Every family is different, but these are a few general rules to follow.", True),
        ("But there is another way to make progress.", True),
        ("Tell her here's what you can offer, and mean it, when she asks.", False),
        ("There is another way to see her visits, as help with the children.", False),
        ("These are the rules to follow in our house.", False),
        # testers' picky-eating pages: counts of what follows
        ("There are many causes of picky eating in the toddler years.", True),
        ("According to the doctor, it can show up in three different ways.", True),
        ("There are many causes of stress, and money is the most common.", False),
        ("It can show up in three different ways: refusal, gagging and fear.", False),
        # testers' pages on caring for a parent and on roommates: help promised, not given
        ("However, there are steps you can take to negotiate a care plan that works for both "
         "you and your loved one.", True),
        ("Luckily, there are ways to approach your roommate calmly to help resolve the issue.", True),
        ("Here’s a guide on common roommate conflicts and tips to handle them smoothly.", True),
        ("There are things you can't change, so accept them.", False),
        ("There are ways to split the bills: by income, or evenly.", False),
        # testers' pages on toddlers, picky eaters, parents' care: company promised as a hook
        ("If you’ve ever argued with your sisters over whether it’s time to move your mother, "
         "or you have a sibling who doesn’t want to be involved at all, you’re not alone.", True),
        ("If your child happens to be a picky eater, you are not alone.", True),
        ("Be assured that you’re not alone.", True),
        ("You're not alone if you feel this way, and it does get easier.", False),
        ("Don't leave him alone with the baby.", False),
        # a tester's pages on caring for a parent: the guide's blurb, the start of a told case
        ("This comprehensive guide will help you identify the physical, emotional, and "
         "behavioral symptoms of burnout.", True),
        ("I’d like to start off by providing you with a situation that one of my clients is "
         "experiencing with her aging parent.", True),
        ("Start off by asking what help she would accept.", False),
    ],
)
def test_a_sentence_about_the_articles_own_question_is_meta(sentence, meta):
    """It speaks of the article's title question, not to the asker's: never quoted alone."""
    from assistant.evidence import _ANNOUNCES

    assert bool(_ANNOUNCES.search(sentence)) is meta


def test_an_announcement_whose_lines_were_shown_is_not_quoted_alone(lists_qa):
    doc = lists_qa.document("credit")
    items = ["Ask them how they came up with the idea, calmly and in private.",
             "Say that you would like both names on the next version of the work."]
    shown = [{"doc_id": "credit", "start": doc.text.index(t), "end": doc.text.index(t) + len(t)}
             for t in items]
    history = [{"question": "what do I say to a credit thief", "answer": {"quotes": shown}}]
    answer = lists_qa.ask("and what are the words that work when a coworker takes credit?",
                          history=history)
    assert all(q.text.strip() != ANNOUNCE for q in answer.quotes)


POOLS = {
    "rules.txt": "House rules\n\nCurfew rules on the weekend are house rules. Weekend curfew rules "
                 "and house rules for the weekend curfew keep the weekend calm. Rules, curfew, "
                 "weekend: the house rules again.\n",
    "talks.txt": "Talking with teens\n\nCook dinner together on Sundays. Walk the dog after "
                 "school. When your teen breaks curfew, ask calmly what happened before you "
                 "set any consequence. Keep the car radio low on long drives.\n",
}
ANSWER_LINE = "When your teen breaks curfew, ask calmly what happened before you set any consequence."


def test_the_sentence_closest_to_the_question_is_a_candidate_wherever_it_is(tmp_path):
    from dataclasses import replace

    from assistant.evidence import EvidenceSelector

    qa = assistant_over(tmp_path, POOLS)
    query = qa.retriever.prepare("my teen breaks curfew, what should I ask before I set a "
                                 "consequence?")
    found = qa.retriever.retrieve(query, k=1)
    data = qa.data
    other = [p for p, c in enumerate(data.chunks) if c.doc_id == "rules"]  # not its paragraph
    row = next(i for i, x in enumerate(data.sentences) if x.text == ANSWER_LINE)
    rows = {}
    for n in (0, 10):
        selector = EvidenceSelector(data, replace(qa.selector.config, sentence_pool=n))
        rows[n] = selector.score(query, found.sentences, other, searched=found.cand).rows
    assert row not in rows[0]  # scoring only the other article's paragraph misses it...
    assert row in rows[10]  # ...unless the closest sentences join wherever they are


SIGNS = """Living with an anxious partner

What it looks like

Anxious attachment shows up in small moments of the day, often long before anyone names it.

Common signs include:

Panicking when a text message goes unanswered for an hour

Needing constant confirmation that the relationship is secure

Reading every disagreement as rejection

Why it happens

Never enough! A partner who was left before keeps waiting for it to happen again, whatever you do.

Patience helps more than proof, because proof is forgotten by the next morning.
"""
INTRO = "Common signs include:"
ITEM = "Panicking when a text message goes unanswered for an hour"
FRAGMENT = "Never enough!"


@pytest.fixture(scope="module")
def signs_qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("signs"), {"signs.txt": SIGNS})


def test_a_list_item_is_quoted_with_the_line_that_introduces_the_list(signs_qa):
    answer = signs_qa.ask("i panic when a text message goes unanswered for an hour")
    texts = [q.text for q in answer.quotes]
    assert ITEM in texts, texts  # the item is quoted...
    assert INTRO in texts  # ...and so is what it is an item of, just before it
    assert texts.index(INTRO) == texts.index(ITEM) - 1


def test_a_later_item_of_the_list_finds_the_same_introduction(signs_qa):
    item = "Reading every disagreement as rejection"
    texts = [q.text for q in signs_qa.ask("reading every disagreement as rejection").quotes]
    assert item in texts and INTRO in texts


def test_a_fragment_is_never_quoted_without_its_neighbour(signs_qa):
    answer = signs_qa.ask("never enough")
    with_it = [q.text for q in answer.quotes if FRAGMENT in q.text]
    assert with_it, [q.text for q in answer.quotes]  # the rule was exercised
    assert all("A partner who was left before" in t for t in with_it)


SPEECH = """Talking to your manager

When the meeting starts, say it plainly. “I want to talk about the launch report we sent to the board on Friday. My name should be on it, too.” Then stop and let your manager answer.

Afterwards, write down what was agreed so nobody has to remember it later.
"""


def test_a_quote_never_opens_a_quotation_it_does_not_close(tmp_path):
    qa = assistant_over(tmp_path, {"speech.txt": SPEECH})
    answer = qa.ask("I want to talk about the launch report we sent to the board on Friday")
    texts = [q.text for q in answer.quotes]
    assert any("launch report" in t for t in texts), texts  # the rule was exercised
    for t in texts:
        assert t.count("“") == t.count("”"), t


LEANING = """Growing tomatoes on a balcony

Watering

Water the pots every morning before the sun reaches them. Otherwise, the roots dry out within a week of hot weather.

Feeding

Feed the plants once a fortnight with a liquid fertiliser. This habit keeps the leaves green until the autumn.
"""
BEFORE = "Water the pots every morning before the sun reaches them."
LEANS = "Otherwise, the roots dry out within a week of hot weather."


@pytest.fixture(scope="module")
def leaning_qa(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("leaning"), {"tomatoes.txt": LEANING})


def test_a_sentence_that_points_back_is_quoted_with_what_it_follows(leaning_qa):
    """"Otherwise, the roots dry out..." says nothing alone: the quote that has it opens
    with the sentence it follows."""
    answer = leaning_qa.ask("do the roots dry out within a week of hot weather")
    texts = [q.text for q in answer.quotes]
    with_it = [t for t in texts if LEANS in t]
    assert with_it, texts  # the rule was exercised
    assert all(BEFORE in t and t.index(BEFORE) < t.index(LEANS) for t in with_it), texts


@pytest.mark.parametrize(
    "sentence, leans",
    [
        ("Otherwise, the roots dry out within a week.", True),
        ("This habit keeps the leaves green until the autumn.", True),
        ("That's why a written budget matters.", True),
        ("As a result, both of you feel heard.", True),
        ("Thistles grow fast in spring.", False),
        ("It is important to water early.", False),
        ("Water the pots every morning.", False),
        # a pronoun that can only mean what came before (public pages on houseplants and
        # university life)
        ("To get rid of them you need to treat the soil of all houseplants.", True),
        ("It allows you to better calculate journey time.", True),
        ("However, they can include but are not limited to the following:", True),
        ("To be honest, it hurts.", False),
        ("It can be hard to make friends in the first weeks.", False),
        # testers' pages on interviews, grief and friendship
        ("If the answer is no, or kind of, turn on your GPS and do some trial runs.", True),
        ("With all of that concentrating on your handshake, don't forget the name.", True),
        ("For example, say “I feel disappointed when plans change at the last minute.”", True),
        ("They are likely the people who understand your loss best.", True),
        ("If the interviewer likes you, he or she will be the one to break the ice.", False),
        ("He or she will be the one to break the ice.", True),
        ("They say time heals, but grief has its own pace.", False),
        ("Therapy can help.", False),
        # testers' roommate pages: a hedge on the question before it, a sentence finished
        ("It depends how much time they spend in the flat.", True),
        ("For the most part, it depends on how much you like them.", True),
        ("Either as a flat fee per month or based on a percentage of their stay.", True),
        ("Whether he pays depends on the lease.", False),
    ],
)
def test_pointing_back_is_read_in_general_language(sentence, leans):
    from assistant.evidence import _LEANS_BACK

    assert bool(_LEANS_BACK.match(sentence)) is leans


TRAILING = """Dating at fifteen

What to watch for

Most first relationships are healthy and short, and parents can simply stay close and curious.

Parents, look out for ...

A teen who is unusually withdrawn and less communicative.

A partner who checks her phone and decides who she sees.
"""


def test_a_line_trailing_off_into_a_list_is_quoted_with_it(tmp_path):
    """"Parents, look out for ..." alone promises what it doesn't say; with its items it warns."""
    qa = assistant_over(tmp_path, {"dating.txt": TRAILING})
    answer = qa.ask("what should parents look out for when a teen is dating")
    texts = [q.text for q in answer.quotes]
    assert all(t.strip() != "Parents, look out for ..." for t in texts), texts
    assert any("unusually withdrawn" in t for t in texts), texts


STRAIGHT = """Talking to your parents about moving

Don't wait for a fall or a hospital stay. Mention it casually in the context of someone else. "Did you hear that Aunt Martha moved to that new community? She says she loves not having to cook every night." Make it a topic of conversation, not an intervention.

Visit a few places together and let them judge the food and the people.
"""
LONG_SPEECH = """Advice from a counsellor

"If you disagree with your siblings about the next steps for your parents, never argue in front of them. Siblings fall back into old roles when the stakes are raised. Meet somewhere public, where everyone is more polite. Talk it through with a counsellor if it helps. Remember the goal you share, which is the care of your parents." A family counsellor

Plan the first visit for a quiet morning.
"""


def test_a_quote_closing_a_straight_quotation_opens_where_the_speech_began(tmp_path):
    """Split at the "?" inside a quotation, "She says she loves..." closes a speech that began
    a sentence before: the quote starts there, so its quotation marks pair up."""
    qa = assistant_over(tmp_path, {"moving.txt": STRAIGHT})
    answer = qa.ask("she says she loves not having to cook every night")
    texts = [q.text for q in answer.quotes]
    with_it = [t for t in texts if "not having to cook" in t]
    assert with_it, texts  # the rule was exercised
    for t in with_it:
        assert t.count('"') % 2 == 0 and "Aunt Martha" in t, t


def test_a_speech_longer_than_a_quote_is_quoted_without_a_mark_that_pairs_with_nothing(tmp_path):
    qa = assistant_over(tmp_path, {"siblings.txt": LONG_SPEECH})
    answer = qa.ask("my siblings and I disagree about the next steps for our parents, should we argue")
    texts = [q.text for q in answer.quotes]
    assert any("If you disagree with your siblings" in t for t in texts), texts
    for q in answer.quotes:
        assert q.text.count('"') % 2 == 0, q.text
        assert qa.document(q.doc_id).text[q.start:q.end] == q.text  # still verbatim


PESTS = """Houseplant pests

Mealy bugs

Mealy bugs are white, soft-bodied insects that suck plant juices and leave a sticky film.

Prune infested branches and remove and destroy heavily infested plants. These pests may also be controlled with insecticidal soap. Spray them every week until the soap has reached every leaf joint. Check again after a month.
"""


def test_a_quote_grown_to_its_length_still_takes_what_it_points_back_to(tmp_path):
    """"These pests may also be controlled..." grew forward to three sentences and could no
    longer take the one it points back to: "these pests" read as whatever the asker had. (Quotes
    grow whenever a neighbour is relevant enough; here every neighbour is.)"""
    from dataclasses import replace

    from assistant.evidence import EvidenceSelector

    qa = assistant_over(tmp_path, {"pests.txt": PESTS})
    data = qa.data
    seed = next(i for i, x in enumerate(data.sentences) if x.text.startswith("These pests"))
    query = qa.retriever.prepare("these pests controlled insecticidal soap spray them every "
                                 "week check again after a month")
    found = qa.retriever.retrieve(query, k=6)
    selector = EvidenceSelector(data, replace(qa.selector.config, extend_ratio=0.0,
                                              heading_extend_ratio=0.0, alone_chars=0))
    positions = [p for p, c in enumerate(data.chunks)]
    scored = selector.score(query, found.sentences, positions, searched=found.cand)
    chosen = selector.select(scored, max_quotes=1, prefer_rows=[seed])
    text = data.documents["pests"].text[chosen[0].start:chosen[0].end]
    assert "These pests may also be controlled" in text and "Spray them" in text, text
    assert text.startswith("Prune infested branches"), text


HOMESICK = """Feeling homesick at university

Spotting it

Homesickness is common in the first term and usually fades by the spring.

It can start at any point in the year. Signs of homesickness include;

- Low mood

- Irritability

- Disturbed sleep

What helps

Keep your door open in the first weeks, and say yes to invitations even when you are tired.
"""


def test_a_list_lead_in_ending_in_a_semicolon_comes_with_its_items(tmp_path):
    """"Signs of homesickness include;" was quoted with no sign after it, and "- Disturbed
    sleep" alone, with no word of what it is a sign of."""
    qa = assistant_over(tmp_path, {"homesick.txt": HOMESICK})
    answer = qa.ask("signs of homesickness include")
    texts = [q.text for q in answer.quotes]
    with_it = [t for t in texts if "Signs of homesickness include;" in t]
    assert with_it, texts  # the rule was exercised
    assert all("Low mood" in t for t in with_it), texts  # never without a sign after it
    items = qa.ask("disturbed sleep irritability low mood")
    for t in (q.text for q in items.quotes):
        if "Disturbed sleep" in t or "Irritability" in t:
            assert "include;" in t or any("include;" in q.text for q in items.quotes), t


PROMISES = """Saving an overwatered plant

In this article, I will share what to do when you have an overwatered plant. So, keep reading.

Table Of Contents

Stop watering

Stop watering it immediately. Move the pot out of direct sun and let the top inch of soil dry.
"""


def test_a_promise_followed_by_another_promise_is_not_quoted(tmp_path):
    """"In this article, I will share..." came with "So, keep reading." as what it announces,
    and the pair was quoted with nothing after it."""
    qa = assistant_over(tmp_path, {"plant.txt": PROMISES})
    answer = qa.ask("what to do when you have an overwatered plant: stop watering it?")
    texts = [q.text for q in answer.quotes]
    assert texts and all("keep reading" not in t for t in texts), texts


ROOMMATES = """Roommate conflicts

Open discussion

Solutions that can come from this differ based on the problem. However, they can include but are not limited to the following:

Setting a bathroom schedule

Making a cleaning schedule

Bring it up

Talk to your roommate as soon as you notice a problem, before it grows.
"""


def test_a_list_lead_in_that_points_back_comes_with_what_it_points_to(tmp_path):
    """"However, they can include but are not limited to the following:" came along with the
    list's items, but without the sentence "they" means."""
    qa = assistant_over(tmp_path, {"roommates.txt": ROOMMATES})
    answer = qa.ask("making a cleaning schedule")
    texts = [q.text for q in answer.quotes]
    with_it = [t for t in texts if "However, they can include" in t]
    assert with_it, texts  # the rule was exercised
    assert all(t.startswith("Solutions that can come from this") for t in with_it), texts


RULE = """First paycheck

Budgeting

A simple way to start budgeting is the 50/30/20 rule:

  • 50% Needs, such as rent and groceries

  • 30% Wants, such as eating out

  • 20% Savings, such as an emergency fund

You can adjust the percentages to your situation.
"""


def test_a_short_list_is_quoted_whole_under_its_introduction(tmp_path):
    """"50% Needs" and "30% Wants" without "20% Savings" explained the rule in part."""
    qa = assistant_over(tmp_path, {"rule.txt": RULE})
    answer = qa.ask("50% needs 30% wants")
    texts = [q.text for q in answer.quotes]
    with_it = [t for t in texts if "50% Needs" in t]
    assert with_it, texts  # the rule was exercised
    assert all(t.startswith("A simple way to start budgeting") and "30% Wants" in t
               and "20% Savings" in t for t in with_it), texts
    intro = qa.ask("a simple way to start budgeting is the rule")  # the introduction itself
    texts = [q.text for q in intro.quotes]
    with_it = [t for t in texts if t.startswith("A simple way to start budgeting")]
    assert with_it and all("20% Savings" in t for t in with_it), texts


LEFT_OUT = """Coping with grief

Grief comes in waves, and sleep and appetite often suffer in the first weeks after a parent dies.

Siblings share the guilt, the loss, the funeral, the house and the worry about the surviving parent, because they knew your parent as you did and carry the same weight of everything that came with it. Lean on them.
"""


def test_a_line_pointing_back_at_one_left_out_for_length_is_not_quoted_alone(tmp_path):
    """A tester's answers quoted "Think of it." and "This is not true." alone: the sentence
    they lean on had been picked but did not fit what was left of the budget."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"grief.txt": LEFT_OUT})
    first = ("Grief comes in waves, and sleep and appetite often suffer in the first weeks after a "
             "parent dies.")
    qa.selector.config = replace(qa.selector.config, max_chars=len(first) + 80, keep_ratio=0.0)
    answer = qa.ask("grief comes in waves, sleep and appetite suffer in the first weeks after a "
                    "parent dies; siblings share the guilt and the loss; lean on them")
    texts = [q.text for q in answer.quotes]
    assert any(first in t for t in texts), texts  # the budget left room for a short line only
    assert "Lean on them." not in texts, texts


@pytest.mark.parametrize("sentence, story", [
    # a tester's grief pages
    ("When my father died several years ago, I was in my late 20s and it devastated me.", True),
    ("We were very close.", True),
    ("I recommend that you talk to a counsellor when the waves come.", False),
    ("Grief is not linear.", False),
    ("My advice is to rest.", False),
    # a tester's running pages: a short or irregular past tense
    ("I used it in 2005, and I've been running ever since my first 5k - it works.", True),
    ("I ran my first mile without stopping last spring.", True),
    ("My plan is to run three times a week.", False),
    # "young" and "youth" are no "you": the story is still the writer's
    ("When I was young, my sister and I fought every single day.", True),
    ("When you were young, your parents decided for you.", False),
    # a tester's interview page: a past tense in the negative
    ("I wasn’t in tune with her physical and medical needs at the time.", True),
    ("We didn't expect junk food or midnight TV at home, either.", True),
    ("Don't worry if it wasn't perfect.", False),
])
def test_the_writers_own_story_is_told_apart_from_advice(sentence, story):
    from assistant.evidence import tells_story

    assert tells_story(sentence) is story


STORY = "Losing my father\n\nWhen my father died, sleep did not come for weeks after the funeral.\n"
ADVICE = "Losing a parent\n\nSleep may not come for weeks after the funeral, so keep a routine.\n"


def test_advice_comes_before_the_writers_own_story(tmp_path):
    """A tester's grief corpus: the author's "When my father died several years ago, I was in
    my late 20s..." was the first quote of letters asking what to do."""
    qa = assistant_over(tmp_path, {"story.txt": STORY, "advice.txt": ADVICE})
    answer = qa.ask("sleep not come for weeks after the funeral")
    assert answer.quotes[0].text.startswith("Sleep may not come"), [q.text for q in answer.quotes]


GRIEF_LIST = """Grief

Grief comes in waves after a parent dies, and it is more than sadness.

You may experience:

- Emotional: Sadness, anger, guilt, anxiety, loneliness, numbness, relief, despair
- Physical: Fatigue, appetite changes, sleep problems, aches, lowered immunity
- Cognitive: Difficulty concentrating, confusion, forgetfulness, disbelief
- Behavioral: Crying, withdrawal, restlessness, searching for the deceased
- Spiritual: Questioning meaning, anger at God, searching for purpose
"""


def test_a_list_that_does_not_fit_whole_is_not_quoted_one_item_under_its_intro(tmp_path):
    """A tester's answer quoted "You may experience:" and then one item of five: the whole
    list had not fitted what was left of the budget."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"grief.txt": GRIEF_LIST})
    first = "Grief comes in waves after a parent dies, and it is more than sadness."
    qa.selector.config = replace(qa.selector.config, max_chars=len(first) + 120, keep_ratio=0.0)
    answer = qa.ask("grief comes in waves after a parent dies: sadness, anger, guilt, numbness")
    texts = [q.text for q in answer.quotes]
    assert any(first in t for t in texts), texts
    assert not any("You may experience:" in t for t in texts), texts


SELF_CONSCIOUS = """Running in public

Lots of new runners feel watched on the street.

I’m self-conscious about running. What can I do?

Run in the dark!

Early mornings are quiet and cool, and nobody is looking at your stride.
"""
CHECKLIST = """Assess the situation

Before you act, take stock.

How is the noise affecting you?

How would you like the problem resolved?

Keep a diary of the noise for two weeks, with dates and times.
"""


def test_a_question_in_an_article_is_quoted_only_with_the_line_that_answers_it(tmp_path):
    """Testers' running and neighbour pages: "I’m self-conscious about running. What can I
    do?" was quoted without "Run in the dark!", and a checklist's "How is the noise affecting
    you?" as an answer in ten answers."""
    qa = assistant_over(tmp_path, {"run.txt": SELF_CONSCIOUS, "noise.txt": CHECKLIST})
    for question in ("I am self-conscious about running, what can I do?",
                     "how is the noise affecting you and how would you like it resolved"):
        texts = [q.text for q in qa.ask(question).quotes]
        assert texts, question
        for t in texts:
            if "What can I do?" in t:
                assert "Run in the dark!" in t, texts
            assert not t.rstrip().endswith("?"), texts


def test_the_shipped_fit_keeps_its_questions_quotable_alone():
    """The fit of the shipped articles chose otherwise on their follow-ups (its provenance)."""
    import json

    from tests.conftest import ARTICLES

    tuning = json.loads((ARTICLES / "quotewise.tuning.json").read_text(encoding="utf-8"))
    assert tuning["evidence"]["question_alone"] is True
    assert "evidence.question_alone" in tuning["provenance"]


LENDING = """Before you lend money to family

Lending to relatives goes wrong more often than people expect, and the loan is rarely the only thing at stake.

Before you say yes, ask yourself these questions:

- Could I afford never to see this money again?
- Would saying no change how I feel about them?
- Have they paid back a loan from anyone before?

When you do lend, settle the details first:

- Write down the amount, the date and how it will be paid back.
- Agree on what happens if a payment is missed.
- Keep a copy of the agreement somewhere safe.

Whatever you decide, tell them in person rather than by message.
"""


@pytest.mark.parametrize("question, item, intro", [
    ("has my brother paid back a loan from anyone before", "Have they paid back a loan",
     "ask yourself these questions:"),
    ("what if a payment is missed on a family loan", "Agree on what happens if a payment",
     "settle the details first:"),
    ("where should I keep a copy of the loan agreement", "Keep a copy of the agreement",
     "settle the details first:"),
])
def test_a_list_item_ending_in_a_stop_or_question_mark_comes_with_its_introduction(
        tmp_path, question, item, intro):
    """Items with a bullet on the page are items whatever they end in: a later one ("Have they
    paid back a loan…?") is quoted under the line that says what the list is, not alone."""
    qa = assistant_over(tmp_path, {"lending.md": LENDING})
    texts = [q.text for q in qa.ask(question).quotes]
    assert any(item in t for t in texts), texts  # the rule was exercised
    at = next(i for i, t in enumerate(texts) if item in t)
    assert any(intro in t for t in texts[:at + 1]), texts


VISITS = """Handling a visit from your in-laws

Family coming to stay this holiday? Here's how to keep the peace with a visiting in-law.

They say when you marry, you marry the whole family, so it pays to make the relationship one of mutual respect.

Ask for a visit to be arranged a week before, not announced at the door. Agree on the dates with your partner first.

If this is the case for you, plan one outing a day that gets everyone out of the house.
"""


def test_a_quote_has_no_gap_where_a_line_was_already_quoted(tmp_path):
    """A teaser brought along the lines after it, skipping one quoted before, and the answer
    showed "They say when you marry…" twice: inside the teaser's quote and on its own."""
    qa = assistant_over(tmp_path, {"visits.txt": VISITS})
    answer = qa.ask("they say when you marry you marry the whole family, how do I keep the "
                    "peace with a visiting in-law this holiday")
    texts = [q.text for q in answer.quotes]
    said = "They say when you marry"
    assert sum(t.count(said) for t in texts) <= 1, texts
    spans = sorted((q.doc_id, q.start, q.end) for q in answer.quotes)
    for (d1, _, e1), (d2, s2, _) in zip(spans, spans[1:]):
        assert d1 != d2 or e1 <= s2, spans  # no two quotes overlap


def test_if_this_is_the_case_comes_with_what_it_points_back_to(tmp_path):
    qa = assistant_over(tmp_path, {"visits.txt": VISITS.replace(
        "\n\nIf this is the case", " If this is the case")})
    texts = [q.text for q in qa.ask("plan one outing a day that gets everyone out of the "
                                    "house").quotes]
    with_it = [t for t in texts if "If this is the case" in t]
    assert with_it, texts
    assert all("Agree on the dates with your partner first." in t for t in with_it), texts


def test_an_approach_is_quoted_with_a_bare_rejection_after_it(tmp_path):
    article = ("Small talk at work\n\nMany people find small talk pointless. So it's common to "
               "just avoid the small talk at lunch. Please don't. It is how colleagues come to "
               "trust you.\n")
    qa = assistant_over(tmp_path, {"talk.txt": article})
    texts = [q.text for q in qa.ask("should I just avoid the small talk at lunch").quotes]
    with_it = [t for t in texts if "avoid the small talk" in t]
    assert with_it, texts
    assert all("Please don't." in t for t in with_it), texts


SMALL_STEPS = """Starting small with people

It can be better not to jump in at the deep end. Make a list of small things that are a little hard but doable for you e.g.
- say hello to someone in a queue
- ask a neighbour how their week has been
- keep eye contact for a moment longer than feels easy

Most people complain about chatting in the same words:

“I hate chatting with strangers.”

“Talking about the weather is such a waste of time.”

“Parties are so awkward.”

Chatting is still how people come to trust one another.
"""


@pytest.mark.parametrize("question, item, intro", [
    ("keep eye contact for a moment longer than feels easy", "keep eye contact",
     "doable for you e.g."),
    ("is talking about the weather a waste of time", "Talking about the weather",
     "in the same words:"),
])
def test_items_after_for_example_or_quoted_lines_come_with_their_introduction(
        tmp_path, question, item, intro):
    """A list led in by "...for you e.g." and a run of quoted lines ("“Parties are so
    awkward.”") under "...in the same words:" were quoted as if they were advice."""
    qa = assistant_over(tmp_path, {"steps.txt": SMALL_STEPS})
    texts = [q.text for q in qa.ask(question).quotes]
    assert any(item in t for t in texts), texts
    at = next(i for i, t in enumerate(texts) if item in t)
    assert any(intro in t for t in texts[:at + 1]), texts


ONE_BITE = """Trying new foods

Ask your child to taste one bite of a new food. If they try it and really don't like it, they don't have to eat it.

This is not to be confused with coaxing your kid to take two or three more bites at every meal. Nobody wants a debate about what a bite is.

Serving dinner

Serve dinner at the same time each day.
"""


def test_a_paragraph_pointing_back_comes_with_the_one_before_it(tmp_path):
    """"This is not to be confused with coaxing..." opened its paragraph and was quoted
    without the one-bite rule it sets apart, in the paragraph before."""
    qa = assistant_over(tmp_path, {"bites.txt": ONE_BITE})
    texts = [q.text for q in qa.ask("should I coax my kid to take two or three more bites "
                                    "at every meal").quotes]
    with_it = [t for t in texts if "This is not to be confused" in t]
    assert with_it, texts
    assert all("don't have to eat it." in t for t in with_it), texts


@pytest.mark.parametrize("sentence, advises", [
    ("Offer one food they like with each meal.", True),
    ("If she drops by unannounced, ask her to call first.", True),
    ("You can start conversations almost anywhere.", True),
    ("It's important to agree on the dates together.", True),
    ("Don't make dinnertime a battle.", True),
    ("Making friends is difficult, especially as an adult.", False),
    ("Is your young child a picky eater?", False),
    ("It sounds like you may be newly married.", False),
    ("Talk is cheap.", False),
    ("Help is available around the clock.", False),
])
def test_sentences_that_tell_the_reader_what_to_do(sentence, advises):
    """They score a little above hooks and restated problems ("Making friends is difficult,
    especially as an adult." led seven of a tester's thirty answers)."""
    from assistant.evidence import _ADVISES

    assert bool(_ADVISES.search(sentence)) is advises


# ---- a tester's adult-friendship pages: what goes on from the sentence before ----------------

@pytest.mark.parametrize("sentence, leans", [
    # an alternative or a gloss continuing the sentence before
    ("Or at the gym, after a long week?", True),
    ("Or she just started a new job and you lost touch.", True),
    ("Or you recently met someone, but it feels one-sided.", True),
    ("Meaning, keep your evenings for yourself, even after a move.", True),
    ("Meaning: call her back before the weekend.", True),
    ("Nor should you feel guilty about saying no.", True),
    # not: words that merely start with those letters, or "meaning" as a noun
    ("Organise a small dinner for the two of you.", False),
    ("Order the tickets early.", False),
    ("Meaningful hobbies help after a move.", False),
    ("Meaning well is not the same as doing well.", False),
])
def test_an_alternative_or_a_gloss_leans_back(sentence, leans):
    from assistant.evidence import _LEANS_BACK

    assert bool(_LEANS_BACK.match(sentence)) is leans


@pytest.mark.parametrize("sentence, leans", [
    # a tag question on the sentence before, an answer to the question before (a tester's
    # friendship pages: "Simple, right?" and "If you responded "yes" then you know what to do."
    # were quoted as answers)
    ("Simple, right?", True),
    ("Sounds easy enough, right?", True),
    ("Not bad, huh?", True),
    ('If you responded "yes" then you know what to do.', True),
    ("If you answered no, keep reading.", True),
    # not: a question that asks something of its own, or an "if" about anything else
    ("Is it fine to text her, right after the fight?", False),
    ("Right now, call her.", False),
    ("If you said something hurtful, apologise.", False),
])
def test_a_tag_question_or_an_answer_to_the_question_before_leans_back(sentence, leans):
    from assistant.evidence import _LEANS_BACK

    assert bool(_LEANS_BACK.match(sentence)) is leans


@pytest.mark.parametrize("sentence, refers", [
    ("But most neighbours never do this.", True),
    ("Most colleagues never do that.", True),
    ("She felt ignored, and that's why.", True),
    ("Do this before you call her.", False),
    ("That's why a calm tone matters.", False),
])
def test_a_sentence_ending_on_a_pointer_refers_back(sentence, refers):
    from assistant.evidence import _REFERS_BACK

    assert bool(_REFERS_BACK.search(sentence)) is refers


@pytest.mark.parametrize("sentence, announces", [
    ("Here a few ideas on how to talk with a moody roommate.", True),
    ("These 4 steps for settling a rent dispute may not fix everything.", True),
    ("These three strategies for calmer mornings take a week to settle in.", True),
    ("Before signing a lease together there are a few things to keep in mind.", True),
    ("Before you move in, there are several points to consider so the rent stays fair.", True),
    ("Let's dig a little deeper and see what the lease says.", True),
    ("Let us dig deeper into the numbers.", True),
    # advice, not a promise of it
    ("These tips are easy to forget when you are angry.", False),
    ("There are things you can't change, so accept them.", False),
    ("Dig deeper into your budget before you sign.", False),
])
def test_a_count_of_tips_or_things_to_keep_in_mind_announces(sentence, announces):
    from assistant.evidence import _ANNOUNCES

    assert bool(_ANNOUNCES.search(sentence)) is announces


OPENER = """Sharing a flat with a friend

1. The rent is always late

This is the most frequent complaint between flatmates who are also friends. Agree on a fixed date for the rent and put it in the calendar you share. Keep the receipts in a shared folder.
"""


def test_a_sentence_pointing_back_at_its_heading_is_never_quoted_alone(tmp_path):
    """"This is the most common version of a one-sided friendship." opened its section under a
    heading and was quoted alone as if it said something: with nothing before it in its
    section, it comes with the sentence after it, or not at all."""
    from dataclasses import replace

    import numpy as np

    from assistant.evidence import Scored

    qa = assistant_over(tmp_path, {"flat.txt": OPENER})
    sel = qa._state.selector
    sents = sel.data.sentences
    lean = next(i for i, s in enumerate(sents) if s.text.startswith("This is the most"))
    after = lean + 1
    assert sents[lean - 1].is_heading and sel.leans_back[lean]
    alone = Scored(None, np.zeros(len(sents)), {lean: (0, 0)}, {lean: 1.0}, np.zeros(0))
    assert [e.rows for e in sel.select(alone)] == [[lean, after]]
    assert [e.rows for e in sel.select(alone, exclude_rows={after})] == []
    old = sel.with_config(replace(sel.config, lean_back_opening=False))
    assert [e.rows for e in old.select(alone)] == [[lean]]


# --- list items of several sentences, runs of items, pointing back, runs of questions --------

def _seeded(sel, row):
    """``sel``'s choice when ``row`` is the only candidate (its neighbours quotable)."""
    import numpy as np

    from assistant.evidence import Scored

    n = len(sel.data.sentences)
    return Scored(None, np.zeros(n), {row: (0, 0)}, {row: 1.0}, np.zeros(0))


def _row(sel, start):
    return next(i for i, s in enumerate(sel.data.sentences) if s.text.startswith(start))


def _texts(sel, chosen):
    return [sel.data.documents[e.doc_id].text[e.start:e.end] for e in chosen]


PLATITUDES = """Comforting a friend after a death

What to avoid

Steer clear of empty phrases, the ones that sound wise but do not help:

- She is in a better place. This phrase sounds kind, but most mourners just want their person back.

- At least you had many years together. Or any sentence that begins with those two words.

- If I were you, I would see a counsellor. Your friend needs company right now. Not a plan.

What helps

Sit with your friend and let the silence be.
"""


def test_a_bulleted_item_of_several_sentences_comes_with_its_lists_introduction(tmp_path):
    """A tester's grief page: "At least you had many years together. Or anything that starts
    with "At least..."" was shown to a widow without "Watch out for platitudes...:": an item
    was read as one only when it was a single sentence."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"platitudes.txt": PLATITUDES})
    sel = qa._state.selector
    intro = _row(sel, "Steer clear")
    for start in ("At least you had", "If I were you"):
        seed = _row(sel, start)
        assert sel.intro.get(seed) == intro, start
        texts = _texts(sel, sel.select(_seeded(sel, seed)))
        assert texts and texts[0].startswith("Steer clear"), texts
    old = sel.with_config(replace(sel.config, long_items=False))
    assert _row(old, "At least you had") not in old.intro


def test_a_later_sentence_of_an_item_comes_with_the_items_first(tmp_path):
    """"Sometimes, this can appear as though your partner just loves you..." was quoted
    without its bullet, "You're shamed for spending time with family and friends."."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"platitudes.txt": PLATITUDES})
    sel = qa._state.selector
    seed = _row(sel, "Your friend needs company")
    rows = [r for e in sel.select(_seeded(sel, seed)) for r in e.rows]
    assert _row(sel, "If I were you") in rows and seed in rows, rows
    old = sel.with_config(replace(sel.config, long_items=False))
    rows = [r for e in old.select(_seeded(old, seed)) for r in e.rows]
    assert _row(old, "If I were you") not in rows


PAPERWORK = """After a spouse dies

Practical matters

In the first weeks after the death, it is important to sort out the paperwork.

- Tell the bank and the pension fund.
- Look for a will and any deeds.
- Ask about survivor benefits.

Later on

Give yourself time before any big decision.
"""


def test_a_sentence_right_before_a_run_of_items_introduces_them(tmp_path):
    """"In the first few weeks after the death, it's important to take care of financial
    matters." was quoted alone, its list (no colon before it) left out."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"paperwork.txt": PAPERWORK})
    sel = qa._state.selector
    lead = _row(sel, "In the first weeks")
    assert sel.announces[lead]
    texts = _texts(sel, sel.select(_seeded(sel, lead)))
    assert texts and "Tell the bank" in texts[0] and "survivor benefits" in texts[0], texts
    item = _row(sel, "Look for a will")
    assert sel.intro.get(item) == lead
    old = sel.with_config(replace(sel.config, run_introduced=False))
    assert not old.announces[lead] and old.intro.get(item) is None
    # the last line before a heading, or an item's own body, introduces nothing
    assert not sel.announces[_row(sel, "Give yourself time")]


@pytest.mark.parametrize("sentence, announces", [
    ("Use the tips below to help a grieving coworker.", True),
    ("Try the steps listed below when the arguing starts.", True),
    ("The questions below can start the talk.", True),
    ("This will be the last part of the “Building trust” series.", True),
    ("This is the second post in our series on money and couples.", True),
    ("Let’s don’t waste any time and get started right away with the tips today!", True),
    ("Let's not waste any time.", True),
    # not: "below" as a place, or a series of anything else
    ("The water level fell below the mark.", False),
    ("Keep the thermostat below twenty degrees.", False),
    ("A series of small lies adds up.", False),
    ("Don't waste time arguing about the rent.", False),
])
def test_tips_below_or_the_articles_series_announce(sentence, announces):
    from assistant.evidence import _BELOW, _SERIES

    assert bool(_BELOW.search(sentence) or _SERIES.search(sentence)) is announces


@pytest.mark.parametrize("sentence, leans", [
    # a subordinate clause without a main clause
    ("Even if you might think their grief is out of proportion to the situation.", True),
    ("Because they were there for you when nobody else was.", True),
    ("Although nobody tells you this at the funeral.", True),
    # an alternative opened by "Or"
    ("Or it may feel right to display a memorial urn.", True),
    ("Or should couples openly share their phones?", True),
    # "this" / "that" as the object of "do", an opening "Sometimes, this", a gloss
    ("You can do this in various ways, from a card to a phone call.", True),
    ("You can only do that when you have already decided to leave.", True),
    ("We do that through talking about the person who died.", True),
    ("Sometimes, this can look like love.", True),
    ("And by time, I don’t mean minutes.", True),
    ("By patience, we mean weeks.", True),
    # not: a full sentence with its main clause, "do that thing", "or so"
    ("Even if it hurts, go to the funeral.", False),
    ("Unless you are entitled to you must not park in a disabled space.", False),
    ("Because of the move, she lost touch with her friends.", False),
    ("Organise a memorial dinner.", False),
    ("You can do that course online.", False),
    ("Do this before you call her.", False),
    ("Sometimes grief comes back in waves.", False),
    ("By Friday, send the card.", False),
])
def test_a_clause_an_or_or_a_done_this_points_back(sentence, leans):
    from assistant.evidence import _DEPENDENT, _DOES_THAT, _OR

    assert bool(_DEPENDENT.match(sentence) or _OR.match(sentence)
                or _DOES_THAT.match(sentence)) is leans


DONT_MINIMIZE = """Supporting a grieving friend

What not to do

Don't minimize. Even if you might think their grief is out of proportion to the situation.

Don't compare. Every loss is its own.
"""


def test_a_clause_without_its_main_clause_comes_with_the_sentence_before(tmp_path):
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"minimize.txt": DONT_MINIMIZE})
    sel = qa._state.selector
    seed = _row(sel, "Even if you might")
    assert [e.rows for e in sel.select(_seeded(sel, seed))] == [[seed - 1, seed]]
    for switch in ("dependent_clause", "or_leans_back", "object_points_back"):
        assert bool(sel.with_config(replace(sel.config, **{switch: False})).leans_back[seed]) \
            is (switch != "dependent_clause")


QUESTIONS = """Privacy in a couple

Phones

Many couples never talk about privacy. Should each partner keep a private phone? Or should couples share every password? How can partners feel safe? These are hard questions today.

The fact is, most people are attached to their phones.

Money

Is a joint account fair? Should both pay the same? It depends on what each earns.
"""


def test_a_run_of_questions_is_quoted_whole_with_its_answer_or_not_at_all(tmp_path):
    """A column's "Or should couples openly share their phones...? How can partners feel
    secure...? These are difficult questions..." was quoted from the middle of its run."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"privacy.txt": QUESTIONS})
    sel = qa._state.selector
    mid = _row(sel, "Or should couples")
    # three questions, a comment on them and the answer after it: too long for one quote
    assert sel.select(_seeded(sel, mid)) == []
    assert sel.select(_seeded(sel, _row(sel, "These are hard"))) == []
    second = _row(sel, "Should both pay")
    assert [e.rows for e in sel.select(_seeded(sel, second))] == [[second - 1, second,
                                                                    second + 1]]
    old = sel.with_config(replace(sel.config, question_runs=False))
    assert old.select(_seeded(old, mid)) != []


ASK_YOURSELF = """Before you quit

A new offer can make any job look worse than it is. Take stock first.

Ask yourself the following questions to get started.

Is the job still teaching you anything?

Would you take it again today?

What would you miss if you left?

Once you have your answers, talk to your manager before you sign anything.
"""


def test_questions_handed_to_the_reader_are_quoted_under_the_line_that_hands_them_out(tmp_path):
    """"Ask yourself the following questions..." over one question a line: the questions are
    the advice. They were a run of rhetorical questions, quotable only whole with the line after
    them, which made five questions and an answer too long to quote: the asker who asked what
    to ask themselves got none of them."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"quit.txt": ASK_YOURSELF})
    sel = qa._state.selector
    third = _row(sel, "What would you miss")
    texts = _texts(sel, sel.select(_seeded(sel, third)))
    # the short list whole, under its introduction, and nothing after it
    assert texts == ["Ask yourself the following questions to get started.\n\n"
                     "Is the job still teaching you anything?\n\n"
                     "Would you take it again today?\n\n"
                     "What would you miss if you left?"], texts
    old = sel.with_config(replace(sel.config, asked_list=False))
    assert not any(t.startswith("Ask yourself") for t in _texts(old, old.select(
        _seeded(old, third))))


PROMISED = """Getting through a hard month

Fortunately, there are lots of strategies that can help you make it through and come out strong.

Counselor Jane Roe, LCSW, delves into these and other strategies that can help you through this period.

1. Keep a routine

Go to bed and get up at the same time every day. Eat three meals, even small ones.
"""


def test_a_line_that_promises_strategies_is_no_answer_alone(tmp_path):
    """"Psychologist ..., PsyD, delves into these and other strategies that can help you
    through this painful period." was quoted alone in eight answers of thirty: it names help
    and gives none."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"month.txt": PROMISED})
    sel = qa._state.selector
    expert, lots = _row(sel, "Counselor Jane Roe"), _row(sel, "Fortunately, there are")
    assert sel.announces[expert] and sel.announces[lots]
    for row in (expert, lots):
        texts = _texts(sel, sel.select(_seeded(sel, row)))
        assert not any(t.strip() == sel.data.sentences[row].text for t in texts), texts
    old = sel.with_config(replace(sel.config, promise_announces=False))
    assert not old.announces[expert] and not old.announces[lots]
    # the tips themselves announce nothing
    assert not sel.announces[_row(sel, "Go to bed")]


@pytest.mark.parametrize("sentence, promises", [
    ("Psychologist Adam Roe, PsyD, delves into these and other strategies that can help.", True),
    ("Dr. Lee shares her top tips for sleeping well.", True),
    ("There are many ways to help a friend who is grieving.", True),
    # not: advice to share, reasons rather than help, explaining to someone
    ("Share your feelings with a friend.", False),
    ("There are many reasons he might be upset.", False),
    ("She explains the rules to her son.", False),
])
def test_help_promised_not_given(sentence, promises):
    from assistant.evidence import _PROMISES

    assert bool(_PROMISES.search(sentence)) is promises


# a list pasted one piece a line, each bullet alone on its line and its item on the next
MARKS_ALONE = """Getting a vegetable bed going

Question
Setting up a first vegetable bed:
-
The one-row start: When the bed feels overwhelming, dig a single row this weekend. Starting is the hardest part of it. Once one row is planted, the rest follows.
-
Water early: Water before the sun is up so the roots drink before the heat.
Keep a spare bag of compost by the shed.
"""


def test_a_list_with_its_marks_on_lines_of_their_own_is_quoted_under_its_introduction(tmp_path):
    """"Setting up a first vegetable bed:" over "-" over the first item was shown as a quote
    of its own, numbered apart from the item right under it: the reader saw the list's opening
    line quoted alone. The item straight under its introduction is one passage with it."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"beds.txt": MARKS_ALONE})
    sel = qa._state.selector
    intro, first = _row(sel, "Setting up a first"), _row(sel, "The one-row start")
    assert sel.intro.get(first) == intro  # the lone marks are read as marking items
    texts = _texts(sel, sel.select(_seeded(sel, first)))
    assert not any(t.strip() == "Setting up a first vegetable bed:" for t in texts), texts
    assert any(t.startswith("Setting up a first vegetable bed:\n-\nThe one-row start")
               for t in texts), texts
    # (the old way: two quotes, the introduction alone)
    old = sel.with_config(replace(sel.config, intro_joins_item=False))
    assert "Setting up a first vegetable bed:" in _texts(old, old.select(_seeded(old, first)))
    # an item further down still brings the introduction, as a quote of its own above it
    texts = _texts(sel, sel.select(_seeded(sel, _row(sel, "Water early"))))
    assert texts[0] == "Setting up a first vegetable bed:", texts


TRAILS_OFF = """Living next to a noisy neighbour

1. Talk to them first
Most people hope the neighbour will notice the noise on their own and turn it down.
That hardly ever happens…
Many people end up raising it themselves because the noise goes on. This may be due to shift work, a new baby or a dog left alone all day.
If this is the case, agree on quiet hours together and write them down.
Knock at a calm moment, not in the middle of the noise.
Keep it friendly and short, and suggest a fix rather than a complaint.
Thank them when things get better, so the next talk is easier.

2. What to watch for
Neighbours, listen for ...
Music after midnight on weeknights.
A dog barking for hours while they are out.

3. Know your rights
Does your building have ...
Quiet hours in the lease?
A manager who takes complaints?
"""


def test_a_line_trailing_off_before_prose_is_no_lead_in(tmp_path):
    """"That hardly ever happens…" ends in dots but leads into no list: read as a list's
    lead-in, it pulled the next paragraph along and was quoted alone, a remark on nothing. It
    leads into what follows only when a list does (or nothing quotable does)."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"noise.txt": TRAILS_OFF})
    sel = qa._state.selector
    remark = _row(sel, "That hardly ever")
    for seed in (remark, _row(sel, "Many people end up")):
        texts = _texts(sel, sel.select(_seeded(sel, seed)))
        assert not any(t.strip() == "That hardly ever happens…" for t in texts), texts
        assert not any(t.startswith("That hardly ever happens…") for t in texts), texts
    answer = qa.ask("my neighbour is noisy, will they notice and stop on their own?")
    assert all(q.text.strip() != "That hardly ever happens…" for q in answer.quotes), \
        [q.text for q in answer.quotes]
    assert not sel.announces[remark]
    # a line trailing off into one-line items still introduces them...
    listen = _row(sel, "Neighbours, listen for")
    assert sel.announces[listen]
    texts = _texts(sel, sel.select(_seeded(sel, _row(sel, "Music after midnight"))))
    assert any(t.startswith("Neighbours, listen for ...") for t in texts), texts
    # ...and one over lines read as headings is still never quoted alone
    teaser = _row(sel, "Does your building")
    if not sel.data.sentences[teaser].is_heading:
        assert sel.announces[teaser]
    # (the old way: every line trailing off was a lead-in)
    old = sel.with_config(replace(sel.config, trail_needs_list=False))
    assert old.announces[remark]


SITUATION = {
    "money.txt": "Spending as a couple\n\n"
                 "A partner who wants every penny accounted for is often worried about money. "
                 "Having every penny accounted for can feel like being watched by your partner. "
                 "Some partners keep every penny accounted for in a spreadsheet.\n\n"
                 "Allowances\n\n"
                 "Give each of you some money to spend however you want every month.\n",
}
ALLOWANCE = "Give each of you some money to spend however you want every month."


def test_the_sentences_closest_to_what_a_message_asks_are_candidates_too(tmp_path):
    """A message that tells its situation and then asks ("my partner wants every penny
    accounted for. should we each get some money to spend?"): the line answering the ask is
    scored even when the situation's words lead the whole message elsewhere."""
    from dataclasses import replace

    from assistant.evidence import EvidenceSelector

    qa = assistant_over(tmp_path, SITUATION)
    query = qa.retriever.prepare("My partner wants every penny accounted for and I hate it. "
                                 "Should we each get some money to spend however we want?")
    assert query.ask_vec is not None
    found = qa.retriever.retrieve(query, k=1)
    data = qa.data
    row = next(i for i, x in enumerate(data.sentences) if x.text == ALLOWANCE)
    situation = [p for p, c in enumerate(data.chunks) if "penny" in c.text and ALLOWANCE not in c.text]
    rows = {}
    for n in (0, 3):
        selector = EvidenceSelector(data, replace(qa.selector.config, sentence_pool=0, ask_pool=n))
        rows[n] = selector.score(query, found.sentences, situation, searched=found.cand).rows
    assert row not in rows[0]  # the situation's paragraph alone misses it...
    assert row in rows[3]  # ...the sentences closest to the ask join


def test_only_a_message_that_tells_a_situation_has_an_ask_apart(tmp_path):
    from index.queries import situation_asks

    assert situation_asks("He reads my texts. I hate it. Should I let him?") == "Should I let him?"
    assert situation_asks("Should I let him read my texts?") is None  # all ask
    assert situation_asks("He reads my texts and I hate it.") is None  # no ask
    qa = assistant_over(tmp_path, SITUATION)
    assert qa.retriever.prepare("Should we each get some money to spend?").ask_vec is None
    # a follow-up's search text is the conversation, not one message
    assert qa.retriever.prepare("why? I hate it.", search="He reads my texts. why?").ask_vec is None


GUIDANCE = """How To Make Friends When You Move to a New City

Moving to a new city can be a bittersweet experience. Doing it without people to share it with can feel lonely.

Whether you're already feeling that loneliness or worrying about it before the move, you might need some guidance on how to make friends in a totally new city. As an adult, making friends can be a lot more challenging. But don't worry—ahead you'll discover six ways to find pals in your new city.

Join a club

Join clubs, groups, or organizations that align with your interests. Volunteering is also a great way to make connections.
"""


def test_a_line_that_promises_guidance_is_the_scene_not_advice(tmp_path):
    """"...you might need some guidance on how to make friends in a totally new city." was
    quoted, most often first, in nine answers of thirty on a page nobody tuned for: it names
    guidance and gives none. It and the lines before it in its paragraph are the article's
    introduction (hooks), as the lines before "In this article..." are."""
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"friends.txt": GUIDANCE})
    sel = qa._state.selector
    need, ahead = _row(sel, "Whether you're"), _row(sel, "But don't worry")
    adult = _row(sel, "As an adult")
    assert sel.hook[need] and sel.hook[ahead] and sel.hook[adult]
    old = sel.with_config(replace(sel.config, guidance_hooks=False))
    assert not old.hook[need] and not old.hook[adult]
    # the advice itself is no scene
    assert not sel.hook[_row(sel, "Join clubs")] and not sel.announces[_row(sel, "Join clubs")]


@pytest.mark.parametrize("sentence, promises", [
    ("You might need some guidance on how to make friends in a new city.", True),
    ("But don't worry—ahead you'll discover six ways to find pals.", True),
    ("It can be overwhelming, but don’t worry—there are ways to ease the transition.", True),
    ("Below, you'll find the steps we took.", True),
    ("If you're trying to quit any form of nicotine, try implementing these nicotine-cessation "
     "tips.", True),
    ("Try these tips next time the urge hits, and call a friend.", False),
    # not: advice to get advice, a worry named, "ahead of" a move
    ("You may need advice from a lawyer before you sign.", False),
    ("Don't worry about what they think of you.", False),
    ("Ahead of your move, join a club in your new city.", False),
])
def test_guidance_promised_not_given(sentence, promises):
    from assistant.evidence import _GUIDANCE

    assert bool(_GUIDANCE.search(sentence)) is promises


def test_the_guidance_pattern_is_linear():
    from assistant.evidence import _GUIDANCE
    from tests.timing import assert_linear

    for unit in ("might need some ", "don't worry— ", "ahead, you'll ", "try these a ",
                 "use these tips "):
        assert_linear(lambda s: _GUIDANCE.findall(s), unit, chars=50_000)


# From a user tester's exam-stress pages: a closing mark misprinted as an opening one, glued to
# the word after it (“I’m going to do terribly”...”I don’t know anything”....”I’m going to
# fail”), opens the next speech: the quote keeps its last mark, which closes it (it was cut off
# as "a mark that closes nothing": ...”I’m going to fail). Switch: `glued_marks`.
GLUED = ("“I’m going to do terribly”...”I don’t know anything”....”I’m going to fail”")


def test_a_glued_closing_mark_opens_the_next_speech():
    from assistant.evidence import unpaired_marks, without_stray_marks

    assert unpaired_marks(GLUED, single=True, glued=True) == ([], [])
    assert without_stray_marks(GLUED, 0, len(GLUED), True, True) == (0, len(GLUED))
    # without the switch, as before: the last mark is left out
    assert without_stray_marks(GLUED, 0, len(GLUED), True) == (0, len(GLUED) - 1)
    # a closing mark after its speech, a space after it, still closes
    text = "She said it was fine.” Then she left."
    assert unpaired_marks(text, single=True, glued=True) == ([], [text.index("”")])


def test_a_quote_of_misprinted_marks_keeps_its_last_mark(tmp_path):
    from dataclasses import replace

    a = assistant_over(tmp_path, {"exams.txt": (
        "Exam Anxiety\n\nTest anxiety is very normal for students before their exams.\n\n"
        "Stop the negative self talk cycle\n\n" + GLUED + "\n\n"
        "Replace these with logical thoughts such as “I will know some answers”.\n")})
    answer = a.ask("How do I stop thinking I'm going to fail before every test?")
    quoted = [q.text for q in answer.quotes]
    assert GLUED in quoted, quoted
    old = a.selector.with_config(replace(a.selector.config, glued_marks=False))
    assert old.config.glued_marks is False


# Twenty-seventh audit: a closing mark that lost its space after a speech of two sentences
# (“I was so nervous... I could not sleep at all the night before.”Then my mum...) closes what
# began before the quote: the quote grows back to the opening mark, as before `glued_marks`
# (read as opening, it left the quote with a stray closing mark mid-text and no opening one).
NERVES = ("Exam Nerves\n\nMany students feel nervous before their exams, and that is normal.\n\n"
          "“I was so nervous before my maths exam that I shook. I could not sleep at all the "
          "night before.”Then my mum sat with me and we made a plan for the morning.\n\n"
          "Talk to someone you trust about how you feel.\n")


def test_a_closing_mark_that_lost_its_space_still_closes_its_speech(tmp_path):
    a = assistant_over(tmp_path, {"nerves.txt": NERVES})
    assert a.selector.config.glued_marks
    answer = a.ask("I could not sleep the night before my exam, what can I do?")
    quoted = [q.text for q in answer.quotes]
    speech = [q for q in quoted if "night before.”Then" in q]
    assert speech and all(q.startswith("“I was so nervous") for q in speech), quoted


# A list whose items are labels over their bodies ("- Keep a Record" / "Ask your child what
# happened..."): on a tester's folder of articles for parents of a bullied child, the labels
# alone ("Keep a Record", "Talk to the School", "Build Confidence at Home") were quoted in 3 of
# 30 answers, and the page's last label, cut off with it ("Teach Assertive"), in one more.
LABELLED = """# Bullying at school: what parents can do

## If your child is being bullied

It can be heartbreaking to hear that your child is being bullied. Here are some steps that can help:
- Listen Without Judgment
Let your child speak. Don't interrupt or try to fix it straight away.
- Keep a Record
Ask your child what happened, when, where, and who was involved. Please write it down. This will help when you speak to the school.
- Talk to the School
Ask for a meeting with the teacher or principal. Stay calm and focus on the facts.
- Teach Assertive
"""
SHORT_LIST = """# Evenings at home

## A calmer evening

Try these:
- Cook Together
- Read Aloud
- Go for a Walk

A routine helps everyone settle. Keep screens out of the bedroom.
"""


def test_a_lists_label_comes_with_its_body_and_never_alone(tmp_path):
    from dataclasses import replace

    qa = assistant_over(tmp_path, {"bullying.md": LABELLED, "evenings.md": SHORT_LIST})
    sel = qa._state.selector
    record, school, cut = (_row(sel, "Keep a Record"), _row(sel, "Talk to the School"),
                           _row(sel, "Teach Assertive"))
    assert sel.label[record] and sel.label[school] and sel.label[cut]
    # the label chosen: quoted with its body's lines, as many as a quote holds
    texts = _texts(sel, sel.select(_seeded(sel, record)))
    assert any(t.startswith("Keep a Record\nAsk your child what happened") and
               t.endswith("This will help when you speak to the school.") for t in texts), texts
    assert not any(t.strip() == "Keep a Record" for t in texts), texts
    # ...its body chosen: under its label
    texts = _texts(sel, sel.select(_seeded(sel, _row(sel, "Ask for a meeting"))))
    assert any(t.startswith("Talk to the School\nAsk for a meeting") for t in texts), texts
    # the label the page was cut after has no body: never quoted
    assert not _texts(sel, sel.select(_seeded(sel, cut)))
    # a list of short items over prose has no labels, and without the rule a label is a line
    assert not any(sel.label[_row(sel, t)] for t in ("Cook Together", "Read Aloud", "Go for"))
    old = sel.with_config(replace(sel.config, label_leads=False))
    assert "Keep a Record" in [t.strip() for t in _texts(old, old.select(_seeded(old, record)))]
