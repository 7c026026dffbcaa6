# expect: ok
# typical script patterns: BFS with deque, word counts, grouping, LRU-ish caches
import collections
from collections import *
from itertools import groupby, chain, islice
from functools import reduce
import operator

graph = {'a': ['b', 'c'], 'b': ['d'], 'c': ['d', 'e'], 'd': ['f'], 'e': ['f'], 'f': []}
def bfs(start):
    seen = {start: 0}
    q = deque([start])
    while q:
        node = q.popleft()
        for nxt in graph[node]:
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                q.append(nxt)
    return seen
print(bfs('a'))
text = """It was the best of times it was the worst of times it was the age of wisdom"""
counts = Counter(text.lower().split())
print(counts.most_common(3), counts['times'], sum(counts.values()), len(counts))
by_len = defaultdict(list)
for w in sorted(set(text.lower().split())):
    by_len[len(w)].append(w)
print(dict(sorted(by_len.items())))
recent = deque(maxlen=3)
for event in 'abcdefg':
    recent.append(event)
print(list(recent), ''.join(recent))
Employee = namedtuple('Employee', 'name dept salary')
staff = [Employee('ann', 'eng', 120), Employee('bob', 'ops', 90), Employee('cid', 'eng', 100), Employee('dee', 'ops', 95)]
for dept, members in groupby(sorted(staff, key=operator.attrgetter('dept')), key=operator.attrgetter('dept')):
    members = list(members)
    print(dept, [m.name for m in members], reduce(operator.add, (m.salary for m in members)))
print(max(staff, key=operator.attrgetter('salary')), sorted(staff, key=operator.itemgetter(2))[0].name)
totals = Counter()
for e in staff:
    totals[e.dept] += e.salary
print(totals, totals.most_common(1)[0][0])
inventory = Counter(apples=3, pears=1)
inventory.update(apples=2, kiwis=4)
inventory -= Counter(pears=1)
print(inventory, list(inventory.elements())[:4])
settings = ChainMap({'debug': True}, {'debug': False, 'level': 3})
print(settings['debug'], settings['level'], dict(settings))
od = OrderedDict()
for k in 'cab':
    od[k] = ord(k)
od.move_to_end('c')
print(od, list(od.keys()), next(reversed(od)))
print(collections.__name__, type(collections.Counter()).__mro__)
window = deque(maxlen=3)
avgs = []
for v in [1, 2, 3, 4, 5, 6]:
    window.append(v)
    avgs.append(sum(window) / len(window))
print(avgs)
d = deque(range(5))
d.rotate(-2)
print(d, d.popleft(), list(islice(chain(d, 'xy'), 10)))
print(Counter(a=3) == Counter(a=3), Counter('ab') - Counter('abc'), +Counter({'x': -1, 'y': 2}))
print(Employee._make(['x', 'y', 1])._replace(salary=2)._asdict())
