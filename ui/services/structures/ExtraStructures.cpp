#include "ui/services/structures/ExtraStructures.h"

#include "core/base/error.h"
#include "core/io/structure_files.h"
#include "ui/services/document/Document.h"

#include <QFileInfo>

#include <algorithm>

namespace esmui {

ExtraStructures::ExtraStructures(Document* document, QObject* parent)
    : QObject(parent), m_document(document) {
    connect(document, &Document::changed, this, [this](Document::Changes c) { onDocumentChanged(int(c)); });
    onDocumentChanged(Document::StructureChanged | Document::FileChanged);
}

int ExtraStructures::add(std::shared_ptr<const esm::Structure> structure, const QString& name) {
    ExtraStructure entry;
    entry.name = name;
    entry.structure = structure;
    entry.placed = std::move(structure);
    entry.colourIndex = m_added++;
    entry.colour = otherStructureColour(entry.colourIndex, m_avoid);
    m_structures.push_back(std::move(entry));
    Q_EMIT changed();
    return int(m_structures.size()) - 1;
}

int ExtraStructures::addFile(const QString& path) {
    auto structure = std::make_shared<const esm::Structure>(esm::readStructureFile(path.toStdString()));
    return add(std::move(structure), QFileInfo(path).fileName());
}

std::optional<ExtraStructure> ExtraStructures::remove(int index) {
    if (!valid(index))
        return std::nullopt;
    ExtraStructure removed = std::move(m_structures[std::size_t(index)]);
    m_structures.erase(m_structures.begin() + index);
    Q_EMIT changed();
    return removed;
}

void ExtraStructures::insert(int index, ExtraStructure entry) {
    index = std::clamp(index, 0, int(m_structures.size()));
    if (entry.colourIndex >= 0)
        entry.colour = otherStructureColour(entry.colourIndex, m_avoid);
    place(entry); // #1 may have changed meanwhile
    m_structures.insert(m_structures.begin() + index, std::move(entry));
    Q_EMIT changed();
}

void ExtraStructures::clear() {
    if (m_structures.empty())
        return;
    m_structures.clear();
    Q_EMIT changed();
}

void ExtraStructures::setVisible(int index, bool visible) {
    if (!valid(index) || m_structures[std::size_t(index)].visible == visible)
        return;
    m_structures[std::size_t(index)].visible = visible;
    Q_EMIT changed();
}

void ExtraStructures::setColour(int index, Rgb colour) {
    if (!valid(index))
        return;
    m_structures[std::size_t(index)].colour = colour;
    m_structures[std::size_t(index)].colourIndex = -1;
    Q_EMIT changed();
}

void ExtraStructures::setColoursToAvoid(std::vector<Rgb> colours) {
    if (colours == m_avoid)
        return;
    m_avoid = std::move(colours);
    bool recoloured = false;
    for (ExtraStructure& entry : m_structures) {
        if (entry.colourIndex < 0)
            continue;
        const Rgb colour = otherStructureColour(entry.colourIndex, m_avoid);
        recoloured |= colour != entry.colour;
        entry.colour = colour;
    }
    if (recoloured)
        Q_EMIT changed();
}

bool ExtraStructures::superpose(int index) {
    if (!valid(index))
        return false;
    ExtraStructure& entry = m_structures[std::size_t(index)];
    entry.superposed = true;
    place(entry);
    Q_EMIT changed();
    return entry.comparison.has_value();
}

void ExtraStructures::unsuperpose(int index) {
    if (!valid(index))
        return;
    ExtraStructure& entry = m_structures[std::size_t(index)];
    entry.superposed = false;
    place(entry);
    Q_EMIT changed();
}

void ExtraStructures::place(ExtraStructure& entry) {
    entry.comparison.reset();
    entry.problem.clear();
    entry.placed = entry.structure;
    if (!entry.superposed)
        return;
    if (!m_document->hasStructure()) {
        entry.problem = tr("no structure to superpose on");
        return;
    }
    try {
        // Experiment against prediction: chains, numbering and missing residues differ, so the
        // residues pair by a global alignment of the sequences.
        entry.comparison =
            esm::compareStructures(*entry.structure, m_document->structure(), esm::Pairing::Sequence);
        entry.placed = std::make_shared<const esm::Structure>(
            esm::superposed(*entry.structure, entry.comparison->superposition));
    } catch (const std::exception& e) { // esm::Error, or the geometry's refusal of the pairs
        entry.problem = QString::fromStdString(e.what());
    }
}

void ExtraStructures::onDocumentChanged(int changes) {
    if (!(changes & Document::StructureChanged))
        return;
    const bool foldReplacedOpened = m_openedOnShow && !(changes & Document::FileChanged) &&
                                    m_document->currentFold() >= 0 &&
                                    m_document->sharedStructure() != m_openedOnShow;
    if (foldReplacedOpened) {
        // Folding keeps the experimental structure in view, on the prediction.
        const int index = add(m_openedOnShow, m_openedName);
        m_structures[std::size_t(index)].superposed = true;
    }
    const bool opened = m_document->hasStructure() && m_document->currentFold() < 0;
    m_openedOnShow = opened ? m_document->sharedStructure() : nullptr;
    m_openedName = opened ? QFileInfo(m_document->origin()).fileName() : QString();
    bool moved = false;
    for (ExtraStructure& entry : m_structures)
        if (entry.superposed) {
            place(entry);
            moved = true;
        }
    if (moved)
        Q_EMIT changed();
}

} // namespace esmui
