"""Headings, sections and boilerplate, on the real articles and on small made-up ones."""

from __future__ import annotations

import pytest

from ingest import Document, section_display, split_sentences
from ingest.structure import detect_structure

from .conftest import A000, A002, A003


def _headings(doc: Document) -> list[tuple[str, str]]:
    return [(s.display, s.kind) for s in doc.sections]


def test_article_000_sections(docs):
    assert _headings(docs[A000]) == [
        ("My Boyfriend Doesn’t Trust Me (8 Sensible Tips)", "title"),
        ("What To Do If Your Boyfriend Doesn’t Trust You", "heading"),
        ("1. Be trustworthy", "tip"),
        ("2. Be patient", "tip"),
        ("3. Reassure him", "tip"),
        ("4. Beware of abuse", "tip"),
        ("5. Talk about it", "tip"),
        ("6. Therapy", "tip"),
        ("What do you do when your partner doesn't trust you?", "question"),
        ("What does it mean when your partner doesn't trust you?", "question"),
        ("Can a relationship survive without trust?", "question"),
        ("Should you be with someone you don't trust?", "question"),
        ("Do cheaters feel guilt?", "question"),
        ("All In All...", "heading"),
    ]


def test_article_002_has_only_its_title(docs):
    # "But not the way you think..." is a short paragraph, not a heading
    assert _headings(docs[A002]) == [("My boyfriend doesn't trust me", "title")]


PARTNERS_PAST = (
    "Your Partner’s Life Experiences Might Make It Difficult for Them to Trust You…….and Everyone!"
)
ATTEMPTS = "Your Attempts to Manage this Situation Aren’t Working or are Likely Making Things Worse"


def test_article_003_sections(docs):
    assert _headings(docs[A003]) == [
        ("What Should I Do if My Partner Doesn’t Trust Me?", "title"),
        ("Why doesn’t my partner trust me?", "question"),
        (PARTNERS_PAST, "heading"),
        (ATTEMPTS, "heading"),
        ("1. You Offer Reassurances", "tip"),
        ("2. You Ignore", "tip"),
        ("3. You Get Angry", "tip"),
        ("4. You Give In", "tip"),
        ("5. You Begin to Selectively Manage What You Tell Your Partner", "tip"),
        ("So, What Should I Do If My Partner Doesn’t Trust Me?", "question"),
        ("1. Be Clear About Your Own Motivations", "tip"),
        ("2. Try to Empathically Connect to Your Partner’s Past", "tip"),
        ("3. Remind Yourself That It’s Not About You", "tip"),
        ("4. Tell the Truth", "tip"),
        ("5. Look for Ways to Love Your Partner Well", "tip"),
        ("6. Set Boundaries", "tip"),
        ("7. Encourage Your Partner to Begin Therapy", "tip"),
        ("8. Attend Couples Therapy Together", "tip"),
        ("About the Author", "heading"),
    ]


def test_inline_tip_heading_is_the_verbatim_slice_up_to_the_colon(docs):
    doc = docs[A003]
    tip = next(s for s in doc.sections if s.display == "4. You Give In")
    assert tip.heading == "4. \xa0 \xa0 \xa0 You Give In:"
    assert doc.text[tip.heading_end :].startswith(" Sometimes you are so at a loss")


def test_a_numbered_tip_whose_sentence_runs_on_after_a_colon_is_not_cut_there():
    """A tester's page: the item's list after the colon was cut off as a fragment
    ("birthdays, anniversaries, holidays and occasions.") under a "section" named by the item."""
    tip = ("  3. Recognize the special days in whatever way feels comfortable: birthdays, "
           "anniversaries, holidays and occasions. It might be as simple as setting an extra "
           "place at the table, lighting a candle, or releasing a balloon.")
    text = f"Intro sentence here.\n\n{tip}\n\n  5. Talk to your parent; death doesn’t end it.\n"
    assert _structure(text)[0] == [("", "intro")]
    assert [s.text for s in split_sentences(_doc(text))][1] == tip.split(" It might")[0].strip()
    # the inline tip form still reads a heading when a sentence opens after the colon
    for opener in ("Sometimes you", "“Sometimes”, you"):
        text = f"Intro sentence here.\n\n4.  You Give In: {opener} are so at a loss.\n"
        assert _structure(text)[0] == [("", "intro"), ("4.  You Give In:", "tip")]


def test_sections_are_exact_ordered_and_cover_the_text(docs):
    for doc in docs.values():
        assert doc.sections[0].start == 0
        for s, nxt in zip(doc.sections, doc.sections[1:] + [None]):
            assert doc.text[s.start : s.heading_end] == s.heading
            assert s.start <= s.heading_end <= s.end
            assert s.end == (nxt.start if nxt else len(doc.text))
            assert s.kind in {"title", "tip", "question", "heading"}


def test_boilerplate_found_in_the_articles(docs):
    spans = {k: [d.text[a:b] for a, b in d.boilerplate] for k, d in docs.items()}
    assert spans[A000] == [
        "Last updated on June 8, 2022 by April Maccario",
        (
            "I’m interested in your thoughts, put them down in the comment section below and "
            "please share this article too."
        ),
    ]
    assert spans[A002] == ["And that's' it for today’s post - see ya!"]
    assert spans[A003] == [
        "May 15, 2023",
        "Featured image for “What Should I Do if My Partner Doesn’t Trust Me?”",
        "About the Author",
    ]


def test_boilerplate_never_takes_the_advice_around_it(docs):
    sents = {s.text: s for d in docs.values() for s in split_sentences(d)}
    # same paragraph as the share prompt, same article as the sign-off
    assert sents[
        "I hope you enjoyed this article, remember that it’s not solely your job to make "
        "your partner trust you with the relationship, these tips are just here to help "
        "if the issue is from your end."
    ].retrievable
    assert sents["Hahah, just kidding - of course you can do something about it!"].retrievable
    not_retrievable = [t for t, s in sents.items() if not s.retrievable]
    assert len(not_retrievable) == 6


def _structure(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    sections, boiler = detect_structure(text)
    return [(s.heading, s.kind) for s in sections], [text[a:b] for a, b in boiler]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("1. Be trustworthy", "tip"),
        ("12) Give him space", "tip"),
        ("Can a relationship survive without trust?", "question"),
        ("What To Do If Your Boyfriend Doesn’t Trust You", "heading"),
        ("All In All...", "heading"),
        ("## Setting boundaries", "heading"),
    ],
)
def test_heading_rules(line, kind):
    text = f"Intro sentence here.\n\n{line}\n\nBody sentence one. Body two.\n"
    assert _structure(text)[0] == [("", "intro"), (line, kind)]


@pytest.mark.parametrize(
    "line",
    [
        "But not the way you think...",
        "I will not recommend this approach - ever!",
        "1. Call him when you are late.",
        "Imagine if you’ve never done anything to spark his insecurities and he still doesn’t?!",
        "The usual route would be to be open? Let him see your phone.",
        "Yes!",
    ],
)
def test_ordinary_sentences_are_not_headings(line):
    text = f"Intro sentence here.\n\n{line}\n\nBody sentence one.\n"
    assert _structure(text)[0] == [("", "intro")]


def test_title_with_a_date_line_right_under_it():
    text = "Trust Again\nMay 15, 2023\n\nBe kind.\n"
    assert _structure(text) == ([("Trust Again", "title")], ["May 15, 2023"])


def test_about_the_author_box_takes_the_bio_but_nothing_after_the_next_heading():
    text = (
        "Title\n\nBe kind.\n\nAbout the Author\n\nJane writes about couples.\n\n"
        "Related Questions\n\nReal advice here.\n"
    )
    _, boiler = _structure(text)
    assert boiler == ["About the Author\n\nJane writes about couples."]


def test_a_share_prompt_marks_only_its_own_sentence():
    text = (
        "Title\n\nTalk to him calmly. Please share this article with your friends. "
        "Please share your worries with him too.\n"
    )
    _, boiler = _structure(text)
    assert boiler == ["Please share this article with your friends."]


def test_section_display_is_the_cleaned_heading():
    assert section_display("4.\xa0 \xa0 \xa0 You Give In:") == "4. You Give In"
    assert section_display("## Setting   boundaries") == "Setting boundaries"
    assert section_display("") == ""


@pytest.mark.parametrize("mark", ["•", "·", "*", "-", "–", "—"])
def test_a_headings_bullet_is_not_part_of_the_section_name(mark):
    """A tester's page: answers cited the section "• Two Days Out"."""
    assert section_display(f"{mark} Two Days Out") == "Two Days Out"
    text = ("Are you familiar with where the company is located? Do some trial runs.\n"
            f"{mark} Two Days Out\n"
            "If you haven’t already, make multiple copies of documents you plan to bring such as "
            "your résumé and references.\n"
            "Read the job description and your résumé one last time. Charge your phone.\n")
    doc = _doc(text)
    assert [s.display for s in doc.sections] == ["", "Two Days Out"]
    assert split_sentences(doc)[-1].section == "Two Days Out"
    # a word's own marks stay: only a mark set apart by a space is a bullet
    assert section_display("*Note*") == "*Note*"
    assert section_display("-5 Degrees Outside") == "-5 Degrees Outside"


def _doc(text: str) -> Document:
    sections, boiler = detect_structure(text)
    return Document("d", "d.txt", None, None, None, None, text, sections, "", boiler)


# A web page copied as plain text: one paragraph per line, headings written like sentences.
PER_LINE = """How to Talk to Your Teen
Teens often shut down when parents lecture them. This is normal, and it passes with patience and time together.
Why teens stop talking
Most teens want independence. They test limits every day, and that is how they learn who they are.
3 ways to reopen the conversation
Ask open questions. Listen more than you speak, and don't rush to fix what they tell you about.
"""


def test_headings_of_a_text_written_one_paragraph_per_line():
    doc = _doc(PER_LINE)
    assert _headings(doc) == [("How to Talk to Your Teen", "title"),
                              ("Why teens stop talking", "heading"),
                              ("3 ways to reopen the conversation", "heading")]
    texts = [s.text for s in split_sentences(doc) if not s.is_heading]
    # no sentence runs a heading into the line after it
    assert "Most teens want independence." in texts
    assert all("\n" not in t for t in texts)


def test_a_letter_wrapped_at_seventy_characters_keeps_its_sentences_whole():
    text = ("Dear reader,\n\nmy husband checks my phone every night and I have never given\n"
            "him any reason to doubt me. He says it is because his last girlfriend\n"
            "cheated on him, but I feel like I am paying for her mistakes and I do\n"
            "not know how much longer I can take it. What should I do about it?\n")
    sents = [s.text for s in split_sentences(_doc(text))]
    assert any(s.startswith("my husband checks my phone") and s.endswith("doubt me.")
               for s in sents)


def test_a_sentence_case_heading_sits_between_prose_but_list_items_stay_body():
    text = ("Splitting the bills\n\nCouples argue about money more than anything else. A plan helps.\n\n"
            "How to split bills fairly\n\nStart by listing every shared expense for one month, "
            "then agree on who pays which share of each and write it down together.\n\n"
            "List these expenses:\n\nRent or mortgage\n\nGroceries and household supplies\n\n"
            "Internet and phone\n\nThen review the list every few months together.")
    doc = _doc(text)
    assert ("How to split bills fairly", "heading") in _headings(doc)
    body = {s.text for s in split_sentences(doc) if not s.is_heading}
    assert {"Rent or mortgage", "Groceries and household supplies"} <= body


def test_a_heading_over_a_list_lead_in_and_a_teaser_headline_are_headings():
    text = ("Regaining trust\n\nYou told a white lie and your partner caught it. Now the trust is "
            "gone.\n\nHow to get your partner to trust you again\n\nEarning trust back is not "
            "easy, but here are some of the ways you can work on it after you lost it:\n\n"
            "Make amends\n\nBe reliable\n\nBoth take longer than you would like them to, so be "
            "patient with yourself.\n\nIn the red before you wed? Talk debt with your "
            "partner\n\nMoney talk before a wedding is hard for most couples, and that is fine "
            "because it gets easier.\n\nDating At 14? Dating at 16? What's The Right Answer?\n\n"
            "What age should teenagers start dating? It is one of the trickiest questions.")
    doc = _doc(text)
    heads = _headings(doc)
    assert ("How to get your partner to trust you again", "heading") in heads
    assert ("In the red before you wed? Talk debt with your partner", "heading") in heads
    assert ("Dating At 14? Dating at 16? What's The Right Answer?", "heading") in heads
    body = {s.text for s in split_sentences(doc) if not s.is_heading}
    assert {"Make amends", "Be reliable"} <= body  # the list's items stay body


@pytest.mark.parametrize("line", [
    "He lied. Then he said sorry",  # two statements: prose, not a headline
    "I was angry! We talked it over after dinner",
])
def test_a_short_line_of_two_statements_is_not_a_heading(line):
    text = (f"Intro\n\nWe argued for a week about the trip. It was hard.\n\n{line}\n\n"
            "After that we agreed to talk every evening about what had happened that day.")
    assert (line, "heading") not in _headings(_doc(text))


@pytest.mark.parametrize("line", ["Joint vs. Separate Accounts", "Dr. Ruth's Rules for Arguing"])
def test_a_heading_with_an_abbreviation_is_a_heading(line):
    """"vs." and "Dr." end no sentence: the line is a heading, never quoted as advice."""
    text = (f"Intro\n\nWe argued for a week about the trip. It was hard.\n\n{line}\n\n"
            "After that we agreed to talk every evening about what had happened that day.")
    assert (line, "heading") in _headings(_doc(text))


def test_a_listicle_heading_right_after_a_list_is_a_heading():
    text = ("Bullying at work\n\nSigns include:\n\nBeing shouted at in meetings\n\n"
            "Being left out of the team's conversations\n\n"
            "5 signs you're being bullied at work\n\n"
            "Just about every office has its difficult people, but how can you tell if what you "
            "face is bullying?")
    doc = _doc(text)
    assert ("5 signs you're being bullied at work", "heading") in _headings(doc)
    body = {s.text for s in split_sentences(doc) if not s.is_heading}
    assert "Being left out of the team's conversations" in body  # the list's items stay body


def test_the_name_under_a_quotation_is_not_quotable_but_the_quotation_is():
    text = ("Advice from the experts\n\n"
            '"Go somewhere public, where everyone is more apt to speak politely. Remember your '
            'common goal." LAUREN BLOOM, JD, author of Art of the Apology\n\n'
            '"Ask what worries them most." Then listen without arguing.\n')
    _, boiler = _structure(text)
    assert boiler == ["LAUREN BLOOM, JD, author of Art of the Apology"]


EPIGRAPH = ("Coping With the Death of a Parent\n\n"
            "Though we develop awareness in our adult lives that our parents will likely "
            "predecease us, the death of our parent(s) is something that we can never prepare "
            "for.\n\n"
            "Going through a dead parent's memorabilia is a hazardous undertaking; there is a fine "
            "line between pleasure and pain.” \n\n"
            "― Anne Fadiman, The Wine Lover's Daughter: A Memoir\n\n\n"
            "No matter their age, their health, nor their lifestyle, the loss of a parent forces "
            "us to grieve the loss of a relationship that was the first we knew.\n")


@pytest.mark.parametrize("dash", ["―", "—", "–", "--"])
def test_an_epigraphs_credit_line_is_neither_a_heading_nor_quotable(dash):
    """A tester's page: the credit under an epigraph was the section of everything after it."""
    text = EPIGRAPH.replace("―", dash)
    credit = f"{dash} Anne Fadiman, The Wine Lover's Daughter: A Memoir"
    headings, boiler = _structure(text)
    assert headings == [("Coping With the Death of a Parent", "title")]
    assert boiler == [credit]
    quotable = [s.text for s in split_sentences(_doc(text)) if s.quotable]
    assert "there is a fine line between pleasure and pain.”" in quotable[1]  # the quotation
    assert quotable[-1].startswith("No matter their age")


def test_a_dash_line_not_under_a_quotation_is_no_credit():
    text = EPIGRAPH.replace("pain.” ", "pain.")
    assert "― Anne Fadiman" not in "".join(_structure(text)[1])


def test_an_attribution_naming_a_book_with_a_question_in_its_title_is_not_quotable():
    text = ("Advice from the experts\n\n"
            '"Set the agenda before you meet, and agree on how long you will talk." KEN '
            "MAHONEY, author of Now What? A Guide to the Talks That Matter\n\n"
            '"Ask what worries them most." Then listen without arguing.\n')
    _, boiler = _structure(text)
    assert boiler == ["KEN MAHONEY, author of Now What?", "A Guide to the Talks That Matter"]


def test_a_saved_pages_furniture_and_credits_are_not_quotable():
    """Lines a reader skips on a page pasted as text: the article's details box, who reviewed
    it, a teaser for another page, "Print this Article"."""
    text = ("When Should I See a Doctor for Insomnia?\n\n"
            "Medically reviewed by Patricia Weiser, PharmD and Jared Meacham, PhD, RD\n\n"
            "Article Details\n\n"
            "  • Written By: Mary McMahon\n"
            "  • Edited By: Kristen Osborne\n"
            "  • Print this Article\n\n"
            "November 17, 1973: US President Richard Nixon insisted he was not a crook.  more...\n\n"
            "Patients should see a doctor when sleeplessness becomes disruptive. A missed night "
            "of sleep occasionally is not a cause for concern.\n")
    _, boiler = _structure(text)
    assert boiler == [
        "Medically reviewed by Patricia Weiser, PharmD and Jared Meacham, PhD, RD",
        "Article Details", "• Written By: Mary McMahon", "• Edited By: Kristen Osborne",
        "• Print this Article",
        "November 17, 1973: US President Richard Nixon insisted he was not a crook.  more...",
    ]


def test_a_heading_over_teasers_for_other_pages_is_not_the_articles_section():
    """"Free Widgets for your Site/Blog" over two teasers named the section of every quote of
    the article below it."""
    text = ("When Should I See a Doctor?\n\n"
            "Free Widgets for your Site/Blog\n\n"
            "People can stare into someone's eyes for 10 minutes.  more...\n\n"
            "November 17, 1973: Nixon insisted he was not a crook.  more...\n\n"
            "Patients should see a doctor when sleeplessness becomes disruptive. A missed night "
            "of sleep occasionally is not a cause for concern.\n\n"
            "Getting Help\n\nA sleep specialist can examine the patient and develop a plan "
            "that fits.\n")
    sections, boiler = _structure(text)
    assert [h for h, _ in sections] == ["When Should I See a Doctor?", "Getting Help"]
    assert boiler[0] == "Free Widgets for your Site/Blog"


def test_a_letters_signature_line_is_not_the_section_of_the_reply():
    text = ("Time to Cut Ties\n\n"
            "DEAR ABBY: My friend calls for an hour and only talks about herself. I am upset. Do "
            "I have reason to be?\n\n"
            "— LET DOWN IN INDIANA\n\n"
            "DEAR LET DOWN: That you would be upset is understandable. Cut those calls to 15 "
            "minutes and free yourself.\n")
    sections, boiler = _structure(text)
    # (the salutations opening the letter and the reply are set apart from their sentences)
    assert boiler == ["DEAR ABBY:", "— LET DOWN IN INDIANA", "DEAR LET DOWN:"]
    assert [h for h, _ in sections] == ["Time to Cut Ties"]


def test_a_caption_or_related_links_line_is_neither_a_heading_nor_quotable():
    text = ("Common Roommate Conflicts\n\n"
            "Image Source\n\n"
            "Sharing a house with a roommate is not always an easy proposition, and most "
            "conflicts start small.\n\n"
            "Printer-friendly version\n\n"
            "**Related posts:** [Puppy Socialization](https://example.org/) · [Crate Training]"
            "(https://example.org/)\n\n"
            "![Exhausted worker at a desk](desk.jpg)\n\n"
            "Meta description: Recovery can take weeks to months. Learn realistic timelines.\n\n"
            "Is this page useful?\n")
    sections, boiler = _structure(text)
    assert boiler == ["Image Source", "Printer-friendly version",
                      "**Related posts:** [Puppy Socialization](https://example.org/) · "
                      "[Crate Training](https://example.org/)",
                      "![Exhausted worker at a desk](desk.jpg)",
                      "Meta description: Recovery can take weeks to months. Learn realistic "
                      "timelines.", "Is this page useful?"]
    assert [h for h, _ in sections] == ["Common Roommate Conflicts"]


def test_a_bare_name_under_the_opening_lines_is_a_byline():
    text = ("How to Discuss Assisted Living with an Aging Parent\n\n"
            "The talk is rarely an easy conversation. Learn how to handle it with grace.\n"
            "Michael Byers\n\n"
            "Start Early\n\n"
            "Bring it up long before a move becomes urgent, while everyone is calm and well.\n")
    sections, boiler = _structure(text)
    assert boiler == ["Michael Byers"]
    assert ("Start Early", "heading") in sections  # a short Title Case heading is not a name


def test_a_short_heading_under_a_sentence_is_not_taken_for_a_name():
    """In a page copied one paragraph per line, a two-word heading right under a sentence
    ("Be Patient") keeps its place as a heading."""
    text = ("Talking to Your Parents About Moving\n"
            "It can be a difficult topic to bring up with the people you love most.\n"
            "Be Patient\n"
            "It may take some time for your parents to come around to the idea of moving.\n"
            "Listen First\n"
            "Ask what worries them most before you suggest anything at all to them.\n")
    sections, boiler = _structure(text)
    assert boiler == []
    assert ("Be Patient", "heading") in sections


def _quotable(doc: Document) -> dict[str, str]:
    """Sentence -> the section an answer quoting it cites, for every quotable sentence."""
    return {s.text: s.section for s in split_sentences(doc) if s.quotable}


def test_a_pages_bylines_are_neither_quoted_nor_sections():
    """"On Behalf of | May 6, 2024 | Child Custody" was cited as the section of 22 quotes, and a
    site builder's byline block ("Writer: Amanda Babcock / Amanda Babcock / 3 min read") and a
    news page's ("Charlotte Mason / Thursday 22 September 2016 18:17 / Comments") were quoted."""
    text = ("How can you ease child handover days?\n\n"
            "On Behalf of | May 6, 2024 | Child Custody\n\n"
            "Divorcing from someone you share children with means you will still have to deal "
            "with them.\n\n"
            "Potting Corner Team · Jan 4, 2026 · Updated Jan 11, 2026 · 10 min read\n\n"
            "Repotting is one of the most important skills for any plant parent.\n")
    doc = _doc(text)
    assert _headings(doc) == [("How can you ease child handover days?", "title")]
    assert _quotable(doc) == {
        "Divorcing from someone you share children with means you will still have to deal with "
        "them.": "How can you ease child handover days?",
        "Repotting is one of the most important skills for any plant parent.":
            "How can you ease child handover days?"}

    text = ("Caring for an Aging Parent at Home\n\n"
            "  • Writer: Amanda Babcock\n    Amanda Babcock\n  • 3 min read\n\n"
            "Caring for an aging parent at home can feel like holding your breath all the time.\n")
    assert _structure(text)[1] == ["• Writer: Amanda Babcock", "Amanda Babcock", "• 3 min read"]

    text = ("# 7 ways to avoid being a terrible flatmate\n\n"
            "There’s always one flatmate who ‘forgets’ to buy the loo roll. Don’t be that "
            "person.\n\n"
            "Charlotte Mason\nThursday 22 September 2016 18:17\nComments\n"
            "Chances are, your student kitchen won't always look this clean and tidy\n"
            "Chances are, your student kitchen won't always look this clean and tidy\n\n"
            "Going to university is one of the most exciting experiences you will ever have.\n")
    assert _structure(text)[1] == [
        "Charlotte Mason", "Thursday 22 September 2016 18:17", "Comments",
        "Chances are, your student kitchen won't always look this clean and tidy",
        "Chances are, your student kitchen won't always look this clean and tidy"]


def test_teasers_disclosures_and_notices_are_neither_quoted_nor_sections():
    text = ("When Mom or Dad Gets a New Partner\n\n"
            "Kids of any age need a discussion first about the new romantic interest.\n\n"
            "RELATED: Now I Know What My Mom Went Through!\n\n"
            "Meeting your partner’s kids for the first time is a loaded event, no matter how "
            "serious you are about a future together.\n\n"
            "Some links here may be affiliate links — they never change our advice. How we "
            "research: How We Research.\n\n"
            "Also read: Overwatering vs Underwatering Plants\n\n"
            "Younger kids are easier because they aren’t as guarded.\n")
    doc = _doc(text)
    assert _headings(doc) == [("When Mom or Dad Gets a New Partner", "title")]
    assert set(_quotable(doc)) == {
        "Kids of any age need a discussion first about the new romantic interest.",
        "Meeting your partner’s kids for the first time is a loaded event, no matter how "
        "serious you are about a future together.",
        "Younger kids are easier because they aren’t as guarded."}


def test_a_cookie_notice_or_a_skip_link_above_the_headline_leaves_it_the_title():
    for banner in ("Our Privacy/Cookie Policy contains detailed information about the types of "
                   "cookies & related technology on our site, and some ways to opt out. By using "
                   "the site, you agree to the uses of cookies and other technology as outlined "
                   "in our Policy, and to our Terms of Use.", "top of page"):
        sections, boiler = _structure(f"{banner}\n\n\nWhen Mom or Dad Gets a New Partner\n\n"
                                      "Kids of any age need a discussion first about it.\n")
        assert boiler == [banner]
        assert sections[1:] == [("When Mom or Dad Gets a New Partner", "title")]


def test_a_call_to_action_does_not_stop_the_next_line_being_a_heading():
    """After "Get started »" the sentence-case heading "Co-parenting communication" was read as
    text, and 47 quotes cited the section before it."""
    text = ("Dealing with your ex\n\nMediation puts the needs of children first. It helps.\n\n"
            "Welcome to our forum!\n\n"
            "Join in the conversation on the busiest site for parents\n\nGet started »\n\n"
            "Co-parenting communication\n\n\n"
            "Your ex is your ex-partner but he's not your children's ex-dad, so however fraught "
            "a prospect, communication is crucial.\n")
    doc = _doc(text)
    assert _quotable(doc)[
        "Your ex is your ex-partner but he's not your children's ex-dad, so however fraught a "
        "prospect, communication is crucial."] == "Co-parenting communication"
    assert "Get started »" not in _quotable(doc)


def test_a_breadcrumb_over_the_headline_is_neither_title_nor_section():
    """"1. Health" was the section of every quote of the article; the headline under it and
    the author's name printed twice were quoted."""
    text = ("1. Health\n\nHelp your college freshman combat a potential danger: loneliness\n\n"
            "Dr. Marcia Morris\nDr. Marcia Morris\nPublished Aug. 20, 2015\n\n"
            "Your child is starting her freshman year of college in a week or two.\n")
    doc = _doc(text)
    assert _headings(doc)[1:] == [
        ("Help your college freshman combat a potential danger: loneliness", "title")]
    assert _quotable(doc) == {
        "Your child is starting her freshman year of college in a week or two.":
            "Help your college freshman combat a potential danger: loneliness"}


def test_captions_printed_twice_under_the_title_are_not_quotable():
    """"Mealy bugs" and "Spider mites and webs", a photo gallery's captions, were quoted."""
    text = ("Mealy bugs, fungus gnats and spider mites: A trio of trouble for houseplants\n\n"
            "Fungus Gnat on sticky card\n\nFungus Gnat on sticky card\n\ncsumealy\n\n"
            "Mealy bugs\n\nSpider mites and webs\n\nSpider mites and webs\n\nBy Donna Duffy\n\n"
            "If your houseplants aren’t thriving, they might be harboring an insect.\n\n"
            "Mealy Bugs\n\nIf you are noticing small, white puff balls on your houseplants, you "
            "may have the dreaded mealy bug.\n")
    doc = _doc(text)
    assert set(_quotable(doc)) == {
        "If your houseplants aren’t thriving, they might be harboring an insect.",
        "If you are noticing small, white puff balls on your houseplants, you may have the "
        "dreaded mealy bug."}
    # a sentence said twice, or a title printed twice, is not a caption
    sections, boiler = _structure("Sleep Well\n\nSleep Well\n\nRest matters.\n\nRest matters.\n")
    assert boiler == ["Sleep Well"] and sections[0] == ("Sleep Well", "title")


def test_a_photo_credit_opening_a_caption_is_not_quotable():
    """"ADOBE STOCK/Stuff Some plants are notorious leaf droppers..." is a picture's caption:
    standing alone it is boilerplate; run into a paragraph, only the credit is (the offsets
    stay the text's)."""
    caption = ("ADOBE STOCK/Stuff Some plants are notorious leaf droppers. Ficus benjamina will "
               "often drop a lot of leaves quite suddenly in response to underwatering;")
    text = (f"Yellow leaves\n\nHowever, a week later, I found myself facing yellow leaves.\n\n"
            f"{caption}\n\nSearch online or ask for help in your favourite plant group.\n")
    assert _structure(text)[1] == [caption]
    body = "Some plants drop leaves. " * 20
    doc = _doc(f"Yellow leaves\n\nGETTY IMAGES/iStockphoto {body}\n")
    assert [doc.text[a:b] for a, b in doc.boilerplate] == ["GETTY IMAGES/iStockphoto"]
    assert "Some plants drop leaves." in _quotable(doc)
    assert _structure("Notes\n\nHIV/AIDS Awareness Week starts in May. Book a test.\n")[1] == []


def test_a_steps_title_under_its_bare_number_is_a_section(tmp_path):
    """A tester's how-to page prints each step as "1", its title, then its text: the whole page
    had no section, and the step's title was quoted as a line of advice."""
    from ingest import load_paths, split_sentences

    text = ("It's frustrating when a friend cancels at the last minute. Here are a few things "
            "you can do.\n\n1\n\nAvoid depending too heavily on your friend.\n\n"
            "  1. Work around your friend's tendency to flake on you. Make sure your day won't "
            "be ruined if they cancel.\n  2. Advertisement\n2\n\nCall out unreliable behavior "
            "when it happens.\n\n"
            "  1. Don't make a big deal out of it, but do mention it.\n")
    (tmp_path / "steps.txt").write_text(text, encoding="utf-8")
    docs, _ = load_paths([tmp_path / "steps.txt"])
    doc = docs[0]
    names = [s.display for s in doc.sections]
    assert "Avoid depending too heavily on your friend." in names
    assert "Call out unreliable behavior when it happens." in names
    sents = split_sentences(doc)
    mention = next(s for s in sents if "Don't make a big deal" in s.text)
    assert mention.section == "Call out unreliable behavior when it happens."
    assert not [s for s in sents if s.quotable and ("Advertisement" in s.text or
                                                     s.text.strip() in ("1", "2"))]


@pytest.mark.parametrize("text, at, expected", [
    ("What do I do?\nDarlene\n\n  \nHi Darlene, call her.\nSecond line\nThird", 14,
     ["Hi Darlene, call her.", "Second line"]),
    ("last line", 0, []),
    ("Q?\nSigned\n" + " " * 700 + "\nHi Signed,", 3, []),  # beyond the reach
])
def test_the_lines_a_letters_signature_is_read_with_are_the_next_two_within_reach(
        text, at, expected):
    """A signature's next lines are read one at a time, not by splitting 600 characters for
    each short line (a quarter of parsing 2 MB of "a?" / "A" lines; eighteenth audit)."""
    from ingest.structure import _GREETING_REACH, _lines_after

    start = text.index("\n", at) if "\n" in text[at:] else len(text)
    assert _lines_after(text, start, _GREETING_REACH, 2) == expected


def test_a_letters_greeting_under_a_bare_number_names_no_section():
    """"Dear IRL," under a lone "1" was read as a step's title and named every quote of the
    column; the quotes fall back to the article's title."""
    text = ("Lent my flatmate money and he won't pay it back\n\n1\n\nDear Editor,\n\n"
            "I lent my flatmate money months ago and he keeps putting me off. What should I do?"
            "\n\nDear Owed,\n\nAsk him once more, plainly, and set a date for the money.\n")
    heads, _ = _structure(text)
    assert [h for h, _ in heads] == ["Lent my flatmate money and he won't pay it back"]


def test_a_letters_signature_with_where_it_comes_from_is_no_heading():
    """"–Feeling Not So Friendly Anymore (United States)" under the letter's question was read
    as a heading and named the reply's section."""
    text = ("My flatmate keeps borrowing my car without asking and never fills it up. How do I "
            "raise it without a fight?\n\n–Running On Empty In Leeds (England)\n\n"
            "Well, first you might want to talk to her when you are both calm. Tell her what "
            "it costs you each week.\n")
    heads, boiler = _structure(text)
    assert all("Running On Empty" not in h for h, _ in heads)
    assert "–Running On Empty In Leeds (England)" in boiler
