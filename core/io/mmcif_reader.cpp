#include "core/io/mmcif_reader.h"

#include "core/base/error.h"
#include "core/io/cif_document.h"
#include "core/io/structure_assembler.h"

#include <charconv>
#include <cmath>
#include <type_traits>

namespace esm {
namespace {

// Author numbering and names (what PDB files show) win over label ones when both are present.
struct AtomSiteColumns {
    int group, id, element, atomName, altLoc, residueName, chain, residueNumber, insertionCode, x, y, z,
        occupancy, bFactor, model;

    explicit AtomSiteColumns(const CifTable& t) {
        auto either = [&](const char* preferred, const char* fallback) {
            const int c = t.column(preferred);
            return c >= 0 ? c : t.column(fallback);
        };
        group = t.column("group_PDB");
        id = t.column("id");
        element = t.column("type_symbol");
        atomName = either("auth_atom_id", "label_atom_id");
        altLoc = t.column("label_alt_id");
        residueName = either("auth_comp_id", "label_comp_id");
        chain = either("auth_asym_id", "label_asym_id");
        residueNumber = either("auth_seq_id", "label_seq_id");
        insertionCode = t.column("pdbx_PDB_ins_code");
        x = t.column("Cartn_x");
        y = t.column("Cartn_y");
        z = t.column("Cartn_z");
        occupancy = t.column("occupancy");
        bFactor = t.column("B_iso_or_equiv");
        model = t.column("pdbx_PDB_model_num");
    }
};

class SiteReader {
  public:
    SiteReader(const CifTable& table, const std::string& source) : t_(table), source_(source), c_(table) {
        for (auto [column, name] : {std::pair{c_.atomName, "atom_id"},
                                    {c_.residueName, "comp_id"},
                                    {c_.x, "Cartn_x"},
                                    {c_.y, "Cartn_y"},
                                    {c_.z, "Cartn_z"}})
            if (column < 0)
                throw Error(source_ + ": _atom_site has no " + name + " column");
    }

    AtomSite read(std::size_t row) const {
        AtomSite s;
        s.hetero = text(row, c_.group, "ATOM") == "HETATM";
        s.serial = number<int>(row, c_.id, "id", 0);
        s.atomName = text(row, c_.atomName, "");
        s.altLoc = text(row, c_.altLoc, " ")[0];
        s.residueName = text(row, c_.residueName, "");
        s.chainId = text(row, c_.chain, "");
        s.residueNumber = number<int>(row, c_.residueNumber, "seq_id", 0);
        s.insertionCode = text(row, c_.insertionCode, " ")[0];
        s.position = {number<double>(row, c_.x, "Cartn_x", 0.0), number<double>(row, c_.y, "Cartn_y", 0.0),
                      number<double>(row, c_.z, "Cartn_z", 0.0)};
        s.occupancy = number<float>(row, c_.occupancy, "occupancy", 1.0f);
        s.bFactor = number<double>(row, c_.bFactor, "B_iso_or_equiv", 0.0);
        s.element = text(row, c_.element, "");
        s.model = number<int>(row, c_.model, "pdbx_PDB_model_num", 1);
        return s;
    }

  private:
    std::string text(std::size_t row, int column, const char* fallback) const {
        if (column < 0 || isCifNull(t_.at(row, column)))
            return fallback;
        return t_.at(row, column);
    }

    template <typename Number>
    Number number(std::size_t row, int column, const char* what, Number fallback) const {
        if (column < 0 || isCifNull(t_.at(row, column)))
            return fallback;
        const std::string& field = t_.at(row, column);
        Number value{};
        const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
        // A field can be anything a file holds: quoted at most 40 characters of it.
        auto quoted = [&] { return "'" + (field.size() > 40 ? field.substr(0, 40) + "…" : field) + "'"; };
        if (error != std::errc() || end != field.data() + field.size())
            throw Error(
                locate(source_, t_.lines[row], 0, std::string("bad _atom_site.") + what + " " + quoted()));
        if constexpr (std::is_floating_point_v<Number>)
            if (!std::isfinite(value))
                throw Error(
                    locate(source_, t_.lines[row], 0,
                           std::string("_atom_site.") + what + " " + quoted() + " is not a finite number"));
        return value;
    }

    const CifTable& t_;
    const std::string& source_;
    AtomSiteColumns c_;
};

OriginHints originOf(const CifDocument& doc) {
    OriginHints hints;
    if (auto method = doc.item("exptl", "method"); method && !isCifNull(*method)) {
        hints.experimental = true;
        hints.experimentalMethod = *method;
    }
    hints.predicted = doc.table("ma_qa_metric") != nullptr || doc.table("ma_qa_metric_local") != nullptr;
    hints.allowGuess = false;
    return hints;
}

} // namespace

Structure readMmcif(std::string_view text, const std::string& sourceName, const std::string& structureName) {
    const CifDocument doc = parseCif(text, sourceName);
    const CifTable* atoms = doc.table("atom_site");
    if (!atoms || atoms->rowCount() == 0)
        throw Error(sourceName + ": no _atom_site records");
    const SiteReader reader(*atoms, sourceName);
    std::vector<AtomSite> sites;
    sites.reserve(atoms->rowCount());
    for (std::size_t row = 0; row < atoms->rowCount(); ++row)
        sites.push_back(reader.read(row));
    return assembleStructure(sites, originOf(doc), structureName.empty() ? doc.blockName : structureName);
}

} // namespace esm
