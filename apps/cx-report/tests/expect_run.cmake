# Runs PROGRAM with ARGS ("|"-separated) and passes when it exits with EXIT and, when given,
# prints OUT_MATCH on standard output and ERR_MATCH on standard error (regular expressions).
string(REPLACE "|" ";" arguments "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${arguments} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result STREQUAL "${EXIT}")
  message(FATAL_ERROR "expected exit ${EXIT}, got ${result}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED OUT_MATCH AND NOT out MATCHES "${OUT_MATCH}")
  message(FATAL_ERROR "stdout does not match '${OUT_MATCH}':\n${out}")
endif()
if(DEFINED ERR_MATCH AND NOT err MATCHES "${ERR_MATCH}")
  message(FATAL_ERROR "stderr does not match '${ERR_MATCH}':\n${err}")
endif()
message(STATUS "exit ${result} as expected")
