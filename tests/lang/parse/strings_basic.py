'single'
"double"
'it\'s'
"say \"hi\""
'mixed " and '
"mixed ' and "
'both \' and "'
''
""
'tab\there'
'new\nline'
'cr\rx'
'back\\slash'
