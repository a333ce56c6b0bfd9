#include "ui/services/jobs/FoldService.h"

#include "core/base/byte_size.h"
#include "core/pipeline/fold_input.h"
#include "core/pipeline/folder.h"
#include "core/structure/sequence.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ModelCache.h"
#include "ui/services/settings/Settings.h"

#include <QFileInfo>

#include <chrono>

namespace esmui {

FoldService::FoldService(Document* document, JobRunner* runner, QObject* parent)
    : QObject(parent), m_document(document), m_runner(runner) {
    connect(runner, &JobRunner::failed, this, [this](int job, const QString& message) {
        if (job == m_job)
            endJob(tr("Fold failed: %1").arg(message));
    });
    connect(runner, &JobRunner::cancelled, this, [this](int job) {
        if (job == m_job)
            endJob(tr("Fold cancelled"));
    });
}

void FoldService::endJob(const QString& status) {
    m_job = 0;
    setStatus(status);
    m_document->setFoldPreview(nullptr);
}

void FoldService::showPreview(int generation, int pass, int passes,
                              std::shared_ptr<const esm::Structure> structure, double meanPlddt) {
    if (generation != m_generation || !m_job)
        return;
    setStatus(
        tr("Preview after pass %1 of %2: mean pLDDT %3").arg(pass).arg(passes).arg(meanPlddt, 0, 'f', 1));
    m_document->setFoldPreview(std::move(structure));
}

void FoldService::setStatus(const QString& status) {
    m_status = status;
    Q_EMIT statusChanged(status);
}

const QString& FoldService::modelFolder() const {
    return m_document->foldingModel();
}

int FoldService::fold() {
    if (m_job)
        return m_job;
    if (modelFolder().isEmpty()) {
        setStatus(tr("Choose an ESMFold model first (File → Open Model Folder…)"));
        return 0;
    }
    std::string sequence;
    try {
        sequence = esm::Sequence::parse(m_document->sequence().toStdString()).text();
    } catch (const std::exception& e) {
        setStatus(tr("Cannot fold: %1").arg(QString::fromStdString(e.what())));
        return 0;
    }
    esm::FoldOptions options;
    options.recycles = m_recycles;
    if (m_chunk)
        options.chunkSize = *m_chunk;
    const QString folder = modelFolder();
    const esm::RuntimeOptions runtime = Settings::runtimeOptions();
    const QString text = QString::fromStdString(sequence);
    setStatus(tr("Folding…"));
    const int generation = ++m_generation;
    // Runs on the worker; the preview goes to the UI thread, where a newer fold makes it stale.
    const esm::FoldPreview preview = [this, generation](int pass, int passes,
                                                        std::vector<esm::FoldResult> sofar) {
        esm::FoldResult& r = sofar.front();
        r.structure.name = "fold preview";
        auto structure = std::make_shared<const esm::Structure>(std::move(r.structure));
        QMetaObject::invokeMethod(
            this,
            [this, generation, pass, passes, structure, mean = r.meanPlddt] {
                showPreview(generation, pass, passes, structure, mean);
            },
            Qt::QueuedConnection);
    };
    m_job = m_runner->submit(tr("Fold"), [this, folder, runtime, sequence, options, text,
                                          preview](const esm::Progress& progress, ModelCache& models) {
        const auto start = std::chrono::steady_clock::now();
        esm::Folder& model = models.folder(folder, runtime, progress);
        const std::vector<std::size_t> lengths{esm::encodeFoldInput(sequence).length()};
        const esm::MemoryEstimate memory = model.estimate(lengths, options);
        progress.step(0, 1,
                      "memory: needs about " + esm::gigabytesText(memory.total()) + " of " +
                          esm::gigabytesText(memory.available) + " available");
        // Refuses, with the remedy, what will not fit.
        auto results = model.fold({sequence}, options, progress, preview);
        const int passes = options.recycles.value_or(model.info().defaultRecycles) + 1;
        const QString how = (passes == 1 ? tr("%1, 1 trunk pass")
                                         : tr("%1, %2 trunk passes").arg("%1", QString::number(passes)))
                                .arg(QString::fromStdString(model.info().computeType));
        FoldRecord record;
        esm::FoldResult& r = results.front();
        record.sequence = text;
        r.structure.name = "fold";
        record.structure = std::make_shared<const esm::Structure>(std::move(r.structure));
        record.plddt = std::move(r.plddt);
        record.pae = std::move(r.pae);
        record.residues = int(r.residues);
        record.meanPlddt = r.meanPlddt;
        record.ptm = r.ptm;
        record.maxPae = r.maxPae;
        record.model = QFileInfo(folder).fileName();
        record.time = QDateTime::currentDateTime();
        record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return std::function<void()>([this, how, record = std::move(record)]() mutable {
            m_job = 0;
            setStatus(tr("Folded in %1 s (%2): mean pLDDT %3, pTM %4")
                          .arg(record.seconds, 0, 'f', 1)
                          .arg(how)
                          .arg(record.meanPlddt, 0, 'f', 1)
                          .arg(record.ptm, 0, 'f', 3));
            m_document->addFold(std::move(record)); // ends the preview
            Q_EMIT folded(int(m_document->folds().size()) - 1);
        });
    });
    return m_job;
}

} // namespace esmui
