#include "ui/services/jobs/ModelCache.h"

#include "core/pipeline/folder.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/task_predictor.h"

namespace esmui {
namespace {

QString keyOf(const QString& folder, const esm::RuntimeOptions& options) {
    return folder + '|' + QString::fromStdString(options.dtype + '|' + options.device) + '|' +
           QString::number(options.threads);
}

// The model kept in `model` when it was loaded for `wanted`, else the one `load` makes, after the
// old one is freed (two large models at once may not fit).
template <typename Model, typename Load>
Model& cached(std::unique_ptr<Model>& model, QString& key, const QString& wanted, Load load) {
    if (!model || key != wanted) {
        model.reset();
        model = load();
        key = wanted;
    }
    return *model;
}

} // namespace

ModelCache::ModelCache() = default;
ModelCache::~ModelCache() = default;

const esm::LanguageModel& ModelCache::languageModel(const QString& folder, const esm::RuntimeOptions& options,
                                                    const esm::Progress& progress) {
    return cached(language_, languageKey_, keyOf(folder, options),
                  [&] { return esm::LanguageModel::load(folder.toStdString(), options, progress); });
}

esm::Folder& ModelCache::folder(const QString& folder, const esm::RuntimeOptions& options,
                                const esm::Progress& progress) {
    return cached(folder_, foldKey_, keyOf(folder, options),
                  [&] { return esm::Folder::load(folder.toStdString(), options, progress); });
}

const esm::TaskPredictor& ModelCache::taskModel(const QString& folder, const esm::RuntimeOptions& options) {
    return cached(task_, taskKey_, keyOf(folder, options),
                  [&] { return esm::TaskPredictor::loadFolder(folder.toStdString(), options.threads); });
}

} // namespace esmui
