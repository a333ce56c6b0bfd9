// One user action's behaviour, as ParaView's pqReaction: created once with the QAction it serves
// (which owns it) and run on every trigger. Menus, toolbars and shortcuts share the action.
#pragma once

#include <QAction>
#include <QObject>

namespace esmui {

class Reaction : public QObject {
    Q_OBJECT
  public:
    explicit Reaction(QAction* action);
    QAction* action() const { return m_action; }

  protected:
    virtual void onTriggered() = 0;

  private:
    QAction* m_action;
};

} // namespace esmui
