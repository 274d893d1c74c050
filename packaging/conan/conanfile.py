"""Conan 2 recipe for cxmetrics, a header-only library.

    conan create packaging/conan --build=missing

The recipe packages the checkout it lives in (export_sources copies from the repository
root); a recipe for ConanCenter would download a release archive in source() instead.
"""
import os

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class CxmetricsConan(ConanFile):
    name = "cxmetrics"
    version = "0.1.0"
    license = "MIT"
    description = ("Header-only C++17 customer-experience metrics: NPS, CSAT, CES with "
                   "confidence intervals, consistency and perception-gap statistics")
    topics = ("nps", "csat", "survey", "statistics", "customer-experience", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def export_sources(self):
        root = os.path.join(self.recipe_folder, "..", "..")
        copy(self, "LICENSE", root, self.export_sources_folder)
        copy(self, "*.hpp", os.path.join(root, "include"),
             os.path.join(self.export_sources_folder, "include"))

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        # Boost.Math appears in public headers, so consumers need its headers too.
        self.requires("boost/[>=1.74 <2]", transitive_headers=True)

    def package_id(self):
        self.info.clear()

    def validate(self):
        if self.settings.get_safe("compiler.cppstd"):
            check_min_cppstd(self, 17)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "cxmetrics")
        self.cpp_info.set_property("cmake_target_name", "cxmetrics::cxmetrics")
        self.cpp_info.set_property("pkg_config_name", "cxmetrics")
        self.cpp_info.requires = ["boost::headers"]
