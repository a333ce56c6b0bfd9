#include "core/pipeline/folder.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/fold/load_esmfold.h"
#include "core/nn/runtime/owned_tensor.h"
#include "core/nn/runtime/torch_errors.h"

#include <c10/core/InferenceMode.h>

namespace esm {

using nn::translatingTorchErrors;

struct Folder::Impl {
    FolderInfo info;
    std::shared_ptr<nn::EsmForProteinFolding> model;
    nn::ComputeOptions compute;
    int threads = 0;

    nn::FoldRequest request(int recycles, std::optional<std::int64_t> chunk, const Progress& progress) const {
        nn::FoldRequest r;
        r.recycles = recycles;
        r.chunkSize = chunk;
        r.onLanguageModelLayer = [&progress](int layer, int layers) {
            progress.checkCancelled();
            progress.step(layer, layers, "language model");
        };
        r.onTrunkBlock = [&progress](int pass, int passes, int block, int blocks) {
            progress.checkCancelled();
            progress.step(std::int64_t(pass) * blocks + block, std::int64_t(passes) * blocks,
                          "trunk pass " + std::to_string(pass + 1) + "/" + std::to_string(passes));
        };
        return r;
    }
};

Folder::Folder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Folder::~Folder() = default;
const FolderInfo& Folder::info() const { return impl_->info; }

std::unique_ptr<Folder> Folder::load(const std::filesystem::path& folder, const RuntimeOptions& options,
                                     const Progress& progress) {
    return translatingTorchErrors(folder.string(), [&] {
        auto impl = std::make_unique<Impl>();
        impl->compute = {nn::parseComputeType(options.dtype), nn::parseDevice(options.device)};
        impl->threads = options.threads;
        EsmConfig config = readEsmConfig(folder / "config.json");
        if (!config.esmfold_config)
            throw Error(folder.string() + ": not a folding model (config.json has no esmfold_config); ESMFold is "
                                          "facebook/esmfold_v1");
        const CheckpointFiles files = CheckpointFiles::open(folder, progress);
        impl->model = nn::loadEsmFold(config, files, impl->compute, progress);
        FolderInfo& info = impl->info;
        info.folder = folder;
        for (const auto& p : impl->model->parameters()) {
            info.parameters += p.numel();
            info.weightBytes += p.nbytes();
        }
        for (ElementType t : files.elementTypes())
            info.storedTypes.emplace_back(elementTypeName(t));
        info.computeType = nn::computeTypeName(impl->compute.dtype);
        info.device = impl->compute.device.str();
        info.defaultRecycles = config.esmfold_config->trunk.max_recycles - 1;
        info.config = std::move(config);
        return std::unique_ptr<Folder>(new Folder(std::move(impl)));
    });
}

std::vector<OwnedTensor> Folder::forwardPadded(const OwnedTensor& aatype, const OwnedTensor& mask,
                                               const OwnedTensor& positions, int recycles,
                                               std::optional<std::int64_t> chunkSize, const Progress& progress) const {
    return translatingTorchErrors("fold", [&] {
        c10::InferenceMode inference;
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
