#include "model_argument.h"

#include "qt_application.h"
#include "ui/services/hub/ModelLocator.h"

#include <QCoreApplication>

#include <memory>

namespace cli {

void addModelOption(Args& args, const std::string& help) {
    args.option("model", "DIR|REPO",
                help + "; a folder, or a HuggingFace repo id found in the HuggingFace cache");
    args.flag("download", "download --model from the hub (or $HF_ENDPOINT) when it is not in the cache");
}

std::string modelFolder(const Args& args, const esm::Progress& progress) {
    // Downloads run Qt's network stack, which needs an application object.
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance() && args.has("download"))
        app = makeApplication<QCoreApplication>();
    return esmui::locateModel(QString::fromStdString(args.value("model")), args.has("download"), progress)
        .toStdString();
}

const char* const kLanguageModelDtypes =
    "float32, bfloat16, float16 (ESM layers' weights stored in float16, computed in float32), int8 (ESM "
    "layers as int8 GEMMs), float64 or auto (bfloat16 where the CPU has native bfloat16, else int8)";

void addRuntimeOptions(Args& args, const std::string& dtypes) {
    args.option("dtype", "TYPE", dtypes, "float32");
    args.option("device", "DEVICE", "cpu or cuda", "cpu");
}

esm::RuntimeOptions runtimeOptions(const Args& args) {
    return {args.value("dtype"), args.value("device")};
}

} // namespace cli
