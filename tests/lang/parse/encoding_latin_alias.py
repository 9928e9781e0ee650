# -*- coding: latin- -*-
x = "é"
