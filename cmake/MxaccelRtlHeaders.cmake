# The Verilog headers generated from the C sources of truth (the format
# table, the hardware parameters) into ${MXACCEL_RTL_GEN_DIR}.
#
# They are made at configure time, not build time, because Verilator's
# verilate() runs Verilator while CMake configures and the RTL reads these
# headers while it elaborates. Editing a generator or its inputs reconfigures
# (CMAKE_CONFIGURE_DEPENDS), and Verilator's own dependency list (the .vh
# files it read) then re-verilates what changed.
set(MXACCEL_RTL_GEN_DIR ${CMAKE_BINARY_DIR}/rtl-gen CACHE INTERNAL "generated Verilog headers")
file(MAKE_DIRECTORY ${MXACCEL_RTL_GEN_DIR})

# mxaccel_rtl_header(<out name> <generator .c> SOURCES <C sources>... [DEPENDS <files>...]):
# compiles the generator with the sources it needs (paths relative to the
# project) and runs it once; DEPENDS names the headers it reads (such as a
# .def list), which reconfigure when edited, as the sources do.
function(mxaccel_rtl_header name generator)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "SOURCES;DEPENDS")
  set(sources ${PROJECT_SOURCE_DIR}/${generator})
  foreach(s ${arg_SOURCES})
    list(APPEND sources ${PROJECT_SOURCE_DIR}/${s})
  endforeach()
  set(depends)
  foreach(d ${arg_DEPENDS})
    list(APPEND depends ${PROJECT_SOURCE_DIR}/${d})
  endforeach()
  set(out ${MXACCEL_RTL_GEN_DIR}/${name})
  set(includes ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/golden ${PROJECT_SOURCE_DIR}/model/accel)
  try_run(run_rc compile_ok ${CMAKE_BINARY_DIR}/rtl-gen-build/${name}
    SOURCES ${sources}
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${includes}"
    COMPILE_DEFINITIONS -std=c11
    LINK_LIBRARIES m
    COMPILE_OUTPUT_VARIABLE compile_log
    RUN_OUTPUT_VARIABLE run_log
    ARGS ${out})
  if(NOT compile_ok)
    message(FATAL_ERROR "${generator} does not compile:\n${compile_log}")
  endif()
  if(NOT run_rc EQUAL 0)
    message(FATAL_ERROR "${generator} failed (${run_rc}): ${run_log}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sources} ${depends})
endfunction()

mxaccel_rtl_header(mx_formats.vh model/gen/mx_rtl_formats.c
  SOURCES golden/format_table.c golden/mx_pack.c
  DEPENDS include/mxaccel/format.h include/mxaccel/mx_pack.h)
mxaccel_rtl_header(mx_accel_params.vh model/gen/mx_rtl_params.c
  SOURCES model/accel/params.c model/accel/counters.c
  DEPENDS model/accel/params.def model/accel/params.h model/accel/program.h model/accel/program_fields.def
          model/accel/accel.h model/accel/counters.def)
