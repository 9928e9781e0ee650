# install_example.cmake -- build examples/ against the *installed* library.
#
# Installs the build tree into a scratch prefix, builds examples/ there as a
# separate project through find_package(refgc) (shared and static), builds
# it once more by hand with the flags pkg-config gives, and runs all three.
# Run by ctest as: cmake -DSOURCE_DIR=.. -DBINARY_DIR=.. -DWORK_DIR=.. -DC_COMPILER=.. -P this

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

# The library's own output must be as the example expects.
function(expect_tour output)
  foreach(needle "Small block threshold = 512, in 32 size classes."
                 "rg_trim gave" "after rg_trim")
    string(FIND "${output}" "${needle}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "example output lacks '${needle}':\n${output}")
    endif()
  endforeach()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
foreach(f include/refgc.h lib/librefgc.a lib/librefgc.so lib/pkgconfig/refgc.pc
          lib/cmake/refgc/refgcConfig.cmake lib/cmake/refgc/refgcConfigVersion.cmake)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# 1. CMake package
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples -B ${WORK_DIR}/build
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${C_COMPILER})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/heap_tour)
expect_tour("${LAST_OUTPUT}")
run(${WORK_DIR}/build/heap_tour_static)
expect_tour("${LAST_OUTPUT}")
run(${WORK_DIR}/build/cycle_tour)
string(FIND "${LAST_OUTPUT}" "rg_collect(heap, 2) = 2" at)
if(at EQUAL -1)
  message(FATAL_ERROR "cycle_tour output unexpected:\n${LAST_OUTPUT}")
endif()

# 2. pkg-config
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(pkg-config --cflags --libs refgc)
string(STRIP "${LAST_OUTPUT}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${C_COMPILER} -std=c11 -Wall -Wextra -Werror ${SOURCE_DIR}/examples/heap_tour.c ${flags}
    -Wl,-rpath,${prefix}/lib -o ${WORK_DIR}/heap_tour_pc)
run(${WORK_DIR}/heap_tour_pc)
expect_tour("${LAST_OUTPUT}")
message(STATUS "installed library builds and runs the example (CMake package, static, pkg-config)")
