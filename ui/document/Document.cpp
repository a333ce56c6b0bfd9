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
    m_structure = std::make_shared<const esm::Structure>(std::move(structure));
    m_origin = origin;
    m_undo.clear();
    mapPositions();
    m_selection.clear();
    Q_EMIT changed(SequenceChanged | StructureChanged | FileChanged);
}

void Document::setSequence(const QString& sequence, const QString& origin) {
    m_sequence = sequence;
    m_structure.reset();
    m_origin = origin;
    m_undo.clear();
    mapPositions();
    m_selection.clear();
    Q_EMIT changed(SequenceChanged | StructureChanged | FileChanged);
}

void Document::mapPositions() {
    m_residueOfPosition.clear();
    m_positionOfResidue.clear();
    if (!m_structure)
        return;
    m_positionOfResidue.assign(std::size_t(m_structure->residueCount()), -1);
    const auto chains = m_structure->modelChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : m_structure->polymerResidues(c)) {
            m_positionOfResidue[std::size_t(r)] = int(m_residueOfPosition.size());
            m_residueOfPosition.push_back(r);
        }
}

int Document::residueAt(int position) const {
    return position >= 0 && position < int(m_residueOfPosition.size()) ? m_residueOfPosition[std::size_t(position)] : -1;
}

int Document::positionOf(int residue) const {
    return residue >= 0 && residue < int(m_positionOfResidue.size()) ? m_positionOfResidue[std::size_t(residue)] : -1;
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
