# uncaught custom exception with a message; output before it is flushed
class ValidationError(Exception):
    pass
def check(age):
    if age < 0:
        raise ValidationError("age must be >= 0, got " + str(age))
    return age
for a in (30, 0, -4):
    print("checked", check(a))
