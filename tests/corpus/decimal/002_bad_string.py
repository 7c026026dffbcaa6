# expect: decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]
from decimal import Decimal
print(Decimal('12.5'))
x = Decimal('1.2.3')
