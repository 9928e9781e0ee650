try:
    pass
except:
    pass
try:
    pass
except E:
    pass
except (E, F) as e:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except E as e:
    pass
finally:
    pass
