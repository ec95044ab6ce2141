"""Safety routing flags danger and leaves ordinary trust worries alone."""

import pytest

from assistant.safety import check_safety

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
