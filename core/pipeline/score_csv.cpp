#include "core/pipeline/score_csv.h"

#include <cstdio>

namespace esm {
namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

} // namespace

void writeScoreRows(std::ostream& out, const std::string& id, const SequenceScores& scores) {
    for (int p = 0; p < scores.length(); ++p) {
        const char wt = scores.residues[std::size_t(p)];
        const std::string prefix = id + "," + std::to_string(p + 1) + "," + wt + ",";
        const std::string wildType = number(scores.wildTypeLogProb[std::size_t(p)]);
        for (int k = 0; k < 20; ++k)
            out << prefix << kStandardAminoAcids[std::size_t(k)] << "," << number(scores.logProb(p, k)) << "," << wildType
                << "," << number(scores.llr(p, k)) << "\n";
    }
}

} // namespace esm
