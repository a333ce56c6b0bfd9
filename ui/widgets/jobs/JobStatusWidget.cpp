#include "ui/widgets/jobs/JobStatusWidget.h"

#include "ui/services/jobs/JobRunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace esmui {

JobStatusWidget::JobStatusWidget(JobRunner* runner, QWidget* parent)
    : QWidget(parent), m_runner(runner), m_label(new QLabel), m_bar(new QProgressBar),
      m_cancel(new QToolButton) {
    setObjectName("jobStatus");
    m_cancel->setObjectName("cancelJobButton");
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running computation"));
    m_bar->setMaximumWidth(160);
    m_bar->setTextVisible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    setVisible(false);
    connect(m_cancel, &QToolButton::clicked, this, [this] { m_runner->cancel(m_runner->runningJob()); });
    connect(runner, &JobRunner::started, this, &JobStatusWidget::onStarted);
    connect(runner, &JobRunner::progress, this, &JobStatusWidget::onProgress);
    for (auto signal : {&JobRunner::finished, &JobRunner::cancelled})
        connect(runner, signal, this, &JobStatusWidget::onEnded);
    connect(runner, &JobRunner::failed, this, [this](int job) { onEnded(job); });
}

void JobStatusWidget::onStarted(int, const QString& description) {
    m_description = description;
    m_label->setText(description + QStringLiteral("…"));
    m_bar->setRange(0, 0); // busy until the first progress report
    setVisible(true);
}

void JobStatusWidget::onProgress(int job, qint64 done, qint64 total, const QString& stage) {
    if (job != m_runner->runningJob())
        return;
    // A stage that only repeats the job's name ("Masked marginals: masked marginals") is said once.
    m_label->setText(stage.isEmpty() || stage.compare(m_description, Qt::CaseInsensitive) == 0
                         ? m_description
                         : QStringLiteral("%1: %2").arg(m_description, stage));
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(1000 * done / total));
    }
}

void JobStatusWidget::onEnded(int) {
    if (m_runner->runningJob() == 0)
        setVisible(false);
}

} // namespace esmui
