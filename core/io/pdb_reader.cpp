#include "core/io/pdb_reader.h"

#include "core/base/error.h"
#include "core/base/log.h"
#include "core/io/structure_assembler.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <type_traits>
#include <vector>

namespace esm {
namespace {

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

// Columns are 1-based and inclusive, as the PDB format specification numbers them.
std::string_view columns(std::string_view line, std::size_t first, std::size_t last) {
    if (line.size() < first)
        return {};
    return line.substr(first - 1, std::min(last, line.size()) - first + 1);
}

class LineParser {
  public:
    LineParser(std::string_view line, const std::string& source, long lineNumber)
        : line_(line), source_(source), lineNumber_(lineNumber) {}

    std::string text(std::size_t first, std::size_t last) const { return trim(columns(line_, first, last)); }
    std::string raw(std::size_t first, std::size_t last) const {
        return std::string(columns(line_, first, last));
    }
    char character(std::size_t column) const { return line_.size() >= column ? line_[column - 1] : ' '; }

    template <typename Number>
    Number number(std::size_t first, std::size_t last, const char* what, Number fallback,
                  bool required) const {
        const std::string field = text(first, last);
        if (field.empty()) {
            if (required)
                fail(std::string("missing ") + what + " (columns " + std::to_string(first) + "-" +
                     std::to_string(last) + ")");
            return fallback;
        }
        Number value{};
        const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (error != std::errc() || end != field.data() + field.size())
            fail(std::string("bad ") + what + " '" + field + "'");
        if constexpr (std::is_floating_point_v<Number>)
            if (!std::isfinite(value))
                fail(std::string(what) + " '" + field + "' is not a finite number");
        return value;
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw Error(locate(source_, lineNumber_, 0, message));
    }

  private:
    std::string_view line_;
    const std::string& source_;
    long lineNumber_;
};

AtomSite parseAtomLine(const LineParser& p, bool hetero, int model) {
    AtomSite site;
    site.hetero = hetero;
    site.model = model;
    // Serial numbers overflow into hexadecimal or '*****' in big files; they carry no meaning here.
    const std::string serialText = p.text(7, 11);
    std::from_chars(serialText.data(), serialText.data() + serialText.size(), site.serial);
    site.atomName = p.text(13, 16);
    if (site.atomName.empty())
        p.fail("missing atom name (columns 13-16)");
    site.altLoc = p.character(17);
    site.residueName = p.text(18, 20);
    site.chainId = p.text(22, 22);
    site.residueNumber = p.number<int>(23, 26, "residue number", 0, true);
    site.insertionCode = p.character(27);
    site.position = {p.number<double>(31, 38, "x coordinate", 0.0, true),
                     p.number<double>(39, 46, "y coordinate", 0.0, true),
                     p.number<double>(47, 54, "z coordinate", 0.0, true)};
    site.occupancy = p.number<float>(55, 60, "occupancy", 1.0f, false);
    site.bFactor = p.number<double>(61, 66, "B-factor", 0.0, false);
    site.element = p.text(77, 78);
    // Old-format files keep a line counter in columns 73-80; an element is letters only.
    const bool letters = std::all_of(site.element.begin(), site.element.end(),
                                     [](unsigned char c) { return std::isalpha(c); });
    if (site.element.empty() || !letters)
        site.element = elementFromAtomName(p.raw(13, 16), hetero);
    return site;
}

bool startsWith(std::string_view line, std::string_view record) {
    return line.substr(0, record.size()) == record;
}

// AlphaFold DB files carry a unit cell of 1 Å: only a real cell marks a crystal structure.
bool isRealCell(const LineParser& p) {
    const std::string a = p.text(7, 15);
    return !a.empty() && a != "1.000";
}

} // namespace

Structure readPdb(std::istream& in, const std::string& sourceName, const std::string& structureName) {
    std::vector<AtomSite> sites;
    std::vector<std::string> warnings;
    OriginHints hints;
    std::string name = structureName;
    int model = 1;
    std::string rawLine;
    long lineNumber = 0;
    while (std::getline(in, rawLine)) {
        ++lineNumber;
        std::string_view line = rawLine;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const LineParser p(line, sourceName, lineNumber);
        const bool atom = startsWith(line, "ATOM  ") || line == "ATOM";
        const bool hetatm = startsWith(line, "HETATM");
        if (atom || hetatm) {
            try {
                sites.push_back(parseAtomLine(p, hetatm, model));
            } catch (const Error& e) {
                // A download cut short ends inside its last line: keep what came before, as ChimeraX
                // and PyMOL do. A damaged line inside the file is still an error.
                if (!in.eof())
                    throw;
                warnings.push_back(std::string(e.what()) + " (the file ends inside this line: left out)");
            }
        } else if (startsWith(line, "MODEL ")) {
            model = p.number<int>(7, 14, "model number", model + 1, false);
        } else if (startsWith(line, "EXPDTA")) {
            hints.experimental = true;
            hints.experimentalMethod = p.text(11, 79);
        } else if (startsWith(line, "CRYST1")) {
            hints.experimental = hints.experimental || isRealCell(p);
        } else if (startsWith(line, "PARENT")) {
            hints.predicted = true;
        } else if (startsWith(line, "REMARK") || startsWith(line, "TITLE ")) {
            std::string upper(line);
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return std::toupper(c); });
            if (upper.find("PLDDT") != std::string::npos || upper.find("ALPHAFOLD") != std::string::npos)
                hints.predicted = true;
        } else if (startsWith(line, "HEADER") && name.empty()) {
            name = p.text(63, 66);
        }
    }
    if (in.bad())
        throw Error(sourceName + ": read failed");
    if (sites.empty())
        throw Error(sourceName + ": no ATOM or HETATM records (not a PDB file?)");
    Structure structure = assembleStructure(sites, hints, name);
    for (const std::string& warning : warnings)
        logWarning(warning);
    structure.warnings = std::move(warnings);
    return structure;
}

} // namespace esm
