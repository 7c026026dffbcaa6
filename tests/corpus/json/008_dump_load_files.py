# expect: ok
# dump / load with objects that have write / read methods.
import json


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def getvalue(self):
        return "".join(self.parts)


class Source:
    def __init__(self, text):
        self.text = text

    def read(self):
        return self.text


doc = {"name": "x", "items": [1, 2.5, None, True], "nested": {"k": ["v"]}}
out = Sink()
json.dump(doc, out)
print(out.getvalue())
out = Sink()
json.dump(doc, out, indent=2, sort_keys=True)
print(out.getvalue())
out = Sink()
json.dump(["\u00e9"], out, ensure_ascii=False, separators=(",", ":"))
print(out.getvalue())
print(json.load(Source(out.getvalue())))
print(json.load(Source('{"a": [1, 2]}'), object_pairs_hook=list))
print(json.load(Source(b'[1, "\xc3\xa9"]')))
print(json.loads(json.dumps(doc)) == doc)
try:
    json.dump([float("nan")], Sink(), allow_nan=False)
except ValueError as e:
    print(e)
try:
    json.load(Source("[1, 2"))
except json.JSONDecodeError as e:
    print(e)
import io
buf = io.StringIO()
json.dump({"io": [1, 2, {"x": None}]}, buf, indent=1)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
