// Confidence from the heads' logits: pLDDT, predicted aligned error and pTM (openfold loss.py,
// HuggingFace categorical_lddt).
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// lddt logits [..., 37, bins] -> expected lDDT in 0-1 [..., 37]
at::Tensor categorical_lddt(const at::Tensor& logits);

struct AlignedError {
    at::Tensor aligned_confidence_probs; // [B, N, N, bins]
    at::Tensor predicted_aligned_error;  // [B, N, N], Å
    at::Tensor max_predicted_aligned_error;
};
AlignedError compute_predicted_aligned_error(const at::Tensor& logits, double max_bin = 31, int bins = 64);

// HuggingFace's pTM: all positions of the padded batch weighted equally and the maximum taken over
// the whole batch. Kept for parity tests only.
at::Tensor compute_tm_huggingface(const at::Tensor& logits, double max_bin = 31, int bins = 64);
// pTM of each sequence over its own residues (fair-esm): logits [B, N, N, bins], lengths [B] -> [B]
at::Tensor compute_tm_per_sequence(const at::Tensor& logits, const std::vector<std::int64_t>& lengths,
                                   double max_bin = 31, int bins = 64);

} // namespace esm::nn
