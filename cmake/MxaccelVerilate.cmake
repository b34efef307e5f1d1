# Building Verilated RTL models (Verilator's CMake package, verilate()).
#
# Verilated C++ is generated code: it is built without our warning flags,
# its headers are included as system headers, its run-once ("slow")
# construction code is compiled without optimization (it dominates the
# compile time and not the run time), and in the sanitizer tree it is not
# instrumented (nothing of ours to find there, Verilator's bundled FST writer
# is not UBSan-clean, and instrumenting it doubled the CI build). The harnesses that drive the models stay fully sanitized.

option(MXACCEL_RTL_ALL_VARIANTS
  "Verilate every format variant the RTL tests cover (OFF: one or two per unit)" ON)

# Coverage build (scripts/coverage.sh): each unit's test models are Verilated
# with line and toggle coverage (verilate() COVERAGE, when
# MXACCEL_RTL_COVERAGE is on) and its test driver, compiled with
# <UNIT>_COVERAGE_DIR="${MXACCEL_RTL_COVERAGE_DIR}/<unit>"
# (mxaccel_coverage_data_dir), writes one .dat file per Verilated context there.
option(MXACCEL_RTL_COVERAGE "Verilate the RTL tests with line and toggle coverage" OFF)
set(MXACCEL_RTL_COVERAGE_DIR ${CMAKE_BINARY_DIR}/rtl-coverage CACHE PATH "RTL coverage data directory")

# mxaccel_coverage_data_dir(<var> <unit>): the directory <unit>'s test
# drivers write their data files into, one per unit (so that one unit's
# file names never match another's, e.g. pe_* and pe_bf16_*).
function(mxaccel_coverage_data_dir var unit)
  set(dir ${MXACCEL_RTL_COVERAGE_DIR}/${unit})
  file(MAKE_DIRECTORY ${dir})
  set(${var} ${dir} PARENT_SCOPE)
endfunction()

# mxaccel_verilated_library(<target>): a static library for Verilated models,
# built as described above. Fill it with mxaccel_verilate().
function(mxaccel_verilated_library target)
  add_library(${target} STATIC)
  target_compile_options(${target} PRIVATE -w -Wno-error)
  if(MXACCEL_SANITIZE)
    target_compile_options(${target} PRIVATE -fno-sanitize=all -O1 -g0)
  endif()
  set_target_properties(${target} PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES
    "$<TARGET_PROPERTY:${target},INTERFACE_INCLUDE_DIRECTORIES>")
endfunction()

# mxaccel_verilate(<target> <verilate() arguments>...): verilate() into a
# library made by mxaccel_verilated_library, with the generated headers on
# the include path. With COVERAGE, toggle coverage
# also covers signals wider than Verilator's default limit of 256 bits (the
# PEs' and the SEU's operand ports).
function(mxaccel_verilate target)
  set(args ${ARGN})
  # Every model reads the generated headers (cmake/MxaccelRtlHeaders.cmake).
  set(extra -I${MXACCEL_RTL_GEN_DIR})
  if(COVERAGE IN_LIST args)
    list(APPEND extra --coverage-max-width 4096)
  endif()
  list(FIND args VERILATOR_ARGS at)
  if(at EQUAL -1)
    list(APPEND args VERILATOR_ARGS ${extra})
  else()
    math(EXPR at "${at} + 1")
    list(INSERT args ${at} ${extra})
  endif()
  verilate(${target} ${args} OPT_SLOW -O0)
endfunction()

# mxaccel_rtl_sources(<var> <top>): absolute paths of a unit's sources from
# its file list rtl/<top>.f (one path per line relative to rtl/, top first;
# the same lists drive scripts/lint_rtl.sh and scripts/synth.sh).
function(mxaccel_rtl_sources var top)
  set(list_file ${PROJECT_SOURCE_DIR}/rtl/${top}.f)
  file(STRINGS ${list_file} names REGEX "^[^#]")
  list(TRANSFORM names PREPEND ${PROJECT_SOURCE_DIR}/rtl/)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${list_file})
  set(${var} ${names} PARENT_SCOPE)
endfunction()

# mxaccel_rtl_mutant(<var> <top> <file> <from> <to>): a unit's sources with
# rtl/<file> replaced by a copy, written into the build tree (never into
# rtl/), in which the text <from> becomes <to>; a mutation check's sources.
function(mxaccel_rtl_mutant var top file from to)
  set(original ${PROJECT_SOURCE_DIR}/rtl/${file})
  file(READ ${original} text)
  string(REPLACE "${from}" "${to}" mutated "${text}")
  if(mutated STREQUAL text)
    message(FATAL_ERROR "mutation of rtl/${file}: '${from}' not found")
  endif()
  set(copy ${CMAKE_CURRENT_BINARY_DIR}/mutant/${file})
  file(WRITE ${copy} "${mutated}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${original})
  mxaccel_rtl_sources(sources ${top})
  list(TRANSFORM sources REPLACE "^${original}$" "${copy}")
  set(${var} ${sources} PARENT_SCOPE)
endfunction()

# mxaccel_verilate_accel(<target> PREFIX <class> ELEM <E format> PARAMS <-G...>...
#                        [SYSTEMC] [TRACE_FST] [COVERAGE] [SOURCES <replacements>...]):
# a static library of the Verilated accelerator top (rtl/accel/mx_accel.f and
# the memory model tb/accel/mx_accel_mem.v) for one configuration: PARAMS
# are its -G parameters (rows, formats, ...), ELEM names the E format whose
# ALU ROM files it reads when constructed. SOURCES replaces the list (a
# mutant's).
function(mxaccel_verilate_accel target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "SYSTEMC;TRACE_FST;COVERAGE" "PREFIX;ELEM" "PARAMS;SOURCES")
  if(arg_SOURCES)
    set(sources ${arg_SOURCES})
  else()
    mxaccel_rtl_sources(sources accel/mx_accel)
    list(APPEND sources ${PROJECT_SOURCE_DIR}/tb/accel/mx_accel_mem.v)
  endif()
  set(flags)
  foreach(f SYSTEMC TRACE_FST COVERAGE)
    if(arg_${f})
      list(APPEND flags ${f})
    endif()
  endforeach()
  mxaccel_verilated_library(${target})
  mxaccel_verilate(${target} ${flags}
    SOURCES ${sources}
    TOP_MODULE mx_accel
    PREFIX ${arg_PREFIX}
    INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/rtl
    VERILATOR_ARGS ${arg_PARAMS} -O3 --x-assign fast --x-initial fast
      "-GEXP_TABLE=\"${MXACCEL_ALU_TABLE_DIR}/mx_alu_exp_${arg_ELEM}.hex\""
      "-GLOG_TABLE=\"${MXACCEL_ALU_TABLE_DIR}/mx_alu_log_${arg_ELEM}.hex\"")
  set_property(TARGET ${target} PROPERTY CXX_STANDARD 17)
  add_dependencies(${target} mx_alu_tables_hex)
endfunction()
