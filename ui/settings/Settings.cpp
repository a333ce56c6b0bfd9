#include "settings/Settings.h"

#include <QFileInfo>
#include <QSettings>

namespace esmui {
namespace {

namespace Key {
constexpr auto WindowGeometry = "window/geometry";
constexpr auto WindowState = "window/state";
constexpr auto RecentFiles = "files/recent";
constexpr auto LastOpenFolder = "files/lastOpenFolder";
constexpr auto LanguageModel = "models/language";
constexpr auto FoldingModel = "models/folding";
constexpr auto ComputeType = "models/computeType";
} // namespace Key

QVariant read(const char* key, const QVariant& fallback = {}) { return QSettings().value(key, fallback); }
void write(const char* key, const QVariant& value) { QSettings().setValue(key, value); }

} // namespace

QByteArray Settings::windowGeometry() { return read(Key::WindowGeometry).toByteArray(); }
void Settings::setWindowGeometry(const QByteArray& geometry) { write(Key::WindowGeometry, geometry); }
QByteArray Settings::windowState() { return read(Key::WindowState).toByteArray(); }
void Settings::setWindowState(const QByteArray& state) { write(Key::WindowState, state); }

QStringList Settings::recentFiles() { return read(Key::RecentFiles).toStringList(); }

void Settings::addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    write(Key::RecentFiles, files);
}

void Settings::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    write(Key::RecentFiles, files);
}

QString Settings::lastOpenFolder() { return read(Key::LastOpenFolder).toString(); }
void Settings::setLastOpenFolder(const QString& folder) { write(Key::LastOpenFolder, folder); }

QString Settings::languageModelFolder() { return read(Key::LanguageModel).toString(); }
void Settings::setLanguageModelFolder(const QString& folder) { write(Key::LanguageModel, folder); }
QString Settings::foldingModelFolder() { return read(Key::FoldingModel).toString(); }
void Settings::setFoldingModelFolder(const QString& folder) { write(Key::FoldingModel, folder); }
QString Settings::computeType() { return read(Key::ComputeType, "float32").toString(); }
void Settings::setComputeType(const QString& type) { write(Key::ComputeType, type); }

} // namespace esmui
