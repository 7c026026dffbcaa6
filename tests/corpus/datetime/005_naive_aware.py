# expect: TypeError: can't compare offset-naive and offset-aware datetimes
# datetime: ordering a naive and an aware datetime (equality is just False)
from datetime import datetime, timezone
a = datetime(2024, 1, 1)
b = datetime(2024, 1, 1, tzinfo=timezone.utc)
print(a == b, a != b)
print(a < b)
