"""What a person does in the web UI, in a real browser."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def ask(page, question: str):
    page.locator("#qw-question textarea").fill(question)
    page.locator("#qw-ask").click()


def test_answer_with_citation_opened_in_its_article(page, live, artifacts):
    q = "should I give him my passwords so he stops worrying"
    ask(page, q)
    page.wait_for_selector("#qw-card mark", timeout=30000)
    expected = live.qa.ask(q).to_dict()
    chat = page.locator("#qw-chat").inner_text()
    assert "[1]" in chat and "Sources" in chat
    # [1] is open: the highlighted span is exactly the first quote
    assert page.locator("#qw-card mark").text_content() == expected["quotes"][0]["text"]
    page.locator("#qw-full").get_by_text("Read the whole article").click()
    mark = page.locator("#qw-article-quote")
    mark.wait_for(timeout=10000)
    assert mark.text_content() == expected["quotes"][0]["text"]
    # choosing another citation shows that one
    if len(expected["quotes"]) > 1:
        page.locator("#qw-cite label").nth(1).click()
        page.wait_for_function(
            "t => document.querySelector('#qw-card mark')?.textContent === t",
            arg=expected["quotes"][1]["text"], timeout=10000)
    page.screenshot(path=str(artifacts / "answer-1280x800.png"))


def test_a_two_turn_conversation_answers_the_follow_up_in_context(page, live, artifacts):
    first_q, follow_q = "should I give him my passwords so he stops worrying", "why?"
    first = live.qa.ask(first_q).to_dict()
    expected = live.qa.ask(follow_q, history=[{"question": first_q, "answer": first}]).to_dict()
    assert not expected["abstained"]  # "why?" alone would not be answered
    ask(page, first_q)
    page.wait_for_selector("#qw-card mark", timeout=30000)
    ask(page, follow_q)
    page.wait_for_function(
        "t => document.querySelector('#qw-card mark')?.textContent === t",
        arg=expected["quotes"][0]["text"], timeout=30000)
    chat = page.locator("#qw-chat").inner_text()
    assert chat.count("Sources") == 2 and "why?" in chat
    page.screenshot(path=str(artifacts / "follow-up-1280x800.png"))


def test_off_topic_question_shows_the_abstention(page, artifacts):
    ask(page, "how do I bake sourdough bread")
    page.wait_for_selector(".qw-abstain", timeout=30000)
    assert "don't cover" in page.locator("#qw-chat").inner_text()
    assert page.locator("#qw-card mark").count() == 0
    page.screenshot(path=str(artifacts / "abstain-1280x800.png"))


def test_safety_notice_looks_different(page):
    ask(page, "he hit me last night and I'm scared of him")
    page.wait_for_selector(".qw-safety", timeout=30000)
    assert "emergency" in page.locator(".qw-safety").inner_text()


def test_feedback_is_appended_to_the_log(page, live):
    log = live.qa.index_root / "feedback.jsonl"
    before = log.read_text().splitlines() if log.exists() else []
    ask(page, "is couples therapy worth it")
    page.wait_for_selector("#qw-card mark", timeout=30000)
    page.locator("#qw-chat button[aria-label='Like']").last.click()
    page.wait_for_function("() => document.querySelector('#qw-status')?.innerText.includes('Thanks')",
                           timeout=10000)
    lines = log.read_text().splitlines()
    assert lines[: len(before)] == before and len(lines) == len(before) + 1
    entry = json.loads(lines[-1])
    assert entry["question"] == "is couples therapy worth it" and entry["rating"] == "up"
    assert entry["quotes"] and ":" in entry["quotes"][0]


def test_phone_sized_viewport(browser, live, artifacts):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    pg = ctx.new_page()
    pg.goto(live.url)
    ask(pg, "can a relationship survive without trust")
    pg.wait_for_selector("#qw-card mark", timeout=30000)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # nothing forces sideways scrolling
    pg.screenshot(path=str(artifacts / "answer-390x844.png"), full_page=True)
    ctx.close()


def test_hostile_article_stays_inert(browser, hostile_live, artifacts):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    pg.goto(hostile_live.url)
    ask(pg, "how do I keep promises so trust grows")
    pg.wait_for_selector("#qw-card mark", timeout=30000)
    pg.locator("#qw-full").get_by_text("Read the whole article").click()
    shown = []
    for i in range(pg.locator("#qw-cite label").count()):
        pg.locator("#qw-cite label").nth(i).click()
        pg.wait_for_timeout(400)
        shown.append(pg.locator("#qw-article").text_content())
        if "__pwned" in shown[-1]:
            pg.screenshot(path=str(artifacts / "hostile-1280x800.png"))
    # the article's markup is visible as text, and nothing ran
    assert any("<script>window.__pwned=1</script>" in t for t in shown)
    assert pg.evaluate("window.__pwned") is None
    scripts = pg.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not any(s.strip().startswith("window.__pwned") for s in scripts)  # no injected script
    assert pg.locator("img[src='x'], [onerror], a[href^='javascript']").count() == 0
    ctx.close()


def test_dollar_signs_and_markdown_show_as_typed_in_the_chat(browser, hostile_live):
    """A quote holding $$...$$ is article text, not maths; the asker's words are never Markdown."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    pg.goto(hostile_live.url)
    pg.wait_for_selector("#qw-question textarea")
    question = "keep promises so trust grows $y^2$ **now** <b>x</b>"
    ask(pg, question)
    pg.wait_for_selector("#qw-card mark", timeout=30000)
    chat = pg.locator("#qw-chat")
    chat.get_by_text("1000px", exact=False).first.wait_for(timeout=10000)
    text = chat.inner_text()
    assert "$$\\rule{1000px}{1000px}$$" in text and "$x^2$" in text
    assert question in text  # shown exactly as typed
    assert pg.locator("#qw-chat .katex, #qw-chat math").count() == 0
    assert pg.locator("#qw-chat strong:has-text('now'), #qw-chat b:has-text('x')").count() == 0
    # an article's web and e-mail addresses show as written, never as links
    assert "https://evil.example/trust" in text and "help@evil.example" in text
    assert pg.locator("#qw-chat a[href*='evil.example']").count() == 0
    ctx.close()


def test_library_lists_articles_and_upload_is_guarded(browser, tmp_path, articles_fake_index):
    """Upload adds an article incrementally; a wrong type is refused with a message."""
    from assistant import Assistant
    from tests.conftest import copy_index
    from tests.ui.test_api import free_port
    from ui.app import launch

    ix = copy_index(articles_fake_index, tmp_path / "ix")
    qa = Assistant.load(ix)
    handle = launch(qa, port=free_port())  # loopback: upload allowed
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        pg = ctx.new_page()
        pg.goto(handle.url)
        pg.get_by_role("tab", name="Library").click()
        table = pg.locator("#qw-library")
        table.wait_for()
        assert "April Maccario" in table.inner_text() and "2023-05-15" in table.inner_text()
        assert "Example questions" in table.inner_text()
        new = tmp_path / "patience.md"
        new.write_text("Patience Wins\n\nGive trust time to grow. Keep your promises.\n")
        pg.locator("#qw-upload input[type=file]").set_input_files(str(new))
        pg.wait_for_function("() => document.querySelector('#qw-library').innerText.includes('Patience Wins')",
                             timeout=30000)
        pg.wait_for_function("() => document.body.innerText.includes('Added patience.md')", timeout=30000)
        assert "uploads/patience" in {d.doc_id for d in qa.documents()}
        assert (ix / "library" / "uploads" / "patience.md").exists()
    finally:
        ctx.close()
        handle.close()


def test_logging_in_on_the_page_then_asking_and_uploading(browser, tmp_path,
                                                          articles_fake_index):
    """With a login, Gradio's events, uploads and heartbeat need a session of its login (the
    guard refuses a stranger before reading a body): the page's own login form gives one, and
    all the page does behind it works."""
    from urllib.parse import urlsplit

    from assistant import Assistant
    from tests.conftest import copy_index
    from tests.ui.test_api import free_port
    from ui.app import launch

    ix = copy_index(articles_fake_index, tmp_path / "ix")
    qa = Assistant.load(ix)
    handle = launch(qa, port=free_port(), auth=("alice", "s3cret"))  # uploads on behind it
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    answers = []
    try:
        pg = ctx.new_page()
        pg.on("response", lambda r: answers.append((urlsplit(r.url).path, r.status)))
        pg.goto(handle.url)
        pg.get_by_label("username").fill("alice")
        pg.get_by_label("password").fill("s3cret")
        pg.get_by_role("button", name="Login").click()
        pg.locator("#qw-question textarea").fill("how do I reassure him")
        pg.locator("#qw-ask").click()
        pg.wait_for_function("() => document.querySelector('#qw-chat').innerText.includes('[1]')",
                             timeout=30000)
        pg.get_by_role("tab", name="Library").click()
        new = tmp_path / "patience.md"
        new.write_text("Patience Wins\n\nGive trust time to grow. Keep your promises.\n")
        pg.locator("#qw-upload input[type=file]").set_input_files(str(new))
        pg.wait_for_function("() => document.body.innerText.includes('Added patience.md')",
                             timeout=30000)
        assert "uploads/patience" in {d.doc_id for d in qa.documents()}
        paths = {path for path, _ in answers}
        assert {"/login", "/gradio_api/upload", "/gradio_api/queue/join"} <= paths
        assert any(path.startswith("/gradio_api/heartbeat/") for path in paths)
        assert [(p, s) for p, s in answers if s >= 400] == []
    finally:
        ctx.close()
        handle.close()
