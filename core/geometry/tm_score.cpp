#include "core/geometry/tm_score.h"

#include <algorithm>
#include <cmath>

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

// Pairs within `cutoff` after `s`; when fewer than three are, the cut-off grows by 0.5 Å until
// three are (as TMscore does), so a superposition can always be refined.
std::vector<int> closePairs(const Points& model, const Points& reference, const Superposition& s,
                            double cutoff) {
    const int n = int(model.size());
    std::vector<double> d(static_cast<std::size_t>(n), 0.0);
    for (int i = 0; i < n; ++i)
        d[std::size_t(i)] = (s.apply(model[std::size_t(i)]) - reference[std::size_t(i)]).norm();
    std::vector<int> close;
    for (double c = cutoff;; c += 0.5) {
        close.clear();
        for (int i = 0; i < n; ++i)
            if (d[std::size_t(i)] < c)
                close.push_back(i);
        if (close.size() >= 3 || int(close.size()) == n)
            return close;
    }
}

// Seeds and refines superpositions, keeping the one that maximises `score`.
template <typename Score>
Superposition search(const Points& model, const Points& reference, double cutoff, int startStep, Score score,
                     double* best) {
    const int n = int(model.size());
    Superposition bestSuperposition;
    *best = -1;
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
                if (close == previous)
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
    double best = 0;
    const int step = std::max(1, int(model.size()) / 20);
    return search(
        model, reference, searchCutoff(d0), step,
        [&](const Superposition& s) { return tmScoreSum(model, reference, s, d0); }, &best);
}

TmScoreResult tmScore(const Points& model, const Points& reference, int referenceLength) {
    TmScoreResult r;
    r.pairs = int(model.size());
    if (model.size() < 3 || referenceLength <= 0)
        return r;
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
