"""The `quotewise` command line: the top surface, above `assistant`, `eval` and `ui`.

It lives in its own package so that no library layer imports the surfaces that call it.
"""
