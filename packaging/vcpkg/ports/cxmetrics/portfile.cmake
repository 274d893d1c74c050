# Overlay port that packages the checkout it lives in:
#   vcpkg install cxmetrics --overlay-ports=<cxmetrics>/packaging/vcpkg/ports
# A registry port would fetch a release instead (vcpkg_from_github with REF and SHA512).
set(VCPKG_BUILD_TYPE release)  # header-only: one configuration is enough

get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../../../.." ABSOLUTE)

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DCXMETRICS_BUILD_TESTS=OFF
    -DCXMETRICS_BUILD_EXAMPLES=OFF
    -DCXMETRICS_BUILD_BENCHMARKS=OFF
    -DCXMETRICS_INSTALL=ON
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/cxmetrics)
vcpkg_fixup_pkgconfig()

# The license is installed once, as vcpkg's copyright file.
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/share/doc")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
