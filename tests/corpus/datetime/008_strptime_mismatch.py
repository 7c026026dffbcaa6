# expect: ValueError: time data '2024/01/05' does not match format '%Y-%m-%d'
# datetime: strptime of text that does not fit the format
from datetime import datetime
print(datetime.strptime("2024-01-05", "%Y-%m-%d"))
print(datetime.strptime("2024/01/05", "%Y-%m-%d"))
