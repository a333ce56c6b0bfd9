#include "ui/services/structures/StructureModels.h"

#include "core/base/error.h"
#include "core/io/structure_files.h"
#include "ui/services/document/Document.h"

#include <QFileInfo>

#include <algorithm>

namespace esmui {

StructureModels::StructureModels(Document* document, QObject* parent)
    : QObject(parent), m_document(document) {
    connect(document, &Document::changed, this, [this](Document::Changes c) { onDocumentChanged(int(c)); });
    onDocumentChanged(Document::StructureChanged | Document::FileChanged);
}

int StructureModels::add(std::shared_ptr<const esm::Structure> structure, const QString& name) {
    ExtraModel model;
    model.name = name;
    model.structure = structure;
    model.placed = std::move(structure);
    model.colourIndex = m_added++;
    model.colour = otherStructureColour(model.colourIndex, m_avoid);
    m_models.push_back(std::move(model));
    Q_EMIT changed();
    return int(m_models.size()) - 1;
}

int StructureModels::addFile(const QString& path) {
    auto structure = std::make_shared<const esm::Structure>(esm::readStructureFile(path.toStdString()));
    return add(std::move(structure), QFileInfo(path).fileName());
}

std::optional<ExtraModel> StructureModels::remove(int index) {
    if (!valid(index))
        return std::nullopt;
    ExtraModel removed = std::move(m_models[std::size_t(index)]);
    m_models.erase(m_models.begin() + index);
    Q_EMIT changed();
    return removed;
}

void StructureModels::insert(int index, ExtraModel model) {
    index = std::clamp(index, 0, int(m_models.size()));
    if (model.colourIndex >= 0)
        model.colour = otherStructureColour(model.colourIndex, m_avoid);
    place(model); // #1 may have changed meanwhile
    m_models.insert(m_models.begin() + index, std::move(model));
    Q_EMIT changed();
}

void StructureModels::clear() {
    if (m_models.empty())
        return;
    m_models.clear();
    Q_EMIT changed();
}

void StructureModels::setVisible(int index, bool visible) {
    if (!valid(index) || m_models[std::size_t(index)].visible == visible)
        return;
    m_models[std::size_t(index)].visible = visible;
    Q_EMIT changed();
}

void StructureModels::setColour(int index, Rgb colour) {
    if (!valid(index))
        return;
    m_models[std::size_t(index)].colour = colour;
    m_models[std::size_t(index)].colourIndex = -1;
    Q_EMIT changed();
}

void StructureModels::setColoursToAvoid(std::vector<Rgb> colours) {
    if (colours == m_avoid)
        return;
    m_avoid = std::move(colours);
    bool recoloured = false;
    for (ExtraModel& model : m_models) {
        if (model.colourIndex < 0)
            continue;
        const Rgb colour = otherStructureColour(model.colourIndex, m_avoid);
        recoloured |= colour != model.colour;
        model.colour = colour;
    }
    if (recoloured)
        Q_EMIT changed();
}

bool StructureModels::superpose(int index) {
    if (!valid(index))
        return false;
    ExtraModel& model = m_models[std::size_t(index)];
    model.superposed = true;
    place(model);
    Q_EMIT changed();
    return model.comparison.has_value();
}

void StructureModels::unsuperpose(int index) {
    if (!valid(index))
        return;
    ExtraModel& model = m_models[std::size_t(index)];
    model.superposed = false;
    place(model);
    Q_EMIT changed();
}

void StructureModels::place(ExtraModel& model) {
    model.comparison.reset();
    model.problem.clear();
    model.placed = model.structure;
    if (!model.superposed)
        return;
    if (!m_document->hasStructure()) {
        model.problem = tr("no structure to superpose on");
        return;
    }
    try {
        // Experiment against prediction: chains, numbering and missing residues differ, so the
        // residues pair by a global alignment of the sequences.
        model.comparison =
            esm::compareStructures(*model.structure, m_document->structure(), esm::Pairing::Sequence);
        model.placed = std::make_shared<const esm::Structure>(
            esm::superposed(*model.structure, model.comparison->superposition));
    } catch (const std::exception& e) { // esm::Error, or the geometry's refusal of the pairs
        model.problem = QString::fromStdString(e.what());
    }
}

void StructureModels::onDocumentChanged(int changes) {
    if (!(changes & Document::StructureChanged))
        return;
    const bool foldReplacedOpened = m_openedOnShow && !(changes & Document::FileChanged) &&
                                    m_document->currentFold() >= 0 &&
                                    m_document->sharedStructure() != m_openedOnShow;
    if (foldReplacedOpened) {
        // Folding keeps the experimental structure in view, on the prediction.
        const int index = add(m_openedOnShow, m_openedName);
        m_models[std::size_t(index)].superposed = true;
    }
    const bool opened = m_document->hasStructure() && m_document->currentFold() < 0;
    m_openedOnShow = opened ? m_document->sharedStructure() : nullptr;
    m_openedName = opened ? QFileInfo(m_document->origin()).fileName() : QString();
    bool moved = false;
    for (ExtraModel& model : m_models)
        if (model.superposed) {
            place(model);
            moved = true;
        }
    if (moved)
        Q_EMIT changed();
}

} // namespace esmui
