// A training run's curves as they arrive: the training loss and each evaluation metric against the
// optimizer step, painted with QPainter so that the same drawing exports as PNG, SVG or PDF; the
// numbers export as CSV (step, epoch, name, value).
#pragma once

#include "core/pipeline/fine_tuning.h"

#include <QWidget>

#include <vector>

namespace esmui {

// Paints the curves of `log` into `area` (loss on the left axis, 0-1 metrics on the right).
void paintTrainingCurves(QPainter& painter, const QRectF& area, const std::vector<esm::TrainingLogEntry>& log,
                         std::int64_t totalSteps);
// step,epoch,name,value for every logged number.
QString trainingLogCsv(const std::vector<esm::TrainingLogEntry>& log);

class TrainingCurves : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingCurves(QWidget* parent = nullptr);
    void clear(std::int64_t totalSteps);
    void add(const esm::TrainingLogEntry& entry);
    const std::vector<esm::TrainingLogEntry>& log() const { return m_log; }
    // PNG, SVG or PDF by extension, or CSV; throws esm::Error naming the path.
    void exportTo(const QString& path) const;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    std::vector<esm::TrainingLogEntry> m_log;
    std::int64_t m_totalSteps = 0;
};

} // namespace esmui
