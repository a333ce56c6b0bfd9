#include "ui/services/session/SessionFile.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/io/compressed_file.h"
#include "core/io/structure_files.h"
#include "core/structure/sequence.h"

#include <nlohmann/json.hpp>

namespace esmui {
namespace {

using nlohmann::json;

constexpr int kVersion = 1;
constexpr const char* kFormat = "esm-explorer-session";

std::string text(const QString& s) {
    return s.toStdString();
}
QString qtext(const json& j, const char* key) {
    return QString::fromStdString(j.value(key, std::string()));
}

// Structures are kept as mmCIF, which holds any structure the application accepts (PDB's columns do
// not); sessions written before keep opening from their "pdb" text.
json structureJson(const std::shared_ptr<const esm::Structure>& s) {
    if (!s)
        return nullptr;
    return {{"name", s->name}, {"mmcif", esm::structureText(*s, esm::StructureFormat::Mmcif)}};
}

std::shared_ptr<const esm::Structure> structureFrom(const json& j, const std::string& source) {
    if (j.is_null())
        return nullptr;
    const bool mmcif = j.contains("mmcif");
    return std::make_shared<const esm::Structure>(esm::readStructureText(
        j.at(mmcif ? "mmcif" : "pdb").get<std::string>(),
        mmcif ? esm::StructureFormat::Mmcif : esm::StructureFormat::Pdb, source, j.value("name", "")));
}

json foldJson(const FoldRecord& f) {
    return {{"sequence", text(f.sequence)},
            {"mutations", text(f.mutations)},
            {"structure", structureJson(f.structure)},
            {"plddt", f.plddt},
            {"pae", f.pae},
            {"residues", f.residues},
            {"mean_plddt", f.meanPlddt},
            {"ptm", f.ptm},
            {"max_pae", f.maxPae},
            {"model", text(f.model)},
            {"time", text(f.time.toString(Qt::ISODateWithMs))},
            {"seconds", f.seconds}};
}

FoldRecord foldFrom(const json& j, const std::string& source) {
    FoldRecord f;
    f.sequence = qtext(j, "sequence");
    f.mutations = qtext(j, "mutations");
    f.structure = structureFrom(j.at("structure"), source);
    f.plddt = j.at("plddt").get<std::vector<float>>();
    f.pae = j.at("pae").get<std::vector<float>>();
    f.residues = j.at("residues").get<int>();
    if (f.pae.size() != std::size_t(f.residues) * std::size_t(f.residues) ||
        f.plddt.size() != std::size_t(f.residues))
        throw esm::Error(source + ": a fold's pLDDT or PAE does not match its " + std::to_string(f.residues) +
                         " residues");
    f.meanPlddt = j.value("mean_plddt", 0.0);
    f.ptm = j.value("ptm", 0.0);
    f.maxPae = j.value("max_pae", 0.0);
    f.model = qtext(j, "model");
    f.time = QDateTime::fromString(qtext(j, "time"), Qt::ISODateWithMs);
    f.seconds = j.value("seconds", 0.0);
    return f;
}

json scoresJson(const LanguageModelResult& r) {
    const esm::SequenceScores& s = r.scores;
    return {{"residues", s.residues},  {"mode", esm::scoreModeName(s.mode)},
            {"log_probs", s.logProbs}, {"wild_type", s.wildTypeLogProb},
            {"entropy", s.entropy},    {"windows", s.windows},
            {"contacts", r.contacts}};
}

std::shared_ptr<const LanguageModelResult> scoresFrom(const json& j, const std::string& source) {
    if (j.is_null())
        return nullptr;
    auto r = std::make_shared<LanguageModelResult>();
    esm::SequenceScores& s = r->scores;
    s.residues = j.at("residues").get<std::string>();
    s.mode = esm::parseScoreMode(j.at("mode").get<std::string>()).value_or(esm::ScoreMode::WildTypeMarginal);
    s.logProbs = j.at("log_probs").get<std::vector<float>>();
    s.wildTypeLogProb = j.at("wild_type").get<std::vector<float>>();
    s.entropy = j.at("entropy").get<std::vector<float>>();
    s.windows = j.value("windows", 1);
    r->contacts = j.value("contacts", std::vector<float>());
    const std::size_t n = s.residues.size();
    if (s.logProbs.size() != n * 20 || s.wildTypeLogProb.size() != n || s.entropy.size() != n)
        throw esm::Error(source + ": the saved scores do not match their sequence");
    return r;
}

json otherStructureJson(const ExtraStructure& m) {
    return {{"name", text(m.name)},
            {"structure", structureJson(m.structure)},
            {"visible", m.visible},
            {"superposed", m.superposed},
            {"colour", m.colour}};
}

ExtraStructure otherStructureFrom(const json& j, const std::string& source) {
    ExtraStructure m;
    m.name = qtext(j, "name");
    m.structure = structureFrom(j.at("structure"), source); // placed when the document takes it
    if (!m.structure)
        throw esm::Error(source + ": a model without its structure");
    m.visible = j.value("visible", true);
    m.superposed = j.value("superposed", false);
    if (j.contains("colour")) {
        const json& colour = j.at("colour");
        if (!colour.is_array() || colour.size() != 3)
            throw esm::Error(source + ": a model's colour is not three numbers from 0 to 255");
        for (std::size_t k = 0; k < 3; ++k) {
            if (!colour[k].is_number_unsigned() || colour[k].get<std::uint64_t>() > 255)
                throw esm::Error(source + ": a model's colour is not three numbers from 0 to 255");
            m.colour[k] = static_cast<unsigned char>(colour[k].get<std::uint64_t>());
        }
    }
    return m;
}

} // namespace

void writeSession(const QString& path, const Document::Saved& d) {
    json undo = json::array();
    for (const auto& step : d.undo)
        undo.push_back({{"text", text(step.text)},
                        {"before", text(step.before)},
                        {"after", text(step.after)},
                        {"kind", int(step.kind)}});
    json folds = json::array();
    for (const auto& fold : d.folds)
        folds.push_back(foldJson(fold));
    json others = json::array();
    for (const auto& other : d.extraStructures)
        others.push_back(otherStructureJson(other));
    const json out = {
        {"format", kFormat},
        {"version", kVersion},
        {"document",
         {{"sequence", text(d.sequence)},
          {"origin", text(d.origin)},
          {"structure", d.currentFold < 0 ? structureJson(d.structure) : json(nullptr)},
          {"folds", folds},
          {"current_fold", d.currentFold},
          {"undo", undo},
          {"undo_index", d.undoIndex},
          {"selection", d.selection}}},
        {"models",
         {{"language", text(d.languageModel)},
          {"folding", text(d.foldingModel)},
          {"task", text(d.taskModel)}}},
        {"other_structures", others},
        {"scores",
         {{"mode", esm::scoreModeName(d.scoreMode)},
          {"result", d.scores ? scoresJson(*d.scores) : json(nullptr)}}},
        {"view",
         {{"style", text(styleName(d.view.style))},
          {"colour", d.view.colorScheme ? text(colorSchemeName(*d.view.colorScheme)) : std::string()},
          {"camera", d.view.camera}}}};
    esm::writeFileAtomically(path.toStdString(), out.dump() + "\n");
}

Document::Saved readSession(const QString& path) {
    const std::string source = path.toStdString();
    const json j = esm::parseJsonText(esm::readRegularFile(source), source);
    if (!j.is_object() || j.value("format", "") != kFormat)
        throw esm::Error(source + ": not an ESM Explorer session");
    if (j.contains("version") && !j["version"].is_number_integer())
        throw esm::Error(source + ": damaged session (its version is not a number)");
    if (j.value("version", 0) > kVersion)
        throw esm::Error(source + ": written by a newer ESM Explorer (session version " +
                         std::to_string(j.value("version", 0)) + ")");
    Document::Saved s;
    try {
        const json& d = j.at("document");
        s.sequence = qtext(d, "sequence");
        s.origin = qtext(d, "origin");
        s.structure = structureFrom(d.value("structure", json(nullptr)), source);
        if (!s.structure) // a structure's own sequence is as long as the structure is
            esm::requireProteinLength(esm::residueCountOf(s.sequence.toStdString()), source);
        for (const auto& fold : d.at("folds"))
            s.folds.push_back(foldFrom(fold, source));
        s.currentFold = d.value("current_fold", -1);
        for (const auto& step : d.at("undo"))
            s.undo.push_back({qtext(step, "text"), qtext(step, "before"), qtext(step, "after"),
                              Document::Edit(step.value("kind", int(Document::Edit::Other)))});
        s.undoIndex = d.value("undo_index", int(s.undo.size()));
        s.selection = d.value("selection", std::set<int>());
        s.languageModel = qtext(j.at("models"), "language");
        s.foldingModel = qtext(j.at("models"), "folding");
        if (j.at("models").contains("task")) // sessions before training was built have none
            s.taskModel = qtext(j.at("models"), "task");
        s.scoreMode = esm::parseScoreMode(j.at("scores").value("mode", "wt-marginal"))
                          .value_or(esm::ScoreMode::WildTypeMarginal);
        s.scores = scoresFrom(j.at("scores").at("result"), source);
        s.view.style = parseStyle(qtext(j.at("view"), "style")).value_or(Style::Cartoon);
        s.view.colorScheme = parseColorScheme(qtext(j.at("view"), "colour"));
        s.view.camera = j.at("view").value("camera", std::vector<double>());
        for (const auto& other : j.value("other_structures", json::array()))
            s.extraStructures.push_back(otherStructureFrom(other, source));
    } catch (const json::exception& e) {
        throw esm::Error(source + ": damaged session (" + e.what() + ")");
    }
    return s;
}

} // namespace esmui
