#include "core/pipeline/model_loading.h"

#include "core/nn/esm/load_task_model.h"
#include "core/nn/runtime/block_cache.h"
#include "core/pipeline/load_checks.h"

namespace esm {

OpenedModelFolder openModelFolder(const std::filesystem::path& folder, const RuntimeOptions& options,
                                  const Progress& progress,
                                  const std::function<void(const EsmConfig&)>& checkConfig) {
    const at::Device device = nn::parseDevice(options.device);
    EsmConfig config = readEsmConfig(folder / "config.json");
    const nn::ComputeOptions compute = nn::parseComputeOptions(
        options.dtype, device,
        config.esmfold_config ? nn::ModelFamily::Folding : nn::ModelFamily::LanguageModel);
    checkConfig(config);
    CheckpointFiles files = CheckpointFiles::open(folder, progress);
    // Weights converted while loading come from the block cache, in huge pages: installed here, by
    // the pipeline that owns the model, before anything is allocated for it.
    nn::installBlockCache();
    if (compute.device.is_cpu())
        checkWeightsFitMemory(folder, files, nn::computeOptionsName(compute), [&](const std::string& name) {
            return nn::loadedBytesPerValue(name, compute);
        });
    return {compute, std::move(config), std::move(files)};
}

std::vector<std::string> storedTypeNames(const CheckpointFiles& files) {
    std::vector<std::string> names;
    for (ElementType t : files.elementTypes())
        names.emplace_back(elementTypeName(t));
    return names;
}

} // namespace esm
