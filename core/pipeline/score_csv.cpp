#include "core/pipeline/score_csv.h"

#include "core/structure/sequence.h"

#include <cstdio>

namespace esm {

std::string csvNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

void writeScoreRows(std::ostream& out, const std::string& id, const SequenceScores& scores) {
    for (int p = 0; p < scores.length(); ++p) {
        const char wt = scores.residues[std::size_t(p)];
        // A special token (<mask>, ...) has no wild type: its log_prob_wt and llr stay empty.
        const auto special = specialTokenOf(wt);
        const std::string prefix = id + "," + std::to_string(p + 1) + "," +
                                   (special.empty() ? std::string(1, wt) : std::string(special)) + ",";
        const std::string wildType = special.empty() ? csvNumber(scores.wildTypeLogProb[std::size_t(p)]) : "";
        for (int k = 0; k < 20; ++k)
            out << prefix << kStandardAminoAcids[std::size_t(k)] << "," << csvNumber(scores.logProb(p, k))
                << "," << wildType << "," << (special.empty() ? csvNumber(scores.llr(p, k)) : "") << "\n";
    }
}

void writeResidueTable(std::ostream& out, const std::string& residues, const std::vector<float>& plddt,
                       const SequenceScores* scores,
                       const std::vector<std::pair<std::string, std::string>>& names) {
    out << kResidueCsvHeader << "\n";
    const bool scored = scores && scores->residues == residues;
    for (std::size_t p = 0; p < residues.size(); ++p) {
        out << p + 1 << "," << residues[p] << ",";
        if (p < plddt.size())
            out << csvNumber(plddt[p]);
        out << ",";
        if (scored) {
            // The mean over the substitutions (the wild type's own 0 left out).
            double sum = 0;
            for (int k = 0; k < 20; ++k)
                sum += scores->llr(int(p), k);
            const int substitutions = standardAminoAcidIndex(residues[p]) >= 0 ? 19 : 20;
            out << csvNumber(scores->entropy[p]) << "," << csvNumber(scores->wildTypeLogProb[p]) << ","
                << csvNumber(sum / substitutions);
        } else {
            out << ",,";
        }
        out << ",";
        if (p < names.size())
            out << names[p].first << "," << names[p].second;
        else
            out << ",";
        out << "\n";
    }
}

} // namespace esm
