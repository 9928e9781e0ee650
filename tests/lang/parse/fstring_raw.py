rf'{x}\n'
fr'\d{y}'
Rf'{x!r}\\'
rf'{{}}\'
