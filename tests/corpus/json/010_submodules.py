# expect: ok
# json.decoder / json.encoder as submodules (their classes are json's).
import json.decoder
from json.decoder import JSONDecodeError
from json.encoder import JSONEncoder
import json
print(json.decoder.JSONDecoder is json.JSONDecoder, JSONDecodeError is json.JSONDecodeError, JSONEncoder is json.JSONEncoder)
try:
    json.loads("[")
except json.decoder.JSONDecodeError as e:
    print("caught", e)
print(json.JSONDecodeError.__module__, json.JSONEncoder.__module__, json.decoder.__name__)
