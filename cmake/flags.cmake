# Warnings, hardening and sanitizers for every target in the tree.
add_compile_definitions(_POSIX_C_SOURCE=200809L)
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
                    -Wformat=2 -Wno-format-nonliteral -fstack-protector-strong)
if(SS_WERROR)
  add_compile_options(-Werror)
endif()
if(NOT SS_SANITIZE AND NOT SS_FUZZ)
  add_compile_options(-D_FORTIFY_SOURCE=2)
endif()
add_link_options(-Wl,-z,relro,-z,now -pie)
if(SS_SANITIZE OR SS_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
