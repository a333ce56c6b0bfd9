// Help > Mouse and Keys: the 3D view's mouse controls, the sequence editor's keys, and every
// shortcut of the window's menus, read from the actions themselves so the list stays true.
#pragma once

#include <QString>

class QMenuBar;

namespace esmui {

// An HTML table.
QString controlsHelpText(const QMenuBar* menus);

} // namespace esmui
