"""Validate eval/real/{dev,test,test_extension}.jsonl (test_extension if present): parse, unique ids, schema, gold quotes are exact substrings; print counts.
The safety letters (safety_dev.jsonl, safety_fresh.jsonl: SAFETY_DEV.md, SAFETY_FRESH.md) are deliberately not read here."""
import json, collections, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, '..', '..', 'data', 'articles')
docs = {}
def doc(d):
    if d not in docs: docs[d] = open(os.path.join(ART, d + '.txt'), encoding='utf-8').read()
    return docs[d]
ids = set(); ok = True; allrecs = {}
for split in ('dev', 'test', 'test_extension'):
    if not os.path.exists(os.path.join(HERE, split + '.jsonl')): continue
    recs = []
    for n, line in enumerate(open(os.path.join(HERE, split + '.jsonl'), encoding='utf-8'), 1):
        r = json.loads(line)
        def bad(msg):
            global ok; ok = False; print(f'{split}:{n} {r.get("id")}: {msg}')
        for k in ('id','question','answerable','kind','gold','source','asker','length'):
            if k not in r: bad('missing ' + k)
        if r['id'] in ids: bad('duplicate id')
        ids.add(r['id'])
        if r['kind'] not in ('answerable','unanswerable','safety'): bad('kind')
        if r['answerable'] != (r['kind'] != 'unanswerable'): bad('answerable/kind mismatch')
        if r['kind'] == 'unanswerable':
            if r['gold']: bad('unanswerable with gold')
            if r.get('scope') not in ('near-topic','off-topic'): bad('scope')
        if r['kind'] == 'answerable' and not r['gold']: bad('answerable without gold')
        if r['asker'] not in ('distrusted','distrusting','friend','other'): bad('asker')
        if r['length'] not in ('short','long'): bad('length')
        if not r['source'].startswith('http'): bad('source')
        for g in r['gold']:
            if g['quote'] not in doc(g['doc_id']): bad('gold not substring: ' + g['quote'][:60])
        recs.append(r)
    allrecs[split] = recs
for split, recs in allrecs.items():
    print(f'== {split}: {len(recs)} questions')
    for f in ('kind', 'asker', 'length', 'scope'):
        print('  ', f, dict(sorted(collections.Counter(r.get(f, '-') for r in recs).items())))
    print('   gold quotes:', sum(len(r['gold']) for r in recs),
          ' docs:', dict(collections.Counter(g['doc_id'][:3] for r in recs for g in r['gold'])))
print('TOTAL', sum(len(v) for v in allrecs.values()), 'unique sources', len({r['source'] for v in allrecs.values() for r in v}))
print('OK' if ok else 'ERRORS'); sys.exit(0 if ok else 1)
