# coding: utf-8
x = "aâ‚b"
