#include "core/io/pae_json.h"

#include "core/base/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace esm {

std::string paeJson(const PaeMatrix& pae) {
    // Two decimals, as the AlphaFold DB writes them; built by hand to keep the numbers short.
    std::ostringstream out;
    out << "[{\"predicted_aligned_error\": [";
    for (int i = 0; i < pae.residues; ++i) {
        out << (i ? ", [" : "[");
        for (int j = 0; j < pae.residues; ++j) {
            const double v =
                std::round(pae.values[std::size_t(i) * std::size_t(pae.residues) + std::size_t(j)] * 100) /
                100;
            out << (j ? ", " : "") << v;
        }
        out << "]";
    }
    out << "], \"max_predicted_aligned_error\": " << pae.maxError << "}]\n";
    return out.str();
}

PaeMatrix parsePaeJson(const std::string& text, const std::string& sourceName) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(sourceName + ": not JSON (" + e.what() + ")");
    }
    const nlohmann::json& entry = json.is_array() && !json.empty() ? json[0] : json;
    if (!entry.is_object() || !entry.contains("predicted_aligned_error"))
        throw Error(sourceName + ": no predicted_aligned_error");
    const auto& rows = entry["predicted_aligned_error"];
    PaeMatrix pae;
    pae.residues = int(rows.size());
    for (const auto& row : rows) {
        if (!row.is_array() || int(row.size()) != pae.residues)
            throw Error(sourceName + ": predicted_aligned_error is not a square matrix");
        for (const auto& v : row)
            pae.values.push_back(v.get<float>());
    }
    pae.maxError = entry.value("max_predicted_aligned_error", 0.0);
    return pae;
}

} // namespace esm
