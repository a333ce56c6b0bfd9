#include "core/nn/fold/load_esmfold.h"

#include "core/nn/esm/load_task_model.h"
#include "core/nn/kernels/packed_linear.h"

namespace esm::nn {

at::ScalarType structureTypeFor(at::ScalarType compute) {
    return compute == at::kDouble ? at::kDouble : at::kFloat;
}

LoadOptions esmFoldLoadOptions(EsmForProteinFolding& model, const ComputeOptions& compute) {
    LoadOptions options;
    options.compute = compute;
    options.acceptedExtras = esmAcceptedExtras();
    options.optional = {".inv_freq"};
    options.parameterType = [compute = compute.dtype](const std::string& name) {
        if (name.rfind("trunk.structure_module.", 0) == 0 || name.rfind("lddt_head.", 0) == 0)
            return structureTypeFor(compute);
        if (name.rfind("esm.", 0) == 0)
            return esmParameterType(name, compute);
        return compute;
    };
    options.afterLoad = packAsLoaded(model);
    return withEsmEncoderLoading(model, std::move(options));
}

void finishEsmFold(EsmForProteinFolding& model, const ComputeOptions& compute) {
    finishEsmEncoder(model, compute);
    packLinearLayers(model);
    model.prepare(compute.dtype, structureTypeFor(compute.dtype), compute.device);
    model.eval();
}

std::shared_ptr<EsmForProteinFolding> loadEsmFold(const EsmConfig& config, const CheckpointFiles& files,
                                                  const ComputeOptions& compute, const Progress& progress,
                                                  LoadReport* report) {
    auto model = std::make_shared<EsmForProteinFolding>(config);
    LoadOptions options = esmFoldLoadOptions(*model, compute);
    options.progress = &progress;
    LoadReport loaded = loadStateDict(*model, files, options);
    finishEsmFold(*model, compute);
    if (report)
        *report = std::move(loaded);
    return model;
}

} // namespace esm::nn
