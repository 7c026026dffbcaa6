# expect: ok
# int()'s message cuts the repr after 200 characters (%.200R); escapes
# count as their printed length, so a cut may fall inside one.
for s in ["x" * 300, "\u0890" * 250, "\x7f" * 60, "\u3000" * 150 + "\x7f",
          "a" * 197 + "\x00b", "a" * 198 + "\U000e0001" * 3, "'" * 199 + '"',
          "\u00e9" * 199 + "\u0890", "y" * 199]:
    try:
        int(s)
    except ValueError as e:
        m = str(e)
        print(len(m), ascii(m[-12:]))
    try:
        float(s)
    except ValueError as e:
        print(len(str(e)))
