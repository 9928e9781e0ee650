[*x for x in y]í €
