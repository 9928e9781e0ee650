if a:
    pass


    
x = 1
