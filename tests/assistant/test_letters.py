"""Readers' letters inside advice columns: the letter is the situation, the reply the advice."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

LETTER_THEN_REPLY = (
    "When Money Means Control\n\n"
    "Dear Amanda:\n\n"
    "I'm in a relationship with a man who controls all our money. My paycheck goes into his "
    "account and I get a small allowance each week. I have to ask him for money to see my "
    "friends. What should I do?\n\n"
    "Your instinct is right: an allowance your partner decides alone is a red flag. Ask for "
    "access to every account in both names. Keep a record of what is spent and talk to a "
    "counselor about the control.\n"
)
REPLY_SALUTATION = (
    "Threats At Work\n\n"
    "Last month a coworker told me she would hurt me after a meeting. I reported it but my "
    "manager laughed. I am scared to go back. What can I do?\n\n"
    "Dear Worried:\n\n"
    "No threat at work should be laughed off. Put the report in writing to human resources "
    "and keep copies of every message the coworker sent.\n"
)
INLINE = (
    "Vape Pen Found\n\n"
    "DEAR HARRIETTE: I found a vape pen in my son's pillowcase. He promised me he had stopped. "
    "I don't want him to lie to me. -- Worried Mom\n\n"
    "DEAR WORRIED MOM: Keep an even tone, show your son the pen and ask him why he kept it. "
    "Give him room to answer before you decide on a consequence.\n"
)

TITLE_CASE = (
    "Dying Friendships Sting\n\n"
    "Dear Carolyn: I've known my best friend since high school. Over the past few years so much "
    "distance has grown between us that I feel the friendship is done. Do I write him an honest "
    "letter, or do I let it fade? – Needy needs advice\n\n"
    "Most people let a friendship die of natural causes, even knowing it is an unsatisfying "
    "end, and that is a kind choice too.\n"
)
Q_AND_A = (
    "Bigger Work Burden Leads To Burnout\n\n"
    "Q: Ever since our manager reorganized the department, my job has become impossible. I have "
    "tried to tell my boss how stressful it is, but he never seems to get the message. How can "
    "I make him see it?\n\n"
    "A: When describing workload pressures, focus on the business impact. First, prepare a "
    "detailed summary of your current responsibilities.\n"
)


def letter_lines(qa):
    from assistant.letters import reader_letters
    from index.view import IndexView

    data = qa._state.data
    found = reader_letters(data, IndexView.of(data))
    return {data.sentences[r].text for r in found.rows}, [
        [data.sentences[r].text for r in reply] for reply in found.replies]

# a wedding column: the letter says "my" once, then "we" and "our" (its family), and a "Q:" with
# no space after it
ONE_MY = (
    "Fiance's Divorced Parents\n\n"
    "Dear Carolyn:\n\n"
    "My fiance's parents divorced around the time he graduated. Since then they have not seen "
    "each other in person, and the wedding will be the first time in years.\n\n"
    "Seat them apart and give each of them one job that keeps them busy on the day.\n"
)
OUR_FAMILY = (
    "Groom's Mother Creates Drama\n\n"
    "Dear Abby: My sister was married recently. Our family feels embarrassed because we hosted "
    "the wedding and the groom's mother made a scene.\n\n"
    "Dear Sister: Stay out of this and let your sister and her husband handle it.\n"
)
NO_SPACE = (
    "Should I Invite Mom?\n\n"
    "Q:My fiancé and I have not spoken to my mother in two years. I keep wondering whether I "
    "should invite her anyway.\n\n"
    "A: Not irrational, no. Incredibly normal. Decide what you can live with on the day.\n"
)

# testers' pages: a reader's letter under "A reader asks:"; a "QUESTION:" answered under the
# columnist's name, the reply quoting the reader's "I'm"
READER_ASKS = (
    "When Friends Keep Canceling\n\n"
    "A reader asks:\n\n"
    "My best friend has canceled on me four times this month. I always make the plans and I "
    "always end up eating alone. What are we supposed to do?\n\n"
    "Tell her plainly how the cancellations feel, then stop making every plan yourself.\n"
)
NAMED_REPLY = (
    "Prepping for a job interview a few days in advance\n\n"
    "QUESTION: I have an interview next week. I’m still worried that something could go wrong. "
    "Please advise.\n\n"
    "Gillespie: From nightmares about getting lost to “yeah, I’m a little nervous,” concerns "
    "about “something could go wrong” are the norm. They happen to most everyone.\n"
)

# testers' pages: a column's labels in Markdown emphasis, and with a full stop
EMPHASISED = (
    "Head banging during tantrums\n\n"
    "**Q:** My two-year-old son bangs his head when he has a tantrum. I can’t stop him and I am "
    "worried that he will hurt himself.\n\n"
    "**A:** Headbanging is an unnerving habit, but it is usually harmless. Stay close and keep "
    "the area around him soft.\n"
)
FULL_STOP = (
    "Not-so-neighborly neighbors\n\n"
    "Q. The owner in the unit downstairs from me parties late into the night and slams doors. I "
    "have complained to the board, but it turns a blind eye. What to do?\n\n"
    "A. Keep a written log of every incident with dates and times, and send it to the board "
    "by certified mail.\n"
)


@pytest.mark.parametrize("article, letter, reply", [
    (EMPHASISED, "I can’t stop him and I am worried that he will hurt himself.",
     # a column's "A:" label is never part of the reply's quote (ingest.structure)
     "Headbanging is an unnerving habit, but it is usually harmless."),
    (FULL_STOP, "I have complained to the board, but it turns a blind eye.",
     "A. Keep a written log of every incident with dates and times, and send it to the board "
     "by certified mail."),
    (READER_ASKS, "I always make the plans and I always end up eating alone.",
     "Tell her plainly how the cancellations feel, then stop making every plan yourself."),
    (NAMED_REPLY, "I’m still worried that something could go wrong.",
     "Gillespie: From nightmares about getting lost to “yeah, I’m a little nervous,” concerns "
     "about “something could go wrong” are the norm."),
    # the columnist's label ending in "says," opens the reply as "Gillespie:" does
    (NAMED_REPLY.replace("Gillespie: From", "Gillespie says, from"),
     "I’m still worried that something could go wrong.",
     "Gillespie says, from nightmares about getting lost to “yeah, I’m a little nervous,” "
     "concerns about “something could go wrong” are the norm."),
    (ONE_MY, "Since then they have not seen each other in person, and the wedding will be the "
     "first time in years.",
     "Seat them apart and give each of them one job that keeps them busy on the day."),
    # (a salutation opening a paragraph is a sentence of its own, never quoted: the reply's
    # quote starts at its advice)
    (OUR_FAMILY, "My sister was married recently.",
     "Stay out of this and let your sister and her husband handle it."),
    (NO_SPACE, "I keep wondering whether I should invite her anyway.",
     "A: Not irrational, no."),
    (LETTER_THEN_REPLY, "My paycheck goes into his account and I get a small allowance each week.",
     "Your instinct is right: an allowance your partner decides alone is a red flag."),
    (REPLY_SALUTATION, "I am scared to go back.", "No threat at work should be laughed off."),
    (INLINE, "He promised me he had stopped.",
     "Keep an even tone, show your son the pen and ask him why he kept it."),
    # a salutation in title case, and a column's "Q:" / "A:"
    (TITLE_CASE, "I've known my best friend since high school.",
     "Most people let a friendship die of natural causes, even knowing it is an unsatisfying "
     "end, and that is a kind choice too."),
    (Q_AND_A, "I have tried to tell my boss how stressful it is, but he never seems to get the "
     "message.", "When describing workload pressures, focus on the business impact."),
])
def test_a_letter_and_its_reply_are_told_apart(tmp_path, article, letter, reply):
    qa = assistant_over(tmp_path, {"column.txt": article})
    letters, replies = letter_lines(qa)
    assert letter in letters and reply not in letters
    assert len(replies) == 1 and replies[0][0] == reply


def test_an_article_without_a_letter_has_none(tmp_path):
    qa = assistant_over(tmp_path, {"plain.txt": "Budgeting\n\nI think you should track every "
                                                 "cost for a month. My advice: start small.\n"})
    assert letter_lines(qa) == (set(), [])


def test_a_question_like_the_letter_gets_the_reply_not_the_letter(tmp_path):
    """The asker's own story, told by another reader, is not an answer to them."""
    qa = assistant_over(tmp_path, {"column.txt": LETTER_THEN_REPLY})
    ans = qa.ask("my paycheck goes into his account and I get a small allowance, "
                 "I have to ask him for money to see my friends. what should I do?")
    assert ans.quotes and not ans.abstained
    quoted = " ".join(q.text for q in ans.quotes)
    assert "allowance each week" not in quoted and "Dear Amanda" not in quoted
    assert "red flag" in quoted or "access to every account" in quoted


def test_a_salutation_on_its_own_line_is_never_quoted(tmp_path):
    """"Dear Carolyn:" and "Dear Anonymous," were quoted alone as the first line of answers."""
    qa = assistant_over(tmp_path, {"column.txt": ONE_MY, "reply.txt": (
        "Inviting Mom\n\nDear Anonymous,\n\nNot irrational, no. Incredibly normal.\n")})
    letters, _ = letter_lines(qa)
    assert {"Dear Carolyn:", "Dear Anonymous,"} <= letters


# Letters without a salutation, found from their form (testers' pages: a reader's question quoted
# mid-paragraph, a reader's testimonial opening an article, a letter right under the title).
QUOTED_ASK = (
    "Feeding a Toddler Who Eats Only Pasta\n\n"
    "Last month a father of twins sent me a note that I still think about: “Is there any hope "
    "for us? My twins will only eat plain pasta and I am losing my mind. We have tried hiding "
    "carrots in the sauce and we have tried skipping dessert.\n"
    "How do we get them to eat anything else?”\n\n"
    "Keep offering one new food beside a food your child already likes, without pressure. "
    "Let your child serve it.\n"
)
EXPERT_QUOTE = (
    "Feeding a Toddler Who Eats Only Pasta\n\n"
    "Dr. Lee, who has written for parents for years, puts it plainly: “I tell my families that "
    "we never force a bite. My rule is one taste, then we move on.”\n\n"
    "Keep offering one new food beside a food your child already likes, without pressure.\n"
)
TESTIMONIAL = (
    "# Making Friends After a Move\n\n"
    "“Since I moved for my job I have nobody to eat lunch with. I sit at my desk and I feel "
    "invisible to everyone.”\n\n"
    "Making friends in a new city takes time, but you can speed it up. Say yes to every "
    "invitation you get in your first month.\n"
)
TESTIMONIAL_LATER = (
    "# Making Friends After a Move\n\n"
    "Making friends in a new city takes time, but you can speed it up.\n\n"
    "“Since I moved for my job I have nobody to eat lunch with. I sit at my desk and I feel "
    "invisible to everyone.”\n\n"
    "Say yes to every invitation you get in your first month.\n"
)
EXPERT_AT_TOP = (
    "# Making Friends After a Move\n\n"
    "“I tell my clients that we all need a lunch friend,” says Dr. Ames, a counselor.\n\n"
    "Making friends in a new city takes time, but you can speed it up.\n"
)
UNSALUTED = (
    "Tired of Lending My Brother Money\n\n"
    "By Sam Lee, family therapist\n\n"
    "Boundaries are kinder than resentment, in families most of all.\n\n"
    "My brother calls me every payday to borrow money, and I always give in. I feel used, but "
    "I love him and I don't want to lose him. Any advice?\n\n"
    "You can love your brother and still say no. Tell him once, kindly, that you won't lend "
    "money any more.\n"
)
OWN_STORY = (
    "Tired of Lending My Brother Money\n\n"
    "My brother called me every payday to borrow money, and I always gave in. I felt used, but "
    "I loved him. Here is what I learned.\n\n"
    "You can love your brother and still say no. Tell him once, kindly, that you won't lend "
    "money any more.\n"
)
ANSWERED_BY_SELF = (
    "Tired of Lending My Brother Money\n\n"
    "My brother calls me every payday to borrow money, and I always give in. I feel used, but "
    "I love him. What should I do?\n\n"
    "I decided to stop lending. I told him once, kindly, and I kept my word.\n"
)


@pytest.mark.parametrize("article, letter, reply", [
    # a reader's letter quoted mid-paragraph, running on over a line break
    (QUOTED_ASK, "We have tried hiding carrots in the sauce and we have tried skipping dessert.",
     "Keep offering one new food beside a food your child already likes, without pressure."),
    (TESTIMONIAL, "I sit at my desk and I feel invisible to everyone.”",
     "Making friends in a new city takes time, but you can speed it up."),
    (UNSALUTED, "I feel used, but I love him and I don't want to lose him.",
     "You can love your brother and still say no."),
])
def test_a_letter_without_a_salutation_is_found_from_its_form(tmp_path, article, letter, reply):
    qa = assistant_over(tmp_path, {"column.txt" if not article.startswith("#") else "page.md":
                                   article})
    letters, replies = letter_lines(qa)
    assert letter in letters and reply not in letters
    assert len(replies) == 1 and replies[0][0] == reply


def test_a_letter_quoted_mid_paragraph_is_whole_from_its_opening_mark_to_its_closing_one(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": QUOTED_ASK})
    letters, _ = letter_lines(qa)
    assert "How do we get them to eat anything else?”" in letters  # on the next line
    assert any(x.endswith("“Is there any hope for us?") for x in letters)


def test_the_dek_before_a_letter_without_a_salutation_is_still_quoted(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": UNSALUTED})
    letters, _ = letter_lines(qa)
    assert "Boundaries are kinder than resentment, in families most of all." not in letters


@pytest.mark.parametrize("article", [
    EXPERT_QUOTE,  # an expert quoted in quotation marks is not a letter
    TESTIMONIAL_LATER,  # a quoted paragraph further down is an example, not the reader's story
    EXPERT_AT_TOP,  # a quotation at the top that is attributed to an expert
    OWN_STORY,  # the writer's own story: the story rule's, not a letter (it asks nothing)
    ANSWERED_BY_SELF,  # asks, but the writer answers in the first person
])
def test_near_misses_of_a_letter_without_a_salutation_are_not_letters(tmp_path, article):
    qa = assistant_over(tmp_path, {"column.txt" if not article.startswith("#") else "page.md":
                                   article})
    assert letter_lines(qa) == (set(), [])


def test_a_question_like_a_quoted_letter_gets_the_reply_not_the_letter(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": QUOTED_ASK})
    ans = qa.ask("my twins will only eat plain pasta, we have tried hiding carrots in the sauce. "
                 "how do we get them to eat anything else?")
    quoted = " ".join(q.text for q in ans.quotes)
    assert ans.quotes and "hiding carrots" not in quoted and "losing my mind" not in quoted
    assert "Keep offering one new food" in quoted


# A reply's lines to the letter's writer (testers' pages: "It sounds like you may be newly
# married." quoted to askers married for years; a reply labelled "Chris says," and greeting the
# writer "Hi MIL!" on lines of their own)
LABELLED_REPLY = (
    "My Wife Spends Every Weekend at Her Sister's\n\n"
    "Dear Robin,\n\n"
    "My wife spends every weekend at her sister's house and I am lonely at home. I have asked "
    "her to stay, but she says I am being needy. What should I do?\n\n"
    "Lonely in Leeds\n\n"
    "Robin says,\n\n"
    "Hi Lonely!\n\n"
    "It sounds like you may have married quite recently. If so, this is a habit from her single "
    "days. Plan one weekend a month that is just for the two of you. Believe me, Lonely, most "
    "couples go through this. Tell her what you miss, not what she does wrong.\n\n"
    "Hi again, Lonely, you can also join her now and then.\n\n"
    "Many husbands feel this way, though in your case, the cure is simple.\n"
)


def test_a_replys_lines_to_the_writer_are_letter_context(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": LABELLED_REPLY})
    letters, replies = letter_lines(qa)
    context = {"Robin says,", "Hi Lonely!",  # the reply's label and greeting
               "It sounds like you may have married quite recently.",  # a guess
               "If so, this is a habit from her single days.",  # what holds if it is right
               "Believe me, Lonely, most couples go through this.",  # the writer's name
               "Many husbands feel this way, though in your case, the cure is simple."}
    assert context <= letters
    signature = next(s for s in qa._state.data.sentences if s.text == "Lonely in Leeds")
    assert not signature.quotable  # the writer's signature, a line of its own
    # the reply goes on past its label and greeting, and its advice is quoted, a greeting of
    # the writer with advice to "you" too
    assert replies == [["Plan one weekend a month that is just for the two of you.",
                        "Tell her what you miss, not what she does wrong.",
                        "Hi again, Lonely, you can also join her now and then."]]


def test_a_guess_at_the_readers_circumstances_outside_a_reply_is_quoted(tmp_path):
    """Only a reply to a letter speaks to one writer; an article speaks to every reader."""
    qa = assistant_over(tmp_path, {"plain.txt": (
        "Weekends Apart\n\nIt sounds like you may need more time together. Plan one weekend a "
        "month that is just for the two of you.\n")})
    assert letter_lines(qa) == (set(), [])


def test_the_writers_circumstances_are_not_quoted_to_another_asker(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": LABELLED_REPLY})
    ans = qa.ask("we have been married for twelve years and my wife spends every weekend at her "
                 "sister's, what should I do?")
    quoted = " ".join(q.text for q in ans.quotes)
    assert ans.quotes and "married quite recently" not in quoted and "Robin says" not in quoted
    assert "habit from her single days" not in quoted and "in your case" not in quoted


# A column that prints one sentence per line (testers' page: a tabloid's agony aunt): the letter
# goes on in the third person ("He's 38 and he plays on his Xbox..."), the page's contact box
# stands between the letter and the reply, the reply is labelled in capitals on the line with its
# first words ("DEIDRE SAYS: Rather than...") and ends with a plug for the columnist's own pack.
ONE_PER_LINE = (
    "My sister never pays me back\n"
    "DEAR MARTA: I lent my sister money for her car last spring.\n"
    "She promised to pay it back by Christmas.\n"
    "Since then she has been on two holidays and bought a new sofa.\n"
    "Whenever the money comes up she changes the subject.\n"
    "I am starting to dread family dinners.\n"
    "Our parents think it is not worth a row.\n"
    "Write to the Marta team\n"
    "Every letter gets a private answer from a trained adviser.\n"
    "You can also send a message on the website.\n"
    "MARTA SAYS: Ask your sister to meet you somewhere calm and tell her how the debt makes you "
    "feel.\n"
    "Agree a small monthly sum she can manage and put it in writing.\n"
    "My e-leaflet Money Between Family will help you plan what to say.\n"
)
LETTER_LINES = {"Since then she has been on two holidays and bought a new sofa.",
                "Whenever the money comes up she changes the subject.",
                "Our parents think it is not worth a row."}
REPLY_LINES = ["MARTA SAYS: Ask your sister to meet you somewhere calm and tell her how the debt "
               "makes you feel.", "Agree a small monthly sum she can manage and put it in writing."]


@pytest.mark.parametrize("article, reply", [
    (ONE_PER_LINE, REPLY_LINES),
    # the label on a line of its own, in capitals
    (ONE_PER_LINE.replace("MARTA SAYS: Ask", "MARTA SAYS:\nAsk"),
     ["Ask your sister to meet you somewhere calm and tell her how the debt makes you feel.",
      REPLY_LINES[1]]),
    # the label in mixed case, the columnist named as the salutation names her
    (ONE_PER_LINE.replace("MARTA SAYS:", "Marta replies:"),
     ["Marta replies: " + REPLY_LINES[0][len("MARTA SAYS: "):], REPLY_LINES[1]]),
])
def test_a_letter_runs_over_its_third_person_lines_to_the_replys_label(tmp_path, article, reply):
    qa = assistant_over(tmp_path, {"column.txt": article})
    letters, replies = letter_lines(qa)
    assert LETTER_LINES <= letters
    assert replies == [reply]  # the contact box and the plug are not the reply


def test_a_q_and_a_letter_runs_over_its_third_person_paragraphs_to_the_answer(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": (
        "Roommate Leaves Dishes\n\n"
        "Q: My roommate leaves his dishes in the sink for days.\n\n"
        "He says the kitchen is mine to clean because he pays more rent.\n\n"
        "Last week the sink was full and the whole flat smelled.\n\n"
        "A: Rent and chores are separate deals. Write down who cleans what and put it on the "
        "fridge.\n")})
    letters, replies = letter_lines(qa)
    assert {"He says the kitchen is mine to clean because he pays more rent.",
            "Last week the sink was full and the whole flat smelled."} <= letters
    assert replies == [["Rent and chores are separate deals.",  # the label is no part of it
                        "Write down who cleans what and put it on the fridge."]]


def test_the_page_between_a_letter_and_its_reply_is_never_quoted(tmp_path):
    """The contact box ("You can also send a message") is neither the letter nor advice."""
    qa = assistant_over(tmp_path, {"column.txt": ONE_PER_LINE})
    letters, _ = letter_lines(qa)
    assert "You can also send a message on the website." in letters


def test_a_columnists_plug_for_their_own_pack_is_not_advice(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": ONE_PER_LINE})
    letters, _ = letter_lines(qa)
    assert "My e-leaflet Money Between Family will help you plan what to say." in letters


def test_a_question_like_a_one_per_line_letter_gets_the_reply(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": ONE_PER_LINE})
    ans = qa.ask("my sister borrowed money and has been on holidays and bought a sofa, whenever "
                 "the money comes up she changes the subject. what should I do?")
    quoted = " ".join(q.text for q in ans.quotes)
    assert ans.quotes and "holidays" not in quoted and "changes the subject" not in quoted
    assert "e-leaflet" not in quoted and "send a message" not in quoted


@pytest.mark.parametrize("article", [
    # someone in the letter "says:", in mixed case, not the columnist the letter is written to
    ONE_PER_LINE.replace("MARTA SAYS: Ask", "Mum says: ask"),
    # no reply label at all: the letter ends where its first person does, as before
    ONE_PER_LINE.replace("MARTA SAYS: ", ""),
])
def test_without_a_replys_label_third_person_lines_end_the_letter(tmp_path, article):
    qa = assistant_over(tmp_path, {"column.txt": article})
    letters, replies = letter_lines(qa)
    assert "Since then she has been on two holidays and bought a new sofa." not in letters
    assert replies[0][0] == "She promised to pay it back by Christmas."


@pytest.mark.parametrize("pattern, unit, suffix", [
    # matched at the start of each paragraph
    ("_SAYS_INLINE", "Aa Bb Cc Dd says ", ""),
    ("_SAYS_INLINE", "A", " says:"),  # one long word
    ("_SAYS", "Aa Bb says ", ""),
    ("_ADDRESSEE", "dear " * 10, ""),
    ("_ADDRESSEE", "dear a", ""),
    # searched in every sentence of a reply
    ("_PLUG", "my own book, on my support pack send you my ", "Aa"),
    ("_PLUG", "My book Aa", ""),
    ("_PLUG", "My book " + "A" * 200, ""),
])
def test_the_new_patterns_are_linear(pattern, unit, suffix):
    import assistant.letters as letters
    from tests.timing import assert_linear

    regex = getattr(letters, pattern)
    find = regex.findall if pattern == "_PLUG" else regex.match
    assert_linear(find, unit, suffix=suffix)


def _timed_letters(qa):
    """The letters ``qa``'s index holds, and the CPU seconds reading them took."""
    import time

    from assistant.letters import reader_letters
    from index.view import IndexView

    data = qa._state.data
    view = IndexView.of(data)
    start = time.process_time()
    found = reader_letters(data, view)
    return found, time.process_time() - start


@pytest.mark.parametrize("text", [
    # every mark attributed to a reader, none closed: each was scanned 4,000 characters on, and
    # the 200 characters before it read with a pattern that tried every start (5.8 s; 2 MB did
    # not finish in 15 minutes)
    "A reader wrote: “I " * 4000 + "\n",
    # a paragraph per line opening with a mark, near the top: each scanned for its close (3.9 s)
    "Keep calm and talk to them.\n\n" + "“I think my son is upset\n\n" * 4000,
], ids=["attributed-marks", "opening-marks"])
def test_many_quotation_marks_are_read_in_linear_time(tmp_path, text):
    qa = assistant_over(tmp_path, {"marks.txt": text})
    _, seconds = _timed_letters(qa)
    assert seconds < 1.5


def test_many_paragraphs_asking_for_help_are_read_in_linear_time(tmp_path):
    """Each paragraph that asks walked back over every paragraph before it to the article's top
    (quadratic: 6.5 s for 14 KB, some 7 hours for an upload of 50,000 such lines)."""
    qa = assistant_over(tmp_path, {"asks.txt": "I my please help\n\n" * 1000})
    _, seconds = _timed_letters(qa)
    assert seconds < 1.5


def test_a_long_run_of_sentences_hanging_on_a_guess_is_read_in_linear_time(tmp_path):
    """What hangs on a reply's guess ("Otherwise ...") was looked up in a list once per
    sentence (quadratic: 14 s for 16,000 such sentences)."""
    qa = assistant_over(tmp_path, {"column.txt": (
        "Dear Amanda:\n\nI am worried about my son and my job. What should I do?\n\n"
        "It sounds like you are worried. " + "Otherwise so. " * 12000 + "\n")})
    found, seconds = _timed_letters(qa)
    assert seconds < 1.5
    otherwise = [r for r, s in enumerate(qa._state.data.sentences) if s.text == "Otherwise so."]
    assert len(otherwise) == 12000 and set(otherwise) <= found.rows  # all hang on the guess


# a column laid out under the headings "Question" and "Answer", its reply labelled with the
# expert's name, role and firm (a tester's solicitors' page)
HEADED_COLUMN = """<html><head><title>Parking outside my house</title></head><body><article>
<h1>Parking outside my house</h1>
<h2>Question</h2>
<p>My neighbour parks outside my house every day, so I have to park down the road from my own
home. Is there anything I can do to stop him?</p>
<h2>Answer</h2>
<p><strong>Jane Doe, Litigation Executive, Doe &amp; Partners replies:</strong></p>
<p>Disputes about where neighbours park are common. Nobody owns the road outside their house, so
as long as a car is taxed and parked legally it may stay there.</p>
<h3>What the rules say</h3>
<p>You must not park across the entrance to a property.</p>
</article></body></html>"""


def test_question_and_answer_headings_mark_the_letter_and_its_reply(tmp_path):
    """The reader's letter under "Question" was quoted as advice, and the reply's label
    "Simon Horwood, Litigation Executive, Clarke & Son replies:" was quoted alone."""
    qa = assistant_over(tmp_path, {"column.html": HEADED_COLUMN})
    letters, replies = letter_lines(qa)
    assert "Is there anything I can do to stop him?" in letters
    assert "Jane Doe, Litigation Executive, Doe & Partners replies:" in letters  # never quoted
    assert replies and replies[0][0] == "Disputes about where neighbours park are common."
    ans = qa.ask("my neighbour keeps parking outside my house so I have to park down the road, "
                 "can I stop him?")
    quoted = " ".join(q.text for q in ans.quotes)
    assert ans.quotes and "down the road" not in quoted and "replies:" not in quoted


def test_an_experts_label_with_role_and_firm_opens_the_reply_after_a_letter(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": (
        "Parking Rows\n\n"
        "Dear Jane:\n\n"
        "My neighbour parks outside my house every day and I have to walk from the end of the "
        "street. I have asked him politely twice. What can I do?\n\n"
        "Jane Doe, Family Mediator, Calm Homes replies:\n\n"
        "Nobody owns the road outside their house. Ask for a mediator if talking fails.\n")})
    letters, replies = letter_lines(qa)
    assert "Jane Doe, Family Mediator, Calm Homes replies:" in letters
    assert "I have asked him politely twice." in letters
    assert replies == [["Nobody owns the road outside their house.",
                        "Ask for a mediator if talking fails."]]


def test_a_question_heading_over_no_letter_in_the_first_person_is_no_letter(tmp_path):
    """An FAQ's "Question" over a question in the third person: nobody's letter."""
    qa = assistant_over(tmp_path, {"faq.md": (
        "# Parking FAQ\n\n## Question\n\nCan a neighbour be stopped from parking on a public "
        "road?\n\n## Answer\n\nNot if the car is taxed and parked legally. Talk to them first.\n")})
    letters, _ = letter_lines(qa)
    assert not {t for t in letters if "public road" in t or "Talk to them" in t}


@pytest.mark.parametrize("unit, suffix", [("Aa Bb, Cc Dd ", ""), ("Aa, ", "Bb replies:"),
                                          ("A", " replies:")])
def test_the_experts_label_is_read_in_linear_time(unit, suffix):
    from assistant.letters import _SAYS_ROLE
    from tests.timing import assert_linear

    assert_linear(_SAYS_ROLE.match, unit, suffix=suffix)


# How columns are written (the testers' eyeA pages): a letter opened "Dear Jo," with a comma,
# running on in the third person and a plea to its signature; the reply's salutation; the
# columnist's words about the letter itself
COMMA_COLUMN = (
    "Ask Jo: Parents worry about son's job hunt\n\n"
    "Dear Jo, I'm a 45-year-old woman, married for five years. My issue is my 21-year-old son, "
    "who lives with us.\n\n"
    "He recently applied for the police academy, but he never follows through with anything.\n\n"
    "My wife and I have never lived alone, and she's getting frustrated. I feel completely torn."
    "\n\nPlease help.\n\n"
    "– Torn in the Midwest\n\n"
    "Dear Torn: Your unemployed adult son living at home is not your issue alone. He needs to "
    "get a job.\n\n"
    "You and your wife should approach this as equal partners in your household.\n")


def test_a_letter_opened_with_a_comma_runs_on_to_its_signature(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": COMMA_COLUMN})
    letters, replies = letter_lines(qa)
    assert {"My issue is my 21-year-old son, who lives with us.",
            "He recently applied for the police academy, but he never follows through with "
            "anything.", "I feel completely torn.", "Please help."} <= letters
    assert replies[0][:2] == ["Your unemployed adult son living at home is not your issue alone.",
                              "He needs to get a job."]


def test_a_columnists_words_about_the_letter_are_letter_context(tmp_path):
    qa = assistant_over(tmp_path, {"column.txt": (
        "Being Young Again\n\nDear Pat:\n\n"
        "Hi, I am in my early thirties and I have had to move back home with my parents. They "
        "treat me like I'm still a kid. I need some help explaining that I am not a kid.\n\n"
        "Help, Jamie.\n\nHi Jamie:\n\n"
        "Thanks for taking the time to email. Your situation is all too common at the present "
        "time. You do not explain why you moved back, however I will assume it is for money.\n\n"
        "To have a respectful relationship with your parents you need to discuss boundaries and "
        "house rules. If a door is closed, neither party can just walk in.\n")})
    letters, replies = letter_lines(qa)
    assert {"Thanks for taking the time to email.",
            "Your situation is all too common at the present time.",
            "You do not explain why you moved back, however I will assume it is for money."
            } <= letters
    assert replies[0][0] == ("To have a respectful relationship with your parents you need to "
                             "discuss boundaries and house rules.")


@pytest.mark.parametrize("article", [
    # a "Dear ...," inside an article's prose, not in the first person, is no letter
    "Writing to Your Son\n\nDear John, the letter began, and the son read it twice. Parents "
    "who write a letter often find the words come more easily than in a talk.\n",
    # a reply that turns to "you" before any signature: the letter ends where its first person
    # does, as before
    "Column\n\nDear Jo, I am worried about my son and I feel lost.\n\nHe sleeps all day.\n\n"
    "You should talk to him when you are both calm.\n\n– Someone Else\n\nMore text here.\n",
])
def test_near_misses_of_a_comma_letter_and_its_signature(tmp_path, article):
    qa = assistant_over(tmp_path, {"column.txt": article})
    letters, _ = letter_lines(qa)
    assert "You should talk to him when you are both calm." not in letters
    assert "Parents who write a letter often find the words come more easily than in a talk." \
        not in letters


SIGNED_NO_DASH = (
    "One roommate never takes out the trash\n\n"
    "Dear Annie,\n\n"
    "I share a flat with two friends from college, and I want to keep the peace.\n\n"
    "The trouble is always the bins.\n\n"
    "Jordan leaves the trash until it overflows and then says it was never full.\n\n"
    "I wish I could afford my own place. Any advice on keeping this household together?\n\n"
    "Tired in Tulsa\n\n"
    "Dear Tired,\n\n"
    "Put the bins on a written rota and check it once a week. Agree on what full means "
    "before anyone argues about it.\n"
)


def test_a_letter_runs_on_to_a_signature_over_the_replys_salutation(tmp_path):
    """A column's letter under "Dear Annie," goes on in the third person ("Jordan leaves the
    trash...") down to its signature, with no dash before it, over the reply's "Dear Tired,":
    none of it is the reply's advice."""
    from assistant.letters import reader_letters
    from index.view import IndexView

    qa = assistant_over(tmp_path, {"bins.txt": SIGNED_NO_DASH})
    letter, replies = letter_lines(qa)
    story = "Jordan leaves the trash until it overflows and then says it was never full."
    assert story in letter
    assert replies == [["Put the bins on a written rota and check it once a week.",
                        "Agree on what full means before anyone argues about it."]]
    answer = qa.ask("my roommate leaves the trash until it overflows, what do I do")
    assert all(story not in q.text and "The trouble is" not in q.text for q in answer.quotes)
    data = qa._state.data
    old = reader_letters(data, IndexView.of(data), signed_line=False)
    assert story not in {data.sentences[r].text for r in old.rows}


def test_greetings_padded_with_spaces_are_read_in_linear_time(tmp_path):
    """Where a name began in the run of spaces after "Hi" was tried at each space, each try
    reading on to the line's end: a 480-character line of "hi", spaces and "x." (a reply's
    greeting, `_GREETING`) or "?" (a salutation, `_SALUTATION_LINE`) took 130-150 ms, at every
    index load: 40 such lines after a letter 1.9 s, a 2 MB upload of them minutes (twenty-fifth
    audit). A greeting is still a greeting."""
    from assistant.letters import _GREETING, _SALUTATION_LINE
    from tests.timing import assert_linear

    assert_linear(lambda t: _GREETING.match("hi" + t), " ", 2_000, suffix="x")
    assert_linear(lambda t: _SALUTATION_LINE.match("hi" + t), " ", 2_000, suffix="?")
    qa = assistant_over(tmp_path, {"column.txt": (
        "Dear Amanda:\n\nI am worried about my son and my job. What should I do?\n\n"
        + ("hi" + " " * 480 + "x.\n\n") * 20 + ("hi" + " " * 480 + "?\n\n") * 20)})
    _, seconds = _timed_letters(qa)
    assert seconds < 0.5  # it took 1.9 s
    assert _GREETING.match("Hi   Darlene, mother-in-law problems are hard").group(2) == "Darlene"
    assert _SALUTATION_LINE.match("Dear   Worried Mom:") and _SALUTATION_LINE.match("Hi  !")
    assert not _SALUTATION_LINE.match("Hi !") and not _SALUTATION_LINE.match("hi" + " " * 50 + "?")
