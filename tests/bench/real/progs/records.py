# python3: parse the JSON records, group, sort, format, and run a small
# pure-Python interpreter-style workload over them.
import json, sys, collections
recs = json.load(open(sys.argv[1]))
groups = collections.defaultdict(list)
for r in recs:
    groups[r['group']].append(r)
out = []
for g in sorted(groups):
    rs = groups[g]
    sc = sorted(r['score'] for r in rs)
    tags = collections.Counter(t for r in rs for t in r['tags'])
    out.append('%s %d %.3f %.3f %s' % (g, len(rs), sc[len(sc) // 2], sum(sc) / len(sc),
                                       ','.join(t for t, _ in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))[:3])))
def dist(a, b):
    return abs(a['pos']['x'] - b['pos']['x']) + abs(a['pos']['y'] - b['pos']['y'])
act = [r for r in recs if r['active']][:1500]
best = min((dist(a, b), a['id'], b['id']) for i, a in enumerate(act) for b in act[i + 1:i + 60])
out.append('closest %d %d %d' % best)
names = sorted({w for r in recs for w in r['name'].split()})
out.append('names %d %s %s' % (len(names), names[0], names[-1]))
print('\n'.join(out))
