#include "core/hub/known_models.h"

namespace esm {

const std::vector<KnownModel>& knownModels() {
    constexpr std::uint64_t MB = 1000 * 1000;
    static const std::vector<KnownModel> models = [] {
        std::vector<KnownModel> m{
            {"facebook/esm2_t6_8M_UR50D", "language model", "smallest ESM-2: quick heatmaps anywhere", "8M",
             31 * MB, "MIT"},
            {"facebook/esm2_t12_35M_UR50D", "language model", "small ESM-2", "35M", 136 * MB, "MIT"},
            {"facebook/esm2_t30_150M_UR50D", "language model", "medium ESM-2", "150M", 595 * MB, "MIT"},
            {"facebook/esm2_t33_650M_UR50D", "language model", "ESM-2 used by most studies; variant effects",
             "650M", 2608 * MB, "MIT"},
            {"facebook/esm2_t36_3B_UR50D", "language model",
             "largest ESM-2 on the hub (needs 12 GB of memory)", "3B", 11360 * MB, "MIT"},
            {"facebook/esm1b_t33_650M_UR50S", "language model", "ESM-1b: the esm-variants scores", "650M",
             2610 * MB, "MIT"},
            {"facebook/esmfold_v1", "folding model", "ESMFold: structure prediction (needs 16 GB of memory)",
             "3.5B", 8440 * MB, "MIT"}};
        for (int i = 1; i <= 5; ++i)
            m.insert(m.end() - 1,
                     {"facebook/esm1v_t33_650M_UR90S_" + std::to_string(i), "language model",
                      "ESM-1v (ensemble member " + std::to_string(i) + "): zero-shot variant effects", "650M",
                      2610 * MB, "MIT"});
        return m;
    }();
    return models;
}

} // namespace esm
