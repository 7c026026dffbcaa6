# expect: decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]
from decimal import Decimal
print(Decimal(2).sqrt())
print(Decimal(-1).sqrt())
