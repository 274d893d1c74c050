# Runs PROGRAM (with the argument ARG, if given) and passes only when it fails and prints
# EXPECTED on standard error.
execute_process(COMMAND "${PROGRAM}" ${ARG} RESULT_VARIABLE result ERROR_VARIABLE errors)
if(result EQUAL 0)
  message(FATAL_ERROR "expected ${PROGRAM} ${ARG} to abort, but it exited 0")
endif()
string(FIND "${errors}" "${EXPECTED}" found)
if(found EQUAL -1)
  message(FATAL_ERROR "expected '${EXPECTED}' on stderr, got: ${errors}")
endif()
message(STATUS "aborted as expected (${result}): ${errors}")
