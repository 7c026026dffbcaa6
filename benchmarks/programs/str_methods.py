# String methods on a text: split, strip, lower, replace, startswith, find,
# join (a word count over 100,000 generated lines).
def main():
    words = ["alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "Eta", "theta"]
    lines = []
    for i in range(100000):
        a = words[i % 8]
        b = words[(i * 3) % 8]
        c = words[(i * 5 + 1) % 8]
        lines.append("  " + a + ", " + b + "; " + c + " #" + str(i) + "  ")
    counts = {}
    starts = 0
    found = 0
    for line in lines:
        t = line.strip().lower().replace(",", " ").replace(";", " ")
        if t.startswith("alpha"):
            starts += 1
        if t.find("eta") >= 0:
            found += 1
        for w in t.split():
            if not w.startswith("#"):
                counts[w] = counts.get(w, 0) + 1
    out = "|".join(sorted(k.upper() for k in counts))
    return starts, found, len(out), counts["gamma"], out[:20]


print(*main())
