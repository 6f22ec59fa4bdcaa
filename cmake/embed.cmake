# Writes OUT: the bytes of IN as the C array civic::bundle::kDefaultFrameworkJson (run at build time).
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace civic::bundle {\n"
     "extern const unsigned char kDefaultFrameworkJson[] = {${bytes}0};\n"
     "extern const unsigned long kDefaultFrameworkJsonSize = ${size};\n}\n")
