#include "core/geometry/residue_alignment.h"

#include "core/geometry/tm_score.h"

#include "core/base/error.h"

#include <algorithm>
#include <functional>

namespace esm {
namespace {

constexpr int kRefinements = 20;
constexpr double kGapOpenings[] = {-0.6, 0.0}; // TM-align tries both
// Threadings searched properly: all of them for small proteins, fewer as chains grow (each search
// costs about the longer chain's length; 16,000 is a fraction of a second).
constexpr int kThreadingSearchBudget = 16'000, kFewestSearchedThreadings = 8;

// Needleman-Wunsch where a gap costs `gapOpen` when it opens and nothing when it extends (the
// simplification TM-align makes).
ResiduePairs globalAlignment(int n, int m, const std::function<double(int, int)>& score, double gapOpen) {
    enum : unsigned char { Diagonal, Up, Left };
    // A score and a direction per cell: refused before it is allocated when it would not fit a desktop.
    const std::size_t cells = (std::size_t(n) + 1) * (std::size_t(m) + 1);
    constexpr std::size_t kMaxCells = 500'000'000; // 4.5 GB
    if (cells > kMaxCells)
        throw Error("aligning " + std::to_string(n) + " with " + std::to_string(m) +
                    " residues needs about " + std::to_string(cells * 9 / 1'000'000'000) +
                    " GB; align single chains or shorter ranges");
    std::vector<double> h(cells, 0.0);
    std::vector<unsigned char> from(h.size(), Diagonal);
    auto at = [m](int i, int j) { return std::size_t(i) * (std::size_t(m) + 1) + std::size_t(j); };
    for (int i = 1; i <= n; ++i)
        from[at(i, 0)] = Up;
    for (int j = 1; j <= m; ++j)
        from[at(0, j)] = Left;
    for (int i = 1; i <= n; ++i)
        for (int j = 1; j <= m; ++j) {
            const double diagonal = h[at(i - 1, j - 1)] + score(i - 1, j - 1);
            const double up = h[at(i - 1, j)] + (from[at(i - 1, j)] == Diagonal ? gapOpen : 0);
            const double left = h[at(i, j - 1)] + (from[at(i, j - 1)] == Diagonal ? gapOpen : 0);
            if (diagonal >= up && diagonal >= left) {
                h[at(i, j)] = diagonal;
                from[at(i, j)] = Diagonal;
            } else if (up >= left) {
                h[at(i, j)] = up;
                from[at(i, j)] = Up;
            } else {
                h[at(i, j)] = left;
                from[at(i, j)] = Left;
            }
        }
    ResiduePairs pairs;
    for (int i = n, j = m; i > 0 && j > 0;) {
        switch (from[at(i, j)]) {
        case Diagonal:
            pairs.emplace_back(--i, --j);
            break;
        case Up:
            --i;
            break;
        default:
            --j;
        }
    }
    std::reverse(pairs.begin(), pairs.end());
    return pairs;
}

struct PairedPoints {
    Points first, second;
};

PairedPoints paired(const Points& first, const Points& second, const ResiduePairs& pairs) {
    PairedPoints p;
    for (auto [i, j] : pairs) {
        p.first.push_back(first[std::size_t(i)]);
        p.second.push_back(second[std::size_t(j)]);
    }
    return p;
}

// TM-score sum of an alignment under its own (quickly searched) best superposition.
double quickScore(const Points& first, const Points& second, const ResiduePairs& pairs, double d0,
                  Superposition* s) {
    if (pairs.size() < 3)
        return 0;
    const PairedPoints p = paired(first, second, pairs);
    *s = quickTmSuperposition(p.first, p.second, d0);
    return tmScoreSum(p.first, p.second, *s, d0);
}

ResiduePairs threading(int n, int m, int shift) {
    ResiduePairs pairs;
    for (int i = std::max(0, -shift); i < n && i + shift < m; ++i)
        pairs.emplace_back(i, i + shift);
    return pairs;
}

// Every shift is ranked by the three-step estimate (as TM-align does); the best are searched
// properly, since the estimate alone misses the best threading of weakly similar folds.
ResiduePairs bestGaplessThreading(const Points& first, const Points& second, double d0) {
    const int n = int(first.size()), m = int(second.size());
    const int minimumOverlap = std::max(3, std::min(n, m) / 2);
    std::vector<std::pair<double, int>> ranked; // (estimate, shift)
    for (int shift = -(n - 1); shift < m; ++shift) {
        const ResiduePairs pairs = threading(n, m, shift);
        if (int(pairs.size()) < minimumOverlap)
            continue;
        const PairedPoints p = paired(first, second, pairs);
        ranked.emplace_back(fastTmScoreSum(p.first, p.second, d0), shift);
    }
    const std::size_t searched =
        std::min(ranked.size(),
                 std::size_t(std::max(kFewestSearchedThreadings, kThreadingSearchBudget / std::max(n, m))));
    std::partial_sort(ranked.begin(), ranked.begin() + std::ptrdiff_t(searched), ranked.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    ResiduePairs best;
    double bestScore = -1;
    for (std::size_t k = 0; k < searched; ++k) {
        ResiduePairs pairs = threading(n, m, ranked[k].second);
        Superposition s;
        const double score = quickScore(first, second, pairs, d0, &s);
        if (score > bestScore) {
            bestScore = score;
            best = std::move(pairs);
        }
    }
    return best;
}

// Dynamic programming on the superposed structures until the alignment repeats; the best seen.
ResiduePairs refine(const Points& first, const Points& second, ResiduePairs pairs, double d0, double gapOpen,
                    double* bestScore) {
    ResiduePairs best = pairs;
    *bestScore = -1;
    for (int iteration = 0; iteration < kRefinements; ++iteration) {
        Superposition s;
        const double score = quickScore(first, second, pairs, d0, &s);
        if (score > *bestScore) {
            *bestScore = score;
            best = pairs;
        }
        Points moved;
        for (const auto& p : first)
            moved.push_back(s.apply(p));
        ResiduePairs next = globalAlignment(
            int(first.size()), int(second.size()),
            [&](int i, int j) {
                const double d = (moved[std::size_t(i)] - second[std::size_t(j)]).norm() / d0;
                return 1 / (1 + d * d);
            },
            gapOpen);
        if (next == pairs)
            break;
        pairs = std::move(next);
    }
    return best;
}

} // namespace

ResiduePairs alignSequences(std::string_view first, std::string_view second) {
    return globalAlignment(
        int(first.size()), int(second.size()),
        [&](int i, int j) { return first[std::size_t(i)] == second[std::size_t(j)] ? 1.0 : 0.0; }, -1.0);
}

ResiduePairs alignStructures(const Points& first, const Points& second, std::string_view firstStructure,
                             std::string_view secondStructure) {
    if (first.size() < 3 || second.size() < 3)
        return {};
    requireUsableCoordinates(first, "the first chain's");
    requireUsableCoordinates(second, "the second chain's");
    // As TM-align: the search's d0 comes from the shorter chain, so that a small domain in a big
    // protein is still found.
    const double d0 = tmScoreD0(int(std::min(first.size(), second.size())));
    const std::vector<ResiduePairs> seeds = {
        bestGaplessThreading(first, second, d0),
        globalAlignment(
            int(first.size()), int(second.size()),
            [&](int i, int j) {
                return firstStructure[std::size_t(i)] == secondStructure[std::size_t(j)] ? 1.0 : 0.0;
            },
            -1.0)};
    ResiduePairs best;
    double bestScore = -1;
    for (const auto& seed : seeds)
        for (double gapOpen : kGapOpenings) {
            double score = 0;
            ResiduePairs refined = refine(first, second, seed, d0, gapOpen, &score);
            if (score > bestScore) {
                bestScore = score;
                best = std::move(refined);
            }
        }
    return best;
}

} // namespace esm
