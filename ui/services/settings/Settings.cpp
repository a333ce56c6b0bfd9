#include "ui/services/settings/Settings.h"

#include "core/hub/hf_cache.h"

#include <QFileInfo>
#include <QSettings>

namespace esmui {
namespace {

namespace Key {
constexpr auto WindowGeometry = "window/geometry";
constexpr auto WindowState = "window/state";
constexpr auto RecentFiles = "files/recent";
constexpr auto LastOpenFolder = "files/lastOpenFolder";
constexpr auto LastSaveFolder = "files/lastSaveFolder";
constexpr auto LanguageModel = "models/language";
constexpr auto FoldingModel = "models/folding";
constexpr auto ComputeType = "models/computeType";
constexpr auto LocalModels = "models/localFolders";
} // namespace Key

QVariant read(const char* key, const QVariant& fallback = {}) {
    return QSettings().value(key, fallback);
}
void write(const char* key, const QVariant& value) {
    QSettings().setValue(key, value);
}

// Most recent first, no duplicates, at most `most`.
void prependToList(const char* key, const QString& value, int most) {
    QStringList values = read(key).toStringList();
    values.removeAll(value);
    values.prepend(value);
    while (values.size() > most)
        values.removeLast();
    write(key, values);
}

void removeFromList(const char* key, const QString& value) {
    QStringList values = read(key).toStringList();
    values.removeAll(value);
    write(key, values);
}

// Folders in the HuggingFace cache are found there again; only the user's own are remembered.
void rememberLocalModel(const QString& folder) {
    if (!folder.isEmpty() && !esm::repoOfSnapshot(folder.toStdString()))
        prependToList(Key::LocalModels, QFileInfo(folder).absoluteFilePath(), Settings::kMaxLocalModels);
}

} // namespace

QByteArray Settings::windowGeometry() {
    return read(Key::WindowGeometry).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& geometry) {
    write(Key::WindowGeometry, geometry);
}
QByteArray Settings::windowState() {
    return read(Key::WindowState).toByteArray();
}
void Settings::setWindowState(const QByteArray& state) {
    write(Key::WindowState, state);
}

QStringList Settings::recentFiles() {
    return read(Key::RecentFiles).toStringList();
}

void Settings::addRecentFile(const QString& path) {
    prependToList(Key::RecentFiles, QFileInfo(path).absoluteFilePath(), kMaxRecentFiles);
}

void Settings::removeRecentFile(const QString& path) {
    removeFromList(Key::RecentFiles, path);
}

QString Settings::lastOpenFolder() {
    return read(Key::LastOpenFolder).toString();
}
void Settings::setLastOpenFolder(const QString& folder) {
    write(Key::LastOpenFolder, folder);
}
QString Settings::lastSaveFolder() {
    const QString folder = read(Key::LastSaveFolder).toString();
    return folder.isEmpty() ? lastOpenFolder() : folder;
}
void Settings::setLastSaveFolder(const QString& folder) {
    write(Key::LastSaveFolder, folder);
}

QString Settings::languageModelFolder() {
    return read(Key::LanguageModel).toString();
}
void Settings::setLanguageModelFolder(const QString& folder) {
    write(Key::LanguageModel, folder);
    rememberLocalModel(folder);
}
QString Settings::foldingModelFolder() {
    return read(Key::FoldingModel).toString();
}
void Settings::setFoldingModelFolder(const QString& folder) {
    write(Key::FoldingModel, folder);
    rememberLocalModel(folder);
}
QStringList Settings::localModelFolders() {
    return read(Key::LocalModels).toStringList();
}
void Settings::addLocalModelFolder(const QString& folder) {
    rememberLocalModel(folder);
}
void Settings::forgetLocalModelFolder(const QString& folder) {
    removeFromList(Key::LocalModels, folder);
}
QString Settings::computeType() {
    return read(Key::ComputeType, "auto").toString();
}
void Settings::setComputeType(const QString& type) {
    write(Key::ComputeType, type);
}

esm::RuntimeOptions Settings::runtimeOptions() {
    esm::RuntimeOptions options;
    options.dtype = computeType().toStdString();
    options.adaptThreads = true; // a desktop is never idle
    return options;
}

} // namespace esmui
