// Reads named columns of a simple comma-separated export (header row, no quoted fields),
// which is all the bundled sample data needs. Real exports with quoting belong to a CSV
// library.
#ifndef CXMETRICS_EXAMPLES_CSV_COLUMNS_HPP
#define CXMETRICS_EXAMPLES_CSV_COLUMNS_HPP

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace examples {

/// One vector of fields per row, in the order of `names`.
inline std::vector<std::vector<std::string>> read_columns(const std::string& path,
                                                          const std::vector<std::string>& names) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line, field;
  std::getline(in, line);
  std::vector<std::string> header;
  std::istringstream header_stream(line);
  while (std::getline(header_stream, field, ',')) header.push_back(field);
  std::vector<std::size_t> index;
  for (const auto& name : names) {
    std::size_t i = 0;
    while (i < header.size() && header[i] != name) ++i;
    if (i == header.size()) throw std::runtime_error(path + " has no column '" + name + "'");
    index.push_back(i);
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t line_number = 2; std::getline(in, line); ++line_number) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    while (std::getline(row, field, ',')) fields.push_back(field);
    std::vector<std::string> picked;
    for (auto i : index) {
      if (i >= fields.size())
        throw std::runtime_error(path + ":" + std::to_string(line_number) + " has too few fields");
      picked.push_back(fields[i]);
    }
    rows.push_back(std::move(picked));
  }
  return rows;
}

}  // namespace examples

#endif  // CXMETRICS_EXAMPLES_CSV_COLUMNS_HPP
