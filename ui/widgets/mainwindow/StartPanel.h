// What the window shows with nothing open: what ESM Explorer does, and examples one click away.
#pragma once

#include <QWidget>

namespace esmui {

class StartPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StartPanel(QWidget* parent = nullptr);

  Q_SIGNALS:
    void openExampleStructure();
    void useExampleSequence();
    void openFileRequested();
};

} // namespace esmui
