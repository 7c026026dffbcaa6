# expect: decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]
from decimal import Decimal
print(Decimal('nan') == 1)
print(Decimal(1) < Decimal('nan'))
