# expect: Err: custom-str
class Err(Exception):
    def __repr__(self):
        return "Err<custom>"
    def __str__(self):
        return "custom-str"
print(repr(Err()), [Err()])
raise Err("ignored")
