#include "core/pipeline/folder.h"

#include "core/base/byte_size.h"
#include "core/base/error.h"
#include "core/base/memory.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/fold/confidence.h"
#include "core/nn/fold/load_esmfold.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/cpu_share.h"
#include "core/nn/runtime/owned_tensor.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/pipeline/fold_input.h"
#include "core/pipeline/fold_memory.h"
#include "core/pipeline/fold_result.h"
#include "core/pipeline/model_loading.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cmath>

namespace esm {

using nn::translatingTorchErrors;

namespace {

// ", about 40 s left" from the pace of the trunk so far; nothing before the first block ends.
std::string timeLeft(std::chrono::steady_clock::time_point& start, std::int64_t done, std::int64_t all) {
    const auto now = std::chrono::steady_clock::now();
    if (done == 0)
        start = now;
    if (done == 0 || all <= done)
        return {};
    const double elapsed = std::chrono::duration<double>(now - start).count();
    const double left = elapsed * double(all - done) / double(done);
    return left < 90 ? ", about " + std::to_string(int(std::ceil(left))) + " s left"
                     : ", about " + std::to_string(int(std::ceil(left / 60))) + " min left";
}

} // namespace

struct Folder::Impl {
    FolderInfo info;
    std::shared_ptr<nn::EsmForProteinFolding> model;
    nn::ComputeOptions compute;
    int threads = 0;
    bool adaptThreads = false;

    nn::FoldRequest request(int recycles, std::optional<std::int64_t> chunk, const Progress& progress) const {
        nn::FoldRequest r;
        r.recycles = recycles;
        r.chunkSize = chunk;
        // Fewer threads while other programs hold cores, checked between layers and blocks.
        auto share = adaptThreads ? std::make_shared<nn::CpuShare>(threads) : nullptr;
        r.onLanguageModelLayer = [&progress, share](int layer, int layers) {
            progress.checkCancelled();
            if (share)
                nn::adaptThreads(*share);
            progress.step(layer, layers, "language model");
        };
        auto trunkStart = std::make_shared<std::chrono::steady_clock::time_point>();
        r.trunk.onBlock = [&progress, share, trunkStart](int pass, int passes, int block, int blocks) {
            progress.checkCancelled();
            if (share)
                nn::adaptThreads(*share);
            const std::int64_t done = std::int64_t(pass) * blocks + block,
                               all = std::int64_t(passes) * blocks;
            progress.step(done, all,
                          "trunk pass " + std::to_string(pass + 1) + "/" + std::to_string(passes) +
                              timeLeft(*trunkStart, done, all));
        };
        r.trunk.onStage = [&progress](nn::FoldStage stage, int pass, int passes) {
            progress.checkCancelled();
            // The stem's freed blocks (its layers' states, float16 weights widened) fit nothing the
            // trunk allocates: cached, they would add to the trunk's peak (AVX2 float16 fold, 128 aa).
            if (stage == nn::FoldStage::Trunk && pass == 0)
                nn::releaseCachedBlocks();
            if (stage == nn::FoldStage::StructureModule)
                progress.step(pass, passes,
                              "structure module " + std::to_string(pass + 1) + "/" + std::to_string(passes));
        };
        return r;
    }
};

namespace {

// The axes of each output field: where the batch is and which axes run over residues.
struct FieldAxes {
    const char* name;
    int batch;
    std::vector<int> residues; // after the batch axis is removed
};

const std::vector<FieldAxes>& fieldAxes() {
    static const std::vector<FieldAxes> axes{{"frames", 1, {1}},
                                             {"sidechain_frames", 1, {1}},
                                             {"unnormalized_angles", 1, {1}},
                                             {"angles", 1, {1}},
                                             {"positions", 1, {1}},
                                             {"states", 1, {1}},
                                             {"lddt_head", 1, {1}},
                                             {"s_s", 0, {0}},
                                             {"s_z", 0, {0, 1}},
                                             {"distogram_logits", 0, {0, 1}},
                                             {"lm_logits", 0, {0}},
                                             {"aatype", 0, {0}},
                                             {"atom14_atom_exists", 0, {0}},
                                             {"residx_atom14_to_atom37", 0, {0}},
                                             {"residx_atom37_to_atom14", 0, {0}},
                                             {"atom37_atom_exists", 0, {0}},
                                             {"residue_index", 0, {0}},
                                             {"plddt", 0, {0}},
                                             {"ptm_logits", 0, {0, 1}},
                                             {"aligned_confidence_probs", 0, {0, 1}},
                                             {"predicted_aligned_error", 0, {0, 1}}};
    return axes;
}

// What a FoldResult is built from; the rest is kept only for --dump-tensors.
bool neededForResult(const std::string& name) {
    return name == "positions" || name == "atom37_atom_exists" || name == "residx_atom37_to_atom14" ||
           name == "plddt" || name == "predicted_aligned_error";
}

// Sequence b's own part of the output fields, without the batch axis and the padding.
std::vector<OwnedTensor> ownTensors(const nn::EsmFoldOutput& out, std::int64_t b, std::int64_t n,
                                    const at::Tensor& ptm, bool all) {
    std::vector<OwnedTensor> tensors;
    for (const auto& [name, t] : out.named()) {
        const auto it =
            std::find_if(fieldAxes().begin(), fieldAxes().end(), [&](auto& f) { return name == f.name; });
        if (it == fieldAxes().end() || !(all || neededForResult(name)))
            continue; // batch-wide scalars are replaced below
        at::Tensor own = t.select(it->batch, b);
        for (int axis : it->residues)
            own = own.slice(axis, 0, n);
        tensors.push_back(nn::toOwnedTensor(name, own));
    }
    tensors.push_back(nn::toOwnedTensor("ptm", ptm));
    tensors.push_back(nn::toOwnedTensor("max_predicted_aligned_error", out.max_predicted_aligned_error));
    return tensors;
}

} // namespace

Folder::Folder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Folder::~Folder() = default;
const FolderInfo& Folder::info() const {
    return impl_->info;
}

std::unique_ptr<Folder> Folder::load(const std::filesystem::path& folder, const RuntimeOptions& options,
                                     const Progress& progress) {
    return translatingTorchErrors(folder.string(), [&] {
        auto impl = std::make_unique<Impl>();
        impl->threads = options.threads;
        impl->adaptThreads = options.adaptThreads;
        OpenedModelFolder opened = openModelFolder(folder, options, progress, [&](const EsmConfig& config) {
            if (!config.esmfold_config)
                throw Error(folder.string() +
                            ": not a folding model (config.json has no esmfold_config); ESMFold "
                            "is facebook/esmfold_v1");
        });
        impl->compute = opened.compute;
        EsmConfig& config = opened.config;
        impl->model = nn::loadEsmFold(config, opened.files, impl->compute, progress);
        FolderInfo& info = impl->info;
        info.folder = folder;
        info.parameters = nn::weightCount(*impl->model);
        info.weightBytes = nn::residentWeightBytes(*impl->model);
        info.storedTypes = storedTypeNames(opened.files);
        info.computeType = nn::computeOptionsName(impl->compute);
        info.device = impl->compute.device.str();
        info.defaultRecycles = config.esmfold_config->trunk.max_recycles - 1;
        info.config = std::move(config);
        return std::unique_ptr<Folder>(new Folder(std::move(impl)));
    });
}

std::vector<OwnedTensor> Folder::forwardPadded(const OwnedTensor& aatype, const OwnedTensor& mask,
                                               const OwnedTensor& positions, int recycles,
                                               std::optional<std::int64_t> chunkSize,
                                               const Progress& progress) const {
    return translatingTorchErrors("fold", [&] {
        c10::InferenceMode inference;
        nn::BlockCacheScope cache;
        nn::useAllCores(impl_->threads);
        const auto device = impl_->compute.device;
        const auto out = impl_->model->forward(nn::toTensor(aatype).to(device), nn::toTensor(mask).to(device),
                                               nn::toTensor(positions).to(device),
                                               impl_->request(recycles, chunkSize, progress));
        std::vector<OwnedTensor> tensors;
        for (const auto& [name, t] : out.named())
            tensors.push_back(nn::toOwnedTensor(name, t));
        tensors.push_back(nn::toOwnedTensor("esm_input_ids", out.esm_input_ids));
        return tensors;
    });
}

} // namespace esm

namespace esm {

MemoryEstimate Folder::estimate(const std::vector<std::size_t>& lengths, const FoldOptions& options) const {
    const std::size_t element = c10::elementSize(impl_->compute.dtype);
    MemoryEstimate e;
    e.weights = impl_->info.weightBytes;
    e.activations = estimateFoldActivations(impl_->info.config, lengths, element, options.chunkSize);
    // The weights are already in memory: what is left for activations is what the system offers.
    e.available = availableMemoryBytes() + e.weights;
    return e;
}

void Folder::checkFits(const std::vector<std::size_t>& lengths, const FoldOptions& options) const {
    const MemoryEstimate needed = estimate(lengths, options);
    if (needed.fits())
        return;
    std::string remedy;
    for (std::int64_t chunk : {256, 128, 64, 32, 16, 8, 4, 2, 1}) {
        if (options.chunkSize && chunk >= *options.chunkSize)
            continue;
        FoldOptions smaller = options;
        smaller.chunkSize = chunk;
        const MemoryEstimate e = estimate(lengths, smaller);
        if (e.fits()) {
            remedy = "use --chunk-size " + std::to_string(chunk) + " (needs about " +
                     gigabytesText(e.total()) + ")";
            break;
        }
    }
    if (remedy.empty())
        remedy =
            "no chunk size is enough: fold a shorter sequence, fewer sequences at once, or on a machine with "
            "more memory";
    const std::size_t longest = *std::max_element(lengths.begin(), lengths.end());
    throw Error("folding " + std::to_string(lengths.size()) + " sequence(s) of up to " +
                std::to_string(longest) + " residues needs about " + gigabytesText(needed.total()) +
                " (weights " + gigabytesText(needed.weights) + ", activations " +
                gigabytesText(needed.activations) + ") but only " + gigabytesText(needed.available) +
                " are available: " + remedy);
}

std::vector<FoldResult> Folder::fold(const std::vector<std::string>& sequences, const FoldOptions& options,
                                     const Progress& progress, const FoldPreview& preview) const {
    std::vector<FoldInput> inputs;
    std::vector<std::size_t> lengths;
    for (const auto& s : sequences) {
        inputs.push_back(encodeFoldInput(s));
        lengths.push_back(inputs.back().length());
    }
    if (inputs.empty())
        throw Error("no sequences to fold");
    checkFits(lengths, options);

    return translatingTorchErrors("fold", [&] {
        c10::InferenceMode inference;
        nn::BlockCacheScope cache;
        nn::useAllCores(impl_->threads);
        const auto b = static_cast<std::int64_t>(inputs.size());
        const auto n = static_cast<std::int64_t>(*std::max_element(lengths.begin(), lengths.end()));
        at::Tensor aatype = at::zeros({b, n}, at::kLong), mask = at::zeros({b, n}, at::kLong),
                   residx = at::zeros({b, n}, at::kLong);
        for (std::int64_t i = 0; i < b; ++i) {
            const FoldInput& in = inputs[static_cast<std::size_t>(i)];
            const auto len = static_cast<std::int64_t>(in.length());
            aatype[i].slice(0, 0, len).copy_(
                at::tensor(std::vector<std::int64_t>(in.aatype.begin(), in.aatype.end())));
            residx[i].slice(0, 0, len).copy_(
                at::tensor(std::vector<std::int64_t>(in.residueIndex.begin(), in.residueIndex.end())));
            mask[i].slice(0, 0, len).fill_(1);
        }
        const int recycles = options.recycles.value_or(impl_->info.defaultRecycles);
        const auto device = impl_->compute.device;
        std::vector<std::int64_t> ownLengths(lengths.begin(), lengths.end());
        auto resultsOf = [&](const nn::EsmFoldOutput& out, bool keepTensors) {
            const at::Tensor ptm = options.huggingFacePtm
                                       ? out.ptm.expand({b})
                                       : nn::compute_tm_per_sequence(out.ptm_logits, ownLengths);
            std::vector<FoldResult> results;
            for (std::int64_t i = 0; i < b; ++i) {
                const auto own = ownTensors(out, i, ownLengths[std::size_t(i)], ptm[i], keepTensors);
                results.push_back(foldResultFromOutputs(sequences[std::size_t(i)], inputs[std::size_t(i)],
                                                        own, ptm[i].item<double>()));
                if (keepTensors)
                    results.back().tensors = own;
            }
            return results;
        };
        nn::FoldRequest request = impl_->request(recycles, options.chunkSize, progress);
        if (preview)
            request.onPass = [&](int pass, int passes, const nn::EsmFoldOutput& sofar) {
                preview(pass + 1, passes, resultsOf(sofar, false));
            };
        const nn::EsmFoldOutput out =
            impl_->model->forward(aatype.to(device), mask.to(device), residx.to(device), request);
        progress.step(1, 1, "building structures");
        return resultsOf(out, options.keepTensors);
    });
}

} // namespace esm
