// Small SVG writers for the page's charts: one function per mark (line, text, circle, rect,
// diamond, triangle, polyline, polygon, a legend), so that a chart says what it draws, not
// how the markup is spelled.
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
/// Ends the chart; the caption is markup (it may hold <b>), so the caller escapes its texts.
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
/// A text turned by `degrees` (negative: counter-clockwise) about its own anchor point
/// (x, y): the y axis's title, slanted category labels.
inline void rotated_text(std::ostream& os, double x, double y, double degrees, const std::string& content, const char* cls,
                         const char* anchor) {
  os << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" class=\"" << cls << "\" text-anchor=\"" << anchor
     << "\" transform=\"rotate(" << num(degrees) << " " << num(x) << " " << num(y) << ")\">" << escape(content) << "</text>\n";
}

// Ends a mark: with its tooltip as a child <title> (what a browser shows on hover), or
// self-closed when it has none (legend swatches).
inline void end_mark(std::ostream& os, const char* element, const std::string& tooltip) {
  if (tooltip.empty()) os << "/>\n";
  else os << "><title>" << escape(tooltip) << "</title></" << element << ">\n";
}

/// A point, with a tooltip unless it is empty.
inline void circle(std::ostream& os, double x, double y, double r, const char* cls, const std::string& tooltip = {}) {
  os << "<circle cx=\"" << num(x) << "\" cy=\"" << num(y) << "\" r=\"" << num(r) << "\" class=\"" << cls << "\"";
  end_mark(os, "circle", tooltip);
}
/// A rectangle from its top-left corner (bars, legend swatches), with a tooltip unless it is empty.
inline void rect(std::ostream& os, double x, double y, double width, double height, const char* cls,
                 const std::string& tooltip = {}) {
  os << "<rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"" << num(width) << "\" height=\"" << num(height)
     << "\" class=\"" << cls << "\"";
  end_mark(os, "rect", tooltip);
}
/// A closed shape from path data `d` (built by the shapes below), with a tooltip unless it is empty.
inline void path(std::ostream& os, const std::string& d, const char* cls, const std::string& tooltip = {}) {
  os << "<path d=\"" << d << "\" class=\"" << cls << "\"";
  end_mark(os, "path", tooltip);
}
/// A diamond 12 px across centred on (x, y): the self-assessment mark.
inline void diamond(std::ostream& os, double x, double y, const char* cls, const std::string& tooltip = {}) {
  path(os, "M" + num(x) + "," + num(y - 6) + " l6,6 l-6,6 l-6,-6 Z", cls, tooltip);
}
/// A triangle 12 px wide pointing up or down from (x, y): its base 4 px behind, its tip 6 px
/// ahead (a change, drawn beside the point it marks).
inline void triangle(std::ostream& os, double x, double y, bool up, const char* cls, const std::string& tooltip = {}) {
  const double base = up ? y + 4 : y - 4, tip = up ? y - 6 : y + 6;
  path(os, "M" + num(x - 6) + "," + num(base) + " L" + num(x + 6) + "," + num(base) + " L" + num(x) + "," + num(tip) + " Z", cls,
       tooltip);
}

// The "x,y x,y " list of a polyline's or polygon's points.
inline void points_attribute(std::ostream& os, const std::vector<std::pair<double, double>>& points) {
  os << "points=\"";
  for (const auto& [x, y] : points) os << num(x) << "," << num(y) << " ";
  os << "\"/>\n";
}
inline void polyline(std::ostream& os, const std::vector<std::pair<double, double>>& points, const char* cls) {
  os << "<polyline class=\"" << cls << "\" ";
  points_attribute(os, points);
}
/// A filled closed shape through the points (an interval band: upper edge, then lower edge back).
inline void polygon(std::ostream& os, const std::vector<std::pair<double, double>>& points, const char* cls) {
  os << "<polygon class=\"" << cls << "\" ";
  points_attribute(os, points);
}

/// A group of marks moved by (x, y), so that they can be placed with small local coordinates;
/// end it with end_group.
inline void begin_group(std::ostream& os, double x, double y) {
  os << "<g transform=\"translate(" << num(x) << "," << num(y) << ")\">";
}
inline void end_group(std::ostream& os) { os << "</g>\n"; }

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
    else if (shape == "band" || shape == "bar") rect(os, x, y - 5, 18, 10, item.cls);
    else if (shape == "self") diamond(os, x + 9, y, item.cls);
    else circle(os, x + 9, y, 4, item.cls);
    text(os, x + 24, y + 4, item.label, "tick");
    x += 24 + 6.2 * static_cast<double>(item.label.size()) + 16;
  }
  os << "</g>\n";
  return x;
}

}  // namespace cx_report::svg

#endif  // CX_REPORT_SVG_HPP
