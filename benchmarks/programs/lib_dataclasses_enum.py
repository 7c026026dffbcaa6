# dataclasses and enum: 60,000 frozen/ordered dataclass records built with
# defaults and default factories, sorted, hashed into a set, converted with
# asdict/replace, and tallied by an Enum looked up by value.
from dataclasses import dataclass, field, asdict, replace
from enum import Enum


class Kind(Enum):
    SMALL = 0
    MEDIUM = 1
    LARGE = 2


@dataclass(frozen=True, order=True)
class Item:
    weight: int
    name: str = 'item'
    tags: tuple = ()


@dataclass
class Box:
    label: str
    items: list = field(default_factory=list)


def main():
    x = 12345
    items = []
    for i in range(60000):
        x = (x * 1103515245 + 12345) % 2147483648
        items.append(Item(x % 1000, 'n%d' % (x % 97)))
    items.sort()
    distinct = len(set(items))
    counts = {k: 0 for k in Kind}
    for it in items:
        counts[Kind(it.weight % 3)] += 1
    boxes = [Box('b%d' % i) for i in range(100)]
    for i, it in enumerate(items[:20000]):
        boxes[i % 100].items.append(it)
    heavy = [replace(it, tags=('heavy',)) for it in items[-2000:]]
    dumped = [asdict(b) for b in boxes[:10]]
    print(items[0], items[-1], distinct, [(k.name, v) for k, v in counts.items()])
    print(len(heavy), heavy[0], len(dumped[0]['items']), repr(Kind.LARGE))


main()
