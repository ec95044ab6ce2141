"""Measure retrieval and answer quality on a labelled set while trying fusion/evidence settings.

    .venv/bin/python bench/tune_retrieval.py --questions eval/dev_questions.jsonl [--index DIR]

Prints chunk recall@k / MRR, answer hit rate and the evidence-strength distributions that set
the abstention thresholds. Tune on the dev set; confirm on eval/questions.jsonl.
"""

from __future__ import annotations

import argparse
import json
import statistics


from assistant.api import Assistant
from assistant.retriever import FusionConfig


def overlap_hit(doc_text, gold, doc_id, start, end, g_doc):
    if doc_id != g_doc:
        return False
    gs = doc_text.find(gold)
    if gs < 0:
        return False
    ge = gs + len(gold)
    return max(0, min(end, ge) - max(start, gs)) >= len(gold) / 2


def evaluate(qa: Assistant, questions, ks=(1, 2, 3, 4)):
    rec = {k: [] for k in ks}
    rr, hits, cover, chars, strengths = [], [], [], [], {"ans": [], "un": []}
    for q in questions:
        hits_k = qa.search(q["question"], k=max(ks))
        ans = qa.ask(q["question"])
        st = qa._state
        _, ctx = st.retriever.search_with_vector(q["question"], k=6)
        positions = st.evidence_positions(ctx, 6)
        sent_all = ctx["signals"]["sentences"]
        best_s, best_c = st.selector.strength(q["question"], ctx["qvec"], sent_all, positions)
        strengths["ans" if q["answerable"] else "un"].append((best_s, best_c, q["question"], ans.abstained))
        if not q["answerable"]:
            continue
        texts = {g["doc_id"]: qa.document(g["doc_id"]).text for g in q["gold"]}

        def hit(doc_id, s, e):
            return any(overlap_hit(texts[g["doc_id"]], g["quote"], doc_id, s, e, g["doc_id"]) for g in q["gold"])

        first = next((i for i, h in enumerate(hits_k, 1) if hit(h.chunk.doc_id, h.chunk.start, h.chunk.end)), None)
        rr.append(1 / first if first else 0)
        for k in ks:
            rec[k].append(1 if first and first <= k else 0)
        qh = [hit(x.doc_id, x.start, x.end) for x in ans.quotes]
        hits.append(any(qh))
        covered = [any(overlap_hit(texts[g["doc_id"]], g["quote"], x.doc_id, x.start, x.end, g["doc_id"]) for x in ans.quotes) for g in q["gold"]]
        cover.append(sum(covered) / len(covered))
        chars.append(sum(len(x.text) for x in ans.quotes))
        if not any(qh):
            print(f"  MISS: {q['question']!r} -> {[x.section for x in ans.quotes]} abst={ans.abstained}")
    un = strengths["un"]
    out = {f"recall@{k}": statistics.mean(v) for k, v in rec.items()}
    out.update(mrr=statistics.mean(rr), hit_rate=statistics.mean(hits), coverage=statistics.mean(cover),
               mean_chars=statistics.mean(chars),
               false_abstain=statistics.mean([a[3] for a in strengths["ans"]]),
               abstain_un=statistics.mean([a[3] for a in un]) if un else float("nan"))
    return out, strengths


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", default="eval/dev_questions.jsonl")
    ap.add_argument("--index", default=None)
    ap.add_argument("--grid", action="store_true", help="try a small grid of fusion settings")
    ap.add_argument("--evidence-grid", action="store_true", help="try evidence-selection weights")
    ap.add_argument("--strengths", action="store_true", help="print evidence strengths per question")
    args = ap.parse_args()
    qs = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    qa = Assistant.load(args.index)
    base, strengths = evaluate(qa, qs)
    print("default", json.dumps({k: round(v, 3) for k, v in base.items()}))
    if args.strengths:
        for kind, rows in strengths.items():
            for s, c, q, ab in sorted(rows):
                print(f"{kind:3} sent={s:.3f} evidence={c:.3f} abst={ab!s:5} {q}")
    if args.evidence_grid:
        from assistant.evidence import EvidenceConfig

        for sw, cw, gw, lw in ((0.6, 0.4, 0.3, 0.1), (0.6, 0.4, 0.0, 0.1), (0.6, 0.4, 0.6, 0.1),
                               (0.7, 0.3, 0.3, 0.1), (0.5, 0.5, 0.3, 0.1), (0.6, 0.4, 0.3, 0.0),
                               (1.0, 0.0, 0.0, 0.1), (0.6, 0.4, 0.3, 0.2)):
            ev = EvidenceConfig(sentence_weight=sw, context_weight=cw, generic_weight=gw, lexical_weight=lw)
            qa2 = Assistant(qa.data, qa.embedder, evidence=ev, index_root=qa.index_root)
            m, _ = evaluate(qa2, qs)
            print("evidence", (sw, cw, gw, lw), json.dumps({k: round(v, 3) for k, v in m.items()}))
    if args.grid:
        for method, rrf_k in (("rrf", 20), ("rrf", 60), ("zsum", 0)):
            for w in ((1, 1, .5, .7), (1, 1, 0, .7), (1, 1, .5, 0), (0, 1, .5, .7), (1, 0, .5, .7),
                      (1, 1.5, .5, .7), (1, 1, 1, .7), (1, 1, .5, 1.2), (.5, 1, .3, .5)):
                f = FusionConfig(method=method, rrf_k=rrf_k, chunk=w[0], sent=w[1], head=w[2], bm25=w[3])
                qa2 = Assistant(qa.data, qa.embedder, fusion=f, index_root=qa.index_root)
                m, _ = evaluate(qa2, qs)
                print(method, rrf_k, w, json.dumps({k: round(v, 3) for k, v in m.items()}))


if __name__ == "__main__":
    main()
