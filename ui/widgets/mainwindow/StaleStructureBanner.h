// A line above the 3D view while the sequence has moved on from the structure on show: "This
// structure is from the sequence before G10A — Refold". The view keeps the old structure (mapped
// onto the edited sequence, changes marked) until a new fold replaces it.
#pragma once

#include <QLabel>

namespace esmui {

class Document;

class StaleStructureBanner : public QLabel {
    Q_OBJECT
  public:
    explicit StaleStructureBanner(Document* document, QWidget* parent = nullptr);

  Q_SIGNALS:
    void refoldRequested();

  private:
    void refresh();

    Document* m_document;
};

} // namespace esmui
