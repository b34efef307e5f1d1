# The Verilated accelerator top as a shared library per configuration, for
# `mxaccel sim --engine rtl` (docs/accelerator-rtl.md). scripts/accel_rtl_build.sh
# builds one; the CLI runs it for configurations it meets, into its cache,
# and the build runs it here for the default configuration, into
# ${MXACCEL_ACCEL_RTL_DEFAULT_DIR}, whose path the CLI has compiled in.
set(MXACCEL_ACCEL_RTL_DEFAULT_DIR ${CMAKE_BINARY_DIR}/accel-rtl/default
    CACHE INTERNAL "prebuilt Verilated accelerator library of the default configuration")
set(MXACCEL_ACCEL_RTL_SCRIPT ${PROJECT_SOURCE_DIR}/scripts/accel_rtl_build.sh)

# The default configuration (key, E format, the top's parameters), written
# by the same C code the CLI and the library use (model/accel/rtl_config.c).
mxaccel_rtl_header(accel_rtl_default.txt model/gen/mx_rtl_default_config.c
  SOURCES model/accel/rtl_config.c model/accel/params.c golden/profile_names.c
          golden/format_table.c golden/mx_pack.c
  DEPENDS model/accel/rtl_config.h model/accel/params.def model/accel/params.h
          model/accel/program.h)

# mxaccel_accel_rtl_default(): the target accel_rtl_default (in ALL) that
# builds the default configuration's library; after model/ (the ALU ROM files).
function(mxaccel_accel_rtl_default)
  file(STRINGS ${MXACCEL_RTL_GEN_DIR}/accel_rtl_default.txt config)
  list(GET config 0 key)
  list(GET config 1 elem)
  list(GET config 2 params)
  separate_arguments(params UNIX_COMMAND "${params}")
  set(exp_hex ${MXACCEL_ALU_TABLE_DIR}/mx_alu_exp_${elem}.hex)
  set(log_hex ${MXACCEL_ALU_TABLE_DIR}/mx_alu_log_${elem}.hex)
  execute_process(
    COMMAND bash ${MXACCEL_ACCEL_RTL_SCRIPT} --inputs ${PROJECT_SOURCE_DIR} ${MXACCEL_RTL_GEN_DIR}
    OUTPUT_VARIABLE inputs RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "accel_rtl_build.sh --inputs failed (${rc})")
  endif()
  string(STRIP "${inputs}" inputs)
  string(REPLACE "\n" ";" inputs "${inputs}")
  # a source added to the file list changes the dependencies
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/rtl/accel/mx_accel.f ${MXACCEL_ACCEL_RTL_SCRIPT})
  set(lib ${MXACCEL_ACCEL_RTL_DEFAULT_DIR}/libmx_accel_rtl.so)
  add_custom_command(OUTPUT ${lib}
    COMMAND bash ${MXACCEL_ACCEL_RTL_SCRIPT} ${MXACCEL_ACCEL_RTL_DEFAULT_DIR}
      ${PROJECT_SOURCE_DIR} ${MXACCEL_RTL_GEN_DIR} ${exp_hex} ${log_hex} "${key}" ${params}
    DEPENDS ${inputs} ${exp_hex} ${log_hex} mx_alu_tables_hex
    COMMENT "Verilating the accelerator top for mxaccel sim --engine rtl (${key})"
    VERBATIM)
  add_custom_target(accel_rtl_default ALL DEPENDS ${lib})
endfunction()
