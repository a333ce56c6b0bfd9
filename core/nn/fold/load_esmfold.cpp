#include "core/nn/fold/load_esmfold.h"

#include "core/nn/esm/load_task_model.h"
#include "core/nn/modules/packed_linear.h"

namespace esm::nn {

at::ScalarType structureTypeFor(at::ScalarType compute) {
    return compute == at::kDouble ? at::kDouble : at::kFloat;
}

std::shared_ptr<EsmForProteinFolding> loadEsmFold(const EsmConfig& config, const CheckpointFiles& files,
                                                  const ComputeOptions& compute, const Progress& progress,
                                                  LoadReport* report) {
    auto model = std::make_shared<EsmForProteinFolding>(config);
    const at::ScalarType structure = structureTypeFor(compute.dtype);
    LoadOptions options;
    options.compute = compute;
    options.acceptedExtras = esmAcceptedExtras();
    options.optional = {".inv_freq"};
    options.parameterType = [&](const std::string& name) {
        if (name.rfind("trunk.structure_module.", 0) == 0 || name.rfind("lddt_head.", 0) == 0)
            return structure;
        if (name.rfind("esm.", 0) == 0)
            return esmParameterType(name, compute.dtype);
        return compute.dtype;
    };
    options.progress = &progress;
    options.afterLoad = packAsLoaded(*model);
    LoadReport loaded = loadEsmStateDict(*model, files, options);
    packLinearLayers(*model); // layers a non-strict load left unfilled
    if (report)
        *report = std::move(loaded);
    model->prepare(compute.dtype, structure, compute.device);
    model->eval();
    return model;
}

} // namespace esm::nn
