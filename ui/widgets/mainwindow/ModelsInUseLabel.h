// The status bar's "Language model: … · Folding: …", following the document's models.
#pragma once

#include <QLabel>

namespace esmui {

class Document;

class ModelsInUseLabel : public QLabel {
    Q_OBJECT
  public:
    explicit ModelsInUseLabel(Document* document, QWidget* parent = nullptr);

  private:
    void refresh();

    Document* m_document;
};

} // namespace esmui
