#include "ui/services/document/ExtraStructures.h"

#include "core/base/error.h"
#include "core/io/structure_files.h"
#include "ui/services/document/Document.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace esmui {

ExtraStructures::ExtraStructures(const Document& document, std::function<void()> announce)
    : m_document(document), m_announce(std::move(announce)) {}

ExtraStructure& ExtraStructures::append(std::shared_ptr<const esm::Structure> structure,
                                        const QString& name) {
    ExtraStructure& entry = m_structures.emplace_back();
    entry.name = name;
    entry.structure = structure;
    entry.placed = std::move(structure);
    entry.colourIndex = m_added++;
    entry.colour = otherStructureColour(entry.colourIndex, m_avoid);
    return entry;
}

int ExtraStructures::add(std::shared_ptr<const esm::Structure> structure, const QString& name) {
    append(std::move(structure), name);
    announce();
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
    announce();
    return removed;
}

void ExtraStructures::insert(int index, ExtraStructure entry) {
    index = std::clamp(index, 0, int(m_structures.size()));
    if (entry.colourIndex >= 0)
        entry.colour = otherStructureColour(entry.colourIndex, m_avoid);
    place(entry); // #1 may have changed meanwhile
    m_structures.insert(m_structures.begin() + index, std::move(entry));
    announce();
}

void ExtraStructures::setVisible(int index, bool visible) {
    if (!valid(index) || m_structures[std::size_t(index)].visible == visible)
        return;
    m_structures[std::size_t(index)].visible = visible;
    announce();
}

void ExtraStructures::setColour(int index, Rgb colour) {
    if (!valid(index))
        return;
    m_structures[std::size_t(index)].colour = colour;
    m_structures[std::size_t(index)].colourIndex = -1;
    announce();
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
        announce();
}

bool ExtraStructures::superpose(int index) {
    if (!valid(index))
        return false;
    ExtraStructure& entry = m_structures[std::size_t(index)];
    entry.superposed = true;
    place(entry);
    announce();
    return entry.comparison.has_value();
}

void ExtraStructures::unsuperpose(int index) {
    if (!valid(index))
        return;
    ExtraStructure& entry = m_structures[std::size_t(index)];
    entry.superposed = false;
    place(entry);
    announce();
}

void ExtraStructures::place(ExtraStructure& entry) {
    entry.comparison.reset();
    entry.problem.clear();
    entry.placed = entry.structure;
    if (!entry.superposed)
        return;
    if (!m_document.hasStructure()) {
        entry.problem = QCoreApplication::translate("ExtraStructures", "no structure to superpose on");
        return;
    }
    try {
        // Experiment against prediction: chains, numbering and missing residues differ, so the
        // residues pair by a global alignment of the sequences.
        entry.comparison =
            esm::compareStructures(*entry.structure, m_document.structure(), esm::Pairing::Sequence);
        entry.placed = std::make_shared<const esm::Structure>(
            esm::superposed(*entry.structure, entry.comparison->superposition));
    } catch (const std::exception& e) { // esm::Error, or the geometry's refusal of the pairs
        entry.problem = QString::fromStdString(e.what());
    }
}

bool ExtraStructures::followStructure(bool opened) {
    const bool foldReplacedOpened = m_openedOnShow && !opened && m_document.currentFold() >= 0 &&
                                    m_document.sharedStructure() != m_openedOnShow;
    bool changed = false;
    if (foldReplacedOpened) {
        // Folding keeps the experimental structure in view, on the prediction.
        append(m_openedOnShow, m_openedName).superposed = true;
        changed = true;
    }
    noteOpenedOnShow();
    for (ExtraStructure& entry : m_structures)
        if (entry.superposed) {
            place(entry);
            changed = true;
        }
    return changed;
}

void ExtraStructures::noteOpenedOnShow() {
    const bool onShow = m_document.hasStructure() && m_document.currentFold() < 0;
    m_openedOnShow = onShow ? m_document.sharedStructure() : nullptr;
    m_openedName = onShow ? QFileInfo(m_document.origin()).fileName() : QString();
}

void ExtraStructures::restore(std::vector<ExtraStructure> entries) {
    noteOpenedOnShow();
    m_structures = std::move(entries);
    for (ExtraStructure& entry : m_structures) {
        entry.colourIndex = -1;
        place(entry);
    }
}

} // namespace esmui
