# scripts/fresh-machine.sh with a bad option or a bad --dir: exit status 2
# and a one-line error naming the problem, before it touches anything.
function(expect_error expected_text)
  execute_process(COMMAND ${SCRIPT} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(STRIP "${err}" err)
  string(FIND "${err}" "\n" newline)
  if(NOT rc EQUAL 2 OR NOT newline EQUAL -1 OR NOT err MATCHES "${expected_text}" OR NOT out STREQUAL "")
    message(FATAL_ERROR "fresh-machine.sh ${ARGN}: exit ${rc}, stdout '${out}', stderr '${err}'; "
                        "expected exit 2 and one line matching '${expected_text}'")
  endif()
endfunction()

expect_error("unknown option '--bogus'" --bogus)
expect_error("--dir needs a directory" --dir)
expect_error("--dir .* already exists" --dir ${CMAKE_CURRENT_LIST_DIR})
