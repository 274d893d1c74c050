// Small SVG writers for the page's charts: one function per mark (line, circle, text,
// polyline, a legend), so that a chart says what it draws, not how the markup is spelled.
// Every text goes through the page's escape; coordinates are printed with one decimal.
#ifndef CX_REPORT_SVG_HPP
#define CX_REPORT_SVG_HPP

#include <cstdio>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "text.hpp"

namespace cx_report::svg {

inline std::string escape(std::string_view text) {
  const std::string s = printable(text, 100000);  // no control bytes, valid UTF-8
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

inline void open(std::ostream& os, const std::string& id, double width, double height, const std::string& title,
                 const std::string& description) {
  os << "<figure><svg id=\"" << id << "\" class=\"chart\" viewBox=\"0 0 " << num(width) << " " << num(height)
     << "\" role=\"img\" aria-labelledby=\"" << id << "-title\"><title id=\"" << id << "-title\">" << escape(title)
     << "</title><desc>" << escape(description) << "</desc>\n";
}
inline void close(std::ostream& os, const std::string& caption) {
  os << "</svg><figcaption>" << caption << "</figcaption></figure>\n";
}

inline void line(std::ostream& os, double x1, double y1, double x2, double y2, const char* cls) {
  os << "<line x1=\"" << num(x1) << "\" y1=\"" << num(y1) << "\" x2=\"" << num(x2) << "\" y2=\"" << num(y2) << "\" class=\"" << cls
     << "\"/>\n";
}
inline void text(std::ostream& os, double x, double y, const std::string& content, const char* cls, const char* anchor = "start") {
  os << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" class=\"" << cls << "\" text-anchor=\"" << anchor << "\">"
     << escape(content) << "</text>\n";
}
/// A point with a tooltip.
inline void circle(std::ostream& os, double x, double y, double r, const char* cls, const std::string& tooltip) {
  os << "<circle cx=\"" << num(x) << "\" cy=\"" << num(y) << "\" r=\"" << num(r) << "\" class=\"" << cls << "\"><title>"
     << escape(tooltip) << "</title></circle>\n";
}
inline void polyline(std::ostream& os, const std::vector<std::pair<double, double>>& points, const char* cls) {
  os << "<polyline class=\"" << cls << "\" points=\"";
  for (const auto& [x, y] : points) os << num(x) << "," << num(y) << " ";
  os << "\"/>\n";
}

/// One legend entry: how it is drawn ("line", "dashed", "band", "point", "hollow",
/// "flagged", "bar", "self") with its CSS class, and what it means.
struct legend_item {
  const char* shape;
  const char* cls;
  std::string label;
};

/// A legend in one row from (x, y), 14 px high; returns the x after it.
inline double legend(std::ostream& os, double x, double y, const std::vector<legend_item>& items) {
  os << "<g class=\"legend\">";
  for (const auto& item : items) {
    const std::string shape = item.shape;
    if (shape == "line" || shape == "dashed") line(os, x, y, x + 18, y, item.cls);
    else if (shape == "band" || shape == "bar")
      os << "<rect x=\"" << num(x) << "\" y=\"" << num(y - 5) << "\" width=\"18\" height=\"10\" class=\"" << item.cls << "\"/>";
    else if (shape == "self")
      os << "<path d=\"M" << num(x + 9) << "," << num(y - 6) << " l6,6 l-6,6 l-6,-6 Z\" class=\"" << item.cls << "\"/>";
    else
      os << "<circle cx=\"" << num(x + 9) << "\" cy=\"" << num(y) << "\" r=\"4\" class=\"" << item.cls << "\"/>";
    text(os, x + 24, y + 4, item.label, "tick");
    x += 24 + 6.2 * static_cast<double>(item.label.size()) + 16;
  }
  os << "</g>\n";
  return x;
}

}  // namespace cx_report::svg

#endif  // CX_REPORT_SVG_HPP
