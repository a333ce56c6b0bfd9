// Follows openfold/utils/loss.py (compute_predicted_aligned_error, compute_tm) and HuggingFace's
// EsmCategoricalMixture; per-sequence pTM as fair-esm's esmfold.py computes it.
#include "core/nn/fold/confidence.h"

#include <algorithm>
#include <cmath>

namespace esm::nn {
namespace {

// Bin centres of `bins` bins over [0, max_bin] plus one overflow bin, float32 as openfold builds them.
at::Tensor binCenters(double maxBin, int bins, at::Device device) {
    const at::Tensor boundaries = at::linspace(0, maxBin, bins - 1, at::TensorOptions().device(device));
    const at::Tensor step = boundaries[1] - boundaries[0];
    const at::Tensor centers = boundaries + step / 2;
    return at::cat({centers, (centers[-1] + step).unsqueeze(-1)}, 0);
}

at::Tensor tmTermPerBin(double maxBin, int bins, std::int64_t residues, at::Device device) {
    const double clipped = static_cast<double>(std::max<std::int64_t>(residues, 19));
    const double d0 = 1.24 * std::pow(clipped - 15, 1.0 / 3) - 1.8;
    const at::Tensor centers = binCenters(maxBin, bins, device);
    return 1.0 / (1 + centers.pow(2) / (d0 * d0));
}

} // namespace

at::Tensor categorical_lddt(const at::Tensor& logits) {
    const auto bins = logits.size(-1);
    const at::Tensor edges = at::linspace(0, 1, bins + 1, logits.options());
    const at::Tensor centers = (edges.slice(0, 0, bins) + edges.slice(0, 1, bins + 1)) / 2;
    return at::matmul(logits.softmax(-1), centers.unsqueeze(1)).squeeze(-1);
}

AlignedError compute_predicted_aligned_error(const at::Tensor& logits, double max_bin, int bins) {
    const at::Tensor centers = binCenters(max_bin, bins, logits.device());
    const at::Tensor probs = at::softmax(logits, -1);
    return {probs, (probs * centers).sum(-1), centers[-1]};
}

at::Tensor compute_tm_huggingface(const at::Tensor& logits, double max_bin, int bins) {
    const auto n = logits.size(-2);
    const at::Tensor weights = at::ones({n}, logits.options());
    const at::Tensor term =
        (at::softmax(logits, -1) * tmTermPerBin(max_bin, bins, n, logits.device())).sum(-1);
    const at::Tensor normed = weights / (1e-8 + weights.sum());
    const at::Tensor perAlignment = (term * normed).sum(-1);
    return (perAlignment * weights).max();
}

at::Tensor compute_tm_per_sequence(const at::Tensor& logits, const std::vector<std::int64_t>& lengths,
                                   double max_bin, int bins) {
    std::vector<at::Tensor> scores;
    for (std::size_t b = 0; b < lengths.size(); ++b) {
        const auto n = lengths[b];
        const at::Tensor own = logits[static_cast<std::int64_t>(b)].slice(0, 0, n).slice(1, 0, n);
        scores.push_back(compute_tm_huggingface(own, max_bin, bins));
    }
    return at::stack(scores);
}

} // namespace esm::nn
