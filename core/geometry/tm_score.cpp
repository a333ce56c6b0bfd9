#include "core/geometry/tm_score.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace esm {
namespace {

constexpr int kIterations = 20;
constexpr int kShortestSeed = 4;

std::vector<int> seedLengths(int n) {
    std::vector<int> lengths;
    for (int l = n; l >= kShortestSeed; l /= 2)
        lengths.push_back(l);
    if (lengths.empty() || lengths.back() != std::min(n, kShortestSeed))
        lengths.push_back(std::min(n, kShortestSeed));
    return lengths;
}

// Pairs within `cutoff` after `s`; when fewer than three are, the cut-off grows in steps of 0.5 Å
// until three are (as TMscore does), so a superposition can always be refined. The step is computed
// rather than searched for: far-apart coordinates would take astronomically many steps.
std::vector<int> closePairs(const Points& model, const Points& reference, const Superposition& s,
                            double cutoff) {
    const int n = int(model.size());
    std::vector<double> d(static_cast<std::size_t>(n), 0.0);
    for (int i = 0; i < n; ++i)
        d[std::size_t(i)] = (s.apply(model[std::size_t(i)]) - reference[std::size_t(i)]).norm();
    if (n > 0) {
        std::vector<double> sorted = d;
        const auto third = sorted.begin() + std::min(n, 3) - 1;
        std::nth_element(sorted.begin(), third, sorted.end());
        if (*third >= cutoff)
            cutoff += 0.5 * (std::floor((*third - cutoff) / 0.5) + 1);
    }
    std::vector<int> close;
    for (int i = 0; i < n; ++i)
        if (d[std::size_t(i)] < cutoff)
            close.push_back(i);
    return close;
}

// The pair sets refinement has started from, with the fewest iterations left when one was reached
// (as a refinement is deterministic, one that reaches a known set with no more iterations left
// than before can only repeat scores already seen). Most seeds of a long chain converge on a few
// sets after a step or two.
class WalkedSets {
  public:
    // False when `set` was walked from with at least `iteration`'s budget; records it otherwise.
    bool firstVisit(const std::vector<int>& set, int iteration) {
        auto range = byHash_.equal_range(hashOf(set));
        for (auto it = range.first; it != range.second; ++it)
            if (it->second.set == set) {
                if (it->second.iteration <= iteration)
                    return false;
                it->second.iteration = iteration;
                return true;
            }
        byHash_.emplace(hashOf(set), Walked{set, iteration});
        return true;
    }

  private:
    struct Walked {
        std::vector<int> set;
        int iteration;
    };
    static std::size_t hashOf(const std::vector<int>& set) {
        std::size_t h = set.size();
        for (int i : set)
            h = h * 1000003u ^ std::size_t(i);
        return h;
    }
    std::unordered_multimap<std::size_t, Walked> byHash_;
};

// Seeds and refines superpositions, keeping the one that maximises `score`.
template <typename Score>
Superposition search(const Points& model, const Points& reference, double cutoff, int startStep, Score score,
                     double* best) {
    const int n = int(model.size());
    Superposition bestSuperposition;
    *best = -1;
    WalkedSets walked;
    for (int length : seedLengths(n))
        for (int start = 0; start + length <= n; start += std::max(1, std::min(startStep, length))) {
            std::vector<int> seed(static_cast<std::size_t>(length), 0);
            for (int k = 0; k < length; ++k)
                seed[std::size_t(k)] = start + k;
            Superposition s = kabsch(model, reference, seed);
            std::vector<int> previous;
            for (int iteration = 0; iteration < kIterations; ++iteration) {
                const double value = score(s);
                if (value > *best) {
                    *best = value;
                    bestSuperposition = s;
                }
                std::vector<int> close = closePairs(model, reference, s, cutoff);
                if (close == previous || !walked.firstVisit(close, iteration))
                    break;
                s = kabsch(model, reference, close);
                previous = std::move(close);
            }
        }
    return bestSuperposition;
}

int countWithin(const Points& model, const Points& reference, const Superposition& s, double cutoff) {
    int count = 0;
    for (std::size_t i = 0; i < model.size(); ++i)
        count += (s.apply(model[i]) - reference[i]).norm() < cutoff;
    return count;
}

double searchCutoff(double d0) {
    return std::clamp(d0, 4.5, 8.0);
}

void requireUsablePairs(const Points& model, const Points& reference) {
    requireUsableCoordinates(model, "the model's");
    requireUsableCoordinates(reference, "the reference's");
}

} // namespace

double tmScoreD0(int length) {
    return length > 21 ? std::max(0.5, 1.24 * std::cbrt(length - 15.0) - 1.8) : 0.5;
}

double tmScoreSum(const Points& model, const Points& reference, const Superposition& s, double d0) {
    double sum = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
        const double d = (s.apply(model[i]) - reference[i]).norm() / d0;
        sum += 1 / (1 + d * d);
    }
    return sum;
}

Superposition quickTmSuperposition(const Points& model, const Points& reference, double d0) {
    requireUsablePairs(model, reference);
    double best = 0;
    const int step = std::max(1, int(model.size()) / 20);
    return search(
        model, reference, searchCutoff(d0), step,
        [&](const Superposition& s) { return tmScoreSum(model, reference, s, d0); }, &best);
}

double fastTmScoreSum(const Points& model, const Points& reference, double d0) {
    if (model.size() < 3)
        return 0;
    Superposition s = kabsch(model, reference);
    double best = tmScoreSum(model, reference, s, d0);
    for (double cutoff : {searchCutoff(d0), searchCutoff(d0) + 1}) {
        s = kabsch(model, reference, closePairs(model, reference, s, cutoff));
        best = std::max(best, tmScoreSum(model, reference, s, d0));
    }
    return best;
}

TmScoreResult tmScore(const Points& model, const Points& reference, int referenceLength) {
    TmScoreResult r;
    r.pairs = int(model.size());
    if (model.size() < 3 || referenceLength <= 0)
        return r;
    requireUsablePairs(model, reference);
    const double d0 = tmScoreD0(referenceLength);
    double best = 0;
    r.superposition = search(
        model, reference, searchCutoff(d0), 1,
        [&](const Superposition& s) { return tmScoreSum(model, reference, s, d0); }, &best);
    r.tmScore = best / referenceLength;
    const double cutoffs[4] = {1, 2, 4, 8};
    for (int k = 0; k < 4; ++k) {
        double count = 0;
        search(
            model, reference, cutoffs[k], 1,
            [&](const Superposition& s) { return double(countWithin(model, reference, s, cutoffs[k])); },
            &count);
        r.gdt[k] = count / referenceLength;
    }
    r.gdtTs = (r.gdt[0] + r.gdt[1] + r.gdt[2] + r.gdt[3]) / 4;
    r.rmsd = rmsd(model, reference, kabsch(model, reference));
    for (std::size_t i = 0; i < model.size(); ++i)
        r.distances.push_back((r.superposition.apply(model[i]) - reference[i]).norm());
    return r;
}

} // namespace esm
