#include "ui/widgets/actions/Reaction.h"

namespace esmui {

Reaction::Reaction(QAction* action) : QObject(action), m_action(action) {
    connect(action, &QAction::triggered, this, [this] { onTriggered(); });
}

} // namespace esmui
