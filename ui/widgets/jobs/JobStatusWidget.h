// The status bar's job indicator: what runs, its stage and progress, and a button to cancel it.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace esmui {

class JobRunner;

class JobStatusWidget : public QWidget {
    Q_OBJECT
  public:
    explicit JobStatusWidget(JobRunner* runner, QWidget* parent = nullptr);

  private:
    void onStarted(int job, const QString& description);
    void onProgress(int job, qint64 done, qint64 total, const QString& stage);
    void onEnded(int job);

    JobRunner* m_runner;
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
    QString m_description;
};

} // namespace esmui
