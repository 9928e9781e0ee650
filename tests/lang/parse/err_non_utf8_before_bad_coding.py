#!/usr/bin/env python3 Ã
# coding: foo
