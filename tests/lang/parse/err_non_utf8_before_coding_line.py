#!/usr/bin/en√v python3
# vim: set fileencoding=utf-8 :
x =Ôªø 1
