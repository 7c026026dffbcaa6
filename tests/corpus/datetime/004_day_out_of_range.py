# expect: ValueError: day is out of range for month
# datetime: Feb 29 of a non-leap year
from datetime import date
print(date(2024, 2, 29))
print(date(2023, 2, 29))
