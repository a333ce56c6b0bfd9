// Every persistent setting of the application, in one place: keys, defaults and types.
#pragma once

#include "core/pipeline/runtime_options.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace esmui {

class Settings {
  public:
    static constexpr int kMaxRecentFiles = 10;
    static constexpr int kMaxLocalModels = 20;

    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray& geometry);
    static QByteArray windowState();
    static void setWindowState(const QByteArray& state);

    static QStringList recentFiles();
    // Moves `path` to the front, drops duplicates and keeps the newest kMaxRecentFiles.
    static void addRecentFile(const QString& path);
    static void removeRecentFile(const QString& path);

    static QString lastOpenFolder();
    static void setLastOpenFolder(const QString& folder);
    // Where the last export or session was saved (the last open folder until then).
    static QString lastSaveFolder();
    static void setLastSaveFolder(const QString& folder);

    // The HuggingFace folders last chosen with File > Open Model Folder…; empty when none.
    static QString languageModelFolder();
    static void setLanguageModelFolder(const QString& folder);
    static QString foldingModelFolder();
    static void setFoldingModelFolder(const QString& folder);
    // Model folders outside the HuggingFace cache the user has chosen, most recent first.
    static QStringList localModelFolders();
    static void addLocalModelFolder(const QString& folder);
    // Forgets the folder; its files stay where they are.
    static void forgetLocalModelFolder(const QString& folder);
    // What models compute in: "auto" (default: bfloat16 where the CPU has native bfloat16, else
    // float32), "float32", "bfloat16" or "float64".
    static QString computeType();
    static void setComputeType(const QString& type);
    // How the GUI's jobs run models: the compute type above, on the CPU, every core.
    static esm::RuntimeOptions runtimeOptions();
};

} // namespace esmui
