try:
    pass
except* E:
    pass
try:
    pass
except* (E, F) as eg:
    pass
except *G:
    pass
else:
    pass
finally:
    pass
