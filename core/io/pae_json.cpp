#include "core/io/pae_json.h"

#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/io/compressed_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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

namespace {

float finite(const nlohmann::json& value, const std::string& sourceName) {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        throw Error(sourceName + ": a predicted aligned error is not a finite number (" + jsonPreview(value) +
                    ")");
    return value.get<float>();
}

PaeMatrix fromRows(const nlohmann::json& rows, const std::string& sourceName) {
    if (!rows.is_array())
        throw Error(sourceName + ": the predicted aligned error is not a matrix");
    // Squareness first: the matrix is set aside only once the file holds every value of it.
    for (const auto& row : rows)
        if (!row.is_array() || row.size() != rows.size())
            throw Error(sourceName + ": predicted_aligned_error is not a square matrix");
    PaeMatrix pae;
    pae.residues = int(rows.size());
    pae.values.reserve(rows.size() * rows.size());
    for (const auto& row : rows) {
        for (const auto& v : row)
            pae.values.push_back(finite(v, sourceName));
    }
    return pae;
}

// The AlphaFold DB's first layout: residue1[k], residue2[k] (1-based) and distance[k], row-major.
PaeMatrix fromRecords(const nlohmann::json& entry, const std::string& sourceName) {
    // at() on a const object: a missing key is an error to report, not undefined behaviour.
    auto field = [&](const char* key) { return entry.contains(key) ? entry.at(key) : nlohmann::json(); };
    const nlohmann::json first = field("residue1"), second = field("residue2"), distance = field("distance");
    if (!first.is_array() || !second.is_array() || !distance.is_array() || first.size() != distance.size() ||
        second.size() != distance.size())
        throw Error(sourceName + ": residue1, residue2 and distance are not lists of one length");
    const auto n = std::size_t(std::llround(std::sqrt(double(distance.size()))));
    if (n * n != distance.size())
        throw Error(sourceName + ": " + std::to_string(distance.size()) +
                    " distances do not make a square matrix");
    PaeMatrix pae;
    pae.residues = int(n);
    pae.values.assign(n * n, 0.f);
    for (std::size_t k = 0; k < distance.size(); ++k) {
        if (!first[k].is_number_integer() || !second[k].is_number_integer())
            throw Error(sourceName + ": residue numbers are not whole numbers");
        const auto i = first[k].get<long long>() - 1, j = second[k].get<long long>() - 1;
        if (i < 0 || j < 0 || i >= (long long)n || j >= (long long)n)
            throw Error(sourceName + ": residue number out of 1-" + std::to_string(n));
        pae.values[std::size_t(i) * n + std::size_t(j)] = finite(distance[k], sourceName);
    }
    return pae;
}

double maxErrorOf(const nlohmann::json& entry, const char* key, const PaeMatrix& pae) {
    if (entry.contains(key) && entry.at(key).is_number())
        return entry.at(key).get<double>();
    double largest = 0;
    for (float v : pae.values)
        largest = std::max(largest, double(v));
    return largest;
}

} // namespace

PaeMatrix parsePaeJson(const std::string& text, const std::string& sourceName) {
    const nlohmann::json json = parseJsonText(text, sourceName);
    const nlohmann::json& entry = json.is_array() && !json.empty() ? json[0] : json;
    if (!entry.is_object())
        throw Error(sourceName + ": no predicted aligned error (not an AlphaFold DB or ColabFold file)");
    PaeMatrix pae;
    if (entry.contains("predicted_aligned_error")) {
        pae = fromRows(entry.at("predicted_aligned_error"), sourceName);
        pae.maxError = maxErrorOf(entry, "max_predicted_aligned_error", pae);
    } else if (entry.contains("distance")) {
        pae = fromRecords(entry, sourceName);
        pae.maxError = maxErrorOf(entry, "max_predicted_aligned_error", pae);
    } else if (entry.contains("pae")) {
        pae = fromRows(entry.at("pae"), sourceName);
        pae.maxError = maxErrorOf(entry, "max_pae", pae);
    } else {
        throw Error(sourceName + ": no predicted aligned error (not an AlphaFold DB or ColabFold file)");
    }
    return pae;
}

std::vector<std::filesystem::path> paeFilesBeside(const std::filesystem::path& structure) {
    const std::filesystem::path folder = structure.parent_path();
    const std::string stem = structureStem(structure);
    std::vector<std::filesystem::path> candidates{folder / (stem + ".json")};
    auto replaced = [&](const std::string& from, const std::string& to) {
        if (const auto at = stem.find(from); at != std::string::npos)
            candidates.push_back(folder /
                                 (stem.substr(0, at) + to + stem.substr(at + from.size()) + ".json"));
    };
    replaced("-model_v", "-predicted_aligned_error_v");
    replaced("_unrelaxed_", "_scores_");
    replaced("_relaxed_", "_scores_");
    return candidates;
}

} // namespace esm
