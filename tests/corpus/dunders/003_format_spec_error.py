# expect: TypeError: unsupported format string passed to W.__format__
class W:
    def __repr__(self):
        return "W"
print(format(W()))
x = f"{W():>4}"
