// File > Open Recent: rebuilt from Settings each time it opens.
#pragma once

#include <QMenu>

namespace esmui {

class RecentFilesMenu : public QMenu {
    Q_OBJECT
  public:
    explicit RecentFilesMenu(QWidget* parent = nullptr);

  Q_SIGNALS:
    void fileChosen(const QString& path);

  private:
    void rebuild();
};

} // namespace esmui
