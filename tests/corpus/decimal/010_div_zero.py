# expect: decimal.DivisionByZero: [<class 'decimal.DivisionByZero'>]
from decimal import Decimal
print(Decimal(1) / 4)
print(Decimal(1) / 0)
