# Build a string piece by piece: 200,000 appends (s += ...) to a local, the
# pattern CPython optimises in place.
def main():
    s = ""
    for i in range(200000):
        s += str(i % 7) + ","
    return len(s), s.count("3"), s[-10:]


print(*main())
