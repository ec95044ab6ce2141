"""Honest scope: a question asking for a kind of fact the quotes don't give is answered "partial"."""

from __future__ import annotations

import pytest

from assistant.scope import missing_fact
from tests.conftest import assistant_over

BUDGETING = (
    "Budgeting Together\n\n"
    "Sit down together once a month and go over what came in and what went out. Agree on the "
    "bills you share and how you split them. Keep some money each that the other never has to "
    "ask about. Talk about your goals before you talk about numbers, so the budget serves "
    "both of you.\n"
)


@pytest.mark.parametrize("question, what", [
    ("whats the best budgeting app for couples, YNAB or Monarch?", "which app or product to use"),
    ("is it legal for my boss to read my DMs", "what the law says"),
    ("Can I sue my employer for bullying?", "what the law says"),
    ("what percentage of long distance relationships actually last", "the figures asked for"),
    ("how accurate are lie detector tests", "the figures asked for"),
    ("how much allowance should we be giving a 13 year old", "the amount asked for"),
    ("how big should our emergency fund be, 3 months or 6?", "the amount asked for"),
    ("how much does assisted living cost per month", "what it costs"),
    ("what does couples therapy usually cost?", "what it costs"),
    ("how many mg of melatonin should I take to sleep", "the dose asked for"),
    ("whats the right dose of magnesium for sleep?", "the dose asked for"),
    # testers' sleep folder: a dose asked in other words
    ("How much melatonin should I take?", "the dose asked for"),
    ("how much ibuprofen can I give my son for a fever", "the dose asked for"),
    ("how many days of bereavement leave am I legally entitled to", "what the law says"),
    # testers' roommate folder: "Can I legally evict…", "What are our rights"
    ("Can I legally evict my roommate if he's not on the lease?", "what the law says"),
    ("The landlord won't fix the mould. What are our rights?", "what the law says"),
    # testers' step-family and neighbours folders: any subject, any place of the law word
    ("Can a stepparent legally adopt their stepchild without the other parent's consent?",
     "what the law says"),
    ("Is a camera pointed at my drive from the house next door illegal?", "what the law says"),
    ("What's the fine for letting your dog bark all night in the UK?", "what the penalty is"),
    # testers' toddler and running folders
    ("How many hours of sleep does a 2 year old need", "the number asked for"),
    ("how many calories does a 30 minute run burn?", "the number asked for"),
])
def test_a_question_asking_for_a_fact_the_quotes_lack_is_told_so(question, what):
    quotes = ["Sit down together and go over what came in and what went out."]
    assert missing_fact(question, quotes) == what


def test_a_count_is_given_in_digits_or_words():
    question = "how many tantrums a day is normal for a three year old?"
    assert missing_fact(question, ["More than five tantrums a day can be a sign."]) is None
    assert missing_fact(question, ["Tantrums of 25 minutes or more are a sign."]) is None
    assert missing_fact(question, ["Stay calm and keep your voice low."]) == "the number asked for"


def test_a_year_or_an_age_is_not_a_price():
    quote = "In 2024, 61 million residents were aged 65 or older."
    assert missing_fact("how much does assisted living cost per month", [quote]) == "what it costs"


def test_an_amount_spent_on_something_else_is_not_the_price_asked():
    """A tester's "How much does assisted living cost per month on average?" was answered
    "direct" by a quote of what a family spent on mediation."""
    question = "How much does assisted living cost per month on average?"
    spent = "\"We've spent about $6,000 so far and it's absolutely worth it,\" Olson says."
    assert missing_fact(question, [spent]) == "what it costs"
    for price in ("Assisted living runs about $4,500 a month.", "The median price is $5,350."):
        assert missing_fact(question, [spent, price]) is None
    assert missing_fact("how much does it cost?", ["We paid $300."]) is None


def test_how_often_is_not_a_price():
    quote = "Chronic insomnia: sleep issues that occur at least three nights a week."
    assert missing_fact("how much does a sleep study cost?", [quote]) == "what it costs"
    assert missing_fact("how much does a sleep study cost?", ["It runs 300 a night."]) is None


def test_a_tips_number_is_not_a_figure():
    """"#2 Honesty is the best policy." came with a quote and answered "how accurate are lie
    detector tests" as if it gave a figure."""
    for tip in ("#2 Honesty is the best policy. This is a crucial point.", "3. Listen to him."):
        assert missing_fact("how accurate are lie detector tests", [tip]) == "the figures asked for"
    assert missing_fact("how accurate are lie detector tests",
                        ["They are right 9 times in 10."]) is None


def test_a_word_about_research_is_not_a_figure():
    """A tester's "what percentage of friendships fade after college, is there research on it"
    was answered "direct" by "Researchers have determined that friendships could be described
    as flexible rather than fragile." """
    question = "what percentage of friendships fade after college, is there research on it"
    quote = ("Researchers have determined that friendships could be described as “flexible” "
             "rather than “fragile.”")
    assert missing_fact(question, [quote]) == "the figures asked for"
    assert missing_fact(question, ["Half of them fade within seven years, a study found."]) is None


@pytest.mark.parametrize("question, quote", [
    ("which app should we use to track spending?", "Use a free budgeting app or spreadsheet."),
    ("is there a legal curfew for minors?",
     "In some communities, teens are required by law to be off the street by a certain time."),
    ("what percentage of couples argue about money?", "A survey found 35% of couples do."),
    ("how big should our emergency fund be?", "Keep three to six months of expenses aside."),
    ("how much does a therapist charge?", "Sessions cost $100 to $250 an hour."),
    ("how many mg of melatonin should I take?", "Most adults start with 0.5 to 3 mg an hour before bed."),
])
def test_a_quote_that_gives_the_fact_keeps_the_answer_direct(question, quote):
    assert missing_fact(question, [quote]) is None


@pytest.mark.parametrize("question", [
    "how do we split the bills fairly?",
    "my boss keeps moving deadlines and yells when we miss them. how do i talk to him?",
    "why does money stress me out so much?",
    "What are the chances his behavior will get worse? Am I overreacting?",
    "what does it cost us to keep avoiding this talk?",
    "how much sleep do teenagers need?",
    "how much time should we take before moving in?",
    "how much time should I take off work after the funeral?",
    "how much space should I give him after the fight?",
    # a long letter's story may mention the law or apps; only what it asks counts
    "For two years I have put up with it. " * 10 + "After $55,000 in legal fees I finally won "
    "custody, and he still checks every app on my phone. How do I stop feeling so guilty?",
])
def test_questions_not_asking_for_such_a_fact_are_left_alone(question):
    assert missing_fact(question, ["Talk about your goals before you talk about numbers."]) is None


def test_the_answer_says_plainly_what_the_articles_do_not_give(tmp_path):
    qa = assistant_over(tmp_path, {"budget.txt": BUDGETING})
    ans = qa.ask("which app is best for budgeting together and the bills we share?")
    assert not ans.abstained and ans.quotes
    assert ans.coverage == "partial"
    assert ans.scope_note == ("The indexed articles don't say which app or product to use; the "
                              "closest passages follow.")
    assert ans.markdown.index(ans.scope_note) < ans.markdown.index(ans.quotes[0].text)
    direct = qa.ask("how do we agree on the bills we share and how we split them?")
    assert not direct.abstained and direct.coverage == "direct" and direct.scope_note is None


def _shipped_scope_model():
    import json

    from assistant.tuning import from_dict
    from index.embedder import MODEL_ID
    from tests.conftest import ARTICLES

    raw = json.loads((ARTICLES / "quotewise.tuning.json").read_text(encoding="utf-8"))
    return from_dict(raw, MODEL_ID).scope


SUSPICIOUS = (
    "My boyfriend and I have been together for three years. Last month I found out he had been "
    "texting his ex behind my back, and when I asked him about it he lied to my face. He swears "
    "nothing happened, but I went through his phone again last night and found more messages. "
    "I keep checking his location and I can't stop thinking he is cheating on me. I don't know "
    "if I can ever trust him again. How do I get past this, or should I leave him?"
)
DISTRUSTED = (
    "My boyfriend and I have been together for three years and I have never cheated on him or "
    "lied to him. Still he doesn't trust me. He checks my phone every night, gets angry when I "
    "go out with my friends and accuses me of flirting with every guy I talk to. I have shown "
    "him my messages and told him where I am all the time, but nothing is ever enough for him. "
    "How can I get him to trust me?"
)


def test_the_shipped_scope_model_tells_the_suspicious_partner_from_the_distrusted_one():
    model = _shipped_scope_model()
    assert model.terms and model.partial_below is not None, "the shipped fit has a scope model"
    assert model.partial(SUSPICIOUS)
    assert not model.partial(DISTRUSTED)
    assert model.probability(SUSPICIOUS) < model.probability(DISTRUSTED)


def test_the_scope_model_leaves_a_one_line_question_to_the_other_rules():
    """Fitted on letters, it reads a one-line question badly: it judges long messages only."""
    model = _shipped_scope_model()
    short = "he cheated on me and i cant trust him. how do i get past this"
    assert len(short) < model.min_chars and not model.partial(short)


def test_without_a_fit_the_scope_model_says_nothing():
    from assistant.scope import ScopeModel

    assert ScopeModel().probability(SUSPICIOUS) is None and not ScopeModel().partial(SUSPICIOUS)


# no cue of the profile's matches it: only the scope model tells who is asking
UNCUED = (
    "My girlfriend and I have lived together for two years. Lately she stays late at work almost "
    "every night and comes home with excuses that don't add up. Last week a coworker of hers "
    "texted her at midnight and she turned her screen away from me. When I ask, she says I'm "
    "being paranoid and changes the subject. Her phone is never out of her hand anymore, even in "
    "the bathroom. What should I do about this?"
)


@pytest.mark.slow
def test_the_suspicious_partners_letter_is_answered_as_partial(real_assistant):
    """Wired in: a long letter from the partner who suspects, routed to the fitted articles,
    gets the "in part" note before the closest passages, though no profile cue matches it."""
    assert real_assistant._state.profile.not_written_for(UNCUED) is None
    ans = real_assistant.ask(UNCUED)
    assert not ans.abstained and ans.quotes and ans.coverage == "partial"
    assert ans.scope_note and ans.markdown.index(ans.scope_note) < ans.markdown.index(
        ans.quotes[0].text)


def test_a_count_must_be_of_what_is_counted():
    """A tester's "How many calories a day does a 3 year old need?" read "direct" because a
    quote said children outgrow picky eating "by age 4 or 5": a number, but not of calories."""
    question = "How many calories a day does a 3 year old need?"
    assert missing_fact(question, ["Most children outgrow picky eating by age 4 or 5."]) == \
        "the number asked for"
    assert missing_fact(question, ["A 3 year old needs about 1,000 to 1,400 calories."]) is None
    offer = "How many times should I offer a new food before giving up?"
    assert missing_fact(offer, ["A new food may need to be offered 15 or more times."]) is None
    assert missing_fact(offer, ["Offer new foods at least twice a week."]) is None


def test_a_court_or_visitation_rights_question_asks_what_the_law_says():
    question = "Can my mother-in-law take us to court for grandparent visitation rights?"
    assert missing_fact(question, ["Grandparents get to be indulgent."]) == "what the law says"
    assert missing_fact(question, ["In many states courts rarely grant such visits."]) is None


def test_a_legal_standing_or_who_pays_is_a_fact_only_a_line_on_it_gives():
    """A tester's caring-for-a-parent folder: "How do I get power of attorney for my mom?" and
    "Can I get paid by the state for taking care of my father?" read "direct" from lines on
    talking with a parent."""
    talk = ["Talk to your siblings about sharing the care before you arrange any."]
    assert missing_fact("How do I get power of attorney for my mom who has dementia?", talk) == \
        "what the law says"
    assert missing_fact("How do I get power of attorney for my mom?",
                        ["A lawyer can draw up a power of attorney while she can still sign."]) is None
    for question in ("Can I get paid by the state for taking care of my father at home?",
                     "Does my insurance cover couples therapy?",
                     "Will Medicare pay for respite care?"):
        assert missing_fact(question, talk) == "who pays or what financial help there is"
    assert missing_fact("Will Medicare pay for respite care?",
                        ["Medicare pays for up to five days of respite care at a time."]) is None
    # paying in a couple's own money is no question of who else pays
    assert missing_fact("how do we decide who pays the rent?", talk) is None


def test_a_fine_is_given_by_an_amount():
    question = "What's the fine for letting your dog bark all night?"
    assert missing_fact(question, ["Councils can fine owners up to £5,000."]) is None
    assert missing_fact("i'm fine with it, what should i do?", ["Talk to him."]) is None


# an article for parents: it names children often and never says "your mom"
SIBLINGS = (
    "When Siblings Fight\n\n"
    "Siblings fight, and most children grow out of it. Step in when one child is being hurt. "
    "Give each of your kids time alone with you every week. Never compare one child with the "
    "other. Let the children solve small squabbles themselves before you step in, and praise "
    "your children when they sort it out.\n"
)
# ...and one for grown children looking after a parent: it says "your mother"
CARING = (
    "When a Parent Needs Care\n\n"
    "Talk to your mother about what help she wants before you arrange any. Share the care "
    "with your siblings, and meet with them before you talk to your parents together.\n"
)


def test_articles_for_parents_tell_a_young_asker_they_are_not_written_for_them(tmp_path):
    qa = assistant_over(tmp_path, {"siblings.txt": SIBLINGS})
    young = qa.ask("I'm 12 and my mum always steps in when my brother and I fight. Should she "
                   "let the children solve small squabbles themselves?")
    assert not young.abstained and young.quotes
    assert young.coverage == "partial"
    assert young.scope_note == ("The indexed articles are written for parents, not for a young "
                                "person asking about their own parents, so they don't answer "
                                "this directly; the closest passages follow.")
    # the parent asking the same thing is who the articles speak to
    parent = qa.ask("My two children fight all the time. Should I let them solve small "
                    "squabbles themselves before I step in?")
    assert not parent.abstained and parent.coverage == "direct"
    # an adult who says how they are treated ("as if I am 12 again") is not a young asker
    grown = qa.ask("I'm 25 and my mum treats me like I am 12 again when my siblings fight. "
                   "What should I do?")
    assert grown.coverage != "partial" or "parents" not in (grown.scope_note or "")


def test_articles_for_grown_children_caring_for_a_parent_are_not_for_parents(tmp_path):
    from assistant.scope import audience
    assert audience(SIBLINGS).parents and not audience(CARING).parents
    qa = assistant_over(tmp_path, {"caring.txt": CARING})
    ans = qa.ask("I'm 16 and my mom needs care. How do I share it with my siblings?")
    assert "written for parents" not in (ans.scope_note or "")


def test_articles_for_grown_children_tell_a_parent_they_are_not_written_for_them(tmp_path):
    """A tester's caring-for-a-parent folder: "I'm 81 and my son wants me to stop driving" and
    "My daughter keeps pushing me to have a carer" were answered "direct" with lines telling the
    son to take the car keys."""
    qa = assistant_over(tmp_path, {"caring.txt": CARING})
    note = ("The indexed articles are written for sons and daughters about their parents, not for "
            "a parent asking about their own children, so they don't answer this directly; the "
            "closest passages follow.")
    for parent in ("I'm 81 and my son wants to arrange help for me. Should he talk to me about "
                   "what help I want before he arranges any?",
                   "My daughter wants to share my care with her siblings. Should she talk to me "
                   "about what help I want before she arranges any?"):
        ans = qa.ask(parent)
        assert not ans.abstained and ans.quotes
        assert (ans.coverage, ans.scope_note) == ("partial", note)
    # the son or daughter asking is who the articles speak to, children of their own or not
    for child in ("My mother needs care and my kids are busy. How do I share it with my siblings?",
                  "My husband's mother needs care. How do we talk to her about what help she "
                  "wants?"):
        assert qa.ask(child).coverage == "direct"
    # and articles for parents, which say "your child", are never read as written for sons and
    # daughters, whoever asks
    qa = assistant_over(tmp_path / "siblings", {"siblings.txt": SIBLINGS})
    assert qa.ask("My two children fight all the time. Should I let them solve small "
                  "squabbles themselves before I step in?").coverage == "direct"


def test_a_fact_asked_in_texting_shorthand_is_read_spelled_out():
    from index.queries import expand_shorthand
    asked = expand_shorthand("hw much shud i charge my son 4 rent?? he makes like 2k a month")
    assert asked.startswith("how much should i charge")
    assert missing_fact(asked, ["If your grown child has an income, charge rent!"]) == "what it costs"
    assert missing_fact(asked, ["Many parents charge $300 a month."]) is None


MICROMANAGED = (
    "When Your Manager Micromanages You\n\n"
    "If your manager micromanages you, start by asking what worries them about your work. "
    "When a boss micromanages you, it is rarely about you: they micromanage you because they "
    "feel the pressure from above. Send short updates before they ask, so they micromanage you "
    "less. If she still micromanages you after a month of updates, ask for a meeting about how "
    "you work best. Keep notes of what you agreed, in case your manager micromanages you again.\n"
)


def test_articles_for_the_other_side_of_what_the_asker_does_say_so(tmp_path):
    """Articles say "your manager micromanages you"; the manager asking ("I micromanage my
    team") is on the other side of it: "partial", with the articles' own words in the note.
    The tester's case was a suspicious partner ("I can't trust my husband") answered from
    articles for the partner who isn't trusted."""
    qa = assistant_over(tmp_path, {"micromanaged.txt": MICROMANAGED})
    manager = qa.ask("I micromanage my team because I feel the pressure from above. Is it "
                     "rarely about them, and should they send short updates before I ask?")
    assert not manager.abstained and manager.quotes
    assert manager.coverage == "partial"
    assert manager.scope_note == ("The indexed articles speak to the other side of this "
                                  "(\"your manager micromanages you\"), so they don't answer it "
                                  "directly; the closest passages follow.")
    # the one micromanaged is who the articles speak to
    for asker in ("My boss micromanages me because she feels the pressure from above. Is it "
                  "rarely about me, and should I send short updates before she asks?",
                  # on both sides of it: the articles still speak to them
                  "My manager micromanages me and I micromanage my intern, because we feel the "
                  "pressure from above. Is it rarely about me? Should I send short updates "
                  "before she asks?"):
        assert qa.ask(asker).coverage == "direct"


def test_who_does_what_to_whom_is_read_in_linear_time():
    """Small words may stand between a person and a verb, four at most: a question or an
    article of nothing but small words is read in time proportional to its length."""
    import time

    from assistant.scope import audience, from_the_other_side
    from ingest.profile import Profile

    def seconds(n: int) -> float:
        t0 = time.perf_counter()
        text = "he does not do do do " * n
        from_the_other_side(text, [audience(text)], Profile())
        return time.perf_counter() - t0

    small, big = seconds(1_000), seconds(8_000)
    assert big < 20 * max(small, 1e-3)


def test_control_alone_is_answered_by_articles_on_control_without_a_help_line(tmp_path):
    """A tester's folder on jealousy and control: "my boyfriend checks my phone and tells me
    who I can see" got the notice and "The indexed articles don't say what to do about the
    danger you describe" from articles on exactly that, none naming a hotline. A partner's
    control alone is what such articles answer; a threat to body or life is not."""
    control = ("When a Partner Controls You\n\nA partner who checks your phone, reads your "
               "messages and tells you who you can see is controlling you. Keep seeing your "
               "friends. Tell your partner calmly that your phone is private. If the checking "
               "goes on, talk to someone you trust about what is happening.\n")
    qa = assistant_over(tmp_path, {"control.txt": control})
    ans = qa.ask("my boyfriend won't let me see my friends and checks my phone and reads my "
                 "messages. how do I tell him my phone is private?")
    assert ans.safety and ans.quotes
    assert "danger you describe" not in (ans.scope_note or "")
    threat = qa.ask("my boyfriend checks my phone and says he will hurt me if I see my "
                    "friends. how do I tell him my phone is private?")
    assert threat.safety and threat.coverage == "partial"
    assert "danger you describe" in threat.scope_note


# an article written to the person going through a breakup, never to someone helping them
BREAKUP = (
    "Getting Over a Breakup\n\n"
    "Accept that the relationship is over, and let yourself grieve it. Cry if you need to. "
    "Stay off your ex's social media for a while. Lean on the people who love you and spend "
    "time with them. Get outside every day, even for a short walk, and keep to your routine.\n"
)
# ...and one that also speaks to a friend helping: "your friend" all along
HELPING = (
    "Helping a Friend Through a Breakup\n\n"
    "If your friend has just been dumped, show up. Sit with your friend and let them cry. Don't "
    "criticise their ex. Get outside with them every day, even for a short walk.\n"
)


def test_a_friend_asking_how_to_help_is_told_the_articles_speak_to_the_one_going_through_it(
        tmp_path):
    """A tester's breakup folder: "my best friend just got dumped and won't leave her room, how
    can I help her" was answered "direct" with advice to the heartbroken person."""
    qa = assistant_over(tmp_path, {"breakup.txt": BREAKUP})
    asked = ("my best friend just got dumped and can't stop crying, how can I help her get over "
             "the breakup and accept that the relationship is over?")
    helper = qa.ask(asked)
    assert not helper.abstained and helper.quotes
    assert helper.coverage == "partial"
    assert helper.scope_note == ("The indexed articles are written for the person going through "
                                 "this, not for someone helping them through it, so they don't "
                                 "answer this directly; the closest passages follow.")
    # the person going through it is who the articles speak to
    own = qa.ask("I just got dumped and I can't stop crying. How do I get over the breakup and "
                 "accept that the relationship is over?")
    assert not own.abstained and own.coverage == "direct"
    # and articles that speak to a friend helping answer the friend directly
    both = assistant_over(tmp_path / "both", {"breakup.txt": BREAKUP, "helping.txt": HELPING})
    assert both.ask(asked).coverage == "direct"


@pytest.mark.parametrize("question", [
    "how can i help my boyfriend trust me",
    "How do I help him accept that I am not those people?",
    "I can't talk to my friends on Facebook about video games without him getting jealous",
])
def test_a_partner_or_a_story_about_friends_is_not_someone_to_help(question):
    from assistant.scope import asks_to_help
    assert not asks_to_help(question)


# From user testers' questions on a quitting-smoking page nobody tuned for: "Is it safe to use
# nicotine patches while I'm pregnant?" was answered "direct" with how to wear a patch, which
# reads as a yes. Whether a thing is safe in pregnancy is a fact only a line on pregnancy gives.
@pytest.mark.parametrize("question", [
    "Is it safe to use nicotine patches while I'm pregnant?",
    "I'm breastfeeding, is melatonin ok for me to take?",
    "Can I chew nicotine gum when I'm pregnant or is it harmful to the baby?",
])
def test_safety_in_pregnancy_is_a_fact_the_quotes_must_give(question):
    what = "whether it is safe during pregnancy or breastfeeding"
    patch = "The patch is put on each morning and worn for 16 hours."
    assert missing_fact(question, [patch]) == what
    assert missing_fact(question, ["If you are pregnant or breastfeeding, ask your midwife "
                                   "before using any nicotine product."]) is None


@pytest.mark.parametrize("question", [
    "My wife is pregnant and I feel scared about becoming a dad. How do I cope?",
    "We are expecting our first baby and I want to quit smoking before she arrives. Any tips?",
])
def test_a_pregnancy_named_with_no_question_of_safety_asks_no_such_fact(question):
    assert missing_fact(question, ["Talk to each other every day."]) is None


# Twenty-sixth audit: the rule read any "nursing" as breastfeeding and any "okay" near
# "pregnant" as a question of safety in pregnancy, so an elder's care or telling a boss was
# answered "The articles don't say whether it is safe during pregnancy or breastfeeding"
@pytest.mark.parametrize("question", [
    "Is it okay to move my mother into a nursing home?",
    "Is it safe to leave my dad in a nursing home over the holidays?",
    "Is it ok to look for nursing jobs while my husband is sick?",
    "Is it okay to tell my boss I'm pregnant?",
    "Is it ok to be jealous that my best friend is pregnant?",
])
def test_a_nursing_home_or_news_of_a_pregnancy_asks_no_fact_of_safety_in_pregnancy(question):
    assert missing_fact(question, ["Visit often and talk it over together."]) is None


@pytest.mark.parametrize("question", [
    "Is melatonin ok while nursing?",
    "Is it safe for pregnant women to vape?",
    "Is vaping dangerous during pregnancy?",
    "Pregnant and wondering: is coffee safe?",
])
def test_other_questions_of_safety_in_pregnancy_still_ask_it(question):
    assert missing_fact(question, ["Visit often and talk it over together."]) == (
        "whether it is safe during pregnancy or breastfeeding")


def test_the_pregnancy_pattern_is_linear():
    from assistant.scope import _FACTS
    from tests.timing import assert_linear

    fact = next(f for f in _FACTS if "pregnancy" in f.what)
    for unit in ("safe ", "pregnant ", "safe, pregnant "):
        assert_linear(lambda s: fact.asks.findall(s), unit, chars=50_000)
