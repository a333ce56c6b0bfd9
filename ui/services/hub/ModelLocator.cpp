#include "ui/services/hub/ModelLocator.h"

#include "core/base/error.h"
#include "core/hub/hf_cache.h"
#include "ui/services/hub/HubDownloader.h"

#include <QFileInfo>

namespace esmui {

QString locateModel(const QString& spec, bool download, const esm::Progress& progress) {
    if (QFileInfo(spec).isDir())
        return spec;
    const QString repo = spec.section('@', 0, 0);
    const QString revision = spec.contains('@') ? spec.section('@', 1) : QStringLiteral("main");
    if (!esm::isRepoId(repo.toStdString()) && !QFileInfo::exists(spec))
        throw esm::Error("model folder '" + spec.toStdString() + "' does not exist");
    if (!esm::isRepoId(repo.toStdString()))
        throw esm::Error("'" + spec.toStdString() +
                         "' is neither a model folder nor a HuggingFace repository id (OWNER/NAME)");
    const auto root = esm::huggingFaceCacheRoot();
    if (const auto cached = esm::cachedSnapshot(root, repo.toStdString(), revision.toStdString()))
        return QString::fromStdString(cached->string());
    if (!download)
        throw esm::Error(repo.toStdString() + " is not in the HuggingFace cache (" + root.string() +
                         "); add --download to fetch it, or run: esmx models download " + repo.toStdString());
    DownloadRequest request;
    request.repo = repo;
    request.revision = revision;
    return downloadModel(request, progress);
}

} // namespace esmui
