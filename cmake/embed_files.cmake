# Helpers for the scripts that compile data files into C++ sources.

# hex_bytes(<file> <out_var>): the file's bytes as a C++ initializer list
# ("0x3c,0x21,...,0"), one line per 24 bytes. Emitting hex means no file
# content can break the generated C++ (no raw-string delimiter to collide
# with; NULs and any encoding survive). The trailing 0 keeps an empty file a
# valid (non-empty) array; it is not part of the content.
function(hex_bytes input out_var)
  file(READ "${input}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # CMake regexes have no {n} repetition, hence REPEAT.
  string(REPEAT "0x..," 24 row)
  string(REGEX REPLACE "(${row})" "\\1\n    " bytes "${bytes}")
  set(${out_var} "${bytes}0" PARENT_SCOPE)
endfunction()

# write_if_changed(<file> <content>): rewriting an unchanged generated file
# would only cause needless recompiles.
function(write_if_changed output content)
  set(previous "")
  if(EXISTS "${output}")
    file(READ "${output}" previous)
  endif()
  if(NOT previous STREQUAL content)
    file(WRITE "${output}" "${content}")
  endif()
endfunction()
