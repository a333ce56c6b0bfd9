#include "ui/widgets/mainwindow/ModelsInUseLabel.h"

#include "core/hub/hf_cache.h"
#include "ui/services/document/Document.h"

#include <QFileInfo>

namespace esmui {
namespace {

// A cache snapshot is named after its repository, a plain folder after itself.
QString modelName(const QString& folder) {
    if (folder.isEmpty())
        return QObject::tr("none");
    if (const auto repo = esm::repoOfSnapshot(folder.toStdString()))
        return QString::fromStdString(*repo).section('/', 1);
    return QFileInfo(folder).fileName();
}

} // namespace

ModelsInUseLabel::ModelsInUseLabel(Document* document, QWidget* parent)
    : QLabel(parent), m_document(document) {
    setObjectName("modelsInUse");
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & Document::ModelsChanged)
            refresh();
    });
    refresh();
}

void ModelsInUseLabel::refresh() {
    setText(tr("Language model: %1 · Folding: %2")
                .arg(modelName(m_document->languageModel()), modelName(m_document->foldingModel())));
}

} // namespace esmui
