// esmx info FILE...: per file and chain, residue count, sequence and confidence statistics.
#include "args.h"
#include "commands.h"
#include "model_argument.h"

#include "core/io/structure_files.h"
#include "core/pipeline/model_folder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace cli {
namespace {

struct ChainSummary {
    std::string id, sequence;
    bool plddt = false;
    double mean = 0, minimum = 0, maximum = 0;
};

// Chains of the first model that hold polymer residues; confidence over all their atoms, as
// ESMFold computes its reported mean pLDDT.
std::vector<ChainSummary> summarize(const esm::Structure& s) {
    std::vector<ChainSummary> chains;
    const auto range = s.conformerChains(0);
    for (int c = range.begin; c < range.end; ++c) {
        const auto residues = s.polymerResidues(c);
        if (residues.empty())
            continue;
        ChainSummary summary{s.chainId(c), s.chainSequence(c), s.confidence == esm::Confidence::PLDDT};
        double sum = 0;
        int count = 0;
        summary.minimum = 1e30;
        summary.maximum = -1e30;
        for (int r : residues) {
            const auto atoms = s.residueAtoms(r);
            for (int a = atoms.begin; a < atoms.end; ++a) {
                sum += s.bFactor(a);
                summary.minimum = std::min<double>(summary.minimum, s.bFactor(a));
                summary.maximum = std::max<double>(summary.maximum, s.bFactor(a));
                ++count;
            }
        }
        summary.mean = count ? sum / count : 0.0;
        chains.push_back(summary);
    }
    return chains;
}

// The files hold two decimals; more digits would only show float round-off.
double roundedToHundredths(double value) {
    return std::round(value * 100.0) / 100.0;
}

nlohmann::json toJson(const std::string& file, const esm::Structure& s,
                      const std::vector<ChainSummary>& chains) {
    nlohmann::json out{{"file", file},
                       {"name", s.name},
                       {"models", s.conformerCount()},
                       {"confidence", s.confidence == esm::Confidence::PLDDT ? "plddt" : "b-factor"}};
    out["experimental_method"] =
        s.experimentalMethod.empty() ? nlohmann::json() : nlohmann::json(s.experimentalMethod);
    out["chains"] = nlohmann::json::array();
    for (const auto& c : chains) {
        nlohmann::json chain{
            {"id", c.id}, {"residues", c.sequence.size()}, {"sequence", c.sequence}, {"plddt", c.plddt}};
        if (c.plddt) {
            chain["mean_plddt"] = roundedToHundredths(c.mean);
            chain["min_plddt"] = roundedToHundredths(c.minimum);
            chain["max_plddt"] = roundedToHundredths(c.maximum);
        }
        out["chains"].push_back(chain);
    }
    return out;
}

void printText(const std::string& file, const esm::Structure& s, const std::vector<ChainSummary>& chains) {
    std::cout << file << ": " << s.conformerCount() << (s.conformerCount() == 1 ? " model, " : " models, ")
              << chains.size() << (chains.size() == 1 ? " chain" : " chains");
    if (!s.experimentalMethod.empty())
        std::cout << ", " << s.experimentalMethod;
    std::cout << '\n';
    for (const auto& c : chains) {
        std::cout << "  chain " << (c.id.empty() ? "' '" : c.id) << ": " << c.sequence.size()
                  << " residues, ";
        if (c.plddt) {
            char stats[96];
            std::snprintf(stats, sizeof stats, "pLDDT mean %.2f min %.2f max %.2f", c.mean, c.minimum,
                          c.maximum);
            std::cout << stats << '\n';
        } else {
            std::cout << "no pLDDT (B-factors)\n";
        }
        std::cout << "    " << c.sequence << '\n';
    }
}

nlohmann::json modelJson(const esm::ModelFolderInfo& m) {
    const auto& c = m.config;
    return {{"folder", m.folder.string()},
            {"architecture", m.architecture},
            {"kind", esm::modelKindName(m.kind)},
            {"layers", c.num_hidden_layers},
            {"hidden_size", c.hidden_size},
            {"attention_heads", c.num_attention_heads},
            {"intermediate_size", c.intermediate_size},
            {"position_embedding", c.position_embedding_type},
            {"parameters", m.parameters},
            {"dtypes", m.storedTypes},
            {"weight_bytes", m.weightBytes},
            {"weight_files", m.weightFiles},
            {"complete", m.problems.empty()},
            {"problems", m.problems}};
}

void printModel(const esm::ModelFolderInfo& m) {
    const auto& c = m.config;
    char size[64];
    std::snprintf(size, sizeof size, "%.1f MB", double(m.weightBytes) / 1e6);
    std::cout << m.folder.string() << ": " << m.architecture << " (" << esm::modelKindName(m.kind) << ")\n";
    std::cout << "  layers " << c.num_hidden_layers << ", hidden " << c.hidden_size << ", heads "
              << c.num_attention_heads << ", intermediate " << c.intermediate_size << ", "
              << c.position_embedding_type << " positions\n";
    std::cout << "  parameters " << m.parameters << "\n  stored dtypes";
    for (const auto& t : m.storedTypes)
        std::cout << ' ' << t;
    std::cout << "\n  weights " << size << " in";
    for (const auto& f : m.weightFiles)
        std::cout << ' ' << f;
    std::cout << "\n  "
              << (m.problems.empty() ? std::string("complete: every tensor present with the right shape")
                                     : "PROBLEMS: " + m.problems)
              << '\n';
}

int infoOfModel(const Args& args) {
    const auto m = esm::inspectModelFolder(modelFolder(args, esm::Progress::none()));
    if (args.has("json"))
        std::cout << modelJson(m).dump(2) << '\n';
    else
        printModel(m);
    if (!m.problems.empty()) // the description goes to stdout, the error to stderr, as for every command
        std::cerr << "esmx info: " << m.folder.string() << ": " << m.problems << '\n';
    return m.problems.empty() ? 0 : 1;
}

} // namespace

int runInfo(const Arguments& arguments) {
    Args args(
        "info", "FILE... [--json] | --model DIR [--json]",
        "Prints, for each structure file and chain (first model), the residue count, the one-letter\n"
        "sequence, whether the B-factor column holds pLDDT, and the mean/min/max pLDDT over all atoms.\n"
        "With --model: the architecture, parameter count, stored dtypes and size of a model folder.");
    args.positionals("FILE...", "PDB or mmCIF files (.gz accepted)", 0, 100000)
        .flag("json", "print JSON instead of text");
    addModelOption(args, "describe a model instead");
    args.parse(arguments);
    if (args.has("model")) {
        if (!args.positional().empty())
            throw UsageError("give either structure files or --model");
        return infoOfModel(args);
    }
    if (args.positional().empty())
        throw UsageError("missing FILE...");

    nlohmann::json all = nlohmann::json::array();
    for (const auto& file : args.positional()) {
        const esm::Structure s = esm::readStructureFile(file);
        const auto chains = summarize(s);
        if (args.has("json"))
            all.push_back(toJson(file, s, chains));
        else
            printText(file, s, chains);
    }
    if (args.has("json"))
        std::cout << all.dump(2) << '\n';
    return 0;
}

} // namespace cli
