#include "document/Document.h"

#include "core/io/structure_files.h"

#include <QFileInfo>

namespace esmui {

Document::Document(QObject* parent) : QObject(parent) {}

void Document::openStructureFile(const QString& path) {
    esm::Structure structure = esm::readStructureFile(path.toStdString());
    setStructure(std::move(structure), QFileInfo(path).absoluteFilePath());
}

void Document::setStructure(esm::Structure structure, const QString& origin) {
    m_sequence = sequenceOfStructure(structure);
    m_structure = std::move(structure);
    m_origin = origin;
    m_undo.clear();
    Q_EMIT changed(SequenceChanged | StructureChanged | FileChanged);
}

void Document::setSequence(const QString& sequence, const QString& origin) {
    m_sequence = sequence;
    m_structure.reset();
    m_origin = origin;
    m_undo.clear();
    Q_EMIT changed(SequenceChanged | StructureChanged | FileChanged);
}

QString sequenceOfStructure(const esm::Structure& structure) {
    QStringList chains;
    if (structure.modelCount() == 0)
        return {};
    const auto range = structure.modelChains(0);
    for (int c = range.begin; c < range.end; ++c) {
        const std::string sequence = structure.chainSequence(c);
        if (!sequence.empty())
            chains << QString::fromStdString(sequence);
    }
    return chains.join(':');
}

} // namespace esmui
