asserÿt(x)
