#include "core/pipeline/model_loading.h"

#include "core/pipeline/load_checks.h"

namespace esm {

OpenedModelFolder openModelFolder(const std::filesystem::path& folder, const RuntimeOptions& options,
                                  const Progress& progress,
                                  const std::function<void(const EsmConfig&)>& checkConfig) {
    const at::Device device = nn::parseDevice(options.device);
    const nn::ComputeOptions compute = nn::parseComputeOptions(options.dtype, device);
    EsmConfig config = readEsmConfig(folder / "config.json");
    checkConfig(config);
    CheckpointFiles files = CheckpointFiles::open(folder, progress);
    if (compute.device.is_cpu())
        checkWeightsFitMemory(folder, files, nn::computeTypeName(compute.dtype),
                              c10::elementSize(compute.dtype));
    return {compute, std::move(config), std::move(files)};
}

std::vector<std::string> storedTypeNames(const CheckpointFiles& files) {
    std::vector<std::string> names;
    for (ElementType t : files.elementTypes())
        names.emplace_back(elementTypeName(t));
    return names;
}

} // namespace esm
