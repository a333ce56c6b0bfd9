#include "ui/services/document/Document.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/log.h"
#include "core/geometry/residue_alignment.h"
#include "core/io/structure_files.h"
#include "core/structure/sequence.h"
#include "ui/services/document/MutationNames.h"

#include <QFileInfo>
#include <QScopedValueRollback>
#include <QUndoCommand>

namespace esmui {

// One sequence edit on the undo stack; typing and deleting runs merge.
class SequenceEditCommand : public QUndoCommand {
  public:
    SequenceEditCommand(Document* document, QString before, QString after, Document::Edit kind,
                        const QString& text)
        : QUndoCommand(text), document_(document), before_(std::move(before)), after_(std::move(after)),
          kind_(kind) {}

    void redo() override { document_->setSequenceText(after_); }
    Document::UndoStep step() const { return {text(), before_, after_, kind_}; }
    void undo() override { document_->setSequenceText(before_); }
    int id() const override {
        return !document_->m_restoring &&
                       (kind_ == Document::Edit::Typing || kind_ == Document::Edit::Deleting)
                   ? 1
                   : -1;
    }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* edit = static_cast<const SequenceEditCommand*>(other);
        if (edit->kind_ != kind_)
            return false;
        after_ = edit->after_;
        return true;
    }

  private:
    Document* document_;
    QString before_, after_;
    Document::Edit kind_;
};

Document::Document(QObject* parent)
    : QObject(parent), m_extraStructures(*this, [this] { Q_EMIT changed(ExtraStructuresChanged); }) {
    connect(&m_selection, &ResidueSelection::changed, this, [this] {
        if (!m_quietSelection)
            Q_EMIT changed(SelectionChanged);
    });
}

void Document::replaceSelection(std::set<int> positions) {
    const QScopedValueRollback quiet(m_quietSelection, true);
    m_selection.select(std::move(positions));
}

Document::Changes Document::structureReplaced(bool opened) {
    Changes changes = StructureChanged;
    if (m_extraStructures.followStructure(opened))
        changes |= ExtraStructuresChanged;
    if (m_view.colorScheme || !m_view.camera.empty()) { // the view frames the new structure
        m_view.colorScheme.reset();
        m_view.camera.clear();
        changes |= ViewChanged;
    }
    return changes;
}

void Document::openStructureFile(const QString& path) {
    esm::Structure structure = esm::readStructureFile(path.toStdString());
    setStructure(std::move(structure), QFileInfo(path).absoluteFilePath());
    if (m_structure->confidence != esm::Confidence::PLDDT)
        return;
    for (const auto& candidate : esm::paeFilesBeside(path.toStdString()))
        if (QFileInfo::exists(QString::fromStdString(candidate.string()))) {
            try {
                attachPaeFile(QString::fromStdString(candidate.string()));
            } catch (const std::exception& e) { // the structure stays open without it
                esm::logWarning(e.what());
            }
            return;
        }
}

void Document::attachPaeFile(const QString& path) {
    if (!m_structure)
        throw esm::Error(path.toStdString() + ": open the structure it belongs to first");
    esm::PaeMatrix pae = esm::parsePaeJson(esm::readRegularFile(path.toStdString()), path.toStdString());
    const int residues = int(sequenceOfStructure(*m_structure).remove(':').size());
    if (pae.residues != residues)
        throw esm::Error(path.toStdString() + ": a predicted aligned error of " +
                         std::to_string(pae.residues) + " residues; " + m_structure->name + " has " +
                         std::to_string(residues));
    m_structurePae = std::move(pae);
    Q_EMIT changed(ConfidenceChanged);
}

void Document::setStructure(esm::Structure structure, const QString& origin) {
    const QString sequence = sequenceOfStructure(structure);
    replaceContents(sequence, std::make_shared<const esm::Structure>(std::move(structure)), origin);
}

void Document::setSequence(const QString& sequence, const QString& origin) {
    esm::requireProteinLength(esm::residueCountOf(sequence.toStdString()),
                              origin.isEmpty() ? "the sequence" : origin.toStdString());
    replaceContents(sequence, nullptr, origin);
}

void Document::replaceContents(const QString& sequence, std::shared_ptr<const esm::Structure> structure,
                               const QString& origin) {
    m_sequence = sequence;
    m_structure = std::move(structure);
    m_origin = origin;
    m_sessionPath.clear();
    m_undo.clear();
    m_folds.clear();
    m_savedFolds = 0;
    m_currentFold = -1;
    m_comparison.reset();
    m_structurePae.reset();
    mapPositions();
    m_referenceSequence = m_sequence;
    m_referenceLabels = m_positionLabels;
    m_masked.clear();
    replaceSelection({});
    Q_EMIT changed(SequenceChanged | FileChanged | FoldsChanged | ComparisonChanged | SelectionChanged |
                   structureReplaced(true));
}

std::vector<Document::UndoStep> Document::undoHistory() const {
    std::vector<UndoStep> steps;
    for (int i = 0; i < m_undo.count(); ++i)
        steps.push_back(static_cast<const SequenceEditCommand*>(m_undo.command(i))->step());
    return steps;
}

Document::Saved Document::saved() const {
    Saved saved;
    saved.sequence = m_sequence;
    saved.origin = m_origin;
    saved.structure = m_structure;
    saved.folds = m_folds;
    saved.currentFold = m_currentFold;
    saved.undo = undoHistory();
    saved.undoIndex = m_undo.index();
    saved.selection = m_selection.positions();
    saved.languageModel = m_languageModel;
    saved.foldingModel = m_foldingModel;
    saved.taskModel = m_taskModel;
    saved.scoreMode = m_scoreMode;
    if (scoresAreCurrent())
        saved.scores = m_scores;
    saved.view = m_view;
    saved.extraStructures = m_extraStructures.structures();
    return saved;
}

void Document::restore(Saved saved) {
    m_restoring = true;
    m_undo.clear();
    m_sequence = saved.undo.empty() ? saved.sequence : saved.undo.front().before;
    for (const UndoStep& step : saved.undo)
        m_undo.push(new SequenceEditCommand(this, step.before, step.after, step.kind, step.text));
    m_undo.setIndex(std::clamp(saved.undoIndex, 0, m_undo.count()));
    m_restoring = false;
    m_sequence = saved.sequence;
    m_origin = saved.origin;
    m_folds = std::move(saved.folds);
    m_currentFold =
        saved.currentFold >= 0 && saved.currentFold < int(m_folds.size()) ? saved.currentFold : -1;
    m_structure = m_currentFold >= 0 ? m_folds[std::size_t(m_currentFold)].structure : saved.structure;
    m_comparison.reset();
    // Unsaved until a caller that opened it as a document's file says otherwise (a recovery is not).
    m_undo.resetClean();
    m_savedFolds = 0;
    mapPositions();
    m_referenceSequence = saved.undo.empty() ? saved.sequence : saved.undo.front().before;
    m_referenceLabels = saved.structure && sequenceOfStructure(*saved.structure) == m_referenceSequence
                            ? residueLabels(*saved.structure)
                            : std::vector<QString>{};
    if (!saved.languageModel.isEmpty())
        m_languageModel = saved.languageModel;
    if (!saved.foldingModel.isEmpty())
        m_foldingModel = saved.foldingModel;
    m_taskModel = saved.taskModel;
    m_scoreMode = saved.scoreMode;
    m_masked.clear();
    m_scores = std::move(saved.scores);
    m_scoresKey = m_scores ? scoreKey() : QString();
    m_view = std::move(saved.view);
    m_extraStructures.restore(std::move(saved.extraStructures));
    replaceSelection(std::move(saved.selection));
    Q_EMIT changed(SequenceChanged | StructureChanged | FileChanged | FoldsChanged | ComparisonChanged |
                   ModelsChanged | ScoresChanged | ExtraStructuresChanged | ViewChanged | SelectionChanged);
}

void Document::markSaved() {
    m_undo.setClean();
    m_savedFolds = m_folds.size();
}

void Document::addFold(FoldRecord fold) {
    if (m_referenceSequence.isEmpty()) // typed, not opened: the first fold is the wild type
        m_referenceSequence = m_folds.empty() ? fold.sequence : m_folds.front().sequence;
    fold.mutations = describeChanges(m_referenceSequence, fold.sequence, m_referenceLabels);
    m_folds.push_back(std::move(fold));
    Changes changes;
    if (m_preview) { // the fold in progress is done
        m_preview.reset();
        changes |= PreviewChanged;
    }
    putFoldOnShow(int(m_folds.size()) - 1, changes);
}

void Document::setFoldPreview(std::shared_ptr<const esm::Structure> structure) {
    if (structure == m_preview)
        return;
    m_preview = std::move(structure);
    Q_EMIT changed(PreviewChanged);
}

void Document::setViewState(ViewState state) {
    if (state == m_view)
        return;
    m_view = std::move(state);
    Q_EMIT changed(ViewChanged);
}

void Document::setScoreMode(esm::ScoreMode mode) {
    if (mode == m_scoreMode)
        return;
    m_scoreMode = mode;
    Q_EMIT changed(ScoresChanged);
}

void Document::setMaskedPositions(std::set<int> positions) {
    if (positions == m_masked)
        return;
    m_masked = std::move(positions);
    Q_EMIT changed(ScoresChanged);
}

QString Document::scoreKey() const {
    QString masked;
    for (int p : m_masked)
        masked += QString::number(p) + ',';
    return m_languageModel + '|' + QString::fromStdString(esm::scoreModeName(m_scoreMode)) + '|' + masked +
           '|' + m_sequence;
}

void Document::showScores(const QString& key, std::shared_ptr<const LanguageModelResult> result) {
    m_scoresKey = key;
    m_scores = std::move(result);
    Q_EMIT changed(ScoresChanged);
}

void Document::showFold(int index) {
    if (index >= 0 && index < int(m_folds.size()))
        putFoldOnShow(index, {});
}

void Document::putFoldOnShow(int index, Changes changes) {
    m_currentFold = index;
    m_structure = m_folds[std::size_t(index)].structure;
    changes |= FoldsChanged;
    if (m_comparison && m_comparison->shown != index) {
        m_comparison.reset();
        changes |= ComparisonChanged;
    }
    mapPositions();
    Q_EMIT changed(changes | structureReplaced(false));
}

void Document::compareWith(int other) {
    m_comparison = compareFolds(m_folds, m_currentFold, other);
    Q_EMIT changed(ComparisonChanged);
}

void Document::setLanguageModel(const QString& folder) {
    if (folder == m_languageModel)
        return;
    m_languageModel = folder;
    Q_EMIT changed(ModelsChanged);
}

void Document::setFoldingModel(const QString& folder) {
    if (folder == m_foldingModel)
        return;
    m_foldingModel = folder;
    Q_EMIT changed(ModelsChanged);
}

void Document::setTaskModel(const QString& folder) {
    if (folder == m_taskModel)
        return;
    m_taskModel = folder;
    Q_EMIT changed(ModelsChanged);
}

void Document::clearComparison() {
    if (!m_comparison)
        return;
    m_comparison.reset();
    Q_EMIT changed(ComparisonChanged);
}

void Document::editSequence(const QString& text, Edit kind, const QString& description) {
    if (text == m_sequence)
        return;
    esm::requireProteinLength(esm::residueCountOf(text.toStdString()), "the edited sequence");
    static const char* const names[] = {"Typing", "Delete", "Paste", "Mutation", "Edit Sequence"};
    m_undo.push(new SequenceEditCommand(this, m_sequence, text, kind,
                                        description.isEmpty() ? tr(names[int(kind)]) : description));
}

void Document::mutate(int position, QChar residue) {
    int seen = 0;
    for (int i = 0; i < m_sequence.size(); ++i) {
        if (m_sequence[i] == ':')
            continue;
        if (seen++ == position) {
            if (m_sequence[i] == residue)
                return;
            QString text = m_sequence;
            text[i] = residue;
            editSequence(text, Edit::Mutating,
                         tr("Mutate %1").arg(mutationName(positionLabel(position), m_sequence[i], residue)));
            return;
        }
    }
}

QString Document::residues() const {
    QString residues = m_sequence;
    residues.remove(':');
    return residues;
}

bool Document::isSequenceValid() const {
    return !m_sequence.isEmpty() && esm::Sequence::findIssues(m_sequence.toStdString()).empty();
}

void Document::setSequenceText(const QString& text) {
    m_sequence = text;
    m_masked.clear(); // the positions named residues of the sequence before the edit
    if (m_restoring)
        return; // the saved history being pushed: restore() maps and announces once
    mapPositions();
    Q_EMIT changed(SequenceChanged);
}

void Document::mapPositions() {
    alignWithStructure();
    labelPositions();
}

void Document::alignWithStructure() {
    m_residueOfPosition.clear();
    m_positionOfResidue.clear();
    m_changedPositions.clear();
    if (!m_structure)
        return;
    std::vector<int> polymer;
    const auto chains = m_structure->conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : m_structure->polymerResidues(c))
            polymer.push_back(r);
    const std::string structureResidues = sequenceOfStructure(*m_structure).remove(':').toStdString();
    const std::string residues = this->residues().toStdString();
    m_positionOfResidue.assign(std::size_t(m_structure->residueCount()), -1);
    m_residueOfPosition.assign(residues.size(), -1);
    if (structureResidues.size() != polymer.size())
        return; // a structure whose residues have no one-letter sequence: nothing to align
    esm::ResiduePairs pairs;
    if (residues.size() == structureResidues.size()) // substitutions keep residue-by-residue pairing
        for (int i = 0; i < int(residues.size()); ++i)
            pairs.emplace_back(i, i);
    else
        pairs = esm::alignSequences(residues, structureResidues);
    std::vector<bool> same(residues.size(), false);
    for (const auto& [position, index] : pairs) {
        m_residueOfPosition[std::size_t(position)] = polymer[std::size_t(index)];
        m_positionOfResidue[std::size_t(polymer[std::size_t(index)])] = position;
        same[std::size_t(position)] =
            residues[std::size_t(position)] == structureResidues[std::size_t(index)];
    }
    for (int p = 0; p < int(residues.size()); ++p)
        if (!same[std::size_t(p)])
            m_changedPositions.insert(p);
}

namespace {

// "27A": the author's residue number and insertion code.
QString authorNumber(const esm::Structure& structure, int residue) {
    const char insertion = structure.insertionCode(residue);
    return QString::number(structure.residueNumber(residue)) +
           (insertion == ' ' ? QString() : QString(QChar(insertion)));
}

int polymerChainCount(const esm::Structure& structure) {
    int count = 0;
    if (structure.conformerCount() > 0)
        for (int c = structure.conformerChains(0).begin; c < structure.conformerChains(0).end; ++c)
            count += !structure.polymerResidues(c).empty();
    return count;
}

} // namespace

void Document::labelPositions() {
    m_positionLabels.clear();
    m_positionNames.clear();
    const QStringList chains = m_sequence.split(':');
    const bool severalChains = chains.size() > 1 || (m_structure && polymerChainCount(*m_structure) > 1);
    int position = 0;
    for (int c = 0; c < int(chains.size()); ++c) {
        QString chain = c < 26 ? QString(QChar('A' + c)) : QString::number(c + 1);
        QString lastNumber; // of the chain's last residue the structure has
        int sinceLast = 0;
        for (int k = 0; k < int(chains[c].size()); ++k, ++position) {
            QString number;
            if (const int r = residueAt(position); r >= 0) {
                number = authorNumber(*m_structure, r);
                chain = QString::fromStdString(m_structure->chainId(m_structure->residueChain(r)));
                lastNumber = number;
                sinceLast = 0;
            } else {
                number = lastNumber.isEmpty() ? QString::number(k + 1)
                                              : lastNumber + '+' + QString::number(++sinceLast);
            }
            m_positionLabels.push_back(severalChains ? chain + ' ' + number : number);
            m_positionNames.emplace_back(chain, number);
        }
    }
}

QString Document::positionLabel(int position) const {
    return position >= 0 && position < int(m_positionLabels.size()) ? m_positionLabels[std::size_t(position)]
                                                                    : QString::number(position + 1);
}

QString Document::changesFromStructure() const {
    if (!m_structure)
        return {};
    const QString structure = sequenceOfStructure(*m_structure);
    return structure == m_sequence ? QString()
                                   : describeChanges(structure, m_sequence, residueLabels(*m_structure));
}

int Document::residueAt(int position) const {
    return position >= 0 && position < int(m_residueOfPosition.size())
               ? m_residueOfPosition[std::size_t(position)]
               : -1;
}

int Document::positionOf(int residue) const {
    return residue >= 0 && residue < int(m_positionOfResidue.size())
               ? m_positionOfResidue[std::size_t(residue)]
               : -1;
}

std::vector<QString> residueLabels(const esm::Structure& structure) {
    std::vector<QString> labels;
    if (structure.conformerCount() == 0)
        return labels;
    const bool severalChains = polymerChainCount(structure) > 1;
    for (int c = structure.conformerChains(0).begin; c < structure.conformerChains(0).end; ++c) {
        const QString chain = QString::fromStdString(structure.chainId(c)) + ' ';
        for (int r : structure.polymerResidues(c))
            labels.push_back(severalChains ? chain + authorNumber(structure, r) : authorNumber(structure, r));
    }
    return labels;
}

QString sequenceOfStructure(const esm::Structure& structure) {
    QStringList chains;
    if (structure.conformerCount() == 0)
        return {};
    const auto range = structure.conformerChains(0);
    for (int c = range.begin; c < range.end; ++c) {
        const std::string sequence = structure.chainSequence(c);
        if (!sequence.empty())
            chains << QString::fromStdString(sequence);
    }
    return chains.join(':');
}

} // namespace esmui
