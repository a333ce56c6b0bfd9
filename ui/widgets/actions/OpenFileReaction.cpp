#include "ui/widgets/actions/OpenFileReaction.h"

#include "core/base/error.h"
#include "core/io/fasta.h"
#include "core/io/structure_files.h"
#include "ui/services/document/Document.h"
#include "ui/services/settings/Settings.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>

#include <sstream>

namespace esmui {
namespace {

bool isFastaPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "fasta" || suffix == "fa" || suffix == "faa" || suffix == "fas";
}

QString describe(const esm::Structure& s) {
    int chains = 0, residues = 0;
    const auto range = s.conformerChains(0);
    for (int c = range.begin; c < range.end; ++c) {
        const int n = static_cast<int>(s.polymerResidues(c).size());
        chains += n > 0;
        residues += n;
    }
    // An ensemble's atoms are its first model's: 10 NMR models are not 12,310 atoms of one protein.
    const QString ensemble =
        s.conformerCount() > 1
            ? QObject::tr(" %1 models; model %2 shown:").arg(s.conformerCount()).arg(s.conformerNumber(0))
            : QString();
    return QObject::tr("%1:%2 %3 chain(s), %4 residues, %5 atoms%6")
        .arg(QString::fromStdString(s.name), ensemble)
        .arg(chains)
        .arg(residues)
        .arg(s.conformerAtoms(0).size())
        .arg(s.confidence == esm::Confidence::PLDDT ? QObject::tr(", pLDDT") : QString());
}

QByteArray resource(const QString& name) {
    QFile file(name);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace

bool openPath(const Workspace& workspace, const QString& path) {
    if (QFileInfo(path).suffix().toLower() == "esmx")
        return openSessionFile(workspace, path, SessionUse::AsDocument);
    try {
        if (QFileInfo(path).suffix().toLower() == "json") { // a PAE for the prediction on show
            workspace.document->attachPaeFile(path);
            workspace.showStatus(
                QObject::tr("Predicted aligned error from %1").arg(QFileInfo(path).fileName()));
            return true;
        }
        if (isFastaPath(path)) {
            const auto records = esm::readFastaFile(path.toStdString());
            workspace.document->setSequence(QString::fromStdString(records.front().sequence.text()),
                                            QFileInfo(path).absoluteFilePath());
            workspace.showStatus(
                QObject::tr("Opened %1: %2 (%3 record(s))")
                    .arg(QFileInfo(path).fileName(), QString::fromStdString(records.front().id))
                    .arg(records.size()));
        } else {
            workspace.document->openStructureFile(path);
            const esm::Structure& structure = workspace.document->structure();
            workspace.showStatus(describe(structure));
            if (!structure.warnings.empty()) // what could be read is open; say what was left out
                workspace.reportError(QObject::tr("Opened with warnings"),
                                      QString::fromStdString(structure.warnings.front()));
        }
    } catch (const std::exception& e) { // a std::bad_alloc too: an absurd file is an error, not an abort
        workspace.reportError(QObject::tr("Cannot open file"), describeFailure(e));
        return false;
    }
    Settings::addRecentFile(path);
    Settings::setLastOpenFolder(QFileInfo(path).absolutePath());
    return true;
}

void openExampleStructure(const Workspace& workspace) {
    workspace.document->setStructure(esm::readStructureText(resource(":/examples/1ubq.pdb").toStdString(),
                                                            esm::StructureFormat::Pdb, "example 1ubq.pdb",
                                                            "1UBQ"),
                                     QObject::tr("example: ubiquitin (1UBQ)"));
    workspace.showStatus(describe(workspace.document->structure()));
}

void useExampleSequence(const Workspace& workspace) {
    std::istringstream in(resource(":/examples/ubiquitin.fasta").toStdString());
    const auto records = esm::readFasta(in, "example ubiquitin.fasta");
    workspace.document->setSequence(QString::fromStdString(records.front().sequence.text()),
                                    QObject::tr("example: human ubiquitin"));
}

OpenFileReaction::OpenFileReaction(QAction* action, Workspace workspace)
    : Reaction(action), m_workspace(workspace) {}

void OpenFileReaction::onTriggered() {
    const QString structures = kStructureFilePatterns;
    const QString sequences = "*.fasta *.fa *.faa *.fas";
    const QString path = QFileDialog::getOpenFileName(
        m_workspace.window, tr("Open"), Settings::lastOpenFolder(),
        tr("Structures, sequences and sessions (%1 %2 *.esmx)").arg(structures, sequences) + ";;" +
            tr("Structures (%1)").arg(structures) + ";;" + tr("Sequences (%1)").arg(sequences) + ";;" +
            tr("ESM Explorer sessions (*.esmx)") + ";;" +
            tr("Predicted aligned error for the structure on show (*.json)") + ";;" + tr("All files (*)"));
    if (!path.isEmpty())
        openPath(m_workspace, path);
}

} // namespace esmui
