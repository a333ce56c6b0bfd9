#include "core/pipeline/fold_memory.h"

#include <algorithm>
#include <limits>

namespace esm {

std::size_t estimateFoldActivations(const EsmConfig& config, const std::vector<std::size_t>& lengths,
                                    std::size_t elementSize, std::optional<std::int64_t> chunkSize) {
    const TrunkConfig& trunk = config.esmfold_config->trunk;
    const StructureModuleConfig& sm = trunk.structure_module;
    const double b = static_cast<double>(lengths.size());
    const double n =
        static_cast<double>(lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end()));
    const double t = n + 2, e = static_cast<double>(elementSize), f32 = 4;

    // Language model: every layer's states are kept for the weighted combination, plus one
    // layer's attention scores and feed-forward activations at a time.
    const double stem = b * t * config.hidden_size * e * 2 * (config.num_hidden_layers + 1) +
                        b * config.num_attention_heads * t * t * e * 3 +
                        b * t * config.intermediate_size * e * 2;

    // Trunk: the pair representation and about a dozen pair-sized temporaries in a block (the
    // pair MLP alone holds 4x-wide activations twice), plus the triangular attention scores and
    // their softmax for `rows` rows at a time.
    const double pair = b * n * n * trunk.pairwise_state_dim * e;
    const double rows = chunkSize ? std::min<double>(static_cast<double>(*chunkSize), n) : n;
    const double heads = static_cast<double>(trunk.pairwise_state_dim / trunk.pairwise_head_width);
    const double scores = b * rows * heads * n * n * e;
    const double trunkPeak = 14 * pair + 3 * scores;

    // Structure module (float32): its pair input and the point-attention distances; heads:
    // distogram, pTM logits, their softmax.
    const double smPair = 2 * b * n * n * sm.pairwise_dim * f32;
    const double points = 3 * b * n * n * sm.num_heads_ipa * sm.num_qk_points * 3 * f32;
    const double heads64 = 5 * b * n * n * 64 * f32;
    const double structure = smPair + points + heads64;

    // The stem's states are freed before the trunk runs; the larger phase sets the peak.
    // + the runtime itself (LibTorch, BLAS and allocator slack: about 0.3 GB measured at 32 residues)
    const double total = std::max(stem, trunkPeak + structure) + 300e6;
    // A million residues needs more bytes than a size_t holds: saturate, so the fold is refused.
    constexpr auto kMax = std::numeric_limits<std::size_t>::max();
    return total >= static_cast<double>(kMax) ? kMax : static_cast<std::size_t>(total);
}

} // namespace esm
