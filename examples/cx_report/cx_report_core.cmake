# The analysis of cx-report as a library of its own, compiled once and shared by the CLI
# (examples/) and its test suite (tests/), whichever directory asks first.
include_guard(GLOBAL)
add_library(cx_report_core STATIC "${CMAKE_CURRENT_LIST_DIR}/report.cpp")
target_include_directories(cx_report_core PUBLIC "${CMAKE_CURRENT_LIST_DIR}")
target_link_libraries(cx_report_core PUBLIC cxmetrics::cxmetrics PRIVATE cxmetrics_developer_flags)
