// A CIF 1.1 data block, read into categories of rows: enough of the syntax for PDBx/mmCIF and
// ModelCIF files (quoted values, semicolon text fields, loops, comments).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace esm {

// One category (`_atom_site`), whether the file wrote it as a loop or as key-value pairs.
class CifTable {
  public:
    std::vector<std::string> columns; // item names without the category: "Cartn_x"
    std::vector<std::string> values;  // row-major; '.' and '?' kept as written
    std::vector<long> lines;          // source line of each row's first value, for error messages

    std::size_t rowCount() const { return columns.empty() ? 0 : values.size() / columns.size(); }
    // Index of a column, or -1 when the file does not have it.
    int column(std::string_view name) const;
    const std::string& at(std::size_t row, int column) const { return values[row * columns.size() + column]; }
};

class CifDocument {
  public:
    std::string blockName; // what follows `data_`
    std::map<std::string, CifTable, std::less<>> tables;

    const CifTable* table(std::string_view category) const;
    // The value of a single item (`_exptl.method`), the first row when it is a loop.
    std::optional<std::string> item(std::string_view category, std::string_view column) const;
};

// Reads the first data block. Throws Error with line numbers for malformed syntax.
CifDocument parseCif(std::string_view text, const std::string& sourceName);

// True for the CIF null values '.' (inapplicable) and '?' (unknown).
inline bool isCifNull(const std::string& value) {
    return value == "." || value == "?";
}

// Quotes a value for writing when CIF syntax requires it.
std::string cifQuote(const std::string& value);

} // namespace esm
