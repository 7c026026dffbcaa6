# json: dumps and loads of a generated ~1 MB nested document, 20 rounds
# each way, checking the round trip (issue 14's json benchmark).
# `lib_json.py dumps` / `lib_json.py loads` time one direction only (the
# other runs once).
import json
import sys


def make_doc():
    seed = 12345
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
             "caf\u00e9", "na\u00efve", "\u65e5\u672c", "quote\"d", "tab\tbed", "x" * 12]
    users = []
    for i in range(3100):
        seed = (seed * 1103515245 + 12345) % 2147483648
        tags = [words[(seed >> k) % len(words)] for k in range(0, 15, 3)]
        users.append({
            "id": i,
            "name": words[seed % len(words)] + str(i),
            "active": seed % 3 == 0,
            "score": (seed % 100000) / 7.0,
            "balance": -(seed % 1000000) * 1.25,
            "ratio": seed / 2147483648,
            "tags": tags,
            "address": {"street": str(seed % 9999) + " Main St", "zip": seed % 100000,
                        "geo": [seed % 180 - 90.5, seed % 360 - 180.25]},
            "friends": [(seed >> k) % 3100 for k in range(0, 20, 4)],
            "note": None,
        })
    return {"version": 1, "generated": "2026-12-03", "users": users}


def main(mode):
    doc = make_doc()
    text = json.dumps(doc)
    back = json.loads(text)
    total = 0
    for _ in range(20):
        if mode != "loads":
            text = json.dumps(doc)
        if mode != "dumps":
            back = json.loads(text)
        total += len(back["users"])
    assert back == doc
    return len(text), total


print(*main(sys.argv[1] if len(sys.argv) > 1 else "both"))
